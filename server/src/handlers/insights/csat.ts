// "Did this solve your problem?": the asker of a question with an accepted answer scores it 1 to 5,
// with an optional comment. One answer per asker and question; answering again replaces it.
import type { ContentStatus, CsatAnswer, CsatStatus } from '../../../../src/contract/index.js';
import type { Ctx } from '../../context.js';
import { forbidden, HttpError, notFound } from '../../problem.js';
import { mayReadItem } from '../../moderation/visibility.js';
import { iso, needUser } from '../common.js';

/** `accepted_answer_id` is set only while the accepted answer is published (migration 024). */
interface QuestionOwner { author_id: string; status: ContentStatus; accepted_answer_id: string | null }
interface CsatRow { question_id: string; score: number; comment: string | null; answered_at: Date | string }

const answerOf = (r: CsatRow): CsatAnswer => ({ questionId: r.question_id, score: Number(r.score), comment: r.comment, answeredAt: iso(r.answered_at) });

/** The question, if the caller may see it: a held or hidden one is 404 to others, as an unknown id is. */
async function ownerOf(ctx: Ctx, id: string): Promise<QuestionOwner> {
  const { rows } = await ctx.q.query<QuestionOwner>(`SELECT author_id, status, accepted_answer_id FROM questions WHERE id = $1`, [id]);
  if (!rows[0] || !mayReadItem(ctx.user, { authorId: rows[0].author_id, status: rows[0].status }, null)) throw notFound('The question');
  return rows[0];
}

export async function getCsat(ctx: Ctx<'getCsat'>): Promise<CsatStatus> {
  const u = needUser(ctx);
  const q = await ownerOf(ctx, ctx.params.id);
  const { rows } = await ctx.q.query<CsatRow>(`SELECT question_id, score, comment, answered_at FROM csat WHERE question_id = $1 AND person_id = $2`, [ctx.params.id, u.id]);
  return { eligible: q.author_id === u.id && q.accepted_answer_id !== null, answer: rows[0] ? answerOf(rows[0]) : null };
}

export async function answerCsat(ctx: Ctx<'answerCsat'>): Promise<CsatAnswer> {
  const u = needUser(ctx);
  const q = await ownerOf(ctx, ctx.params.id);
  if (q.author_id !== u.id) throw forbidden('Only the person who asked may say whether it solved their problem.');
  if (!q.accepted_answer_id) throw new HttpError(409, 'Conflict', 'The question has no accepted answer yet.');
  const comment = ctx.body.comment ? ctx.body.comment : null;
  const { rows } = await ctx.q.query<CsatRow>(
    `INSERT INTO csat (question_id, person_id, score, comment) VALUES ($1, $2, $3, $4)
     ON CONFLICT (question_id, person_id) DO UPDATE SET score = EXCLUDED.score, comment = EXCLUDED.comment, answered_at = now()
     RETURNING question_id, score, comment, answered_at`,
    [ctx.params.id, u.id, ctx.body.score, comment],
  );
  return answerOf(rows[0]);
}
