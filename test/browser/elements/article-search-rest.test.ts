// <confab-article-search> over real fetch: RestBackend against the fake REST server mounted in the
// test runner, so debounce and abort are checked by counting the requests that actually left.
import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitFor } from '../core/wait.js';
import { typeInto } from './typing.js';
import { RestBackend } from '../../../src/backends/rest/index.js';
import type { CallOptions } from '../../../src/backends/types.js';
import type { ArticleSearchQuery } from '../../../src/contract/index.js';
import '../../../src/elements/provider/define.js';
import '../../../src/elements/article-search/define.js';
import type { ConfabArticleSearch } from '../../../src/elements/article-search/article-search.js';
import { fakeServer } from '../backends/fake.js';

const at = '2026-03-02T10:15:00.000Z';
const hit = (id: string, title: string) => ({
  id, title, snippet: 'Plain snippet.', product: 'Gateway', contentType: 'guide', updatedAt: at,
  highlights: { title: [], snippet: [] },
});
const body = (...titles: string[]) => ({
  items: titles.map((t, i) => hit(`a${i}`, t)),
  nextCursor: null,
  total: titles.length,
  facets: { product: [{ value: 'Gateway', count: 3 }, { value: 'Vault', count: 1 }], contentType: [] },
  moreForSignedIn: false,
});

const $ = (el: HTMLElement, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const options = (el: HTMLElement) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')];
const titles = (el: HTMLElement) => options(el).map((o) => o.querySelector('.title')!.textContent);

/** A RestBackend on a fresh fake-server namespace that also remembers the signal of each search. */
function setup() {
  const server = fakeServer();
  const rest = new RestBackend({ baseUrl: server.baseUrl });
  const signals: AbortSignal[] = [];
  const search = rest.searchArticles.bind(rest);
  rest.searchArticles = (q: ArticleSearchQuery, o?: CallOptions) => {
    if (o?.signal) signals.push(o.signal);
    return search(q, o);
  };
  const searches = async () => (await server.log()).filter((r) => r.path === '/v1/articles/search');
  return { server, rest, signals, searches };
}

/** Types `text` into the search field, one input event per character, all within one task. */
const typeFast = (el: HTMLElement, text: string) => typeInto($(el, '#input') as HTMLInputElement, text);

async function mount(rest: RestBackend) {
  const wrap = await fixture<HTMLElement>(html`<confab-provider .backend=${rest}><confab-article-search></confab-article-search></confab-provider>`);
  const el = wrap.querySelector('confab-article-search') as ConfabArticleSearch;
  await el.updateComplete;
  $(el, '#input')!.focus();
  return el;
}

describe('<confab-article-search> over REST', () => {
  it('debounces type-ahead: typing a word fast sends one request', async () => {
    const { server, rest, searches } = setup();
    await server.route({ path: '/v1/articles/search', responses: [{ body: body('Gateway install guide') }] });
    const el = await mount(rest);
    typeFast(el, 'gateway');
    await waitFor(() => options(el).length === 1);
    await aTimeout(250); // longer than the debounce: nothing else may follow
    const log = await searches();
    expect(log).to.have.length(1);
    expect(new URLSearchParams(log[0].query).get('q')).to.equal('gateway');
    // A pause longer than the debounce, then more typing: a second request, for the longer query.
    typeFast(el, 's');
    await waitFor(async () => (await searches()).length === 2);
    expect(new URLSearchParams((await searches())[1].query).get('q')).to.equal('gateways');
  });

  it('aborts a slow request that a newer query superseded, and never shows its results', async () => {
    const { server, rest, signals, searches } = setup();
    await server.route({
      path: '/v1/articles/search',
      responses: [{ delay: 1200, body: body('STALE result') }, { body: body('Fresh one', 'Fresh two') }],
    });
    const el = await mount(rest);
    let loads = 0;
    el.addEventListener('confab-load', () => loads++);
    typeFast(el, 'ab');
    await waitFor(async () => (await searches()).length === 1, 'first request sent');
    typeFast(el, 'c');
    await waitFor(() => options(el).length === 2, 'fresh results');
    const log = await searches();
    expect(log.map((r) => new URLSearchParams(r.query).get('q'))).to.deep.equal(['ab', 'abc']);
    expect(signals).to.have.length(2);
    expect(signals[0].aborted, 'the stale request was aborted').to.be.true;
    expect(signals[1].aborted).to.be.false;
    await aTimeout(1300); // past the stale response's delay
    expect(titles(el)).to.deep.equal(['Fresh one', 'Fresh two']);
    expect(loads).to.equal(1);
  });

  it('sends the pressed facet in the query string', async () => {
    const { server, rest, searches } = setup();
    await server.route({ path: '/v1/articles/search', responses: [{ body: body('A', 'B', 'C') }] });
    const el = await mount(rest);
    typeFast(el, 'sso');
    await waitFor(() => options(el).length === 3);
    const chips = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.chip')];
    expect(chips.map((c) => c.querySelector('.chip-text')!.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal(['Gateway 3', 'Vault 1']);
    chips[1].click();
    await waitFor(async () => (await searches()).length === 2);
    const q = new URLSearchParams((await searches())[1].query);
    expect(q.get('q')).to.equal('sso');
    expect(q.getAll('product')).to.deep.equal(['Vault']);
  });

  it('a wrong-shape response shows a readable error that names the path', async () => {
    const { server, rest } = setup();
    const bad = body('ok');
    (bad.items[0] as { title: unknown }).title = 3;
    await server.route({ path: '/v1/articles/search', responses: [{ body: bad }] });
    const el = await mount(rest);
    const err = oneEvent(el, 'confab-error');
    typeFast(el, 'sso');
    expect((await err).detail.error.name).to.equal('ValidationError');
    await waitFor(() => $(el, '[part~="error"]'));
    const text = $(el, '[part~="error"]')!.textContent!;
    expect(text).to.include('could not read');
    expect(text).to.include('items[0].title');
    expect(text).to.include('expected string');
    await expect(el).to.be.accessible();
  });
});
