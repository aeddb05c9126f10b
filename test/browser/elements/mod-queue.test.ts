import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { waitFor } from '../core/wait.js';
import { MemoryBackend, meFor } from '../../../src/backends/memory/index.js';
import { _resetConfigForTests, configure } from '../../../src/core/config.js';
import { BackendError } from '../../../src/core/errors.js';
import { _resetResourcesForTests } from '../../../src/core/resource.js';
import '../../../src/elements/mod-queue/define.js';
import type { ConfabModQueue } from '../../../src/elements/mod-queue/mod-queue.js';

let n = 0;
/** A fresh backend with its own id and the demo's moderation items, signed in as `who`. */
function backend(who: string | null = 'p-morgan', opts: ConstructorParameters<typeof MemoryBackend>[0] = {}) {
  const b = new MemoryBackend({ id: `mq-test-${++n}-${Date.now()}`, moderationDemo: true, me: who ? meFor(who) : null, ...opts });
  configure({ backend: b });
  return b;
}

const q = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const qa = <T extends Element = HTMLElement>(el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const items = (el: Element) => qa(el, 'article.item');
const keys = (el: Element) => items(el).map((i) => i.dataset.key);
const text = (el: Element, sel: string) => q(el, sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function settled(el: ConfabModQueue) {
  await waitFor(() => items(el).length > 0 || q(el, '[part~="empty"]') || q(el, '[part~="error"]'), 'never left loading');
  await el.updateComplete;
}

/** Clicks an action button of the item `key`, fills the reason and confirms. */
async function act(el: ConfabModQueue, key: string, action: string, reason: string) {
  q(el, `[data-key="${key}"] [data-action="${action}"]`)!.click();
  await waitFor(() => q(el, '#mq-reason'), 'the action form never opened');
  await el.updateComplete;
  expect(el.shadowRoot!.activeElement?.id, 'focus moves to the reason').to.equal('mq-reason');
  const reasonField = q<HTMLTextAreaElement>(el, '#mq-reason')!;
  reasonField.value = reason;
  reasonField.dispatchEvent(new Event('input'));
  q(el, '[part~="submit"]')!.click();
}

afterEach(() => {
  _resetConfigForTests();
  _resetResourcesForTests();
});

describe('<confab-mod-queue>', () => {
  it('shows reported and held items in context, longest waiting first, and is accessible', async () => {
    backend();
    const el = await fixture<ConfabModQueue>(html`<confab-mod-queue></confab-mod-queue>`);
    await settled(el);
    // The post was first reported 90 minutes ago, the thread 50; the held answer has no report and waits since it was written.
    const kinds = keys(el).map((k) => k!.split(':')[0]);
    expect(kinds).to.have.members(['thread', 'post', 'answer']);
    expect(kinds.indexOf('post')).to.be.lessThan(kinds.indexOf('thread'));
    const thread = q(el, '[data-key="thread:th-007"]')!;
    expect(thread.querySelector('[part~="context"]')!.textContent).to.match(/^\s*Thread “/);
    expect(thread.querySelector('[part~="count"]')!.textContent).to.contain('2 reports');
    expect([...thread.querySelectorAll('[part~="chip"]')].map((c) => c.textContent!.trim())).to.include('Spam');
    expect(thread.querySelector('[part~="notes"]')!.textContent).to.contain('Looks like an advert');
    // Thread-only actions on a thread, not on a reply.
    expect(thread.querySelector('[data-action="lock"]')).to.exist;
    const post = items(el).find((i) => i.dataset.key!.startsWith('post:'))!;
    expect(post.querySelector('[part~="context"]')!.textContent).to.match(/Reply in “/);
    expect(post.querySelector('[part~="status"]')!.textContent).to.contain('Hidden');
    expect(post.querySelector('[data-action="lock"]')).to.be.null;
    await expect(el).to.be.accessible();
  });

  it('offers Lock or Unlock, Pin or Unpin by the thread\'s state, and flips after the action', async () => {
    backend();
    const el = await fixture<ConfabModQueue>(html`<confab-mod-queue></confab-mod-queue>`);
    await settled(el);
    const actions = () => [...q(el, '[data-key="thread:th-007"]')!.querySelectorAll<HTMLElement>('[data-action]')].map((b) => b.dataset.action);
    expect(actions()).to.include.members(['lock', 'pin']);
    expect(actions()).not.to.include.members(['unlock']);
    expect(actions()).not.to.include.members(['unpin']);
    await act(el, 'thread:th-007', 'lock', 'Cooling down');
    await waitFor(() => actions().includes('unlock'), 'Unlock after locking');
    expect(actions()).not.to.include('lock');
    expect(actions()).to.include('pin');
  });

  it('filters by held, flagged and reason', async () => {
    backend();
    const el = await fixture<ConfabModQueue>(html`<confab-mod-queue filter="held"></confab-mod-queue>`);
    await settled(el);
    // Held, and hidden by reports (awaiting a decision); the thread is only reported.
    expect(keys(el).map((k) => k!.split(':')[0]).sort()).to.deep.equal(['answer', 'post']);
    el.filter = 'flagged';
    el.reason = 'spam';
    await waitFor(() => keys(el).length === 1 && keys(el)[0] === 'thread:th-007', 'spam filter');
    el.reason = 'other';
    await waitFor(() => q(el, '[part~="empty"]'), 'no item matches');
    expect(text(el, '[part~="empty"]')).to.contain('No item matches these filters.');
  });

  it('hides an item with a reason: the queue drops it, the audit log has the reason, partners no longer see it', async () => {
    const b = backend();
    const el = await fixture<ConfabModQueue>(html`<confab-mod-queue></confab-mod-queue>`);
    await settled(el);
    const moderated = new Promise<CustomEvent>((resolve) => el.addEventListener('confab-moderated', (e) => resolve(e as CustomEvent), { once: true }));
    await act(el, 'thread:th-007', 'hide', 'Advertising');
    const event = await moderated;
    expect(event.detail).to.deep.equal({ action: 'hide', targets: [{ kind: 'thread', id: 'th-007' }] });
    await waitFor(() => !keys(el).includes('thread:th-007'), 'the hidden thread stayed in the queue');
    const log = await b.moderationLog({});
    expect(log.items[0]).to.deep.include({ action: 'hide', reason: 'Advertising', target: { kind: 'thread', id: 'th-007' } });
    expect(log.items[0]!.before.status).to.equal('published');
    expect(log.items[0]!.after.status).to.equal('hidden');
    b.setMe(meFor('u-aiko'));
    const feed = await b.listThreads({ limit: 100 });
    expect(feed.items.map((t) => t.id)).not.to.include('th-007');
  });

  it('bulk approves the selected items with one reason', async () => {
    const b = backend();
    const el = await fixture<ConfabModQueue>(html`<confab-mod-queue></confab-mod-queue>`);
    await settled(el);
    const before = keys(el).length;
    for (const box of qa<HTMLInputElement>(el, 'article.item .select').slice(0, 2)) box.click();
    await el.updateComplete;
    expect(text(el, '.selected-count')).to.equal('2 selected');
    q(el, '[part~="bulk"] [data-action="approve"]')!.click();
    await waitFor(() => q(el, '#mq-reason'), 'bulk form');
    expect(text(el, '.form-title')).to.equal('Approve: 2 selected');
    q(el, '[part~="submit"]')!.click();
    await waitFor(() => keys(el).length === before - 2, 'approved items left the queue');
    expect((await b.moderationLog({})).items.filter((e) => e.action === 'approve')).to.have.length(2);
    expect(text(el, '.selected-count')).to.equal('0 selected');
  });

  it('suspends an author until a date', async () => {
    const b = backend();
    const el = await fixture<ConfabModQueue>(html`<confab-mod-queue></confab-mod-queue>`);
    await settled(el);
    const author = (await b.moderationQueue({})).items.find((i) => i.target.id === 'th-007')!.author;
    await act(el, 'thread:th-007', 'suspend', 'Repeated spam');
    await waitFor(async () => (await b.moderationLog({})).items.length === 1, 'suspension logged');
    const entry = (await b.moderationLog({})).items[0]!;
    expect(entry.target).to.deep.equal({ kind: 'person', id: author.id });
    expect(entry.action).to.equal('suspend');
    expect(Date.parse(entry.after.suspendedUntil!)).to.be.greaterThan(Date.now() + 6 * 86_400_000);
  });

  it('keeps the form open with the server’s message when an action fails', async () => {
    const b = backend();
    const el = await fixture<ConfabModQueue>(html`<confab-mod-queue></confab-mod-queue>`);
    await settled(el);
    b.moderationAction = () => Promise.reject(new BackendError('Not allowed right now.', 409, { type: 'about:blank', title: 'Conflict', status: 409, detail: 'Not allowed right now.' }));
    await act(el, 'thread:th-007', 'approve', '');
    await waitFor(() => q(el, '.action-form [role="alert"]'), 'no error shown');
    expect(text(el, '.action-form [role="alert"]')).to.contain('Not allowed right now.');
    expect(keys(el)).to.include('thread:th-007');
  });

  it('is usable from the keyboard: arrows between items, A opens Approve, Escape returns focus', async () => {
    backend();
    const el = await fixture<ConfabModQueue>(html`<confab-mod-queue></confab-mod-queue>`);
    await settled(el);
    items(el)[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(el.shadowRoot!.activeElement).to.equal(items(el)[1]);
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(items(el)[1]!.querySelector<HTMLInputElement>('.select')!.checked).to.equal(true);
    await sendKeys({ press: 'a' });
    await waitFor(() => el.shadowRoot!.activeElement?.id === 'mq-reason', 'A did not open the approve form');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !q(el, '#mq-reason'), 'Escape did not close the form');
    await waitFor(() => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset.action === 'approve', 'focus did not return to Approve');
  });

  it('refreshes and announces when a report arrives live', async () => {
    const b = backend();
    const el = await fixture<ConfabModQueue>(html`<confab-mod-queue live></confab-mod-queue>`);
    await settled(el);
    await waitFor(() => b.liveSubscribers === 1, 'never subscribed');
    const before = keys(el).length;
    b.setMe(meFor('u-aiko'));
    await b.createFlag({ target: { kind: 'thread', id: 'th-010' }, reason: 'off-topic' });
    b.setMe(meFor('p-morgan'));
    await waitFor(() => keys(el).length === before + 1, 'the new report did not appear');
    await waitFor(() => text(el, '[role="status"]').includes('New item in the moderation queue'), 'not announced');
    el.remove();
    await waitFor(() => b.liveSubscribers === 0, 'the subscription stayed open');
  });

  it('tells partners and signed-out visitors the queue is for moderators, and fetches nothing', async () => {
    const b = backend('u-aiko');
    const el = await fixture<ConfabModQueue>(html`<confab-mod-queue></confab-mod-queue>`);
    await settled(el);
    expect(text(el, '[part~="empty"]')).to.contain('This queue is for moderators.');
    expect(text(el, '[part~="empty"]')).to.contain('no moderator role');
    expect(b.calls('moderationQueue')).to.equal(0);
    await expect(el).to.be.accessible();
    b.setMe(null);
    await el.refresh();
    await waitFor(() => text(el, '[part~="empty"]').includes('Sign in with a moderator account'), 'signed-out message');
  });

  it('says when the backend has no moderation, and shows an empty queue and errors', async () => {
    const plain = new MemoryBackend({ id: `mq-plain-${++n}`, me: meFor('p-morgan') });
    // A backend without the capability: the same plug minus the moderation calls.
    const without = Object.assign(Object.create(plain), { moderationQueue: undefined, moderationAction: undefined, createFlag: undefined });
    configure({ backend: without });
    const el = await fixture<ConfabModQueue>(html`<confab-mod-queue></confab-mod-queue>`);
    await settled(el);
    expect(text(el, '[part~="empty"]')).to.contain('Moderation is not available on this backend.');
    _resetConfigForTests();
    _resetResourcesForTests();
    configure({ backend: new MemoryBackend({ id: `mq-empty-${++n}`, me: meFor('p-morgan') }) });
    const empty = await fixture<ConfabModQueue>(html`<confab-mod-queue></confab-mod-queue>`);
    await settled(empty);
    expect(text(empty, '[part~="empty"]')).to.contain('Nothing to review.');
    _resetConfigForTests();
    _resetResourcesForTests();
    const failing = backend();
    failing.moderationQueue = () => Promise.reject(new BackendError('Server error', 500, { type: 'about:blank', title: 'Internal Server Error', status: 500 }));
    const broken = await fixture<ConfabModQueue>(html`<confab-mod-queue></confab-mod-queue>`);
    await settled(broken);
    expect(q(broken, '[part~="error"]')).to.exist;
  });

  it('paints with the dark theme tokens', async () => {
    backend();
    const el = await fixture<ConfabModQueue>(html`<confab-mod-queue theme="dark"></confab-mod-queue>`);
    await settled(el);
    const base = q(el, '[part="base"]')!;
    expect(getComputedStyle(base).colorScheme).to.equal('dark');
    expect(getComputedStyle(base).backgroundColor).to.equal('rgb(23, 25, 30)');
    await expect(el).to.be.accessible();
  });
});
