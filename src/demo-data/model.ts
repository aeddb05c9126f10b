import type { Audience, ContentType, Role, Tier } from '../contract/index.js';

/**
 * The records of the demo community, as createCommunity() builds them: MemoryBackend serves them as
 * they are, the server seed inserts them into its tables. Dates are epoch milliseconds; each backend
 * turns records into contract values (ISO strings, authors, scores) on the way out.
 */
export interface OrgRecord { id: string; name: string; tier: Tier; email: string }

export interface PersonRecord {
  id: string;
  name: string;
  email: string;
  /** null for vendor staff: they belong to the vendor, not to a partner org. */
  orgId: string | null;
  roles: Role[];
  avatarUrl: string | null;
}

/** One vote per person per target: person id -> +1 or -1. */
export type Votes = Record<string, 1 | -1>;

export interface ThreadRecord {
  id: string;
  title: string;
  body: string;
  category: string;
  tags: string[];
  authorId: string;
  score: number;
  solved: boolean;
  createdAt: number;
  lastActivityAt: number;
}

export interface PostRecord { id: string; threadId: string; authorId: string; body: string; createdAt: number; editedAt: number | null }

export interface QuestionRecord {
  id: string;
  title: string;
  body: string;
  category: string;
  tags: string[];
  authorId: string;
  createdAt: number;
  lastActivityAt: number;
  acceptedAnswerId: string | null;
  /** Votes from people outside the fixture; `votes` holds the ones that can change. */
  baseScore: number;
  votes: Votes;
}

export interface AnswerRecord {
  id: string;
  questionId: string;
  authorId: string;
  body: string;
  createdAt: number;
  baseScore: number;
  votes: Votes;
}

export interface ArticleRecord {
  id: string;
  title: string;
  body: string;
  product: string;
  contentType: ContentType;
  audience: Audience;
  updatedAt: number;
  helpful: { yes: number; no: number };
}

export interface CertificationRecord {
  id: string;
  badge: string;
  recipient: { kind: 'person' | 'org'; id: string };
  issuedOn: number;
  expires: number | null;
  revoked: boolean;
  revocationReason: string | null;
}

export interface BadgeClassRecord { slug: string; name: string; description: string; criteria: string; code: string; colour: string }

/** The whole community. `structuredClone`-able, so each backend can own a private copy. */
export interface Community {
  now: number;
  orgs: OrgRecord[];
  people: PersonRecord[];
  threads: ThreadRecord[];
  posts: PostRecord[];
  questions: QuestionRecord[];
  answers: AnswerRecord[];
  articles: ArticleRecord[];
  badges: BadgeClassRecord[];
  certifications: CertificationRecord[];
}
