import { expect } from '@open-wc/testing';
import { DiscourseBackend } from '../../../src/backends/example/index.js';
import type { CommunityBackend } from '../../../src/backends/types.js';
import { highlight, nextPageCursor } from '../../../src/backends/example/discourse-map.js';
import { AuthError, BackendError, OfflineError, ValidationError } from '../../../src/core/errors.js';
import { fakeServer } from './fake.js';

async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

// Fake Discourse answers, shaped like the real API (trimmed to the fields the adapter reads, plus a few it ignores).
const ana = { id: 7, username: 'ana', name: 'Ana Ruiz', avatar_template: '/user_avatar/forum/ana/{size}/1_2.png' };
const bo = { id: 8, username: 'bo', name: '', avatar_template: null };
const categories = { category_list: { categories: [{ id: 3, slug: 'deals', name: 'Deals' }, { id: 4, slug: 'questions', name: 'Questions' }, { id: 5, slug: 'docs', name: 'Docs' }] } };
const topic = (id: number, extra: object = {}) => ({
  id, title: `Topic ${id}`, fancy_title: `Topic ${id}`, slug: `topic-${id}`, posts_count: 3, reply_count: 1, like_count: 4,
  created_at: '2026-03-01T09:00:00.000Z', last_posted_at: '2026-03-02T09:00:00.000Z', bumped_at: '2026-03-02T10:00:00.000Z',
  category_id: 3, tags: ['crm'], pinned: false, visible: true,
  posters: [{ user_id: 8, description: 'Frequent Poster' }, { user_id: 7, description: 'Original Poster, Most Recent Poster' }],
  ...extra,
});
const latest = {
  users: [ana, bo],
  topic_list: { can_create_topic: false, more_topics_url: '/latest?page=1', per_page: 30, topics: [topic(1), topic(2, { posts_count: 1, excerpt: 'Pinned   intro\ntext' })] },
};
const dpost = (id: number, n: number, extra: object = {}) => ({
  id, post_number: n, user_id: n === 1 ? 7 : 8, username: n === 1 ? 'ana' : 'bo', name: n === 1 ? 'Ana Ruiz' : null,
  avatar_template: null, created_at: '2026-03-01T09:00:00.000Z', updated_at: '2026-03-01T12:00:00.000Z', version: 1,
  cooked: `<p>Post <b>${n}</b></p>`, raw: `Post **${n}**`, like_count: n, reply_count: 0, ...extra,
});
const detail = (posts: object[], extra: object = {}) => ({
  ...topic(42, { category_id: 4, posts_count: posts.length }),
  post_stream: { posts, stream: posts.map((p) => (p as { id: number }).id) },
  details: { created_by: ana },
  ...extra,
});

