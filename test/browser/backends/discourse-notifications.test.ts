import { expect, fixture as mountHtml, html } from '@open-wc/testing';
import type { Notification, NotificationLiveEvent, NotificationPage } from '../../../src/contract/index.js';
import { DiscourseBackend } from '../../../src/backends/discourse/index.js';
import { hasNotifications } from '../../../src/backends/notifications.js';
import { _resetConfigForTests } from '../../../src/core/config.js';
import { AuthError, BackendError, ValidationError } from '../../../src/core/errors.js';
import { _resetResourcesForTests } from '../../../src/core/resource.js';
import '../../../src/elements/notifications/define.js';
import '../../../src/elements/provider/define.js';
import type { ConfabNotifications } from '../../../src/elements/notifications/notifications.js';
import { waitFor } from '../core/wait.js';
import { fakeDiscourse, fixture, withFixtures, type DiscourseRequest } from './fake-discourse.js';

// The bell on Discourse: /notifications.json (test/fixtures/discourse/derived/notifications.json, from
// the recorded response of Discourse's developer docs) mapped to Confab's types, counted as
// Discourse's user menu counts them, marked read as Discourse's mark-read takes it.

const KEY = 'user-api-key-of-ana';
const keyed = (baseUrl: string) => new DiscourseBackend({ baseUrl, questionsCategory: 'questions', userApiKey: () => KEY });
const SANDBOX = 'THIS SITE IS A SANDBOX – it is reset every day';
const reads = async (fake: ReturnType<typeof fakeDiscourse>, path: string) =>
  (await fake.log()).filter((r) => r.method === 'GET' && r.path === path).map((r) => r.query);
const summary = (n: Notification) => [n.id, n.type, n.target.kind, n.target.id, n.target.postId, n.read];

/** `b` subscribed to live notifications, once its long poll on the user's channel (user 1, session-current.json) is open. */
async function listen(fake: ReturnType<typeof fakeDiscourse>, b: DiscourseBackend) {
  const events: NotificationLiveEvent[] = [];
  const abort = new AbortController();
  b.subscribeNotifications((e) => events.push(e), abort.signal);
  await waitFor(async () => (await fake.log()).filter((r) => r.path.endsWith('/poll') && r.body.includes(encodeURIComponent('/notification/1'))).length >= 2, 'long poll open');
  return { events, stop: () => abort.abort() };
}

