// Who the experts of a question are (issue 15, "notify experts"). Decided here, once, for the
// request's count and the outbox job's recipients:
//   1. the people whose published answers in the question's category (or its product, when it has
//      one) over the last 90 days were accepted or up-voted (the "helpful votes" of the insights'
//      top contributors), most accepted answers first, then most helpful votes;
//   2. then the people who follow (watch) the category, longest-standing follow first;
// never the asker nor the staff member asking, nobody suspended, nobody who muted the question, its
// category or one of its tags, nobody who turned `expert_request` off; at most EXPERTS_PER_REQUEST.
//
// Visibility: a published question is readable by every signed-in person (this backend has no
// per-tier audience for questions; tiers restrict articles), so everyone chosen may see it. The
// caller refuses held and hidden questions (404), the outbox gate drops the job if the question is
// held or hidden before the worker runs, and notificationShown hides the notification if it is later.
import { EXPERTS_PER_REQUEST, type NotificationType } from '../../../src/contract/index.js';
import type { Queryable } from '../db.js';

export const EXPERT_REQUEST_TYPE = 'expert_request' satisfies NotificationType;

/** The days of contributions that make someone an expert. */
const RECENT_DAYS = 90;

export interface ExpertQuestion {
  id: string;
  authorId: string;
  category: string;
  product: string | null;
  tags: string[];
}

/** The contributions of the last 90 days that count, per answer author ($1 category, $2 product). */
const CONTRIBUTIONS = `
  SELECT a.author_id AS person, count(*) FILTER (WHERE cq.accepted_answer_id = a.id) AS accepted, 0::bigint AS helpful
  FROM answers a JOIN questions cq ON cq.id = a.question_id
  WHERE a.created_at >= now() - interval '${RECENT_DAYS} days' AND a.status = 'published' AND cq.status = 'published'
    AND (cq.category = $1 OR cq.product = $2::text)
  GROUP BY a.author_id
  UNION ALL
  SELECT a.author_id, 0, count(*)
  FROM votes v JOIN answers a ON a.id = v.target_id JOIN questions cq ON cq.id = a.question_id
  WHERE v.target_kind = 'answer' AND v.value > 0 AND v.created_at >= now() - interval '${RECENT_DAYS} days'
    AND a.status = 'published' AND cq.status = 'published' AND (cq.category = $1 OR cq.product = $2::text)
  GROUP BY a.author_id`;

/** The ids of the experts to notify of `question`, best first. `askedBy` is the staff member asking. */
export async function chooseExperts(q: Queryable, question: ExpertQuestion, askedBy: string, limit = EXPERTS_PER_REQUEST): Promise<string[]> {
  const { rows } = await q.query<{ person: string }>(
    `WITH candidates AS (
       SELECT person, 0 AS source, sum(accepted) AS accepted, sum(helpful) AS helpful, NULL::timestamptz AS since
       FROM (${CONTRIBUTIONS}) c GROUP BY person HAVING sum(accepted) + sum(helpful) > 0
       UNION ALL
       SELECT person_id, 1, 0, 0, created_at FROM follows WHERE kind = 'category' AND target_id = $1 AND level = 'watching'
     ),
     best AS (SELECT DISTINCT ON (person) * FROM candidates ORDER BY person, source)
     SELECT b.person FROM best b JOIN people p ON p.id = b.person
     WHERE b.person <> $3 AND b.person <> $4
       AND (p.suspended_until IS NULL OR p.suspended_until <= now())
       AND NOT EXISTS (SELECT 1 FROM follows m WHERE m.person_id = b.person AND m.level = 'muted'
         AND ((m.kind = 'question' AND m.target_id = $5) OR (m.kind = 'category' AND m.target_id = $1) OR (m.kind = 'tag' AND m.target_id = ANY($6::text[]))))
       AND NOT EXISTS (SELECT 1 FROM notification_preferences np WHERE np.person_id = b.person AND np.type = '${EXPERT_REQUEST_TYPE}' AND np.mode = 'off')
     ORDER BY b.source, b.accepted DESC, b.helpful DESC, b.since, b.person
     LIMIT $7`,
    [question.category, question.product, question.authorId, askedBy, question.id, question.tags, limit],
  );
  return rows.map((r) => r.person);
}
