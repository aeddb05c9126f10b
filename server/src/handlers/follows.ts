// Follows and mutes: PUT/DELETE /v1/follows/{kind}/{id}, GET /v1/follows.
import * as v from 'valibot';
import { describeIssues, FOLLOW_KINDS, FOLLOW_TARGETS, type ContentStatus, type Follow, type FollowKind } from '../../../src/contract/index.js';
import type { Ctx } from '../context.js';
import { mayRead, readableBy } from '../moderation/visibility.js';
import { HttpError, notFound } from '../problem.js';
import { iso, needUser, upsertPerson } from './common.js';

function kindOf(ctx: Ctx): FollowKind {
  const k = ctx.params.kind;
  if (!(FOLLOW_KINDS as readonly string[]).includes(k)) {
    throw new HttpError(400, 'Bad Request', `Follow a ${FOLLOW_KINDS.join(', a ')}.`, [{ path: 'kind', message: `must be one of ${FOLLOW_KINDS.join(', ')}` }]);
  }
  return k as FollowKind;
}

/**
 * The followed id, held to its kind's rule (the path check allowed the widest, a thread's or question's
 * id): a tag longer than any tag can be is refused rather than followed for nothing.
 */
function targetOf(ctx: Ctx, kind: FollowKind): string {
  const id = ctx.params.id;
  const r = v.safeParse(FOLLOW_TARGETS[kind], id);
  if (!r.success) {
    const errors = describeIssues(r.issues).map((e) => ({ ...e, path: 'id' }));
    throw new HttpError(400, 'Bad Request', `Not a ${kind}: ${errors[0].message}.`, errors);
  }
  return id;
}

/**
 * A thread or question must exist and be readable by the caller (a held or hidden one is a 404, as on
 * GET, so neither its title nor its existence leaks); a category or tag is any name (following one
 * before its first topic is fine).
 */
async function titleOf(ctx: Ctx, kind: FollowKind, id: string): Promise<string | null> {
  if (kind !== 'thread' && kind !== 'question') return null;
  const { rows } = await ctx.q.query<{ title: string; author_id: string; status: ContentStatus }>(
    `SELECT title, author_id, status FROM ${kind === 'thread' ? 'threads' : 'questions'} WHERE id = $1`,
    [id],
  );
  if (!rows[0] || !mayRead(ctx.user, rows[0].author_id, rows[0].status)) throw notFound(kind === 'thread' ? 'The thread' : 'The question');
  return rows[0].title;
}

interface FollowRow {
  kind: FollowKind;
  target_id: string;
  level: Follow['level'];
  created_at: unknown;
  title: string | null;
}
const follow = (r: FollowRow): Follow => ({ kind: r.kind, id: r.target_id, level: r.level, title: r.title, createdAt: iso(r.created_at) });

export async function followTopic(ctx: Ctx<'followTopic'>): Promise<Follow> {
  const u = needUser(ctx);
  const kind = kindOf(ctx);
  const id = targetOf(ctx, kind);
  const title = await titleOf(ctx, kind, id);
  await upsertPerson(ctx.q, u);
  const { rows } = await ctx.q.query<FollowRow>(
    `INSERT INTO follows (person_id, kind, target_id, level) VALUES ($1, $2, $3, $4)
     ON CONFLICT (person_id, kind, target_id) DO UPDATE SET level = EXCLUDED.level, auto = false
     RETURNING kind, target_id, level, created_at`,
    [u.id, kind, id, ctx.body.level],
  );
  return follow({ ...rows[0], title });
}

export async function unfollowTopic(ctx: Ctx<'unfollowTopic'>): Promise<void> {
  const u = needUser(ctx);
  // Not held to its kind's rule: a follow stored before the rule existed can still be removed.
  await ctx.q.query(`DELETE FROM follows WHERE person_id = $1 AND kind = $2 AND target_id = $3`, [u.id, kindOf(ctx), ctx.params.id]);
}

export async function listFollows(ctx: Ctx<'listFollows'>) {
  const u = needUser(ctx);
  const params: unknown[] = [u.id];
  // A follow of a thread or question the caller may no longer read (hidden, or held and not theirs) is left out.
  const { rows } = await ctx.q.query<FollowRow>(
    `SELECT f.kind, f.target_id, f.level, f.created_at, COALESCE(t.title, q.title) AS title
     FROM follows f
     LEFT JOIN threads t ON f.kind = 'thread' AND t.id = f.target_id
     LEFT JOIN questions q ON f.kind = 'question' AND q.id = f.target_id
     WHERE f.person_id = $1 AND (t.id IS NULL OR ${readableBy('t', u, params)}) AND (q.id IS NULL OR ${readableBy('q', u, params)})
     ORDER BY f.created_at DESC, f.kind, f.target_id LIMIT 500`,
    params,
  );
  return { items: rows.map(follow) };
}
