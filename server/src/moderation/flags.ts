// Reports. Each person flags an item once; when open flags from `flagHideThreshold` different
// people pile up, the item is hidden until a moderator decides (approve restores it, hide keeps it
// hidden), and the audit log says the system did it.
import type { ContentRef, Flag, FlagReason, NewFlag } from '../../../src/contract/index.js';
import type { User } from '../auth.js';
import type { Ctx } from '../context.js';
import { HttpError } from '../problem.js';
import { iso, newId } from '../text.js';
import { announceModeration } from './announce.js';
import { recordAction } from './audit.js';
import { KINDS, loadItem, setStatus } from './content.js';
import { mayReadItem } from './visibility.js';

interface FlagRow {
  id: string;
  target_kind: ContentRef['kind'];
  target_id: string;
  reason: FlagReason;
  note: string | null;
  created_at: Date;
}

/** How many different people have open flags on the item. */
async function openFlaggers(ctx: Ctx, ref: ContentRef): Promise<number> {
  const { rows } = await ctx.q.query<{ n: number | string }>(
    `SELECT count(DISTINCT flagger_id)::int AS n FROM flags WHERE target_kind = $1 AND target_id = $2 AND resolved_at IS NULL`,
    [ref.kind, ref.id],
  );
  return Number(rows[0]?.n ?? 0);
}

export async function flagContent(ctx: Ctx, u: User, input: NewFlag): Promise<Flag> {
  const item = await loadItem(ctx.q, input.target);
  // What the caller may not see does not exist for them (nor does a reply or an answer in a thread or
  // question they may not see: three reports would hide it without any moderator having seen it).
  if (!mayReadItem(u, item, item.parentState)) throw new HttpError(404, 'Not Found', `${KINDS[input.target.kind].noun} does not exist.`);
  if (item.authorId === u.id) {
    throw new HttpError(422, 'Unprocessable Content', 'You cannot report your own content.', [{ path: 'target', message: 'is your own' }]);
  }
  const { rows } = await ctx.q.query<FlagRow>(
    `INSERT INTO flags (id, target_kind, target_id, flagger_id, reason, note) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (target_kind, target_id, flagger_id) DO NOTHING RETURNING *`,
    [newId('fl'), item.ref.kind, item.ref.id, u.id, input.reason, input.note || null],
  );
  if (!rows[0]) throw new HttpError(409, 'Conflict', 'You have already reported this.');
  const parentId = item.parent?.id ?? null;
  await announceModeration(ctx, { type: 'flag.created', flagId: rows[0].id }, item.ref, parentId, item.category);
  const threshold = ctx.config.moderation.flagHideThreshold;
  if (threshold > 0 && item.status === 'published' && (await openFlaggers(ctx, item.ref)) >= threshold) {
    await setStatus(ctx.q, item, 'hidden', 'flags');
    await recordAction(ctx.q, {
      actorId: null, action: 'auto-hide', target: item.ref, reason: `${threshold} people reported it`,
      before: { status: 'published' }, after: { status: 'hidden' },
    });
    await announceModeration(ctx, { type: 'content.hidden', by: null, cause: 'reports' }, item.ref, parentId, item.category);
  }
  const r = rows[0];
  return { id: r.id, target: { kind: r.target_kind, id: r.target_id }, reason: r.reason, note: r.note, createdAt: iso(r.created_at) };
}

/** A moderator decided: the open flags on the item are closed and stop counting. */
export async function resolveFlags(ctx: Ctx, ref: ContentRef): Promise<void> {
  await ctx.q.query(`UPDATE flags SET resolved_at = now() WHERE target_kind = $1 AND target_id = $2 AND resolved_at IS NULL`, [ref.kind, ref.id]);
}
