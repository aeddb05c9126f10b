import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TIERS } from '../../src/contract/index.js';
import { PEOPLE, call, setupTestEnv, type TestEnv, type Who } from './helpers.js';

let env: TestEnv;
before(async () => {
  env = await setupTestEnv('articles');
});
after(async () => {
  await env?.close();
});

/** Every article a caller may read, straight from the database, for cross-checking the API. */
async function visibleIds(who: Who | null, where = 'TRUE', params: unknown[] = []): Promise<Set<string>> {
  const { rows } = await env.db.query<any>(`SELECT id, min_tier_rank, roles FROM articles WHERE ${where}`, params);
  const rank = who ? TIERS.indexOf((who.tier ?? 'registered') as any) : 0;
  const roles = who?.roles ?? [];
  return new Set(
    rows
      .filter((r) => Number(r.min_tier_rank) <= rank && (r.roles.length === 0 || r.roles.some((x: string) => roles.includes(x))))
      .map((r) => r.id),
  );
}

const partners = { anonymous: null, ben: PEOPLE.ben, devi: PEOPLE.devi, chloe: PEOPLE.chloe, ava: PEOPLE.ava } as const;

describe('article search', () => {
  test('the seed has at least 300 articles across products, types and audiences', async () => {
    const { rows } = await env.db.query<any>(
      `SELECT count(*)::int AS n, count(DISTINCT product)::int AS p, count(DISTINCT content_type)::int AS t, count(DISTINCT min_tier)::int AS tiers,
         count(*) FILTER (WHERE cardinality(roles) > 0)::int AS with_roles FROM articles`,
    );
    assert.ok(rows[0].n >= 300);
    assert.ok(rows[0].p >= 5 && rows[0].t === 6 && rows[0].tiers === 4 && rows[0].with_roles > 10);
  });

  test('an exact title ranks that article first', async () => {
    const { rows } = await env.db.query<any>(`SELECT id, title FROM articles WHERE min_tier_rank = 0 AND cardinality(roles) = 0 ORDER BY id LIMIT 25`);
    for (const a of rows) {
      const r = await call(env, 'searchArticles', { query: { q: a.title } });
      assert.equal(r.body.items[0]?.id, a.id, `"${a.title}" should come first, got ${r.body.items[0]?.title}`);
    }
    const fw = await call(env, 'searchArticles', { query: { q: 'Configuring high availability on Acme Edge Firewall' } });
    assert.equal(fw.body.items[0].id, 'kb-061');
  });

  test('type-ahead: the last word matches as a prefix; websearch syntax works', async () => {
    const r = await call(env, 'searchArticles', { query: { q: 'high availab' } });
    assert.ok(r.body.total > 0);
    assert.ok(r.body.items.every((h: any) => /availab/i.test(h.title + ' ' + h.snippet)));
    const one = await call(env, 'searchArticles', { query: { q: 'firew' } });
    assert.ok(one.body.total > 0);
    const phrase = await call(env, 'searchArticles', { query: { q: '"high availability" -firewall' } });
    assert.ok(phrase.body.total > 0);
    assert.ok(phrase.body.items.every((h: any) => !/firewall/i.test(h.title)), 'negation excludes');
    const or = await call(env, 'searchArticles', { query: { q: 'okta or snmp ' } });
    assert.ok(or.body.items.some((h: any) => /okta/i.test(h.title)) && or.body.items.some((h: any) => /snmp/i.test(h.title)));
  });

  test('hostile or odd input never causes an error', async () => {
    for (const q of ['"', '(((', 'a & b | !c', ':*', "x' OR 1=1 --", '\\\\', '-', '!!!', 'ü ñ 漢字', '<script>', 'a:*b', '']) {
      const r = await call(env, 'searchArticles', { query: { q } });
      assert.equal(r.status, 200, q);
    }
    assert.equal((await call(env, 'searchArticles', { query: { q: 'x'.repeat(201) } })).status, 400);
    assert.equal((await call(env, 'searchArticles', { query: {} })).status, 400);
  });

  test('highlights are ranges over the plain-text title and snippet', async () => {
    const r = await call(env, 'searchArticles', { query: { q: 'firewall high availability' } });
    assert.ok(r.body.items.length > 0);
    let seen = 0;
    for (const h of r.body.items) {
      assert.doesNotMatch(h.snippet, /[<>]|\*\*|^#/);
      for (const [field, text] of [['title', h.title], ['snippet', h.snippet]] as const) {
        for (const rg of h.highlights[field]) {
          const word = text.slice(rg.start, rg.start + rg.length).toLowerCase();
          assert.ok(/^(firewall|high|availab)/.test(word), `${field} highlight "${word}"`);
          seen++;
        }
      }
    }
    assert.ok(seen > 0);
    const kb1 = r.body.items.find((h: any) => h.id === 'kb-061');
    if (kb1) assert.deepEqual(kb1.highlights.title.map((x: any) => kb1.title.slice(x.start, x.start + x.length)), ['high', 'availability', 'Firewall']);
  });

  test('facets count products and content types; filters narrow results', async () => {
    const r = await call(env, 'searchArticles', { query: { q: 'acme', limit: '5' } });
    const sum = (xs: any[]) => xs.reduce((n, x) => n + x.count, 0);
    assert.equal(sum(r.body.facets.product), r.body.total);
    assert.equal(sum(r.body.facets.contentType), r.body.total);
    const f = await call(env, 'searchArticles', { query: { q: 'acme', product: 'Acme SD-WAN', contentType: ['guide', 'how-to'], limit: '100' } });
    assert.ok(f.body.items.length > 0);
    assert.ok(f.body.items.every((h: any) => h.product === 'Acme SD-WAN' && ['guide', 'how-to'].includes(h.contentType)));
    const sdwan = r.body.facets.product.find((x: any) => x.value === 'Acme SD-WAN').count;
    const pOnly = await call(env, 'searchArticles', { query: { q: 'acme', product: 'Acme SD-WAN' } });
    assert.equal(pOnly.body.total, sdwan);
    // paging through the results gives every hit once
    const ids = new Set<string>();
    let cursor: string | undefined;
    do {
      const p = await call(env, 'searchArticles', { query: { q: 'acme', product: 'Acme SD-WAN', limit: '7', ...(cursor ? { cursor } : {}) } });
      for (const h of p.body.items) ids.add(h.id);
      cursor = p.body.nextCursor ?? undefined;
    } while (cursor);
    assert.equal(ids.size, sdwan);
  });

  test('audience: a partner never sees an article above their tier or outside its roles — not in results, totals or facets', async () => {
    for (const [label, who] of Object.entries(partners)) {
      const r = await call(env, 'searchArticles', { query: { q: '', limit: '100' }, as: who ?? undefined });
      const visible = await visibleIds(who);
      assert.equal(r.body.total, visible.size, `${label}: total`);
      const sum = r.body.facets.product.reduce((n: number, x: any) => n + x.count, 0);
      assert.equal(sum, visible.size, `${label}: product facet`);
      const sumT = r.body.facets.contentType.reduce((n: number, x: any) => n + x.count, 0);
      assert.equal(sumT, visible.size, `${label}: type facet`);
      let cursor: string | null = null;
      let n = 0;
      do {
        const p: any = await call(env, 'searchArticles', { query: { q: '', limit: '100', ...(cursor ? { cursor } : {}) }, as: who ?? undefined });
        for (const h of p.body.items) assert.ok(visible.has(h.id), `${label} must not see ${h.id}`);
        n += p.body.items.length;
        cursor = p.body.nextCursor;
      } while (cursor);
      assert.equal(n, visible.size);
    }
    // The platinum-only playbook: invisible to anonymous and silver, even in counts of a targeted query.
    for (const who of [null, PEOPLE.devi, PEOPLE.chloe]) {
      const r = await call(env, 'searchArticles', { query: { q: 'Platinum deal desk escalation playbook' }, as: who ?? undefined });
      assert.ok(!r.body.items.some((h: any) => h.id === 'kb-062'));
      assert.equal((await call(env, 'getArticle', { params: { id: 'kb-062' }, as: who ?? undefined })).status, 404);
    }
    const plat = await call(env, 'searchArticles', { query: { q: 'Platinum deal desk escalation playbook' }, as: PEOPLE.ava });
    assert.equal(plat.body.items[0].id, 'kb-062');
    // Role-restricted gold article: gold sales sees it, gold marketing does not.
    const sam = await call(env, 'getArticle', { params: { id: 'kb-063' }, as: PEOPLE.sam });
    assert.equal(sam.status, 200);
    assert.equal((await call(env, 'getArticle', { params: { id: 'kb-063' }, as: PEOPLE.chloe })).status, 404);
    // Vendor staff see everything.
    const staff = await call(env, 'searchArticles', { query: { q: '' }, as: PEOPLE.victor });
    const { rows } = await env.db.query<any>(`SELECT count(*)::int AS n FROM articles`);
    assert.equal(staff.body.total, Number(rows[0].n));
  });

  test('anonymous callers see only registered, role-free articles, and learn that signing in shows more', async () => {
    const r = await call(env, 'searchArticles', { query: { q: 'Platinum deal desk' } });
    assert.equal(r.body.moreForSignedIn, true);
    const signed = await call(env, 'searchArticles', { query: { q: 'Platinum deal desk' }, as: PEOPLE.ben });
    assert.equal(signed.body.moreForSignedIn, false);
    const anon = await call(env, 'searchArticles', { query: { q: '', limit: '100' } });
    const { rows } = await env.db.query<any>(`SELECT id FROM articles WHERE min_tier_rank = 0 AND cardinality(roles) = 0`);
    assert.equal(anon.body.total, rows.length);
  });
});

describe('articles: get and feedback', () => {
  test('gets an article with its audience and helpful counts; feedback is stored', async () => {
    const a = await call(env, 'getArticle', { params: { id: 'kb-061' } });
    assert.deepEqual(a.body.audience, { minTier: 'registered', roles: [] });
    const before = a.body.helpful;
    assert.deepEqual((await call(env, 'sendArticleFeedback', { params: { id: 'kb-061' }, body: { helpful: true } })).body, { ok: true });
    assert.deepEqual((await call(env, 'sendArticleFeedback', { as: PEOPLE.ben, params: { id: 'kb-061' }, body: { helpful: false, comment: 'Missing a diagram' } })).body, { ok: true });
    const after = (await call(env, 'getArticle', { params: { id: 'kb-061' } })).body.helpful;
    assert.deepEqual(after, { yes: before.yes + 1, no: before.no + 1 });
    assert.equal((await call(env, 'sendArticleFeedback', { params: { id: 'kb-061' }, body: { helpful: 'yes' } })).status, 422);
    assert.equal((await call(env, 'sendArticleFeedback', { params: { id: 'kb-062' }, body: { helpful: true } })).status, 404, 'no feedback on what you cannot see');
    assert.equal((await call(env, 'getArticle', { params: { id: 'kb-missing' } })).status, 404);
  });
});
