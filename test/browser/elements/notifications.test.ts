import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryBackend, meFor } from '../../../src/backends/memory/index.js';
import { _resetConfigForTests, configure } from '../../../src/core/config.js';
import { _resetResourcesForTests } from '../../../src/core/resource.js';
import '../../../src/elements/notifications/define.js';
import '../../../src/elements/qa-box/define.js';
import type { ConfabNotifications } from '../../../src/elements/notifications/notifications.js';
import type { ConfabQaBox } from '../../../src/elements/qa-box/qa-box.js';
import { waitFor } from '../core/wait.js';

let n = 0;
/** A fresh backend with its own id, signed in as `who` (null: anonymous). */
function backend(who: string | null = 'u-aiko', opts: ConstructorParameters<typeof MemoryBackend>[0] = {}) {
  const b = new MemoryBackend({ id: `notify-test-${++n}-${Date.now()}`, me: who ? meFor(who) : null, ...opts });
  configure({ backend: b });
  return b;
}

const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const bellOf = (el: Element) => $(el, '[part~="bell"]')!;
const badge = (el: Element) => $(el, '[part~="badge"]')?.textContent?.trim() ?? null;
const items = (el: Element) => $$(el, '[part~="item"]');

async function mount(): Promise<ConfabNotifications> {
  const el = await fixture<ConfabNotifications>(html`<confab-notifications></confab-notifications>`);
  await waitFor(() => el.unread !== undefined || $(el, '[part~="bell"]'), 'bell rendered');
  return el;
}

async function openPopover(el: ConfabNotifications) {
  bellOf(el).click();
  await waitFor(() => items(el).length > 0 || $(el, '[part~="empty"]'), 'list shown');
}

afterEach(() => {
  _resetConfigForTests();
  _resetResourcesForTests();
});

