import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import * as v from 'valibot';
import { LiveEvent, endpoints } from '../../src/contract/index.js';
import type { ConfabApp } from '../../server/src/app.js';
import { authFromEnv, hs256Auth, jwksAuth } from '../../server/src/auth.js';
import { configFromEnv } from '../../server/src/config.js';
import { IDEMPOTENCY_KEY } from '../../server/src/idempotency.js';
import { migrate } from '../../server/src/migrate.js';
import { seedIfEmpty } from '../../server/src/seed.js';
import { createRng } from '../../src/demo-data/index.js';
import { ORIGIN, PEOPLE, SECRET, call, expectProblem, raw, setupTestEnv, streamText, tokenFor, type TestEnv } from './helpers.js';

let env: TestEnv;
before(async () => {
  env = await setupTestEnv('infra');
});
after(async () => {
  await env?.close();
});

const newThread = (title = 'Idempotent thread') => ({ title, body: 'Body text', category: 'technical' });

describe('storage', () => {
  test('migrations are recorded and applied once; seeding happens only into empty tables', async () => {
    assert.deepEqual(await migrate(env.db), []);
    const { rows } = await env.db.query<any>(`SELECT version, name FROM schema_migrations ORDER BY version`);
    assert.equal(rows[0].name, '001_init.sql');
    assert.equal(await seedIfEmpty(env.db), false);
    const counts = (await env.db.query<any>(`SELECT
      (SELECT count(*)::int FROM orgs WHERE id <> 'org-acme') AS orgs, (SELECT count(*)::int FROM people) AS people,
      (SELECT count(*)::int FROM threads) AS threads, (SELECT count(*)::int FROM posts) AS posts,
      (SELECT count(*)::int FROM questions) AS questions, (SELECT count(*)::int FROM questions WHERE accepted_answer_id IS NOT NULL) AS accepted,
      (SELECT count(*)::int FROM questions WHERE answer_count > 0) AS answered, (SELECT count(*)::int FROM articles) AS articles,
      (SELECT count(*)::int FROM certifications) AS certs, (SELECT count(*)::int FROM certifications WHERE recipient_kind = 'org') AS org_certs,
      (SELECT count(DISTINCT tier)::int FROM orgs) AS tiers`)).rows[0];
    assert.ok(counts.orgs >= 5 && counts.tiers === 4, JSON.stringify(counts));
    assert.ok(counts.people >= 40 && counts.threads >= 200 && counts.posts > 200 && counts.questions >= 80, JSON.stringify(counts));
    assert.ok(counts.accepted > 0 && counts.answered > counts.accepted && counts.articles >= 300 && counts.org_certs > 0);
  });

  test('a transaction\'s setup runs inside it, before fn, and ends with it (the search sends its SET LOCALs this way)', async () => {
    const show = async (q: { query: typeof env.db.query }, name: string) => (await q.query<{ v: string }>(`SELECT current_setting('${name}') AS v`)).rows[0].v;
    const before = [await show(env.db, 'enable_seqscan'), await show(env.db, 'work_mem')];
    const inside = await env.db.transaction(async (tx) => [await show(tx, 'enable_seqscan'), await show(tx, 'work_mem')],
      `SET LOCAL enable_seqscan = off; SET LOCAL work_mem = '7MB'`);
    assert.deepEqual(inside, ['off', '7MB']);
    assert.deepEqual([await show(env.db, 'enable_seqscan'), await show(env.db, 'work_mem')], before, 'SET LOCAL ends with the transaction');
    await assert.rejects(env.db.transaction(async () => 1, `SET LOCAL no_such_setting_here = 1`), 'a setup that fails fails the transaction');
    assert.equal(await show(env.db, 'enable_seqscan'), before[0]);
  });

  test('the seed PRNG is deterministic', () => {
    const a = createRng(7), b = createRng(7);
    for (let i = 0; i < 50; i++) assert.equal(a.next(), b.next());
  });
});

