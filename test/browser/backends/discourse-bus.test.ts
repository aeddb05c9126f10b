import { expect } from '@open-wc/testing';
import type { LiveEvent, NotificationLiveEvent } from '../../../src/contract/index.js';
import { DiscourseBackend } from '../../../src/backends/discourse/index.js';
import { waitFor } from '../core/wait.js';
import { fakeDiscourse, fixture, type DiscourseRequest } from './fake-discourse.js';

// The feed's live events and the bell on one MessageBus long poll per backend (bus-hub.ts): what the
// vendor's forum sees (client ids, channels, polls in flight) and what each subscription still gets.

type Fake = ReturnType<typeof fakeDiscourse>;
const KEY = 'user-api-key-of-ana';
const BELL = '/notification/1';

const polls = async (fake: Fake) => (await fake.log()).filter((r) => r.path.endsWith('/poll'));
const clientOf = (r: DiscourseRequest) => r.path.split('/')[2];
const channelsOf = (r: DiscourseRequest) => [...new URLSearchParams(r.body).keys()].sort();
const lastChannels = async (fake: Fake) => {
  const last = (await polls(fake)).at(-1);
  return last ? channelsOf(last) : [];
};

/**
 * Counts the page's MessageBus polls in flight, by looking at fetch (each call still goes to the fake
 * forum): the most at once since the start, as the page holds them. An aborted poll is out of flight
 * before the poll after it is sent.
 */
function pollsInFlight() {
  const real = window.fetch;
  let now = 0;
  let most = 0;
  window.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.includes('/message-bus/')) return real(input, init);
    most = Math.max(most, ++now);
    return real(input, init).finally(() => now--);
  }) as typeof fetch;
  return { most: () => most, now: () => now, restore: () => void (window.fetch = real) };
}

const newTopic = (id: number) => ({ channel: '/new', data: { topic_id: id, message_type: 'new_topic', payload: { category_id: 1, created_at: new Date().toISOString() } } });

async function replyNotification(id: number, topicId = 57) {
  const reply = (await fixture('derived/notifications.json')).notifications.find((n: { id: number }) => n.id === 31);
  return { ...reply, id, topic_id: topicId, created_at: new Date().toISOString() };
}

/** The feed and the bell of `b`, each with its own signal, as a page with both subscribes them. */
function subscribeBoth(b: DiscourseBackend) {
  const feed = { events: [] as LiveEvent[], abort: new AbortController() };
  const bell = { events: [] as NotificationLiveEvent[], abort: new AbortController() };
  b.subscribe((e) => feed.events.push(e), feed.abort.signal);
  b.subscribeNotifications((e) => bell.events.push(e), bell.abort.signal);
  return { feed, bell, stop: () => (feed.abort.abort(), bell.abort.abort()) };
}

