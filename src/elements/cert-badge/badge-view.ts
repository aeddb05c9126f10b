import type { Certification } from '../../contract/certifications.js';

/**
 * One badge as the element shows it, whether it came from the backend's list or from a hosted
 * assertion. Every field is plain text except `imageUrl`, which `safeImageUrl` has vetted.
 */
export interface BadgeView {
  /** Stable key: the assertion URL. */
  key: string;
  /** The backend's certification id, or null for a hosted assertion. */
  certId: string | null;
  name: string;
  description: string;
  imageUrl: string | null;
  issuerName: string;
  recipientId: string | null;
  recipientName: string | null;
  issuedOn: string | null;
  expires: string | null;
  revoked: boolean;
  revocationReason: string | null;
  assertionUrl: string;
}

/**
 * Only http(s) and raster/SVG data: URLs reach `<img src>`. An `<img>` never runs script, but a
 * `javascript:` or `blob:` address from a third-party document has no business in the portal either.
 */
export function safeImageUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  if (/^data:image\/(png|jpeg|jpg|gif|webp|svg\+xml)[;,]/i.test(url)) return url;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

export function fromCertification(c: Certification): BadgeView {
  return {
    key: c.assertionUrl,
    certId: c.id,
    name: c.name,
    description: c.description,
    imageUrl: safeImageUrl(c.imageUrl),
    issuerName: c.issuerName,
    recipientId: c.recipient.id,
    recipientName: c.recipient.name,
    issuedOn: c.issuedOn,
    expires: c.expires,
    revoked: c.revoked,
    revocationReason: c.revocationReason,
    assertionUrl: c.assertionUrl,
  };
}
