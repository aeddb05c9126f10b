import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitFor } from '../core/wait.js';
import { sendKeys } from '@web/test-runner-commands';
import { createStore, values } from 'idb-keyval';
import type { CommunityBackend } from '../../../src/backends/types.js';
import type { Article, ArticleHit, ArticleSearchResult, HelpfulFeedback, Me } from '../../../src/contract/index.js';
import { BackendError, OfflineError } from '../../../src/core/errors.js';
import '../../../src/elements/provider/define.js';
import '../../../src/elements/article-search/define.js';
import type { ConfabArticleSearch } from '../../../src/elements/article-search/article-search.js';
import { withWarnings } from '../warnings.js';

// ----- fixtures -----

const at = '2026-03-02T10:15:00.000Z';

function hit(id: string, title: string, snippet = 'Set up SAML single sign-on for partner users.', over: Partial<ArticleHit> = {}): ArticleHit {
  return { id, title, snippet, product: 'Gateway', contentType: 'how-to', updatedAt: at, highlights: { title: [], snippet: [] }, ...over };
}

function result(items: ArticleHit[], over: Partial<ArticleSearchResult> = {}): ArticleSearchResult {
  return {
    items,
    nextCursor: null,
    total: items.length,
    facets: {
      product: [{ value: 'Gateway', count: 2 }, { value: 'Vault', count: 1 }],
      contentType: [{ value: 'how-to', count: 2 }, { value: 'faq', count: 1 }],
    },
    moreForSignedIn: false,
    ...over,
  };
}

const THREE = result([
  hit('a1', 'Configure SSO for partners', 'Set up SAML single sign-on.', { highlights: { title: [{ start: 10, length: 3 }], snippet: [{ start: 7, length: 4 }] } }),
  hit('a2', 'Rotate SSO certificates', 'Certificates expire yearly.'),
  hit('a3', 'SSO troubleshooting FAQ', 'Common SAML errors.', { product: 'Vault', contentType: 'faq' }),
]);

const article = (id: string, body = '# Steps\n\nOpen **Settings**.'): Article => ({
  id, title: 'Configure SSO for partners', body, product: 'Gateway', contentType: 'how-to',
  audience: { minTier: 'registered', roles: [] }, updatedAt: at, helpful: { yes: 1, no: 0 },
});

interface Calls {
  search: Array<{ q: string; product?: string[]; contentType?: string[]; limit?: unknown; signal?: AbortSignal }>;
  feedback: Array<{ id: string; feedback: HelpfulFeedback }>;
  me: number;
}

let seq = 0;
/** A backend with a fresh id (so cache entries never cross tests) whose answers a test can change. */
function backend(opts: {
  search?: (q: string, query: Calls['search'][number]) => Promise<ArticleSearchResult> | ArticleSearchResult;
  me?: Me;
  get?: (id: string) => Promise<Article> | Article;
} = {}) {
  const calls: Calls = { search: [], feedback: [], me: 0 };
  const state = { ...opts };
  const b = {
    id: `as-test-${Date.now()}-${++seq}`,
    async searchArticles(query: Calls['search'][number], o?: { signal?: AbortSignal }) {
      calls.search.push({ ...query, signal: o?.signal });
      return (state.search ?? (() => THREE))(query.q, query);
    },
    async getArticle(id: string) {
      return (state.get ?? article)(id);
    },
    async sendArticleFeedback(id: string, feedback: HelpfulFeedback) {
      calls.feedback.push({ id, feedback });
      return { ok: true as const };
    },
    async me() {
      calls.me++;
      return state.me ?? { authenticated: false as const };
    },
  } as unknown as CommunityBackend & { id: string };
  return { backend: b, calls, state };
}

