// Bad input gets a 4xx, never a 500: path parameters held to their rules (src/contract/path-params.ts,
// checked in endpoints/path-check.ts before any handler), dates in requests that must exist
// (src/contract/dates.ts), and insights periods whose bounds PostgreSQL and toISOString can write.
// Each case below was a 500 on both databases before its fix.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { paramCheck } from '../../server/src/endpoints/path-check.js';
import { PEOPLE, call, raw, setupTestEnv, tokenFor, type TestEnv } from './helpers.js';
import { act } from './moderation-helpers.js';

let env: TestEnv;
before(async () => {
  env = await setupTestEnv('bad_input');
});
after(async () => {
  await env?.close();
});

// Random, so that PostgreSQL cannot compress a long one into an index row that fits.
const letters = (n: number) => Array.from(randomBytes(n), (b) => String.fromCharCode(97 + (b % 26))).join('');
const follow = (kind: string, id: string) => call(env, 'followTopic', { as: PEOPLE.devi, params: { kind, id }, body: { level: 'watching' } });

describe('path parameters', () => {
  test('a 3,000-letter tag is a 400, not a row too large for the follows key', async () => {
    const r = await follow('tag', letters(3000));
    assert.equal(r.status, 400);
    assert.deepEqual(r.body.errors.map((e: { path: string }) => e.path), ['id']);
  });

  test("a followed id is held to its kind's rule: tag 40, category 80, thread and question 128", async () => {
    assert.equal((await follow('tag', letters(40))).status, 200);
    assert.equal((await follow('tag', letters(41))).status, 400);
    assert.equal((await follow('category', letters(80))).status, 200);
    assert.equal((await follow('category', letters(81))).status, 400);
    // 128 characters is an id that may exist (it does not: 404); 129 breaks the rule before any lookup.
    assert.equal((await follow('thread', letters(128))).status, 404);
    assert.equal((await follow('question', letters(129))).status, 400);
    assert.equal((await follow('planet', 'x')).status, 400);
    // Removing is not held to the kind's rule, so a follow stored before it existed can still go.
    assert.equal((await call(env, 'unfollowTopic', { as: PEOPLE.devi, params: { kind: 'tag', id: letters(41) } })).status, 204);
    assert.equal((await call(env, 'unfollowTopic', { as: PEOPLE.devi, params: { kind: 'tag', id: letters(129) } })).status, 400);
  });

  test('an id longer than any id is a 404 on every kind of endpoint, before the handler', async () => {
    const long = letters(3000);
    const devi = { authorization: `Bearer ${await tokenFor(env, PEOPLE.devi)}` };
    for (const path of [`/api/v1/threads/${long}`, `/api/v1/questions/${long}/answers`, `/api/v1/articles/${long}`, `/api/v1/certifications/${long}`]) {
      const res = await raw(env, path, { headers: devi });
      assert.equal(res.status, 404, path.slice(0, 30));
      assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
    }
    const vote = await call(env, 'voteAnswer', { as: PEOPLE.devi, params: { id: long }, body: { value: 1 } });
    assert.equal(vote.status, 404);
    assert.deepEqual(vote.body.errors, [{ path: 'id', message: vote.body.errors[0].message }]);
    const webhook = await call(env, 'redeliverWebhookDelivery', { as: PEOPLE.victor, params: { id: 'wh_x', deliveryId: long } });
    assert.equal(webhook.status, 404);
    assert.equal(webhook.body.errors[0].path, 'deliveryId');
  });

  test('a path parameter without a rule stops the start', () => {
    assert.throws(() => paramCheck('/v1/things/{slug}'), /\{slug\} has no rule/);
    assert.equal(paramCheck('/v1/threads'), null);
  });

  test('the OpenAPI document states each rule', async () => {
    const doc = await (await raw(env, '/api/openapi.json')).json();
    const params = (path: string, method: string) => Object.fromEntries(doc.paths[path][method].parameters.map((p: any) => [p.name, p.schema]));
    assert.deepEqual(params('/v1/threads/{id}', 'get').id, { type: 'string', minLength: 1, maxLength: 128 });
    const follows = params('/v1/follows/{kind}/{id}', 'put');
    assert.deepEqual(follows.kind.enum, ['thread', 'question', 'category', 'tag']);
    assert.equal(follows.id.maxLength, 128);
    assert.equal(params('/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', 'post').deliveryId.maxLength, 128);
  });
});

