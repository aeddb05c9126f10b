// The elements on DiscourseBackend, end to end against the fake Discourse (real fetch, recorded
// payloads): the feed, a thread, a reply, an accept and a live update.
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/elements/qa-box/define.js';
import '../../../src/elements/cert-badge/define.js';
import { DiscourseBackend } from '../../../src/backends/discourse/index.js';
import type { ConfabQaBox } from '../../../src/elements/qa-box/qa-box.js';
import { $, $$, mountFeed, resetAll, rows, until } from '../elements/forum-feed.helpers.js';
import { fakeDiscourse } from './fake-discourse.js';

const TITLE = 'THIS SITE IS A SANDBOX -- it is reset every day';

describe('Confab elements on DiscourseBackend', function () {
  this.timeout(30000);
  beforeEach(resetAll);

  it('feed: lists the category, hears a new topic live, opens the thread, posts a reply', async () => {
    const fake = fakeDiscourse();
    const backend = new DiscourseBackend({ baseUrl: fake.baseUrl, questionsCategory: 'questions', userApiKey: () => 'k1' });
    const el = await mountFeed(backend, { category: 'questions', live: true, 'page-size': '5' });
    await until(() => rows(el).length === 1, 'the recorded topic listed');
    expect(rows(el)[0]!.querySelector('.title')!.textContent!.trim()).to.equal(TITLE);
    expect(rows(el)[0]!.textContent).to.include("It's a sandbox & a safe place to play…");

    // Someone starts a topic in the Q&A category: MessageBus /new, the feed announces it.
    await until(async () => (await fake.log()).filter((r) => r.path.includes('/poll')).length >= 2, 'long poll open');
    await fake.control({ publish: [{ channel: '/new', data: { topic_id: 88, message_type: 'new_topic', payload: { created_at: '2026-03-01T09:00:00.000Z', category_id: 13 } } }] });
    await until(() => $(el, '[part~=banner]')?.textContent?.includes('1 new thread'), 'live banner');

    rows(el)[0]!.querySelector<HTMLElement>('.title-link')!.click();
    // The pinned notice (post_type 2), the deleted post and the whisper are not replies.
    await until(() => $$(el, 'li.post').length === 2, 'two real replies');
    await until(() => $(el, '.composer textarea'), 'composer (signed in through the User API Key)');
    const area = $<HTMLTextAreaElement>(el, '.composer textarea');
    area.value = 'Same here: **fixed** by re-registering.';
    area.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    $<HTMLButtonElement>(el, '.composer button[type=submit]').click();
    await until(() => $$(el, 'li.post').some((p) => p.querySelector('strong')?.textContent === 'fixed'), 'reply rendered');
    const reply = (await fake.writes()).find((w) => w.path === '/posts.json')!;
    expect([reply.method, JSON.parse(reply.body)]).to.deep.equal(['POST', { topic_id: 57, raw: 'Same here: **fixed** by re-registering.' }]);
    expect(reply.headers['user-api-key']).to.equal('k1');

    await expect(el).to.be.accessible();
  });

  it('qa-box: shows the Solved answer first, and accepting another posts /solution/accept', async () => {
    const fake = fakeDiscourse();
    const backend = new DiscourseBackend({ baseUrl: fake.baseUrl, questionsCategory: 'questions', userApiKey: () => 'k2' });
    const wrap = await fixture(html`<confab-provider .backend=${backend}><confab-qa-box lang="en" .question=${'57'}></confab-qa-box></confab-provider>`);
    const el = wrap.querySelector<ConfabQaBox>('confab-qa-box')!;
    const answers = () => $$(el, '.answer');
    await until(() => answers().length === 2, 'two answers');
    expect(answers()[0]!.classList.contains('is-accepted')).to.equal(true);
    expect(answers()[0]!.dataset.answer).to.equal('86');
    // The signed-in user is a Discourse admin: a Confab moderator, who may accept.
    await until(() => answers()[1]!.querySelector('[part~=accept]'), 'accept button');
    answers()[1]!.querySelector<HTMLButtonElement>('[part~=accept]')!.click();
    await until(async () => (await fake.writes()).some((w) => w.path === '/solution/accept.json'), 'accept sent');
    const w = (await fake.writes()).find((x) => x.path === '/solution/accept.json')!;
    expect([w.method, JSON.parse(w.body), w.headers['user-api-key']]).to.deep.equal(['POST', { id: 226 }, 'k2']);
    await until(() => answers()[0]!.classList.contains('is-accepted') && answers()[0]!.dataset.answer === '226', 'the new accepted answer first');
    await expect(el).to.be.accessible();
  });

  it('cert-badge: Discourse has no certifications, shown as "not available" without an error or a retry', async () => {
    const fake = fakeDiscourse();
    const backend = new DiscourseBackend({ baseUrl: fake.baseUrl, userApiKey: () => 'k3' });
    const wrap = await fixture(html`<confab-provider .backend=${backend}><confab-cert-badge lang="en" org="northwind"></confab-cert-badge></confab-provider>`);
    const el = wrap.querySelector('confab-cert-badge')!;
    await until(() => $(el, '[part=empty]'), 'not-available state');
    expect($(el, '[part=empty]').textContent).to.include('Certifications are not available on this community.');
    expect($(el, '[part=error]')).to.equal(null);
    expect($(el, '[part~=retry]')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});
