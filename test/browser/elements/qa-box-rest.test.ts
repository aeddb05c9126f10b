// <confab-qa-box> against the fake REST server: real fetch + ky, so requests can be counted and
// wrong-shaped responses go through the real contract validation.
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { waitFor } from '../core/wait.js';
import { typeInto } from './typing.js';
import '../../../src/elements/qa-box/define.js';
import '../../../src/elements/provider/define.js';
import { RestBackend } from '../../../src/backends/rest/index.js';
import type { CallOptions } from '../../../src/backends/types.js';
import { _clearMemoryCacheForTests } from '../../../src/core/cache.js';
import { _resetResourcesForTests } from '../../../src/core/resource.js';
import { _resetForTests as resetOutbox } from '../../../src/core/outbox.js';
import type { ConfabQaBox } from '../../../src/elements/qa-box/qa-box.js';
import { fakeServer } from '../backends/fake.js';

/** Records the AbortSignal of every similar-questions call, to see which ones were aborted. */
class SpyBackend extends RestBackend {
  signals: AbortSignal[] = [];
  override similarQuestions(text: string, opts?: CallOptions) {
    if (opts?.signal) this.signals.push(opts.signal);
    return super.similarQuestions(text, opts);
  }
}

const at = '2026-11-20T10:00:00.000Z';
const me = { authenticated: true, id: 'u-me', name: 'Me Myself', org: null, tier: 'gold', roles: [] };
const sim = (id: string, title: string, accepted = false, answerCount = 0) => ({
  id, title, answerCount, accepted, acceptedExcerpt: accepted ? `Excerpt of ${id}` : null, similarity: 0.5,
});
const EVIL = `<img src="https://evil.example/x.png" onerror="window.__qaCanary=1"><script>window.__qaCanary=2</script>`;
const evilAuthor = { id: 'u-evil', name: `Mallory ${EVIL}`, orgName: `Org ${EVIL}`, avatarUrl: 'javascript:window.__qaCanary=3' };
const evilQuestion = {
  id: 'q-evil', title: `Title ${EVIL}`, excerpt: `Excerpt ${EVIL}`, category: `cat ${EVIL}`, tags: [`tag ${EVIL}`], author: evilAuthor,
  answerCount: 1, score: 2, accepted: false, createdAt: at, lastActivityAt: at, status: 'published',
  body: `Body **bold** ${EVIL} [link](javascript:window.__qaCanary=4)`, acceptedAnswerId: null, myVote: 0,
};
const evilAnswer = { id: 'a-evil', questionId: 'q-evil', author: evilAuthor, body: `Answer ${EVIL}`, score: 1, myVote: 0, accepted: false, createdAt: at, status: 'published' };