describe('<confab-notifications>', () => {
  it('shows the unread count on the bell, in its name too, and is accessible', async () => {
    backend('u-aiko');
    const el = await mount();
    await waitFor(() => badge(el) === '3', 'three unread');
    expect(bellOf(el).getAttribute('aria-label')).to.equal('Notifications, 3 unread');
    expect(bellOf(el).getAttribute('aria-expanded')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('lists notifications grouped by topic; Escape closes and gives focus back to the bell; arrows move', async () => {
    const b = backend('u-aiko');
    const el = await mount();
    await waitFor(() => badge(el) === '3');
    await openPopover(el);
    const page = await b.listNotifications({});
    expect(items(el)).to.have.length(page.items.length);
    const topics = new Set(page.items.map((x) => x.target.id));
    expect($$(el, '[part~="group"]')).to.have.length(topics.size);
    // The two replies in one thread are one group, newest first.
    const firstGroup = $$(el, '[part~="group"]')[0]!;
    expect(firstGroup.querySelectorAll('[part~="item"]')).to.have.length(2);
    expect(firstGroup.querySelector('h3')!.textContent).to.equal(page.items[0]!.target.title);
    expect(items(el)[0]!.textContent).to.match(/replied/);
    expect(bellOf(el).getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();

    const opens = $$(el, '[data-open]');
    opens[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(el.shadowRoot!.activeElement).to.equal(opens[1]);
    await sendKeys({ press: 'End' });
    expect(el.shadowRoot!.activeElement).to.equal(opens[opens.length - 1]);
    await sendKeys({ press: 'Home' });
    expect(el.shadowRoot!.activeElement).to.equal(opens[0]);

    await sendKeys({ press: 'Escape' });
    await waitFor(() => !$(el, '[part~="popover"]'), 'closed');
    await waitFor(() => el.shadowRoot!.activeElement === bellOf(el), 'focus back on the bell');
  });

  it('marks one read, then all read, in the element and in the backend', async () => {
    const b = backend('u-aiko');
    const el = await mount();
    await waitFor(() => badge(el) === '3');
    await openPopover(el);
    const unreadItem = items(el).find((i) => i.querySelector('[part~="mark-read"]'))!;
    unreadItem.querySelector<HTMLElement>('[part~="mark-read"]')!.click();
    await waitFor(() => badge(el) === '2', 'badge down to 2');
    expect((await b.listNotifications({})).unread).to.equal(2);
    $(el, '[part~="mark-all"]')!.click();
    await waitFor(() => badge(el) === null, 'badge gone');
    expect((await b.listNotifications({})).unread).to.equal(0);
    expect($(el, '[part~="mark-read"]')).to.equal(null);
    expect(bellOf(el).getAttribute('aria-label')).to.equal('Notifications');
  });

  it('counts a new notification live, without a reload', async () => {
    const b = backend('u-aiko');
    const el = await mount();
    await waitFor(() => badge(el) === '3');
    await waitFor(() => b.notificationSubscribers === 1, 'subscribed once');
    // Aiko follows the seeded thread she was notified about; Lars replies there.
    const thread = (await b.listNotifications({})).items.find((x) => x.target.kind === 'thread')!.target.id;
    b.setMe(meFor('u-lars'));
    await b.replyToThread(thread, { body: 'Same here: the renewal form kept the old partner id.' });
    await waitFor(() => badge(el) === '4', 'badge up to 4 live');
    await waitFor(() => $(el, '[role="status"]')!.textContent!.startsWith('New notification: '), 'announced');
    el.remove();
    await waitFor(() => b.notificationSubscribers === 0, 'unsubscribed when removed');
  });

  it('lists and marks on a backend that cannot tell of new ones live (no subscribeNotifications)', async () => {
    const b = backend('u-aiko');
    // Only the bell's two methods and `me`: the capability is per method, and this one has no live.
    const listOnly = {
      id: `list-only-${n}`,
      me: () => b.me(),
      listNotifications: b.listNotifications.bind(b),
      markNotificationsRead: b.markNotificationsRead.bind(b),
    } as unknown as MemoryBackend;
    configure({ backend: listOnly });
    const failures: unknown[] = [];
    const onRejection = (e: PromiseRejectionEvent) => failures.push(e.reason);
    const onError = (e: ErrorEvent) => failures.push(e.error);
    window.addEventListener('unhandledrejection', onRejection);
    window.addEventListener('error', onError);
    try {
      const el = await mount();
      await waitFor(() => badge(el) === '3', 'three unread');
      await openPopover(el);
      expect(items(el)).to.have.length((await b.listNotifications({})).items.length);
      items(el)[0]!.querySelector<HTMLElement>('[part~="mark-read"]')!.click();
      await waitFor(() => badge(el) === '2', 'two unread');
      expect(failures).to.deep.equal([]);
    } finally {
      window.removeEventListener('unhandledrejection', onRejection);
      window.removeEventListener('error', onError);
    }
  });

  it('signed out: no badge, a sign-in button, and no one else’s notifications', async () => {
    backend(null);
    const el = await mount();
    await openPopover(el);
    expect(badge(el)).to.equal(null);
    expect(items(el)).to.have.length(0);
    expect($(el, '[part~="empty"]')!.textContent).to.contain('Sign in to see your notifications.');
    setTimeout(() => $(el, '[part~="sign-in"]')!.click());
    const ev = await oneEvent(el, 'confab-auth-required');
    expect(ev.detail.action).to.equal('notifications');
    await expect(el).to.be.accessible();
  });

  it('says so on a backend without notifications, and does not crash', async () => {
    const b = backend('u-aiko');
    const plain = { id: 'plain', me: () => b.me() } as unknown as MemoryBackend;
    configure({ backend: plain });
    const el = await mount();
    bellOf(el).click();
    await waitFor(() => $(el, '[part~="empty"]'));
    expect($(el, '[part~="empty"]')!.textContent).to.contain('Notifications are not available on this backend.');
    expect(badge(el)).to.equal(null);
  });

  it('opens a notification in the Q&A box on the page, on the answer; the host may route it instead', async () => {
    const b = backend('u-aiko');
    const root = await fixture(html`<div><confab-notifications></confab-notifications><confab-qa-box></confab-qa-box></div>`);
    const el = root.querySelector('confab-notifications')!;
    const box = root.querySelector<ConfabQaBox>('confab-qa-box')!;
    await waitFor(() => badge(el) === '3');
    await openPopover(el);
    const answer = (await b.listNotifications({})).items.find((x) => x.type === 'answer')!;

    // The host routes it: nothing opens in the page.
    const routed = (e: Event) => e.preventDefault();
    root.addEventListener('confab-notification-open', routed, { once: true });
    const button = () => $$(el, '[part~="item"]').find((i) => i.dataset.id === answer.id)!.querySelector<HTMLElement>('[data-open]')!;
    setTimeout(() => button().click());
    const ev = await oneEvent(root, 'confab-notification-open');
    expect(ev.detail.notification.id).to.equal(answer.id);
    expect(box.question).to.equal(undefined);
    await waitFor(() => badge(el) === '2', 'opening marks it read');

    await openPopover(el);
    button().click();
    await waitFor(() => box.question === answer.target.id, 'the box opened the question');
    await waitFor(() => box.shadowRoot!.activeElement?.getAttribute('data-answer') === answer.target.postId, 'focus on the answer');
    expect($(el, '[part~="popover"]')).to.equal(null);
  });

  it('saves preferences per event type', async () => {
    const b = backend('u-aiko');
    const el = await mount();
    await openPopover(el);
    $(el, '[part~="preferences"]')!.click();
    await waitFor(() => $(el, '#pref-answer'), 'preferences shown');
    await waitFor(() => el.shadowRoot!.activeElement?.id === 'popover-heading', 'focus on the panel heading');
    const select = $<HTMLSelectElement>(el, '#pref-answer')!;
    expect(select.value).to.equal('email');
    expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal(['In the app only', 'Email at once', 'Daily digest', 'Weekly digest', 'Off']);
    select.value = 'weekly';
    select.dispatchEvent(new Event('change'));
    $(el, '[part~="save"]')!.click();
    await waitFor(() => $(el, '[role="status"]')!.textContent === 'Preferences saved.', 'saved');
    expect((await b.getPreferences()).answer).to.equal('weekly');
    await expect(el).to.be.accessible();
  });

  it('follows the dark theme', async () => {
    backend('u-aiko');
    const el = await fixture<ConfabNotifications>(html`<confab-notifications theme="dark"></confab-notifications>`);
    await waitFor(() => badge(el) === '3');
    expect(getComputedStyle($(el, '[part~="base"]')!).colorScheme).to.equal('dark');
    const bg = getComputedStyle(bellOf(el)).backgroundColor;
    el.theme = 'light';
    await el.updateComplete;
    // A frame later under reduced motion (the tests' setting): colours change through a 0.01 ms transition.
    await waitFor(() => getComputedStyle(bellOf(el)).backgroundColor !== bg, 'the bell in light colours');
  });
});

describe('<confab-notifications> catalogues', () => {
  it('translate exactly the ids the element uses, in de, fr, ja and ar', async () => {
    const files = ['notifications.ts', 'bell.ts', 'parts/list.ts', 'parts/labels.ts', 'parts/preferences.ts'];
    const used = new Set<string>();
    for (const f of files) {
      const text = await (await fetch(`/src/elements/notifications/${f}`)).text();
      for (const m of text.matchAll(/id: ['"](notifications-[a-z-]+)['"]/g)) used.add(m[1]!);
    }
    expect(used.size).to.be.greaterThan(30);
    for (const lang of ['de', 'fr', 'ja', 'ar']) {
      const { templates } = (await import(`../../../src/locales/notifications/${lang}.ts`)) as { templates: Record<string, unknown> };
      expect(Object.keys(templates).sort(), lang).to.deep.equal([...used].sort());
    }
  });
});

describe('follow toggles', () => {
  it('the question view follows and unfollows; the box’s category button follows the category', async () => {
    const b = backend('p-ava');
    const root = await fixture(html`<div><confab-qa-box category="technical" question="q-014"></confab-qa-box></div>`);
    const box = root.querySelector<ConfabQaBox>('confab-qa-box')!;
    const follows = () => box.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="follow"]');
    await waitFor(() => follows().length === 1, 'the question’s follow button');
    const button = follows()[0]!;
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    button.click();
    await waitFor(() => follows()[0]!.getAttribute('aria-pressed') === 'true' && !follows()[0]!.disabled, 'following');
    expect((await b.listFollows()).map((f) => `${f.kind}:${f.id}:${f.level}`)).to.include('question:q-014:watching');
    await expect(box).to.be.accessible();
    follows()[0]!.click();
    await waitFor(() => follows()[0]!.getAttribute('aria-pressed') === 'false' && !follows()[0]!.disabled, 'unfollowed');
    expect((await b.listFollows()).some((f) => f.id === 'q-014')).to.equal(false);

    box.question = undefined;
    await waitFor(() => follows().length === 1 && follows()[0]!.textContent!.includes('technical'), 'the category’s follow button');
    follows()[0]!.click();
    await waitFor(async () => (await b.listFollows()).some((f) => f.kind === 'category' && f.id === 'technical'), 'category followed');
  });

  it('shows no follow button signed out', async () => {
    backend(null);
    const box = await fixture<ConfabQaBox>(html`<confab-qa-box category="technical" question="q-014"></confab-qa-box>`);
    await waitFor(() => box.shadowRoot!.querySelector('#question-title'), 'question shown');
    expect(box.shadowRoot!.querySelector('[part~="follow"]')).to.equal(null);
  });
});
