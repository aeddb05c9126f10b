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
});
