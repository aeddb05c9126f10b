import type { Answer, ContentStatus, Ok, Question, QuestionSummary, SimilarQuestion, VoteResult, VoteValue } from '../../../src/contract/index.js';
import type { Ctx } from '../context.js';
import { HttpError, forbidden, notFound } from '../problem.js';
import type { AnswerInQuestionRow, AnswerRow, Numeric, QuestionRow, QuestionSummaryRow, SeekRow, SimilarQuestionRow, VotedAnswerRow } from '../rows.js';
import { cursorKind, decodeKeyCursor, encodeKeyCursor, keysetPage, seekTime } from '../cursor.js';
import { excerpt, iso, newId } from '../text.js';
import { AUTHOR_COLS, author, mayEdit, needUser, pageLimit, upsertPerson } from './common.js';
import { autoFollow, enqueue } from '../notify/outbox.js';
import { anyWordTsquery, prefixTerm } from './search.js';
import { withSearchPlanner } from './search-planner.js';
import { announceContent } from '../moderation/announce.js';
import { recountParent } from '../moderation/content.js';
import { keepRevision } from '../moderation/revisions.js';
import { screenEdit, screenNewPost } from '../moderation/screen.js';
import { mayModerate, mayRead, mayReadItem, shownInTopic } from '../moderation/visibility.js';
import { TOPIC_SEEK_COLUMN, TOPIC_SUMMARY_COLS, topicListSql, topicSummary } from './topic.js';

const Q_COLS = `t.id, t.title, t.body, t.excerpt, t.category, t.tags, t.author_id, t.answer_count, t.score, t.accepted_answer_id,
  t.created_at, t.last_activity_at, t.status, t.held_reason, ${AUTHOR_COLS}`;
/** A question list row: the summary's columns only (no body; the excerpt is stored). */
const Q_SUMMARY_COLS = `${TOPIC_SUMMARY_COLS}, t.answer_count, t.accepted_answer_id`;
const Q_FROM = `FROM questions t JOIN people p ON p.id = t.author_id`;
/** One question, with the asker's choice of answer and whose that answer is (acceptedFor). */
const Q_SELECT = `SELECT ${Q_COLS}, t.chosen_answer_id, ca.author_id AS chosen_author_id, ca.status AS chosen_status
  ${Q_FROM} LEFT JOIN answers ca ON ca.id = t.chosen_answer_id`;
const A_SELECT = `SELECT x.*, ${AUTHOR_COLS} FROM answers x JOIN people p ON p.id = x.author_id`;

export const questionSummary = (r: QuestionSummaryRow): QuestionSummary =>
  topicSummary(r, { answerCount: Number(r.answer_count), score: Number(r.score), accepted: r.accepted_answer_id != null }, { status: r.status });

async function myVote(ctx: Ctx, kind: string, id: string): Promise<VoteValue> {
  if (!ctx.user) return 0;
  const { rows } = await ctx.q.query<{ value: number }>(
    `SELECT value FROM votes WHERE person_id = $1 AND target_kind = $2 AND target_id = $3`, [ctx.user.id, kind, id],
  );
  return (Number(rows[0]?.value ?? 0) as VoteValue);
}

async function loadQuestion(ctx: Ctx, id: string) {
  const { rows } = await ctx.q.query<QuestionRow>(`${Q_SELECT} WHERE t.id = $1`, [id]);
  // Held and hidden questions exist only for their author and moderators.
  if (!rows[0] || !mayRead(ctx.user, rows[0].author_id, rows[0].status)) throw notFound('The question');
  return rows[0];
}

/**
 * The accepted answer as the caller sees it. Published, it is everyone's (the question is accepted in
 * the lists, similar questions and every count). Held or hidden, the question is not accepted, except
 * for whoever may still read that answer: its author and moderators see which answer it was (a
 * moderator deciding whether to restore it needs to); the asker, like everyone else, does not.
 */
function acceptedFor(ctx: Ctx, r: QuestionRow): string | null {
  if (r.accepted_answer_id) return r.accepted_answer_id;
  if (!r.chosen_answer_id || !r.chosen_author_id || !r.chosen_status) return null;
  return mayRead(ctx.user, r.chosen_author_id, r.chosen_status) ? r.chosen_answer_id : null;
}

