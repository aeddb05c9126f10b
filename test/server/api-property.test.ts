// Property-based API test, driven by the served OpenAPI document (/api/openapi.json, generated from
// the valibot contract): for every operation, fast-check generates requests from its schemas, valid
// and wrong on purpose (wrong JSON types, control characters and U+0000, huge and empty values,
// unknown ids, bad tokens), with and without a token. Every response must have a documented status,
// media type and schema, never be a 5xx, and a wrong request must get a 4xx problem+json.
// Seeded and bounded: CONFAB_API_PROPERTY_SEED and CONFAB_API_PROPERTY_RUNS (per operation) change them.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { endpoints, FOLLOW_KINDS } from '../../src/contract/index.js';
import { ORIGIN, PEOPLE, raw, setupTestEnv, tokenFor } from './helpers.js';
import { operationsOf } from './property/openapi-operations.js';
import { bodyDates, requestsFor, type GeneratedRequest } from './property/requests.js';
import { checkResponse } from './property/response-check.js';
import type { Hints } from './property/schema-arbitraries.js';

const SEED = Number(process.env.CONFAB_API_PROPERTY_SEED ?? 18);
const RUNS = Number(process.env.CONFAB_API_PROPERTY_RUNS ?? 100);

// POST /v1/verify fetches documents: only this server's own are reachable here, anything else is gone.
const env = await setupTestEnv('api_property', { fetchJson: async () => ({ status: 404, json: null }) });
after(() => env.close());

const doc: unknown = await (await raw(env, '/api/openapi.json')).json();
const operations = operationsOf(doc);

const people = Object.keys(PEOPLE) as (keyof typeof PEOPLE)[];
const moderators = people.filter((p) => (PEOPLE[p].roles as string[]).includes('moderator'));
const tokens = Object.fromEntries(await Promise.all(people.map(async (p) => [p, await tokenFor(env, PEOPLE[p])] as const)));

/** Ids that exist, by collection, so that generated requests reach past "not found" into the handlers. */
const COLLECTIONS = ['threads', 'posts', 'questions', 'answers', 'articles', 'certifications', 'people'];
const known: Record<string, string[]> = {};
for (const table of COLLECTIONS) {
  const { rows } = await env.db.query<{ id: string }>(`SELECT id FROM ${table} ORDER BY id LIMIT 30`);
  known[table] = rows.map((r) => r.id);
}
// A moderation target `{ kind: 'person', id }` asks for `persons`.
known.persons = known.people;
const anyId = fc.constantFrom(...Object.values(known).flat());
// What a follow's `{kind}` takes. The document says so too (an enum), but a server whose document does
// not (as before path parameters had rules) is still driven past the kind into what it does with the id.
const pathValues: Record<string, fc.Arbitrary<string>> = { kind: fc.constantFrom(...FOLLOW_KINDS) };
const hints: Hints = {
  ids: anyId,
  idsIn: (collection) => (known[collection]?.length ? fc.constantFrom(...known[collection]) : anyId),
  urls: fc.oneof(
    fc.constantFrom(...known.certifications).map((id) => `${ORIGIN}/ob/assertions/${id}`),
    fc.constantFrom(`${ORIGIN}/ob/issuer`, `${ORIGIN}/ob/assertions/nope`, 'https://badges.example.org/assertions/1'),
  ),
  pathValues: (name) => pathValues[name] ?? null,
};

async function send(req: GeneratedRequest): Promise<{ status: number; type: string | null; text: string }> {
  const headers = { ...req.headers };
  if (req.caller.kind === 'token') headers.authorization = `Bearer ${tokens[req.caller.who]}`;
  if (req.caller.kind === 'bad-token') headers.authorization = 'Bearer not-a-token';
  const res = await env.confab.app.request(ORIGIN + req.url, { method: req.method, headers, body: req.body });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

test('the document describes every contract endpoint', () => {
  const ids = new Set(operations.map((o) => o.id));
  for (const name of Object.keys(endpoints)) assert.ok(ids.has(name), `${name} is missing from /api/openapi.json`);
});

// Deletions last: before them, every operation finds the known ids still there.
const ordered = [...operations.filter((o) => o.method !== 'DELETE'), ...operations.filter((o) => o.method === 'DELETE')];
ordered.forEach((op, i) => {
  test(`${op.id}: ${op.method} ${op.path} keeps the document's promises`, async () => {
    await fc.assert(
      fc.asyncProperty(requestsFor(op, hints, people, moderators), async (req) => {
        const res = await send(req);
        const faults = checkResponse(op, req, res.status, res.type, res.text);
        if (faults.length) throw new Error(`${faults.join('\n')}\nresponse ${res.status}: ${res.text.slice(0, 400)}`);
      }),
      // Shrinking would replay requests against a database the earlier runs changed; the report
      // prints the first failing request in full instead.
      // A date in a body matters only in some combinations of the body's other fields (a suspension's
      // `until`: a person as target, the action suspend), so those operations get three times the runs.
      { seed: SEED + i, numRuns: bodyDates(op).length ? RUNS * 3 : RUNS, endOnFailure: true },
    );
  });
});
