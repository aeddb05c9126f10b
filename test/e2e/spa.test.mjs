// The single-page demo (demo/spa.html): views swap without a reload, so Confab elements are created
// and removed over and over. Nothing may leak or break: no errors, only the current view's elements
// in the document, live connections and intervals released, and every view shows content each time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usePortal } from './support/portal.mjs';

const { openPortal } = usePortal();

const TAGS = ['confab-forum-feed', 'confab-qa-box', 'confab-article-search', 'confab-cert-badge'];
// What each view mounts, and a selector (inside the shadow roots) that means "content is showing".
const VIEWS = {
  discussions: { link: 'Discussions', tags: ['confab-forum-feed'], ready: 'confab-forum-feed article' },
  qa: { link: 'Q&A', tags: ['confab-qa-box', 'confab-forum-feed'], ready: 'confab-qa-box form' },
  knowledge: { link: 'Knowledge', tags: ['confab-article-search'], ready: 'confab-article-search input' },
  certifications: { link: 'Certifications', tags: ['confab-cert-badge'], ready: 'confab-cert-badge [part~="item"]' },
};

// Counts live EventSources and pending intervals, so the test sees what removed elements left behind.
function instrument() {
  const open = new Set();
  const Native = window.EventSource;
  window.EventSource = class extends Native {
    constructor(...args) {
      super(...args);
      open.add(this);
    }
    close() {
      open.delete(this);
      super.close();
    }
  };
  const intervals = new Set();
  const setI = window.setInterval.bind(window);
  const clearI = window.clearInterval.bind(window);
  window.setInterval = (...args) => {
    const id = setI(...args);
    intervals.add(id);
    return id;
  };
  window.clearInterval = (id) => {
    intervals.delete(id);
    clearI(id);
  };
  window.__leaks = () => ({ eventSources: [...open].filter((e) => e.readyState !== 2).length, intervals: intervals.size });
}

test('20 view swaps: no errors, only the current view\'s elements, each view shows content, nothing left open', async () => {
  // Counted from after the first load: any load event later is a reload.
  let loads = 0;
  const { page, context, problems } = await openPortal({ path: '/spa.html', console: true, viewport: { width: 1280, height: 1400 }, init: instrument });
  page.on('load', () => loads++);
  await page.waitForSelector(VIEWS.discussions.ready, { timeout: 20000 });
  await page.waitForFunction(() => performance.getEntriesByName('confab:forum-feed:first-content').length > 0);

  const order = ['qa', 'knowledge', 'certifications', 'discussions'];
  const seen = new Set(['discussions']);
  let baseline;
  for (let i = 0; i < 20; i++) {
    const view = order[i % order.length];
    await page.locator('#spa-nav').getByRole('link', { name: VIEWS[view].link, exact: true }).click();
    await page.waitForFunction((v) => document.getElementById('view').dataset.view === v, view);
    // Only this view's elements are in the document.
    const present = await page.evaluate((tags) => tags.filter((t) => document.querySelector(t)), TAGS);
    assert.deepEqual(present.sort(), [...new Set(VIEWS[view].tags)].sort(), `swap ${i + 1} (${view})`);
    await page.waitForSelector(VIEWS[view].ready, { timeout: 20000 });
    if (!seen.has(view)) {
      seen.add(view);
      // The inline search has content once it has results: search like a partner would.
      if (view === 'knowledge') await page.locator('confab-article-search input').first().fill('deal registration');
      const name = VIEWS[view].tags[0].slice('confab-'.length);
      await page.waitForFunction((n) => performance.getEntriesByName(`confab:${n}:first-content`).length > 0, name, { timeout: 20000 });
    }
    // After the first round every view has been mounted once; later rounds must not add to it.
    if (i === order.length - 1) baseline = await page.evaluate(() => window.__leaks());
  }
  assert.equal(loads, 0, 'the page never reloaded');
  assert.equal(await page.evaluate(() => location.search), '?view=discussions');

  // Ending on Discussions: one live feed holds at most one EventSource; timers did not pile up.
  const end = await page.evaluate(() => window.__leaks());
  assert.ok(end.eventSources <= 1, `open EventSources after 20 swaps: ${end.eventSources} (one live feed is mounted; more means a removed feed kept or reopened its stream)`);
  assert.ok(end.intervals <= baseline.intervals, `intervals grew from ${baseline.intervals} to ${end.intervals}`);

  // A view without a live feed: no EventSource may stay open.
  await page.locator('#spa-nav').getByRole('link', { name: 'Knowledge', exact: true }).click();
  await page.waitForSelector(VIEWS.knowledge.ready);
  await page.waitForFunction(() => window.__leaks().eventSources === 0, null, { timeout: 5000 }).catch(() => {});
  assert.equal((await page.evaluate(() => window.__leaks())).eventSources, 0, 'the removed live feed closed its EventSource');

  // Back and forward work too, still without a reload.
  await page.goBack();
  await page.waitForFunction(() => document.getElementById('view').dataset.view === 'discussions');
  await page.waitForSelector(VIEWS.discussions.ready, { timeout: 20000 });
  assert.equal(loads, 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a view opened by URL renders directly, and the element\'s shortcut listener goes away with it', async () => {
  const { page, context, problems } = await openPortal({ path: '/spa.html?view=knowledge', console: true, viewport: { width: 1280, height: 1000 } });
  await page.waitForSelector(VIEWS.knowledge.ready, { timeout: 20000 });
  assert.equal(await page.locator('#spa-nav [aria-current="page"]').textContent(), 'Knowledge');
  await page.keyboard.press('Control+K');
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'CONFAB-ARTICLE-SEARCH', 'Ctrl+K focuses the search');
  await page.locator('#spa-nav').getByRole('link', { name: 'Certifications', exact: true }).click();
  await page.waitForSelector(VIEWS.certifications.ready, { timeout: 20000 });
  // The removed search's document-level Ctrl+K listener must be gone: no throw, no focus theft.
  await page.keyboard.press('Control+K');
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'MAIN');
  assert.deepEqual(problems, []);
  await context.close();
});
