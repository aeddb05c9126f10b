import { expect } from '@open-wc/testing';
import { waitFor } from './wait.js';
import { del } from 'idb-keyval';
import { clearOutboxOf, outboxStore } from './outbox-store.js';
import { BackendError, OfflineError, ValidationError } from '../../../src/core/errors.js';
import {
  _resetForTests, dismissFailure, failures, onOutboxChange, pending, replay, startOutbox, submit, type OutboxChange,
} from '../../../src/core/outbox.js';
import { _resetConfigForTests, configure } from '../../../src/core/config.js';
import { deferred, fakeBackend, jwtFor } from './fake-backend.js';

const offline = async () => Promise.reject(new OfflineError());

// Other test files may use the outbox at the same time (same origin): touch and count only our entries,
// whose backend ids all start with 'ob-'.
const ours = (id: unknown): boolean => typeof id === 'string' && id.startsWith('ob-');
async function mine(scope?: string) {
  return (await pending(scope)).filter((e) => ours(e.backendId));
}
const clearMine = (): Promise<void> => clearOutboxOf('ob-');

describe('outbox', () => {
  beforeEach(async () => {
    _resetForTests();
    await clearMine();
  });
  afterEach(() => _resetForTests());

  it('sends now with an idempotency key when online', async () => {
    const fake = fakeBackend('ob-online', { replyToThread: async ([, input]) => ({ id: 'p1', ...(input as object) }) });
    const r = await submit(fake.backend, 'replyToThread', ['t1', { body: 'hi' }], { scope: 's' });
    expect(r).to.deep.equal({ queued: false, value: { id: 'p1', body: 'hi' } });
    const call = fake.calls.replyToThread[0];
    expect(call.args).to.deep.equal(['t1', { body: 'hi' }]);
    expect(call.opts.idempotencyKey).to.match(/^[0-9a-f-]{36}$/);
    expect(await mine()).to.deep.equal([]);
  });

  it('rethrows failures that had a response', async () => {
    const fake = fakeBackend('ob-4xx', { replyToThread: async () => Promise.reject(new BackendError('Locked', 423)) });
    let thrown: unknown;
    await submit(fake.backend, 'replyToThread', ['t1', { body: 'x' }]).catch((e) => (thrown = e));
    expect(thrown).to.be.instanceOf(BackendError);
    expect(await mine()).to.deep.equal([]);
  });

  it('queues a write that met no network (a fetch TypeError too) and reports it', async () => {
    const changes: OutboxChange[] = [];
    onOutboxChange((c) => changes.push(c));
    const fake = fakeBackend('ob-q', { askQuestion: async () => Promise.reject(new TypeError('Failed to fetch')) });
    const r = await submit(fake.backend, 'askQuestion', [{ title: 'Q', body: 'B' }], { scope: 'ob-qa' });
    expect(r.queued).to.equal(true);
    if (!r.queued) return;
    expect(r.entry).to.include({ backendId: 'ob-q', method: 'askQuestion', scope: 'ob-qa' });
    expect(r.entry.key).to.equal(fake.calls.askQuestion[0].opts.idempotencyKey);
    expect(r.entry.id).to.equal(r.entry.key);
    expect((await mine('ob-qa')).map((e) => e.key)).to.deep.equal([r.entry.key]);
    expect(await mine('ob-none')).to.deep.equal([]);
    expect(changes.map((c) => c.type)).to.deep.equal(['queued']);
  });

  it('survives a reload and replays exactly once, in order, even when replay() is called twice at once', async () => {
    const down = fakeBackend('ob-reload', { replyToThread: offline });
    const a = await submit(down.backend, 'replyToThread', ['t1', { body: 'first' }]);
    await new Promise((r) => setTimeout(r, 2));
    const b = await submit(down.backend, 'replyToThread', ['t1', { body: 'second' }]);
    // Another backend's entry must stay untouched by this backend's replay.
    await submit(fakeBackend('ob-other', { createThread: offline }).backend, 'createThread', [{ title: 'x', body: 'y' }]);
    expect((await mine()).length).to.equal(3);

    _resetForTests(); // "reload": no in-memory state survives, IndexedDB does

    const gate = deferred();
    const up = fakeBackend('ob-reload', { replyToThread: async ([, input]) => (await gate.promise, input) });
    const sent: string[] = [];
    onOutboxChange((c) => c.type === 'sent' && sent.push(c.entry.key));
    const r1 = replay(up.backend);
    const r2 = replay(up.backend);
    gate.resolve(undefined);
    const [s1, s2] = await Promise.all([r1, r2]);
    expect(s1).to.deep.equal({ sent: 2, failed: 0, kept: 0 });
    expect(s2).to.deep.equal(s1);
    const calls = up.calls.replyToThread;
    expect(calls.length, 'each entry sent once').to.equal(2);
    expect(calls.map((c) => (c.args[1] as { body: string }).body)).to.deep.equal(['first', 'second']);
    expect(calls.map((c) => c.opts.idempotencyKey)).to.deep.equal([
      a.queued ? a.entry.key : '', b.queued ? b.entry.key : '',
    ]);
    expect(sent.length).to.equal(2);
    expect((await mine()).map((e) => e.backendId)).to.deep.equal(['ob-other']);

    // A later replay finds nothing of this backend left to send.
    await replay(up.backend);
    expect(up.calls.replyToThread.length).to.equal(2);
  });

  it('waits for the confab-outbox Web Lock, so a replay in another tab never overlaps ours', async () => {
    const q = await submit(fakeBackend('ob-lock', { createThread: offline }).backend, 'createThread', [{ title: 't', body: 'b' }]);
    _resetForTests();
    const otherTab = fakeBackend('ob-lock', { createThread: async () => ({ id: 'x' }) });
    const thisTab = fakeBackend('ob-lock', { createThread: async () => ({ id: 'x' }) });
    const release = deferred();
    const held = deferred();
    // "Another tab" holds the lock and sends the entry meanwhile (as its own replay would).
    const other = navigator.locks.request('confab-outbox', async () => {
      held.resolve(undefined);
      await release.promise;
    });
    await held.promise;
    const mine = replay(thisTab.backend);
    await new Promise((r) => setTimeout(r, 30));
    expect(thisTab.calls.createThread, 'blocked by the lock').to.equal(undefined);
    await otherTab.backend.createThread({ title: 't', body: 'b' } as never, { idempotencyKey: q.queued ? q.entry.key : '' });
    await clearMine();
    release.resolve(undefined);
    await other;
    expect(await mine).to.deep.equal({ sent: 0, failed: 0, kept: 0 });
    expect(thisTab.calls.createThread).to.equal(undefined);
  });

  it('keeps entries while still offline and after a 5xx; drops and records a 4xx', async () => {
    await submit(fakeBackend('ob-mixed', { replyToThread: offline }).backend, 'replyToThread', ['t', { body: '1' }], { scope: 'ob-m' });
    await new Promise((r) => setTimeout(r, 2));
    await submit(fakeBackend('ob-mixed', { replyToThread: offline }).backend, 'replyToThread', ['t', { body: '2' }], { scope: 'ob-m' });

    expect(await replay(fakeBackend('ob-mixed', { replyToThread: offline }).backend)).to.deep.equal({ sent: 0, failed: 0, kept: 2 });
    expect(await replay(fakeBackend('ob-mixed', { replyToThread: async () => Promise.reject(new BackendError('down', 503)) }).backend))
      .to.deep.equal({ sent: 0, failed: 0, kept: 2 });
    expect((await mine('ob-m')).length).to.equal(2);

    const refusing = fakeBackend('ob-mixed', {
      replyToThread: async ([, input]) => {
        if ((input as { body: string }).body === '1') throw new BackendError('Thread is locked', 409);
        return input;
      },
    });
    expect(await replay(refusing.backend)).to.deep.equal({ sent: 1, failed: 1, kept: 0 });
    expect(await mine('ob-m')).to.deep.equal([]);
    const f = await failures('ob-m');
    expect(f.length).to.equal(1);
    expect(f[0]).to.include({ status: 409, message: 'Thread is locked' });
    await dismissFailure(f[0].entry.id);
    expect((await failures()).filter((f) => ours(f.entry.backendId))).to.deep.equal([]);
  });

  it('startOutbox() replays at startup and on `online`, once per backend id', async () => {
    await submit(fakeBackend('ob-start', { createThread: offline }).backend, 'createThread', [{ title: 't', body: 'b' }]);
    _resetForTests();
    let online = false;
    const fake = fakeBackend('ob-start', { createThread: async () => (online ? { id: 'x' } : offline()) });
    startOutbox(fake.backend);
    startOutbox(fake.backend);
    await waitFor(() => (fake.calls.createThread?.length ?? 0) === 1, 'startup replay');
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.calls.createThread.length, 'second start is a no-op').to.equal(1);
    expect((await mine()).length).to.equal(1);
    online = true;
    dispatchEvent(new Event('online'));
    await waitFor(async () => (await mine()).length === 0, 'replayed on online');
    expect(fake.calls.createThread.length).to.equal(2);
  });

  it('drops and records a replayed write whose response breaks the contract', async () => {
    await submit(fakeBackend('ob-invalid', { createThread: offline }).backend, 'createThread', [{ title: 't', body: 'b' }], { scope: 'ob-inv' });
    const bad = fakeBackend('ob-invalid', { createThread: async () => Promise.reject(new ValidationError('id: expected string', [])) });
    expect(await replay(bad.backend)).to.deep.equal({ sent: 0, failed: 1, kept: 0 });
    expect((await failures('ob-inv'))[0].message).to.equal('id: expected string');
  });

  it('never queues a write the backend cannot do at all', async () => {
    const partial = { id: 'ob-partial' } as unknown as Parameters<typeof submit>[0];
    let thrown: unknown;
    await submit(partial, 'createThread', [{ title: 't', body: 'b' }]).catch((e) => (thrown = e));
    expect(thrown).to.be.instanceOf(Error);
    expect(thrown).not.to.be.instanceOf(OfflineError);
    expect(await mine()).to.deep.equal([]);
  });

  it('hears changes made in another tab', async () => {
    const heard: OutboxChange[] = [];
    onOutboxChange((c) => heard.push(c));
    const otherTab = new BroadcastChannel('confab-outbox');
    otherTab.postMessage({ type: 'dismissed', id: 'x' } satisfies OutboxChange);
    await waitFor(() => heard.length === 1);
    expect(heard[0]).to.deep.equal({ type: 'dismissed', id: 'x' });
    otherTab.close();
  });

  it('replays a write only for the partner who wrote it', async () => {
    try {
      configure({ getToken: () => jwtFor('alice') });
      const q = await submit(fakeBackend('ob-owner', { replyToThread: offline }).backend, 'replyToThread', ['t', { body: 'by alice' }]);
      expect(q.queued && q.entry.owner).to.be.a('string');
      expect(JSON.stringify(q)).not.to.contain(jwtFor('alice'));
      _resetForTests();

      configure({ getToken: async () => jwtFor('bob') });
      const asBob = fakeBackend('ob-owner', { replyToThread: async (a) => a });
      expect(await replay(asBob.backend)).to.deep.equal({ sent: 0, failed: 0, kept: 0 });
      expect(asBob.calls.replyToThread).to.equal(undefined);
      expect(await mine(), 'bob does not see alice\'s pending write').to.deep.equal([]);

      configure({ getToken: () => jwtFor('alice') });
      expect((await mine()).length).to.equal(1);
      const asAlice = fakeBackend('ob-owner', { replyToThread: async (a) => a });
      expect(await replay(asAlice.backend)).to.deep.equal({ sent: 1, failed: 0, kept: 0 });
    } finally {
      _resetConfigForTests();
    }
  });

  it('replays when the portal hands over getToken after startup', async () => {
    try {
      configure({ getToken: () => jwtFor('carol') });
      await submit(fakeBackend('ob-late-token', { createThread: offline }).backend, 'createThread', [{ title: 't', body: 'b' }]);
      _resetConfigForTests();
      _resetForTests();
      const fake = fakeBackend('ob-late-token', { createThread: async () => ({ id: 'x' }) });
      startOutbox(fake.backend); // no token yet: carol's entry is not sent as anonymous
      await new Promise((r) => setTimeout(r, 30));
      expect(fake.calls.createThread).to.equal(undefined);
      configure({ getToken: () => jwtFor('carol') });
      await waitFor(() => fake.calls.createThread?.length === 1, 'sent once the token is known');
    } finally {
      _resetConfigForTests();
    }
  });

  it('a token handed over while the start-up replay is sending is followed by one more replay, which sends the partner\'s write', async () => {
    // The start-up replay reads the queue as nobody, then sends the anonymous entry; the test holds that
    // send until the token has arrived. Nothing else triggers a replay, so joining the running one would
    // leave carol's write unsent until the next reload or reconnect.
    try {
      await submit(fakeBackend('ob-token-mid-run', { createThread: offline }).backend, 'createThread', [{ title: 'anon', body: 'b' }]);
      configure({ getToken: () => jwtFor('carol') });
      await submit(fakeBackend('ob-token-mid-run', { createThread: offline }).backend, 'createThread', [{ title: 'carol', body: 'b' }]);
      _resetConfigForTests();
      _resetForTests();
      const held = deferred<void>();
      const titles: string[] = [];
      const fake = fakeBackend('ob-token-mid-run', {
        createThread: async ([input]) => {
          const { title } = input as { title: string };
          titles.push(title);
          if (title === 'anon') await held.promise;
          return { id: title };
        },
      });
      startOutbox(fake.backend);
      await waitFor(() => titles.includes('anon'), 'the start-up replay is sending the anonymous entry');
      configure({ getToken: () => jwtFor('carol') });
      held.resolve();
      await waitFor(() => titles.includes('carol'), 'carol\'s write sent by the replay queued behind the running one');
      expect(titles.filter((t) => t === 'carol')).to.have.length(1);
    } finally {
      _resetConfigForTests();
    }
  });

  it('uses "default" as the backend id of a backend without one', async () => {
    const r = await submit(fakeBackend(undefined, { createThread: offline }).backend, 'createThread', [{ title: 't', body: 'b' }]);
    expect(r.queued && r.entry.backendId).to.equal('default');
    if (r.queued) await del(`q:${r.entry.key}`, outboxStore);
  });
});
