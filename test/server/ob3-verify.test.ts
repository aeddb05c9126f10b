// The shared OB 3.0 verifier (src/openbadges/ob3) on credentials Confab did NOT issue: the OB 3.0
// specification's examples and 1EdTech validator test files, signed by foreign issuers whose keys
// live on their own (fake) sites. Pure: every document comes through the injected fetcher.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { CompactSign, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import * as v from 'valibot';
import { VerificationResult } from '../../src/contract/index.js';
import { didWebDocumentUrl, Ob3FetchError, readStatusBit, verifyCredential, type FetchText } from '../../src/openbadges/ob3/index.js';
import { didWebFor } from '../../server/src/openbadges/ob3/urls.js';
import { FIXTURES, fixture, mapFetch } from './ob3-helpers.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const SAMPLE = fixture('spec-sample-openbadgecredential.json');
const FULL = fixture('spec-full-openbadgecredential.json');
const EXAMPLE_ISSUER = 'https://example.com/issuers/876543';
const EXAMPLE_KID = 'https://example.com/keys.json#key-1';
const SUBJECT_DID = 'did:example:ebfeb1f712ebc6f1c276e12ec21';

type KeyPair = { privateKey: CryptoKey; publicJwk: JWK };
let exampleKey: KeyPair;
let otherKey: KeyPair;
const realFetch = globalThis.fetch;

async function makeKey(): Promise<KeyPair> {
  const pair = await generateKeyPair('RS256', { extractable: true });
  return { privateKey: pair.privateKey, publicJwk: { ...(await exportJWK(pair.publicKey)), alg: 'RS256' } };
}

before(async () => {
  [exampleKey, otherKey] = await Promise.all([makeKey(), makeKey()]);
  // The verifier must use only the fetcher it is given.
  globalThis.fetch = (() => {
    throw new Error('the OB 3.0 verifier called the global fetch');
  }) as typeof fetch;
});
after(() => {
  globalThis.fetch = realFetch;
});

const secondsOf = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** Signs a credential as a VC-JWT the way OB 3.0 §8.2 says, with claims that may be overridden. */
async function sign(vc: Record<string, any>, key: KeyPair, header: Record<string, unknown>, claims: Record<string, unknown> = {}) {
  const base: Record<string, unknown> = { ...vc, iss: typeof vc.issuer === 'string' ? vc.issuer : vc.issuer.id, jti: vc.id, nbf: secondsOf(vc.validFrom) };
  if (vc.credentialSubject?.id) base.sub = vc.credentialSubject.id;
  if (vc.validUntil) base.exp = secondsOf(vc.validUntil);
  return new CompactSign(new TextEncoder().encode(JSON.stringify({ ...base, ...claims })))
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...header })
    .sign(key.privateKey);
}

/** Example Corp's site: its JWKS, plus whatever else a test adds. */
function exampleSite(extra: Record<string, unknown> = {}, log: string[] = []): FetchText {
  return mapFetch({ 'https://example.com/keys.json': { keys: [{ ...exampleKey.publicJwk, kid: EXAMPLE_KID }] }, ...extra }, log);
}

const verdict = (r: VerificationResult) => [r.verified, r.reason];
const checkOf = (r: VerificationResult, name: string) => r.checks.find((c) => c.name === name);

/** A gzip bitstring of 16 KB with the given bits set, as `encodedList`. */
function encodedList(set: number[]) {
  const bits = new Uint8Array(16 * 1024);
  for (const i of set) bits[i >> 3] |= 0x80 >> (i & 7);
  return 'u' + gzipSync(bits).toString('base64url');
}

