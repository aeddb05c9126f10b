import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryBackend, meFor } from '../../../src/backends/memory/index.js';
import type { ConfabForumFeed } from '../../../src/elements/forum-feed/forum-feed.js';
import { $, $$, mountFeed, resetAll, rows, until } from './forum-feed.helpers.js';

/** A backend where Aiko is signed in; Morgan (a moderator) acts on it through `asModerator`. */
function setup() {
  const b = new MemoryBackend({ id: `feed-mod-${Date.now()}-${Math.random()}`, me: meFor('u-aiko') });
  const asModerator = async <T>(run: () => Promise<T>) => {
    const me = b.signedIn;
    b.setMe(meFor('p-morgan'));
    try {
      return await run();
    } finally {
      b.setMe(me);
    }
  };
  return { b, asModerator };
}

async function openThread(el: ConfabForumFeed, id: string) {
  await until(() => rows(el).length > 0, 'rows');
  await el.openThread(id);
  await until(() => $(el, '.thread-body'), 'thread loaded');
}

describe('<confab-forum-feed> moderation', function () {
  this.timeout(20000);
  beforeEach(resetAll);

  it('reports a reply through the dialog; the button becomes "Reported"; the moderators see it; axe passes with the dialog open', async () => {
    const { b, asModerator } = setup();
    const thread = b.data.threads.find((t) => b.data.posts.some((p) => p.threadId === t.id && p.authorId !== 'u-aiko') && t.authorId !== 'u-aiko')!;
    const target = b.data.posts.find((p) => p.threadId === thread.id && p.authorId !== 'u-aiko')!;
    const el = await mountFeed(b);
    await openThread(el, thread.id);
    await until(() => $(el, `[data-report="post:${target.id}"]`), 'Report button on the reply');
    $(el, `[data-report="post:${target.id}"]`).click();
    await until(() => $(el, 'dialog.report-dialog[open]'), 'dialog open');
    const dialog = $<HTMLDialogElement>(el, 'dialog.report-dialog');
    await expect(el).to.be.accessible();
    dialog.querySelector<HTMLInputElement>('input[value="off-topic"]')!.click();
    const note = dialog.querySelector<HTMLTextAreaElement>('textarea')!;
    note.value = 'Belongs in the pricing category';
    note.dispatchEvent(new Event('input'));
    const reported = new Promise<CustomEvent>((r) => el.addEventListener('confab-reported', (e) => r(e as CustomEvent), { once: true }));
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    expect((await reported).detail).to.deep.equal({ target: { kind: 'post', id: target.id }, reason: 'off-topic' });
    await until(() => !$(el, 'dialog.report-dialog'), 'dialog closed');
    await until(() => $(el, `li.post[data-id="${target.id}"] [part~="reported"]`), '"Reported" in place of the button');
    const queue = await asModerator(() => b.moderationQueue({}));
    expect(queue.items.find((i) => i.target.id === target.id)).to.deep.include({ reasons: ['off-topic'], notes: ['Belongs in the pricing category'] });
  });

  it('reports a thread from its row by keyboard, without opening it; "Reported" stays in the row and in the thread view', async () => {
    const { b, asModerator } = setup();
    const el = await mountFeed(b);
    await until(() => rows(el).length > 0, 'rows');
    const row = rows(el).find((r) => r.querySelector('[data-report]'))!;
    const id = row.dataset.id!;
    const button = row.querySelector<HTMLButtonElement>(`[data-report="thread:${id}"]`)!;
    // Described by the row's title, so a screen reader hears which thread "Report" is about.
    expect(el.shadowRoot!.getElementById(button.getAttribute('aria-describedby')!)).to.equal(row.querySelector('.title'));
    button.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, 'dialog.report-dialog[open]'), 'dialog open from the row');
    expect($(el, '.thread-body'), 'the row did not open').to.be.null;
    await sendKeys({ press: 'Enter' }); // the first reason is checked and focused: Enter submits the form
    await until(() => !$(el, 'dialog.report-dialog'), 'dialog closed');
    await until(() => row.querySelector('[part~="reported"]'), '"Reported" in the row');
    expect(row.querySelector('[data-report]')).to.be.null;
    await until(() => el.shadowRoot!.activeElement === row, 'focus back on the row');
    const queue = await asModerator(() => b.moderationQueue({}));
    expect(queue.items.find((i) => i.target.id === id)).to.deep.include({ reasons: ['spam'] });
    await openThread(el, id);
    expect($(el, `.thread-meta [part~="reported"]`)).to.exist;
  });

  it('offers no Report anywhere when the backend takes no reports', async () => {
    const { b } = setup();
    // The same plug without the capability.
    const without = Object.assign(Object.create(b), { createFlag: undefined }) as MemoryBackend;
    const el = await mountFeed(without);
    await until(() => rows(el).length > 0, 'rows');
    expect($$(el, '[data-report]')).to.have.length(0);
    const thread = b.data.threads.find((t) => t.authorId !== 'u-aiko' && b.data.posts.some((p) => p.threadId === t.id))!;
    await openThread(el, thread.id);
    await until(() => $$(el, 'li.post').length > 0, 'replies');
    expect($$(el, '[data-report]')).to.have.length(0);
  });

  it('offers no Report on the partner’s own content, nor to signed-out visitors', async () => {
    const { b } = setup();
    const own = await b.createThread({ title: 'My own thread', body: 'Written by Aiko', category: b.data.threads[0]!.category });
    const el = await mountFeed(b);
    await until(() => rows(el).some((r) => r.dataset.id === own.id), 'own thread listed');
    expect($(el, `article[data-id="${own.id}"] [data-report]`), 'none on the own row').to.be.null;
    expect($$(el, 'article.item [data-report]').length, 'on the others').to.equal(rows(el).length - 1);
    await openThread(el, own.id);
    expect($(el, `[data-report="thread:${own.id}"]`)).to.be.null;
    b.setMe(null);
    await el.refresh();
    await until(() => el.signedIn === false, 'signed out');
    expect($$(el, '[data-report]')).to.have.length(0);
  });

  it('shows pinned and locked threads; a locked thread has no composer; a pinned one is first', async () => {
    const { b, asModerator } = setup();
    const [first, , third] = [...b.data.threads].sort((x, y) => y.lastActivityAt - x.lastActivityAt);
    await asModerator(() => b.moderationAction({ target: { kind: 'thread', id: third!.id }, action: 'pin' }));
    await asModerator(() => b.moderationAction({ target: { kind: 'thread', id: first!.id }, action: 'lock', reason: 'Resolved' }));
    const el = await mountFeed(b);
    await until(() => rows(el).length > 0, 'rows');
    expect(rows(el)[0]!.dataset.id).to.equal(third!.id);
    expect(rows(el)[0]!.querySelector('[part~="pinned"]')!.textContent).to.contain('Pinned');
    expect($(el, `article[data-id="${first!.id}"] [part~="locked"]`)).to.exist;
    await openThread(el, first!.id);
    expect($(el, '[part~="locked-notice"]')!.textContent).to.contain('This thread is locked');
    expect($(el, '.reply textarea')).to.be.null;
  });

  it('shows the author their own held and hidden content with a notice; others do not get it', async () => {
    const { b, asModerator } = setup();
    await asModerator(() => b.putWatchedWords({ items: [{ pattern: 'crypto', action: 'hold' }] }));
    const held = await b.createThread({ title: 'Crypto partner deals', body: 'Anyone selling crypto hardware?', category: b.data.threads[0]!.category });
    expect(held.status).to.equal('held');
    const el = await mountFeed(b);
    await until(() => rows(el).some((r) => r.dataset.id === held.id), 'own held thread listed');
    expect($(el, `article[data-id="${held.id}"] [part~="mod-badge"]`)!.textContent).to.contain('Awaiting review');
    await openThread(el, held.id);
    expect($(el, '[part~="mod-notice"]')!.textContent).to.contain('Awaiting review');
    b.setMe(meFor('u-priya'));
    expect((await b.listThreads({ limit: 100 })).items.map((t) => t.id)).not.to.include(held.id);
  });
});