describe('DiscourseBackend: one MessageBus poll for the feed and the bell', () => {
  it('tells feed events and bell notifications from one poll at a time, under one client id, every channel in its body', async () => {
    const fake = fakeDiscourse();
    const inFlight = pollsInFlight();
    const b = new DiscourseBackend({ baseUrl: fake.baseUrl, questionsCategory: 'questions', userApiKey: () => KEY });
    const { feed, bell, stop } = subscribeBoth(b);
    try {
      await waitFor(async () => (await lastChannels(fake)).includes(BELL), 'the bell joined the poll');
      await fake.control({ publish: [newTopic(901)] });
      await fake.control({ notify: [await replyNotification(90)] });
      await waitFor(() => feed.events.some((e) => e.id === '901') && bell.events.length === 1, 'both told');
      expect(bell.events[0]!.notification.id).to.equal('90');
      const all = await polls(fake);
      expect(new Set(all.map(clientOf)).size).to.equal(1);
      // Once the bell is in, every poll asks for the feed's channels and the bell's together.
      const joined = all.findIndex((r) => channelsOf(r).includes(BELL));
      expect(all.slice(joined).map(channelsOf)).to.deep.equal(all.slice(joined).map(() => ['/latest', '/new', BELL]));
      expect(inFlight.most()).to.equal(1);
    } finally {
      stop();
      inFlight.restore();
    }
  });

  it('a new subscriber and a newly watched topic restart the pending poll with their channel added', async () => {
    const fake = fakeDiscourse();
    // A poll with nothing to answer is held for a minute: a channel can only join by a restart.
    await fake.control({ holdMs: 60_000 });
    const inFlight = pollsInFlight();
    const b = new DiscourseBackend({ baseUrl: fake.baseUrl, questionsCategory: 'questions', userApiKey: () => KEY });
    const feed = new AbortController();
    const bell = new AbortController();
    try {
      b.subscribe(() => {}, feed.signal);
      // The handshake (-1, answered at once with /__status), then the held poll.
      await waitFor(async () => (await polls(fake)).length === 2 && inFlight.now() === 1, 'the feed\'s poll held');
      b.subscribeNotifications(() => {}, bell.signal);
      await waitFor(async () => (await lastChannels(fake)).includes(BELL), 'a poll with the bell\'s channel');
      await b.getThread('57');
      await waitFor(async () => (await lastChannels(fake)).includes('/topic/57'), 'a poll with the read topic\'s channel');
      expect(await lastChannels(fake)).to.deep.equal(['/latest', '/new', BELL, '/topic/57']);
      expect(new Set((await polls(fake)).map(clientOf)).size).to.equal(1);
      expect(inFlight.most()).to.equal(1);
    } finally {
      feed.abort();
      bell.abort();
      inFlight.restore();
    }
  });

  for (const first of ['feed', 'bell'] as const) {
    it(`with the ${first} unsubscribed the other stays live; with both, polling ends`, async () => {
      const fake = fakeDiscourse();
      const inFlight = pollsInFlight();
      const b = new DiscourseBackend({ baseUrl: fake.baseUrl, questionsCategory: 'questions', userApiKey: () => KEY });
      const { feed, bell } = subscribeBoth(b);
      try {
        await waitFor(async () => (await lastChannels(fake)).includes(BELL), 'the bell joined the poll');
        (first === 'feed' ? feed : bell).abort.abort();
        const left = first === 'feed' ? [BELL] : ['/latest', '/new'];
        await waitFor(async () => (await lastChannels(fake)).join() === left.join(), `a poll without the ${first}'s channels`);
        await fake.control({ publish: [newTopic(902)] });
        await fake.control({ notify: [await replyNotification(91)] });
        if (first === 'feed') await waitFor(() => bell.events.length === 1, 'the bell still told');
        else await waitFor(() => feed.events.some((e) => e.id === '902'), 'the feed still told');
        // The one unsubscribed hears nothing more.
        expect(first === 'feed' ? feed.events : bell.events).to.deep.equal([]);

        (first === 'feed' ? bell : feed).abort.abort();
        await waitFor(() => inFlight.now() === 0, 'no poll in flight');
        const before = (await polls(fake)).length;
        // Another page's backend on the same forum hears two new topics: a poll of the first, had it
        // gone on, would have been answered by each and sent again.
        const other = new DiscourseBackend({ baseUrl: fake.baseUrl, questionsCategory: 'questions' });
        const stopOther = new AbortController();
        const heard: LiveEvent[] = [];
        other.subscribe((e) => heard.push(e), stopOther.signal);
        await waitFor(async () => (await polls(fake)).length >= before + 2, 'the other page polls');
        await fake.control({ publish: [newTopic(903)] });
        await waitFor(() => heard.some((e) => e.id === '903'), 'the other page told');
        await fake.control({ publish: [newTopic(904)] });
        await waitFor(() => heard.some((e) => e.id === '904'), 'the other page told again');
        stopOther.abort();
        const firstClient = clientOf((await polls(fake))[0]!);
        expect((await polls(fake)).slice(before).filter((r) => clientOf(r) === firstClient)).to.deep.equal([]);
      } finally {
        feed.abort.abort();
        bell.abort.abort();
        inFlight.restore();
      }
    });
  }

  it('two feeds on one backend each get every event once, even when the first one\'s callback throws', async () => {
    const fake = fakeDiscourse();
    const b = new DiscourseBackend({ baseUrl: fake.baseUrl, questionsCategory: 'questions' });
    // The throws are reported (an uncaught error of the page), not taken for the message's failure.
    const reported: unknown[] = [];
    const mochaOnError = window.onerror;
    window.onerror = (_message, _source, _line, _column, error) => (reported.push(error), true);
    const abort = new AbortController();
    const first: string[] = [];
    const second: string[] = [];
    try {
      b.subscribe((e) => {
        first.push(e.id);
        throw new Error(`the page's own bug at ${e.id}`);
      }, abort.signal);
      b.subscribe((e) => second.push(e.id), abort.signal);
      await waitFor(async () => (await polls(fake)).length >= 2, 'handshake');
      await fake.control({ publish: [newTopic(905)] });
      await fake.control({ publish: [newTopic(906)] });
      await waitFor(() => second.length === 2 && reported.length === 2, 'both told to both');
      expect([first, second]).to.deep.equal([['905', '906'], ['905', '906']]);
      expect(reported.map((e) => (e as Error).message)).to.deep.equal(['the page\'s own bug at 905', 'the page\'s own bug at 906']);
      expect(new Set((await polls(fake)).map(clientOf)).size).to.equal(1);
    } finally {
      abort.abort();
      window.onerror = mochaOnError;
    }
  });

  it('a feed read waiting out a 429 does not hold up the bell', async () => {
    const fake = fakeDiscourse();
    // The feed's read of a bumped topic answers 429 with a minute's Retry-After, not waited out inside the read.
    const b = new DiscourseBackend({ baseUrl: fake.baseUrl, questionsCategory: 'questions', userApiKey: () => KEY, maxRetryAfter: 0 });
    const { bell, stop } = subscribeBoth(b);
    try {
      await waitFor(async () => (await lastChannels(fake)).includes(BELL), 'the bell joined the poll');
      await fake.control({ rateLimit: { path: '/t/57/last.json', seconds: 60 } });
      await fake.control({ replies: [{ topic: 57 }] });
      await waitFor(async () => (await fake.log()).some((r) => r.path === '/t/57/last.json'), 'the feed read the bumped topic');
      await fake.control({ notify: [await replyNotification(92)] });
      await waitFor(() => bell.events.length === 1, 'the bell told while the feed waits');
      expect(bell.events[0]!.notification.id).to.equal('92');
    } finally {
      stop();
    }
  });

  it('tries a message that fails three times, then goes past it: not fewer, not more, and it is not news after', async () => {
    const fake = fakeDiscourse();
    // The bell reads the kind of a notification's topic; topic 77's read fails (500) every time.
    await fake.control({ failing: [{ path: '/latest.json', query: 'topic_ids=77', status: 500 }] });
    const b = new DiscourseBackend({ baseUrl: fake.baseUrl, questionsCategory: 'questions', userApiKey: () => KEY, liveRetryMs: 20 });
    const { bell, stop } = subscribeBoth(b);
    try {
      await waitFor(async () => (await lastChannels(fake)).includes(BELL), 'the bell joined the poll');
      const attempts = async () => (await fake.log()).filter((r) => r.path === '/latest.json' && r.query.includes('topic_ids=77')).length;
      await fake.control({ notify: [await replyNotification(93, 77)] });
      await waitFor(async () => (await attempts()) === 3, 'three attempts');
      // The read would work now, and marking another one read publishes the state again with 93 the
      // newest: let go of, 93 is not news any more. Messages are handled in order, so when 94 is
      // told, whatever came before it has been.
      await fake.control({ failing: [] });
      await b.markNotificationsRead({ ids: ['30'] });
      await fake.control({ notify: [await replyNotification(94)] });
      await waitFor(() => bell.events.length >= 1, 'the next notification told');
      expect(bell.events.map((e) => e.notification.id)).to.deep.equal(['94']);
      expect(await attempts()).to.equal(3);
    } finally {
      stop();
    }
  });
});
