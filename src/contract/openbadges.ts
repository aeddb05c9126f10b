import * as v from 'valibot';

/**
 * Open Badges 2.0 hosted documents, as far as a verifier reads them.
 * Loose objects: issuers add their own properties and JSON-LD extensions.
 * https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html
 */
export const OB_CONTEXT = 'https://w3id.org/openbadges/v2';

const IriOrObject = <T extends v.GenericSchema>(inner: T) => v.union([v.string(), inner]);

export const IdentityObject = v.looseObject({
  type: v.string(),
  identity: v.string(),
  hashed: v.boolean(),
  salt: v.optional(v.string()),
});
export type IdentityObject = v.InferOutput<typeof IdentityObject>;

// An issuer's verification policy. `type` may be left out: the 1EdTech validator defaults it to
// VerificationObject (its VerificationObjectIssuer class validator), and so does Confab.
export const VerificationObject = v.looseObject({
  type: v.optional(v.union([v.string(), v.array(v.string())])),
  verificationProperty: v.optional(v.string()),
  startsWith: v.optional(v.union([v.string(), v.array(v.string())])),
  allowedOrigins: v.optional(v.union([v.string(), v.array(v.string())])),
});
export type VerificationObject = v.InferOutput<typeof VerificationObject>;

export const ObIssuer = v.looseObject({
  '@context': v.optional(v.unknown()),
  type: v.union([v.string(), v.array(v.string())]),
  id: v.string(),
  name: v.string(),
  url: v.optional(v.string()),
  email: v.optional(v.string()),
  image: v.optional(v.unknown()),
  verification: v.optional(VerificationObject),
});
export type ObIssuer = v.InferOutput<typeof ObIssuer>;

export const ObBadgeClass = v.looseObject({
  '@context': v.optional(v.unknown()),
  type: v.union([v.string(), v.array(v.string())]),
  id: v.string(),
  name: v.string(),
  description: v.string(),
  image: IriOrObject(v.looseObject({ id: v.string() })),
  criteria: IriOrObject(v.looseObject({ narrative: v.optional(v.string()), id: v.optional(v.string()) })),
  issuer: IriOrObject(ObIssuer),
});
export type ObBadgeClass = v.InferOutput<typeof ObBadgeClass>;

export const ObAssertion = v.looseObject({
  '@context': v.optional(v.unknown()),
  type: v.union([v.string(), v.array(v.string())]),
  id: v.string(),
  recipient: IdentityObject,
  badge: IriOrObject(ObBadgeClass),
  verification: v.looseObject({ type: v.union([v.string(), v.array(v.string())]) }),
  issuedOn: v.string(),
  expires: v.optional(v.string()),
  image: v.optional(v.unknown()),
  evidence: v.optional(v.unknown()),
  revoked: v.optional(v.boolean()),
  revocationReason: v.optional(v.string()),
});
export type ObAssertion = v.InferOutput<typeof ObAssertion>;

/**
 * The names of the steps a hosted-assertion verification reports, in the order they run. Both the
 * browser's and the server's verifier (src/openbadges/) report exactly these; every name has a
 * translation in each src/locales/cert-badge/* catalogue.
 */
export const OB_CHECKS = [
  'fetched by the browser',
  'fetched by the community server',
  'assertion',
  'hosted verification',
  'assertion id',
  'not revoked',
  'badge class',
  'issuer',
  'verification policy',
  'issue date',
  'not expired',
  'recipient',
] as const;
export type ObCheck = (typeof OB_CHECKS)[number];

/** The checks of the Open Badges 3.0 verifier (src/openbadges/ob3/), in the order it makes them. */
export const OB3_CHECKS = [
  'fetched by the browser',
  'fetched by the community server',
  'credential',
  'JWT claims',
  'signing key',
  'signature',
  'valid from',
  'not expired',
  'not revoked',
  'recipient',
] as const;
export type Ob3Check = (typeof OB3_CHECKS)[number];
