import * as v from 'valibot';

/**
 * Open Badges 3.0 credentials (W3C Verifiable Credentials Data Model 2.0), as far as Confab issues
 * and verifies them. Loose objects: issuers add their own properties, and the 1EdTech JSON Schema
 * (test/server/fixtures/ob3/) is the full check of what the reference server issues.
 * https://www.imsglobal.org/spec/ob/v3p0/
 */
export const VC_CONTEXT_V2 = 'https://www.w3.org/ns/credentials/v2';
/** The VC 1.1 context, still used by credentials issued before OB 3.0 moved to VC 2.0. */
export const VC_CONTEXT_V1 = 'https://www.w3.org/2018/credentials/v1';
export const OB3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
/** The published 1EdTech schema an OpenBadgeCredential names in `credentialSchema`. */
export const OB3_CREDENTIAL_SCHEMA = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

const Types = v.union([v.string(), v.array(v.string())]);

export const Ob3Image = v.looseObject({ id: v.string(), type: v.optional(v.string()), caption: v.optional(v.string()) });
export type Ob3Image = v.InferOutput<typeof Ob3Image>;

/** The issuer: an IRI (often a `did:web`) or a Profile that carries at least its id. */
export const Ob3Profile = v.looseObject({
  id: v.string(),
  type: Types,
  name: v.optional(v.string()),
  url: v.optional(v.string()),
  email: v.optional(v.string()),
  image: v.optional(v.union([v.string(), Ob3Image])),
});
export type Ob3Profile = v.InferOutput<typeof Ob3Profile>;

export const Ob3Achievement = v.looseObject({
  id: v.string(),
  type: Types,
  name: v.string(),
  description: v.string(),
  criteria: v.looseObject({ id: v.optional(v.string()), narrative: v.optional(v.string()) }),
  image: v.optional(v.union([v.string(), Ob3Image])),
});
export type Ob3Achievement = v.InferOutput<typeof Ob3Achievement>;

/** How a credential names its recipient without a DID: an (optionally salted) hash of an email. */
export const Ob3IdentityObject = v.looseObject({
  type: v.string(),
  identityHash: v.string(),
  identityType: v.string(),
  hashed: v.boolean(),
  salt: v.optional(v.string()),
});
export type Ob3IdentityObject = v.InferOutput<typeof Ob3IdentityObject>;

export const Ob3Subject = v.looseObject({
  id: v.optional(v.string()),
  type: Types,
  achievement: Ob3Achievement,
  identifier: v.optional(v.array(Ob3IdentityObject)),
});
export type Ob3Subject = v.InferOutput<typeof Ob3Subject>;

/**
 * Where to look up revocation: a W3C Bitstring Status List entry (what Confab issues), or 1EdTech's
 * revocation list (what the OB 3.0 specification's own examples use). Other types stay loose.
 */
export const Ob3CredentialStatus = v.looseObject({
  id: v.optional(v.string()),
  type: v.string(),
  statusPurpose: v.optional(v.string()),
  statusListIndex: v.optional(v.union([v.string(), v.number()])),
  statusListCredential: v.optional(v.string()),
});
export type Ob3CredentialStatus = v.InferOutput<typeof Ob3CredentialStatus>;

export const Ob3Credential = v.looseObject({
  '@context': v.array(v.unknown()),
  id: v.optional(v.string()),
  type: Types,
  name: v.optional(v.string()),
  issuer: v.union([v.string(), Ob3Profile]),
  /** VC 2.0; VC 1.1 credentials say `issuanceDate` / `expirationDate` instead. */
  validFrom: v.optional(v.string()),
  validUntil: v.optional(v.string()),
  issuanceDate: v.optional(v.string()),
  expirationDate: v.optional(v.string()),
  credentialSubject: Ob3Subject,
  image: v.optional(v.union([v.string(), Ob3Image])),
  credentialStatus: v.optional(v.union([Ob3CredentialStatus, v.array(Ob3CredentialStatus)])),
  proof: v.optional(v.unknown()),
});
export type Ob3Credential = v.InferOutput<typeof Ob3Credential>;

/** A W3C Bitstring Status List credential: `encodedList` is a multibase (`u`) base64url GZIP bitstring. */
export const BitstringStatusListCredential = v.looseObject({
  '@context': v.array(v.unknown()),
  id: v.optional(v.string()),
  type: Types,
  issuer: v.union([v.string(), v.looseObject({ id: v.string() })]),
  validFrom: v.optional(v.string()),
  validUntil: v.optional(v.string()),
  credentialSubject: v.looseObject({
    id: v.optional(v.string()),
    type: v.string(),
    statusPurpose: v.union([v.string(), v.array(v.string())]),
    encodedList: v.string(),
  }),
});
export type BitstringStatusListCredential = v.InferOutput<typeof BitstringStatusListCredential>;

/** 1EdTech Revocation List 1.0: the issuer lists the ids of the credentials it revoked. */
export const Ob3RevocationList = v.looseObject({
  id: v.optional(v.string()),
  revokedCredentials: v.array(v.looseObject({ id: v.string(), revocationReason: v.optional(v.string()) })),
});
export type Ob3RevocationList = v.InferOutput<typeof Ob3RevocationList>;

/** A DID document as far as key resolution reads it (did:web). */
export const DidDocument = v.looseObject({
  id: v.string(),
  verificationMethod: v.optional(
    v.array(v.looseObject({ id: v.string(), type: v.string(), controller: v.optional(v.string()), publicKeyJwk: v.optional(v.record(v.string(), v.unknown())) })),
  ),
  assertionMethod: v.optional(v.array(v.union([v.string(), v.looseObject({ id: v.string() })]))),
});
export type DidDocument = v.InferOutput<typeof DidDocument>;
