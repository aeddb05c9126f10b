// WriteController: the one way forms write (composer, new thread, ask). Sends through the outbox,
// lists the scope's pending writes, tells the form about replays and refusals, asks for a sign-in on 401.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { LitElement } from 'lit';
import { waitFor } from './wait.js';
import type { CommunityBackend } from '../../../src/backends/types.js';
import { AuthError, BackendError, OfflineError } from '../../../src/core/errors.js';
import { _resetForTests, type OutboxFailure } from '../../../src/core/outbox.js';
import { WriteController } from '../../../src/core/write.js';
import { fakeBackend } from './fake-backend.js';
import { clearOutboxOf } from './outbox-store.js';


class WriteHost extends LitElement {
  static override properties = { backend: { attribute: false }, target: {} };
  declare backend: CommunityBackend | undefined;
  declare target: string | null;
  replayed: unknown[] = [];
  refused: OutboxFailure[] = [];
  writes = new WriteController<{ id: string }>(this, {
    method: 'replyToThread',
    backend: () => this.backend,
    target: () => this.target,
    authAction: 'reply',
    onReplayed: (v) => this.replayed.push(v),
    onRefused: (f) => this.refused.push(f),
  });
  constructor() {
    super();
    this.target = null;
  }
  protected override render() {
    return html`${this.writes.pending.length}`;
  }
}
customElements.define('core-write-host', WriteHost);

function mount(backend: CommunityBackend, target: string | null = 't1'): Promise<WriteHost> {
  return fixture<WriteHost>(html`<core-write-host .backend=${backend} .target=${target}></core-write-host>`);
}

describe('WriteController', () => {
  beforeEach(async () => {
    _resetForTests();
    await clearOutboxOf('wr-'); // other files share the outbox: only our backends' entries
  });
  afterEach(() => _resetForTests());

  it('scopes writes by backend id, method and target; without a target there is nothing to write to', async () => {
    const fake = fakeBackend('wr-scope');
    const el = await mount(fake.backend);
    expect(el.writes.scope).to.equal('wr-scope:replyToThread:t1');
    el.target = null;
    await el.updateComplete;
    expect(el.writes.scope).to.equal('');
    expect(await el.writes.send(['t1', { body: 'x' }])).to.equal(undefined);
    expect(fake.calls.replyToThread).to.equal(undefined);
  });

  it('sends with an idempotency key and says it was sent; busy while on its way', async () => {
    const fake = fakeBackend('wr-sent', { replyToThread: async ([, input]) => ({ id: 'p1', ...(input as object) }) });
    const el = await mount(fake.backend);
    const sending = el.writes.send(['t1', { body: 'hi' }]);
    expect(el.writes.sending).to.equal(true);
    expect(await el.writes.send(['t1', { body: 'twice' }]), 'a second send while busy').to.equal(undefined);
    expect(await sending).to.deep.equal({ status: 'sent', value: { id: 'p1', body: 'hi' } });
    expect(el.writes.sending).to.equal(false);
    expect(fake.calls.replyToThread).to.have.length(1);
    expect(fake.calls.replyToThread[0].opts.idempotencyKey).to.match(/^[0-9a-f-]{36}$/);
  });

  it('offline: queues the write, lists it as pending at once, and tells the form when a replay sent it', async () => {
    let online = false;
    const fake = fakeBackend('wr-queued', {
      replyToThread: async () => (online ? { id: 'p-replayed' } : Promise.reject(new OfflineError())),
    });
    const el = await mount(fake.backend);
    const outcome = await el.writes.send(['t1', { body: 'from a train' }]);
    expect(outcome?.status).to.equal('queued');
    expect(el.writes.pending.map((e) => e.args)).to.deep.equal([['t1', { body: 'from a train' }]]);
    expect(el.writes.pending[0].scope).to.equal('wr-queued:replyToThread:t1');
    online = true;
    window.dispatchEvent(new Event('online'));
    await waitFor(() => el.replayed.length === 1 && el.writes.pending.length === 0, 'replayed');
    expect(el.replayed).to.deep.equal([{ id: 'p-replayed' }]);
  });

  it('lists what an earlier visit queued for this target only', async () => {
    const fake = fakeBackend('wr-earlier', { replyToThread: async () => Promise.reject(new OfflineError()) });
    const first = await mount(fake.backend, 't1');
    await first.writes.send(['t1', { body: 'one' }]);
    const other = await mount(fake.backend, 't2');
    await other.writes.send(['t2', { body: 'two' }]);
    first.remove();
    const again = await mount(fake.backend, 't1');
    await waitFor(() => again.writes.pending.length === 1, 'the earlier write listed');
    expect(again.writes.pending[0].args).to.deep.equal(['t1', { body: 'one' }]);
  });

  it('tells the form when the server refuses a queued write on replay', async () => {
    let online = false;
    const fake = fakeBackend('wr-refused', {
      replyToThread: async () => Promise.reject(online ? new BackendError('Thread is locked', 423) : new OfflineError()),
    });
    const el = await mount(fake.backend);
    await el.writes.send(['t1', { body: 'refused later' }]);
    online = true;
    window.dispatchEvent(new Event('online'));
    await waitFor(() => el.refused.length === 1, 'refusal told');
    expect(el.refused[0].status).to.equal(423);
    await waitFor(() => el.writes.pending.length === 0);
  });

  it('returns other failures for the form to show, and asks the page for a sign-in on 401', async () => {
    const fake = fakeBackend('wr-401', { replyToThread: async () => Promise.reject(new AuthError('Sign in', 401)) });
    const el = await mount(fake.backend);
    const asked = oneEvent(el, 'confab-auth-required');
    const outcome = await el.writes.send(['t1', { body: 'x' }]);
    expect((await asked).detail).to.deep.equal({ action: 'reply' });
    expect(outcome?.status).to.equal('failed');
    expect(outcome?.status === 'failed' && outcome.error.status).to.equal(401);
    expect(el.writes.pending).to.deep.equal([]);
  });
});
