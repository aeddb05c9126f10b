// Tickets for the event streams: EventSource cannot send an Authorization header, and a token in a
// URL ends up in proxy and access logs. So the client trades its token (sent as a header) for a
// random ticket that opens one stream within a minute and is then gone. Only the ticket's SHA-256 is
// stored, in the database, so any server process can redeem a ticket another one issued.
import { createHash, randomBytes } from 'node:crypto';
import type { LiveTicket } from '../../src/contract/index.js';
import type { User } from './auth.js';
import type { Queryable } from './db.js';

export const TICKET_TTL_MS = 60_000;

const hashOf = (ticket: string) => createHash('sha256').update(ticket).digest('base64url');

export async function issueTicket(q: Queryable, user: User): Promise<LiveTicket> {
  const ticket = 'tk_' + randomBytes(24).toString('base64url');
  const expires = new Date(Date.now() + TICKET_TTL_MS);
  // Expired tickets are swept as new ones are made: the table stays as small as the traffic of a minute.
  await q.query(`DELETE FROM live_tickets WHERE expires_at < now()`);
  await q.query(`INSERT INTO live_tickets (hash, claims, expires_at) VALUES ($1, $2::jsonb, $3)`, [hashOf(ticket), JSON.stringify(user), expires.toISOString()]);
  return { ticket, expiresAt: expires.toISOString() };
}

/** The user a ticket was issued to, once: the ticket is deleted as it is read. Null if unknown, used or expired. */
export async function redeemTicket(q: Queryable, ticket: string): Promise<User | null> {
  if (!/^tk_[\w-]{20,64}$/.test(ticket)) return null;
  const { rows } = await q.query<{ claims: User | string }>(
    `DELETE FROM live_tickets WHERE hash = $1 AND expires_at > now() RETURNING claims`,
    [hashOf(ticket)],
  );
  const c = rows[0]?.claims;
  if (c == null) return null;
  return typeof c === 'string' ? (JSON.parse(c) as User) : c;
}