async function mount(backend: RestBackend, question?: string): Promise<ConfabQaBox> {
  const wrap = await fixture(html`<confab-provider .backend=${backend}><confab-qa-box .question=${question}></confab-qa-box></confab-provider>`);
  const el = wrap.querySelector('confab-qa-box')!;
  await el.updateComplete;
  return el;
}
const $ = <T extends Element = HTMLElement>(el: ConfabQaBox, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = (el: ConfabQaBox, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
/**
 * Types `text` into the title, one input event per character, all within one task: fast typing that no
 * late timer can slow past the 250 ms debounce (which would send a request for a prefix).
 */
function typeFast(el: ConfabQaBox, text: string): void {
  const input = $<HTMLInputElement>(el, '#title')!;
  input.focus();
  typeInto(input, text);
}
const similarRequests = async (fake: ReturnType<typeof fakeServer>) => (await fake.log()).filter((r) => r.path.endsWith('/v1/questions/similar'));

describe('<confab-qa-box> over REST', () => {
  beforeEach(async () => {
    // Each test's fake server has its own base URL, hence its own backend id: nothing shared to clear
    // (and other test files, running in parallel on this origin, keep their IndexedDB data).
    resetOutbox();
    _resetResourcesForTests();
    _clearMemoryCacheForTests();
    delete (window as { __qaCanary?: number }).__qaCanary;
  });

  it('debounces typing: five fast characters send one request, with the whole text', async () => {
    const fake = fakeServer();
    await fake.route(
      { path: '/v1/me', responses: [{ body: me }] },
      { path: '/v1/questions/similar', responses: [{ body: { items: [sim('q1', 'Renewal registration', true, 2)] } }] },
    );
    const el = await mount(new RestBackend({ baseUrl: fake.baseUrl }));
    typeFast(el, 'renew');
    await waitFor(() => $$(el, '[role=option]').length === 1, 'result shown');
    await aTimeout(400);
    const reqs = await similarRequests(fake);
    expect(reqs).to.have.length(1);
    expect(reqs[0]!.query).to.contain('q=renew');
  });

  it('aborts a stale in-flight request and shows only the newest results', async () => {
    const fake = fakeServer();
    await fake.route(
      { path: '/v1/me', responses: [{ body: me }] },
      {
        path: '/v1/questions/similar',
        responses: [
          { body: { items: [sim('old', 'Stale result')] }, delay: 1500 },
          { body: { items: [sim('new', 'Fresh result', true, 1)] } },
        ],
      },
    );
    const backend = new SpyBackend({ baseUrl: fake.baseUrl });
    const el = await mount(backend);
    typeFast(el, 'renew');
    await waitFor(async () => (await similarRequests(fake)).length === 1, 'first request in flight');
    typeFast(el, 'al');
    await waitFor(async () => (await similarRequests(fake)).length === 2, 'second request');
    expect(backend.signals).to.have.length(2);
    await waitFor(() => backend.signals[0]!.aborted, 'the stale request was aborted');
    expect(backend.signals[1]!.aborted).to.equal(false);
    await waitFor(() => $$(el, '[role=option]').some((o) => o.textContent!.includes('Fresh result')), 'fresh results');
    await aTimeout(1600); // past the stale response's delay: it must never show
    expect($$(el, '[role=option]').map((o) => o.textContent)).to.satisfy((xs: string[]) => xs.every((t) => !t.includes('Stale result')));
    const reqs = await similarRequests(fake);
    expect(reqs.map((r) => new URLSearchParams(r.query).get('q'))).to.deep.equal(['renew', 'renewal']);
  });

  it('names the wrong path when similar questions come back in the wrong shape, and retries', async () => {
    const fake = fakeServer();
    await fake.route(
      { path: '/v1/me', responses: [{ body: me }] },
      {
        path: '/v1/questions/similar',
        responses: [{ body: { items: [{ ...sim('q1', 'ok'), title: 42 }] } }, { body: { items: [sim('q1', 'Now fine')] } }],
      },
    );
    const el = await mount(new RestBackend({ baseUrl: fake.baseUrl, retry: { limit: 0 } }));
    const errors: number[] = [];
    el.addEventListener('confab-error', (e) => errors.push(e.detail.status));
    typeFast(el, 'renew');
    await waitFor(() => !!$(el, '.similar [part=error]'), 'error shown');
    const shown = $(el, '.similar [part=error]')!.textContent!;
    expect(shown).to.contain('could not read');
    expect(shown).to.contain('items[0].title');
    expect(errors).to.deep.equal([200]);
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '.similar [part~=retry]')!.click();
    await waitFor(() => $$(el, '[role=option]').length === 1, 'retry worked');
  });

  it('names the wrong path when a question comes back in the wrong shape', async () => {
    const fake = fakeServer();
    await fake.route(
      { path: '/v1/me', responses: [{ body: me }] },
      { path: '/v1/questions/q-evil', responses: [{ body: { question: { ...evilQuestion, author: { ...evilAuthor, name: null } }, answers: { items: [], nextCursor: null } } }] },
    );
    const el = await mount(new RestBackend({ baseUrl: fake.baseUrl, retry: { limit: 0 } }), 'q-evil');
    await waitFor(() => !!$(el, '[part=error]'), 'error shown');
    expect($(el, '[part=error]')!.textContent).to.contain('question.author.name');
    await expect(el).to.be.accessible();
  });

  it('shows markup in titles, names, tags and bodies as text; nothing runs and nothing is fetched', async () => {
    const fake = fakeServer();
    await fake.route(
      { path: '/v1/me', responses: [{ body: me }] },
      { path: '/v1/questions/similar', responses: [{ body: { items: [{ ...sim('q-evil', `Similar ${EVIL}`, true, 1), acceptedExcerpt: `Ex ${EVIL}` }] } }] },
      { path: '/v1/questions/q-evil', responses: [{ body: { question: evilQuestion, answers: { items: [evilAnswer], nextCursor: null } } }] },
    );
    const el = await mount(new RestBackend({ baseUrl: fake.baseUrl }));
    typeFast(el, 'evil');
    await waitFor(() => $$(el, '[role=option]').length === 1, 'similar shown');
    const option = $$(el, '[role=option]')[0]!;
    expect(option.querySelector('[part=title]')!.textContent).to.equal(`Similar ${EVIL}`);
    expect(option.querySelector('[part=excerpt]')!.textContent).to.equal(`Ex ${EVIL}`);
    option.click();
    await waitFor(() => !!$(el, '#question-title') && !!$(el, '.answer .prose'), 'question shown');
    await aTimeout(300); // let the lazy Markdown renderer arrive
    expect($(el, '#question-title')!.textContent).to.equal(`Title ${EVIL}`);
    const root = el.shadowRoot!;
    expect(root.textContent).to.contain(`Mallory ${EVIL}`);
    expect(root.textContent).to.contain(`tag ${EVIL}`);
    expect(root.querySelectorAll('script')).to.have.length(0);
    expect(root.querySelectorAll('[onerror]')).to.have.length(0);
    expect([...root.querySelectorAll('a')].some((a) => a.getAttribute('href')?.startsWith('javascript:'))).to.equal(false);
    expect([...root.querySelectorAll('img')].some((i) => i.getAttribute('src')?.startsWith('javascript:'))).to.equal(false);
    for (const a of root.querySelectorAll('a')) a.click();
    await aTimeout(100);
    expect((window as { __qaCanary?: number }).__qaCanary).to.equal(undefined);
    const leaked = performance.getEntriesByType('resource').filter((r) => r.name.includes('evil.example'));
    expect(leaked).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('shows more answers by cursor and moves focus to the first new one', async () => {
    const fake = fakeServer();
    const answer = (i: number) => ({ ...evilAnswer, id: `a${i}`, questionId: 'q1', body: `Answer number ${i}`, author: { ...evilAuthor, name: `Person ${i}` }, score: 10 - i });
    await fake.route(
      { path: '/v1/me', responses: [{ body: me }] },
      { path: '/v1/questions/q1', responses: [{ body: { question: { ...evilQuestion, id: 'q1', title: 'Paged' }, answers: { items: [answer(1), answer(2)], nextCursor: 'c2' } } }] },
      { path: '/v1/questions/q1/answers', responses: [{ body: { items: [answer(2), answer(3)], nextCursor: null } }] },
    );
    const el = await mount(new RestBackend({ baseUrl: fake.baseUrl }), 'q1');
    await waitFor(() => !!$(el, '[part~=more]'), 'more button');
    expect($$(el, '.answer')).to.have.length(2);
    $(el, '[part~=more]')!.focus();
    $(el, '[part~=more]')!.click();
    await waitFor(() => $$(el, '.answer').length === 3, 'third answer');
    expect($(el, '[part~=more]')).to.equal(null);
    await waitFor(() => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset.answer === 'a3', 'focus on the new answer');
    const reqs = (await fake.log()).filter((r) => r.path.endsWith('/answers'));
    expect(reqs.map((r) => r.query)).to.deep.equal(['cursor=c2']);
    await expect(el).to.be.accessible();
  });

  it('puts accepted, then answered questions first whatever order the server sends', async () => {
    const fake = fakeServer();
    await fake.route(
      { path: '/v1/me', responses: [{ body: me }] },
      {
        path: '/v1/questions/similar',
        responses: [{ body: { items: [sim('plain', 'Unanswered one'), sim('answered', 'Answered one', false, 2), sim('acc', 'Accepted one', true, 1), sim('p2', 'Unanswered two'), sim('p3', 'Unanswered three'), sim('p4', 'Unanswered four')] } }],
      },
    );
    const el = await mount(new RestBackend({ baseUrl: fake.baseUrl }));
    typeFast(el, 'order');
    await waitFor(() => $$(el, '[role=option]').length > 0, 'shown');
    const titles = $$(el, '[role=option] [part=title]').map((t) => t.textContent);
    expect(titles).to.have.length(5);
    expect(titles.slice(0, 2)).to.deep.equal(['Accepted one', 'Answered one']);
    expect($$(el, '[role=option]')[0]!.querySelector('[part=excerpt]')!.textContent).to.equal('Excerpt of acc');
  });

  it('sends at most the contract\'s 200 characters as the similar query, and flags the long title', async () => {
    const fake = fakeServer();
    await fake.route(
      { path: '/v1/me', responses: [{ body: me }] },
      { path: '/v1/questions/similar', responses: [{ body: { items: [sim('q1', 'Long one')] } }] },
    );
    const el = await mount(new RestBackend({ baseUrl: fake.baseUrl }));
    const input = $<HTMLInputElement>(el, '#title')!;
    input.value = 'word '.repeat(60);
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
    await waitFor(() => $$(el, '[role=option]').length === 1, 'shown');
    const [req] = await similarRequests(fake);
    expect(new URLSearchParams(req!.query).get('q')!.length).to.be.within(195, 200);
    expect($(el, '.similar [part=error]')).to.equal(null);
    await waitFor(() => !!$(el, '#title-error'));
    expect($(el, '#title-error')!.textContent).to.contain('200 characters or fewer');
  });
});