describe('the OB 3.0 specification’s sample credential, signed by its issuer', () => {
  test('verifies with the key from the issuer’s JWKS, given as the JWT or by URL; the verdict has the 2.0 shape', async () => {
    const jwt = await sign(SAMPLE, exampleKey, { kid: EXAMPLE_KID });
    const log: string[] = [];
    const r = await verifyCredential(jwt, { fetchText: exampleSite({}, log), now: NOW });
    assert.ok(v.safeParse(VerificationResult, r).success, 'same verdict shape as the 2.0 verifiers');
    assert.deepEqual(verdict(r), [true, null], JSON.stringify(r.checks));
    assert.equal(r.badgeName, 'Teamwork');
    assert.equal(r.issuerName, 'Example Corp');
    assert.equal(r.issuedOn, '2010-01-01T00:00:00Z');
    assert.equal(r.expires, null);
    assert.equal(r.assertionUrl, 'http://example.com/credentials/3527');
    assert.deepEqual(log, ['https://example.com/keys.json']);
    const byUrl = await verifyCredential('https://example.com/credentials/3527.jwt', { fetchText: exampleSite({ 'https://example.com/credentials/3527.jwt': jwt }), now: NOW });
    assert.deepEqual(verdict(byUrl), [true, null], JSON.stringify(byUrl.checks));
    assert.equal(byUrl.assertionUrl, 'https://example.com/credentials/3527.jwt');
  });

  test('recipient: the subject DID matches; another identity does not', async () => {
    const jwt = await sign(SAMPLE, exampleKey, { kid: EXAMPLE_KID });
    const ok = await verifyCredential(jwt, { fetchText: exampleSite(), now: NOW, identity: SUBJECT_DID });
    assert.deepEqual(verdict(ok), [true, null]);
    assert.equal(checkOf(ok, 'recipient')?.ok, true);
    const other = await verifyCredential(jwt, { fetchText: exampleSite(), now: NOW, identity: 'did:example:someone-else' });
    assert.deepEqual(verdict(other), [false, 'recipient-mismatch']);
  });

  test('a tampered credential fails its signature', async () => {
    const jwt = await sign(SAMPLE, exampleKey, { kid: EXAMPLE_KID });
    const [h, p, s] = jwt.split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    payload.credentialSubject.achievement.name = 'Leadership';
    const altered = [h, Buffer.from(JSON.stringify(payload)).toString('base64url'), s].join('.');
    const r = await verifyCredential(altered, { fetchText: exampleSite(), now: NOW });
    assert.deepEqual(verdict(r), [false, 'invalid-signature']);
    assert.equal(checkOf(r, 'signing key')?.ok, true);
    assert.equal(checkOf(r, 'signature')?.ok, false);
    assert.match(checkOf(r, 'signature')!.detail, /does not match/);
    const flipped = [h, p, s.slice(0, 10) + (s[10] === 'A' ? 'B' : 'A') + s.slice(11)].join('.');
    assert.deepEqual(verdict(await verifyCredential(flipped, { fetchText: exampleSite(), now: NOW })), [false, 'invalid-signature']);
  });

  test('expired: by validUntil, and by the JWT’s exp alone (which sets validUntil)', async () => {
    const expired = await sign({ ...SAMPLE, validUntil: '2020-01-01T00:00:00Z' }, exampleKey, { kid: EXAMPLE_KID });
    const r = await verifyCredential(expired, { fetchText: exampleSite(), now: NOW });
    assert.deepEqual(verdict(r), [false, 'expired']);
    assert.equal(r.expires, '2020-01-01T00:00:00Z');
    assert.equal(checkOf(r, 'signature')?.ok, true, 'genuine, just expired');
    const byExp = await sign(SAMPLE, exampleKey, { kid: EXAMPLE_KID }, { exp: secondsOf('2021-01-01T00:00:00Z') });
    const r2 = await verifyCredential(byExp, { fetchText: exampleSite(), now: NOW });
    assert.deepEqual(verdict(r2), [false, 'expired']);
    assert.equal(r2.expires, '2021-01-01T00:00:00.000Z');
  });

  test('not yet valid: a validFrom in the future fails', async () => {
    const future = { ...SAMPLE, validFrom: '2030-01-01T00:00:00Z' };
    const r = await verifyCredential(await sign(future, exampleKey, { kid: EXAMPLE_KID }), { fetchText: exampleSite(), now: NOW });
    assert.deepEqual(verdict(r), [false, 'malformed']);
    assert.equal(checkOf(r, 'valid from')?.ok, false);
  });

  test('claims that contradict the credential fail (iss is not the issuer)', async () => {
    const jwt = await sign(SAMPLE, exampleKey, { kid: EXAMPLE_KID }, { iss: 'https://example.org/someone' });
    const r = await verifyCredential(jwt, { fetchText: exampleSite(), now: NOW });
    assert.deepEqual(verdict(r), [false, 'malformed']);
    assert.equal(checkOf(r, 'JWT claims')?.ok, false);
  });
});