async function mount(b: CommunityBackend, attrs = html`<confab-article-search></confab-article-search>`) {
  const wrap = await fixture<HTMLElement>(html`<confab-provider .backend=${b}>${attrs}</confab-provider>`);
  const el = wrap.querySelector('confab-article-search') as ConfabArticleSearch;
  await el.updateComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: HTMLElement, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: HTMLElement, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const input = (el: HTMLElement) => $<HTMLInputElement>(el, '#input')!;
const options = (el: HTMLElement) => $$(el, '[role="option"]');

async function type(el: HTMLElement, text: string) {
  input(el).focus();
  await sendKeys({ type: text });
}

/** The debounced query the element is showing results for (private state, read to know typing has settled). */
const settledQuery = (el: ConfabArticleSearch) => (el as unknown as { query: string }).query;

/**
 * Types with real keystrokes, then waits until the results are those of the whole text: on a busy
 * machine keystrokes may come slower than the debounce, and an early prefix may answer first.
 */
async function typeAndWait(el: ConfabArticleSearch, text: string, count = 3) {
  await type(el, text);
  const want = (input(el).value).trim();
  await waitFor(
    () => settledQuery(el) === want && options(el).length === count && !$(el, '#listbox')!.hidden && $(el, '#listbox')!.getAttribute('aria-busy') === 'false',
    `expected ${count} options for "${want}"`,
  );
  await el.updateComplete;
}

// ----- tests -----

describe('<confab-article-search> combobox', () => {
  it('is a collapsed WAI-ARIA combobox before typing, and passes axe', async () => {
    const el = await mount(backend().backend);
    const i = input(el);
    expect(i.getAttribute('role')).to.equal('combobox');
    expect(i.getAttribute('aria-expanded')).to.equal('false');
    expect(i.getAttribute('aria-autocomplete')).to.equal('list');
    expect(i.getAttribute('aria-controls')).to.equal('listbox');
    expect($(el, '#listbox')!.getAttribute('role')).to.equal('listbox');
    expect(i.hasAttribute('aria-activedescendant')).to.be.false;
    await expect(el).to.be.accessible();
  });

  it('opens results as the partner types; arrows, Home and End move the active option', async () => {
    const el = await mount(backend().backend);
    await typeAndWait(el, 'sso');
    const i = input(el);
    expect(i.getAttribute('aria-expanded')).to.equal('true');
    expect(i.hasAttribute('aria-activedescendant')).to.be.false;

    const activeIs = async (n: number) => {
      await el.updateComplete;
      const id = i.getAttribute('aria-activedescendant');
      expect(id).to.equal(options(el)[n].id);
      expect(options(el).map((o) => o.getAttribute('aria-selected'))).to.deep.equal([0, 1, 2].map((k) => String(k === n)));
    };
    await sendKeys({ press: 'ArrowDown' });
    await activeIs(0);
    await sendKeys({ press: 'ArrowDown' });
    await activeIs(1);
    await sendKeys({ press: 'End' });
    await activeIs(2);
    await sendKeys({ press: 'ArrowDown' }); // wraps
    await activeIs(0);
    await sendKeys({ press: 'ArrowUp' }); // wraps back
    await activeIs(2);
    await sendKeys({ press: 'Home' });
    await activeIs(0);
    await expect(el).to.be.accessible();
  });

  it('Escape closes the popup, a second Escape clears the field', async () => {
    const el = await mount(backend().backend);
    await typeAndWait(el, 'sso');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(input(el).getAttribute('aria-expanded')).to.equal('false');
    expect(input(el).hasAttribute('aria-activedescendant')).to.be.false;
    expect(input(el).value).to.equal('sso');
    expect($(el, '.popup')!.hidden).to.be.true;
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(input(el).value).to.equal('');
    // ArrowDown reopens after a close.
    await typeAndWait(el, 'sso');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(input(el).getAttribute('aria-expanded')).to.equal('true');
  });

  it('Enter on the active option fires a cancelable confab-article-open and opens the reader', async () => {
    const { backend: b } = backend();
    const el = await mount(b);
    await typeAndWait(el, 'sso');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    const opened = oneEvent(el, 'confab-article-open');
    await sendKeys({ press: 'Enter' });
    expect((await opened).detail.id).to.equal('a2');
    await waitFor(() => $(el, '.reader .body'), 'reader shows the body');
    expect(input(el).getAttribute('aria-expanded')).to.equal('false');
    // Focus moves to the reader's heading.
    await waitFor(() => el.shadowRoot!.activeElement?.id === 'reader-title');
  });

  it('a host that cancels confab-article-open keeps the reader closed', async () => {
    const el = await mount(backend().backend);
    el.addEventListener('confab-article-open', (e) => e.preventDefault());
    await typeAndWait(el, 'sso');
    options(el)[0].click();
    await el.updateComplete;
    expect($(el, '.reader')).to.equal(null);
  });

  it('with article-href, options are links to the template and Enter follows them', async () => {
    const el = await mount(backend().backend, html`<confab-article-search article-href="/kb/{id}?from=search"></confab-article-search>`);
    await typeAndWait(el, 'sso');
    const links = options(el) as HTMLAnchorElement[];
    expect(links[0].localName).to.equal('a');
    expect(links[0].getAttribute('href')).to.equal('/kb/a1?from=search');
    expect(links[0].tabIndex).to.equal(-1);
    let followed = '';
    el.addEventListener('click', (e) => {
      followed = (e.composedPath()[0] as HTMLAnchorElement).getAttribute('href') ?? '';
      e.preventDefault(); // stay on the test page
    });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    await sendKeys({ press: 'Enter' });
    expect(followed).to.equal('/kb/a1?from=search');
  });

  it('announces the result count politely', async () => {
    const { backend: b, state } = backend();
    const el = await mount(b);
    const live = $(el, '[role="status"][aria-live="polite"]')!;
    await typeAndWait(el, 'sso');
    expect(live.textContent!.trim()).to.equal('3 results');
    state.search = () => result([]);
    await sendKeys({ type: 'xyz' });
    await waitFor(() => live.textContent!.trim() === 'No results');
  });
});

describe('<confab-article-search> highlights and safety', () => {
  it('wraps exactly the highlighted ranges in <mark>', async () => {
    const el = await mount(backend().backend);
    await typeAndWait(el, 'sso');
    const first = options(el)[0];
    expect([...first.querySelectorAll('.title mark')].map((m) => m.textContent)).to.deep.equal(['SSO']);
    expect(first.querySelector('.title')!.textContent).to.equal('Configure SSO for partners');
    expect([...first.querySelectorAll('.snippet mark')].map((m) => m.textContent)).to.deep.equal(['SAML']);
  });

  it('shows markup inside titles and snippets as text and never runs it', async () => {
    const evilTitle = '<img src=x onerror="window.__pwned=1">Evil';
    const evilSnippet = '<script>window.__pwned=1</script><b>bold</b>';
    const { backend: b } = backend({
      search: () => result([hit('x1', evilTitle, evilSnippet, { highlights: { title: [{ start: 0, length: 4 }], snippet: [{ start: 8, length: 6 }] } })]),
      get: (id) => article(id, 'Hello <img src=x onerror="window.__pwned=1"> [x](javascript:window.__pwned=1)'),
    });
    const el = await mount(b);
    await typeAndWait(el, 'evil', 1);
    const opt = options(el)[0];
    expect(opt.querySelector('.title')!.textContent).to.equal(evilTitle);
    expect(opt.querySelector('.snippet')!.textContent).to.equal(evilSnippet);
    expect(opt.querySelectorAll('img, script, b').length).to.equal(0);
    opt.click();
    await waitFor(() => $(el, '.reader .body')?.textContent?.includes('Hello'));
    // The lazily loaded Markdown renderer replaces the plain text: check what it made, not the placeholder.
    await waitFor(() => !$(el, '.reader .body')!.textContent!.includes('](javascript:'), 'Markdown rendered');
    expect($$(el, '.reader .body img[onerror], .reader .body a[href^="javascript"]').length).to.equal(0);
    expect((window as unknown as { __pwned?: unknown }).__pwned).to.equal(undefined);
  });
});

describe('<confab-article-search> facets', () => {
  it('shows facet chips with counts; pressing one filters the request', async () => {
    const { backend: b, calls } = backend();
    const el = await mount(b);
    await typeAndWait(el, 'sso');
    const chips = $$(el, 'button.chip');
    expect(chips.map((c) => c.querySelector('.chip-text')!.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal(['Gateway 2', 'Vault 1', 'How-to 2', 'FAQ 1']);
    expect(chips.map((c) => c.querySelector('.visually-hidden')!.textContent)).to.deep.equal([
      'Gateway, 2 articles', 'Vault, 1 article', 'How-to, 2 articles', 'FAQ, 1 article',
    ]);
    expect(calls.search.at(-1)!.product).to.equal(undefined);
    chips[1].click();
    await waitFor(() => calls.search.at(-1)!.product?.[0] === 'Vault');
    expect(calls.search.at(-1)!.q).to.equal('sso');
    await el.updateComplete;
    expect($$(el, 'button.chip')[1].getAttribute('aria-pressed')).to.equal('true');
    $$(el, 'button.chip')[3].click();
    await waitFor(() => calls.search.at(-1)!.contentType?.[0] === 'faq');
    expect(calls.search.at(-1)!.product).to.deep.equal(['Vault']);
    await expect(el).to.be.accessible();
  });

  it('shows counts the server capped as "1,000+", in the chips and in the result count', async () => {
    const capped = result(THREE.items, {
      total: 1000,
      totalCapped: true,
      facets: { product: [{ value: 'Gateway', count: 640, capped: true }], contentType: [{ value: 'faq', count: 12 }] },
    });
    const el = await mount(backend({ search: () => capped }).backend);
    await typeAndWait(el, 'sso');
    const chips = $$(el, 'button.chip');
    expect(chips.map((c) => c.querySelector('.chip-text')!.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal(['Gateway 640+', 'FAQ 12']);
    expect(chips[0].querySelector('.visually-hidden')!.textContent).to.equal('Gateway, 640+ articles');
    expect($(el, '.count.meta')!.textContent!.trim()).to.equal('1,000+ results');
    expect(el.shadowRoot!.textContent).to.include('1,000+');
  });

  it('`product` preselects a product facet and `page-size` sets the limit', async () => {
    const { backend: b, calls } = backend();
    const el = await mount(b, html`<confab-article-search product="Gateway" page-size="5"></confab-article-search>`);
    await typeAndWait(el, 'sso');
    expect(calls.search.at(-1)).to.include({ q: 'sso', limit: 5 });
    expect(calls.search.at(-1)!.product).to.deep.equal(['Gateway']);
    expect($$(el, 'button.chip')[0].getAttribute('aria-pressed')).to.equal('true');
  });
});

describe('<confab-article-search> states', () => {
  it('with no results offers "Ask the community", which emits confab-ask with the query', async () => {
    const el = await mount(backend({ search: () => result([], { facets: { product: [], contentType: [] } }) }).backend);
    await type(el, 'quota exceeded');
    await waitFor(() => settledQuery(el) === 'quota exceeded' && $(el, '[part~="empty"]'));
    await expect(el).to.be.accessible();
    const ask = oneEvent(el, 'confab-ask');
    $<HTMLButtonElement>(el, '[part~="ask"]')!.click();
    expect((await ask).detail).to.deep.equal({ query: 'quota exceeded' });
  });

  it('shows a readable error with a retry, and fires confab-error with the status', async () => {
    let fail = true;
    const { backend: b, calls } = backend({
      search: () => {
        if (fail) throw new BackendError('Search is down', 503);
        return THREE;
      },
    });
    const el = await mount(b);
    const err = oneEvent(el, 'confab-error');
    await type(el, 'sso');
    expect((await err).detail.status).to.equal(503);
    await waitFor(() => $(el, '[part~="error"]'));
    expect($(el, '[part~="error"]')!.textContent).to.include('(503)');
    await expect(el).to.be.accessible();
    await waitFor(() => settledQuery(el) === 'sso' && $(el, '[part~="error"]'));
    fail = false;
    const before = calls.search.length;
    $<HTMLButtonElement>(el, '[part~="retry"]')!.click();
    await waitFor(() => options(el).length === 3);
    expect(calls.search.length).to.equal(before + 1);
    expect(calls.search.at(-1)!.q).to.equal('sso');
  });

  it('shows a skeleton while the first results load', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const el = await mount(backend({ search: async () => (await gate, THREE) }).backend);
    await type(el, 'sso');
    await waitFor(() => $(el, '[part="skeleton"]'));
    expect($(el, '#listbox')!.getAttribute('aria-busy')).to.equal('true');
    release();
    await waitFor(() => options(el).length === 3);
    expect($(el, '[part="skeleton"]')).to.equal(null);
  });

  it('offline, shows the cached results of an earlier query with a notice', async () => {
    const { backend: b, state } = backend();
    let el = await mount(b);
    await typeAndWait(el, 'sso');
    el.remove();
    state.search = () => {
      throw new OfflineError();
    };
    el = await mount(b);
    await typeAndWait(el, 'sso');
    await waitFor(() => $(el, '[part="offline-notice"]'), 'offline notice');
    expect(options(el)[0].querySelector('.title')!.textContent).to.equal('Configure SSO for partners');
    await expect(el).to.be.accessible();
  });

  it('signed out, says that signing in shows more, and asks the host for a sign-in', async () => {
    const { backend: b } = backend({ search: () => ({ ...THREE, moreForSignedIn: true }) });
    const el = await mount(b);
    await typeAndWait(el, 'sso');
    await waitFor(() => $(el, '[part~="signin-hint"]'));
    expect($(el, '[part~="signin-hint"]')!.textContent).to.include('Sign in to see more articles');
    const req = oneEvent(el, 'confab-auth-required');
    $<HTMLButtonElement>(el, '[part~="signin"]')!.click();
    expect((await req).detail).to.deep.equal({ action: 'search' });
  });

  it('after the host signs the partner in (a new getToken), searches again and drops the hint', async () => {
    const { backend: b, state, calls } = backend({ search: () => ({ ...THREE, moreForSignedIn: true }) });
    const el = await mount(b);
    await typeAndWait(el, 'sso');
    await waitFor(() => $(el, '[part~="signin-hint"]'), 'hint while signed out');
    const searchesBefore = calls.search.length;
    state.me = { authenticated: true, id: 'u1', name: 'Ana', org: null, tier: 'gold', roles: [] };
    state.search = () => ({ ...THREE, moreForSignedIn: false });
    const { configure, _resetConfigForTests } = await import('../../../src/core/config.js');
    try {
      configure({ getToken: () => 'jwt-after-sign-in' });
      await waitFor(() => calls.search.length === searchesBefore + 1, 'searched again');
      await waitFor(() => !$(el, '[part~="signin-hint"]'), 'hint gone');
      // Other options (a locale switch) do not search again.
      configure({ theme: 'auto' });
      await aTimeout(50);
      expect(calls.search.length).to.equal(searchesBefore + 1);
    } finally {
      _resetConfigForTests();
    }
  });

  it('signed in, shows no sign-in hint', async () => {
    const me: Me = { authenticated: true, id: 'u1', name: 'Ana', org: null, tier: 'silver', roles: [] };
    const { backend: b, calls } = backend({ search: () => ({ ...THREE, moreForSignedIn: true }), me });
    const el = await mount(b);
    await typeAndWait(el, 'sso');
    await waitFor(() => calls.me === 1);
    await aTimeout(20);
    expect($(el, '[part~="signin-hint"]')).to.equal(null);
  });
});

describe('<confab-article-search> recent searches', () => {
  it('keeps the last searches in IndexedDB, shows them when the empty field is focused, and clears them', async () => {
    const { backend: b } = backend();
    let el = await mount(b);
    for (const q of ['sso', 'vault', 'quota', 'mdf', 'deal reg', 'certs']) {
      input(el).value = '';
      await type(el, q);
      await sendKeys({ press: 'Enter' });
    }
    el.remove();
    el = await mount(b);
    input(el).focus();
    await waitFor(() => options(el).length === 5, 'five recent searches');
    expect(options(el).map((o) => o.textContent!.trim())).to.deep.equal(['certs', 'deal reg', 'mdf', 'quota', 'vault']);
    expect($(el, '#listbox')!.getAttribute('aria-label')).to.equal('Recent searches');
    await expect(el).to.be.accessible();
    // Choosing one searches it.
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    expect(input(el).value).to.equal('certs');
    await waitFor(() => options(el).length === 3);
    // Clear.
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(input(el).value).to.equal('');
    await sendKeys({ press: 'ArrowDown' });
    await waitFor(() => options(el).length === 5);
    const clear = $$(el, '.popup-head button')[0];
    clear.click();
    await waitFor(() => options(el).length === 0);
    el.remove();
    el = await mount(b);
    input(el).focus();
    await aTimeout(50);
    expect(options(el).length).to.equal(0);
  });
});

describe('<confab-article-search> inline recent searches', () => {
  it('shows the kept searches under the empty inline field without any interaction, and chooses one', async () => {
    const { backend: b, calls } = backend();
    let el = await mount(b, html`<confab-article-search mode="inline"></confab-article-search>`);
    await type(el, 'vault');
    await sendKeys({ press: 'Enter' });
    // The element keeps the search without awaiting the write: the "reload" waits for it to land.
    const kept = createStore('confab-recent', 'recent');
    await waitFor(async () => (await values<unknown>(kept)).some((v) => Array.isArray(v) && v.includes('vault')), 'the search kept in IndexedDB');
    el.remove();
    el = await mount(b, html`<confab-article-search mode="inline"></confab-article-search>`);
    await waitFor(() => $$(el, '.recent-inline .chip').length === 1, 'the recent search, untouched');
    expect(el.shadowRoot!.activeElement).to.equal(null);
    expect($(el, '#recent-label')!.textContent!.trim()).to.equal('Recent searches');
    await expect(el).to.be.accessible();
    $$(el, '.recent-inline .chip')[0].click();
    await waitFor(() => settledQuery(el) === 'vault' && $$(el, '.result').length === 3);
    expect(calls.search.at(-1)!.q).to.equal('vault');
  });
});

describe('<confab-article-search> reader', () => {
  it('shows the article, sends "Was this helpful?" with a comment, thanks, and goes back', async () => {
    const { backend: b, calls } = backend();
    const el = await mount(b);
    await typeAndWait(el, 'sso');
    options(el)[0].click();
    await waitFor(() => $(el, '.reader .body strong'), 'Markdown rendered');
    expect($(el, '.reader-title')!.textContent).to.equal('Configure SSO for partners');
    expect($(el, '.reader [part="meta"]')!.textContent).to.include('Gateway');
    await expect(el).to.be.accessible();
    const yes = $$<HTMLButtonElement>(el, '.feedback button')[0];
    yes.click();
    await waitFor(() => $(el, '#feedback-comment'));
    expect(yes.getAttribute('aria-pressed')).to.equal('true');
    await waitFor(() => el.shadowRoot!.activeElement?.id === 'feedback-comment');
    await sendKeys({ type: 'Add a screenshot' });
    const fb = oneEvent(el, 'confab-feedback');
    $<HTMLButtonElement>(el, '.feedback .primary')!.click();
    expect((await fb).detail).to.deep.equal({ articleId: 'a1', helpful: true });
    expect(calls.feedback).to.deep.equal([{ id: 'a1', feedback: { helpful: true, comment: 'Add a screenshot' } }]);
    await waitFor(() => $(el, '.thanks'));
    expect($(el, '.thanks')!.textContent).to.include('Thanks');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '.back')!.click();
    await waitFor(() => !$(el, '.reader'));
    await waitFor(() => el.shadowRoot!.activeElement === input(el), 'focus back in the field');
  });

  it('shows why feedback could not be sent, and sends it on the next try', async () => {
    const { backend: b, calls } = backend();
    let fail = true;
    const send = b.sendArticleFeedback.bind(b);
    b.sendArticleFeedback = async (id, fb) => {
      if (fail) throw new BackendError('Feedback is closed for maintenance', 503);
      return send(id, fb);
    };
    const el = await mount(b);
    await typeAndWait(el, 'sso');
    options(el)[0].click();
    await waitFor(() => $(el, '.feedback'));
    $$<HTMLButtonElement>(el, '.feedback button')[0].click();
    await waitFor(() => $(el, '.feedback .primary'));
    const err = oneEvent(el, 'confab-error');
    $<HTMLButtonElement>(el, '.feedback .primary')!.click();
    expect((await err).detail.status).to.equal(503);
    await waitFor(() => $(el, '.feedback [role="alert"]'));
    expect($(el, '.feedback [role="alert"]')!.textContent).to.include('(503)');
    await expect(el).to.be.accessible();
    fail = false;
    $<HTMLButtonElement>(el, '.feedback .primary')!.click();
    await waitFor(() => $(el, '.thanks'));
    expect(calls.feedback).to.deep.equal([{ id: 'a1', feedback: { helpful: true } }]);
  });

  it('offline, opens an article read before from the cache, with a notice', async () => {
    const { backend: b, state } = backend();
    let el = await mount(b);
    await typeAndWait(el, 'sso');
    options(el)[0].click();
    await waitFor(() => $(el, '.reader .body strong'));
    el.remove();
    state.get = () => {
      throw new OfflineError();
    };
    el = await mount(b);
    await typeAndWait(el, 'sso');
    options(el)[0].click();
    await waitFor(() => $(el, '.reader [part="offline-notice"]'), 'offline notice in the reader');
    expect($(el, '.reader .body')!.textContent).to.include('Settings');
  });

  it('sends "No" without a comment as just { helpful: false }', async () => {
    const { backend: b, calls } = backend();
    const el = await mount(b);
    await typeAndWait(el, 'sso');
    options(el)[2].click();
    await waitFor(() => $(el, '.feedback'));
    $$<HTMLButtonElement>(el, '.feedback button')[1].click();
    await waitFor(() => $(el, '.feedback .primary'));
    $<HTMLButtonElement>(el, '.feedback .primary')!.click();
    await waitFor(() => calls.feedback.length === 1);
    expect(calls.feedback[0]).to.deep.equal({ id: 'a3', feedback: { helpful: false } });
  });
});

describe('<confab-article-search> options', () => {
  it('warns once about a bad `mode` and falls back to popup', async () => {
    await withWarnings(async (warnings) => {
      const el = await mount(backend().backend, html`<confab-article-search mode="dropdown"></confab-article-search>`);
      el.requestUpdate();
      await el.updateComplete;
      expect(input(el).getAttribute('role')).to.equal('combobox');
      expect(warnings.filter((w) => w.includes('mode="dropdown"'))).to.have.length(1);
    });
  });

  it('tells the vendor, once, when there is no backend to search', async () => {
    await withWarnings(async (warnings) => {
      const el = await fixture<ConfabArticleSearch>(html`<confab-article-search></confab-article-search>`);
      await type(el, 'sso');
      await sendKeys({ press: 'Enter' });
      await sendKeys({ type: 'x' });
      await sendKeys({ press: 'Enter' });
      expect(warnings.filter((w) => w.includes('has no backend'))).to.have.length(1);
    });
  });

  it('`shortcut` makes Ctrl+K focus the field from anywhere, and stops on disconnect', async () => {
    const outside = await fixture<HTMLButtonElement>(html`<button>outside</button>`);
    const el = await mount(backend().backend, html`<confab-article-search shortcut></confab-article-search>`);
    expect(input(el).getAttribute('aria-keyshortcuts')).to.equal('Control+K Meta+K');
    outside.focus();
    await sendKeys({ press: 'Control+k' });
    expect(el.shadowRoot!.activeElement).to.equal(input(el));
    outside.focus();
    el.removeAttribute('shortcut');
    await el.updateComplete;
    await sendKeys({ press: 'Control+k' });
    expect(document.activeElement).to.equal(outside);
    el.setAttribute('shortcut', '');
    el.remove();
    const seen = new Promise<boolean>((resolve) => {
      document.addEventListener('keydown', (e) => resolve(e.defaultPrevented), { once: true });
    });
    outside.focus();
    await sendKeys({ press: 'Control+k' });
    expect(await seen).to.equal(false);
  });

  it('mode="inline" shows a results list in the page that arrow keys walk, and passes axe', async () => {
    const el = await mount(backend().backend, html`<confab-article-search mode="inline"></confab-article-search>`);
    expect(input(el).hasAttribute('role')).to.be.false;
    expect(input(el).type).to.equal('search');
    await type(el, 'sso');
    await waitFor(() => settledQuery(el) === 'sso' && $$(el, '.result').length === 3);
    expect($$(el, '[role="option"]').length).to.equal(0);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'ArrowDown' });
    expect(el.shadowRoot!.activeElement?.id).to.equal('result-0');
    await sendKeys({ press: 'End' });
    expect(el.shadowRoot!.activeElement?.id).to.equal('result-2');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $(el, '.reader'));
    $<HTMLButtonElement>(el, '.back')!.click();
    await waitFor(() => el.shadowRoot!.activeElement?.id === 'result-2', 'focus returns to the result');
  });
});

