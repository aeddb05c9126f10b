// Sends the `email` deliveries: an immediate mail for one notification (event 'notification'), or a
// digest (event 'digest', queued by digest.ts once per recipient and period). Only to the address
// from the recipient's verified `email` claim, in their language, with RFC 8058 one-click
// unsubscribe headers. Preferences are read again at send time, so an unsubscribe stops mail that
// was already queued. A delivery with nothing to send is marked delivered with no status.
import type { NotificationType } from '../../../src/contract/index.js';
import type { Queryable } from '../db.js';
import type { DeliveryRow, Sender } from './delivery-worker.js';
import { mailLocale } from './mail-catalogue.js';
import { renderDigest, renderImmediate, type MailItem } from './mail-render.js';
import type { Mailer } from './mailer.js';
import { notificationShown } from '../moderation/visibility.js';
import { modeSql } from './preferences.js';
import { signUnsubscribe, type UnsubscribeScope } from './unsubscribe-token.js';

export interface EmailSenderDeps {
  mailer: Mailer;
  /** Public origin of the server, for the links in the mail. */
  baseUrl: string;
  unsubscribeSecret: string;
}

interface ItemRow {
  id: string;
  type: NotificationType;
  actor_name: string | null;
  actor_id: string;
  target_kind: string;
  target_id: string;
  target_title: string;
  post_id: string | null;
  excerpt: string;
  mode: string;
}

interface RecipientRow {
  mail_to: string | null;
  locale: string | null;
}

const ITEM_SELECT = `SELECT n.id, n.type, n.actor_id, a.name AS actor_name, n.target_kind, n.target_id, n.target_title, n.post_id, n.excerpt,
  ${modeSql('n.recipient_id', 'n.type')} AS mode
  FROM notifications n LEFT JOIN people a ON a.id = n.actor_id WHERE ${notificationShown('n')}`;

export function emailSender(deps: EmailSenderDeps): Sender {
  const unsubscribeUrl = (recipient: string, scope: UnsubscribeScope) =>
    `${deps.baseUrl}/api/v1/unsubscribe?token=${signUnsubscribe(deps.unsubscribeSecret, { recipient, scope })}`;
  const item = (r: ItemRow): MailItem => ({
    type: r.type,
    actorName: r.actor_name ?? r.actor_id,
    title: r.target_title,
    excerpt: r.excerpt,
    url: `${deps.baseUrl}/?${r.target_kind}=${encodeURIComponent(r.target_id)}${r.post_id ? '#' + encodeURIComponent(r.post_id) : ''}`,
  });
  const headers = (url: string) => ({
    'List-Unsubscribe': `<${url}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'Auto-Submitted': 'auto-generated',
  });

  const recipientOf = async (q: Queryable, id: string) =>
    (await q.query<RecipientRow>(`SELECT mail_to, locale FROM people WHERE id = $1`, [id])).rows[0];

  async function immediate(q: Queryable, d: DeliveryRow) {
    const id = (d.payload as { notificationId?: unknown }).notificationId;
    const [r] = (await q.query<ItemRow>(`${ITEM_SELECT} AND n.id = $1 AND n.recipient_id = $2`, [id, d.recipient])).rows;
    const to = await recipientOf(q, d.recipient);
    if (!r || r.mode !== 'email' || !to?.mail_to) return { status: null };
    const url = unsubscribeUrl(d.recipient, r.type);
    await deps.mailer.send({ to: to.mail_to, ...renderImmediate(mailLocale(to.locale), item(r), url), headers: headers(url) });
    return { status: 250 };
  }

  async function digest(q: Queryable, d: DeliveryRow) {
    const p = d.payload as { mode?: unknown; cutoff?: unknown; since?: unknown };
    const mode = p.mode === 'weekly' ? 'weekly' : 'daily';
    // Claim what is still undigested (this row is leased to this worker alone); on a retry the
    // notifications claimed by the failed try are read again below.
    await q.query(
      `UPDATE notifications n SET digest_key = $2 WHERE n.recipient_id = $1 AND n.digest_key IS NULL AND n.created_at <= $3::timestamptz
         AND n.created_at > $5::timestamptz AND ${modeSql('n.recipient_id', 'n.type')} = $4`,
      [d.recipient, d.event_key, p.cutoff, mode, p.since ?? '-infinity'],
    );
    const rows = (await q.query<ItemRow>(`${ITEM_SELECT} AND n.recipient_id = $1 AND n.digest_key = $2 ORDER BY n.created_at, n.id`, [d.recipient, d.event_key])).rows;
    const to = await recipientOf(q, d.recipient);
    if (!rows.length || !to?.mail_to) return { status: null };
    const url = unsubscribeUrl(d.recipient, 'all');
    await deps.mailer.send({ to: to.mail_to, ...renderDigest(mailLocale(to.locale), mode, rows.map(item), url), headers: headers(url) });
    return { status: 250 };
  }

  return (q, d) => (d.event === 'digest' ? digest(q, d) : immediate(q, d));
}