describe('keys the issuer does not vouch for', () => {
  test('an unknown key id on the issuer’s site', async () => {
    const jwt = await sign(SAMPLE, otherKey, { kid: 'https://example.com/keys.json#key-2' });
    const r = await verifyCredential(jwt, { fetchText: exampleSite(), now: NOW });
    assert.deepEqual(verdict(r), [false, 'unknown-key']);
    assert.equal(checkOf(r, 'signing key')?.ok, false);
    assert.match(checkOf(r, 'signing key')!.detail, /no key https:\/\/example.com\/keys.json#key-2/);
  });

  test('a key published on another site than the issuer’s', async () => {
    const evilKid = 'https://evil.example/keys.json#k';
    const fetchText = exampleSite({ 'https://evil.example/keys.json': { keys: [{ ...otherKey.publicJwk, kid: evilKid }] } });
    const r = await verifyCredential(await sign(SAMPLE, otherKey, { kid: evilKid }), { fetchText, now: NOW });
    assert.deepEqual(verdict(r), [false, 'outside-policy']);
  });

  test('a key carried in the header proves nothing unless the issuer’s did:web publishes it', async () => {
    const r = await verifyCredential(await sign(SAMPLE, otherKey, { jwk: otherKey.publicJwk }), { fetchText: exampleSite(), now: NOW });
    assert.deepEqual(verdict(r), [false, 'unknown-key']);
  });

  test('the right key id with a signature by another key fails the signature', async () => {
    const r = await verifyCredential(await sign(SAMPLE, otherKey, { kid: EXAMPLE_KID }), { fetchText: exampleSite(), now: NOW });
    assert.deepEqual(verdict(r), [false, 'invalid-signature']);
    assert.equal(checkOf(r, 'signature')?.ok, false);
  });

  test('HS256 (a shared secret) and alg none are refused', async () => {
    const vc = { ...SAMPLE, iss: EXAMPLE_ISSUER, jti: SAMPLE.id, sub: SUBJECT_DID, nbf: secondsOf(SAMPLE.validFrom) };
    const hs = await new SignJWT(vc).setProtectedHeader({ alg: 'HS256', kid: EXAMPLE_KID }).sign(new TextEncoder().encode('secret'));
    assert.deepEqual(verdict(await verifyCredential(hs, { fetchText: exampleSite(), now: NOW })), [false, 'malformed']);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(vc)).toString('base64url')}.`;
    assert.deepEqual(verdict(await verifyCredential(none, { fetchText: exampleSite(), now: NOW })), [false, 'malformed']);
  });
});

describe('did:web issuers', () => {
  test('the server’s DID for its public URL resolves back to where it serves the document', () => {
    const cases: [string, string, string][] = [
      ['https://community.example.com', 'did:web:community.example.com', 'https://community.example.com/.well-known/did.json'],
      ['http://localhost:8787', 'did:web:localhost%3A8787', 'http://localhost:8787/.well-known/did.json'],
      ['https://portal.example/community/', 'did:web:portal.example:community', 'https://portal.example/community/did.json'],
    ];
    for (const [base, did, url] of cases) {
      assert.equal(didWebFor(base), did);
      assert.equal(didWebDocumentUrl(did), url);
    }
    for (const bad of ['did:web:', 'did:key:z6Mk', 'did:web:example.com/path', 'did:web:example.com::x']) assert.equal(didWebDocumentUrl(bad), null, bad);
  });

  const DID = 'did:web:example.com';
  const didVc = { ...SAMPLE, issuer: { ...SAMPLE.issuer, id: DID } };
  const didDoc = (did = DID, jwk: JWK = exampleKey.publicJwk) => ({
    id: did,
    verificationMethod: [{ id: `${DID}#key-1`, type: 'JsonWebKey2020', controller: DID, publicKeyJwk: jwk }],
    assertionMethod: [`${DID}#key-1`],
  });

  test('the key is resolved from https://<host>/.well-known/did.json, by kid or by the header’s jwk', async () => {
    const log: string[] = [];
    const fetchText = mapFetch({ 'https://example.com/.well-known/did.json': didDoc() }, log);
    const byKid = await verifyCredential(await sign(didVc, exampleKey, { kid: `${DID}#key-1` }), { fetchText, now: NOW });
    assert.deepEqual(verdict(byKid), [true, null], JSON.stringify(byKid.checks));
    assert.deepEqual(log, ['https://example.com/.well-known/did.json']);
    const byJwk = await verifyCredential(await sign(didVc, exampleKey, { jwk: exampleKey.publicJwk }), { fetchText, now: NOW });
    assert.deepEqual(verdict(byJwk), [true, null], JSON.stringify(byJwk.checks));
  });

  test('a did:web whose decoded host is not a host is refused: %40 would make the real host the part after it', async () => {
    // did:web:victim.example%40evil.example decodes to victim.example@evil.example: https://victim.example@evil.example
    // is evil.example with "victim.example" as its user name, so evil.example would answer for a DID that reads as victim's.
    const forged = 'did:web:victim.example%40evil.example';
    for (const bad of [forged, 'did:web:victim.example%2Fevil.example', 'did:web:a%20b.example', 'did:web:example.com%3A80%40evil.example']) {
      assert.equal(didWebDocumentUrl(bad), null, bad);
    }
    // A malformed %-escape is not a did:web either (decodeURIComponent used to throw).
    assert.equal(didWebDocumentUrl('did:web:example.com%E0%A4%A'), null);
    assert.equal(didWebDocumentUrl('did:web:example.com:a%ZZ'), null);
    // Hosts that are hosts still resolve: a port, an IPv4 address, a bracketed IPv6 address.
    assert.equal(didWebDocumentUrl('did:web:example.com%3A8443:a'), 'https://example.com:8443/a/did.json');
    assert.equal(didWebDocumentUrl('did:web:192.0.2.1'), 'https://192.0.2.1/.well-known/did.json');
    assert.equal(didWebDocumentUrl('did:web:%5B2001%3Adb8%3A%3A1%5D%3A8443'), 'https://[2001:db8::1]:8443/.well-known/did.json');

    // End to end: evil.example serves a DID document for the forged DID, with its own key.
    const vc = { ...SAMPLE, issuer: { ...SAMPLE.issuer, id: forged } };
    const log: string[] = [];
    const evilSite = mapFetch(
      {
        'https://evil.example/.well-known/did.json': {
          id: forged,
          verificationMethod: [{ id: `${forged}#key-1`, type: 'JsonWebKey2020', controller: forged, publicKeyJwk: otherKey.publicJwk }],
          assertionMethod: [`${forged}#key-1`],
        },
      },
      log,
    );
    const r = await verifyCredential(await sign(vc, otherKey, { kid: `${forged}#key-1` }), { fetchText: evilSite, now: NOW });
    assert.equal(r.verified, false, JSON.stringify(r.checks));
    assert.deepEqual(log, [], 'nothing is fetched for a DID that is not a well-formed did:web');
    // A malformed escape is malformed, not "unreachable".
    const broken = 'did:web:example.com%E0%A4%A';
    const r2 = await verifyCredential(await sign({ ...SAMPLE, issuer: { ...SAMPLE.issuer, id: broken } }, exampleKey, { kid: `${broken}#key-1` }), { fetchText: mapFetch({}), now: NOW });
    assert.deepEqual(verdict(r2), [false, 'malformed'], JSON.stringify(r2.checks));
  });

  test('an unknown key, a key of another DID, and a document for another DID all fail', async () => {
    const fetchText = mapFetch({ 'https://example.com/.well-known/did.json': didDoc() });
    assert.deepEqual(verdict(await verifyCredential(await sign(didVc, otherKey, { kid: `${DID}#key-9` }), { fetchText, now: NOW })), [false, 'unknown-key']);
    assert.deepEqual(verdict(await verifyCredential(await sign(didVc, otherKey, { kid: 'did:web:evil.example#key-1' }), { fetchText, now: NOW })), [false, 'outside-policy']);
    const wrongDoc = mapFetch({ 'https://example.com/.well-known/did.json': didDoc('did:web:evil.example') });
    assert.deepEqual(verdict(await verifyCredential(await sign(didVc, exampleKey, { kid: `${DID}#key-1` }), { fetchText: wrongDoc, now: NOW })), [false, 'outside-policy']);
    const unreachable = mapFetch({});
    assert.deepEqual(verdict(await verifyCredential(await sign(didVc, exampleKey, { kid: `${DID}#key-1` }), { fetchText: unreachable, now: NOW })), [false, 'unreachable']);
  });
});

