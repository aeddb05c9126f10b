// A foreign Open Badges 3.0 issuer inside the test runner's dev server, under /ob3/. Its credential is
// the OB 3.0 specification's own sample (test/server/fixtures/ob3/), re-issued by this "issuer" with a
// key generated at start-up, so the element verifies a credential Confab did not issue, end to end:
//   /ob3/credential/<case>  a VC-JWT (text/plain)        /ob3/jwks.json  the issuer's public key set
//   /ob3/status             its Bitstring Status List    POST /ob3/revoke?index=N, POST /ob3/reset
// Cases: valid, revocable (bit 7, which a test revokes), revoked (bit 3, set from the start), expired,
// tampered (altered after signing), unknown-key (signed with a key the JWKS does not hold), nocors
// (valid, without CORS headers: the browser must ask the backend).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { CompactSign, exportJWK, generateKeyPair } from 'jose';

const SAMPLE = JSON.parse(readFileSync(new URL('../server/fixtures/ob3/spec-sample-openbadgecredential.json', import.meta.url), 'utf8'));
const INDEX = { valid: 1, nocors: 2, revoked: 3, expired: 4, tampered: 5, 'unknown-key': 6, revocable: 7 };
const PRESET = [INDEX.revoked];

let keys;
const keyPairs = () =>
  (keys ??= Promise.all([generateKeyPair('ES256', { extractable: true }), generateKeyPair('ES256', { extractable: true })]).then(async ([issuer, stranger]) => ({
    issuer,
    stranger,
    publicJwk: await exportJWK(issuer.publicKey),
  })));
const revoked = new Set(PRESET);

const seconds = (iso) => Math.floor(Date.parse(iso) / 1000);

function encodedList(set) {
  const bits = new Uint8Array(16 * 1024);
  for (const i of set) bits[i >> 3] |= 0x80 >> (i & 7);
  return 'u' + gzipSync(bits).toString('base64url');
}

async function credentialJwt(origin, name) {
  const { issuer, stranger } = await keyPairs();
  const issuerId = `${origin}/ob3/issuer`;
  const vc = {
    ...SAMPLE,
    id: `${origin}/ob3/credential/${name}`,
    issuer: { ...SAMPLE.issuer, id: issuerId, name: 'Foreign Example Corp' },
    validFrom: '2024-01-01T00:00:00Z',
    ...(name === 'expired' ? { validUntil: '2025-01-01T00:00:00Z' } : {}),
    credentialStatus: {
      id: `${origin}/ob3/status#${INDEX[name]}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation',
      statusListIndex: String(INDEX[name]), statusListCredential: `${origin}/ob3/status`,
    },
  };
  const claims = { ...vc, iss: issuerId, jti: vc.id, sub: vc.credentialSubject.id, nbf: seconds(vc.validFrom), ...(vc.validUntil ? { exp: seconds(vc.validUntil) } : {}) };
  const unknown = name === 'unknown-key';
  const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: `${origin}/ob3/jwks.json#${unknown ? 'key-2' : 'key-1'}` })
    .sign(unknown ? stranger.privateKey : issuer.privateKey);
  if (name !== 'tampered') return jwt;
  const [h, , s] = jwt.split('.');
  const altered = { ...claims, credentialSubject: { ...claims.credentialSubject, achievement: { ...claims.credentialSubject.achievement, name: 'Leadership' } } };
  return [h, Buffer.from(JSON.stringify(altered)).toString('base64url'), s].join('.');
}

export function fakeOb3Issuer() {
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/ob3/')) return next();
    if (ctx.method === 'POST') {
      if (ctx.path === '/ob3/revoke') revoked.add(Number(ctx.query.index));
      else if (ctx.path === '/ob3/reset') {
        revoked.clear();
        for (const i of PRESET) revoked.add(i);
      } else return next();
      ctx.status = 204;
      return;
    }
    const name = /^\/ob3\/credential\/([a-z-]+)$/.exec(ctx.path)?.[1];
    if (name !== 'nocors') ctx.set('Access-Control-Allow-Origin', '*');
    ctx.set('Cache-Control', 'no-store');
    if (name && name in INDEX) {
      ctx.type = 'text/plain';
      ctx.body = await credentialJwt(ctx.origin, name);
    } else if (ctx.path === '/ob3/jwks.json') {
      ctx.type = 'application/json';
      ctx.body = JSON.stringify({ keys: [{ ...(await keyPairs()).publicJwk, kid: `${ctx.origin}/ob3/jwks.json#key-1`, alg: 'ES256', use: 'sig' }] });
    } else if (ctx.path === '/ob3/status') {
      ctx.type = 'application/json';
      ctx.body = JSON.stringify({
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        id: `${ctx.origin}/ob3/status`,
        type: ['VerifiableCredential', 'BitstringStatusListCredential'],
        issuer: `${ctx.origin}/ob3/issuer`,
        validFrom: '2024-01-01T00:00:00Z',
        credentialSubject: { id: `${ctx.origin}/ob3/status#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: encodedList(revoked) },
      });
    } else return next();
  };
}
