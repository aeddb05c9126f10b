import { expect } from '@open-wc/testing';
import type { LiveEvent, NotificationLiveEvent } from '../../../src/contract/index.js';
import { DiscourseBackend } from '../../../src/backends/discourse/index.js';
import { waitFor } from '../core/wait.js';
import { fakeDiscourse, fixture } from './fake-discourse.js';

// The shared MessageBus poll (bus-hub.ts) at its edges, from the review of its first version: each of
// the last three failed on it (a bell joining during the long-polling-off pause, reads repeated per
// queued poll after a 429, a foreign AbortError ending the loop).

type Fake = ReturnType<typeof fakeDiscourse>;
const KEY = 'user-api-key-of-ana';
const BELL = '/notification/1';
const polls = async (fake: Fake) => (await fake.log()).filter((r) => r.path.endsWith('/poll'));
const channelsOf = (body: string) => [...new URLSearchParams(body).keys()];

async function replyNotification(id: number, topicId = 57) {
  const reply = (await fixture('derived/notifications.json')).notifications.find((n: { id: number }) => n.id === 31);
  return { ...reply, id, topic_id: topicId, created_at: new Date().toISOString() };
}

/** Live abort listeners on signals not yet aborted (a fired `once` listener is on an aborted signal). */
function abortListeners() {
  const live = new Map<AbortSignal, Set<unknown>>();
  const proto = AbortSignal.prototype as AbortSignal;
  const add = proto.addEventListener;
  const remove = proto.removeEventListener;
  proto.addEventListener = function (this: AbortSignal, type: string, l: unknown, o?: unknown) {
    if (type === 'abort') (live.get(this) ?? live.set(this, new Set()).get(this)!).add(l);
    return (add as (...a: unknown[]) => void).call(this, type, l, o);
  } as typeof proto.addEventListener;
  proto.removeEventListener = function (this: AbortSignal, type: string, l: unknown, o?: unknown) {
    if (type === 'abort') live.get(this)?.delete(l);
    return (remove as (...a: unknown[]) => void).call(this, type, l, o);
  } as typeof proto.removeEventListener;
  return {
    count: () => [...live].filter(([s]) => !s.aborted).reduce((n, [, set]) => n + set.size, 0),
    restore: () => ((proto.addEventListener = add), (proto.removeEventListener = remove)),
  };
}

