import { aTimeout, expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { waitForCached } from '../core/wait.js';
import { MemoryBackend, meFor } from '../../../src/backends/memory/index.js';
import { BackendError } from '../../../src/core/errors.js';
import { _resetConfigForTests, configure } from '../../../src/core/config.js';
import type { ConfabForumFeed } from '../../../src/elements/forum-feed/forum-feed.js';
import { $, $$, mountFeed, remount, resetAll, rows, simulateReload, until } from './forum-feed.helpers.js';

const aiko = () => meFor('u-aiko');
const active = (el: ConfabForumFeed) => el.shadowRoot!.activeElement as HTMLElement | null;
const postsIn = (b: MemoryBackend, id: string) => b.data.posts.filter((p) => p.threadId === id);
const status = (el: ConfabForumFeed) => $(el, '[role=status]').textContent!;

/** Opens the first row with the keyboard, as a keyboard-only partner would. */
async function openFirstWithKeyboard(el: ConfabForumFeed): Promise<string> {
  await until(() => rows(el).length > 0, 'rows');
  const row = rows(el)[0]!;
  row.focus();
  const opened = oneEvent(el, 'confab-thread-open');
  await sendKeys({ press: 'Enter' });
  const id = (await opened).detail.id as string;
  await until(() => active(el)?.id === 'thread-heading', 'focus on the heading');
  await until(() => $(el, '.thread-body'), 'thread loaded');
  return id;
}

/** Tabs forward until the reply textarea has focus. */
async function tabToReply(el: ConfabForumFeed): Promise<HTMLTextAreaElement> {
  for (let i = 0; i < 40 && active(el)?.localName !== 'textarea'; i++) await sendKeys({ press: 'Tab' });
  expect(active(el)?.localName).to.equal('textarea');
  return active(el) as HTMLTextAreaElement;
}

describe('<confab-forum-feed> thread', function () {
  // Real keyboard input and IndexedDB are slow when several test files share the machine.
  this.timeout(30000);
  beforeEach(resetAll);

  it('opens inline with Enter: heading focused, body and replies as Markdown; Escape returns focus to the row; axe passes', async () => {
    const backend = new MemoryBackend();
    const el = await mountFeed(backend, { 'page-size': '5' });
    const id = await openFirstWithKeyboard(el);
    const record = backend.data.threads.find((t) => t.id === id)!;
    expect($(el, '#thread-heading').textContent).to.equal(record.title);
    await until(() => $(el, '.thread-body')!.querySelector('p'), 'markdown rendered');
    const replies = postsIn(backend, id).length;
    expect($$(el, 'li.post').length).to.equal(Math.min(replies, 20));
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await until(() => active(el)?.localName === 'article', 'focus back on the row');
    expect(active(el)!.dataset.id).to.equal(id);
    expect($(el, '.thread')).to.equal(null);
  });

  it('a click anywhere on a row opens it; the Back button closes it and returns focus to the row', async () => {
    const el = await mountFeed(new MemoryBackend(), { 'page-size': '5' });
    await until(() => rows(el).length === 5);
    const row = rows(el)[2]!;
    row.querySelector<HTMLElement>('.excerpt')!.click();
    await until(() => $(el, '[part~=back]'));
    $<HTMLButtonElement>(el, '[part~=back]').click();
    await until(() => active(el)?.dataset.id === row.dataset.id);
  });

  it('"Load more replies" pages by cursor and keeps the scroll position', async () => {
    const backend = new MemoryBackend();
    const big = 'th-039';
    const total = postsIn(backend, big).length;
    expect(total).to.be.greaterThan(20);
    // Make it the most recent thread so it is the first row.
    backend.data.threads.find((t) => t.id === big)!.lastActivityAt = Date.now() + 1000;
    const el = await mountFeed(backend, { 'page-size': '3' });
    await openFirstWithKeyboard(el);
    await until(() => $$(el, 'li.post').length === 20);
    const button = $<HTMLButtonElement>(el, '.thread [part~=load-more]');
    const postTop = $$(el, 'li.post')[19]!.getBoundingClientRect().top;
    button.click();
    await until(() => $$(el, 'li.post').length === total, 'all replies');
    expect($$(el, 'li.post')[19]!.getBoundingClientRect().top).to.equal(postTop);
    expect($(el, '.thread [part~=load-more]')).to.equal(null);
    await until(() => active(el) === $$(el, 'li.post')[20]);
    expect(backend.calls('listPosts')).to.equal(1);
  });

  it('openThread(id) opens a thread that is not on the first page (deep link); closeThread() goes back', async () => {
    const backend = new MemoryBackend();
    const el = await mountFeed(backend, { 'page-size': '3' });
    await until(() => rows(el).length === 3);
    const far = backend.data.threads.find((t) => !rows(el).some((r) => r.dataset.id === t.id))!;
    let events = 0;
    el.addEventListener('confab-thread-open', () => events++);
    await el.openThread(far.id);
    await until(() => $(el, '#thread-heading').textContent === far.title, 'title after load');
    expect(events).to.equal(0);
    el.closeThread();
    await until(() => active(el) === rows(el)[0], 'focus on the first row: the thread has none');
  });

  it('a thread that fails to load shows a readable error with a working retry; axe passes', async () => {
    const backend = new MemoryBackend();
    const el = await mountFeed(backend, { 'page-size': '3' });
    await until(() => rows(el).length === 3);
    backend.failWith = new BackendError('Internal Server Error', 500);
    rows(el)[1]!.querySelector<HTMLButtonElement>('.title-link')!.click();
    await until(() => $(el, '.thread [part=error]'), 'error');
    expect($(el, '.thread [part=error]').textContent).to.contain('500');
    expect($(el, '#thread-heading').textContent!.length).to.be.greaterThan(3); // the title from the list
    await expect(el).to.be.accessible();
    backend.failWith = null;
    $<HTMLButtonElement>(el, '.thread [part~=retry]').click();
    await until(() => $(el, '.thread-body'), 'loaded after retry');
  });

  it('a failed "Load more replies" shows the error with a retry that works', async () => {
    const backend = new MemoryBackend();
    backend.data.threads.find((t) => t.id === 'th-039')!.lastActivityAt = Date.now() + 1000;
    const el = await mountFeed(backend, { 'page-size': '3' });
    await openFirstWithKeyboard(el);
    await until(() => $$(el, 'li.post').length === 20);
    backend.failWith = new BackendError('Bad Gateway', 502);
    $<HTMLButtonElement>(el, '.thread [part~=load-more]').click();
    await until(() => $(el, '.thread [part=error]'), 'error');
    expect($(el, '.thread [part=error]').textContent).to.contain('502');
    expect($(el, '.thread [part~=load-more]')).to.equal(null);
    backend.failWith = null;
    $<HTMLButtonElement>(el, '.thread [part~=retry]').click();
    await until(() => $$(el, 'li.post').length > 20, 'loaded after retry');
    expect($(el, '.thread [part=error]')).to.equal(null);
  });

  it('signed out: "Sign in to reply" fires confab-auth-required', async () => {
    const el = await mountFeed(new MemoryBackend(), { 'page-size': '3' });
    await openFirstWithKeyboard(el);
    await until(() => $(el, '[part~=sign-in]'), 'signed-out prompt');
    expect($(el, '.composer textarea')).to.equal(null);
    const ev = oneEvent(el, 'confab-auth-required');
    $<HTMLButtonElement>(el, '[part~=sign-in]').click();
    expect((await ev).detail.action).to.equal('reply');
  });

  it('after the host signs the partner in (configure getToken), the composer appears without a reload', async () => {
    const backend = new MemoryBackend();
    const el = await mountFeed(backend, { 'page-size': '3' });
    await openFirstWithKeyboard(el);
    await until(() => $(el, '[part~=sign-in]'));
    el.addEventListener('confab-auth-required', () => {
      backend.setMe(aiko());
      configure({ getToken: () => 'token-for-aiko' });
    }, { once: true });
    $<HTMLButtonElement>(el, '[part~=sign-in]').click();
    await until(() => $(el, '.composer textarea'), 'composer shown');
    _resetConfigForTests();
  });

  it('keyboard only: open, reply with Ctrl+Enter, hear "Reply posted", go back with Escape', async () => {
    const backend = new MemoryBackend({ me: aiko() });
    const el = await mountFeed(backend, { 'page-size': '3' });
    const id = await openFirstWithKeyboard(el);
    const before = postsIn(backend, id).length;
    await until(() => $(el, '.composer textarea'), 'composer for signed-in partner');
    await expect(el).to.be.accessible();
    await tabToReply(el);
    await sendKeys({ type: 'Same here: *fixed* by re-registering.' });
    await sendKeys({ press: 'Control+Enter' });
    await until(() => postsIn(backend, id).length === before + 1, 'stored');
    await until(() => $$(el, 'li.post').some((p) => p.querySelector('em')?.textContent === 'fixed'), 'rendered');
    await until(() => status(el).includes('Reply posted'), 'announced');
    await aTimeout(100);
    expect($$(el, 'li.post').filter((p) => p.textContent!.includes('re-registering'))).to.have.length(1);
    expect($<HTMLTextAreaElement>(el, '.composer textarea').value).to.equal('');
    await sendKeys({ press: 'Escape' });
    await until(() => active(el)?.dataset.id === id);
    // The row was refreshed: its reply count includes the new reply.
    await until(() => rows(el)[0]!.querySelector('.replies')!.textContent === `${before + 1} replies`, 'row refreshed');
  });

  it('offline reply shows as pending; back online it is posted exactly once', async () => {
    const backend = new MemoryBackend({ me: aiko() });
    const el = await mountFeed(backend, { 'page-size': '3' });
    const id = await openFirstWithKeyboard(el);
    const before = postsIn(backend, id).length;
    await until(() => $(el, '.composer textarea'));
    backend.setOnline(false);
    const ta = await tabToReply(el);
    await sendKeys({ type: 'Written on a plane' });
    await sendKeys({ press: 'Control+Enter' });
    await until(() => $(el, '[part~=pending-item]'), 'pending shown');
    expect($(el, '[part~=pending-item]').textContent).to.contain('Written on a plane');
    expect($(el, '[part~=pending-item] [part=pending]').textContent).to.contain('Pending');
    expect(ta.value).to.equal('');
    backend.setOnline(true);
    window.dispatchEvent(new Event('online'));
    await until(() => !$(el, '[part~=pending-item]'), 'pending gone');
    await until(() => $$(el, 'li.post').some((p) => p.textContent!.includes('Written on a plane')));
    await aTimeout(150);
    expect(postsIn(backend, id).length).to.equal(before + 1);
    expect($$(el, 'li.post').filter((p) => p.textContent!.includes('Written on a plane'))).to.have.length(1);
  });

  it('offline reply, then a reload, then online: exactly one post', async () => {
    const backend = new MemoryBackend({ me: aiko() });
    let el = await mountFeed(backend, { 'page-size': '3' });
    const id = await openFirstWithKeyboard(el);
    const before = postsIn(backend, id).length;
    await until(() => $(el, '.composer textarea'));
    backend.setOnline(false);
    await tabToReply(el);
    await sendKeys({ type: 'Queued before the reload' });
    await sendKeys({ press: 'Control+Enter' });
    await until(() => $(el, '[part~=pending-item]'), 'pending');
    // The list and the thread must be in IndexedDB for the reload to show them offline.
    await waitForCached(['|threads:'], (v) => v?.items?.length === 3, 'the list written to IndexedDB');
    await waitForCached([`|thread:${id}`], (v) => v?.thread?.id === id, 'the thread written to IndexedDB');
    // Reload: in-memory state gone, IndexedDB kept; the page is still offline.
    simulateReload();
    el = await remount(el);
    await openFirstWithKeyboard(el); // from the cache, offline
    await until(() => $(el, '[part~=pending-item]'), 'pending shown again after the reload');
    expect($(el, '.thread [part=offline-notice]'), 'thread served from the cache, offline').to.exist;
    await aTimeout(100);
    expect(postsIn(backend, id).length).to.equal(before);
    backend.setOnline(true);
    window.dispatchEvent(new Event('online'));
    await until(() => postsIn(backend, id).length === before + 1, 'replayed after the reload');
    await until(() => !$(el, '[part~=pending-item]'), 'pending gone');
    await until(() => $$(el, 'li.post').some((p) => p.textContent!.includes('Queued before the reload')), 'post shown');
    window.dispatchEvent(new Event('online')); // a second trigger must not send it again
    await aTimeout(200);
    expect(postsIn(backend, id).length).to.equal(before + 1);
    expect($$(el, 'li.post').filter((p) => p.textContent!.includes('Queued before the reload'))).to.have.length(1);
  });

  it('keeps the reply draft across a re-created element', async () => {
    const backend = new MemoryBackend({ me: aiko() });
    const el = await mountFeed(backend, { 'page-size': '3' });
    await openFirstWithKeyboard(el);
    await until(() => $(el, '.composer textarea'));
    await tabToReply(el);
    await sendKeys({ type: 'draft in progress' });
    await aTimeout(400);
    simulateReload();
    const again = await remount(el);
    await openFirstWithKeyboard(again);
    await until(() => $<HTMLTextAreaElement>(again, '.composer textarea')?.value === 'draft in progress', 'draft restored');
  });
});
