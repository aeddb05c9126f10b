// Stored excerpts (migration 014): the database computes a thread's or question's excerpt when its body
// is written, with confab_excerpt, the SQL twin of excerpt() in server/src/text.ts. These tests hold the
// two to the same text, check the plain-text rules (the heading that ran into the next paragraph), and
// that the lists send the stored excerpt, kept up to date by edits, without reading bodies.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { excerpt } from '../../server/src/text.js';
import { PEOPLE, call, setupTestEnv, type TestEnv } from './helpers.js';

let env: TestEnv;
before(async () => {
  env = await setupTestEnv('excerpt');
});
after(async () => {
  await env?.close();
});

const sqlExcerpt = async (md: string) => (await env.db.query<{ e: string }>(`SELECT confab_excerpt($1) AS e`, [md])).rows[0].e;

const SAMPLES = [
  'We ran a webinar.\n\n### What we have so far\n\n- Audience: IT and security leaders\n- Channels: email, LinkedIn\n- Budget: 12k from **MDF**\n\nHappy to hear what worked for you.',
  '# Title line\nBody after a heading with a [link](https://example.com) and an ![image](x.png).',
  'Before the code\n\n```bash\nconfab --deploy --region eu\n```\n\nAfter the code, `inline` stays.',
  '> quoted advice\n1. first step\n2. second step\n\n| a | b |\n|---|---|\n| 1 | 2 |',
  'Some <b>html</b> and __bold__ and ~~struck~~ and *em* text.',
  'word '.repeat(80),
  `${'x'.repeat(250)} tail`,
  `${'short '.repeat(20)}${'y'.repeat(150)}`,
  '',
];

describe('stored excerpts', () => {
  test('the SQL excerpt equals the JavaScript one, for samples and every seeded topic', async () => {
    for (const md of SAMPLES) assert.equal(await sqlExcerpt(md), excerpt(md), JSON.stringify(md));
    const { rows } = await env.db.query<{ body: string; excerpt: string }>(
      `SELECT body, excerpt FROM threads UNION ALL SELECT body, excerpt FROM questions`,
    );
    assert.ok(rows.length > 50);
    for (const r of rows) assert.equal(r.excerpt, excerpt(r.body));
  });

  test('headings and code blocks are dropped, so paragraphs do not run together', () => {
    const e = excerpt(SAMPLES[0]);
    assert.ok(!e.includes('What we have so far'), e);
    assert.equal(e.slice(0, 45), 'We ran a webinar. Audience: IT and security l');
    assert.equal(excerpt(SAMPLES[2]), 'Before the code After the code, inline stays.');
    assert.ok(excerpt(SAMPLES[5]).endsWith('…') && excerpt(SAMPLES[5]).length <= 200);
  });

  test('lists send the stored excerpt, and an edit of the body renews it', async () => {
    const created = await call(env, 'createThread', {
      as: PEOPLE.ava,
      body: { title: 'Excerpt kept on write', body: '## Heading\n\nFirst version of the body.', category: 'technical' },
    });
    assert.equal(created.status, 200);
    const listed = async () => (await call(env, 'listThreads', { query: { limit: '50' } })).body.items.find((t: { id: string }) => t.id === created.body.id);
    assert.equal((await listed()).excerpt, 'First version of the body.');
    const edited = await call(env, 'updateThread', { as: PEOPLE.ava, params: { id: created.body.id }, body: { body: 'Second version, **edited**.' } });
    assert.equal(edited.status, 200);
    assert.equal((await listed()).excerpt, 'Second version, edited.');
    // A title-only edit leaves the body, and so the excerpt, as it was.
    await call(env, 'updateThread', { as: PEOPLE.ava, params: { id: created.body.id }, body: { title: 'Excerpt kept on write, renamed' } });
    assert.equal((await listed()).excerpt, 'Second version, edited.');

    const asked = await call(env, 'askQuestion', {
      as: PEOPLE.ava,
      body: { title: 'How are question excerpts kept?', body: '# Context\nThe question body.', category: 'technical' },
    });
    assert.equal(asked.status, 200);
    const q = (await call(env, 'listQuestions', { query: { limit: '50' } })).body.items.find((x: { id: string }) => x.id === asked.body.id);
    assert.equal(q.excerpt, 'The question body.');
  });
});