async function question(ctx: Ctx, r: QuestionRow): Promise<Question> {
  const acceptedId = acceptedFor(ctx, r);
  // `accepted` is overwritten in place: the summary's key order (and so the ETag) stays.
  return { ...questionSummary(r), accepted: acceptedId !== null, body: r.body, acceptedAnswerId: acceptedId, myVote: await myVote(ctx, 'question', r.id) };
}

/**
 * Answers run: the accepted one, then score DESC, created_at, id. Its key is (accepted, score,
 * created_at, id) of the last answer shown. The accepted answer can only ever be first, so it is
 * ordered in on the first page alone; every later page leaves it out and seeks over the rest, whose
 * order is total but mixed (score down, the rest up). A row-value comparison needs one direction,
 * so the seek is written out: a lower score, or the same score and a later (created_at, id).
 * A cursor made right after the accepted answer (a page of one) seeks from the start of the rest.
 * If the accepted answer changes between pages, the newly accepted one is left out of the later
 * pages (the first page shows it now) and the one it replaced is placed by its score like any other.
 */
const ANSWERS = cursorKind('answers', ['bool', 'int', 'time', 'id']);

async function answersPage(ctx: Ctx, q: QuestionRow, cursor?: string, limitIn?: number) {
  const key = decodeKeyCursor(ANSWERS, cursor);
  const limit = pageLimit(limitIn);
  const accepted = acceptedFor(ctx, q);
  const acceptedId = accepted ?? '';
  const params: unknown[] = [q.id, acceptedId, limit + 1, ctx.user?.id ?? ''];
  let seek = '';
  if (key) {
    seek = 'AND x.id <> $2';
    const [afterAccepted, score, at, id] = key;
    if (!afterAccepted) {
      const s = params.push(score);
      seek += ` AND (x.score < $${s}::int OR (x.score = $${s}::int
        AND (x.created_at, x.id) > ($${params.push(at)}::timestamptz, $${params.push(id)}::text)))`;
    }
  }
  const order = key ? 'a.score DESC, a.created_at, a.id' : '(a.id = $2) DESC, a.score DESC, a.created_at, a.id';
  const shown = shownInTopic('x', ctx.user, params);
  const { rows } = await ctx.q.query<VotedAnswerRow & SeekRow>(
    `SELECT a.*, ${seekTime('a.created_at')} AS seek_at, COALESCE(v.value, 0) AS my_vote
     FROM (${A_SELECT} WHERE x.question_id = $1 AND ${shown} ${seek}) a
     LEFT JOIN votes v ON v.target_kind = 'answer' AND v.target_id = a.id AND v.person_id = $4
     ORDER BY ${order} LIMIT $3`,
    params,
  );
  return keysetPage(
    rows, limit, (r) => answer(r, accepted),
    (r) => encodeKeyCursor(ANSWERS, [r.id === acceptedId, Number(r.score), r.seek_at, r.id]),
  );
}

/** `my_vote` is missing right after an insert: nobody has voted yet. */
export const answer = (r: AnswerRow & { my_vote?: Numeric }, acceptedId: string | null): Answer => ({
  id: r.id,
  questionId: r.question_id,
  author: author(r),
  body: r.body,
  score: Number(r.score),
  myVote: Number(r.my_vote ?? 0) as VoteValue,
  accepted: r.id === acceptedId,
  createdAt: iso(r.created_at),
  status: r.status,
});

export async function listQuestions(ctx: Ctx<'listQuestions'>) {
  const { sql, params, limit, cursorAfter } = topicListSql(ctx.query, 'questions', 'answer_count');
  const { rows } = await ctx.q.query<QuestionSummaryRow & SeekRow>(`SELECT ${Q_SUMMARY_COLS}, ${TOPIC_SEEK_COLUMN} ${Q_FROM} ${sql}`, params);
  return keysetPage(rows, limit, questionSummary, cursorAfter);
}

/**
 * SQL for a tsquery matching titles that hold every distinct lexeme of websearch_to_tsquery('english',
 * <param>) but exactly `drop` of them (1 or 2): the conjunctions of the others, joined by `|`. NULL (matches
 * nothing) unless at least two lexemes are left in each. Lexemes are taken as anyWordTsquery takes them.
 */
