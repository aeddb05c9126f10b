import * as v from 'valibot';
import type { Endpoint } from './endpoint.js';
import { Certification, CertificationList, VerificationResult, VerifyRequest } from '../certifications.js';

const ep = <E extends Endpoint>(e: E) => e;

/** Certifications and Open Badges verification. One part of the contract's endpoint table (see ../endpoints.ts, which joins the parts). */
export const certificationEndpoints = {
  listCertifications: ep({ method: 'GET', path: '/v1/certifications', summary: 'Certifications of a person (?person=) or org (?org=)', query: v.object({ person: v.optional(v.string()), org: v.optional(v.string()) }), response: CertificationList, auth: 'read' }),
  getCertification: ep({ method: 'GET', path: '/v1/certifications/{id}', summary: 'One certification', response: Certification, auth: 'read' }),
  verifyCertification: ep({ method: 'GET', path: '/v1/certifications/{id}/verify', summary: 'Verify a certification as a third-party verifier would', response: VerificationResult, auth: 'read' }),
  verifyAssertion: ep({ method: 'POST', path: '/v1/verify', summary: 'Verify any hosted assertion server-side (for issuers without CORS)', body: VerifyRequest, response: VerificationResult, auth: 'read' }),
} satisfies Record<string, Endpoint>;
