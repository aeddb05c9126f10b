import { expect, fixture as mountHtml, html } from '@open-wc/testing';
import type { Follow } from '../../../src/contract/index.js';
import { DiscourseBackend } from '../../../src/backends/discourse/index.js';
import { AuthError, BackendError } from '../../../src/core/errors.js';
import { _resetConfigForTests } from '../../../src/core/config.js';
import { _resetResourcesForTests } from '../../../src/core/resource.js';
import '../../../src/elements/qa-box/define.js';
import '../../../src/elements/provider/define.js';
import type { ConfabQaBox } from '../../../src/elements/qa-box/qa-box.js';
import { waitFor } from '../core/wait.js';
import { fakeDiscourse, type DiscourseRequest } from './fake-discourse.js';

// Follows on Discourse: a topic's or a category's notification level (TopicUser, CategoryUser), as
// TopicsController#set_notifications and CategoriesController#set_notifications take it.

const keyed = (baseUrl: string) => new DiscourseBackend({ baseUrl, questionsCategory: 'questions', userApiKey: () => 'k-follow' });
const sent = (w: DiscourseRequest) => [w.method, w.path, JSON.parse(w.body)];
const brief = (f: Follow) => `${f.kind}:${f.id}:${f.level}`;

describe('DiscourseBackend follows (fake Discourse)', () => {
  it('signed out: the contract\'s 401 for listing, following and unfollowing, and no list read', async () => {
    const fake = fakeDiscourse();
    await fake.control({ signedOut: true });
    const b = new DiscourseBackend({ baseUrl: fake.baseUrl, questionsCategory: 'questions', credentials: 'include' });
    const calls = [() => b.listFollows(), () => b.setFollow('thread', '12', 'watching'), () => b.setFollow('category', 'questions', 'watching'), () => b.removeFollow('thread', '12')];
    for (const call of calls) {
      const e = await call().catch((x: unknown) => x);
      expect(e).to.be.instanceOf(AuthError);
      expect((e as AuthError).status).to.equal(401);
    }
    // Signed out, /latest.json?state=watching would have been the forum's latest topics.
    expect((await fake.log()).some((r) => r.path === '/latest.json')).to.equal(false);
  });

  it('follows, mutes and unfollows topics: POST /t/{id}/notifications.json with 3, 0, then 1', async () => {
    const fake = fakeDiscourse();
    const b = keyed(fake.baseUrl);
    expect(await b.listFollows()).to.deep.equal([]);
    const f = await b.setFollow('question', '57', 'watching');
    expect([f.kind, f.id, f.level]).to.deep.equal(['question', '57', 'watching']);
    await b.setFollow('thread', '12', 'muted');
    const follows = await b.listFollows();
    // 57 is in the Q&A category: a thread for the feed and a question for the Q&A box.
    expect(follows.map(brief)).to.deep.equal(['thread:57:watching', 'question:57:watching', 'thread:12:muted']);
    expect(follows[0]!.title).to.equal('THIS SITE IS A SANDBOX -- it is reset every day');
    await b.removeFollow('question', '57');
    expect((await b.listFollows()).map(brief)).to.deep.equal(['thread:12:muted']);
    expect((await fake.writes()).map(sent)).to.deep.equal([
      ['POST', '/t/57/notifications.json', { notification_level: '3' }],
      ['POST', '/t/12/notifications.json', { notification_level: '0' }],
      ['POST', '/t/57/notifications.json', { notification_level: '1' }],
    ]);
    const reads = (await fake.log()).filter((r) => r.path === '/latest.json').map((r) => r.query);
    expect(reads).to.include.members(['state=watching', 'state=muted']);
  });

  it('follows a category by slug (its id, watching first post: new topics), mutes one, unfollows; tags are not available', async () => {
    const fake = fakeDiscourse();
    const b = keyed(fake.baseUrl);
    await b.setFollow('category', 'questions', 'watching');
    await b.setFollow('category', 'test1', 'muted');
    expect((await b.listFollows()).map(brief)).to.deep.equal(['category:test1:muted', 'category:questions:watching']);
    await b.removeFollow('category', 'questions');
    expect((await b.listFollows()).map(brief)).to.deep.equal(['category:test1:muted']);
    const tag = await b.setFollow('tag', 'crm', 'watching').catch((e: unknown) => e);
    expect(tag).to.be.instanceOf(BackendError);
    expect((tag as BackendError).status).to.equal(501);
    expect((await fake.writes()).map(sent)).to.deep.equal([
      ['POST', '/category/13/notifications', { notification_level: 4 }],
      ['POST', '/category/1/notifications', { notification_level: 0 }],
      ['POST', '/category/13/notifications', { notification_level: 1 }],
    ]);
  });
});

describe('the follow toggle on DiscourseBackend', () => {
  afterEach(() => {
    _resetConfigForTests();
    _resetResourcesForTests();
  });

  it("the question view's Follow watches the topic on Discourse", async () => {
    const fake = fakeDiscourse();
    const backend = keyed(fake.baseUrl);
    const wrap = await mountHtml(html`<confab-provider .backend=${backend}><confab-qa-box lang="en" .question=${'57'}></confab-qa-box></confab-provider>`);
    const box = wrap.querySelector<ConfabQaBox>('confab-qa-box')!;
    const follow = () => box.shadowRoot!.querySelector<HTMLButtonElement>('[part~="follow"]');
    await waitFor(() => follow(), 'the follow button');
    expect(follow()!.getAttribute('aria-pressed')).to.equal('false');
    follow()!.click();
    await waitFor(() => follow()!.getAttribute('aria-pressed') === 'true' && !follow()!.disabled, 'following');
    const [w] = await fake.writes();
    expect(sent(w!)).to.deep.equal(['POST', '/t/57/notifications.json', { notification_level: '3' }]);
    expect((await backend.listFollows()).map(brief)).to.include('question:57:watching');
  });
});