describe('dates in requests', () => {
  const person = { kind: 'person', id: PEOPLE.devi.id };
  before(async () => {
    // Devi's first write makes her a person the moderator can suspend.
    await follow('category', 'dates');
  });

  for (const until of ['2027-02-31T00:00:00Z', '2027-02-29T12:00:00Z', '2027-04-31T00:00:00.000Z', '2028-01-01T10:00:00+05', '10000-01-01T00:00:00Z', '9999-12-31T23:00:00-05:00']) {
    test(`a suspension until ${until} is a 422 on \`until\``, async () => {
      const r = await act(env, person, 'suspend', { until });
      assert.equal(r.status, 422);
      assert.deepEqual([...new Set(r.body.errors.map((e: { path: string }) => e.path))], ['until']);
    });
  }

  test('a real date, a leap day and a far one still suspend', async () => {
    for (const until of ['2028-02-29T00:00:00Z', '9999-12-31T23:59:59Z', '2030-06-30T10:00:00+02:00']) {
      const r = await act(env, person, 'suspend', { until });
      assert.equal(r.status, 200, until);
      assert.equal(r.body.after.suspendedUntil, new Date(until).toISOString());
    }
    assert.equal((await act(env, person, 'unsuspend')).status, 200);
  });

  test('an insights day or instant that does not exist is a 400 on the query', async () => {
    const queries: Record<string, string>[] = [{ from: '2026-02-30' }, { to: '2026-02-31' }, { from: '2026-06-31T00:00:00Z' }, { to: '0000-06-01' }];
    for (const query of queries) {
      const r = await call(env, 'insights', { as: PEOPLE.victor, query });
      assert.equal(r.status, 400, JSON.stringify(query));
      const e = await call(env, 'exportInsights', { as: PEOPLE.victor, query: { table: 'summary', ...query } });
      assert.equal(e.status, 400, JSON.stringify(query));
    }
  });
});

describe('insights periods at the ends of the calendar', () => {
  let victor = '';
  const get = (query: Record<string, string>) => call(env, 'insights', { as: PEOPLE.victor, query });
  const csv = (query: Record<string, string>) =>
    raw(env, `/api/v1/insights/export?${new URLSearchParams({ table: 'zeroResults', ...query })}`, { headers: { authorization: `Bearer ${victor}` } });

  before(async () => {
    victor = await tokenFor(env, PEOPLE.victor);
  });

  test('a period whose previous one starts before 0001-01-01 is a 400', async () => {
    const r = await get({ from: '0001-01-01', to: '0001-12-31' });
    assert.equal(r.status, 400);
    assert.match(r.body.detail, /0001-01-01/);
    assert.equal((await csv({ from: '0001-01-01', to: '0001-01-02' })).status, 400);
  });

  test('a period ending after 9999-12-30 is a 400', async () => {
    const r = await get({ from: '9999-12-01', to: '9999-12-31' });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body.errors.map((e: { path: string }) => e.path), ['to']);
    assert.equal((await csv({ from: '9999-12-30T00:00:00Z', to: '9999-12-31T12:00:00Z' })).status, 400);
  });

  test('the first and the last periods allowed are answered', async () => {
    const first = await get({ from: '0001-01-02', to: '0001-01-02' });
    assert.equal(first.status, 200);
    assert.deepEqual(first.body.range, { from: '0001-01-02T00:00:00.000Z', to: '0001-01-03T00:00:00.000Z', previousFrom: '0001-01-01T00:00:00.000Z', previousTo: '0001-01-02T00:00:00.000Z' });
    const last = await get({ from: '9999-12-24', to: '9999-12-30' });
    assert.equal(last.status, 200);
    assert.equal(last.body.range.to, '9999-12-31T00:00:00.000Z');
    for (const query of [{ from: '0001-01-08', to: '0001-01-14' }, { from: '9999-12-24', to: '9999-12-30' }]) {
      const res = await csv(query);
      assert.equal(res.status, 200, `${JSON.stringify(query)}: ${await res.clone().text()}`);
      assert.match(await res.text(), /^query,/);
    }
  });
});
