import { expect } from '@open-wc/testing';
import type { LiveEvent } from '../../../src/contract/index.js';
import { DiscourseBackend } from '../../../src/backends/discourse/index.js';
import { DiscourseHttp } from '../../../src/backends/discourse/http.js';
import { subscribeMessageBus } from '../../../src/backends/discourse/message-bus.js';
import { TopicWatch } from '../../../src/backends/discourse/topic-watch.js';
import { fakeDiscourse } from './fake-discourse.js';

// The MessageBus stream against the fake Discourse: what it costs the forum and what it keeps.

const until = (done: () => boolean | Promise<boolean>, what = 'condition') => new Promise<void>((resolve, reject) => {
  const end = Date.now() + 8000;
  const check = async () => ((await done()) ? resolve() : Date.now() > end ? reject(new Error(`timed out: ${what}`)) : setTimeout(check, 20));
  void check();
});

type Fake = ReturnType<typeof fakeDiscourse>;
const polls = async (fake: Fake) => (await fake.log()).filter((r) => r.path.includes('/poll'));
const reads = async (fake: Fake) => (await fake.log()).filter((r) => r.method === 'GET').map((r) => r.path);

/** Counts the abort listeners on `signal` that are still attached (added and neither removed nor fired). */
function countListeners(signal: AbortSignal) {
  const live = new Set<unknown>();
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((type: string, l: EventListenerOrEventListenerObject, o?: AddEventListenerOptions) => {
    if (type === 'abort') live.add(l);
    add(type, l, o);
  }) as typeof signal.addEventListener;
  signal.removeEventListener = ((type: string, l: EventListenerOrEventListenerObject, o?: EventListenerOptions) => {
    if (type === 'abort') live.delete(l);
    remove(type, l, o);
  }) as typeof signal.removeEventListener;
  return () => live.size;
}

