// A fake Open Badges 2.0 issuer inside the test runner's dev server, under /issuer/<case>/.
// Every case has an assertion, a badge class and an issuer profile, generated here in code, so each
// verification failure has a document that shows exactly that failure:
//   /issuer/<case>/assertion   /issuer/<case>/badge   /issuer/<case>/profile   /issuer/image.svg
// Documents carry `Access-Control-Allow-Origin: *` except in the `nocors` case, which is what many
// real issuers do and what makes the browser fall back to the backend's verify endpoint.
import { createHash } from 'node:crypto';

const hash = (alg, s) => createHash(alg).update(s).digest('hex');
export const IDENTITIES = { alice: 'alice@example.com', bob: 'bob@example.com' };
const SALT = 'pepper-42';
const DAY = 86_400_000;

const IMAGE = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120"><polygon points="60,4 110,32 110,88 60,116 10,88 10,32" fill="#1f6feb"/><text x="60" y="68" text-anchor="middle" font-family="sans-serif" font-size="26" font-weight="700" fill="#fff">FAKE</text></svg>`;

/** The documents of one case, as [assertion, badge, profile] plus the assertion's HTTP status. */
function documents(origin, host, name) {
  const base = `${origin}/issuer/${name}`;
  const now = Date.now();
  const assertion = {
    '@context': 'https://w3id.org/openbadges/v2',
    type: 'Assertion',
    id: `${base}/assertion`,
    recipient: { type: 'email', hashed: true, salt: SALT, identity: `sha256$${hash('sha256', IDENTITIES.alice + SALT)}` },
    'extensions:recipientProfile': { type: ['Extension', 'extensions:RecipientProfile'], name: 'Alice Example' },
    badge: `${base}/badge`,
    verification: { type: 'hosted' },
    issuedOn: new Date(now - 200 * DAY).toISOString(),
    expires: new Date(now + 300 * DAY).toISOString(),
  };
  const badge = {
    '@context': 'https://w3id.org/openbadges/v2',
    type: 'BadgeClass',
    id: `${base}/badge`,
    name: 'Fake Cloud Architect',
    description: 'Designs fake clouds.',
    image: `${origin}/issuer/image.svg`,
    criteria: { narrative: 'Pass the fake exam.' },
    issuer: `${base}/profile`,
  };
  const profile = {
    '@context': 'https://w3id.org/openbadges/v2',
    type: 'Issuer',
    id: `${base}/profile`,
    name: 'Fake Issuer Academy',
    url: origin,
    // The 1EdTech validator requires an issuer's url and email (its Profile class validator).
    email: 'badges@fake-issuer.example',
    verification: { type: 'hosted', allowedOrigins: host },
  };
  let status = 200;
  // `valid-<anything>`: a valid badge under a fresh URL, for tests that count requests.
  switch (name.startsWith('valid-') ? 'valid' : name) {
    case 'valid':
    case 'nocors':
      break;
    case 'default-policy':
      delete profile.verification;
      break;
    case 'starts-with':
      profile.verification = { type: 'hosted', startsWith: `${origin}/issuer/starts-with/` };
      break;
    case 'expired':
      assertion.issuedOn = new Date(now - 800 * DAY).toISOString();
      assertion.expires = new Date(now - 30 * DAY).toISOString();
      break;
    case 'revoked-410':
      return { status: 410, assertion: { id: assertion.id, revoked: true, revocationReason: 'Exam integrity review' }, badge, profile };
    case 'revoked-flag':
      assertion.revoked = true;
      assertion.revocationReason = 'Issued in error';
      break;
    case 'outside-policy':
      profile.verification = { type: 'hosted', allowedOrigins: ['badges.elsewhere.example'] };
      break;
    case 'starts-with-outside':
      profile.verification = { type: 'hosted', startsWith: `${origin}/issuer/other/` };
      break;
    case 'md5':
      assertion.recipient = { type: 'email', hashed: true, identity: `md5$${hash('md5', IDENTITIES.bob)}` };
      delete assertion['extensions:recipientProfile'];
      break;
    case 'plain':
      assertion.recipient = { type: 'email', hashed: false, identity: 'Bob@Example.com' };
      break;
    case 'malformed-badge':
      badge.name = 42;
      delete badge.criteria;
      break;
    case 'signed':
      assertion.verification = { type: 'SignedBadge', creator: `${base}/key` };
      break;
    case 'not-found':
      status = 404;
      break;
    default:
      return null;
  }
  return { status, assertion, badge, profile };
}

/** Requests per path since the last reset: GET /issuer/__log, GET /issuer/__log?reset. */
const hits = new Map();

export function fakeIssuer() {
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/issuer/')) return next();
    if (ctx.path === '/issuer/__log') {
      ctx.type = 'application/json';
      ctx.body = JSON.stringify(Object.fromEntries(hits));
      if ('reset' in ctx.query) hits.clear();
      return;
    }
    hits.set(ctx.path, (hits.get(ctx.path) ?? 0) + 1);
    const cors = (name) => {
      if (name !== 'nocors') ctx.set('Access-Control-Allow-Origin', '*');
    };
    if (ctx.path === '/issuer/image.svg') {
      ctx.set('Access-Control-Allow-Origin', '*');
      ctx.type = 'image/svg+xml';
      ctx.body = IMAGE;
      return;
    }
    const m = /^\/issuer\/([a-z0-9-]+)\/(assertion|badge|profile)$/.exec(ctx.path);
    const docs = m && documents(ctx.origin, ctx.host, m[1]);
    if (!docs) return next();
    cors(m[1]);
    ctx.type = 'application/ld+json';
    if (m[2] === 'assertion') {
      ctx.status = docs.status;
      ctx.body = docs.status === 404 ? JSON.stringify({ error: 'no such assertion' }) : JSON.stringify(docs.assertion);
    } else {
      ctx.status = 200;
      ctx.body = JSON.stringify(m[2] === 'badge' ? docs.badge : docs.profile);
    }
  };
}