const allButTsquery = (param: string, drop: 1 | 2) =>
  `(WITH w AS (
      SELECT lex, row_number() OVER (ORDER BY lex) AS i, count(*) OVER () AS n
      FROM (SELECT DISTINCT l[1] AS lex FROM regexp_matches(websearch_to_tsquery('english', ${param})::text, '(''(?:[^'']|'''')*'')', 'g') l) x)
    SELECT string_agg(c, ' | ') FROM (
      SELECT '(' || string_agg(w.lex, ' & ') || ')' AS c
      FROM (SELECT a.i AS i, b.i AS j FROM w a JOIN w b ON ${drop === 1 ? 'a.i = b.i' : 'a.i < b.i'}) s JOIN w ON w.i <> s.i AND w.i <> s.j
      WHERE w.n - ${drop} >= 2 GROUP BY s.i, s.j) t)::tsquery`;

/** Phase one's candidates per source in the similar-question lookup. */
const SIMILAR_CANDIDATES = 50;

/**
 * Questions like the draft a partner is typing (deflection), in two phases over the narrow
 * `question_search` table (migration 013).
 *
 * Phase one takes at most SIMILAR_CANDIDATES from each of six full-text sources, each a bitmap read
 * of its GIN index stopped at the limit, with no ORDER BY: an order would make PostgreSQL either sort every match or walk an ordered index testing each row, and at 100k templated titles a
 * common word matches thousands (and a walk that finds nothing reads the whole table). They are:
 * accepted questions whose title holds every word, any title holding every word, title-or-body matches
 * (with the type-ahead prefix), and titles holding any of the words. Which matches fill one of them past
 * its limit follows the table's physical order (oldest first), so when more than the limit share the
 * draft's words they are no help for a draft with a typo or an extra word. The fifth and sixth sources
 * cover those: titles holding every word of the draft but one, and every word but two (each still at
 * least two words, so they stay selective). The GiST trigram KNN that phase one used before, `<->` and
 * `<<->`, read thousands of index pages per keystroke over near-duplicate titles (issue 18), and a GIN
 * trigram bitmap (`%`) still visits thousands of templated titles at 100k.
 *
 * Phase two computes the exact similarity of those candidates only (trigram, word and full-text rank)
 * and ranks by it, answered ones with a head start from the stored `answered` state; only the page's
 * few rows then read `questions` and the accepted answer.
 */
export async function similarQuestions(ctx: Ctx<'similarQuestions'>) {
  const text: string = ctx.query.q;
  const limit = Math.min(pageLimit(ctx.query.limit, 5), 20);
  const prefix = prefixTerm(text);
  const match = `(qs.search @@ websearch_to_tsquery('english', $1)
          OR ($2::text <> '' AND qs.words @@ to_tsquery('simple', $2)
              AND (numnode(websearch_to_tsquery('english', $4)) = 0 OR qs.search @@ websearch_to_tsquery('english', $4))))`;
  const { rows } = await withSearchPlanner(ctx.db, (tx) => tx.query<SimilarQuestionRow>(
    `WITH src AS (
       -- matched: the source's own condition implies the whole-query match (the title's lexemes are in the
       -- whole-document vector too; not so with a negated word, which the body may hold), so phase two
       -- need not read the body vectors to test it.
       (SELECT qs.id, $6::boolean AS matched FROM question_search qs WHERE qs.title_search @@ websearch_to_tsquery('english', $1) AND qs.answered = 2 LIMIT $5)
       UNION ALL (SELECT qs.id, $6::boolean FROM question_search qs WHERE qs.title_search @@ websearch_to_tsquery('english', $1) LIMIT $5)
       UNION ALL (SELECT qs.id, true FROM question_search qs WHERE ${match} LIMIT $5)
       UNION ALL (SELECT qs.id, false FROM question_search qs WHERE qs.title_search @@ ${anyWordTsquery('$1')} LIMIT $5)
       -- Titles holding all the draft's words but one, then all but two: a typo or an extra word or two in the
       -- draft, among many titles sharing its common words (those fill the any-word source above first).
       UNION ALL (SELECT qs.id, false FROM question_search qs WHERE qs.title_search @@ ${allButTsquery('$1', 1)} LIMIT $5)
       UNION ALL (SELECT qs.id, false FROM question_search qs WHERE qs.title_search @@ ${allButTsquery('$1', 2)} LIMIT $5)
     ), cand AS (SELECT id, bool_or(matched) AS matched FROM src GROUP BY id),
     c AS (
       -- A candidate is kept if it matches or its title is trigram-similar; the test sits in a CASE, not
       -- in WHERE, so that the planner does not estimate the trigram operators' selectivity: pg_trgm
       -- estimates % and <% by running them over the column's statistics sample, 4 of the 5 ms this
       -- statement spent planning at 100k. A dropped candidate's sim is NULL, which no filter keeps.
       SELECT qs.id, qs.answered,
         CASE WHEN cand.matched
           OR qs.title_lower OPERATOR(public.%) lower($1)
           OR lower($1) OPERATOR(public.<%) qs.title_lower
           OR ${match}
         THEN LEAST(1, GREATEST(public.similarity(qs.title_lower, lower($1)), public.word_similarity(lower($1), qs.title_lower) * 0.9,
           ts_rank(qs.search, websearch_to_tsquery('english', $1)) * 2)) END AS sim
       FROM cand JOIN question_search qs ON qs.id = cand.id
     ), top AS (
       -- Ranked by similarity; an accepted (then an answered) question gets a head start, so that among
       -- comparable matches the ones that already answer the partner come first.
       SELECT c.id, c.sim, c.sim + CASE c.answered WHEN 2 THEN 0.25 WHEN 1 THEN 0.1 ELSE 0 END AS score
       FROM c WHERE c.sim > 0.1 ORDER BY score DESC, c.id LIMIT $3
     )
     -- A held or hidden accepted answer lends no excerpt.
     SELECT top.id, q.title, q.answer_count, q.accepted_answer_id, top.sim, a.body AS accepted_body
     FROM top JOIN questions q ON q.id = top.id AND q.status = 'published'
     LEFT JOIN answers a ON a.id = q.accepted_answer_id AND a.status = 'published'
     ORDER BY top.score DESC, top.id`,
    [text, prefix.length >= 3 ? `${prefix}:*` : '', limit, prefix ? text.slice(0, text.length - prefix.length) : '', SIMILAR_CANDIDATES,
      !/(^|\s)-\S/.test(text)],
  ));
  return {
    items: rows.map((r): SimilarQuestion => ({
      id: r.id,
      title: r.title,
      answerCount: Number(r.answer_count),
      accepted: r.accepted_answer_id != null,
      acceptedExcerpt: r.accepted_body ? excerpt(r.accepted_body) : null,
      similarity: Math.max(0, Math.min(1, Math.round(Number(r.sim) * 1000) / 1000)),
    })),
  };
}

