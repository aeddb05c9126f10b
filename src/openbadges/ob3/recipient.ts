import type { Ob3Subject } from '../../contract/openbadges3.js';

const hex = (buf: ArrayBuffer) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');

async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/**
 * Whether the credential's subject is `identity` (OB 3.0 §"Verify the recipient"): its `id` equals it,
 * or one of its `identifier`s does, plain or as `sha256$hex(identity + salt)`. Email addresses are
 * also tried in lower case, as issuers (Confab among them) hash the lower-cased address.
 */
export async function subjectMatches(subject: Ob3Subject, identity: string): Promise<boolean> {
  const given = identity.trim();
  if (subject.id && subject.id === given) return true;
  const candidates = [...new Set([given, given.toLowerCase()])];
  for (const idObj of subject.identifier ?? []) {
    for (const c of candidates) {
      if (!idObj.hashed && idObj.identityHash === c) return true;
      if (idObj.hashed && idObj.identityHash.toLowerCase() === 'sha256$' + (await sha256Hex(c + (idObj.salt ?? '')))) return true;
    }
  }
  return false;
}

/** Whether the subject can be checked at all: an id, or identifiers this verifier can compare. */
export const subjectIsCheckable = (subject: Ob3Subject) =>
  !!subject.id || (subject.identifier ?? []).some((i) => !i.hashed || i.identityHash.toLowerCase().startsWith('sha256$'));
