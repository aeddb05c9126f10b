import { LitElement, html } from 'lit';
import { expect, fixture, oneEvent, aTimeout } from '@open-wc/testing';
import { waitFor } from '../core/wait.js';
import { sendKeys } from '@web/test-runner-commands';
import { clear, createStore } from 'idb-keyval';
import { MemoryBackend, meFor } from '../../../src/backends/memory/index.js';
import type { CommunityBackend } from '../../../src/backends/types.js';
import { _resetForTests, pending } from '../../../src/core/outbox.js';
import { loadDraft } from '../../../src/core/drafts.js';
import { tokens } from '../../../src/styles/tokens.js';
import { controls } from '../../../src/styles/controls.js';
import { ComposerController, composer, pendingBadge, type ComposerMethod } from '../../../src/ui/composer.js';
import { composerStyles } from '../../../src/ui/composer.styles.js';
import type { Post } from '../../../src/contract/index.js';

/** A minimal host: what <confab-forum-feed> and <confab-qa-box> do with the composer. */
class ComposerHost extends LitElement {
  static override styles = [tokens, controls, composerStyles];
  static override properties = { target: {}, signedIn: { attribute: false } };
  declare target: string | null;
  declare signedIn: boolean | undefined;
  backend?: CommunityBackend;
  method: ComposerMethod = 'replyToThread';
  sent: unknown[] = [];
  queued = 0;
  replayed: unknown[] = [];
  ctl = new ComposerController(this, {
    method: 'replyToThread',
    backend: () => this.backend,
    target: () => this.target,
    signedIn: () => this.signedIn,
    onSent: (v) => this.sent.push(v),
    onQueued: () => this.queued++,
    onReplayed: (v) => this.replayed.push(v),
  });
  constructor() {
    super();
    this.target = null;
    this.signedIn = true;
  }
  override render() {
    return html`<div class="base">
      ${this.ctl.pending.map((p) => html`<div class="pending-item">${p.body} ${pendingBadge()}</div>`)}
      ${composer(this.ctl, { label: 'Your reply', submit: 'Post reply', signIn: 'Sign in to reply' })}
    </div>`;
  }
}
customElements.define('test-composer-host', ComposerHost);

const THREAD = (b: MemoryBackend) => b.data.threads[0]!.id;
const postsOf = (b: MemoryBackend, id: string) => b.data.posts.filter((p) => p.threadId === id);

async function mount(backend: MemoryBackend, opts: { signedIn?: boolean } = {}): Promise<ComposerHost> {
  const el = document.createElement('test-composer-host') as ComposerHost;
  el.backend = backend;
  el.target = THREAD(backend);
  el.signedIn = opts.signedIn ?? true;
  const wrapper = await fixture<HTMLDivElement>(html`<div lang="en"></div>`);
  wrapper.append(el);
  await el.updateComplete;
  return el;
}

const q = <T extends Element = HTMLElement>(el: ComposerHost, sel: string) => el.shadowRoot!.querySelector(sel) as T;
const field = (el: ComposerHost) => q<HTMLTextAreaElement>(el, 'textarea');

async function type(el: ComposerHost, text: string): Promise<void> {
  field(el).focus();
  await sendKeys({ type: text });
  await el.updateComplete;
}

