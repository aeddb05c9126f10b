// Hardening: the XSS corpus in the fields the reference API cannot set (ARCHITECTURE "Embedding facts":
// the widgets run in the vendor's origin, so sanitising is a security boundary). The REST API has no
// way to write display names, article content or badge names, so a loopback server answers
// /api/v1/articles/* and /api/v1/certifications* itself with the vectors (test/fixtures/xss-vectors.json)
// as article titles, snippets, facets and Markdown bodies, and as badge names, descriptions, issuers,
// recipients, revocation reasons and verdicts, and the real elements (dist/confab.js) render them.
// Titles, bodies, tags and answers posted through the real API: hardening-xss.test.mjs and -qa.
//
// Each view asserts: the canary (window.__confabPwned, also set by a postMessage from an opaque frame)
// stays unset; no active element, on* attribute or script URL is in any Confab shadow root; no request
// leaves for a foreign origin, except images named by `bodyAllowsRequest` vectors inside Markdown bodies
// (aborted and recorded, never executed); plain-text fields show the payload literally.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waitForMarks, send } from './support/harness.mjs';
import { pwned, auditDom, allowedBodyRequest, hoverAll, useXssFixture } from './support/xss.mjs';
import { eventually } from './support/eventually.mjs';

let vectors;
const ARTICLE_CHUNK = 6;
const at = (i) => fx.at(i);
const iso = (d) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString();

function fakeArticle(i) {
  const body = i * ARTICLE_CHUNK < vectors.length
    ? vectors.slice(i * ARTICLE_CHUNK, (i + 1) * ARTICLE_CHUNK).map((v) => v.payload).join('\n\n')
    : at(i);
  return { id: `xa-${i}`, title: at(i), body, product: at(i + 1), contentType: 'guide', audience: { minTier: 'registered', roles: [] }, updatedAt: iso(i % 300), helpful: { yes: 1, no: 0 } };
}

function fakeCert(i) {
  return {
    id: `xc-${i}`, name: at(i), description: at(i + 1), imageUrl: '/fake/badge.svg', issuerName: at(i + 2),
    recipient: { kind: 'org', id: 'org-xss', name: at(i + 3) }, issuedOn: iso(0), expires: i % 3 ? null : iso(3000), revoked: i % 7 === 0,
    revocationReason: i % 7 === 0 ? at(i + 4) : null, assertionUrl: `/fake/assertions/xc-${i}`, badgeClassUrl: `/fake/badges/xc-${i}`,
  };
}

function fakeVerdict(i) {
  return {
    verified: i % 2 === 0, reason: i % 2 ? 'revoked' : null, detail: at(i + 5), assertionUrl: `/fake/assertions/xc-${i}`,
    badgeName: at(i), imageUrl: '/fake/badge.svg', issuerName: at(i + 2), recipientName: at(i + 3), issuedOn: iso(0), expires: null,
    checks: [{ name: at(i + 6), ok: true, detail: at(i + 7) }, { name: 'revocation', ok: i % 2 === 0, detail: at(i + 8) }],
  };
}

const fx = useXssFixture({
  handle(req, res, url) {
    const p = url.pathname;
    if (p === '/fake/badge.svg') {
      res.writeHead(200, { 'content-type': 'image/svg+xml' });
      res.end('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" fill="teal"/></svg>');
      return true;
    }
    if (p === '/api/v1/articles/search') {
      const items = vectors.map((v, i) => {
        const a = fakeArticle(i);
        return { id: a.id, title: a.title, snippet: at(i + 2), product: a.product, contentType: 'guide', updatedAt: a.updatedAt,
          highlights: { title: [{ start: 0, length: Math.min(2, a.title.length) }], snippet: [] } };
      });
      const products = [...new Set(vectors.slice(0, 20).map((v) => v.payload))].map((value, i) => ({ value, count: i + 1 }));
      send(res, 200, { items, nextCursor: null, total: items.length, facets: { product: products, contentType: [{ value: 'guide', count: items.length }] }, moreForSignedIn: false });
      return true;
    }
    let m = /^\/api\/v1\/articles\/xa-(\d+)$/.exec(p);
    if (m) return send(res, 200, fakeArticle(Number(m[1]))), true;
    if (p === '/api/v1/certifications') return send(res, 200, { items: vectors.map((v, i) => fakeCert(i)) }), true;
    m = /^\/api\/v1\/certifications\/xc-(\d+)\/verify$/.exec(p);
    if (m) return send(res, 200, fakeVerdict(Number(m[1]))), true;
    if (/^\/api\/v1\/articles\/[^/]+\/feedback$/.test(p)) return send(res, 200, { ok: true }), true;
    return false;
  },
  seed: (f) => void (vectors = f.vectors),
});
const { open } = fx;