describe('DiscourseBackend notifications (fake Discourse)', () => {
  it('has the bell capability', () => {
    expect(hasNotifications(keyed('https://forum.example.com'))).to.equal(true);
  });

  it('maps the types Confab has, leaves the others out, and targets thread or question by category', async () => {
    const fake = fakeDiscourse();
    const page = await keyed(fake.baseUrl).listNotifications({});
    expect(page.items.map(summary)).to.deep.equal([
      // replied, in topic 57 of the Q&A category: an answer to a question, at the post that answered.
      ['31', 'answer', 'question', '57', '226', false],
      // Solved's custom notification: the accepted answer (Solved names the post by number only).
      ['30', 'accepted', 'question', '57', null, false],
      // liked (29) and quoted (27) are left out.
      ['28', 'mention', 'thread', '8', '31', false],
      ['26', 'reply', 'thread', '12', '41', true],
      // watching_first_post: the topic itself.
      ['25', 'new_topic', 'thread', '12', null, false],
      // watching_category_or_tag on a post that is not the first: a post in the topic.
      ['24', 'answer', 'question', '57', '228', false],
      // group_mentioned: a mention that reached you through your group.
      ['23', 'mention', 'thread', '8', '33', true],
      // watching_category_or_tag on a first post: a new topic. (21, a custom notification of another plugin, is left out.)
      ['22', 'new_topic', 'thread', '8', null, false],
      // The recorded granted_badge (3) and private_message (2) are left out.
    ]);
    const [answer] = page.items;
    expect(answer!.target.title, 'plain text from fancy_title').to.equal(SANDBOX);
    expect(answer!.actor).to.deep.equal({
      id: 'splattne', name: 'Stefan Plattner', orgName: null,
      // Protocol-relative, as Discourse sends gravatars: resolved against the forum.
      avatarUrl: `${location.protocol}//www.gravatar.com/avatar/7847006dbf49f1722b07c8da396f1275.png?s=96&r=pg&d=identicon`,
    });
    expect(answer!.createdAt).to.equal('2019-06-20T10:05:00.000Z');
    expect(page.items[1]!.actor.name, "Solved's accepter").to.equal('samsaffron');
    // Unread of the shown types as Discourse counts them: 31, 30, 28, 25, 24, 22 (the unread like and quote are not).
    expect(page.unread).to.equal(6);
    expect(page.nextCursor).to.equal(null);
    expect(await reads(fake, '/notifications.json')).to.deep.equal(['offset=0&limit=60']);
    // One list tells the topics' categories.
    expect(await reads(fake, '/latest.json')).to.deep.equal([`topic_ids=${encodeURIComponent('57,8,12')}`]);
  });

  it('maps the recorded response of the developer docs to nothing: a badge and a message are not Confab types', async () => {
    const recorded = await fixture('dev_docs_notifications.json');
    const recordedSession = await fixture('derived/session-current.json');
    const session = { current_user: { ...recordedSession.current_user, grouped_unread_notifications: {} } };
    const page = await withFixtures({ '/notifications.json': recorded, '/session/current.json': session }, () =>
      new DiscourseBackend({ baseUrl: 'https://forum.example.com' }).listNotifications({}));
    expect(recorded.notifications).to.have.length(2);
    expect(page).to.deep.equal({ items: [], nextCursor: null, unread: 0 });
  });

  it('marks one read (PUT /notifications/mark-read.json with its id), then all (dismiss_types: the types Confab shows), with the count left', async () => {
    const fake = fakeDiscourse();
    const b = keyed(fake.baseUrl);
    expect(await b.markNotificationsRead({ ids: ['31'] })).to.deep.equal({ unread: 5 });
    expect((await b.listNotifications({})).items.find((n) => n.id === '31')!.read).to.equal(true);
    expect(await b.markNotificationsRead({ ids: ['30', '28'] })).to.deep.equal({ unread: 3 });
    expect(await b.markNotificationsRead({ all: true })).to.deep.equal({ unread: 0 });
    const writes = await fake.writes();
    expect(writes.map((w: DiscourseRequest) => [w.method, w.path, JSON.parse(w.body)])).to.deep.equal([
      ['PUT', '/notifications/mark-read.json', { id: 31 }],
      ['PUT', '/notifications/mark-read.json', { id: 30 }],
      ['PUT', '/notifications/mark-read.json', { id: 28 }],
      // All of the types Confab shows, by Discourse's names: without dismiss_types Discourse marks every type read.
      ['PUT', '/notifications/mark-read.json', { dismiss_types: 'mentioned,replied,posted,custom,group_mentioned,watching_first_post,watching_category_or_tag' }],
    ]);
    for (const w of writes) expect(w.headers).to.include({ 'user-api-key': KEY, 'content-type': 'application/json' });
    expect((await b.listNotifications({})).items.every((n) => n.read)).to.equal(true);
    // The unread like (5) and quote (3) the bell does not show stay unread in Discourse's own menu.
    const left = await (await fetch(`${fake.baseUrl}/session/current.json`)).json();
    expect(left.current_user.grouped_unread_notifications).to.deep.equal({ 3: 1, 5: 1 });
  });

  it('on a Discourse older than watching_category_or_tag (type 36), mark-all asks again without it instead of failing', async () => {
    const fake = fakeDiscourse();
    await fake.control({ typesUpTo: 35 });
    const b = keyed(fake.baseUrl);
    // What is left is the fixture's two type-36 notifications, which such a forum would never have made.
    expect(await b.markNotificationsRead({ all: true })).to.deep.equal({ unread: 2 });
    const writes = (await fake.writes()).map((w: DiscourseRequest) => JSON.parse(w.body));
    expect(writes).to.deep.equal([
      // Refused by that Discourse (an unknown name: 400), then the types it knows.
      { dismiss_types: 'mentioned,replied,posted,custom,group_mentioned,watching_first_post,watching_category_or_tag' },
      { dismiss_types: 'mentioned,replied,posted,custom,group_mentioned,watching_first_post' },
    ]);
    const left = await (await fetch(`${fake.baseUrl}/session/current.json`)).json();
    expect(left.current_user.grouped_unread_notifications, 'the like and the quote stay unread').to.deep.equal({ 3: 1, 5: 1, 36: 2 });
  });

  it('refuses a cursor it did not hand out (400) before any request: never another page or a huge offset', async () => {
    const fake = fakeDiscourse();
    const b = keyed(fake.baseUrl);
    for (const cursor of ['abc', '-5:-3', '0:0:0', '1e21', 'Infinity', '99999999999999999999', '0:60', '0:1e9', ' 60']) {
      const e = await b.listNotifications({ cursor }).then(() => null, (err: unknown) => err);
      expect(e, cursor).to.be.instanceOf(BackendError);
      expect((e as BackendError).status, cursor).to.equal(400);
    }
    expect(await reads(fake, '/notifications.json')).to.deep.equal([]);
    // The cursors it hands out still work.
    expect((await b.listNotifications({ cursor: '0:2' })).items.length).to.be.greaterThan(0);
  });

  it('refuses an id that is not a positive integer before any request (Discourse would take it as mark-all)', async () => {
    const fake = fakeDiscourse();
    const b = keyed(fake.baseUrl);
    for (const ids of [['x'], ['31', '0'], ['-3'], ['1.5'], [' 31']]) {
      const e = await b.markNotificationsRead({ ids }).catch((x: unknown) => x);
      expect(e, JSON.stringify(ids)).to.be.instanceOf(ValidationError);
      expect((e as ValidationError).errors[0]!.path).to.equal(`ids[${ids.length - 1}]`);
    }
    expect(await fake.log()).to.deep.equal([]);
    expect((await b.listNotifications({})).unread).to.equal(6);
  });

  it('pages with a cursor: each shown notification once, in order', async () => {
    const fake = fakeDiscourse();
    const b = keyed(fake.baseUrl);
    const all = (await b.listNotifications({})).items.map((n) => n.id);
    const pages: NotificationPage[] = [];
    let cursor: string | undefined;
    do {
      const page = await b.listNotifications({ limit: 2, cursor });
      pages.push(page);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && pages.length < 10);
    expect(pages.map((p) => p.items.map((n) => n.id))).to.deep.equal([['31', '30'], ['28', '26'], ['25', '24'], ['23', '22']]);
    expect(pages.flatMap((p) => p.items.map((n) => n.id))).to.deep.equal(all);
    // The last page ends where nothing after it is shown: no cursor to an empty page.
    // Each cursor names the Discourse page and how many of its shown notifications were returned.
    expect(pages.map((p) => p.nextCursor)).to.deep.equal(['0:2', '0:4', '0:6', null]);
    expect((await reads(fake, '/notifications.json')).slice(1)).to.deep.equal(Array(4).fill('offset=0&limit=60'));
  });

  it('reads past a Discourse page of notifications Confab does not show', async () => {
    const fake = fakeDiscourse();
    const liked = await fixture('derived/notifications.json').then((d) => d.notifications.find((n: { id: number }) => n.id === 29));
    await fake.control({ notifications: Array.from({ length: 70 }, (_, i) => ({ ...liked, id: 1000 - i, read: true })) });
    const page = await keyed(fake.baseUrl).listNotifications({ limit: 3 });
    expect(page.items.map((n) => n.id)).to.deep.equal(['31', '30', '28']);
    expect(page.nextCursor).to.equal('60:3');
    expect(await reads(fake, '/notifications.json')).to.deep.equal(['offset=0&limit=60', 'offset=60&limit=60']);
  });

  it('pages every visible notification once when Discourse drops hidden topics\' rows after offset and limit', async () => {
    const fake = fakeDiscourse();
    const mention = await fixture('derived/notifications.json').then((d) => d.notifications.find((n: { id: number }) => n.id === 28));
    // 62 new mentions, newest first: every third in a topic the reader can no longer see (999).
    const added = Array.from({ length: 62 }, (_, i) => ({ ...mention, id: 500 - i, topic_id: i % 3 === 0 ? 999 : 8 }));
    await fake.control({ notifications: added, hiddenTopics: [999] });
    const b = keyed(fake.baseUrl);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await b.listNotifications({ limit: 3, cursor });
      seen.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && ++pages < 60);
    const visible = [...added.filter((n) => n.topic_id !== 999).map((n) => String(n.id)), '31', '30', '28', '26', '25', '24', '23', '22'];
    expect(seen).to.deep.equal(visible);
  });

  it('leaves out a notification whose topic Confab does not list: a mention inside a private message', async () => {
    const fake = fakeDiscourse();
    // The recorded private message (topic 10, "Greetings!") as Discourse sends a mention inside it:
    // the same type as a mention on the forum; /latest.json?topic_ids= never lists a message.
    const message = (await fixture('dev_docs_notifications.json')).notifications.find((n: { notification_type: number }) => n.notification_type === 6);
    await fake.control({ notifications: [{ ...message, id: 60, notification_type: 1, read: false, post_number: 2 }] });
    const page = await keyed(fake.baseUrl).listNotifications({ limit: 1 });
    expect(page.items.map((n) => n.id)).to.deep.equal(['31']);
    expect(await reads(fake, '/latest.json')).to.deep.equal([`topic_ids=${encodeURIComponent('10,57,8,12')}`]);
  });

  it('reads the kinds of a page\'s topics 30 at a time, as Discourse lists at most 30 topics a page', async () => {
    const fake = fakeDiscourse();
    // 45 topics, each with one reply notification: every third in the Q&A category (13), the others in test1 (1).
    const ids = Array.from({ length: 45 }, (_, i) => 3000 + i);
    const reply = (await fixture('derived/notifications.json')).notifications.find((n: { id: number }) => n.id === 31);
    await fake.control({
      listed: ids.map((id, i) => ({ id, category_id: i % 3 === 0 ? 13 : 1 })),
      notifications: ids.map((id, i) => ({ ...reply, id: 5000 - i, topic_id: id, read: true })),
    });
    const page = await keyed(fake.baseUrl).listNotifications({ limit: 45 });
    expect(page.items.map((n) => [n.target.id, n.type, n.target.kind])).to.deep.equal(
      ids.map((id, i) => [String(id), i % 3 === 0 ? 'answer' : 'reply', i % 3 === 0 ? 'question' : 'thread']));
    const asked = (await reads(fake, '/latest.json')).map((q) => new URLSearchParams(q).get('topic_ids')!.split(','));
    // 48 topics on the page (those of the recorded notifications, 57, 8 and 12, besides): two reads, of 30 and 18.
    expect(asked.map((list) => list.length)).to.deep.equal([30, 18]);
    expect(new Set(asked.flat())).to.have.property('size', 48);
  });

  it('a session without grouped_unread_notifications fails naming the field', async () => {
    const recorded = await fixture('dev_docs_notifications.json');
    const session = await fixture('derived/session-current.json');
    const e = await withFixtures({ '/notifications.json': recorded, '/session/current.json': session }, () =>
      new DiscourseBackend({ baseUrl: 'https://forum.example.com' }).listNotifications({})).catch((x: unknown) => x);
    expect(e).to.be.instanceOf(ValidationError);
    expect((e as ValidationError).message).to.equal('Unexpected response from /session/current.json: current_user.grouped_unread_notifications: missing (a Discourse that sends per-type unread counts is needed)');
  });

  it('a malformed Discourse answer fails naming the field', async () => {
    const good = await fixture('derived/notifications.json');
    const session = await fixture('derived/session-current.json');
    const b = new DiscourseBackend({ baseUrl: 'https://forum.example.com', questionsCategory: 'questions' });
    const broken = structuredClone(good);
    delete broken.notifications[1].created_at;
    const e = await withFixtures({ '/notifications.json': broken, '/session/current.json': session, '/latest.json': { topic_list: { topics: [{ id: 57, category_id: 1 }] } } },
      () => b.listNotifications({})).catch((x: unknown) => x);
    expect(e).to.be.instanceOf(ValidationError);
    expect((e as ValidationError).message).to.equal('Unexpected response from /notifications.json: notifications[1].created_at: missing date');
    const e2 = await withFixtures({ '/notifications.json': { total_rows_notifications: 3 }, '/session/current.json': session }, () => b.listNotifications({})).catch((x: unknown) => x);
    expect((e2 as ValidationError).message).to.equal('Unexpected response from /notifications.json: notifications: missing list');
    const noType = structuredClone(good);
    delete noType.notifications[0].notification_type;
    const e3 = await withFixtures({ '/notifications.json': noType, '/session/current.json': session }, () => b.listNotifications({})).catch((x: unknown) => x);
    expect((e3 as ValidationError).message).to.equal('Unexpected response from /notifications.json: notifications[0].notification_type: missing type');
  });

  it('signed out: the contract\'s 401, for the list and for marking', async () => {
    const fake = fakeDiscourse();
    await fake.control({ signedOut: true });
    const b = new DiscourseBackend({ baseUrl: fake.baseUrl, credentials: 'include' });
    for (const call of [() => b.listNotifications({}), () => b.markNotificationsRead({ all: true })]) {
      const e = await call().catch((x: unknown) => x);
      expect(e).to.be.instanceOf(AuthError);
      expect((e as AuthError).status).to.equal(401);
    }
  });
});

