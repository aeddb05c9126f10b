// The paths of knowledge-base search (issue 18, handlers/search-ranking.ts) over one small data set: the
// one bounded pass, the candidate reads past it, the newest-title candidates past `titleMax` title
// matches, and the sample (migration 020) that proves a match set past the count cap without the full
// read. At 100k each path serves different queries; here the bounds are lowered so that every query takes
// every path, and each run must agree with the exact one: the same pages (the candidate reads are exact,
// and the newest-title candidates are exact whenever the best titles are among the newest, as here, where
// titles tie), the same total where the path counts exactly and its capped form where it does not, and
// facets equal to the exact ones, or lower bounds of them flagged `capped`. The path probe must report the
// path each run is meant to take, so a path that silently stops being taken fails here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { sampleSql, searchBounds, searchPathProbe, type SearchPath } from '../../server/src/handlers/search-bounds.js';
import { audienceOf, audienceSql } from '../../server/src/handlers/search-sql.js';
import { insertRows } from '../../server/src/seed-rows.js';
import { PEOPLE, call, setupTestEnv, type TestEnv } from './helpers.js';

const WORD = 'quillfern';
const N = 240;
const PRODUCTS = ['Acme Cloud Gateway', 'Acme Identity'];
let env: TestEnv;

before(async () => {
  env = await setupTestEnv('search_paths');
  // One in three has the word in its title; every other one is gold-only; newer as i grows.
  const rows = Array.from({ length: N }, (_, i) => [
    `path-${String(i).padStart(3, '0')}`,
    i % 3 === 0 ? `${WORD[0].toUpperCase()}${WORD.slice(1)} guide ${i}` : `Field note ${i}`,
    `Body ${i}: the ${WORD} setup, with a note on rollout.`,
    PRODUCTS[Math.floor(i / 2) % 2], i % 8 < 4 ? 'guide' : 'faq', i % 2 ? 'gold' : 'registered', i % 2 ? 2 : 0, '',
    new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
  ]);
  // An old public article whose title is the query itself: the exact-title bonus puts it first on every path.
  // Public articles only, under a word of their own: an anonymous reader misses nothing there.
  for (let k = 0; k < 12; k++) {
    rows.push([`path-public-${k}`, `Tamarisk primer ${k}`, `Tamarisk care ${k}.`, PRODUCTS[k % 2], 'guide', 'registered', 0, '', new Date(Date.UTC(2025, 0, 1) + k * 60_000).toISOString()]);
  }
  rows.push(['path-exact', WORD, `All about ${WORD}.`, PRODUCTS[0], 'guide', 'registered', 0, '', new Date(Date.UTC(2020, 0, 1)).toISOString()]);
  await insertRows(env.db, 'articles',
    [['id', 'text'], ['title', 'text'], ['body', 'text'], ['product', 'text'], ['content_type', 'text'], ['min_tier', 'text'], ['min_tier_rank', 'smallint'], ['roles', 'text[]'], ['updated_at', 'timestamptz']], rows);
});
after(async () => {
  await env?.close();
});

const defaults = { ...searchBounds };
const seen: SearchPath[] = [];
// Every run ranks by title rank and recency alone: up to `exactRankMax` matches the rank also weighs the
// body, an order of its own that the larger paths do not reproduce (by design, see search-ranking.ts).
async function withBounds<T>(b: Partial<typeof searchBounds>, fn: () => Promise<T>): Promise<T> {
  Object.assign(searchBounds, { exactRankMax: 0 }, b);
  searchPathProbe.onPath = (p) => seen.push(p);
  try {
    return await fn();
  } finally {
    Object.assign(searchBounds, defaults);
    searchPathProbe.onPath = undefined;
  }
}

// Finished words, a word being typed, two words, a facet filter; the first two pages of each.
const QUERIES: Record<string, string | string[]>[] = [{ q: WORD }, { q: 'quillf' }, { q: `${WORD} note` }, { q: WORD, product: PRODUCTS[1] }];
const AUDIENCES = [{ name: 'anonymous' }, { name: 'gold', as: PEOPLE.chloe }];
const CAP = 10;

