import type { BadgeView } from './badge-view.js';

/**
 * LinkedIn's "Add licence or certification" form, prefilled. Documented at
 * https://addtoprofile.linkedin.com/ ; months are 1 to 12 and dates are taken in UTC, as issuers state them.
 */
export function linkedInUrl(b: BadgeView): string {
  const p = new URLSearchParams({ startTask: 'CERTIFICATION_NAME', name: b.name });
  if (b.issuerName) p.set('organizationName', b.issuerName);
  const issued = b.issuedOn ? new Date(b.issuedOn) : null;
  if (issued && !Number.isNaN(issued.getTime())) {
    p.set('issueYear', String(issued.getUTCFullYear()));
    p.set('issueMonth', String(issued.getUTCMonth() + 1));
  }
  const expires = b.expires ? new Date(b.expires) : null;
  if (expires && !Number.isNaN(expires.getTime())) {
    p.set('expirationYear', String(expires.getUTCFullYear()));
    p.set('expirationMonth', String(expires.getUTCMonth() + 1));
  }
  p.set('certUrl', b.assertionUrl);
  p.set('certId', b.certId ?? lastSegment(b.assertionUrl));
  return `https://www.linkedin.com/profile/add?${p}`;
}

function lastSegment(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? url);
  } catch {
    return url;
  }
}

/** A file name for the downloaded badge image: the badge name, made safe for every file system. */
export function downloadName(b: BadgeView): string {
  const base = b.name.normalize('NFKD').replace(/[^\w\- ]+/g, '').trim().replace(/\s+/g, '-').toLowerCase().slice(0, 60) || 'badge';
  const url = b.imageUrl ?? '';
  const ext = /^data:image\/svg/i.test(url) || /\.svg(\?|#|$)/i.test(url) ? 'svg'
    : /^data:image\/jpe?g/i.test(url) || /\.jpe?g(\?|#|$)/i.test(url) ? 'jpg'
    : 'png';
  return `${base}.${ext}`;
}

/**
 * Writes `text` to the clipboard. Resolves false when the page may not (no secure context, a
 * permissions policy, a denied prompt); the element then shows the text selected for Ctrl+C instead.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