export async function getQuestion(ctx: Ctx<'getQuestion'>) {
  const q = await loadQuestion(ctx, ctx.params.id);
  return { question: await question(ctx, q), answers: await answersPage(ctx, q) };
}

export async function listAnswers(ctx: Ctx<'listAnswers'>) {
  const q = await loadQuestion(ctx, ctx.params.id);
  return answersPage(ctx, q, ctx.query.cursor, ctx.query.limit);
}

export async function askQuestion(ctx: Ctx<'askQuestion'>) {
  const u = needUser(ctx);
  await upsertPerson(ctx.q, u);
  const id = newId('q');
  const b = ctx.body;
  const { status, heldReason } = await screenNewPost(ctx, { title: b.title, body: b.body });
  await ctx.q.query(
    `INSERT INTO questions (id, title, body, category, tags, author_id, status, held_reason) VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8)`,
    [id, b.title, b.body, b.category, b.tags ?? [], u.id, status, heldReason],
  );
  const q = await loadQuestion(ctx, id);
  await announceContent(ctx, 'question', id, null, q.category, status);
  await autoFollow(ctx.q, u.id, 'question', id);
  return question(ctx, q);
}

export async function answerQuestion(ctx: Ctx<'answerQuestion'>) {
  const u = needUser(ctx);
  const q = await loadQuestion(ctx, ctx.params.id);
  await upsertPerson(ctx.q, u);
  const id = newId('a');
  const { status, heldReason } = await screenNewPost(ctx, { body: ctx.body.body });
  await ctx.q.query(`INSERT INTO answers (id, question_id, author_id, body, status, held_reason) VALUES ($1, $2, $3, $4, $5, $6)`, [
    id, q.id, u.id, ctx.body.body, status, heldReason,
  ]);
  // A held answer neither counts nor moves the question up until it is approved.
  if (status === 'published') {
    await recountParent(ctx.q, 'answer', q.id);
    await ctx.q.query(`UPDATE questions SET last_activity_at = now() WHERE id = $1`, [q.id]);
  }
  const { rows } = await ctx.q.query<AnswerRow>(`${A_SELECT} WHERE x.id = $1`, [id]);
  await announceContent(ctx, 'answer', id, q.id, q.category, status);
  await autoFollow(ctx.q, u.id, 'question', q.id);
  return answer(rows[0], q.accepted_answer_id);
}

