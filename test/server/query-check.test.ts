// The precompiled query checks (server/src/endpoints/query-check.ts) against valibot itself: for
// every contract query, over generated queries (the schema's keys and others, numbers in and out of
// range, padded and exponent forms, picklist words and near misses, repeated keys, long and unusual
// text), a check accepts exactly what valibot accepts and gives the same output, keys in the same
// order. A query it does not accept goes to valibot, so a client still gets valibot's issues.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Context } from 'hono';
import * as v from 'valibot';
import { describeIssues, endpoints, type Endpoint } from '../../src/contract/index.js';
import { readQuery } from '../../server/src/endpoints/input.js';
import { compileQueryCheck, NO } from '../../server/src/endpoints/query-check.js';
import { HttpError } from '../../server/src/problem.js';

const withQuery = Object.entries(endpoints as Record<string, Endpoint>).filter(([, ep]) => ep.query) as [string, Endpoint & { query: v.GenericSchema }][];

/** Every word a picklist of any query accepts, and every length and value bound, as values to try everywhere. */
const words = new Set<string>();
const bounds = new Set<number>();
const collect = (s: unknown): void => {
  if (!s || typeof s !== 'object') return;
  const n = s as { type?: string; options?: unknown[]; entries?: object; wrapped?: unknown; pipe?: unknown[]; item?: unknown; requirement?: unknown };
  if (n.type === 'picklist') for (const o of n.options ?? []) if (typeof o === 'string') words.add(o);
  if (/^(max|min)_(length|value)$/.test(n.type ?? '') && typeof n.requirement === 'number') bounds.add(n.requirement);
  if (n.type === 'union') n.options?.forEach(collect);
  for (const x of [...Object.values(n.entries ?? {}), n.wrapped, n.item, ...(n.pipe ?? []).slice(1)]) collect(x);
};
withQuery.forEach(([, ep]) => collect(ep.query));

const text = fc.oneof(
  fc.constantFrom('', '0', '1', '8', '20', '99', '100', '101', '007', ' 5', '5 ', '1e2', '-1', '1.5', '0x10', 'NaN', 'Infinity', '  ', ' q ', '9'.repeat(400)),
  fc.constantFrom(...words),
  fc.constantFrom(...words).map((w) => w.toUpperCase()),
  fc.stringMatching(/^\d{1,4}$/),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.integer({ min: 0, max: 600 }).map((n) => 'x'.repeat(n)),
  // Each bound, one under and one over: as a length of plain and of padded text, and as a number.
  fc.tuple(fc.constantFrom(...bounds), fc.constantFrom(-1, 0, 1), fc.constantFrom('x', ' ', 'é')).map(([b, d, ch]) => (ch === ' ' ? ' ' + 'x'.repeat(Math.max(0, b + d - 1)) : ch.repeat(Math.max(0, b + d)))),
  fc.tuple(fc.constantFrom(...bounds), fc.constantFrom(-1, 0, 1)).map(([b, d]) => String(b + d)),
);
const value = fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: fc.array(text, { minLength: 2, maxLength: 3 }) });
/** Queries of a few keys, the schema's and others; or one of its keys alone, so that each field's bounds are met often. */
const queryFor = (ep: Endpoint & { query: v.GenericSchema }) => {
  const keys = Object.keys((ep.query as unknown as { entries: object }).entries);
  return fc.oneof(
    fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 4 })).filter((k) => k !== '__proto__'), value, { maxKeys: 4 }),
    fc.tuple(fc.constantFrom(...keys), value).map(([k, x]) => ({ [k]: x })),
  );
};

describe('precompiled query checks', () => {
  test('the common list and search queries have one (the rest may fall back to valibot)', () => {
    for (const name of ['listThreads', 'listPosts', 'listQuestions', 'listAnswers', 'similarQuestions', 'searchArticles', 'searchPeople']) {
      const ep = (endpoints as Record<string, Endpoint>)[name];
      assert.ok(ep.query && compileQueryCheck(ep.query), `${name} has no precompiled check`);
    }
  });

  for (const [name, ep] of withQuery) {
    const check = compileQueryCheck(ep.query);
    if (!check) continue;
    test(`${name}: accepts what valibot accepts, with the same output`, () => {
      fc.assert(
        fc.property(queryFor(ep), (query) => {
          const r = v.safeParse(ep.query, query);
          const out = check(query);
          if (!r.success) return out === NO;
          assert.notEqual(out, NO, `valibot accepts ${JSON.stringify(query)}`);
          assert.deepStrictEqual(out, r.output);
          assert.deepEqual(Object.keys(out as object), Object.keys(r.output as object));
          return true;
        }),
        { seed: 18, numRuns: 1000 },
      );
    });
  }

  test('a query valibot refuses still gets valibot\'s issues', () => {
    const ep = endpoints.listThreads;
    const c = { req: { queries: () => ({ limit: ['0'], sort: ['oldest'] }) } } as unknown as Context;
    const expected = describeIssues(v.safeParse(ep.query, { limit: '0', sort: 'oldest' }).issues!);
    assert.ok(expected.length >= 2);
    assert.throws(() => readQuery(c, ep), (e: unknown) => e instanceof HttpError && e.status === 400 && JSON.stringify(e.errors) === JSON.stringify(expected));
  });

  test('readQuery runs valibot only for a query the precompiled check refuses', () => {
    // The schema seen through an object whose valibot entry point counts its calls: the compiled check
    // reads the schema's nodes (inherited here), valibot's safeParse calls `~run`.
    const schema = endpoints.listThreads.query!;
    let runs = 0;
    const counted = Object.create(schema, {
      '~run': { value: (...a: unknown[]) => (runs++, (schema as unknown as { '~run': (...x: unknown[]) => unknown })['~run'](...a)) },
    }) as v.GenericSchema;
    const ep = { ...endpoints.listThreads, query: counted } as Endpoint;
    const at = (q: Record<string, string[]>) => ({ req: { queries: () => q } }) as unknown as Context;
    assert.deepStrictEqual(readQuery(at({ limit: ['20'], sort: ['top'] }), ep), { sort: 'top', limit: 20 });
    assert.equal(runs, 0, 'an accepted query took the fast path');
    assert.throws(() => readQuery(at({ limit: ['0'] }), ep), (e: unknown) => e instanceof HttpError && e.status === 400);
    assert.equal(runs, 1, 'a refused query went to valibot for its issues');
  });

  test('an accepted query reaches the handler as valibot would give it', () => {
    const c = { req: { queries: () => ({ limit: ['20'], sort: ['top'], other: ['x'] }) } } as unknown as Context;
    assert.deepStrictEqual(readQuery(c, endpoints.listThreads), { sort: 'top', limit: 20 });
  });
});
