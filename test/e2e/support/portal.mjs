// The fixture the portal end-to-end files share: one real server (fresh PGlite) and one Chromium per
// file, the demo portal opened as a given demo partner, and a JSON helper for checking the API.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { describeRequestFailure, startServer } from '../server.mjs';
import { launch } from '../../../bench/browser.mjs';

/**
 * `env`: an async function giving extra environment for the server, called in `before` (e.g. the
 * address of a test SMTP server the file starts there).
 */
export function usePortal({ env } = {}) {
  let server;
  let browser;

  before(async () => {
    // Chromium starts while the server does (assigned as soon as it is up, so after() closes it either way).
    const launching = launch().then((b) => (browser = b));
    server = await startServer(env ? await env() : {});
    await launching;
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /**
   * Opens a demo page (`path`, default the portal `/`) signed in as `user` (or signed out), light or
   * dark. `problems` collects page errors, and console errors too when `console: true`; `requests`,
   * every request the page made from the navigation on. `init` runs in the page before its scripts
   * (instrumentation).
   */
  async function openPortal({ path = '/', user, dark = false, console: consoleErrors = false, viewport = { width: 1280, height: 1600 }, init } = {}) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    if (consoleErrors) page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    // Every request from the navigation on: an element's first request can go out before goto returns,
    // too early for a waitForRequest registered after it.
    const requests = [];
    page.on('request', (r) => requests.push(r));
    await page.addInitScript(([u, d]) => {
      if (u) sessionStorage.setItem('acme-demo-user', u);
      localStorage.setItem('acme-theme', d ? 'dark' : 'light');
    }, [user ?? '', dark]);
    if (init) await page.addInitScript(init);
    await page.goto(server.origin + path);
    return { page, context, problems, requests };
  }

  /** JSON from the server's API (`path` after `/api`); fails the test on a non-2xx answer. */
  async function api(path, init) {
    let r;
    try {
      r = await fetch(server.origin + '/api' + path, init);
    } catch (e) {
      // No answer (ECONNRESET...): say whether the server was still up, with the end of its log.
      throw new Error(await describeRequestFailure(server, `${init?.method ?? 'GET'} ${path}`, e), { cause: e });
    }
    assert.ok(r.ok, `${path}: HTTP ${r.status} ${r.ok ? '' : await r.text()}`);
    return r.json();
  }

  return { openPortal, api, origin: () => server.origin };
}
