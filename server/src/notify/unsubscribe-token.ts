// Signed one-click unsubscribe tokens (RFC 8058): who, and which notification type or "all". They
// do not expire, since an old mail's link must still work; the HMAC makes them unforgeable.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { NOTIFICATION_TYPES, type NotificationType } from '../../../src/contract/index.js';

export type UnsubscribeScope = NotificationType | 'all';
export interface UnsubscribeClaim {
  recipient: string;
  scope: UnsubscribeScope;
}

const mac = (secret: string, data: string) => createHmac('sha256', secret).update('confab-unsubscribe|' + data).digest('base64url');

export function signUnsubscribe(secret: string, c: UnsubscribeClaim): string {
  const data = Buffer.from(JSON.stringify([c.recipient, c.scope])).toString('base64url');
  return `${data}.${mac(secret, data)}`;
}

/** The claim, or null for anything not signed with `secret`. */
export function verifyUnsubscribe(secret: string, token: string): UnsubscribeClaim | null {
  const [data, sig, extra] = token.split('.');
  if (!data || !sig || extra !== undefined) return null;
  const want = Buffer.from(mac(secret, data));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(data, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || typeof v[0] !== 'string' || typeof v[1] !== 'string') return null;
    if (v[1] !== 'all' && !(NOTIFICATION_TYPES as readonly string[]).includes(v[1])) return null;
    return { recipient: v[0], scope: v[1] as UnsubscribeScope };
  } catch {
    return null;
  }
}
