// Moderator actions on content and people. Each one records its line in the audit log (state
// before and after) in the same transaction, and returns that line.
import type { AuditEntry, ContentRef, ModerationActionRequest, ModerationState } from '../../../src/contract/index.js';
import type { User } from '../auth.js';
import type { Ctx } from '../context.js';
import { HttpError, notFound } from '../problem.js';
import { iso } from '../text.js';
import { announceContent, announceModeration } from './announce.js';
import { recordAction } from './audit.js';
import { KINDS, loadItem, recountParent, setStatus, type ContentItem } from './content.js';
import { resolveFlags } from './flags.js';

type Request = ModerationActionRequest & { target: { kind: string; id: string } };

const unfit = (detail: string) => new HttpError(422, 'Unprocessable Content', detail, [{ path: 'action', message: detail }]);

/** A suspension without `until` lasts until `unsuspend`: stored as a far-off instant that still is a timestamp. */
const INDEFINITELY = '9999-12-31T00:00:00.000Z';

const stateOf = (item: ContentItem): ModerationState =>
  item.ref.kind === 'thread' ? { status: item.status, locked: item.locked, pinned: item.pinned } : { status: item.status };

export async function moderate(ctx: Ctx, u: User, req: Request): Promise<AuditEntry> {
  const reason = req.reason || null;
  const log = (before: ModerationState, after: ModerationState) =>
    recordAction(ctx.q, { actorId: u.id, action: req.action, target: req.target as AuditEntry['target'], reason, before, after });

  if (req.action === 'suspend' || req.action === 'unsuspend') {
    if (req.target.kind !== 'person') throw unfit(`${req.action} applies to a person`);
    const { rows } = await ctx.q.query<{ suspended_until: Date | null }>(`SELECT suspended_until FROM people WHERE id = $1`, [req.target.id]);
    if (!rows[0]) throw notFound('The person');
    if (req.target.id === u.id) throw unfit('You cannot suspend yourself');
    let until: string | null = null;
    if (req.action === 'suspend') {
      until = req.until ?? INDEFINITELY;
      if (new Date(until).getTime() <= Date.now()) throw new HttpError(422, 'Unprocessable Content', '`until` must be in the future.', [{ path: 'until', message: 'must be in the future' }]);
    }
    await ctx.q.query(`UPDATE people SET suspended_until = $2::timestamptz WHERE id = $1`, [req.target.id, until]);
    const before = rows[0].suspended_until && new Date(rows[0].suspended_until).getTime() > Date.now() ? iso(rows[0].suspended_until) : null;
    return log({ suspendedUntil: before }, { suspendedUntil: until === null ? null : iso(until) });
  }

  if (req.target.kind === 'person') throw unfit(`${req.action} applies to content, not a person`);
  const item = await loadItem(ctx.q, req.target as ContentRef);
  const before = stateOf(item);
  const parentId = item.parent?.id ?? null;
  switch (req.action) {
    case 'approve': {
      await setStatus(ctx.q, item, 'published', null);
      await resolveFlags(ctx, item.ref);
      // Newly visible: announced now as it would have been when posted, and its thread or question moves up.
      if (item.status !== 'published') {
        if (item.parent) await ctx.q.query(`UPDATE ${KINDS[item.parent.kind].table} SET last_activity_at = now() WHERE id = $1`, [item.parent.id]);
        await announceContent(ctx, item.ref.kind, item.ref.id, parentId, item.category, 'published');
      }
      return log(before, { ...before, status: 'published' });
    }
    case 'hide': {
      await setStatus(ctx.q, item, 'hidden', 'moderator');
      await resolveFlags(ctx, item.ref);
      if (item.status !== 'hidden') await announceModeration(ctx, { type: 'content.hidden', by: u.id, cause: 'moderator' }, item.ref, parentId, item.category);
      return log(before, { ...before, status: 'hidden' });
    }
    case 'delete': {
      await resolveFlags(ctx, item.ref);
      if (item.ref.kind === 'answer') {
        await ctx.q.query(`UPDATE questions SET accepted_answer_id = NULL WHERE id = $1 AND accepted_answer_id = $2`, [parentId, item.ref.id]);
      }
      await ctx.q.query(`DELETE FROM ${KINDS[item.ref.kind].table} WHERE id = $1`, [item.ref.id]);
      await recountParent(ctx.q, item.ref.kind, parentId);
      return log(before, { deleted: true });
    }
    case 'lock':
    case 'unlock':
    case 'pin':
    case 'unpin': {
      if (item.ref.kind !== 'thread') throw unfit(`${req.action} applies to threads`);
      const column = req.action === 'lock' || req.action === 'unlock' ? 'locked' : 'pinned';
      const value = req.action === 'lock' || req.action === 'pin';
      await ctx.q.query(`UPDATE threads SET ${column} = $2 WHERE id = $1`, [item.ref.id, value]);
      return log(before, { ...before, [column]: value });
    }
  }
}
