// The moderation queue: everything waiting for a decision, oldest first. That is held content,
// content hidden by flags, and published content with open flags. An item leaves the queue when a
// moderator approves, hides or deletes it (which closes its flags).
import { CONTENT_KINDS, type ContentStatus, type FlagReason, type HoldReason, type QueueItem, type QueueQuery } from '../../../src/contract/index.js';
import { cursorKind, decodeKeyCursor, encodeKeyCursor, keysetPage, seekTime } from '../cursor.js';
import type { Queryable } from '../db.js';
import type { AuthorColumns, Numeric, SeekRow } from '../rows.js';
import { excerpt, iso, isoOrNull } from '../text.js';
import { AUTHOR_COLS, author, pageLimit } from '../handlers/common.js';
import { KINDS, itemSelect } from './content.js';

interface QueueRow extends AuthorColumns, SeekRow {
  kind: QueueItem['target']['kind'];
  id: string;
  status: ContentStatus;
  held_reason: HoldReason | null;
  body: string;
  title: string;
  parent_id: string | null;
  created_at: Date;
  flag_count: Numeric;
  reasons: FlagReason[] | null;
  notes: (string | null)[] | null;
  first_flagged: Date | null;
  last_flagged: Date | null;
  locked: boolean;
  pinned: boolean;
  key: string;
}

/** Oldest waiting first: by when it started waiting (first flag, or creation), then kind and id. */
const QUEUE = cursorKind('moderation-queue', ['time', 'id']);

const WAITING = `(c.status = 'held' OR (c.status = 'hidden' AND c.held_reason = 'flags')
  OR EXISTS (SELECT 1 FROM flags f WHERE f.target_kind = $1 AND f.target_id = c.id AND f.resolved_at IS NULL))`;

/** Distinct reasons, the most given first. */
function byFrequency(reasons: FlagReason[]): FlagReason[] {
  const n = new Map<FlagReason, number>();
  for (const r of reasons) n.set(r, (n.get(r) ?? 0) + 1);
  return [...n.keys()].sort((a, b) => n.get(b)! - n.get(a)! || a.localeCompare(b));
}

function queueItem(r: QueueRow): QueueItem {
  const parent = KINDS[r.kind].parent;
  return {
    target: { kind: r.kind, id: r.id },
    status: r.status,
    title: r.title,
    excerpt: excerpt(r.body),
    author: author(r),
    parent: parent && r.parent_id ? { kind: parent.kind, id: r.parent_id } : null,
    reasons: byFrequency(r.reasons ?? []),
    flagCount: Number(r.flag_count),
    notes: (r.notes ?? []).filter((x): x is string => !!x),
    heldReason: r.status === 'published' ? null : r.held_reason,
    createdAt: iso(r.created_at),
    firstFlaggedAt: isoOrNull(r.first_flagged),
    lastFlaggedAt: isoOrNull(r.last_flagged),
    ...(r.kind === 'thread' ? { locked: !!r.locked, pinned: !!r.pinned } : {}),
  };
}

export async function queuePage(q: Queryable, query: QueueQuery) {
  const limit = pageLimit(query.limit);
  const params: unknown[] = [];
  // One branch per kind; each binds its kind as a literal so the flags lookup uses the index.
  const branches = CONTENT_KINDS.map((kind) => `SELECT '${kind}'::text AS kind, i.* FROM (${itemSelect(kind)} WHERE ${WAITING.replace('$1', `'${kind}'`)}) i`);
  const where: string[] = [];
  if (query.filter === 'flagged') where.push('w.flag_count > 0');
  if (query.filter === 'held') where.push(`w.status <> 'published'`);
  if (query.reason) where.push(`$${params.push(query.reason)} = ANY(w.reasons)`);
  const key = decodeKeyCursor(QUEUE, query.cursor);
  if (key) where.push(`(w.waiting_since, w.key) > ($${params.push(key[0])}::timestamptz, $${params.push(key[1])}::text)`);
  const { rows } = await q.query<QueueRow>(
    `SELECT w.*, ${seekTime('w.waiting_since')} AS seek_at FROM (
       SELECT u.*, ${AUTHOR_COLS}, f.flag_count, f.reasons, f.notes, f.first_flagged, f.last_flagged,
         COALESCE(f.first_flagged, u.created_at) AS waiting_since, u.kind || ':' || u.id AS key
       FROM (${branches.join(' UNION ALL ')}) u
       JOIN people p ON p.id = u.author_id
       LEFT JOIN LATERAL (
         SELECT count(*)::int AS flag_count, array_agg(fl.reason::text) AS reasons, array_agg(fl.note) AS notes,
           min(fl.created_at) AS first_flagged, max(fl.created_at) AS last_flagged
         FROM flags fl WHERE fl.target_kind = u.kind AND fl.target_id = u.id AND fl.resolved_at IS NULL
       ) f ON true
     ) w
     ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
     ORDER BY w.waiting_since, w.key LIMIT $${params.push(limit + 1)}`,
    params,
  );
  return keysetPage(rows, limit, queueItem, (r) => encodeKeyCursor(QUEUE, [r.seek_at, r.key]));
}
