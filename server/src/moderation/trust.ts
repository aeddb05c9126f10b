// Trust levels: a partner is "new" until they have enough published posts (config
// moderation.trustedAfterPosts). New partners get their first posts held, fewer links and tighter
// write limits. Moderators and vendor staff are always trusted.
import type { User } from '../auth.js';
import type { Queryable } from '../db.js';
import { mayModerate } from './visibility.js';

const COUNTED = ['threads', 'posts', 'questions', 'answers'] as const;

/** How many posts (threads, replies, questions, answers) this person has, published or all; counting stops at `cap`. */
export async function postCount(q: Queryable, personId: string, cap: number, publishedOnly: boolean): Promise<number> {
  if (cap <= 0) return 0;
  const only = publishedOnly ? `AND status = 'published'` : '';
  const parts = COUNTED.map((t) => `SELECT 1 FROM ${t} WHERE author_id = $1 ${only}`).join(' UNION ALL ');
  const { rows } = await q.query<{ n: number | string }>(`SELECT count(*)::int AS n FROM (${parts} LIMIT $2) x`, [personId, cap]);
  return Number(rows[0]?.n ?? 0);
}

/** Is this a new partner, whose posts get the tighter rules? */
export async function isNewPartner(q: Queryable, u: User, trustedAfterPosts: number): Promise<boolean> {
  if (mayModerate(u) || trustedAfterPosts <= 0) return false;
  return (await postCount(q, u.id, trustedAfterPosts, true)) < trustedAfterPosts;
}

/** Links in a Markdown body: bare URLs and www. addresses (a Markdown link carries its URL too). */
export const linkCount = (text: string): number => (text.match(/\bhttps?:\/\/|\bwww\./gi) ?? []).length;