describe('status lists', () => {
  const LIST = 'https://example.com/status/1';
  const withStatus = (index: number) => ({
    ...SAMPLE,
    credentialStatus: { id: `${LIST}#${index}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: String(index), statusListCredential: LIST },
  });
  const listVc = (issuer: string, set: number[]) => ({
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: LIST,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer,
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: { id: `${LIST}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: encodedList(set) },
  });

  test('a foreign Bitstring Status List: the set bit is revoked, its neighbour is not', async () => {
    const log: string[] = [];
    const fetchText = exampleSite({ [LIST]: await sign(listVc(EXAMPLE_ISSUER, [5]), exampleKey, { kid: EXAMPLE_KID }) }, log);
    const revoked = await verifyCredential(await sign(withStatus(5), exampleKey, { kid: EXAMPLE_KID }), { fetchText, now: NOW });
    assert.deepEqual(verdict(revoked), [false, 'revoked']);
    // The issuer's key set signs both the credential and its list: read once per verification.
    assert.deepEqual([...log].sort(), ['https://example.com/keys.json', LIST]);
    assert.match(checkOf(revoked, 'not revoked')!.detail, /bit 5 is 1 in the signed status list/);
    const active = await verifyCredential(await sign(withStatus(6), exampleKey, { kid: EXAMPLE_KID }), { fetchText, now: NOW });
    assert.deepEqual(verdict(active), [true, null], JSON.stringify(active.checks));
    assert.equal(await readStatusBit(encodedList([0, 131071]), 131071), true);
    assert.equal(await readStatusBit(encodedList([0, 131071]), 1), false);
  });

  test('a status list from another issuer, or signed with a key the issuer does not publish, is not believed', async () => {
    // Even signed with the issuer's key, a list that names another issuer does not speak for this credential.
    const foreignList = exampleSite({ [LIST]: await sign(listVc('https://evil.example/issuer', []), exampleKey, { kid: EXAMPLE_KID }) });
    const r = await verifyCredential(await sign(withStatus(5), exampleKey, { kid: EXAMPLE_KID }), { fetchText: foreignList, now: NOW });
    assert.deepEqual(verdict(r), [false, 'outside-policy']);
    assert.match(checkOf(r, 'not revoked')!.detail, /issued by https:\/\/evil.example\/issuer/);
    const forged = exampleSite({ [LIST]: await sign(listVc(EXAMPLE_ISSUER, []), otherKey, { kid: EXAMPLE_KID }) });
    const r2 = await verifyCredential(await sign(withStatus(5), exampleKey, { kid: EXAMPLE_KID }), { fetchText: forged, now: NOW });
    assert.equal(r2.verified, false);
    assert.equal(checkOf(r2, 'not revoked')?.ok, false);
  });

  test('an unsigned status list from another issuer is not believed either', async () => {
    // Unsigned JSON is read (the credential's own signature vouches for where its list lives), but a list
    // that names another issuer does not speak for this credential, signed or not.
    const foreignList = exampleSite({ [LIST]: listVc('https://evil.example/issuer', []) });
    const r = await verifyCredential(await sign(withStatus(5), exampleKey, { kid: EXAMPLE_KID }), { fetchText: foreignList, now: NOW });
    assert.deepEqual(verdict(r), [false, 'outside-policy'], JSON.stringify(r.checks));
    assert.equal(checkOf(r, 'not revoked')?.ok, false);
    assert.match(checkOf(r, 'not revoked')!.detail, /issued by https:\/\/evil.example\/issuer/);
    // The issuer's own unsigned list is still read.
    const ownList = exampleSite({ [LIST]: listVc(EXAMPLE_ISSUER, [5]) });
    const revoked = await verifyCredential(await sign(withStatus(5), exampleKey, { kid: EXAMPLE_KID }), { fetchText: ownList, now: NOW });
    assert.deepEqual(verdict(revoked), [false, 'revoked']);
    assert.match(checkOf(revoked, 'not revoked')!.detail, /bit 5 is 1 in the unsigned status list/);
    const active = await verifyCredential(await sign(withStatus(6), exampleKey, { kid: EXAMPLE_KID }), { fetchText: ownList, now: NOW });
    assert.deepEqual(verdict(active), [true, null], JSON.stringify(active.checks));
  });

  test('the full spec example: 1EdTechRevocationList, plain identifiers, validUntil', async () => {
    const kid = 'https://1edtech.edu/keys.json#key-1';
    const site = (revoked: string[]) =>
      mapFetch({
        'https://1edtech.edu/keys.json': { keys: [{ ...exampleKey.publicJwk, kid }] },
        [FULL.credentialStatus.id]: { id: FULL.credentialStatus.id, revokedCredentials: revoked.map((id) => ({ id, revocationReason: 'Issued in error' })) },
      });
    const jwt = await sign(FULL, exampleKey, { kid });
    const ok = await verifyCredential(jwt, { fetchText: site([]), now: NOW, identity: 'student@1edtech.edu' });
    assert.deepEqual(verdict(ok), [true, null], JSON.stringify(ok.checks));
    assert.equal(ok.badgeName, FULL.credentialSubject.achievement.name);
    assert.equal(ok.imageUrl, FULL.credentialSubject.achievement.image.id);
    assert.equal(ok.expires, '2030-01-01T00:00:00Z');
    const revoked = await verifyCredential(jwt, { fetchText: site([FULL.id]), now: NOW });
    assert.deepEqual(verdict(revoked), [false, 'revoked']);
    assert.match(revoked.detail!, /Issued in error/);
    const later = await verifyCredential(jwt, { fetchText: site([]), now: new Date('2031-01-01T00:00:00Z') });
    assert.deepEqual(verdict(later), [false, 'expired']);
  });

  test('an unsupported status type leaves revocation unchecked, not "not revoked"', async () => {
    const vc = { ...SAMPLE, credentialStatus: { id: 'https://example.com/s', type: 'SomeFutureStatus' } };
    const r = await verifyCredential(await sign(vc, exampleKey, { kid: EXAMPLE_KID }), { fetchText: exampleSite(), now: NOW });
    assert.equal(r.verified, false);
    assert.equal(checkOf(r, 'not revoked')?.ok, false);
  });
});

