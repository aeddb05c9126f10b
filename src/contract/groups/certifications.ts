import * as v from 'valibot';
import type { Endpoint } from './endpoint.js';
import { Certification, CertificationList, VerificationResult, VerifyRequest } from '../certifications.js';

const ep = <E extends Endpoint>(e: E) => e;

/** Certifications and Open Badges verification. One part of the contract's endpoint table (see ../endpoints.ts, which joins the parts). */
export const certificationEndpoints = {
  listCertifications: ep({ method: 'GET', path: '/v1/certifications', summary: 'Certifications of a person (?person=) or org (?org=)', description: 'Every certification of one person or one partner org, each linked to its Open Badges 2.0 assertion.', query: v.object({ person: v.optional(v.string()), org: v.optional(v.string()) }), response: CertificationList, auth: 'read' }),
  getCertification: ep({ method: 'GET', path: '/v1/certifications/{id}', summary: 'One certification', description: 'One certification with its status dates and assertion links.', response: Certification, auth: 'read' }),
  verifyCertification: ep({ method: 'GET', path: '/v1/certifications/{id}/verify', summary: 'Verify a certification as a third-party verifier would', description: 'Fetches the hosted assertion, badge class and issuer and checks them the way a third-party verifier would.', response: VerificationResult, auth: 'read' }),
  verifyAssertion: ep({ method: 'POST', path: '/v1/verify', summary: 'Verify any badge server-side (for issuers without CORS)', description: "Verifies a badge on the browser's behalf, for issuers that do not allow cross-origin reads: an Open Badges 2.0 hosted assertion at `url`, or an Open Badges 3.0 `credential` given by its URL or as the VC-JWT itself (signature, issuer key by did:web or JWKS, dates, status list, recipient). Documents are fetched under SSRF rules.", body: VerifyRequest, response: VerificationResult, auth: 'read' }),
} satisfies Record<string, Endpoint>;
