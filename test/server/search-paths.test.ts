// The paths of knowledge-base search (issue 18, handlers/search-ranking.ts) over one small data set: the
// one bounded pass, the candidate reads past it, and the newest-title candidates past `titleMax` title
// matches. At 100k each path serves different queries; here the bounds are lowered so that every query
// takes every path, and the pages must agree: the candidate reads are exact, and the newest-title
// candidates are exact whenever the best titles are among the newest (as here, where titles tie).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { searchBounds } from '../../server/src/handlers/search-ranking.js';
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
  rows.push(['path-exact', WORD, `All about ${WORD}.`, PRODUCTS[0], 'guide', 'registered', 0, '', new Date(Date.UTC(2020, 0, 1)).toISOString()]);
  await insertRows(env.db, 'articles',
    [['id', 'text'], ['title', 'text'], ['body', 'text'], ['product', 'text'], ['content_type', 'text'], ['min_tier', 'text'], ['min_tier_rank', 'smallint'], ['roles', 'text[]'], ['updated_at', 'timestamptz']], rows);
});
after(async () => {
  await env?.close();
});

const defaults = { ...searchBounds };
// Every run ranks by title rank and recency alone: up to `exactRankMax` matches the rank also weighs the
// body, an order of its own that the larger paths do not reproduce (by design, see search-ranking.ts).
async function withBounds<T>(b: Partial<typeof searchBounds>, fn: () => Promise<T>): Promise<T> {
  Object.assign(searchBounds, { exactRankMax: 0 }, b);
  try {
    return await fn();
  } finally {
    Object.assign(searchBounds, defaults);
  }
}

// Finished words, a word being typed, two words, a facet filter; the first two pages of each.
const QUERIES: Record<string, string | string[]>[] = [{ q: WORD }, { q: 'quillf' }, { q: `${WORD} note` }, { q: WORD, product: PRODUCTS[1] }];
const AUDIENCES = [{ name: 'anonymous' }, { name: 'gold', as: PEOPLE.chloe }];

async function pages(query: Record<string, string | string[]>, as?: typeof PEOPLE.chloe) {
  const first = await call(env, 'searchArticles', { query: { ...query, limit: '10' }, as });
  assert.equal(first.status, 200);
  const second = await call(env, 'searchArticles', { query: { ...query, limit: '10', cursor: first.body.nextCursor }, as });
  assert.equal(second.status, 200);
  return [...first.body.items, ...second.body.items].map((h: { id: string }) => h.id);
}

const goldOnly = (id: string) => id !== 'path-exact' && Number(id.slice(5)) % 2 === 1;

describe('search paths agree', () => {
  for (const aud of AUDIENCES) {
    test(`${aud.name}: the candidate reads give the pass's pages`, async () => {
      for (const query of QUERIES) {
        const exact = await withBounds({}, () => pages(query, aud.as));
        assert.equal(exact.length, 20, JSON.stringify(query));
        if (!aud.as) assert.ok(!exact.some(goldOnly), 'no gold-only article for an anonymous reader');
        const candidates = await withBounds({ passMax: 20 }, () => pages(query, aud.as));
        assert.deepEqual(candidates, exact, JSON.stringify(query));
      }
    });

    test(`${aud.name}: past titleMax, the newest title candidates and the exact title give the same pages here`, async () => {
      for (const query of QUERIES) {
        const exact = await withBounds({}, () => pages(query, aud.as));
        const dense = await withBounds({ passMax: 20, titleMax: 5, titleNewest: 25 }, () => pages(query, aud.as));
        assert.deepEqual(dense, exact, JSON.stringify(query));
      }
      const first = await withBounds({ passMax: 20, titleMax: 5, titleNewest: 25 }, () => pages({ q: WORD }, aud.as));
      assert.equal(first[0], 'path-exact', 'the exact title first, though it is the oldest');
    });
  }
});
