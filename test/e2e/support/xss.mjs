// Shared pieces of the XSS-corpus tests: the corpus (test/fixtures/xss-vectors.json), a guard that
// aborts and records every request for a foreign origin, the canary, and a DOM audit of everything
// Confab rendered (all shadow roots under confab-* elements).
import { randomUUID } from 'node:crypto';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startHarness, demoToken, demoUsers } from './harness.mjs';
import { eventually } from './eventually.mjs';
import { describeRequestFailure, startServer } from '../server.mjs';
import { launch } from '../../../bench/browser.mjs';

const FILE = join(ROOT, 'test/fixtures/xss-vectors.json');

/** The corpus; waits (up to `ms`) for the file while another engineer is still writing it. */
export async function loadVectors(ms = 60_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (existsSync(FILE)) {
      try {
        const v = JSON.parse(readFileSync(FILE, 'utf8'));
        if (Array.isArray(v) && v.length >= 150) return v;
      } catch {
        /* still being written */
      }
    }
    if (Date.now() > deadline) throw new Error(`${FILE}: no corpus of >= 150 vectors`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Fits the contract's Title (3..200 characters after trimming). */
export const fitsTitle = (p) => p.trim().length >= 3 && p.trim().length <= 200;
/** Fits a Tag (1..40 characters after trimming). */
export const fitsTag = (p) => p.trim().length >= 1 && p.trim().length <= 40;

/**
 * Aborts and records every request whose origin is not one of `allowed`. `phase.name` labels each
 * record so a test can tell title-only views (no request allowed) from Markdown bodies.
 */
export async function guardForeignRequests(context, allowed) {
  const foreign = [];
  const phase = { name: 'load' };
  await context.route('**/*', (route) => {
    const req = route.request();
    const url = req.url();
    let origin = null;
    try {
      origin = new URL(url).origin;
    } catch {
      /* data:, blob: ... have no network origin */
    }
    if (origin === null || origin === 'null' || allowed.includes(origin)) return route.continue();
    foreign.push({ url, type: req.resourceType(), phase: phase.name });
    return route.abort('blockedbyclient');
  });
  return { foreign, phase };
}

/** Canary listeners for the corpus's signals (postMessage from opaque frames counts as a hit). */
export async function installCanary(page) {
  await page.addInitScript(() => {
    addEventListener('message', (e) => {
      if (e.data === '__confabPwned') window.__confabPwned = 1;
    });
  });
}

export const pwned = (page) => page.evaluate(() => (window.__confabPwned === undefined ? null : String(window.__confabPwned)));

/**
 * Walks every shadow root under confab-* elements and lists what must never come from content:
 * active elements, on* attributes, script-capable URLs, CSS that escapes the box.
 */
export function auditDom(page) {
  return page.evaluate(() => {
    const bad = [];
    const FORBIDDEN = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta', 'link', 'style',
      'foreignobject', 'animate', 'set', 'animatetransform', 'animatemotion', 'math', 'noscript', 'xmp', 'plaintext', 'portal']);
    const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'srcset', 'data', 'poster', 'background', 'ping', 'lowsrc', 'dynsrc', 'cite', 'longdesc', 'usemap']);
    const visit = (root, host) => {
      for (const el of root.querySelectorAll('*')) {
        const name = el.localName.toLowerCase();
        const where = `${host} ${name}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''}`;
        if (FORBIDDEN.has(name)) bad.push(`${where}: <${name}> element`);
        for (const a of el.attributes) {
          const an = a.name.toLowerCase();
          const value = a.value;
          if (an.startsWith('on')) bad.push(`${where}: ${an} attribute`);
          // Plain-text attributes (title, aria-label) may carry a payload as text; only URL attributes are judged.
          if (URL_ATTRS.has(an) && /^(javascript|vbscript|livescript|data:(?!image\/(png|jpe?g|gif|webp)[;,]))/i.test(value.replace(/[\s\u0000-\u001f]/g, ''))) {
            bad.push(`${where}: ${an}="${value.slice(0, 80)}"`);
          }
          if (an === 'style' && /expression\s*\(|url\s*\(|position\s*:\s*(fixed|absolute)|behavior|-moz-binding/i.test(value)) bad.push(`${where}: style="${value.slice(0, 80)}"`);
          if (an === 'srcdoc' || an === 'is' || an === 'formaction' || (an === 'action' && name === 'form')) bad.push(`${where}: ${an} attribute`);
        }
        if (el.shadowRoot) visit(el.shadowRoot, `${host} > ${name}`);
      }
    };
    for (const el of document.querySelectorAll('*')) if (el.localName.startsWith('confab-') && el.shadowRoot) visit(el.shadowRoot, el.localName);
    return bad;
  });
}

