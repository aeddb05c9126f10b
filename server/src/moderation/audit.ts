// The audit trail (table moderation_log): every moderation action with who, what, when, why, and
// the state before and after. Written in the action's own transaction, so an action and its line
// in the log commit together or not at all.
import type { AuditAction, AuditEntry, AuditLogQuery, ModerationState, ModerationTarget } from '../../../src/contract/index.js';
import { cursorKind, decodeKeyCursor, encodeKeyCursor, keysetPage, seekTime } from '../cursor.js';
import type { Queryable } from '../db.js';
import type { AuthorColumns, Json, SeekRow } from '../rows.js';
import { iso, newId } from '../text.js';
import { author, pageLimit } from '../handlers/common.js';

export interface AuditRecord {
  actorId: string | null;
  action: AuditAction;
  target: ModerationTarget | null;
  reason: string | null;
  before: ModerationState;
  after: ModerationState;
}

interface AuditRow extends Partial<AuthorColumns> {
  id: string;
  actor_id: string | null;
  action: AuditAction;
  target_kind: ModerationTarget['kind'] | null;
  target_id: string | null;
  reason: string | null;
  before: Json<ModerationState>;
  after: Json<ModerationState>;
  at: Date;
}

const SELECT = `SELECT l.*, p.id AS author_id, p.name AS author_name, p.org_name AS author_org, p.avatar_url AS author_avatar
  FROM moderation_log l LEFT JOIN people p ON p.id = l.actor_id`;

const json = <T>(v: Json<T>): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

function entry(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    actor: r.actor_id && r.author_id ? author(r as AuthorColumns) : null,
    action: r.action,
    target: r.target_kind && r.target_id ? { kind: r.target_kind, id: r.target_id } : null,
    reason: r.reason,
    before: json(r.before),
    after: json(r.after),
    at: iso(r.at),
  };
}

export async function recordAction(q: Queryable, a: AuditRecord): Promise<AuditEntry> {
  const id = newId('ml');
  await q.query(
    `INSERT INTO moderation_log (id, actor_id, action, target_kind, target_id, reason, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb)`,
    [id, a.actorId, a.action, a.target?.kind ?? null, a.target?.id ?? null, a.reason, JSON.stringify(a.before), JSON.stringify(a.after)],
  );
  const { rows } = await q.query<AuditRow>(`${SELECT} WHERE l.id = $1`, [id]);
  return entry(rows[0]);
}

/** Newest first: (at, id) descending. */
const LOG = cursorKind('moderation-log', ['time', 'id']);

export async function auditPage(q: Queryable, query: AuditLogQuery) {
  const limit = pageLimit(query.limit);
  const params: unknown[] = [];
  const where: string[] = [];
  if (query.targetKind) where.push(`l.target_kind = $${params.push(query.targetKind)}`);
  if (query.targetId) where.push(`l.target_id = $${params.push(query.targetId)}`);
  const key = decodeKeyCursor(LOG, query.cursor);
  if (key) where.push(`(l.at, l.id) < ($${params.push(key[0])}::timestamptz, $${params.push(key[1])}::text)`);
  const { rows } = await q.query<AuditRow & SeekRow>(
    `SELECT x.* FROM (SELECT l.*, ${seekTime('l.at')} AS seek_at, p.id AS author_id, p.name AS author_name, p.org_name AS author_org,
       p.avatar_url AS author_avatar FROM moderation_log l LEFT JOIN people p ON p.id = l.actor_id
       ${where.length ? 'WHERE ' + where.join(' AND ') : ''}) x
     ORDER BY x.at DESC, x.id DESC LIMIT $${params.push(limit + 1)}`,
    params,
  );
  return keysetPage(rows, limit, entry, (r) => encodeKeyCursor(LOG, [r.seek_at, r.id]));
}
