// What each error state says, in every language: an unreachable server is named and is not
// "offline", a status shows once, and every message is translated.
import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { RestBackend } from '../../../src/backends/rest/index.js';
import { AuthError, BackendError, ConfabError, OfflineError, UnreachableError, ValidationError } from '../../../src/core/errors.js';
import { LOCALES, setLocale } from '../../../src/core/i18n.js';
import { errorText } from '../../../src/ui/error-text.js';
import { errorState, offlineNotice } from '../../../src/ui/states.js';
import { fakeServer } from '../backends/fake.js';
import { $, mountFeed, resetAll, until } from '../elements/forum-feed.helpers.js';

const ORIGIN = 'http://127.0.0.1:9';
// First-strong isolates around the origin keep it whole in right-to-left text.
const stripIsolates = (s: string) => s.replace(/[\u2068\u2069]/g, '');

/** Every error state an element can show, and what its text must carry. */
const STATES: { name: string; error: () => ConfabError; carries?: string }[] = [
  { name: 'unreachable', error: () => new UnreachableError(ORIGIN), carries: ORIGIN },
  { name: 'offline', error: () => new OfflineError() },
  { name: 'timeout', error: () => new OfflineError('The server took too long to answer.', true) },
  { name: 'validation', error: () => new ValidationError('bad', [{ path: 'items[0].title', message: 'expected string' }]), carries: 'items[0].title' },
  { name: 'forbidden', error: () => new AuthError('no', 403) },
  { name: 'sign-in', error: () => new AuthError('expired', 401) },
  { name: 'status', error: () => new BackendError('HTTP 502', 502), carries: '502' },
  { name: 'generic', error: () => new ConfabError('boom') },
];

/** The rendered text of a template, whitespace collapsed. */
function textOf(template: ReturnType<typeof errorState>): string {
  const host = document.createElement('div');
  render(template, host);
  return host.textContent!.replace(/\s+/g, ' ').trim();
}

describe('error texts', () => {
  afterEach(() => setLocale('en'));

  it('an unreachable server is named, with a retry, and does not say offline', () => {
    let retried = 0;
    const host = document.createElement('div');
    render(errorState(new UnreachableError(ORIGIN), () => retried++), host);
    const text = stripIsolates(host.textContent!.replace(/\s+/g, ' '));
    expect(text).to.contain(`Could not reach the community server at ${ORIGIN}.`);
    expect(text).not.to.match(/offline/i);
    host.querySelector<HTMLButtonElement>('[part~="retry"]')!.click();
    expect(retried).to.equal(1);
  });

  it('offline stays offline: no server named', () => {
    const { title } = errorText(new OfflineError());
    expect(title).to.equal('You appear to be offline.');
  });

  it('a 404 without a problem body shows its status once', () => {
    const text = textOf(errorState(new BackendError('HTTP 404', 404), () => undefined));
    expect(text.match(/404/g)).to.have.length(1);
    expect(errorText(new BackendError('404 Not Found', 404)).detail).to.equal('');
  });

  it('a 404 with a problem body shows its status once and the server\'s detail', () => {
    const problem = { title: 'Not Found', status: 404, detail: 'No thread t-9.' };
    const { title, detail } = errorText(new BackendError('No thread t-9.', 404, problem));
    expect(`${title} ${detail}`.match(/404/g)).to.have.length(1);
    expect(detail).to.equal('No thread t-9.');
  });

  it('the cached-content notice names the cause: offline, or a server that did not answer', () => {
    const now = Date.now();
    const noop = () => undefined;
    expect(textOf(offlineNotice(now, 'en', noop, new OfflineError()))).to.match(/^Offline: showing what was saved now\. Try again$/);
    expect(textOf(offlineNotice(now, 'en', noop, new UnreachableError(ORIGIN)))).to.match(/^Could not reach the community server: showing what was saved now\. Try again$/);
    expect(textOf(offlineNotice(null, 'en', noop, new UnreachableError(ORIGIN)))).to.equal('Could not reach the community server: showing saved content. Try again');
    expect(textOf(offlineNotice(null, 'en', noop))).to.equal('Offline: showing saved content. Try again');
  });

  it('every error state reads differently in each language, translated, carrying its origin or status', async () => {
    const english = new Map<string, string>();
    for (const locale of LOCALES) {
      await setLocale(locale);
      const seen = new Set<string>();
      const all = [
        ...STATES.map(({ name, error, carries }) => ({ name, carries, text: stripIsolates(Object.values(errorText(error())).join(' | ')) })),
        { name: 'notice offline', text: textOf(offlineNotice(null, locale, () => undefined, new OfflineError())) },
        { name: 'notice offline saved', text: textOf(offlineNotice(Date.now() - 120_000, locale, () => undefined, new OfflineError())) },
        { name: 'notice unreachable', text: textOf(offlineNotice(null, locale, () => undefined, new UnreachableError(ORIGIN))) },
        { name: 'notice unreachable saved', text: textOf(offlineNotice(Date.now() - 120_000, locale, () => undefined, new UnreachableError(ORIGIN))) },
      ];
      for (const { name, carries, text } of all) {
        const where = `${locale} ${name}: ${text}`;
        expect(text.trim(), where).not.to.equal('');
        if (carries) expect(text, where).to.contain(carries);
        expect(seen.has(text), `${where} (same text as another state)`).to.equal(false);
        seen.add(text);
        if (locale === 'en') english.set(name, text);
        else expect(text, `${where} (still English)`).not.to.equal(english.get(name));
      }
    }
  });
});

describe('an element whose server cannot be reached', function () {
  this.timeout(20000);
  beforeEach(resetAll);

  it('names the server and offers a retry, instead of saying offline', async () => {
    const fake = fakeServer();
    await fake.route(
      { path: '/v1/me', responses: [{ body: { authenticated: false } }] },
      { path: '/v1/threads', responses: [{ body: { items: [], nextCursor: null } }] },
    );
    // The same fake server under another host name: no CORS headers, so the browser refuses it.
    const crossOrigin = `http://127.0.0.1:${location.port}`;
    const backend = new RestBackend({ baseUrl: `${crossOrigin}${fake.baseUrl}`, retry: { limit: 0 } });
    const el = await mountFeed(backend, { 'page-size': '5' });
    await until(() => $(el, '[part~=error]'), 'error shown');
    const text = stripIsolates($(el, '[part~=error]').textContent!.replace(/\s+/g, ' '));
    expect(text).to.contain(`Could not reach the community server at ${crossOrigin}.`);
    expect(text).not.to.match(/offline/i);
    expect($(el, '[part~=error] [part~=retry]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('shows a 404 status once', async () => {
    const fake = fakeServer();
    await fake.route(
      { path: '/v1/me', responses: [{ body: { authenticated: false } }] },
      { path: '/v1/threads', responses: [{ status: 404, headers: { 'content-type': 'text/plain' }, body: '404 Not Found' }] },
    );
    const el = await mountFeed(new RestBackend({ baseUrl: fake.baseUrl, retry: { limit: 0 } }), { 'page-size': '5' });
    await until(() => $(el, '[part~=error]'), 'error shown');
    const text = $(el, '[part~=error]').textContent!;
    expect(text).to.contain('The community server answered with an error (404).');
    expect(text.match(/404/g)).to.have.length(1);
  });
});
