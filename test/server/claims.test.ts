// Token claims that JSON cannot carry into PostgreSQL: a lone UTF-16 surrogate in `name` or `orgName`
// is legal in a JWT (its JSON may escape one), but JSON.stringify writes it back as `\ud800`, which
// jsonb refuses. claimsToUser makes such strings well formed (U+FFFD), so the live ticket (which
// stores the user as jsonb) is issued, and the name is shown with U+FFFD.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SignJWT } from 'jose';
import { claimsToUser } from '../../server/src/auth.js';
import { call, ORIGIN, SECRET, setupTestEnv, streamText, type TestEnv } from './helpers.js';

let env: TestEnv;
before(async () => {
  env = await setupTestEnv('claims');
});
after(async () => {
  await env?.close();
});

const sign = (claims: Record<string, unknown>, sub: string) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(SECRET));

describe('claims with a lone surrogate', () => {
  test('POST /v1/live/ticket answers 200, the ticket opens the stream, and the name is shown with U+FFFD', async () => {
    const token = await sign({ name: 'Ava \ud800 Lindqvist', org: 'org-surrogate', orgName: 'North\udc00wind', tier: 'gold', roles: ['technical'] }, 'p-surrogate');
    const t = await call(env, 'createLiveTicket', { token });
    assert.equal(t.status, 200);
    // Redeeming reads the stored claims back out of jsonb.
    const ac = new AbortController();
    const res = await env.confab.app.request(`${ORIGIN}/api/v1/events?ticket=${encodeURIComponent(t.body.ticket)}`, { signal: ac.signal });
    assert.equal(res.status, 200);
    const s = streamText(res.body!);
    await s.until((b) => b.includes(': connected'));
    ac.abort();
    await s.reader.cancel().catch(() => {});
    // Shown with U+FFFD where the surrogate was: the author of a thread the token writes.
    const thread = await call(env, 'createThread', { token, body: { title: 'Surrogate name', body: 'b', category: 'mdf' } });
    assert.equal(thread.status, 200);
    const got = await call(env, 'getThread', { params: { id: thread.body.id } });
    assert.equal(got.body.thread.author.name, 'Ava \ufffd Lindqvist');
  });

  test('claimsToUser: every string it keeps is well formed, also where the 200-character cut splits a pair', () => {
    const u = claimsToUser({ sub: 's\ud800', name: 'x'.repeat(199) + '😀', org: { id: 'o\udfff', name: 'n\ud83d' } });
    // isWellFormed (Node 20) is past the ES2022 lib the server compiles against.
    for (const s of [u.id, u.name, u.org!.id, u.org!.name]) assert.ok((s as string & { isWellFormed(): boolean }).isWellFormed(), JSON.stringify(s));
    assert.equal(u.name, 'x'.repeat(199) + '\ufffd');
    assert.equal(u.org!.name, 'n\ufffd');
    assert.equal(u.id, 's\ufffd');
  });
});