describe('<confab-article-search> events and handoff', () => {
  it('fires confab-load for fresh results and marks first content', async () => {
    const el = await mount(backend().backend);
    const load = oneEvent(el, 'confab-load');
    await type(el, 'sso');
    expect((await load).detail).to.deep.equal({ what: 'articles' });
    expect(performance.getEntriesByName('confab:article-search:first-content', 'mark')).to.have.length(1);
  });

  it('"Ask the community" prefills the title of a <confab-qa-box> in the same provider', async () => {
    await import('../../../src/elements/qa-box/define.js');
    const { backend: b } = backend({ search: () => result([]) });
    Object.assign(b, {
      similarQuestions: async () => [],
      listQuestions: async () => ({ items: [], nextCursor: null }),
    });
    const wrap = await fixture<HTMLElement>(html`<confab-provider .backend=${b}>
      <confab-article-search></confab-article-search>
      <confab-qa-box></confab-qa-box>
    </confab-provider>`);
    const el = wrap.querySelector('confab-article-search')!;
    const box = wrap.querySelector('confab-qa-box')!;
    await el.updateComplete;
    await type(el, 'partner tier upgrade');
    await waitFor(() => settledQuery(el as ConfabArticleSearch) === 'partner tier upgrade' && $(el, '[part~="ask"]'));
    $<HTMLButtonElement>(el, '[part~="ask"]')!.click();
    await waitFor(() => box.shadowRoot?.querySelector<HTMLInputElement>('#title')?.value === 'partner tier upgrade', 'qa-box title prefilled');
  });
});