describe('BusHub edges (src/backends/discourse/bus-hub.ts)', () => {
  it('keeps the abort listeners bounded however many polls (eitherSignal released)', async () => {
    const fake = fakeDiscourse();
    const counter = abortListeners();
    const b = new DiscourseBackend({ baseUrl: fake.baseUrl, questionsCategory: 'questions' });
    const abort = new AbortController();
    const events: LiveEvent[] = [];
    try {
      b.subscribe((e) => events.push(e), abort.signal);
      await waitFor(async () => (await polls(fake)).length >= 2, 'handshake');
      const base = counter.count();
      for (let i = 1; i <= 8; i++) {
        await fake.control({ publish: [{ channel: '/new', data: { topic_id: 700 + i, message_type: 'new_topic', payload: { category_id: 1, created_at: new Date().toISOString() } } }] });
        await waitFor(() => events.length >= i, `event ${i}`);
      }
      await waitFor(async () => (await polls(fake)).length >= 10, 'polls');
      expect(counter.count()).to.be.at.most(base + 1);
    } finally {
      abort.abort();
      counter.restore();
    }
  });

  it('a bell that joins while the hub sits out a long-polling-off pause still hears a notification made after its start', async () => {
    const fake = fakeDiscourse();
    await fake.control({ longPolling: false });
    const b = new DiscourseBackend({ baseUrl: fake.baseUrl, questionsCategory: 'questions', userApiKey: () => KEY, livePollMs: 4000 });
    const feed = new AbortController();
    const bell = new AbortController();
    const told: NotificationLiveEvent[] = [];
    try {
      b.subscribe(() => {}, feed.signal);
      // The handshake and one empty answer: the hub now pauses 4 s.
      await waitFor(async () => (await polls(fake)).length >= 2, 'feed polling');
      b.subscribeNotifications((e) => told.push(e), bell.signal);
      await waitFor(async () => (await fake.log()).some((r) => r.path === '/notifications.json'), 'the bell read the newest');
      // The bell has joined (its start read answered); a notification is created now, before any poll has the bell's channel.
      await new Promise((r) => setTimeout(r, 300));
      await fake.control({ notify: [await replyNotification(95)] });
      await waitFor(() => told.length === 1, 'the notification told', { timeout: 12_000 });
    } finally {
      feed.abort();
      bell.abort();
    }
  });

  it('bumps queued while the feed waits out a 429 are read once per topic after it, not once per poll', async () => {
    const fake = fakeDiscourse();
    const b = new DiscourseBackend({ baseUrl: fake.baseUrl, questionsCategory: 'questions', maxRetryAfter: 0, liveRetryMs: 50 });
    const abort = new AbortController();
    const events: LiveEvent[] = [];
    const lastReads = async () => (await fake.log()).filter((r) => r.path === '/t/57/last.json').length;
    try {
      b.subscribe((e) => events.push(e), abort.signal);
      await waitFor(async () => (await polls(fake)).length >= 2, 'handshake');
      await fake.control({ rateLimit: { path: '/t/57/last.json', seconds: 3 } });
      await fake.control({ replies: [{ topic: 57 }] });
      await waitFor(async () => (await lastReads()) === 1, 'the 429');
      // Five more replies to 57, each answering a poll of its own, while the feed waits 3 s.
      for (let i = 0; i < 5; i++) {
        const n = (await polls(fake)).length;
        await fake.control({ replies: [{ topic: 57 }] });
        await waitFor(async () => (await polls(fake)).length > n, 'the next poll');
      }
      await fake.control({ publish: [{ channel: '/new', data: { topic_id: 810, message_type: 'new_topic', payload: { category_id: 1, created_at: new Date().toISOString() } } }] });
      await waitFor(() => events.some((e) => e.id === '810'), 'marker told');
      expect(events.filter((e) => e.type === 'post.created')).to.have.length(6);
      // The failed read, the bump it was for, and one read for what queued meanwhile (not one per poll: 1 + 6).
      expect(await lastReads()).to.be.at.most(3);
    } finally {
      abort.abort();
    }
  });

  it('an AbortError that is not the hub\'s own (a key provider\'s) does not end polling for good', async () => {
    const fake = fakeDiscourse();
    let calls = 0;
    const userApiKey = () => {
      // The app's key provider aborted its own refresh once (e.g. a superseded token request).
      if (++calls === 1) throw new DOMException('superseded', 'AbortError');
      return KEY;
    };
    const b = new DiscourseBackend({ baseUrl: fake.baseUrl, questionsCategory: 'questions', userApiKey, liveRetryMs: 50 });
    const feed = new AbortController();
    const bell = new AbortController();
    try {
      b.subscribe(() => {}, feed.signal);
      b.subscribeNotifications(() => {}, bell.signal);
      await waitFor(async () => (await polls(fake)).some((r) => channelsOf(r.body).includes(BELL)), 'a poll with the bell', { timeout: 8000 });
    } finally {
      feed.abort();
      bell.abort();
    }
  });

  it('waits out a poll answered with JSON that is not a list of messages, instead of polling again at once', async () => {
    const fake = fakeDiscourse();
    // A proxy or plugin answering 200 with an object: before, each such answer was polled again at once.
    await fake.control({ failing: [{ pathEnd: '/poll', status: 200, body: { ok: true } }] });
    const b = new DiscourseBackend({ baseUrl: fake.baseUrl, questionsCategory: 'questions', liveRetryMs: 200 });
    const abort = new AbortController();
    try {
      b.subscribe(() => {}, abort.signal);
      await waitFor(async () => (await polls(fake)).length >= 2, 'polls');
      await new Promise((r) => setTimeout(r, 1000));
      // Backoff from 200 ms, doubling: a handful in a second (at network speed it was hundreds).
      expect((await polls(fake)).length).to.be.below(8);
    } finally {
      abort.abort();
    }
  });

  it("a bell callback that throws is reported, not retried as the message's failure", async () => {
    const fake = fakeDiscourse();
    const b = new DiscourseBackend({ baseUrl: fake.baseUrl, questionsCategory: 'questions', userApiKey: () => KEY, liveRetryMs: 20 });
    const reported: unknown[] = [];
    const mochaOnError = window.onerror;
    window.onerror = (_message, _source, _line, _column, error) => (reported.push(error), true);
    const bell = new AbortController();
    const told: string[] = [];
    try {
      b.subscribeNotifications((e) => {
        told.push(e.notification.id);
        throw new Error(`the page's own bug at ${e.notification.id}`);
      }, bell.signal);
      await waitFor(async () => (await polls(fake)).some((r) => channelsOf(r.body).includes(BELL)), 'the bell polls');
      await fake.control({ notify: [await replyNotification(96)] });
      await fake.control({ notify: [await replyNotification(97)] });
      await waitFor(() => told.length >= 2 && reported.length >= 2, 'both told');
      await new Promise((r) => setTimeout(r, 200));
      // Once each: a throw taken for a failure would be tried three times.
      expect(told).to.deep.equal(['96', '97']);
      expect(reported.map((e) => (e as Error).message)).to.deep.equal(["the page's own bug at 96", "the page's own bug at 97"]);
    } finally {
      bell.abort();
      window.onerror = mochaOnError;
    }
  });
});