describe('DiscourseBackend live notifications (MessageBus /notification/{user_id})', () => {
  it('tells a new notification Confab shows, with the unread count; a read, or one it does not show, tells nothing', async () => {
    const fake = fakeDiscourse();
    const b = keyed(fake.baseUrl);
    const recorded = (await fixture('derived/notifications.json')).notifications as { id: number }[];
    const like = (id: number) => ({ ...recorded.find((n) => n.id === 29), id, created_at: '2026-03-01T09:00:00.000Z' });
    const reply = (id: number) => ({ ...recorded.find((n) => n.id === 31), id, created_at: '2026-03-01T09:00:00.000Z' });
    const mention = (id: number) => ({ ...recorded.find((n) => n.id === 28), id, created_at: '2026-03-01T09:05:00.000Z' });
    // The channel is the signed-in user's own (session-current.json: user 1), asked first at -1.
    const { events, stop } = await listen(fake, b);
    try {
      await fake.control({ notify: [reply(40)] });
      await waitFor(() => events.length === 1, 'the reply told');
      expect(events[0]!.type).to.equal('notification.created');
      expect(summary(events[0]!.notification)).to.deep.equal(['40', 'answer', 'question', '57', '226', false]);
      // Six unread before, the new answer makes seven (counted as listNotifications counts).
      expect(events[0]!.unread).to.equal(7);
      await b.markNotificationsRead({ ids: ['40'] });
      await fake.control({ notify: [like(41)] });
      await fake.control({ notify: [mention(42)] });
      await waitFor(() => events.length >= 2, 'the mention told');
      expect(events.map((e) => [e.notification.id, e.notification.type, e.unread])).to.deep.equal([['40', 'answer', 7], ['42', 'mention', 7]]);
    } finally {
      stop();
    }
  });

  it('does not tell a mention inside a private message (its topic is not one Confab lists)', async () => {
    const fake = fakeDiscourse();
    const b = keyed(fake.baseUrl);
    const message = (await fixture('dev_docs_notifications.json')).notifications.find((n: { notification_type: number }) => n.notification_type === 6);
    const reply = (await fixture('derived/notifications.json')).notifications.find((n: { id: number }) => n.id === 31);
    const { events, stop } = await listen(fake, b);
    try {
      await fake.control({ notify: [{ ...message, id: 60, notification_type: 1, read: false, post_number: 2, created_at: '2026-03-01T09:00:00.000Z' }] });
      await fake.control({ notify: [{ ...reply, id: 61, created_at: '2026-03-01T09:01:00.000Z' }] });
      await waitFor(() => events.length >= 1, 'the reply told');
      expect(events.map((e) => e.notification.id)).to.deep.equal(['61']);
      // The message's topic was asked for and not listed.
      expect(await reads(fake, '/latest.json')).to.include('topic_ids=10');
    } finally {
      stop();
    }
  });

  it('goes past a message it cannot read: the next notification still arrives', async () => {
    const fake = fakeDiscourse();
    const b = new DiscourseBackend({ baseUrl: fake.baseUrl, questionsCategory: 'questions', userApiKey: () => KEY, liveRetryMs: 20 });
    const reply = (await fixture('derived/notifications.json')).notifications.find((n: { id: number }) => n.id === 31);
    const { events, stop } = await listen(fake, b);
    try {
      // A state whose counts are null: unreadable, tried three times, then let go of.
      await fake.control({ publish: [{ channel: '/notification/1', data: { last_notification: { notification: { ...reply, id: 70 } }, grouped_unread_notifications: null } }] });
      await fake.control({ notify: [{ ...reply, id: 71, created_at: '2026-03-01T09:01:00.000Z' }] });
      await waitFor(() => events.length >= 1, 'the next notification told');
      expect(events.map((e) => [e.notification.id, e.unread])).to.deep.equal([['71', 7]]);
    } finally {
      stop();
    }
  });

  it('where the forum has long polling off, polls every livePollMs instead of at once, and still tells a new notification', async () => {
    const fake = fakeDiscourse();
    await fake.control({ longPolling: false });
    const b = new DiscourseBackend({ baseUrl: fake.baseUrl, questionsCategory: 'questions', userApiKey: () => KEY, livePollMs: 200 });
    const reply = (await fixture('derived/notifications.json')).notifications.find((n: { id: number }) => n.id === 31);
    const { events, stop } = await listen(fake, b);
    try {
      await new Promise((r) => setTimeout(r, 1000));
      // About five in that second at one per 200 ms; polling again at once made hundreds.
      expect((await fake.log()).filter((r) => r.path.endsWith('/poll')).length).to.be.below(20);
      await fake.control({ notify: [{ ...reply, id: 80, created_at: '2026-03-01T09:01:00.000Z' }] });
      await waitFor(() => events.length >= 1, 'told at the next poll');
      expect(events.map((e) => e.notification.id)).to.deep.equal(['80']);
    } finally {
      stop();
    }
  });

  it('signed out: no channel, no poll', async () => {
    const fake = fakeDiscourse();
    await fake.control({ signedOut: true });
    const abort = new AbortController();
    const b = new DiscourseBackend({ baseUrl: fake.baseUrl, credentials: 'include' });
    b.subscribeNotifications(() => expect.fail('no event when signed out'), abort.signal);
    await waitFor(async () => (await fake.log()).some((r) => r.path === '/session/current.json'), 'session asked');
    // The session answered 404 before the list's 403 is known: both are read together, then nothing.
    await waitFor(async () => (await fake.log()).filter((r) => r.path === '/notifications.json').length === 1, 'newest asked');
    await b.me();
    expect((await fake.log()).some((r) => r.path.endsWith('/poll'))).to.equal(false);
    abort.abort();
  });
});