describe('DiscourseBackend live stream (fake Discourse)', () => {
  it('leaves no abort listener behind on the subscription signal after each poll', async () => {
    const fake = fakeDiscourse();
    const b = new DiscourseBackend({ baseUrl: fake.baseUrl, questionsCategory: 'questions' });
    const abort = new AbortController();
    const attached = countListeners(abort.signal);
    const events: LiveEvent[] = [];
    b.subscribe((e) => events.push(e), abort.signal);
    await until(async () => (await polls(fake)).length >= 2, 'handshake');
    // Each publish answers the pending poll: six polls more.
    for (let i = 1; i <= 6; i++) {
      await fake.control({ publish: [{ channel: '/new', data: { topic_id: 700 + i, message_type: 'new_topic', payload: { category_id: 1, created_at: new Date().toISOString() } } }] });
      await until(() => events.length >= i, `event ${i}`);
    }
    await until(async () => (await polls(fake)).length >= 8, 'polls');
    // The stream's own (stop watching) and the pending poll's, whatever the number of polls so far.
    expect(attached()).to.be.at.most(2);
    abort.abort();
  });

  it('where the forum has long polling off, polls every livePollMs instead of at once, and still tells what is new', async () => {
    const fake = fakeDiscourse();
    await fake.control({ longPolling: false });
    const b = new DiscourseBackend({ baseUrl: fake.baseUrl, questionsCategory: 'questions', livePollMs: 200 });
    const abort = new AbortController();
    const events: LiveEvent[] = [];
    b.subscribe((e) => events.push(e), abort.signal);
    try {
      await until(async () => (await polls(fake)).length >= 2, 'handshake');
      await new Promise((r) => setTimeout(r, 1000));
      // About five in that second at one per 200 ms; polling again at once made hundreds.
      expect((await polls(fake)).length).to.be.below(20);
      await fake.control({ publish: [{ channel: '/new', data: { topic_id: 801, message_type: 'new_topic', payload: { category_id: 1, created_at: new Date().toISOString() } } }] });
      await until(() => events.length >= 1, 'the new topic told at the next poll');
    } finally {
      abort.abort();
    }
  });

  it('polls only the channels of the topics the watch holds, the most recently read kept longest', async () => {
    const fake = fakeDiscourse();
    const watch = new TopicWatch(2);
    const abort = new AbortController();
    subscribeMessageBus({ http: new DiscourseHttp(fake.baseUrl, {}), context: async () => ({ origin: location.origin, categories: new Map() }), questionsCategory: 'questions', watch }, () => {}, abort.signal);
    const lastPoll = async () => new URLSearchParams((await polls(fake)).at(-1)?.body ?? '');
    await until(async () => (await polls(fake)).length >= 2, 'handshake');
    // 57 and 13 read, 57 read again (now the most recent), then 99: 13 is the one let go of.
    for (const id of [57, 13, 57, 99]) {
      watch.add(id);
      await until(async () => (await lastPoll()).has(`/topic/${id}`), `poll with /topic/${id}`);
    }
    expect(watch.channels()).to.deep.equal(['/topic/57', '/topic/99']);
    await until(async () => [...(await lastPoll()).keys()].length === 4, 'four channels');
    expect([...(await lastPoll()).keys()].sort()).to.deep.equal(['/latest', '/new', '/topic/57', '/topic/99']);
    // Many topics read: the poll never asks for more than the watch holds.
    for (let id = 1; id <= 10; id++) watch.add(id);
    await until(async () => (await lastPoll()).has('/topic/10'), 'poll with /topic/10');
    expect([...(await lastPoll()).keys()].sort()).to.deep.equal(['/latest', '/new', '/topic/10', '/topic/9']);
    abort.abort();
  });

  it('reads a bumped topic only when its category is in scope, once per poll, and retries a failed read', async () => {
    const fake = fakeDiscourse();
    // Scoped to the Q&A category (13, a subcategory of test2); a 429 is not waited out inside the read.
    const b = new DiscourseBackend({ baseUrl: fake.baseUrl, questionsCategory: 'questions', liveCategories: ['questions'], maxRetryAfter: 0, liveRetryMs: 50 });
    const events: LiveEvent[] = [];
    const abort = new AbortController();
    b.subscribe((e) => events.push(e), abort.signal);
    await until(async () => (await polls(fake)).length >= 2, 'handshake');
    const bump = (topic: number, category: number, at = new Date(Date.now() + 60_000).toISOString()) =>
      ({ channel: '/latest', data: { topic_id: topic, message_type: 'latest', payload: { bumped_at: at, category_id: category, archetype: 'regular' } } });
    // One poll: bumps in other categories (test1 is 1; 99 is not on the forum) and three of 57.
    await fake.control({ publish: [bump(13, 1), bump(57, 13), bump(1234, 99), bump(57, 13), bump(57, 13)] });
    // A marker in a later poll: the bumps before it are handled.
    await fake.control({ publish: [{ channel: '/new', data: { topic_id: 800, message_type: 'new_topic', payload: { category_id: 13, created_at: new Date().toISOString() } } }] });
    await until(() => events.some((e) => e.id === '800'), 'marker');
    expect((await reads(fake)).filter((p) => p.startsWith('/t/'))).to.deep.equal(['/t/57/last.json']);
    // The read after a reply answers 429 (Retry-After 1 s): the bump is read again after the wait, not lost.
    await fake.control({ rateLimit: { path: '/t/57/last.json', seconds: 1 } });
    const reply = await b.replyToThread('57', { body: 'Heard after the wait' });
    await until(() => events.some((e) => e.type === 'post.created' && e.id === reply.id), 'reply after the 429');
    expect((await reads(fake)).filter((p) => p === '/t/57/last.json')).to.have.length(3);
    abort.abort();
  });

  it('tells each of two replies made before the first bump is read, by its own id, once', async () => {
    const fake = fakeDiscourse();
    const b = new DiscourseBackend({ baseUrl: fake.baseUrl, questionsCategory: 'questions' });
    const events: LiveEvent[] = [];
    const abort = new AbortController();
    b.subscribe((e) => events.push(e), abort.signal);
    await until(async () => (await polls(fake)).length >= 2, 'handshake');
    // Two replies 5 s apart, and the second one's bump heard twice (as after a resumed stream).
    await fake.control({ replies: [{ topic: 57, agoMs: 5000 }, { topic: 57, agoMs: 0 }, { bump: true }] });
    const topic = (await (await fetch(`${fake.baseUrl}/t/57.json`)).json()) as { post_stream: { posts: { id: number }[] } };
    const [first, second] = topic.post_stream.posts.slice(-2).map((p) => String(p.id));
    // A later /new as a marker: the bumps before it are all handled.
    await fake.control({ publish: [{ channel: '/new', data: { topic_id: 801, message_type: 'new_topic', payload: { category_id: 1, created_at: new Date().toISOString() } } }] });
    await until(() => events.some((e) => e.id === '801'), 'marker');
    expect(events.filter((e) => e.type === 'post.created').map((e) => e.id)).to.deep.equal([first, second]);
    abort.abort();
  });
});