/** Foreign requests that a Markdown image vector in a body may make: image requests to URLs named in such payloads. */
export function allowedBodyRequest(vectors) {
  const urls = vectors.filter((v) => v.bodyAllowsRequest).flatMap((v) => v.payload.match(/https?:\/\/[^\s)"'<>]+/g) ?? []);
  return (r) => r.type === 'image' && urls.some((u) => r.url.startsWith(u) || u.startsWith(r.url.replace(/\/$/, '')));
}

/** Fires hover and focus events on everything in the Confab shadow trees (the corpus's `hover` trigger). */
export const hoverAll = (page) => page.evaluate(() => {
  const visit = (root) => {
    for (const el of root.querySelectorAll('*')) {
      for (const type of ['mouseover', 'mouseenter', 'pointerover', 'focus']) el.dispatchEvent(new Event(type, { bubbles: type !== 'mouseenter' && type !== 'focus' }));
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  for (const el of document.querySelectorAll('*')) if (el.localName.startsWith('confab-') && el.shadowRoot) visit(el.shadowRoot);
});

/**
 * After every Markdown body of the corpus is on screen: nothing ran (canary), no active content is in
 * any shadow root, and the only foreign requests were the images that `bodyAllowsRequest` vectors name,
 * which did ask (the guard's positive control). `seen` describes what rendered, for the failure message.
 */
export async function assertBodiesSafe(page, guard, vectors, seen) {
  await hoverAll(page);
  await page.waitForTimeout(800);
  assert.equal(await pwned(page), null, 'canary');
  assert.deepEqual(await auditDom(page), []);
  const allowed = allowedBodyRequest(vectors);
  assert.deepEqual(guard.foreign.filter((r) => !allowed(r)), [], 'only Markdown body images of bodyAllowsRequest vectors may ask for a foreign origin');
  // Routed requests reach Node asynchronously: poll for the positive control instead of reading it once.
  await eventually(() => guard.foreign.some(allowed), 'the guard to record an allowed body image', { timeout: 20_000 }).catch(() => undefined);
  assert.ok(guard.foreign.some(allowed), `the guard saw the allowed body images (${guard.foreign.length} recorded; ${JSON.stringify(seen)})`);
}

/**
 * Brings every <img> in `host`'s shadow tree (nested shadow roots too) into view in turn and waits
 * until each has finished (loaded, or failed: the guard aborts foreign ones), at most `perImage` ms
 * each, so that every lazy body image that survived sanitising has asked. Returns their src values.
 */
export function scrollImagesIn(page, host, perImage = 3000) {
  return page.evaluate(async ([sel, ms]) => {
    const deep = (root) => [...root.querySelectorAll('*')].flatMap((el) => [el, ...(el.shadowRoot ? deep(el.shadowRoot) : [])]);
    const imgs = deep(document.querySelector(sel).shadowRoot).filter((el) => el.localName === 'img');
    for (const img of imgs) {
      img.scrollIntoView();
      const deadline = performance.now() + ms;
      while (!img.complete && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    }
    return imgs.map((i) => i.getAttribute('src'));
  }, [host, perImage]);
}

/**
 * Clicks a "Load more" button until it is gone (every page is in), at most `max` times. Locate the
 * button by its part, not its name: while a page loads its label reads "Loading…". After each click
 * this waits for that page: the button gone (that was the last page) or enabled again with more
 * `items` than before. A page that does not arrive within `timeout` fails here.
 */
export async function clickWhileThere(button, items, { max = 40, timeout = 30_000 } = {}) {
  for (let i = 0; i < max && (await button.count()); i++) {
    const before = await items.count();
    await button.click({ timeout });
    await eventually(async () => {
      const disabled = await button.evaluateAll((els) => els.map((b) => b.disabled));
      return disabled.length === 0 || (!disabled[0] && (await items.count()) > before);
    }, `the page asked for by click ${i + 1} on ${button} (${before} items before it)`, { timeout });
  }
}

/** Runs `fn` over `items` with at most `n` at a time; results in order. */
export async function pool(items, n, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  }));
  return out;
}

/**
 * The fixture the XSS files share. Before the tests: the corpus, one Chromium, and a loopback harness
 * serving the test pages. With `realServer`, a reference server (rate limit off) sits behind the
 * harness, every `author` in its proxied responses is rewritten to carry vectors as name and org (the
 * API cannot set display names), and `fx.post(path, body)` writes as a demo partner. `handle` answers
 * extra harness routes; `seed(fx)` runs once, after the rest is up.
 */
export function useXssFixture({ realServer = false, handle, seed } = {}) {
  const fx = {
    vectors: [],
    /** The i-th payload, wrapping around the corpus. */
    at: (i) => fx.vectors[((i % fx.vectors.length) + fx.vectors.length) % fx.vectors.length].payload,
  };
  let nameCounter = 0;
  const rewriteAuthors = (node) => {
    if (Array.isArray(node)) node.forEach(rewriteAuthors);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'author' && v && typeof v === 'object' && 'name' in v) {
          v.name = fx.at(nameCounter++);
          v.orgName = fx.at(nameCounter++);
        } else rewriteAuthors(v);
      }
    }
    return node;
  };

  before(async () => {
    // Chromium starts while the server does (assigned when up, so after() closes it either way).
    const launching = launch().then((b) => (fx.browser = b));
    fx.vectors = await loadVectors();
    if (realServer) fx.server = await startServer({ CONFAB_RATE_LIMIT: '1000000' });
    fx.harness = await startHarness(realServer ? { api: fx.server.origin, rewrite: (url, json) => rewriteAuthors(json), handle } : { handle });
    await launching;
    if (realServer) {
      const origin = fx.server.origin;
      const partner = (await demoUsers(origin)).find((u) => u.org && u.tier);
      const token = await demoToken(origin, partner.id);
      // Writes go with an Idempotency-Key, and one that gets no answer (a network error) while the server
      // is up is sent once more with the same key: the server stores a keyed write once and answers a
      // repeat with the first answer (server/src/idempotency.ts), so the retry never posts twice.
      // Why a retry at all: a request on a reused keep-alive connection can be reset by the keep-alive
      // race, with the server up (server/src/listen.ts). That, not a crash, is what failed this seed in
      // CI (`read ECONNRESET` on one POST; reproduced under CPU pressure with the server alive). The
      // server's 65 s keep-alive makes the race rare; the retry covers what is left of it. A server that
      // exited is never retried: that failure is reported with its exit and its log (server.mjs).
      fx.post = async (path, body) => {
        const what = `POST ${path} ${JSON.stringify(body).slice(0, 200)}`;
        const key = randomUUID();
        const send = async () => {
          const res = await fetch(`${origin}/api${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
            body: JSON.stringify(body),
          });
          return [res, await res.text()];
        };
        let r;
        let text;
        try {
          [r, text] = await send();
        } catch (first) {
          // No answer (ECONNRESET...): say whether the server was still up, with the end of its log.
          await fx.server.settle();
          if (!fx.server.alive()) throw new Error(await describeRequestFailure(fx.server, what, first), { cause: first });
          process.stderr.write(`[e2e] ${what}: no answer (${first.cause?.code ?? first.message}) with the server up; sent again with its Idempotency-Key\n`);
          try {
            [r, text] = await send();
          } catch (again) {
            throw new Error(await describeRequestFailure(fx.server, `${what} (sent twice)`, again), { cause: again });
          }
        }
        assert.ok(r.ok, `${what}: HTTP ${r.status} ${text}`);
        return JSON.parse(text);
      };
    }
    await seed?.(fx);
  });

  after(async () => {
    await fx.browser?.close();
    await fx.harness?.stop();
    await fx.server?.stop();
  });

  /** Opens the XSS test page with `query`, with the foreign-request guard, the canary and an error log. */
  fx.open = async (query) => {
    const context = await fx.browser.newContext({ viewport: { width: 1280, height: 1200 } });
    const guard = await guardForeignRequests(context, [fx.harness.origin]);
    const page = await context.newPage();
    await installCanary(page);
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(`${fx.harness.origin}/pages/xss.html?${query}`);
    return { context, page, guard, problems };
  };

  return fx;
}
