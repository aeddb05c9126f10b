// <confab-forum-feed> over real fetch + ky against the fake REST server: network behaviour.
import { aTimeout, expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { RestBackend } from '../../../src/backends/rest/index.js';
import { fakeServer, post, threadPage, threadWithPosts } from '../backends/fake.js';
import { $, $$, mountFeed, resetAll, rows, until } from './forum-feed.helpers.js';

const me = { authenticated: true, id: 'u1', name: 'Ana Ruiz', org: { id: 'o1', name: 'Northwind Partners' }, tier: 'gold', roles: ['sales'] };

describe('<confab-forum-feed> over REST', function () {
  // Real keyboard input and IndexedDB are slow when several test files share the machine.
  this.timeout(30000);
  beforeEach(resetAll);

  it('a response of the wrong shape shows the readable error naming the path', async () => {
    const fake = fakeServer();
    await fake.route(
      { path: '/v1/me', responses: [{ body: { authenticated: false } }] },
      { path: '/v1/threads', responses: [{ body: { items: [{ ...threadPage(1).items[0], title: 3 }], nextCursor: null } }] },
    );
    const el = await mountFeed(new RestBackend({ baseUrl: fake.baseUrl, retry: { limit: 0 } }), { 'page-size': '5' });
    await until(() => $(el, '[part=error]'), 'error shown');
    const text = $(el, '[part=error]').textContent!;
    expect(text).to.contain('could not read');
    expect(text).to.contain('items[0].title');
    await expect(el).to.be.accessible();
  });

  it('sends one list request, one me request and one thread request; the query carries the attributes', async () => {
    const fake = fakeServer();
    await fake.route(
      { path: '/v1/me', responses: [{ body: me }] },
      { path: '/v1/threads', responses: [{ body: threadPage(5) }] },
      { path: '/v1/threads/t1', responses: [{ body: threadWithPosts }] },
    );
    const el = await mountFeed(new RestBackend({ baseUrl: fake.baseUrl }), { 'page-size': '5', category: 'deals', sort: 'top' });
    await until(() => rows(el).length === 5, 'rows');
    rows(el)[1]!.querySelector<HTMLButtonElement>('.title-link')!.click();
    await until(() => $$(el, 'li.post').length === 2, 'posts');
    await aTimeout(100);
    const log = await fake.log();
    const lists = log.filter((r) => r.path === '/v1/threads');
    expect(lists).to.have.length(1);
    expect(lists[0]!.query).to.equal('category=deals&sort=top&limit=5');
    expect(log.filter((r) => r.path === '/v1/me')).to.have.length(1);
    expect(log.filter((r) => r.path === '/v1/threads/t1')).to.have.length(1);
  });

  it('a reply that gets no response is pending; back online it is posted once, with one idempotency key', async () => {
    const fake = fakeServer();
    const sent = { ...post(3), body: 'Posted over a flaky link' };
    await fake.route(
      { path: '/v1/me', responses: [{ body: me }] },
      { path: '/v1/threads', responses: [{ body: threadPage(3) }] },
      {
        path: '/v1/threads/t1',
        responses: [{ body: threadWithPosts }, { body: { ...threadWithPosts, posts: { items: [post(1), post(2), sent], nextCursor: null } } }],
      },
      // The first attempt never answers in time (far beyond the client's timeout: offline); the replay is answered.
      { method: 'POST', path: '/v1/threads/t1/posts', responses: [{ delay: 15000, body: sent }, { body: sent }] },
    );
    const backend = new RestBackend({ baseUrl: fake.baseUrl, timeout: 3000, retry: { limit: 0 }, getToken: () => 'tok' });
    const el = await mountFeed(backend, { 'page-size': '3' });
    await until(() => rows(el).length === 3, 'rows');
    rows(el)[1]!.querySelector<HTMLButtonElement>('.title-link')!.click();
    await until(() => $(el, '.composer textarea'), 'composer');
    $<HTMLTextAreaElement>(el, '.composer textarea').focus();
    await sendKeys({ type: 'Posted over a flaky link' });
    await sendKeys({ press: 'Control+Enter' });
    // Pending only once the client's 3 s timeout has passed.
    await until(() => $(el, '[part~=pending-item]'), 'pending', { timeout: 10000 });
    window.dispatchEvent(new Event('online'));
    await until(() => !$(el, '[part~=pending-item]'), 'replayed');
    await until(() => $$(el, 'li.post').some((p) => p.textContent!.includes('Posted over a flaky link')), 'shown');
    await aTimeout(200);
    expect($$(el, 'li.post').filter((p) => p.textContent!.includes('Posted over a flaky link'))).to.have.length(1);
    const posts = (await fake.log()).filter((r) => r.method === 'POST');
    expect(posts).to.have.length(2);
    expect(posts[0]!.headers['idempotency-key']).to.match(/^[0-9a-f-]{36}$/);
    expect(new Set(posts.map((r) => r.headers['idempotency-key'])).size).to.equal(1);
    expect(JSON.parse(posts[1]!.body)).to.deep.equal({ body: 'Posted over a flaky link' });
  });
});