describe('<confab-notifications> on DiscourseBackend', () => {
  afterEach(() => {
    _resetConfigForTests();
    _resetResourcesForTests();
  });

  it('lists the notifications by topic, marks one read on Discourse, and counts a new one live', async () => {
    const fake = fakeDiscourse();
    const backend = keyed(fake.baseUrl);
    const wrap = await mountHtml(html`<confab-provider .backend=${backend}><confab-notifications lang="en"></confab-notifications></confab-provider>`);
    const el = wrap.querySelector<ConfabNotifications>('confab-notifications')!;
    const $ = (sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
    const $$ = (sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
    await waitFor(() => $('[part~="badge"]')?.textContent?.trim() === '6', 'six unread on the bell');
    $('[part~="bell"]')!.click();
    await waitFor(() => $$('[part~="item"]').length === 8, 'eight notifications listed');
    expect($$('[part~="group"] h3').map((h) => h.textContent)).to.deep.equal([SANDBOX, 'Welcome to Discourse', 'E45937e6-b689-b938-f7d1-13f649']);
    expect($$('[part~="item"]')[0]!.textContent).to.include('Stefan Plattner answered');
    // Discourse keeps delivery preferences on its own screens: no Preferences button here.
    expect($('[part~="preferences"]')).to.equal(null);
    $$('[part~="item"]')[0]!.querySelector<HTMLElement>('[part~="mark-read"]')!.click();
    await waitFor(() => $('[part~="badge"]')?.textContent?.trim() === '5', 'five unread');
    const [w] = await fake.writes();
    expect([w!.method, w!.path, JSON.parse(w!.body)]).to.deep.equal(['PUT', '/notifications/mark-read.json', { id: 31 }]);
    await expect(el).to.be.accessible();

    // Someone answers: Discourse publishes the user's notification state, and the bell counts it live.
    await waitFor(async () => (await fake.log()).filter((r) => r.path.endsWith('/poll')).length >= 2, 'long poll open');
    const answered = (await fixture('derived/notifications.json')).notifications[0];
    await fake.control({ notify: [{ ...answered, id: 50, created_at: new Date().toISOString() }] });
    await waitFor(() => $('[part~="badge"]')?.textContent?.trim() === '6', 'six unread, live');
    await waitFor(() => $$('[part~="item"]').length === 9, 'the new answer listed');
  });
});