describe('<confab-article-search> inline paging', () => {
  it('"Show more results" asks for another page-size more', async () => {
    const many = Array.from({ length: 4 }, (_, i) => hit(`m${i}`, `Result ${i}`));
    const { backend: b, calls } = backend({ search: (_q, query) => result(many.slice(0, Number(query.limit)), { total: 9 }) });
    const el = await mount(b, html`<confab-article-search mode="inline" page-size="2"></confab-article-search>`);
    await type(el, 'result');
    await waitFor(() => settledQuery(el) === 'result' && $$(el, '.result').length === 2);
    const before = calls.search.length;
    $<HTMLButtonElement>(el, '[part~="more"]')!.click();
    await waitFor(() => $$(el, '.result').length === 4);
    expect(calls.search.slice(before - 1).map((c) => [c.q, c.limit])).to.deep.equal([['result', 2], ['result', 4]]);
  });
});

describe('<confab-article-search> helpers', () => {
  it('normalises highlight ranges: clipped, sorted, merged', async () => {
    const { normalise } = await import('../../../src/elements/article-search/parts/highlight.js');
    expect(normalise(10, [{ start: 6, length: 10 }, { start: 0, length: 2 }, { start: 1, length: 2 }, { start: 20, length: 1 }])).to.deep.equal([
      [0, 3],
      [6, 10],
    ]);
  });

  it('drops a leading heading that repeats the title, and only that', async () => {
    const { withoutTitle } = await import('../../../src/elements/article-search/parts/reader.js');
    expect(withoutTitle({ title: 'Install', body: '# Install\n\nStep one.' })).to.equal('Step one.');
    expect(withoutTitle({ title: 'Install', body: '# Upgrade\n\nStep one.' })).to.equal('# Upgrade\n\nStep one.');
  });
});