export async function acceptAnswer(ctx: Ctx<'acceptAnswer'>) {
  const u = needUser(ctx);
  const q = await loadQuestion(ctx, ctx.params.id);
  if (q.author_id !== u.id && !mayModerate(u)) throw forbidden('Only the person who asked can accept an answer.');
  const { rows } = await ctx.q.query(`SELECT id FROM answers WHERE id = $1 AND question_id = $2 AND status = 'published'`, [ctx.body.answerId, q.id]);
  if (!rows[0]) {
    throw new HttpError(422, 'Unprocessable Content', 'That answer does not belong to this question.', [
      { path: 'answerId', message: 'is not an answer to this question' },
    ]);
  }
  await ctx.q.query(`UPDATE questions SET accepted_answer_id = $2, last_activity_at = now() WHERE id = $1`, [q.id, ctx.body.answerId]);
  // On a held or hidden question the acceptance is nobody else's news (the outbox gate would drop it too).
  if (q.status === 'published') {
    await ctx.emit({ type: 'answer.accepted', id: ctx.body.answerId, parentId: q.id, category: q.category });
    await enqueue(ctx.q, { event: 'answer.accepted', id: ctx.body.answerId, actorId: u.id });
  }
  return question(ctx, await loadQuestion(ctx, q.id));
}

async function vote(ctx: Ctx<'voteQuestion' | 'voteAnswer'>, kind: 'question' | 'answer', table: 'questions' | 'answers'): Promise<VoteResult> {
  const u = needUser(ctx);
  // Locked for the score update below up front: the insights trigger of the vote locks an answer FOR
  // SHARE (migration 015), and two voters holding that and then both updating the score would deadlock.
  // An answer is read with its question (mayReadItem); only the voted row is locked.
  const parent = kind === 'answer' ? `q.author_id AS parent_author_id, q.status AS parent_status FROM answers x JOIN questions q ON q.id = x.question_id`
    : `NULL::text AS parent_author_id, NULL::text AS parent_status FROM questions x`;
  const { rows } = await ctx.q.query<{ author_id: string; status: ContentStatus; parent_author_id: string | null; parent_status: ContentStatus | null }>(
    `SELECT x.author_id, x.status, ${parent} WHERE x.id = $1 FOR NO KEY UPDATE OF x`, [ctx.params.id],
  );
  const r0 = rows[0];
  const parentState = r0?.parent_author_id && r0.parent_status ? { authorId: r0.parent_author_id, status: r0.parent_status } : null;
  if (!r0 || !mayReadItem(u, { authorId: r0.author_id, status: r0.status }, parentState)) throw notFound(kind === 'question' ? 'The question' : 'The answer');
  const value = ctx.body.value;
  if (value === 0) {
    await ctx.q.query(`DELETE FROM votes WHERE person_id = $1 AND target_kind = $2 AND target_id = $3`, [u.id, kind, ctx.params.id]);
  } else {
    await ctx.q.query(
      `INSERT INTO votes (person_id, target_kind, target_id, value) VALUES ($1, $2, $3, $4)
       ON CONFLICT (person_id, target_kind, target_id) DO UPDATE SET value = EXCLUDED.value, created_at = now()`,
      [u.id, kind, ctx.params.id, value],
    );
  }
  const r = await ctx.q.query<{ score: number }>(
    `UPDATE ${table} SET score = (SELECT COALESCE(SUM(value), 0)::int FROM votes WHERE target_kind = $2 AND target_id = $1)
     WHERE id = $1 RETURNING score`,
    [ctx.params.id, kind],
  );
  return { score: Number(r.rows[0].score), myVote: value };
}

export const voteQuestion = (ctx: Ctx<'voteQuestion'>) => vote(ctx, 'question', 'questions');
export const voteAnswer = (ctx: Ctx<'voteAnswer'>) => vote(ctx, 'answer', 'answers');

export async function recordDeflection(ctx: Ctx<'recordDeflection'>): Promise<Ok> {
  await loadQuestion(ctx, ctx.params.id);
  await ctx.q.query(`INSERT INTO deflections (question_id, person_id, query) VALUES ($1, $2, $3)`, [
    ctx.params.id, ctx.user?.id ?? null, ctx.body.query,
  ]);
  return { ok: true };
}