describe('1EdTech validator files and inputs the verifier cannot use', () => {
  test('the validator’s early VC-JWT (no achievement, no key in the header) is malformed', async () => {
    const original = readFileSync(new URL('validator-simple.jwt', FIXTURES), 'utf8').trim();
    const r = await verifyCredential(original, { fetchText: mapFetch({}), now: NOW });
    assert.deepEqual(verdict(r), [false, 'malformed']);
    assert.match(checkOf(r, 'credential')!.detail, /achievement/);
  });

  test('a VC 1.1-style VC-JWT (the credential in a vc claim, issuanceDate / expirationDate) verifies', async () => {
    const { validFrom, ...rest } = SAMPLE;
    const vc = { ...rest, '@context': ['https://www.w3.org/2018/credentials/v1', SAMPLE['@context'][1]], issuanceDate: validFrom, expirationDate: '2030-01-01T00:00:00Z' };
    const claims = { vc, iss: EXAMPLE_ISSUER, jti: SAMPLE.id, sub: SUBJECT_DID, nbf: secondsOf(validFrom), exp: secondsOf('2030-01-01T00:00:00Z') };
    const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims))).setProtectedHeader({ alg: 'RS256', kid: EXAMPLE_KID }).sign(exampleKey.privateKey);
    const ok = await verifyCredential(jwt, { fetchText: exampleSite(), now: NOW });
    assert.deepEqual(verdict(ok), [true, null], JSON.stringify(ok.checks));
    assert.equal(ok.issuedOn, '2010-01-01T00:00:00Z');
    assert.equal(ok.expires, '2030-01-01T00:00:00Z');
  });

  test('an embedded eddsa-rdfc-2022 proof (1EdTech-signed spec sample) is reported as not verifiable here', async () => {
    const url = 'https://example.com/credentials/3527.json';
    const r = await verifyCredential(url, { fetchText: mapFetch({ [url]: fixture('validator-simple-eddsa-rdfc-2022.json') }), now: NOW });
    assert.deepEqual(verdict(r), [false, 'malformed']);
    assert.match(checkOf(r, 'signature')!.detail, /eddsa-rdfc-2022/);
    assert.equal(r.badgeName, 'Teamwork', 'what could be read is still shown');
  });

  test('unsigned JSON, a non-credential, an unreachable or blocked address, neither URL nor JWT', async () => {
    const url = 'https://example.com/c';
    assert.deepEqual(verdict(await verifyCredential(url, { fetchText: mapFetch({ [url]: SAMPLE }), now: NOW })), [false, 'malformed']);
    assert.deepEqual(verdict(await verifyCredential(url, { fetchText: mapFetch({ [url]: { hello: 'world' } }), now: NOW })), [false, 'malformed']);
    assert.deepEqual(verdict(await verifyCredential(url, { fetchText: mapFetch({}), now: NOW })), [false, 'not-found']);
    const down: FetchText = async () => {
      throw new Ob3FetchError('unreachable', 'connection refused');
    };
    assert.deepEqual(verdict(await verifyCredential(url, { fetchText: down, now: NOW })), [false, 'unreachable']);
    const blocked: FetchText = async () => {
      throw new Ob3FetchError('blocked-url', 'resolves to a private address');
    };
    assert.deepEqual(verdict(await verifyCredential(url, { fetchText: blocked, now: NOW })), [false, 'blocked-url']);
    assert.deepEqual(verdict(await verifyCredential('not a credential', { fetchText: mapFetch({}), now: NOW })), [false, 'blocked-url']);
    assert.deepEqual(verdict(await verifyCredential('ftp://example.com/c', { fetchText: mapFetch({}), now: NOW })), [false, 'blocked-url']);
  });

  test('an abort from the caller rejects instead of giving a verdict', async () => {
    const ctl = new AbortController();
    const fetchText: FetchText = async (_url, { signal }) => {
      ctl.abort();
      throw signal?.reason ?? new DOMException('aborted', 'AbortError');
    };
    await assert.rejects(verifyCredential('https://example.com/c', { fetchText, signal: ctl.signal, now: NOW }), (e: Error) => e.name === 'AbortError');
  });
});