describe('article-search catalogues', () => {
  const SOURCES = ['article-search.ts', 'parts/results.ts', 'parts/facets.ts', 'parts/recent-searches.ts', 'parts/labels.ts', 'parts/reader.ts'];
  it('de, fr, ja and ar translate exactly the ids the element uses, with the same placeholders', async () => {
    const used = new Set<string>();
    for (const f of SOURCES) {
      const text = await (await fetch(`/src/elements/article-search/${f}`)).text();
      for (const m of text.matchAll(/id: ["'](article-search-[a-z0-9-]+)["']/g)) used.add(m[1]);
    }
    expect(used.size).to.be.greaterThan(30);
    for (const lang of ['de', 'fr', 'ja', 'ar']) {
      const { templates } = (await import(`../../../src/locales/article-search/${lang}.ts`)) as { templates: Record<string, unknown> };
      expect(Object.keys(templates).sort(), lang).to.deep.equal([...used].sort());
      for (const [id, t] of Object.entries(templates)) {
        const strings = typeof t === 'string' ? [t] : (t as { strings: string[] }).strings;
        expect(strings.join('').trim(), `${lang} ${id}`).to.not.equal('');
        const holes = typeof t === 'string' ? 0 : (t as { values: unknown[] }).values.length;
        const expected = /facet-count/.test(id) ? 2 : /^article-search-(result-one|results)$/.test(id) ? 1 : 0;
        expect(holes, `${lang} ${id} placeholders`).to.equal(expected);
      }
    }
  });
});

describe('<confab-article-search> popup placement', () => {
  it('is not clipped by a portal container with overflow: hidden, and follows the field when the page scrolls', async () => {
    const { backend: b } = backend();
    const wrap = await fixture<HTMLElement>(html`<div style="overflow: hidden; height: 70px; width: 400px; position: relative; z-index: 1">
      <confab-provider .backend=${b}><confab-article-search></confab-article-search></confab-provider>
    </div>
    <div style="position: relative; z-index: 5; height: 400px; background: white">portal content above in z-order</div>
    <div style="height: 2000px"></div>`);
    const el = wrap.querySelector('confab-article-search') as ConfabArticleSearch;
    await el.updateComplete;
    await typeAndWait(el, 'sso');
    const popup = $(el, '.popup')!;
    expect(popup.matches(':popover-open')).to.be.true;
    const last = options(el)[2].getBoundingClientRect();
    expect(last.top).to.be.greaterThan(wrap.getBoundingClientRect().bottom);
    // What the partner sees at that point is our option, not the portal's content.
    const seen = document.elementFromPoint(last.left + 20, last.top + last.height / 2);
    expect(seen).to.equal(el);
    const field = $(el, '.searchbox')!;
    const below = () => Math.round(popup.getBoundingClientRect().top) === Math.round(field.getBoundingClientRect().bottom + 4);
    expect(Math.round(popup.getBoundingClientRect().top)).to.equal(Math.round(field.getBoundingClientRect().bottom + 4));
    const fieldBottom = field.getBoundingClientRect().bottom;
    window.scrollBy(0, 30);
    expect(field.getBoundingClientRect().bottom).to.be.closeTo(fieldBottom - 30, 1);
    // Repositioning takes a scroll event and an animation frame.
    await waitFor(below, 'the popup follows the field');
    window.scrollTo(0, 0);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(popup.matches(':popover-open')).to.be.false;
  });
});

describe('<confab-article-search> focus', () => {
  it('keeps focus in the field when a chip is clicked; Escape on a chip closes and returns to the field', async () => {
    const { backend: b, calls } = backend();
    const el = await mount(b);
    await typeAndWait(el, 'sso');
    const chip = $$(el, 'button.chip')[0];
    const r = chip.getBoundingClientRect();
    const { sendMouse } = await import('@web/test-runner-commands');
    await sendMouse({ type: 'click', position: [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)] });
    await waitFor(() => calls.search.at(-1)!.product?.[0] === 'Gateway');
    expect(el.shadowRoot!.activeElement).to.equal(input(el));
    expect($(el, '.popup')!.hidden).to.be.false;
    // Tab into the popup, then Escape.
    await sendKeys({ press: 'Tab' }); // the clear button
    await sendKeys({ press: 'Tab' }); // the first chip
    expect(el.shadowRoot!.activeElement?.classList.contains('chip')).to.be.true;
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(input(el));
    expect($(el, '.popup')!.hidden).to.be.true;
  });

  it('closes the popup when focus leaves the element', async () => {
    const outside = await fixture<HTMLButtonElement>(html`<button>outside</button>`);
    const el = await mount(backend().backend);
    await typeAndWait(el, 'sso');
    outside.focus();
    await el.updateComplete;
    expect(input(el).getAttribute('aria-expanded')).to.equal('false');
  });

  it('Escape in the reader goes back to the results', async () => {
    const el = await mount(backend().backend, html`<confab-article-search mode="inline"></confab-article-search>`);
    await type(el, 'sso');
    await waitFor(() => settledQuery(el) === 'sso' && $$(el, '.result').length === 3);
    $<HTMLButtonElement>(el, '#result-1')!.click();
    await waitFor(() => el.shadowRoot!.activeElement?.id === 'reader-title');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !$(el, '.reader'));
    await waitFor(() => el.shadowRoot!.activeElement?.id === 'result-1');
  });
});

describe('<confab-article-search> localisation', () => {
  afterEach(async () => {
    const { setLocale } = await import('../../../src/core/i18n.js');
    await setLocale('en');
  });

  it('speaks German and formats the count for the locale; Arabic runs right to left', async () => {
    const { setLocale } = await import('../../../src/core/i18n.js');
    await setLocale('de');
    const many = Array.from({ length: 3 }, (_, i) => hit(`m${i}`, `Artikel ${i}`));
    const el = await mount(backend({ search: () => result(many, { total: 1234 }) }).backend);
    await el.updateComplete;
    expect($(el, 'label[for="input"]')!.textContent!.trim()).to.equal('Wissensdatenbank durchsuchen');
    await typeAndWait(el, 'sso');
    expect($(el, '[role="status"][aria-live="polite"]')!.textContent!.trim()).to.equal('1.234 Ergebnisse');
    expect(options(el)[0].querySelector('[part="meta"]')!.textContent).to.include('Anleitung');
    await setLocale('ar');
    await el.updateComplete;
    expect($(el, '[part="base"]')!.getAttribute('dir')).to.equal('rtl');
    expect($(el, 'label[for="input"]')!.textContent!.trim()).to.equal('البحث في قاعدة المعرفة');
    await expect(el).to.be.accessible();
  });
});

describe('<confab-article-search> click-through', () => {
  /** The test backend plus `recordSearchClick`, and a search the server recorded as `se-1`. */
  function counting() {
    const made = backend({ search: () => ({ ...THREE, searchId: 'se-1' }) });
    const clicks: unknown[] = [];
    Object.assign(made.backend, { recordSearchClick: async (c: unknown) => (clicks.push(c), { ok: true as const }) });
    return { ...made, clicks };
  }

  it('opening a result in the reader sends the search id, the article and its position', async () => {
    const { backend: b, clicks } = counting();
    const el = await mount(b);
    await typeAndWait(el, 'sso');
    options(el)[1].click();
    await waitFor(() => clicks.length === 1, 'the click is recorded');
    expect(clicks).to.deep.equal([{ searchId: 'se-1', articleId: 'a2', position: 1 }]);
  });

  it('a link waits for the count, then is followed; a host that routes the click itself keeps the page', async () => {
    const { backend: b, clicks } = counting();
    const el = await mount(b, html`<confab-article-search mode="inline" article-href="#kb-{id}"></confab-article-search>`);
    await type(el, 'sso');
    await waitFor(() => settledQuery(el) === 'sso' && $$(el, '.result-link').length === 3);
    const before = location.hash;
    $<HTMLAnchorElement>(el, '#result-2')!.click();
    await waitFor(() => location.hash === '#kb-a3', 'the link is followed');
    expect(clicks).to.deep.equal([{ searchId: 'se-1', articleId: 'a3', position: 2 }]);
    history.replaceState(null, '', before || location.pathname + location.search);

    const routed = (e: Event) => e.preventDefault();
    el.addEventListener('click', routed);
    $<HTMLAnchorElement>(el, '#result-0')!.click();
    await waitFor(() => clicks.length === 2, 'counted');
    await aTimeout(350);
    expect(location.hash).to.equal(before, 'the host routed it: no navigation');
    el.removeEventListener('click', routed);
  });

  it('results shown from the cache (offline) credit no click to the old search they came from', async () => {
    const { backend: b, state, clicks } = counting();
    let el = await mount(b);
    await typeAndWait(el, 'sso'); // cached, with the search id se-1
    el.remove();
    state.search = () => {
      throw new OfflineError();
    };
    el = await mount(b);
    await typeAndWait(el, 'sso');
    await waitFor(() => $(el, '[part="offline-notice"]'), 'the cached results, with the offline notice');
    options(el)[0].click();
    await waitFor(() => $(el, '.reader'), 'the reader opens');
    await el.updateComplete;
    expect(clicks).to.deep.equal([], 'se-1 was an earlier search: this click is not its click-through');
  });

  it('a backend without the capability, or a search it did not record, sends nothing and opens as before', async () => {
    const el = await mount(backend().backend);
    await typeAndWait(el, 'sso');
    options(el)[0].click();
    await waitFor(() => $(el, '.reader'), 'the reader opens');
    const { backend: b, clicks } = counting();
    b.searchArticles = async () => THREE; // no searchId
    const el2 = await mount(b);
    await typeAndWait(el2, 'sso');
    options(el2)[0].click();
    await waitFor(() => $(el2, '.reader'), 'the reader opens');
    expect(clicks).to.deep.equal([]);
  });
});