export async function updateQuestion(ctx: Ctx<'updateQuestion'>) {
  const u = needUser(ctx);
  const q = await loadQuestion(ctx, ctx.params.id);
  mayEdit(u, q.author_id);
  const b = ctx.body;
  const held = await screenEdit(ctx, { title: b.title, body: b.body });
  if (b.title !== undefined || b.body !== undefined) await keepRevision(ctx.q, { kind: 'question', id: q.id }, u.id, { title: q.title, body: q.body });
  await ctx.q.query(
    `UPDATE questions SET title = COALESCE($2, title), body = COALESCE($3, body), tags = COALESCE($4::text[], tags),
       status = COALESCE($5, status), held_reason = CASE WHEN $5::text IS NULL THEN held_reason ELSE $6 END WHERE id = $1`,
    [q.id, b.title ?? null, b.body ?? null, b.tags ?? null, held?.status ?? null, held?.heldReason ?? null],
  );
  if (held && q.status !== 'held') await announceContent(ctx, 'question', q.id, null, q.category, 'held');
  if (b.body != null) await enqueue(ctx.q, { event: 'content.edited', kind: 'question', id: q.id });
  return question(ctx, await loadQuestion(ctx, q.id));
}

export async function deleteQuestion(ctx: Ctx<'deleteQuestion'>) {
  const u = needUser(ctx);
  const q = await loadQuestion(ctx, ctx.params.id);
  mayEdit(u, q.author_id);
  await ctx.q.query(`DELETE FROM questions WHERE id = $1`, [q.id]);
  return undefined;
}

async function loadAnswer(ctx: Ctx, id: string) {
  const { rows } = await ctx.q.query<AnswerInQuestionRow>(
    `SELECT a.*, q.chosen_answer_id, q.author_id AS question_author_id, q.status AS question_status, COALESCE(v.value, 0) AS my_vote
     FROM (${A_SELECT} WHERE x.id = $1) a
     JOIN questions q ON q.id = a.question_id
     LEFT JOIN votes v ON v.target_kind = 'answer' AND v.target_id = a.id AND v.person_id = $2`,
    [id, ctx.user?.id ?? ''],
  );
  const r = rows[0];
  if (!r || !mayReadItem(ctx.user, { authorId: r.author_id, status: r.status }, { authorId: r.question_author_id, status: r.question_status })) {
    throw notFound('The answer');
  }
  return r;
}

export async function updateAnswer(ctx: Ctx<'updateAnswer'>) {
  const u = needUser(ctx);
  const a = await loadAnswer(ctx, ctx.params.id);
  mayEdit(u, a.author_id);
  const held = await screenEdit(ctx, { body: ctx.body.body });
  await keepRevision(ctx.q, { kind: 'answer', id: a.id }, u.id, { title: null, body: a.body });
  await ctx.q.query(
    `UPDATE answers SET body = $2, edited_at = now(), status = COALESCE($3, status), held_reason = CASE WHEN $3::text IS NULL THEN held_reason ELSE $4 END WHERE id = $1`,
    [a.id, ctx.body.body, held?.status ?? null, held?.heldReason ?? null],
  );
  if (held && a.status !== 'held') {
    await recountParent(ctx.q, 'answer', a.question_id);
    const { rows } = await ctx.q.query<{ category: string }>(`SELECT category FROM questions WHERE id = $1`, [a.question_id]);
    await announceContent(ctx, 'answer', a.id, a.question_id, rows[0]?.category ?? '', 'held');
  }
  await enqueue(ctx.q, { event: 'content.edited', kind: 'answer', id: a.id });
  const r = await loadAnswer(ctx, a.id);
  // The caller may read this answer (loadAnswer), so its being the asker's choice is theirs to see (acceptedFor).
  return answer(r, r.chosen_answer_id);
}

export async function deleteAnswer(ctx: Ctx<'deleteAnswer'>) {
  const u = needUser(ctx);
  const a = await loadAnswer(ctx, ctx.params.id);
  mayEdit(u, a.author_id);
  await ctx.q.query(`UPDATE questions SET accepted_answer_id = NULL WHERE id = $1 AND accepted_answer_id = $2`, [a.question_id, a.id]);
  await ctx.q.query(`DELETE FROM answers WHERE id = $1`, [a.id]);
  await recountParent(ctx.q, 'answer', a.question_id);
  return undefined;
}