describe('composer (src/ui/composer.ts)', function () {
  this.timeout(30000);
  beforeEach(async () => {
    _resetForTests();
    await clear(createStore('confab-outbox', 'outbox'));
    await clear(createStore('confab-drafts', 'drafts'));
  });
  afterEach(() => _resetForTests());

  it('renders a labelled textarea with Write/Preview tabs and passes axe', async () => {
    const el = await mount(new MemoryBackend({ me: meFor('u-aiko') }));
    const ta = field(el);
    expect(el.shadowRoot!.querySelector(`label[for="${ta.id}"]`)!.textContent).to.equal('Your reply');
    const tabs = [...el.shadowRoot!.querySelectorAll('[role=tab]')];
    expect(tabs.map((t) => t.getAttribute('aria-selected'))).to.deep.equal(['true', 'false']);
    await expect(el).to.be.accessible();
  });

  it('shows a validation message before submitting an empty reply, and sends nothing', async () => {
    const backend = new MemoryBackend({ me: meFor('u-aiko') });
    const el = await mount(backend);
    const before = postsOf(backend, THREAD(backend)).length;
    q<HTMLButtonElement>(el, 'button[type=submit]').click();
    await waitFor(() => q(el, '.field-error'));
    expect(q(el, '.field-error').textContent).to.contain('Write something');
    expect(field(el).getAttribute('aria-invalid')).to.equal('true');
    expect(field(el).getAttribute('aria-describedby')).to.contain(q(el, '.field-error').id);
    expect(backend.calls('replyToThread')).to.equal(0);
    expect(postsOf(backend, THREAD(backend)).length).to.equal(before);
  });

  it('flags a body over 50 KB while typing, before any submit', async () => {
    const el = await mount(new MemoryBackend({ me: meFor('u-aiko') }));
    el.ctl.setBody('x'.repeat(50 * 1024 + 2048));
    await el.updateComplete;
    expect(q(el, '.field-error').textContent).to.match(/2 KB over the 50 KB limit/);
    expect(q(el, '.actions .hint').textContent).to.contain('of 50 KB');
  });

  it('Ctrl+Enter posts, calls onSent with the post, clears the field and the draft', async () => {
    const backend = new MemoryBackend({ me: meFor('u-aiko') });
    const el = await mount(backend);
    await type(el, 'Thanks, that **worked**');
    await sendKeys({ press: 'Control+Enter' });
    await waitFor(() => el.sent.length === 1);
    expect((el.sent[0] as Post).body).to.equal('Thanks, that **worked**');
    expect(postsOf(backend, THREAD(backend)).at(-1)!.body).to.equal('Thanks, that **worked**');
    await el.updateComplete;
    expect(field(el).value).to.equal('');
    await aTimeout(350);
    expect(await loadDraft(`memory:replyToThread:${THREAD(backend)}`)).to.equal(undefined);
  });

  it('keeps the draft in IndexedDB: it survives re-creating the element', async () => {
    const backend = new MemoryBackend({ me: meFor('u-aiko') });
    const el = await mount(backend);
    await type(el, 'half a thought');
    await aTimeout(400); // past the debounce
    el.remove();
    const again = await mount(backend);
    await waitFor(() => field(again).value === 'half a thought', 'draft restored');
  });

  it('a draft survives an element that comes and goes before the draft was restored', async () => {
    const backend = new MemoryBackend({ me: meFor('u-aiko') });
    const { saveDraft } = await import('../../../src/core/drafts.js');
    const el0 = await mount(backend);
    const scope = `memory:replyToThread:${THREAD(backend)}`;
    el0.remove();
    await saveDraft(scope, 'typed yesterday');
    const quick = await mount(backend);
    quick.remove(); // gone before IndexedDB answered
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    const el = await mount(backend);
    await waitFor(() => field(el).value === 'typed yesterday', 'draft intact');
  });

  it('still posts after the host was moved in the DOM (removed and put back)', async () => {
    const backend = new MemoryBackend({ me: meFor('u-aiko') });
    const el = await mount(backend);
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    await el.updateComplete;
    await type(el, 'sent from the new place');
    q<HTMLButtonElement>(el, 'button[type=submit]').click();
    await waitFor(() => el.sent.length === 1, 'posted');
    expect((el.sent[0] as Post).body).to.equal('sent from the new place');
  });

  it('previews Markdown through the sanitising renderer, without running markup', async () => {
    const el = await mount(new MemoryBackend({ me: meFor('u-aiko') }));
    el.ctl.setBody('**bold** <img src=x onerror="window.__pwned=1">');
    el.ctl.setTab('preview');
    await el.updateComplete;
    await waitFor(() => q(el, '.preview strong'), 'markdown rendered');
    expect(q(el, '.preview img')).to.equal(null);
    await aTimeout(50);
    expect((window as { __pwned?: unknown }).__pwned).to.equal(undefined);
    expect(field(el).hidden).to.equal(true);
  });

  it('arrow keys move between the tabs', async () => {
    const el = await mount(new MemoryBackend({ me: meFor('u-aiko') }));
    q<HTMLButtonElement>(el, '[role=tab]').focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.ctl.tab).to.equal('preview');
    await waitFor(() => el.shadowRoot!.activeElement?.getAttribute('aria-selected') === 'true');
  });

  it('signed out: a Sign in button and confab-auth-required instead of a submit', async () => {
    const backend = new MemoryBackend();
    const el = await mount(backend, { signedIn: false });
    expect(field(el)).to.equal(null);
    const ev = oneEvent(el, 'confab-auth-required');
    q<HTMLButtonElement>(el, 'button').click();
    expect((await ev).detail).to.deep.equal({ action: 'reply' });
    el.ctl.setBody('x');
    const ev2 = oneEvent(el, 'confab-auth-required');
    void el.ctl.submit();
    await ev2;
    expect(backend.calls('replyToThread')).to.equal(0);
  });

  it('a server error is shown readably and nothing typed is lost', async () => {
    const backend = new MemoryBackend({ me: meFor('u-aiko') });
    const el = await mount(backend);
    await type(el, 'my careful answer');
    backend.failWith = Object.assign(new (await import('../../../src/core/errors.js')).BackendError('Thread is locked', 423), {});
    q<HTMLButtonElement>(el, 'button[type=submit]').click();
    await waitFor(() => q(el, '.send-error'));
    expect(q(el, '.send-error').textContent).to.contain('423');
    expect(q(el, '.send-error').textContent).to.contain('Thread is locked');
    expect(field(el).value).to.equal('my careful answer');
  });

  it('a queued reply the server refuses on replay comes back into the field with the reason', async () => {
    const backend = new MemoryBackend({ me: meFor('u-aiko') });
    const el = await mount(backend);
    backend.setOnline(false);
    await type(el, 'refused later');
    await sendKeys({ press: 'Control+Enter' });
    await waitFor(() => el.ctl.pending.length === 1, 'pending');
    backend.setOnline(true);
    const { BackendError } = await import('../../../src/core/errors.js');
    backend.failWith = new BackendError('Thread is locked', 423);
    window.dispatchEvent(new Event('online'));
    await waitFor(() => q(el, '.send-error'), 'refusal shown');
    expect(q(el, '.send-error').textContent).to.contain('Thread is locked');
    expect(field(el).value).to.equal('refused later');
    await waitFor(() => el.ctl.pending.length === 0);
  });

  it('offline: the reply is queued as pending, then replayed exactly once when online', async () => {
    const backend = new MemoryBackend({ me: meFor('u-aiko') });
    const id = THREAD(backend);
    const before = postsOf(backend, id).length;
    const el = await mount(backend);
    backend.setOnline(false);
    await type(el, 'sent from a train');
    await sendKeys({ press: 'Control+Enter' });
    // The outbox's change notice can show the pending item before submit() has cleared the draft and
    // called onQueued: wait for both.
    await waitFor(() => el.ctl.pending.length === 1 && el.queued > 0, 'pending shown and announced');
    await el.updateComplete;
    expect(q(el, '.pending-item').textContent).to.contain('sent from a train');
    expect(q(el, '.pending-badge')).to.exist;
    expect(el.queued).to.equal(1);
    expect(field(el).value).to.equal('');
    backend.setOnline(true);
    window.dispatchEvent(new Event('online'));
    await waitFor(() => el.ctl.pending.length === 0, 'pending gone');
    expect(postsOf(backend, id).length).to.equal(before + 1);
    expect((el.replayed[0] as Post).body).to.equal('sent from a train');
    expect(await pending()).to.deep.equal([]);
  });
});
