// POST /v1/questions/{id}/notify-experts: vendor staff ask the experts of an unanswered question's
// category to answer it. Who the experts are: notify/experts.ts. The notifications leave through the
// outbox (notify/expert-fanout.ts), so email follows each expert's preferences. One request per
// question stands for EXPERT_REQUEST_WINDOW_HOURS: asking again within it notifies nobody.
import { EXPERT_REQUEST_WINDOW_HOURS, type ExpertRequest } from '../../../src/contract/index.js';
import type { Ctx } from '../context.js';
import { chooseExperts } from '../notify/experts.js';
import { enqueue } from '../notify/outbox.js';
import { HttpError, notFound } from '../problem.js';
import { iso } from '../text.js';
import { needStaff } from './insights/access.js';

interface QuestionRow {
  id: string;
  author_id: string;
  category: string;
  product: string | null;
  tags: string[] | null;
  status: string;
  first_answer_at: Date | string | null;
}

const WINDOW = `interval '${EXPERT_REQUEST_WINDOW_HOURS} hours'`;

export async function notifyExperts(ctx: Ctx<'notifyExperts'>): Promise<ExpertRequest> {
  const u = needStaff(ctx);
  const { rows: [question] } = await ctx.q.query<QuestionRow>(
    `SELECT id, author_id, category, product, tags, status, first_answer_at FROM questions WHERE id = $1`,
    [ctx.params.id],
  );
  if (!question) throw notFound('The question');
  // Staff may read held and hidden questions, but nobody they would notify may.
  if (question.status !== 'published') throw new HttpError(404, 'Not Found', 'The question is held or hidden: experts cannot see it.');
  if (question.first_answer_at) throw new HttpError(409, 'Conflict', 'The question has an answer now.');

  const standing = async () => {
    const { rows } = await ctx.q.query<{ requested_at: Date | string; recipients: string[] }>(
      `SELECT requested_at, recipients FROM expert_requests WHERE question_id = $1 AND requested_at > now() - ${WINDOW}`,
      [question.id],
    );
    return rows[0] && { questionId: question.id, notified: rows[0].recipients.length, requestedAt: iso(rows[0].requested_at), repeated: true };
  };
  const earlier = await standing();
  if (earlier) return earlier;

  const experts = await chooseExperts(ctx.q, { id: question.id, authorId: question.author_id, category: question.category, product: question.product, tags: question.tags ?? [] }, u.id);
  // Nobody to ask: nothing is recorded, so a later request (after someone follows the category) may find someone.
  if (!experts.length) return { questionId: question.id, notified: 0, requestedAt: new Date().toISOString(), repeated: false };

  // Renews only an expired request. A concurrent request for the same question waits here for ours
  // to commit, then updates nothing and answers with ours (`standing`).
  const { rows: [made] } = await ctx.q.query<{ requested_at: Date | string }>(
    `INSERT INTO expert_requests (question_id, requested_by, recipients) VALUES ($1, $2, $3::text[])
     ON CONFLICT (question_id) DO UPDATE SET requested_by = EXCLUDED.requested_by, requested_at = now(), recipients = EXCLUDED.recipients
       WHERE expert_requests.requested_at <= now() - ${WINDOW}
     RETURNING requested_at`,
    [question.id, u.id, experts],
  );
  if (!made) return (await standing())!;
  const at = new Date(made.requested_at);
  await enqueue(ctx.q, { event: 'experts.requested', id: question.id, by: u.id, at: at.getTime(), recipients: experts });
  return { questionId: question.id, notified: experts.length, requestedAt: at.toISOString(), repeated: false };
}