interface Facet { value: string; count: number; capped?: boolean }
interface Run {
  ids: string[];
  total: number;
  totalCapped?: boolean;
  facets: { product: Facet[]; contentType: Facet[] };
  /** The anonymous "more for signed-in partners" flag. */
  more: boolean;
  paths: SearchPath[];
}

async function run(query: Record<string, string | string[]>, as?: typeof PEOPLE.chloe): Promise<Run> {
  seen.length = 0;
  const events = async () => (await env.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM search_events`)).rows[0].n;
  const eventsBefore = await events();
  const first = await call(env, 'searchArticles', { query: { ...query, limit: '10' }, as });
  assert.equal(first.status, 200);
  const second = await call(env, 'searchArticles', { query: { ...query, limit: '10', cursor: first.body.nextCursor }, as });
  assert.equal(second.status, 200);
  // The search's last statement records it, whichever path that is: one event for the unfiltered first
  // page, with the total the response gives, and none for a facet filter or a second page.
  const recorded = !('product' in query);
  assert.equal((await events()) - eventsBefore, recorded ? 1 : 0, `events for ${JSON.stringify(query)}`);
  assert.equal(first.body.searchId === null, !recorded);
  if (recorded) {
    const { rows } = await env.db.query<{ result_count: number }>(`SELECT result_count FROM search_events WHERE id = $1`, [first.body.searchId]);
    assert.equal(rows[0]?.result_count, first.body.total, 'the recorded count is the response total');
  }
  // The second page counts the same as the first, whatever path it took.
  assert.equal(second.body.total, first.body.total);
  assert.deepEqual(second.body.facets, first.body.facets);
  return {
    ids: [...first.body.items, ...second.body.items].map((h: { id: string }) => h.id),
    total: first.body.total,
    totalCapped: first.body.totalCapped,
    facets: first.body.facets,
    more: first.body.moreForSignedIn,
    paths: [...seen],
  };
}

/** Counts with the cap at CAP: the exact ones when under it, else "CAP+" and facets that are lower bounds. */
function assertCountsAgree(got: Run, exact: Run, label: string) {
  assert.equal(exact.totalCapped, undefined, `${label}: the reference counts exactly`);
  if (exact.total <= CAP && !got.totalCapped) {
    assert.equal(got.total, exact.total, label);
  } else {
    assert.equal(got.total, Math.min(exact.total, CAP), label);
    assert.equal(got.totalCapped, exact.total > CAP ? true : undefined, label);
  }
  for (const key of ['product', 'contentType'] as const) {
    const truth = new Map(exact.facets[key].map((f) => [f.value, f.count]));
    if (got.facets[key].every((f) => !f.capped)) {
      assert.deepEqual(got.facets[key], exact.facets[key], `${label} ${key}`);
      continue;
    }
    assert.ok(got.facets[key].length > 0, `${label} ${key}: facets are offered past the cap`);
    for (const f of got.facets[key]) {
      assert.equal(f.capped, true, `${label} ${key} ${f.value}: a capped facet says so`);
      assert.ok(f.count > 0 && f.count <= (truth.get(f.value) ?? 0), `${label} ${key} ${f.value}: ${f.count} is a lower bound of ${truth.get(f.value)}`);
    }
  }
}

const goldOnly = (id: string) => id !== 'path-exact' && Number(id.slice(5)) % 2 === 1;
const same = (paths: SearchPath[], want: SearchPath, label: string) => {
  assert.equal(paths.length, 2, `${label}: both pages report their path`);
  for (const p of paths) assert.deepEqual(p, want, label);
};

// Each lowered set of bounds and the path it must take; the counts are capped at CAP on every one. A
// sample of one article in 1,024 holds too few of these 241 to prove the cap, so the full read runs.
const NO_SAMPLE = 1023;
const PATHS: { name: string; bounds: Partial<typeof searchBounds>; path: SearchPath }[] = [
  { name: 'the candidate reads', bounds: { passMax: 20, countCap: CAP, sampleMask: NO_SAMPLE }, path: { pass: 'full', page: 'candidates' } },
  {
    name: 'the newest title candidates past titleMax',
    // titleMax 1: the filtered query reads 2 to 4 title matches under its filter among the 21 rows (with
    // 5, as before the path probe, that query silently took the candidate reads instead).
    bounds: { passMax: 20, countCap: CAP, titleMax: 1, titleNewest: 25, sampleMask: NO_SAMPLE },
    path: { pass: 'full', page: 'dense' },
  },
  // Half the articles (by the id's hash) and all of them: the sample holds CAP + 1 visible matches either way.
  { name: 'the half sample, then the candidate reads', bounds: { sampleMask: 1, countCap: CAP }, path: { pass: 'sample', page: 'candidates' } },
  { name: 'the whole sample, then the newest title candidates', bounds: { sampleMask: 0, countCap: CAP, titleMax: 0, titleNewest: 25 }, path: { pass: 'sample', page: 'dense' } },
];

describe('search paths agree', () => {
  for (const aud of AUDIENCES) {
    test(`${aud.name}: one bounded pass ranks and counts exactly`, async () => {
      for (const query of QUERIES) {
        const exact = await withBounds({}, () => run(query, aud.as));
        assert.equal(exact.ids.length, 20, JSON.stringify(query));
        same(exact.paths, { pass: 'full', page: 'pass' }, JSON.stringify(query));
        if (!aud.as) assert.ok(!exact.ids.some(goldOnly), 'no gold-only article for an anonymous reader');
        assert.ok(exact.total > CAP, `${JSON.stringify(query)}: enough matches for every path to cap`);
      }
    });

    for (const p of PATHS) {
      test(`${aud.name}: ${p.name} give the pass's pages and its counts, capped`, async () => {
        for (const query of QUERIES) {
          const label = `${p.name} ${JSON.stringify(query)}`;
          const exact = await withBounds({}, () => run(query, aud.as));
          const got = await withBounds(p.bounds, () => run(query, aud.as));
          same(got.paths, p.path, label);
          assert.deepEqual(got.ids, exact.ids, label);
          assertCountsAgree(got, exact, label);
          // Half the matches are gold-only: the anonymous reader is told there is more; gold never is.
          assert.equal(got.more, !aud.as, `${label}: more for signed-in partners`);
          assert.equal(got.more, exact.more, label);
        }
        if (p.path.page === 'dense') {
          const first = await withBounds(p.bounds, () => run({ q: WORD }, aud.as));
          assert.equal(first.ids[0], 'path-exact', 'the exact title first, though it is the oldest');
        }
      });
    }
  }

  test('anonymous: where every match is public, no path says there is more for signed-in partners', async () => {
    for (const bounds of [{}, ...PATHS.map((p) => p.bounds)]) {
      const got = await withBounds(bounds, () => run({ q: 'tamarisk' }));
      assert.equal(got.total, 'countCap' in bounds ? CAP : 12, JSON.stringify(bounds));
      assert.equal(got.more, false, JSON.stringify(bounds));
    }
  });

  test('the sample is spelled as migration 020 indexes it, so the planner can use its partial indexes', () => {
    const migration = readFileSync(new URL('../../server/migrations/020_search_sample.sql', import.meta.url), 'utf8');
    const predicate = sampleSql('s').replace('s.id', 'id');
    assert.equal(predicate, '(hashtext(id) & 7) = 0');
    assert.equal(migration.split(`WHERE ${predicate}`).length - 1, 4, 'the four sample indexes');
  });

  test('a signed-in tier is spelled as migration 021 indexes it, so gold and silver read their partial indexes', () => {
    const migration = readFileSync(new URL('../../server/migrations/021_search_tier_indexes.sql', import.meta.url), 'utf8');
    for (const [tier, rank] of [['gold', 2], ['silver', 1]] as const) {
      const sql = audienceSql(audienceOf({ id: 'p', name: 'P', org: null, tier, roles: ['sales'] }), [], 's');
      assert.ok(sql.includes(`s.min_tier_rank <= ${rank} AND`), sql);
      assert.equal(migration.split(`WHERE min_tier_rank <= ${rank};`).length - 1, 3, `the three ${tier} indexes`);
    }
    assert.throws(() => audienceSql({ all: false, rank: 1.5, roles: [] }, [], 's'), /bad tier rank/);
  });
});
