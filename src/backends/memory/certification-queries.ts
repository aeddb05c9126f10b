import type * as v from 'valibot';
import { CertificationQuery, VerifyRequest, type Certification, type VerificationResult } from '../../contract/index.js';
import { ISSUER_BASE } from '../../demo-data/index.js';
import { assertionUrl, failedVerification, isBlockedUrl, toCertification, verify } from './certifications.js';
import { notFound, parseInput } from './errors.js';
import type { CertificationRecord } from './model.js';
import { clockNow, type MemoryState } from './state.js';

/** A person's or an org's certifications, newest first. */
export function listCertifications(state: MemoryState, query: CertificationQuery): Certification[] {
  const q = parseInput(CertificationQuery, query, 400);
  const [kind, id] = 'person' in q ? (['person', q.person] as const) : (['org', q.org] as const);
  return state.data.certifications
    .filter((c) => c.recipient.kind === kind && c.recipient.id === id)
    .sort((a, b) => b.issuedOn - a.issuedOn || a.id.localeCompare(b.id))
    .map((c) => toCertification(state.data, c));
}

export function getCertification(state: MemoryState, id: string): Certification {
  return toCertification(state.data, certificationById(state, id));
}

export function verifyCertification(state: MemoryState, id: string): VerificationResult {
  return verify(state.data, certificationById(state, id), clockNow(state));
}

/**
 * Verifies an assertion by its URL, as the server's verifier does, without fetching: the demo issuer's
 * assertions are looked up in the dataset, and any other host answers as unreachable.
 */
export function verifyAssertion(state: MemoryState, request: v.InferInput<typeof VerifyRequest>): VerificationResult {
  const req = parseInput(VerifyRequest, request);
  // No network here: an Open Badges 3.0 credential the browser could not reach cannot be reached from here either.
  if (!('url' in req)) return failedVerification('', 'unreachable', 'The in-memory backend cannot fetch Open Badges 3.0 credentials.');
  const url = new URL(req.url);
  if (isBlockedUrl(url)) return failedVerification(req.url, 'blocked-url', 'The verifier does not fetch local or private addresses.');
  const rec = state.data.certifications.find((c) => assertionUrl(c.id) === url.href);
  if (rec) return verify(state.data, rec, clockNow(state), req.identity);
  if (url.href.startsWith(`${ISSUER_BASE}/ob/assertions/`)) {
    return failedVerification(req.url, 'not-found', 'The issuer has no assertion at this address.');
  }
  return failedVerification(req.url, 'unreachable', `Could not fetch the assertion from ${url.host}.`);
}

function certificationById(state: MemoryState, id: string): CertificationRecord {
  const c = state.data.certifications.find((x) => x.id === id);
  if (!c) throw notFound('Certification', id);
  return c;
}
