import type { Certification } from '../../../src/contract/index.js';
import type { Ctx } from '../context.js';
import { HttpError, notFound } from '../problem.js';
import type { CertificationCardRow } from '../rows.js';
import { iso, isoOrNull } from '../text.js';
import { urls } from '../openbadges/documents.js';
import { ob3Urls } from '../openbadges/ob3/urls.js';
import { verifyAssertion } from '../openbadges/verify.js';
import { verifyCredential } from '../../../src/openbadges/ob3/index.js';

const C_SELECT = `SELECT c.*, b.name AS badge_name, b.description AS badge_description FROM certifications c JOIN badge_classes b ON b.id = c.badge_id`;

export function certification(ctx: Ctx, r: CertificationCardRow): Certification {
  const u = urls(ctx.origin);
  return {
    id: r.id,
    name: r.badge_name,
    description: r.badge_description,
    imageUrl: u.badgeImage(r.badge_id),
    issuerName: ctx.config.issuerName,
    recipient: { kind: r.recipient_kind, id: r.recipient_id, name: r.recipient_name },
    issuedOn: iso(r.issued_on),
    expires: isoOrNull(r.expires),
    revoked: !!r.revoked,
    revocationReason: r.revoked ? (r.revocation_reason ?? null) : null,
    assertionUrl: u.assertion(r.id),
    credentialUrl: ob3Urls(ctx.origin).credential(r.id),
    badgeClassUrl: u.badge(r.badge_id),
  };
}

export async function listCertifications(ctx: Ctx<'listCertifications'>) {
  let { person, org } = ctx.query;
  if (!person && !org) {
    if (ctx.user) person = ctx.user.id;
    else {
      throw new HttpError(400, 'Bad Request', 'Name a person or an org.', [{ path: 'person', message: 'give ?person= or ?org=' }]);
    }
  }
  const [kind, id] = person ? ['person', person] : ['org', org!];
  const { rows } = await ctx.q.query<CertificationCardRow>(`${C_SELECT} WHERE c.recipient_kind = $1 AND c.recipient_id = $2 ORDER BY c.issued_on DESC, c.id`, [kind, id]);
  return { items: rows.map((r) => certification(ctx, r)) };
}

async function loadCert(ctx: Ctx, id: string) {
  const { rows } = await ctx.q.query<CertificationCardRow>(`${C_SELECT} WHERE c.id = $1`, [id]);
  if (!rows[0]) throw notFound('The certification');
  return rows[0];
}

export async function getCertification(ctx: Ctx<'getCertification'>) {
  return certification(ctx, await loadCert(ctx, ctx.params.id));
}

export async function verifyCertification(ctx: Ctx<'verifyCertification'>) {
  const c = await loadCert(ctx, ctx.params.id);
  return verifyAssertion(urls(ctx.origin).assertion(c.id), ctx.fetchJson, { recipientName: c.recipient_name });
}

/** POST /v1/verify: an Open Badges 2.0 hosted assertion by its URL, or an OB 3.0 credential (URL or VC-JWT). */
export async function verifyAnyAssertion(ctx: Ctx<'verifyAssertion'>) {
  const { body } = ctx;
  if ('url' in body) return verifyAssertion(body.url, ctx.fetchJson, { identity: body.identity });
  return verifyCredential(body.credential, { fetchText: ctx.fetchText, identity: body.identity });
}
