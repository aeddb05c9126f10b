// The rows the server's SELECTs return, column for column (schema: migrations/*.sql). Handlers pass
// them to `q.query<Row>()`; the mappers turn them into the contract's types.
import type { Certification, ContentStatus, ContentType, FacetCount, Tier } from '../../src/contract/index.js';

/**
 * A count or score. Integer columns arrive as numbers from both drivers, but `pg` returns bigint and
 * numeric (a bare count(*), a SUM) as strings: typed wide so that the mappers keep their Number().
 */
export type Numeric = string | number;

/** A json column: both drivers parse it, but the search handler also accepts the text form. */
export type Json<T> = T | string;

/** The author columns every content SELECT joins in (AUTHOR_COLS in handlers/common.ts). */
export interface AuthorColumns {
  author_id: string;
  author_name: string;
  author_org: string | null;
  author_avatar: string | null;
}

/** What a list row of threads and questions shares: the summary's columns, without the body (lists never read it). */
export interface TopicSummaryRow extends AuthorColumns {
  id: string;
  title: string;
  /** Plain-text preview kept by the database when the body is written (migration 014). */
  excerpt: string;
  category: string;
  tags: string[];
  score: Numeric;
  /**
   * A Date when read with `t.*` (one topic), the contract's ISO text already when a list selects it
   * with TOPIC_SUMMARY_COLS (`isoTimeSql`): no Date is made or formatted per row.
   */
  created_at: Date | string;
  last_activity_at: Date | string;
  /** Moderation state (migration 006). */
  status: ContentStatus;
}

/** What threads and questions share: a titled, tagged body with a score and activity times. */
export interface TopicRow extends TopicSummaryRow {
  body: string;
  held_reason: string | null;
}

/**
 * A row of a keyset-paged list: its timestamp key as exact text (`seekTime` in cursor.ts), because a
 * Date would drop the microseconds the next page seeks past.
 */
export interface SeekRow {
  seek_at: string;
}

export interface ThreadSummaryRow extends TopicSummaryRow {
  reply_count: Numeric;
  solved: boolean;
  locked: boolean;
  pinned: boolean;
}

export interface ThreadRow extends TopicRow, ThreadSummaryRow {}

export interface PostRow extends AuthorColumns {
  id: string;
  thread_id: string;
  body: string;
  created_at: Date;
  edited_at: Date | null;
  status: ContentStatus;
  held_reason: string | null;
}

export interface QuestionSummaryRow extends TopicSummaryRow {
  answer_count: Numeric;
  accepted_answer_id: string | null;
}

/**
 * One question read by id. `accepted_answer_id` is the accepted answer while it is published;
 * `chosen_answer_id` the asker's choice even while held or hidden (migration 024), with that answer's
 * author and status, so that the detail shows it to whoever may read it.
 */
export interface QuestionRow extends TopicRow, QuestionSummaryRow {
  chosen_answer_id: string | null;
  chosen_author_id: string | null;
  chosen_status: ContentStatus | null;
}

export interface AnswerRow extends AuthorColumns {
  id: string;
  question_id: string;
  body: string;
  score: Numeric;
  created_at: Date;
  edited_at: Date | null;
  status: ContentStatus;
  held_reason: string | null;
}

/** An answer with the caller's vote joined in (0 when there is none). */
export interface VotedAnswerRow extends AnswerRow {
  my_vote: Numeric;
}

/** One answer loaded by its id: it also carries its question's author, status and chosen answer. */
export interface AnswerInQuestionRow extends VotedAnswerRow {
  chosen_answer_id: string | null;
  question_author_id: string;
  question_status: ContentStatus;
}

/** A candidate of the deflection search, with the accepted answer's body when there is one. */
export interface SimilarQuestionRow {
  id: string;
  title: string;
  answer_count: Numeric;
  accepted_answer_id: string | null;
  sim: Numeric;
  accepted_body: string | null;
}

/** A visible article with its feedback counts. Only the seed writes articles, from the contract's lists. */
export interface ArticleRow {
  id: string;
  title: string;
  body: string;
  product: string;
  content_type: ContentType;
  min_tier: Tier;
  roles: string[];
  updated_at: Date;
  yes: Numeric;
  no: Numeric;
}

/** One hit inside the search query's json_agg: timestamps are JSON text there, not Dates. */
export interface ArticleHitRow {
  id: string;
  product: string;
  content_type: ContentType;
  updated_at: string;
  rank: number;
  title: string;
  body: string;
}

/** The single row of the search query: the total, both facets and a page of hits. */
export interface ArticleSearchRow {
  total: Numeric;
  fp: Json<FacetCount[]>;
  fct: Json<FacetCount[]>;
  items: Json<ArticleHitRow[]>;
}

export interface BadgeClassRow {
  id: string;
  name: string;
  description: string;
  criteria: string;
  color: string;
}

export interface CertificationRow {
  id: string;
  badge_id: string;
  recipient_kind: Certification['recipient']['kind'];
  recipient_id: string;
  recipient_name: string;
  recipient_email: string;
  salt: string;
  issued_on: Date;
  expires: Date | null;
  revoked: boolean;
  revocation_reason: string | null;
  /** Its bit in the OB 3.0 revocation status list (migration 005). */
  status_index: number;
}

/** A certification with its badge class's name and description (C_SELECT in handlers/certifications.ts). */
export interface CertificationCardRow extends CertificationRow {
  badge_name: string;
  badge_description: string;
}

export interface PersonRow {
  id: string;
  name: string;
  email: string | null;
  org_id: string | null;
  org_name: string | null;
  tier: Tier | null;
  roles: string[];
  avatar_url: string | null;
  demo: boolean;
}

/** A demo person with the current name of their org. */
export interface DemoPersonRow extends PersonRow {
  oname: string | null;
}

export interface IdempotencyRow {
  fingerprint: string;
  status: number | null;
  body: string | null;
}

/** The single row of the statistics query. */
export interface StatsRow {
  median: Numeric | null;
  asked: Numeric;
  accepted: Numeric;
  art_yes: Numeric;
  art_all: Numeric;
  ans_up: Numeric;
  ans_all: Numeric;
}

export interface WeeklyRow {
  week: string;
  threads: Numeric;
  posts: Numeric;
  questions: Numeric;
  answers: Numeric;
}