describe('DiscourseBackend (example adapter)', () => {
  it('maps /latest.json onto a validated thread page', async () => {
    const fake = fakeServer();
    await fake.route({ path: '/categories.json', responses: [{ body: categories }] }, { path: '/latest.json', responses: [{ body: latest }] });
    const backend = new DiscourseBackend({ baseUrl: fake.baseUrl });
    const page = await backend.listThreads({});
    expect(page.nextCursor).to.equal('1');
    const [t1, t2] = page.items;
    expect(t1).to.deep.include({ id: '1', title: 'Topic 1', category: 'deals', tags: ['crm'], replyCount: 2, score: 4, solved: false, excerpt: '' });
    expect(t1!.author).to.deep.equal({ id: '7', name: 'Ana Ruiz', orgName: null, avatarUrl: `${location.origin}/user_avatar/forum/ana/96/1_2.png` });
    expect(t1!.lastActivityAt).to.equal('2026-03-02T10:00:00.000Z');
    expect(t2!.excerpt).to.equal('Pinned intro text');
    expect(backend.id).to.equal(`discourse:${fake.baseUrl}`);
  });

  it('picks the Discourse list for category, tag and sort, and filters unanswered here', async () => {
    const fake = fakeServer();
    await fake.route(
      { path: '/categories.json', responses: [{ body: categories }] },
      { path: '/tags/c/deals/crm/l/top.json', responses: [{ body: latest }] },
      { path: '/c/deals.json', responses: [{ body: latest }] },
    );
    const backend = new DiscourseBackend({ baseUrl: fake.baseUrl });
    expect((await backend.listThreads({ category: 'deals', tag: 'crm', sort: 'top', cursor: '2' })).items).to.have.length(2);
    const unanswered = await backend.listThreads({ category: 'deals', sort: 'unanswered' });
    expect(unanswered.items.map((t) => t.id)).to.deep.equal(['2']);
    const log = await fake.log();
    expect(log.filter((e) => e.path === '/categories.json')).to.have.length(1);
    expect(log.find((e) => e.path.startsWith('/tags'))!.query).to.equal('page=2');
  });

  it('maps /t/{id}.json onto a thread with posts, Markdown from raw and edits from version', async () => {
    const fake = fakeServer();
    await fake.route(
      { path: '/categories.json', responses: [{ body: categories }] },
      { path: '/t/42.json', responses: [{ body: detail([dpost(100, 1), dpost(101, 2, { version: 2 }), dpost(102, 3, { raw: undefined })]) }] },
    );
    const { thread, posts } = await new DiscourseBackend({ baseUrl: fake.baseUrl }).getThread('42');
    expect(thread).to.deep.include({ id: '42', body: 'Post **1**', category: 'questions', replyCount: 2, excerpt: 'Post **1**' });
    expect(thread.author.name).to.equal('Ana Ruiz');
    expect(posts.items.map((p) => p.body)).to.deep.equal(['Post **2**', 'Post 3']);
    expect(posts.items[0]!.editedAt).to.equal('2026-03-01T12:00:00.000Z');
    expect(posts.items[1]!.editedAt).to.equal(null);
    expect(posts.items[1]!.author.name).to.equal('bo');
    expect(posts.nextCursor).to.equal(null);
    expect((await fake.log()).find((e) => e.path === '/t/42.json')!.query).to.equal('include_raw=true');
  });

  it('pages posts by Discourse page number', async () => {
    const fake = fakeServer();
    const stream = Array.from({ length: 45 }, (_, i) => 100 + i);
    await fake.route(
      { path: '/categories.json', responses: [{ body: categories }] },
      { path: '/t/42.json', responses: [{ body: detail([dpost(120, 21), dpost(121, 22)], { post_stream: { posts: [dpost(120, 21), dpost(121, 22)], stream } }) }] },
    );
    const page = await new DiscourseBackend({ baseUrl: fake.baseUrl }).listPosts('42', '2');
    expect(page.items.map((p) => p.id)).to.deep.equal(['120', '121']);
    expect(page.nextCursor).to.equal('3');
  });

  it('maps a solved topic onto a question with the accepted answer first', async () => {
    const fake = fakeServer();
    await fake.route(
      { path: '/categories.json', responses: [{ body: categories }] },
      { path: '/t/42.json', responses: [{ body: detail([dpost(100, 1), dpost(101, 2, { like_count: 9 }), dpost(102, 3, { like_count: 1, accepted_answer: true })], { has_accepted_answer: true }) }] },
    );
    const { question, answers } = await new DiscourseBackend({ baseUrl: fake.baseUrl }).getQuestion('42');
    expect(question).to.deep.include({ id: '42', accepted: true, acceptedAnswerId: '102', answerCount: 2, myVote: 0 });
    expect(answers.items.map((a) => [a.id, a.accepted, a.score])).to.deep.equal([['102', true, 1], ['101', false, 9]]);
  });

  it('lists questions from the questions category and finds similar ones by search', async () => {
    const fake = fakeServer();
    const search = { posts: [], topics: [topic(5, { has_accepted_answer: true }), topic(6)], grouped_search_result: { more_full_page_results: null } };
    await fake.route(
      { path: '/categories.json', responses: [{ body: categories }] },
      { path: '/c/questions.json', responses: [{ body: latest }] },
      { path: '/search.json', responses: [{ body: search }] },
    );
    const backend = new DiscourseBackend({ baseUrl: fake.baseUrl });
    const questions = await backend.listQuestions({});
    expect(questions.items[0]).to.deep.include({ id: '1', answerCount: 2, accepted: false });
    const similar = await backend.similarQuestions('mdf claims');
    expect(similar.map((q) => [q.id, q.accepted, q.similarity])).to.deep.equal([['5', true, 1], ['6', false, 0.5]]);
    expect(await backend.similarQuestions('   ')).to.deep.equal([]);
    const log = await fake.log();
    expect(new URLSearchParams(log.find((e) => e.path === '/search.json')!.query).get('q')).to.equal('mdf claims #questions');
  });

  it('searches articles with computed highlights, facets and filters', async () => {
    const fake = fakeServer();
    const search = {
      posts: [
        { id: 1, topic_id: 10, blurb: 'Set up SAML single sign-on for the portal', created_at: '2026-02-01T00:00:00.000Z' },
        { id: 2, topic_id: 11, blurb: 'Rotate SAML certificates', created_at: '2026-02-02T00:00:00.000Z' },
      ],
      topics: [
        topic(10, { title: 'Configure SAML SSO', tags: ['gateway', 'how-to'], category_id: 5 }),
        topic(11, { title: 'Certificate rotation', tags: ['edge', 'troubleshooting'], category_id: 5 }),
      ],
      grouped_search_result: { more_full_page_results: true },
    };
    await fake.route({ path: '/search.json', responses: [{ body: search }] });
    const backend = new DiscourseBackend({ baseUrl: fake.baseUrl });
    const all = await backend.searchArticles({ q: 'saml' });
    expect(all.items.map((h) => [h.id, h.product, h.contentType])).to.deep.equal([['10', 'gateway', 'how-to'], ['11', 'edge', 'troubleshooting']]);
    expect(all.items[0]!.highlights).to.deep.equal({ title: [{ start: 10, length: 4 }], snippet: [{ start: 7, length: 4 }] });
    expect(all.nextCursor).to.equal('2');
    expect(all.facets.product).to.deep.equal([{ value: 'edge', count: 1 }, { value: 'gateway', count: 1 }]);
    const filtered = await backend.searchArticles({ q: 'saml', product: 'edge', cursor: '2' });
    expect(filtered.items.map((h) => h.id)).to.deep.equal(['11']);
    expect(filtered.total).to.equal(1);
    const queries = (await fake.log()).map((e) => new URLSearchParams(e.query));
    expect(queries[1]!.get('page')).to.equal('2');
  });

  it('maps an article and the signed-in user', async () => {
    const fake = fakeServer();
    await fake.route(
      { path: '/categories.json', responses: [{ body: categories }] },
      { path: '/t/42.json', responses: [{ body: detail([dpost(100, 1)], { tags: ['gateway', 'faq'], like_count: 12 }) }] },
      { path: '/session/current.json', responses: [{ body: { current_user: ana } }] },
    );
    // The test runner marks every path with an extension cacheable for a year, so a second
    // /session/current.json would come from the HTTP cache: the signed-out case gets its own server.
    const signedOut = fakeServer();
    await signedOut.route({ path: '/session/current.json', responses: [{ status: 404, body: { errors: ['not found'], error_type: 'not_found' } }] });
    const backend = new DiscourseBackend({ baseUrl: fake.baseUrl });
    const article = await backend.getArticle('42');
    expect(article).to.deep.include({ id: '42', body: 'Post **1**', product: 'gateway', contentType: 'faq', helpful: { yes: 12, no: 0 } });
    expect(await backend.me()).to.deep.equal({ authenticated: true, id: '7', name: 'Ana Ruiz', org: null, tier: null, roles: [] });
    expect(await new DiscourseBackend({ baseUrl: signedOut.baseUrl }).me()).to.deep.equal({ authenticated: false });
  });

  it('rejects what the forum cannot do with a 501', async () => {
    const backend = new DiscourseBackend({ baseUrl: '/nowhere' });
    for (const p of [backend.createThread(), backend.answerQuestion(), backend.listCertifications(), backend.stats()]) {
      const e = await rejection(p);
      expect(e).to.be.instanceOf(BackendError);
      expect(e.status).to.equal(501);
      expect(e.message).to.match(/is not supported by this adapter$/);
    }
    expect((backend as CommunityBackend).subscribe).to.equal(undefined);
  });

  it('fails with a ValidationError naming the field when the foreign data does not fit', async () => {
    const fake = fakeServer();
    const broken = { ...latest, topic_list: { topics: [topic(1), topic(2), topic(3), topic(4, { title: 3 })] } };
    await fake.route(
      { path: '/categories.json', responses: [{ body: categories }] },
      { path: '/latest.json', responses: [{ body: broken }] },
      { path: '/top.json', responses: [{ body: { topic_list: null } }] },
    );
    const backend = new DiscourseBackend({ baseUrl: fake.baseUrl });
    const e = await rejection(backend.listThreads({}));
    expect(e).to.be.instanceOf(ValidationError);
    expect(e.message).to.equal('Unexpected response from /latest.json: items[3].title: expected string, got 3');
    const e2 = await rejection(backend.listThreads({ sort: 'top' }));
    expect(e2).to.be.instanceOf(ValidationError);
    expect(e2.message).to.match(/^Unexpected response from \/top.json: /);
  });

  it('maps HTTP failures to typed errors and passes aborts through', async () => {
    const fake = fakeServer();
    await fake.route(
      { path: '/categories.json', responses: [{ body: categories }] },
      { path: '/t/1.json', responses: [{ status: 403, body: { errors: ['You are not permitted to view the requested resource.'], error_type: 'invalid_access' } }] },
      { path: '/t/2.json', responses: [{ status: 500, headers: { 'content-type': 'text/html' }, body: '<h1>Oops</h1>' }] },
      { path: '/t/3.json', responses: [{ headers: { 'content-type': 'application/json' }, body: '{"id": 3,' }] },
      { path: '/t/4.json', responses: [{ body: detail([dpost(1, 1)]), delay: 1000 }] },
    );
    const backend = new DiscourseBackend({ baseUrl: fake.baseUrl });
    const auth = await rejection(backend.getThread('1'));
    expect(auth).to.be.instanceOf(AuthError);
    expect(auth.message).to.equal('You are not permitted to view the requested resource.');
    const server = await rejection(backend.getThread('2'));
    expect(server).to.be.instanceOf(BackendError);
    expect([server.status, server.message]).to.deep.equal([500, 'HTTP 500']);
    expect(await rejection(backend.getThread('3'))).to.be.instanceOf(ValidationError);
    const controller = new AbortController();
    const pending = backend.getThread('4', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const aborted = await rejection(pending);
    expect(aborted).to.be.instanceOf(DOMException);
    expect(aborted.name).to.equal('AbortError');
    expect(await rejection(new DiscourseBackend({ baseUrl: 'http://127.0.0.1:9' }).me())).to.be.instanceOf(OfflineError);
  });

  it('computes highlight ranges and page cursors', () => {
    expect(highlight('SAML and saml', 'saml x')).to.deep.equal([{ start: 0, length: 4 }, { start: 9, length: 4 }]);
    expect(nextPageCursor('/c/deals/3?page=4')).to.equal('4');
    expect(nextPageCursor(undefined)).to.equal(null);
  });
});
