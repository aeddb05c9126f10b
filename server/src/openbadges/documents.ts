// Open Badges 2.0 hosted documents: issuer, badge classes, assertions and SVG images.
import { createHash } from 'node:crypto';
import { OB_CONTEXT } from '../../../src/contract/index.js';
import type { Config } from '../context.js';
import type { BadgeClassRow, CertificationRow } from '../rows.js';
import { iso, isoOrNull } from '../text.js';

export const recipientHash = (email: string, salt: string) =>
  'sha256$' + createHash('sha256').update(email.trim().toLowerCase() + salt).digest('hex');

export const urls = (origin: string) => ({
  issuer: `${origin}/ob/issuer`,
  badge: (id: string) => `${origin}/ob/badges/${encodeURIComponent(id)}`,
  badgeImage: (id: string) => `${origin}/ob/badges/${encodeURIComponent(id)}/image.svg`,
  assertion: (id: string) => `${origin}/ob/assertions/${encodeURIComponent(id)}`,
  criteria: (id: string) => `${origin}/ob/badges/${encodeURIComponent(id)}#criteria`,
});

export function issuerDoc(origin: string, config: Config) {
  return {
    '@context': OB_CONTEXT,
    type: 'Issuer',
    id: urls(origin).issuer,
    name: config.issuerName,
    url: origin,
    email: config.issuerEmail,
    verification: { type: 'hosted', allowedOrigins: new URL(origin).host },
  };
}

export function badgeDoc(origin: string, b: BadgeClassRow) {
  const u = urls(origin);
  return {
    '@context': OB_CONTEXT,
    type: 'BadgeClass',
    id: u.badge(b.id),
    name: b.name,
    description: b.description,
    image: u.badgeImage(b.id),
    criteria: { id: u.criteria(b.id), narrative: b.criteria },
    issuer: u.issuer,
  };
}

export function assertionDoc(origin: string, c: CertificationRow) {
  const u = urls(origin);
  const doc: Record<string, unknown> = {
    '@context': OB_CONTEXT,
    type: 'Assertion',
    id: u.assertion(c.id),
    recipient: { type: 'email', hashed: true, salt: c.salt, identity: recipientHash(c.recipient_email, c.salt) },
    badge: u.badge(c.badge_id),
    verification: { type: 'hosted' },
    issuedOn: iso(c.issued_on),
    image: u.badgeImage(c.badge_id),
  };
  const exp = isoOrNull(c.expires);
  if (exp) doc.expires = exp;
  if (c.revoked) {
    doc.revoked = true;
    doc.revocationReason = c.revocation_reason ?? 'Revoked by the issuer';
  }
  return doc;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function badgeSvg(b: { name: string; color?: string }) {
  const color = /^#[0-9a-fA-F]{6}$/.test(b.color ?? '') ? b.color : '#1f6feb';
  const words = b.name.split(/\s+/);
  const lines: string[] = [];
  for (const w of words) {
    const last = lines[lines.length - 1];
    if (last && (last + ' ' + w).length <= 16) lines[lines.length - 1] = last + ' ' + w;
    else lines.push(w);
  }
  const text = lines
    .slice(0, 4)
    .map((l, i) => `<text x="100" y="${92 + i * 18 - (Math.min(lines.length, 4) - 1) * 9}" text-anchor="middle">${esc(l)}</text>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" viewBox="0 0 200 200" role="img" aria-label="${esc(b.name)}">
<title>${esc(b.name)}</title>
<polygon points="100,6 181,53 181,147 100,194 19,147 19,53" fill="${color}"/>
<polygon points="100,20 169,60 169,140 100,180 31,140 31,60" fill="#fff" fill-opacity="0.14"/>
<g font-family="system-ui, sans-serif" font-size="15" font-weight="700" fill="#fff">${text}</g>
</svg>`;
}
