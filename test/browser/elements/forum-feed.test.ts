import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { waitForCached } from '../core/wait.js';
import { MemoryBackend, meFor } from '../../../src/backends/memory/index.js';
import { BackendError } from '../../../src/core/errors.js';
import { $, $$, mountFeed, resetAll, rows, titles, until } from './forum-feed.helpers.js';
import { withWarnings } from '../warnings.js';

const aiko = () => meFor('u-aiko');

describe('<confab-forum-feed> list', function () {
  // Real keyboard input and IndexedDB are slow when several test files share the machine.
  this.timeout(30000);
  beforeEach(resetAll);

  it('renders rows as a WAI-ARIA feed with title, excerpt, author, time, replies and tags', async () => {
    const backend = new MemoryBackend();
    const el = await mountFeed(backend, { 'page-size': '5' });
    await until(() => rows(el).length === 5, 'rows');
    const feed = $(el, '[role=feed]');
    expect(feed.getAttribute('aria-busy')).to.equal('false');
    const first = rows(el)[0]!;
    const expected = (await backend.listThreads({ limit: 5, sort: 'latest' })).items[0]!;
    expect(first.getAttribute('aria-posinset')).to.equal('1');
    expect(first.getAttribute('aria-setsize')).to.equal('-1'); // more pages exist
    expect(first.getAttribute('tabindex')).to.equal('0');
    const labelId = first.getAttribute('aria-labelledby')!;
    expect($(el, `#${labelId}`).textContent!.trim()).to.equal(expected.title);
    expect(first.querySelector('.excerpt')!.textContent).to.equal(expected.excerpt);
    expect(first.querySelector('.author')!.textContent).to.equal(expected.author.name);
    if (expected.author.orgName) expect(first.querySelector('.org')!.textContent).to.equal(expected.author.orgName);
    const time = first.querySelector('time')!;
    expect(time.getAttribute('datetime')).to.equal(expected.lastActivityAt);
    expect(time.title).to.match(/\d{4}/);
    expect(time.textContent).to.match(/ago|yesterday|now|last|minute|hour|day|week|month|year/);
    expect(first.querySelector('.replies')!.textContent).to.match(/repl(y|ies)/);
    expect([...first.querySelectorAll('.tags li')].map((t) => t.textContent)).to.deep.equal(expected.tags);
    expect(first.querySelector('[part~=avatar]')).to.exist;
    expect(performance.getEntriesByName('confab:forum-feed:first-content', 'mark').length).to.be.greaterThan(0);
  });

  it('formats relative time in the element locale', async () => {
    const el = await mountFeed(new MemoryBackend(), { 'page-size': '3', lang: 'de' });
    await until(() => rows(el).length === 3);
    const text = rows(el)[0]!.querySelector('time')!.textContent!;
    expect(text).to.match(/vor|gestern|jetzt|letzte|heute/);
  });

  it('shows a loading skeleton with aria-busy, then the rows; axe passes while loading', async () => {
    // A page size no other test uses: nothing can be in the cache for it.
    const el = await mountFeed(new MemoryBackend({ latency: 400 }), { 'page-size': '7' });
    expect($(el, '[role=feed]').getAttribute('aria-busy')).to.equal('true');
    expect($(el, '[part=skeleton]')).to.exist;
    await expect(el).to.be.accessible();
    await until(() => rows(el).length === 7);
    expect($(el, '[role=feed]').getAttribute('aria-busy')).to.equal('false');
  });

  it('shows the empty state; axe passes', async () => {
    const el = await mountFeed(new MemoryBackend(), { category: 'no-such-category' });
    await until(() => $(el, '[part=empty]'));
    expect($(el, '[part=empty]').textContent).to.contain('No threads yet');
    await expect(el).to.be.accessible();
  });

  it('shows a readable error with a retry button that works; fires confab-error; axe passes', async () => {
    const backend = new MemoryBackend({ failWith: new BackendError('Service Unavailable', 503) });
    const errors: CustomEvent[] = [];
    document.addEventListener('confab-error', (e) => errors.push(e as CustomEvent), { once: true });
    const el = await mountFeed(backend, { 'page-size': '4' });
    await until(() => $(el, '[part=error]'));
    expect($(el, '[part=error]').textContent).to.contain('503');
    expect(errors[0]!.detail.status).to.equal(503);
    await expect(el).to.be.accessible();
    backend.failWith = null;
    const loaded = oneEvent(el, 'confab-load');
    $<HTMLButtonElement>(el, '[part~=retry]').click();
    await loaded;
    await until(() => rows(el).length === 4);
  });

  it('filters by category and tag, and sorts', async () => {
    const backend = new MemoryBackend();
    const el = await mountFeed(backend, { category: 'technical', sort: 'top', 'page-size': '50' });
    await until(() => rows(el).length > 0);
    const technical = backend.data.threads.filter((t) => t.category === 'technical');
    expect(rows(el).length).to.equal(technical.length);
    const top = (await backend.listThreads({ category: 'technical', sort: 'top', limit: 50 })).items.map((t) => t.title);
    expect(titles(el)).to.deep.equal(top);
    const tag = backend.data.threads[0]!.tags[0]!;
    el.removeAttribute('category');
    el.setAttribute('tag', tag);
    await until(() => rows(el).length === backend.data.threads.filter((t) => t.tags.includes(tag)).length, 'tag filter');
  });

  it('warns once about a bad sort value and falls back to latest', async () => {
    await withWarnings(async (warnings) => {
      const backend = new MemoryBackend();
      const el = await mountFeed(backend, { sort: 'newest', 'page-size': '3' });
      await until(() => rows(el).length === 3);
      el.requestUpdate();
      await el.updateComplete;
      expect(warnings.filter((w) => w.includes('sort="newest"'))).to.have.length(1);
      expect(warnings[0]).to.contain('latest, top, unanswered');
      const latest = (await backend.listThreads({ sort: 'latest', limit: 3 })).items.map((t) => t.title);
      expect(titles(el)).to.deep.equal(latest);
    });
  });

  it('page-size: a bad value falls back to 20, a huge one is capped at 100', async () => {
    const backend = new MemoryBackend();
    const el = await mountFeed(backend, { 'page-size': 'lots' });
    await until(() => rows(el).length === 20);
    el.setAttribute('page-size', '5000');
    await until(() => rows(el).length === Math.min(backend.data.threads.length, 100));
  });

  it('"Load more" appends the next page by cursor, moves focus to the first new row and keeps the scroll position', async () => {
    const el = await mountFeed(new MemoryBackend(), { 'page-size': '5' });
    await until(() => rows(el).length === 5);
    const before = rows(el)[0]!.getBoundingClientRect().top;
    $<HTMLButtonElement>(el, '[part~=load-more]').click();
    await until(() => rows(el).length === 10, 'second page');
    expect(rows(el)[0]!.getBoundingClientRect().top).to.equal(before);
    await until(() => el.shadowRoot!.activeElement === rows(el)[5]);
    expect(rows(el)[9]!.getAttribute('aria-posinset')).to.equal('10');
    await until(() => $(el, '[role=status]').textContent!.includes('5 threads loaded'), 'announced');
  });

  it('PageDown / PageUp move focus between articles; Ctrl+End leaves the feed', async () => {
    const el = await mountFeed(new MemoryBackend(), { 'page-size': '4' });
    await until(() => rows(el).length === 4);
    rows(el)[0]!.focus();
    await sendKeys({ press: 'PageDown' });
    expect(el.shadowRoot!.activeElement).to.equal(rows(el)[1]);
    await sendKeys({ press: 'PageDown' });
    expect(el.shadowRoot!.activeElement).to.equal(rows(el)[2]);
    await sendKeys({ press: 'PageUp' });
    expect(el.shadowRoot!.activeElement).to.equal(rows(el)[1]);
    await sendKeys({ press: 'Control+End' });
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part~=load-more]'));
  });

  it('thread-href turns rows into links; confab-thread-open is cancelable and routing stays with the host', async () => {
    const backend = new MemoryBackend();
    const el = await mountFeed(backend, { 'thread-href': '/community/t/{id}', 'page-size': '3' });
    await until(() => rows(el).length === 3);
    const link = rows(el)[0]!.querySelector('a')!;
    const id = rows(el)[0]!.dataset.id!;
    expect(link.getAttribute('href')).to.equal(`/community/t/${id}`);
    // The host routes: the link must not navigate and nothing opens inline.
    el.addEventListener('confab-thread-open', (e) => e.preventDefault(), { once: true });
    const opened = oneEvent(el, 'confab-thread-open');
    link.click();
    expect((await opened).detail).to.deep.equal({ id });
    await el.updateComplete;
    expect($(el, '.thread')).to.equal(null);
  });

  it('a cancelled confab-thread-open keeps the list (no inline open)', async () => {
    const el = await mountFeed(new MemoryBackend(), { 'page-size': '3' });
    await until(() => rows(el).length === 3);
    el.addEventListener('confab-thread-open', (e) => e.preventDefault(), { once: true });
    rows(el)[1]!.querySelector<HTMLButtonElement>('.title-link')!.click();
    await el.updateComplete;
    expect($(el, '.thread')).to.equal(null);
    expect(rows(el)).to.have.length(3);
  });

  it('offline with cached data: shows the saved rows and when they were saved', async () => {
    const backend = new MemoryBackend();
    const first = await mountFeed(backend, { 'page-size': '4' });
    await until(() => rows(first).length === 4);
    await waitForCached(['|threads:'], (v) => v?.items?.length === 4, 'the list written to IndexedDB');
    first.remove();
    (await import('./forum-feed.helpers.js')).simulateReload();
    backend.setOnline(false);
    const el = await mountFeed(backend, { 'page-size': '4' });
    await until(() => $(el, '[part=offline-notice]'), 'offline notice');
    expect(rows(el)).to.have.length(4);
    expect($(el, '[part=offline-notice]').textContent).to.match(/Offline: showing what was saved (now|\d+ seconds? ago)/);
    await expect(el).to.be.accessible();
  });
});

describe('<confab-forum-feed> localisation', function () {
  this.timeout(30000);
  beforeEach(resetAll);
  afterEach(async () => {
    const { setLocale } = await import('../../../src/core/i18n.js');
    await setLocale('en');
  });

  it('speaks German with the de catalogue: labels, counts, plural and relative time', async () => {
    const { setLocale } = await import('../../../src/core/i18n.js');
    await setLocale('de');
    const el = await mountFeed(new MemoryBackend(), { 'page-size': '6', lang: 'de' });
    await until(() => rows(el).length === 6);
    expect($(el, '.heading').textContent).to.equal('Diskussionen');
    expect($(el, '[part~=load-more]').textContent!.trim()).to.equal('Weitere Themen laden');
    expect(rows(el)[0]!.querySelector('.replies')!.textContent).to.match(/^\d+ Antworten?$/);
    expect(rows(el)[0]!.querySelector('time')!.textContent).to.match(/vor|gestern|jetzt|heute/);
    await until(() => $(el, '[role=status]').textContent === '6 Themen geladen', 'announcement in German');
  });
});