describe('requests and errors', () => {
  test('health and unknown routes', async () => {
    const h = await raw(env, '/api/health');
    assert.equal(h.status, 200);
    assert.equal((await h.json()).ok, true);
    await expectProblem(await raw(env, '/api/v2/nothing'), 404);
    await expectProblem(await raw(env, '/api/v1/threads', { method: 'PUT' }), 404);
    await expectProblem(await raw(env, '/nothing-here'), 404);
  });

  test('routes through RegExpRouter; a literal path beside a parameter route still reaches its own endpoint (issue 18)', async () => {
    // Hono's default would fall back to TrieRouter for the whole table (about 5 µs more per request).
    assert.equal(env.confab.app.router.name, 'RegExpRouter');
    // The pairs mount.ts registers as one route: the literal path answers as before, not as an id.
    const similar = await raw(env, '/api/v1/questions/similar?q=firewall');
    assert.equal(similar.status, 200);
    assert.ok(Array.isArray((await similar.json()).items));
    const search = await raw(env, '/api/v1/articles/search?q=firewall');
    assert.equal(search.status, 200);
    assert.equal(typeof (await search.json()).total, 'number');
    // The router compares the decoded path, and so does the hand-over: an escaped letter is the same path.
    assert.equal((await raw(env, '/api/v1/questions/simil%61r?q=firewall')).status, 200);
    assert.equal((await raw(env, '/api/v1/articles/search')).status, 400, 'the literal route validates its own query');
    // The parameter routes still answer for every other segment, and only there.
    const { rows } = await env.db.query<{ q: string; a: string }>(
      `SELECT (SELECT id FROM questions WHERE status = 'published' LIMIT 1) AS q, (SELECT id FROM articles WHERE min_tier_rank = 0 AND roles = '{}' LIMIT 1) AS a`,
    );
    assert.equal((await raw(env, `/api/v1/questions/${rows[0].q}`)).status, 200);
    assert.equal((await raw(env, `/api/v1/articles/${rows[0].a}`)).status, 200);
    await expectProblem(await raw(env, '/api/v1/questions/similar-not'), 404);
    await expectProblem(await raw(env, '/api/v1/questions/similar/'), 404);
  });

  test('malformed JSON → 400, wrong content type → 415, oversized request → 413; never a 500', async () => {
    const t = await tokenFor(env, PEOPLE.ben);
    const auth = { authorization: `Bearer ${t}` };
    const bad = await expectProblem(await raw(env, '/api/v1/threads', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"title": "x",' }), 400);
    assert.equal(bad.errors[0].path, '(root)');
    await expectProblem(await raw(env, '/api/v1/threads', { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: JSON.stringify(newThread()) }), 415);
    await expectProblem(await raw(env, '/api/v1/threads', { method: 'POST', headers: auth, body: JSON.stringify(newThread()) }), 415);
    await expectProblem(await raw(env, '/api/v1/threads', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '' }), 400);
    await expectProblem(await raw(env, '/api/v1/threads', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: 'null' }), 422);
    await expectProblem(await raw(env, '/api/v1/threads', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '[1,2]' }), 422);
    const huge = JSON.stringify({ ...newThread(), body: 'z'.repeat(300 * 1024) });
    await expectProblem(await raw(env, '/api/v1/threads', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: huge }), 413);
    // also without a content-length header (streamed)
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(huge));
        c.close();
      },
    });
    await expectProblem(
      await raw(env, '/api/v1/threads', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit),
      413,
    );
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    await expectProblem(await raw(env, '/api/v1/threads', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: deep }), 422);
  });

  test('a NUL (U+0000) in a query, a path id or a JSON string is a 4xx naming the field, never a 500 (issue 18)', async () => {
    const t = await tokenFor(env, PEOPLE.ben);
    const json = { authorization: `Bearer ${t}`, 'content-type': 'application/json' };
    const inQuery = await expectProblem(await raw(env, '/api/v1/certifications?person=a%00'), 400);
    assert.deepEqual(inQuery.errors, [{ path: 'person', message: 'must not contain the NUL character (U+0000)' }]);
    assert.equal((await expectProblem(await raw(env, '/api/v1/threads?category=x%00y&sort=top'), 400)).errors[0].path, 'category');
    assert.equal((await expectProblem(await raw(env, '/api/v1/threads/th-001%00'), 400)).errors[0].path, 'id');
    assert.equal((await expectProblem(await raw(env, '/api/v1/questions/q-001%00/vote', { method: 'POST', headers: json, body: '{"value":1}' }), 400)).errors[0].path, 'id');
    assert.equal((await expectProblem(await raw(env, '/ob/assertions/x%00'), 400)).errors[0].path, 'id');
    const inBody = await expectProblem(await raw(env, '/api/v1/threads', { method: 'POST', headers: json, body: JSON.stringify({ ...newThread('Nul\u0000 title'), tags: ['ok', 'b\u0000d'] }) }), 422);
    assert.match(inBody.errors[0].path, /^(title|tags\[1\])$/);
    const inKey = await expectProblem(await raw(env, '/api/v1/threads', { method: 'POST', headers: json, body: JSON.stringify({ ...newThread(), 'x\u0000': 1 }) }), 422);
    assert.equal(inKey.errors[0].path, 'x\\u0000');
    // A NUL deep inside a nested body is found without recursion limits.
    const deep = '['.repeat(20_000) + '"\\u0000"' + ']'.repeat(20_000);
    await expectProblem(await raw(env, '/api/v1/threads', { method: 'POST', headers: json, body: deep }), 422);
  });

  test('a JSON array where the schema says object is a 422, also when every field is optional (PATCH) (issue 18)', async () => {
    const headers = { authorization: `Bearer ${await tokenFor(env, PEOPLE.morgan)}`, 'content-type': 'application/json' };
    for (const [path, body] of [['/api/v1/threads/th-001', '[]'], ['/api/v1/questions/q-001', '["title"]'], ['/api/v1/threads/th-001', '[{"title":"An array"}]']]) {
      const p = await expectProblem(await raw(env, path, { method: 'PATCH', headers, body }), 422);
      assert.deepEqual(p.errors, [{ path: '(root)', message: 'expected Object, got Array' }], `${path} ${body}`);
    }
    assert.equal((await call(env, 'getThread', { params: { id: 'th-001' } })).status, 200);
  });

  test('openapi.json describes every endpoint of the contract', async () => {
    const r = await raw(env, '/api/openapi.json');
    assert.equal(r.status, 200);
    const doc = await r.json();
    assert.equal(doc.openapi, '3.1.0');
    for (const [name, ep] of Object.entries(endpoints)) {
      const op = doc.paths[ep.path]?.[ep.method.toLowerCase()];
      assert.ok(op, `${ep.method} ${ep.path}`);
      assert.equal(op.operationId, name);
      if ('body' in ep && ep.body) assert.ok(op.requestBody.content['application/json'].schema);
      // Most answer JSON; an export answers its own media type (insights CSV).
      if ('response' in ep && ep.response) assert.ok(op.responses['200'].content[('mediaType' in ep && ep.mediaType) || 'application/json'].schema, `${name}: response schema`);
    }
    // Bodies are named components (openapi.test.ts checks every one); the limits travel with them.
    assert.equal(doc.paths['/v1/threads'].post.requestBody.content['application/json'].schema.$ref, '#/components/schemas/NewThread');
    assert.ok(doc.components.schemas.NewThread.properties.title.maxLength === 200);
    // The Idempotency-Key rule in the document is the server's own (visible ASCII, 1-200).
    const key = doc.paths['/v1/threads'].post.parameters.find((p: { name: string }) => p.name === 'Idempotency-Key').schema;
    assert.equal(key.pattern, IDEMPOTENCY_KEY.source);
    const documented = new RegExp(key.pattern);
    for (const k of ['abc', 'a'.repeat(200), 'a'.repeat(201), 'has space', 'caf\u00e9', '']) assert.equal(documented.test(k), IDEMPOTENCY_KEY.test(k), k);
  });
});