test('article search: vector titles, snippets and facets in the results, vector Markdown in the reader; nothing runs', async () => {
  const { context, page, guard, problems } = await open('show=search');
  await waitForMarks(page, ['article-search']);
  const search = page.locator('confab-article-search');
  guard.phase.name = 'results';
  await search.getByRole('combobox').fill('xss');
  await search.getByRole('option').first().waitFor({ timeout: 20_000 });
  await hoverAll(page);
  assert.equal(await pwned(page), null, 'canary after results');
  assert.deepEqual(await auditDom(page), []);
  assert.deepEqual(guard.foreign, [], 'titles, snippets and facets never cause a request');
  const options = await search.getByRole('option').count();
  assert.ok(options >= 5, `${options} results shown`);
  // Open every article that carries a chunk of the corpus as its body.
  const allowed = allowedBodyRequest(vectors);
  const chunks = Math.ceil(vectors.length / ARTICLE_CHUNK);
  guard.phase.name = 'reader';
  let opened = 0;
  for (let i = 0; i < chunks && i < options; i++) {
    await search.getByRole('option').nth(i).click();
    const back = search.getByRole('button', { name: 'Back to results' });
    await back.waitFor({ timeout: 20_000 });
    await page.waitForTimeout(150);
    assert.equal(await pwned(page), null, `canary in article xa-${i}`);
    opened++;
    await back.click();
    await search.getByRole('option').first().waitFor({ timeout: 20_000 });
  }
  assert.ok(opened >= Math.min(chunks, 10), `${opened} articles opened`);
  assert.deepEqual(await auditDom(page), []);
  assert.deepEqual(guard.foreign.filter((r) => !allowed(r)), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('cert badges: vector badge names, descriptions, issuers, recipients and verdicts render as text; nothing runs; no request', async () => {
  const { context, page, guard, problems } = await open('show=badge');
  guard.phase.name = 'badges';
  await waitForMarks(page, ['cert-badge']);
  const badge = page.locator('confab-cert-badge');
  const verify = badge.getByRole('button', { name: /^Verify/ });
  await verify.first().waitFor({ timeout: 20_000 });
  for (let i = 0; i < 4; i++) await verify.nth(i).click().catch(() => undefined);
  await page.waitForTimeout(1500);
  await hoverAll(page);
  await page.waitForTimeout(300);
  const text = await page.evaluate(() => document.querySelector('confab-cert-badge').shadowRoot.textContent);
  const seen = vectors.filter((v) => text.includes(v.payload.trim())).length;
  assert.ok(seen >= vectors.length * 0.9, `badge names show literally (${seen}/${vectors.length})`);
  assert.equal(await pwned(page), null, 'canary');
  assert.deepEqual(await auditDom(page), []);
  assert.deepEqual(guard.foreign, [], 'names never cause a request');
  assert.deepEqual(problems, []);
  await context.close();
});

test('positive controls: the detectors catch a live vector written straight into the page', async () => {
  const { context, page, guard } = await open('show=badge');
  await waitForMarks(page, ['cert-badge']);
  const live = vectors.find((v) => v.liveUnsanitised && v.signal === 'canary' && v.trigger === 'render' && /onerror/i.test(v.payload));
  assert.ok(live, 'the corpus has a live onerror vector');
  // Unsanitised, into the light DOM: the canary must fire.
  await page.evaluate((p) => document.body.insertAdjacentHTML('beforeend', p), live.payload);
  await page.waitForFunction(() => window.__confabPwned !== undefined, null, { timeout: 5000 });
  // An on* attribute and a javascript: URL inside a Confab shadow root: the audit must list them.
  await page.evaluate(() => {
    const root = document.querySelector('confab-cert-badge').shadowRoot;
    const d = document.createElement('div');
    d.innerHTML = '<a href="javascript:void 0" onclick="x()">x</a>';
    root.append(d);
  });
  assert.equal((await auditDom(page)).length, 2);
  // A foreign image is aborted and recorded.
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<img src="https://evil.example/x.png">'));
  // The routed request reaches Node asynchronously: poll for it.
  await eventually(() => guard.foreign.some((r) => r.url.startsWith('https://evil.example/')), 'the guard to record https://evil.example/x.png', { timeout: 10_000 }).catch(() => undefined);
  assert.ok(guard.foreign.some((r) => r.url.startsWith('https://evil.example/')), `the foreign image is recorded: ${JSON.stringify(guard.foreign)}`);
  await context.close();
});
