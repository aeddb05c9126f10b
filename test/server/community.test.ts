// The demo community: the server seeds the same community that MemoryBackend serves to Storybook
// (src/demo-data), and no list's first page shows a title twice.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MemoryBackend, meFor } from '../../src/backends/memory/index.js';
import { ISSUER_NAME } from '../../src/demo-data/index.js';
import { seed } from '../../server/src/seed.js';
import { call, PEOPLE, raw, setupTestEnv, type TestEnv } from './helpers.js';

/** One instant for both sides, so that "2 hours ago" is the same moment on each. */
const NOW = new Date('2026-11-24T08:00:00.000Z');
const SEEDED = 'orgs, people, threads, posts, questions, answers, votes, articles, article_feedback, deflections, badge_classes, certifications';
const SORTS = ['latest', 'top', 'unanswered'] as const;

let env: TestEnv;
before(async () => {
  env = await setupTestEnv('community');
  await env.db.transaction(async (tx) => {
    await tx.query(`TRUNCATE ${SEEDED} CASCADE`);
    await seed(tx, { now: NOW });
  });
});
after(async () => {
  await env?.close();
});

const titles = (page: { body: { items: { title: string }[] } }) => page.body.items.map((x) => x.title);
const repeated = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);
/** A list row as a reader sees it: the title and who wrote it, for which org (vendor staff: the vendor's). */
const byline = (x: { title: string; author: { name: string; orgName: string | null } }) => `${x.title} (${x.author.name}, ${x.author.orgName})`;

describe('demo community: distinct titles', () => {
  test('no thread, question or article title is seeded twice', async () => {
    for (const table of ['threads', 'questions', 'articles']) {
      const { rows } = await env.db.query<{ title: string; n: number }>(`SELECT title, count(*)::int AS n FROM ${table} GROUP BY title HAVING count(*) > 1`);
      assert.deepEqual(rows, [], `${table} repeat a title`);
    }
  });

  test('the first pages of the feed, the Q&A and knowledge-base search repeat no title', async () => {
    const pages: [string, string[]][] = [];
    for (const sort of SORTS) {
      pages.push([`threads ${sort}`, titles(await call(env, 'listThreads', { query: { sort, limit: '20' } }))]);
      pages.push([`questions ${sort}`, titles(await call(env, 'listQuestions', { query: { sort, limit: '20' } }))]);
    }
    for (const who of [undefined, PEOPLE.ava, PEOPLE.victor]) {
      pages.push([`articles for ${who?.id ?? 'anonymous'}`, titles(await call(env, 'searchArticles', { query: { q: '', limit: '20' }, as: who }))]);
    }
    for (const [label, list] of pages) {
      assert.ok(list.length >= 5, `${label}: a first page to look at`);
      assert.deepEqual(repeated(list), [], label);
    }
  });
});

describe('demo community: the server and MemoryBackend show the same one', () => {
  const memory = () => new MemoryBackend({ now: NOW });

  test('the first pages of threads and questions list the same titles, by the same people of the same orgs, in the same order', async () => {
    const b = memory();
    for (const sort of SORTS) {
      for (const [name, mine] of [
        ['listThreads', (await b.listThreads({ sort, limit: 10 })).items.map(byline)],
        ['listQuestions', (await b.listQuestions({ sort, limit: 10 })).items.map(byline)],
      ] as const) {
        const server = (await call(env, name, { query: { sort, limit: '10' } })).body.items.map(byline);
        assert.ok(mine.length > 0, `${name} ${sort}: MemoryBackend has a first page`);
        // The server's archive is older and quieter, so it can only follow the community's own items.
        assert.deepEqual(server.slice(0, mine.length), mine, `${name} ${sort}`);
      }
    }
  });

  test('an empty knowledge-base search lists the same articles first, for each audience', async () => {
    for (const who of [undefined, PEOPLE.chloe, PEOPLE.victor]) {
      const b = new MemoryBackend({ now: NOW, ...(who ? { me: meFor(who.id) } : {}) });
      const mine = (await b.searchArticles({ q: '', limit: 10 })).items.map((h) => h.title);
      const server = titles(await call(env, 'searchArticles', { query: { q: '', limit: '10' }, as: who }));
      assert.deepEqual(server, mine, `articles for ${who?.id ?? 'anonymous'}`);
    }
  });

  test('the same people and orgs, the same badges and the same issuer', async () => {
    const b = memory();
    const users: { id: string; name: string; org: { id: string; name: string } | null }[] = await (await raw(env, '/api/demo/users')).json();
    for (const p of b.data.people) {
      const u = users.find((x) => x.id === p.id);
      assert.ok(u, `${p.name} is a member on the server too`);
      assert.equal(u.name, p.name);
      if (p.orgId) assert.deepEqual(u.org, { id: p.orgId, name: b.data.orgs.find((o) => o.id === p.orgId)!.name });
    }
    const issuer = await (await raw(env, '/ob/issuer')).json();
    assert.equal(issuer.name, ISSUER_NAME);
    for (const person of ['u-aiko', 'u-priya', 'p-ava']) {
      const mine = await b.listCertifications({ person });
      const server = (await call(env, 'listCertifications', { query: { person } })).body.items;
      assert.ok(mine.length > 0);
      assert.deepEqual(server.map((c: { id: string; name: string; issuerName: string }) => [c.id, c.name, c.issuerName]), mine.map((c) => [c.id, c.name, c.issuerName]), person);
    }
  });
});