describe('auth', () => {
  test('bad, foreign and expired tokens get 401 even on reads', async () => {
    await expectProblem(await raw(env, '/api/v1/threads', { headers: { authorization: 'Bearer not-a-jwt' } }), 401);
    await expectProblem(await raw(env, '/api/v1/threads', { headers: { authorization: 'Basic abc' } }), 401);
    const foreign = await hs256Auth('some-other-secret').sign!({ id: 'p-ava', name: 'Ava' });
    await expectProblem(await raw(env, '/api/v1/me', { headers: { authorization: `Bearer ${foreign}` } }), 401);
    const expired = await new SignJWT({ name: 'Ava' }).setProtectedHeader({ alg: 'HS256' }).setSubject('p-ava').setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(new TextEncoder().encode(SECRET));
    const r = await raw(env, '/api/v1/me', { headers: { authorization: `Bearer ${expired}` } });
    await expectProblem(r, 401);
    const none = await new SignJWT({ name: 'x' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET));
    await expectProblem(await raw(env, '/api/v1/me', { headers: { authorization: `Bearer ${none}` } }), 401);
  });

  test('CONFAB_REQUIRE_AUTH makes reads need a token', async () => {
    const strict = env.makeApp({ config: { requireAuth: true } });
    assert.equal((await call(env, 'listThreads', { app: strict })).status, 401);
    assert.equal((await call(env, 'listThreads', { app: strict, as: PEOPLE.ben })).status, 200);
    await expectProblem(await raw(env, '/api/v1/events', {}, strict), 401);
  });

  test('JWKS (RS256 and ES256) tokens are verified against the key set', async () => {
    const rs = await generateKeyPair('RS256');
    const es = await generateKeyPair('ES256');
    const jwks = { keys: [{ ...(await exportJWK(rs.publicKey)), kid: 'rs', alg: 'RS256' }, { ...(await exportJWK(es.publicKey)), kid: 'es', alg: 'ES256' }] };
    const srv: Server = createServer((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks)));
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(srv.address() as any).port}/jwks.json`;
      const app = env.makeApp({ auth: jwksAuth(url) });
      for (const [alg, key, kid] of [['RS256', rs.privateKey, 'rs'], ['ES256', es.privateKey, 'es']] as const) {
        const tok = await new SignJWT({ name: 'Ava Lindqvist', org: 'org-northwind', tier: 'platinum', roles: ['technical', 'bogus'] })
          .setProtectedHeader({ alg, kid }).setSubject('p-ava').setExpirationTime('5m').sign(key);
        const me = await call(env, 'me', { app, token: tok });
        assert.equal(me.status, 200, alg);
        assert.deepEqual(me.body.roles, ['technical'], 'unknown roles are dropped');
        assert.equal(me.body.org.name, 'Northwind Networks');
      }
      const hs = await hs256Auth(SECRET).sign!({ id: 'p-ava', name: 'Ava' });
      assert.equal((await call(env, 'me', { app, token: hs })).status, 401, 'an HS256 token is refused when a JWKS is configured');
    } finally {
      srv.close();
    }
  });

  test('demo mode lists demo people and issues their tokens', async () => {
    const users = await (await raw(env, '/api/demo/users')).json();
    assert.ok(users.length >= 40);
    assert.equal(users[0].id, 'p-ava', 'the named demo people come first');
    const ava = users.find((u: any) => u.id === 'p-ava');
    assert.deepEqual(ava, { id: 'p-ava', name: 'Ava Lindqvist', org: { id: 'org-northwind', name: 'Northwind Networks' }, tier: 'platinum', roles: ['technical'] });
    assert.equal(users.find((u: any) => u.id === 'p-victor').tier, null, 'vendor staff have no partner tier');
    const roles = new Set(users.flatMap((u: any) => u.roles));
    for (const r of ['sales', 'technical', 'marketing', 'vendor-staff', 'moderator']) assert.ok(roles.has(r), r);
    const { token } = await (await raw(env, '/api/demo/token?user=p-morgan')).json();
    const me = await call(env, 'me', { token });
    assert.equal(me.body.id, 'p-morgan');
    assert.deepEqual(me.body.roles, ['vendor-staff', 'moderator']);
    await expectProblem(await raw(env, '/api/demo/token?user=nobody'), 404);
    const prod = env.makeApp({ auth: hs256Auth('a-real-secret') });
    await expectProblem(await raw(env, '/api/demo/users', {}, prod), 404);
    await expectProblem(await raw(env, '/api/demo/token?user=p-ava', {}, prod), 404);
  });

  test('production without a key refuses to start, with a clear message', () => {
    assert.throws(() => authFromEnv({ NODE_ENV: 'production' }), /CONFAB_JWT_SECRET/);
    assert.equal(authFromEnv({ NODE_ENV: 'production', CONFAB_JWT_SECRET: 's' }).demo, false);
    assert.equal(authFromEnv({}).demo, true);
    const main = fileURLToPath(new URL('../../server/src/main.ts', import.meta.url));
    const envNoKey = { ...process.env, NODE_ENV: 'production', PORT: '0' } as NodeJS.ProcessEnv;
    delete envNoKey.CONFAB_JWT_SECRET;
    delete envNoKey.CONFAB_JWKS_URL;
    const r = spawnSync(process.execPath, ['--import', 'tsx', main], { env: envNoKey, encoding: 'utf8', timeout: 30_000 });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /refusing to start in production/);
  });
});

describe('idempotency', () => {
  const count = async (title: string) => Number((await env.db.query<any>(`SELECT count(*)::int AS n FROM threads WHERE title = $1`, [title])).rows[0].n);

  test('a replay returns the first response and writes once', async () => {
    const headers = { 'idempotency-key': 'k-seq-1' };
    const a = await call(env, 'createThread', { as: PEOPLE.ben, body: newThread('Replayed thread one'), headers });
    const b = await call(env, 'createThread', { as: PEOPLE.ben, body: newThread('Replayed thread one'), headers });
    assert.equal(a.status, 200);
    assert.deepEqual(b.body, a.body);
    assert.equal(b.headers.get('idempotency-replayed'), 'true');
    assert.equal(await count('Replayed thread one'), 1);
    // the same key from another person is another request
    const c = await call(env, 'createThread', { as: PEOPLE.chloe, body: newThread('Replayed thread one'), headers });
    assert.notEqual(c.body.id, a.body.id);
    assert.equal(await count('Replayed thread one'), 2);
    // the same key with another body is refused
    const d = await call(env, 'createThread', { as: PEOPLE.ben, body: newThread('Something else entirely'), headers });
    assert.equal(d.status, 422);
    assert.equal(await count('Something else entirely'), 0);
    assert.equal((await call(env, 'createThread', { as: PEOPLE.ben, body: newThread('Bad key'), headers: { 'idempotency-key': 'has space' } })).status, 400);
  });

  test('concurrent replays create exactly one row', async () => {
    for (const n of [2, 5]) {
      const title = `Concurrent replay x${n}`;
      const headers = { 'idempotency-key': `k-conc-${n}` };
      const rs = await Promise.all(Array.from({ length: n }, () => call(env, 'createThread', { as: PEOPLE.ava, body: newThread(title), headers })));
      for (const r of rs) assert.equal(r.status, 200);
      assert.equal(new Set(rs.map((r) => r.body.id)).size, 1);
      assert.equal(await count(title), 1);
    }
    const q = (await call(env, 'askQuestion', { as: PEOPLE.devi, body: { title: 'Concurrent answers', body: 'b', category: 'technical' } })).body;
    const headers = { 'idempotency-key': 'k-ans' };
    const rs = await Promise.all([1, 2, 3].map(() => call(env, 'answerQuestion', { as: PEOPLE.ava, params: { id: q.id }, body: { body: 'once' }, headers })));
    assert.equal(new Set(rs.map((r) => r.body.id)).size, 1);
    assert.equal((await call(env, 'getQuestion', { params: { id: q.id } })).body.question.answerCount, 1);
  });

  test('anonymous idempotent writes (feedback) are stored once too', async () => {
    const before = (await call(env, 'getArticle', { params: { id: 'kb-061' } })).body.helpful.yes;
    const headers = { 'idempotency-key': 'k-fb' };
    await Promise.all([1, 2].map(() => call(env, 'sendArticleFeedback', { params: { id: 'kb-061' }, body: { helpful: true }, headers })));
    assert.equal((await call(env, 'getArticle', { params: { id: 'kb-061' } })).body.helpful.yes, before + 1);
  });
});

describe('rate limits, CORS and caching', () => {
  test('writes are rate limited per user and per IP with Retry-After', async () => {
    const app = env.makeApp({ config: { rateLimit: { max: 3, windowMs: 60_000 } } });
    for (let i = 0; i < 3; i++) assert.equal((await call(env, 'voteQuestion', { app, as: PEOPLE.ben, params: { id: 'q-001' }, body: { value: 1 } })).status, 200);
    const r = await call(env, 'voteQuestion', { app, as: PEOPLE.ben, params: { id: 'q-001' }, body: { value: 1 } });
    assert.equal(r.status, 429);
    const retry = Number(r.headers.get('retry-after'));
    assert.ok(retry > 0 && retry <= 60);
    // reads are not limited
    assert.equal((await call(env, 'listThreads', { app, as: PEOPLE.ben })).status, 200);
    // the same IP is limited for everyone
    assert.equal((await call(env, 'voteQuestion', { app, as: PEOPLE.chloe, params: { id: 'q-001' }, body: { value: 1 } })).status, 429);
  });

  test('the client IP comes from X-Forwarded-For only when the config trusts the proxy (read once, in config.ts)', async () => {
    assert.equal(configFromEnv({ CONFAB_TRUST_PROXY: '1' }).trustProxy, true);
    assert.equal(configFromEnv({}).trustProxy, false);
    const deflect = (app: ConfabApp, ip: string) =>
      call(env, 'recordDeflection', { app, params: { id: 'q-001' }, body: { query: 'proxy' }, headers: { 'x-forwarded-for': `${ip}, 10.0.0.1` } });
    const limit = { rateLimit: { max: 1, windowMs: 60_000 } };
    const behindProxy = env.makeApp({ config: { ...limit, trustProxy: true } });
    assert.equal((await deflect(behindProxy, '203.0.113.1')).status, 200);
    assert.equal((await deflect(behindProxy, '203.0.113.2')).status, 200);
    assert.equal((await deflect(behindProxy, '203.0.113.1')).status, 429);
    // Not trusted: every request is the socket's (here 'local'), whatever the header says.
    const direct = env.makeApp({ config: { ...limit, trustProxy: false } });
    assert.equal((await deflect(direct, '203.0.113.3')).status, 200);
    assert.equal((await deflect(direct, '203.0.113.4')).status, 429);
  });

  test('CORS only for configured origins, exposing and allowing the needed headers', async () => {
    const pre = await raw(env, '/api/v1/threads', {
      method: 'OPTIONS',
      headers: { origin: 'https://portal.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,idempotency-key' },
    });
    assert.ok(pre.status === 204 || pre.status === 200);
    assert.equal(pre.headers.get('access-control-allow-origin'), 'https://portal.example');
    const allowed = (pre.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const h of ['authorization', 'content-type', 'idempotency-key']) assert.ok(allowed.includes(h), h);
    const get = await raw(env, '/api/v1/threads?limit=1', { headers: { origin: 'https://portal.example' } });
    assert.equal(get.headers.get('access-control-allow-origin'), 'https://portal.example');
    assert.match(get.headers.get('access-control-expose-headers') ?? '', /ETag/i);
    const evil = await raw(env, '/api/v1/threads?limit=1', { headers: { origin: 'https://evil.example' } });
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
    const evilPre = await raw(env, '/api/v1/threads', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    assert.equal(evilPre.headers.get('access-control-allow-origin'), null);
  });

  test('reads send an ETag and honour If-None-Match with 304', async () => {
    const a = await raw(env, '/api/v1/threads?limit=3');
    const tag = a.headers.get('etag');
    assert.ok(tag && /^"[\w-]+"$/.test(tag));
    assert.match(a.headers.get('cache-control') ?? '', /no-cache/);
    const b = await raw(env, '/api/v1/threads?limit=3', { headers: { 'if-none-match': tag } });
    assert.equal(b.status, 304);
    assert.equal(await b.text(), '');
    assert.equal(b.headers.get('etag'), tag);
    // the 304 keeps the 200's Vary, so a shared cache still keys the stored answer by the token
    assert.match(a.headers.get('vary') ?? '', /(^|,)\s*Authorization\s*(,|$)/i);
    assert.equal(b.headers.get('vary'), a.headers.get('vary'));
    const c = await raw(env, '/api/v1/threads?limit=4', { headers: { 'if-none-match': tag } });
    assert.equal(c.status, 200);
    // the token changes the view, so the tag differs where the body does
    const me1 = await raw(env, '/api/v1/me');
    const me2 = await raw(env, '/api/v1/me', { headers: { authorization: `Bearer ${await tokenFor(env, PEOPLE.ben)}` } });
    assert.notEqual(me1.headers.get('etag'), me2.headers.get('etag'));
  });

  test('serves the demo portal and bundles without escaping their directories', async () => {
    const demo = mkdtempSync(join(tmpdir(), 'confab-demo-'));
    const dist = mkdtempSync(join(tmpdir(), 'confab-dist-'));
    writeFileSync(join(demo, 'index.html'), '<!doctype html><title>Portal</title>');
    writeFileSync(join(dist, 'confab.js'), 'export {}');
    const app = env.makeApp({ staticDirs: { demo, dist } });
    const home = await raw(env, '/', {}, app);
    assert.equal(home.status, 200);
    assert.match(home.headers.get('content-type') ?? '', /text\/html/);
    const js = await raw(env, '/dist/confab.js', {}, app);
    assert.match(js.headers.get('content-type') ?? '', /javascript/);
    // The loader keeps its name across releases; a chunk's name carries a hash of its content.
    assert.equal(js.headers.get('cache-control'), 'no-cache');
    // ...with a validator: a returning browser revalidates it and gets a body-less 304 while it is unchanged.
    const tag = js.headers.get('etag');
    assert.match(tag ?? '', /^".+"$/, 'a strong tag of the bytes');
    assert.equal(js.headers.get('last-modified'), null, 'no date validator: npm pack stamps every file 1985-10-26');
    const again = await raw(env, '/dist/confab.js', { headers: { 'if-none-match': tag! } }, app);
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    assert.equal(again.headers.get('etag'), tag);
    assert.equal(again.headers.get('cache-control'), 'no-cache');
    const homeAgain = await raw(env, '/', { headers: { 'if-none-match': home.headers.get('etag')! } }, app);
    assert.equal(homeAgain.status, 304);
    // A new release (other bytes under the same name) is a new tag, so the old one gets the file again,
    // even with the same size and modification time (npm pack's fixed date, hashed chunk names of one length).
    const before = statSync(join(dist, 'confab.js'));
    writeFileSync(join(dist, 'confab.js'), 'export{b}');
    utimesSync(join(dist, 'confab.js'), before.atime, before.mtime);
    assert.equal(statSync(join(dist, 'confab.js')).size, before.size);
    const changed = await raw(env, '/dist/confab.js', { headers: { 'if-none-match': tag! } }, app);
    assert.equal(changed.status, 200);
    assert.equal(await changed.text(), 'export{b}');
    assert.notEqual(changed.headers.get('etag'), tag);
    mkdirSync(join(dist, 'chunks'));
    writeFileSync(join(dist, 'chunks', 'core-CLXD_l.js'), 'export {}');
    const chunk = await raw(env, '/dist/chunks/core-CLXD_l.js', {}, app);
    assert.equal(chunk.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    for (const p of ['/dist/../../etc/passwd', '/dist/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc/passwd', '/dist/%00']) {
      assert.equal((await raw(env, p, {}, app)).status, 404, p);
    }
    assert.equal((await raw(env, '/api/v1/threads?limit=1', {}, app)).status, 200);
  });
});

describe('live events (SSE)', () => {
  async function openStream(app = env.confab, path = '/api/v1/events', headers: Record<string, string> = {}) {
    const ac = new AbortController();
    const res = await app.app.request(ORIGIN + path, { signal: ac.signal, headers });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
    const stream = streamText(res.body!);
    const close = async () => {
      ac.abort();
      await stream.reader.cancel().catch(() => {});
    };
    return { until: stream.until, close, get text() { return stream.text; } };
  }

  const events = (text: string) =>
    text.split('\n\n').filter((b) => b.includes('event:')).map((b) => {
      const type = /^event: (.+)$/m.exec(b)![1];
      const data = JSON.parse(/^data: (.+)$/m.exec(b)![1]);
      return { type, data };
    });

  test('announces threads, posts, questions, answers and acceptances', async () => {
    const s = await openStream();
    try {
      await s.until((b) => b.includes(': connected'));
      const t = await call(env, 'createThread', { as: PEOPLE.ben, body: { title: 'Live thread', body: 'b', category: 'mdf' } });
      const p = await call(env, 'replyToThread', { as: PEOPLE.ava, params: { id: t.body.id }, body: { body: 'r' } });
      const q = await call(env, 'askQuestion', { as: PEOPLE.ben, body: { title: 'Live question', body: 'b', category: 'technical' } });
      const a = await call(env, 'answerQuestion', { as: PEOPLE.ava, params: { id: q.body.id }, body: { body: 'a' } });
      await call(env, 'acceptAnswer', { as: PEOPLE.ben, params: { id: q.body.id }, body: { answerId: a.body.id } });
      await s.until((b) => b.includes('answer.accepted'));
      const got = events(s.text);
      for (const e of got) {
        v.parse(LiveEvent, e.data);
        assert.equal(e.type, e.data.type);
      }
      assert.deepEqual(got.map((e) => [e.type, e.data.id, e.data.parentId]), [
        ['thread.created', t.body.id, null],
        ['post.created', p.body.id, t.body.id],
        ['question.created', q.body.id, null],
        ['answer.created', a.body.id, q.body.id],
        ['answer.accepted', a.body.id, q.body.id],
      ]);
      assert.equal(got[0].data.category, 'mdf');
    } finally {
      await s.close();
    }
  });

  test('EventSource opens the stream with a single-use ticket fetched with the header; ?access_token= authenticates nothing', async () => {
    const app = env.makeApp({ config: { requireAuth: true } });
    const token = await tokenFor(env, PEOPLE.ben);
    const t = await call(env, 'createLiveTicket', { as: PEOPLE.ben, app });
    assert.doesNotMatch(t.body.ticket, new RegExp(token.split('.')[1]), 'the ticket is not the token');
    const s = await openStream(app, `/api/v1/events?ticket=${encodeURIComponent(t.body.ticket)}`);
    try {
      await s.until((b) => b.includes(': connected'));
    } finally {
      await s.close();
    }
    // Single use: the same ticket again, an unknown one, or the token itself in the URL are all refused.
    await expectProblem(await raw(env, `/api/v1/events?ticket=${encodeURIComponent(t.body.ticket)}`, {}, app), 401);
    await expectProblem(await raw(env, '/api/v1/events?ticket=tk_bogusbogusbogusbogusbogus', {}, app), 401);
    await expectProblem(await raw(env, `/api/v1/events?access_token=${encodeURIComponent(token)}`, {}, app), 401);
    await expectProblem(await raw(env, `/api/v1/threads?access_token=${encodeURIComponent(token)}`, {}, app), 401);
    await app.close();
  });

  test('a client reconnecting with Last-Event-ID (header or ?lastEventId=) gets the events it missed, once, in order', async () => {
    const app = env.makeApp();
    const first = await openStream(app, '/api/v1/events');
    let lastId = '';
    try {
      await first.until((b) => b.includes(': connected'));
      const a = await call(env, 'createThread', { as: PEOPLE.ben, body: { title: 'Seen before the drop', body: 'b', category: 'mdf' }, app });
      await first.until((b) => b.includes(a.body.id));
      lastId = /^id: ?(.+)$/m.exec(first.text)![1]!;
      assert.match(lastId, /^\d{4}-\d\d-\d\dT.*~thread\.created:/);
    } finally {
      await first.close();
    }
    // While no stream is open: a reply and a new thread.
    const b = await call(env, 'createThread', { as: PEOPLE.ben, body: { title: 'Missed while away', body: 'b', category: 'mdf' }, app });
    const reply = await call(env, 'replyToThread', { as: PEOPLE.morgan, params: { id: b.body.id }, body: { body: 'Missed reply' }, app });
    for (const resume of [
      (id: string) => openStream(app, '/api/v1/events', { 'last-event-id': id }),
      (id: string) => openStream(app, `/api/v1/events?lastEventId=${encodeURIComponent(id)}`),
    ]) {
      const s = await resume(lastId);
      try {
        await s.until((t) => t.includes(reply.body.id));
        const got = events(s.text).map((e) => e.data.id);
        assert.deepEqual(got, [b.body.id, reply.body.id], 'the missed events, in order, without the one seen before');
      } finally {
        await s.close();
      }
    }
    // An id this process never saw (another process's, or forgotten): resume from its time, that very
    // moment included, since events can share a millisecond.
    const bAt = /"at":"([^"]+)"/.exec(JSON.stringify(await (async () => {
      const s = await openStream(app, '/api/v1/events', { 'last-event-id': lastId });
      try {
        await s.until((t) => t.includes(reply.body.id));
        return events(s.text)[0]!.data;
      } finally {
        await s.close();
      }
    })()))![1]!;
    const unknown = await openStream(app, '/api/v1/events', { 'last-event-id': `${bAt}~thread.created:t-elsewhere` });
    try {
      await unknown.until((t) => t.includes(reply.body.id));
      assert.deepEqual(events(unknown.text).map((e) => e.data.id), [b.body.id, reply.body.id]);
    } finally {
      await unknown.close();
    }
    await app.close();
  });

  test('a process remembers events for replay from its start: a client failing over to it before any other client still gets what it missed', async () => {
    const app = env.makeApp();
    await app.bus.start(); // createApp starts listening itself; awaiting it makes the order certain
    const from = new Date(Date.now() - 1000).toISOString();
    // Created while no client is connected to this process (the client was on another one).
    const a = await call(env, 'createThread', { as: PEOPLE.ben, body: { title: 'Before the failover', body: 'b', category: 'mdf' }, app });
    const s = await openStream(app, '/api/v1/events', { 'last-event-id': `${from}~thread.created:t-on-another-process` });
    try {
      await s.until((t) => t.includes(a.body.id));
      assert.deepEqual(events(s.text).filter((e) => e.data.id === a.body.id).map((e) => e.type), ['thread.created']);
    } finally {
      await s.close();
      await app.close();
    }
  });

  test('a failed write announces nothing; heartbeats keep the stream alive; category filter', async () => {
    const app = env.makeApp({ config: { heartbeatMs: 100 } });
    const s = await openStream(app, '/api/v1/events?category=announcements');
    try {
      await s.until((b) => b.includes(': connected'));
      await s.until((b) => b.includes(': heartbeat'), 3000);
      await call(env, 'createThread', { as: PEOPLE.ben, body: { title: 'Other category', body: 'b', category: 'mdf' } });
      await call(env, 'createThread', { as: PEOPLE.ben, body: { title: 'x'.repeat(300), body: 'b', category: 'announcements' } });
      const t = await call(env, 'createThread', { as: PEOPLE.morgan, body: { title: 'Release 5.2 is out', body: 'b', category: 'announcements' } });
      await s.until((b) => b.includes(t.body.id));
      const got = events(s.text);
      assert.equal(got.length, 1);
      assert.equal(got[0].data.id, t.body.id);
    } finally {
      await s.close();
      await app.close();
    }
  });
});

// PostgreSQL only (PGlite has one connection, so two transactions never wait for each other).
if (process.env.DATABASE_URL) {
  test('PostgreSQL: two transactions that deadlock both land: the one PostgreSQL aborts is run again', async () => {
    await env.db.exec(`DROP TABLE IF EXISTS deadlock_probe; CREATE TABLE deadlock_probe (id int PRIMARY KEY, n int NOT NULL); INSERT INTO deadlock_probe VALUES (1, 0), (2, 0)`);
    // Each holds its first row until the other holds its own, then asks for the other's: a real deadlock.
    const held: Array<() => void> = [];
    const both = Promise.all([0, 1].map((i) => new Promise<void>((r) => (held[i] = r))));
    let runs = 0;
    const crosswise = (first: number, second: number, i: number) =>
      env.db.transaction(async (tx) => {
        runs++;
        await tx.query('UPDATE deadlock_probe SET n = n + 1 WHERE id = $1', [first]);
        held[i]();
        await both;
        await tx.query('UPDATE deadlock_probe SET n = n + 1 WHERE id = $1', [second]);
        return first;
      });
    assert.deepEqual(await Promise.all([crosswise(1, 2, 0), crosswise(2, 1, 1)]), [1, 2]);
    assert.equal(runs, 3, 'one of the two ran again');
    const { rows } = await env.db.query<{ id: number; n: number }>('SELECT id, n FROM deadlock_probe ORDER BY id');
    assert.deepEqual(rows, [{ id: 1, n: 2 }, { id: 2, n: 2 }], 'both transactions counted, once each');
    await env.db.exec('DROP TABLE deadlock_probe');
  });
}
