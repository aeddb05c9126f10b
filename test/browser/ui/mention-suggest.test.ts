import { LitElement, html } from 'lit';
import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { waitFor } from '../core/wait.js';
import { typeInto } from '../elements/typing.js';
import { MemoryBackend, meFor } from '../../../src/backends/memory/index.js';
import type { CommunityBackend } from '../../../src/backends/types.js';
import { _resetForTests } from '../../../src/core/outbox.js';
import { tokens } from '../../../src/styles/tokens.js';
import { controls } from '../../../src/styles/controls.js';
import { ComposerController, composer } from '../../../src/ui/composer.js';
import { composerStyles } from '../../../src/ui/composer.styles.js';
import { mentionStyles } from '../../../src/ui/mention-suggest.styles.js';
import { $, mountFeed, resetAll, rows, until } from '../elements/forum-feed.helpers.js';
import '../../../src/elements/qa-box/define.js';
import '../../../src/elements/provider/define.js';
import type { ConfabQaBox } from '../../../src/elements/qa-box/qa-box.js';

/** The reply composer as the forum feed and the Q&A box use it, with @mention suggestions. */
class MentionHost extends LitElement {
  static override styles = [tokens, controls, composerStyles, mentionStyles];
  backend?: CommunityBackend;
  ctl = new ComposerController(this, {
    method: 'replyToThread',
    backend: () => this.backend,
    target: () => 'thread-x',
    signedIn: () => true,
  });
  override render() {
    return html`${composer(this.ctl, { label: 'Your reply', submit: 'Post reply', signIn: 'Sign in' })}`;
  }
}
customElements.define('test-mention-host', MentionHost);

/** A backend whose people search is counted; the rest is Aiko's MemoryBackend. */
function countingBackend(): { backend: CommunityBackend; queries: string[] } {
  const memory = new MemoryBackend({ me: meFor('u-aiko') });
  const queries: string[] = [];
  const search = memory.searchPeople.bind(memory);
  memory.searchPeople = (q, opts) => {
    queries.push(q);
    return search(q, opts);
  };
  return { backend: memory, queries };
}

async function mount(backend: CommunityBackend): Promise<MentionHost> {
  const el = document.createElement('test-mention-host') as MentionHost;
  el.backend = backend;
  const wrap = await fixture<HTMLDivElement>(html`<div lang="en"></div>`);
  wrap.append(el);
  await el.updateComplete;
  return el;
}

const field = (root: ShadowRoot) => root.querySelector('textarea') as HTMLTextAreaElement;
const options = (root: ShadowRoot) => [...root.querySelectorAll('.mentions [role=option]')] as HTMLElement[];
const names = (root: ShadowRoot) => options(root).map((o) => o.querySelector('.mention-name')!.textContent);

async function type(root: ShadowRoot, text: string): Promise<void> {
  field(root).focus();
  await sendKeys({ type: text });
}

describe('@mention suggestions (src/ui/mention-suggest.ts)', function () {
  this.timeout(30000);
  // Drafts are kept per target: a clean store, so no earlier test's text comes back into the field.
  beforeEach(resetAll);
  afterEach(() => _resetForTests());

  it('APG list autocomplete: typing @ and a name opens a listbox, wired by aria-controls and aria-activedescendant; axe passes', async () => {
    const { backend, queries } = countingBackend();
    const el = await mount(backend);
    const root = el.shadowRoot!;
    const ta = field(root);
    // A textarea keeps its textbox role (ARIA in HTML allows no role=combobox on it).
    expect(ta.hasAttribute('role')).to.equal(false);
    expect(ta.getAttribute('aria-autocomplete')).to.equal('list');
    expect(ta.hasAttribute('aria-activedescendant')).to.equal(false);
    const listbox = root.getElementById(ta.getAttribute('aria-controls')!)!;
    expect(listbox.getAttribute('role')).to.equal('listbox');
    expect(listbox.hidden).to.equal(true);

    await type(root, 'Thanks @hann');
    // Real key presses: on a loaded machine a gap between two of them can outlast the debounce, so an
    // earlier query ("ha" also finds Victor Hale) may be shown first. The debounce itself is pinned below,
    // with a burst whose timing is certain.
    await waitFor(() => names(root).join() === 'Hannah Schmidt', 'suggestions for "hann" shown');
    await el.updateComplete;
    expect(queries.at(-1)).to.equal('hann');
    expect(listbox.hidden).to.equal(false);
    expect(ta.getAttribute('aria-activedescendant')).to.equal(options(root)[0]!.id);
    expect(options(root)[0]!.getAttribute('aria-selected')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('debounced: a burst of input events asks once, with what was typed last', async () => {
    const { backend, queries } = countingBackend();
    const el = await mount(backend);
    const root = el.shadowRoot!;
    const ta = field(root);
    ta.focus();
    // Every key's input event within one task: no gap can outlast the debounce, however busy the machine.
    typeInto(ta, 'Thanks @hann');
    await waitFor(() => options(root).length > 0, 'suggestions shown');
    await el.updateComplete;
    expect(names(root)).to.deep.equal(['Hannah Schmidt']);
    expect(queries).to.deep.equal(['hann']);
  });

  it('ArrowDown/ArrowUp move the highlight (wrapping) and Enter inserts @[Name](id) into the composer state', async () => {
    const el = await mount(countingBackend().backend);
    const root = el.shadowRoot!;
    await type(root, 'cc @j');
    await waitFor(() => options(root).length >= 2, 'two or more suggestions');
    await el.updateComplete;
    const all = names(root);
    const ta = field(root);
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(ta.getAttribute('aria-activedescendant')).to.equal(options(root)[1]!.id);
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    const last = options(root).length - 1;
    expect(ta.getAttribute('aria-activedescendant')).to.equal(options(root)[last]!.id);
    expect(options(root)[last]!.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const picked = backendPerson(all[last]!);
    expect(el.ctl.body).to.equal(`cc @[${picked.name}](${picked.id}) `);
    expect(ta.value).to.equal(el.ctl.body);
    expect(ta.selectionStart).to.equal(ta.value.length);
    expect(root.getElementById(ta.getAttribute('aria-controls')!)!.hidden).to.equal(true);
    expect(ta.hasAttribute('aria-activedescendant')).to.equal(false);
    // Typing goes on after the mention.
    await sendKeys({ type: 'hi' });
    await el.updateComplete;
    expect(el.ctl.body).to.equal(`cc @[${picked.name}](${picked.id}) hi`);
  });

  it('Escape closes without changing the text and without reaching the form around it; Tab picks; a click picks', async () => {
    const el = await mount(countingBackend().backend);
    const root = el.shadowRoot!;
    const escapes: KeyboardEvent[] = [];
    el.addEventListener('keydown', (e) => e.key === 'Escape' && escapes.push(e));
    await type(root, '@kw');
    await waitFor(() => options(root).length === 1, 'Kwame suggested');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(options(root)).to.have.length(0);
    expect(el.ctl.body).to.equal('@kw');
    expect(escapes).to.have.length(0);
    // Escape with the popup closed is the page's again.
    await sendKeys({ press: 'Escape' });
    expect(escapes).to.have.length(1);

    await sendKeys({ type: 'a' });
    await waitFor(() => options(root).length === 1, 'Kwame suggested again');
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(el.ctl.body).to.equal('@[Kwame Mensah](u-kwame) ');
    expect(el.shadowRoot!.activeElement).to.equal(field(root));

    await sendKeys({ type: 'and @hann' });
    await waitFor(() => options(root).length === 1, 'Hannah suggested');
    await el.updateComplete;
    options(root)[0]!.click();
    await el.updateComplete;
    expect(el.ctl.body).to.equal('@[Kwame Mensah](u-kwame) and @[Hannah Schmidt](u-hannah) ');
  });

  it('suggests nothing for an @ inside a word (an e-mail address) and closes when the caret leaves the @query', async () => {
    const { backend, queries } = countingBackend();
    const el = await mount(backend);
    const root = el.shadowRoot!;
    await type(root, 'mail aiko@hann');
    await new Promise((r) => setTimeout(r, 400));
    expect(queries).to.deep.equal([]);
    await sendKeys({ type: ' @hann' });
    await waitFor(() => options(root).length === 1, 'Hannah suggested');
    await sendKeys({ type: ' ' });
    await el.updateComplete;
    expect(options(root)).to.have.length(0);
  });

  it('without searchPeople on the backend the textarea stays a plain textarea', async () => {
    const memory = new MemoryBackend({ me: meFor('u-aiko') });
    const plain = new Proxy(memory, { get: (t, k) => (k === 'searchPeople' ? undefined : Reflect.get(t, k, t)) });
    const el = await mount(plain as CommunityBackend);
    const root = el.shadowRoot!;
    await type(root, '@hann');
    await new Promise((r) => setTimeout(r, 400));
    await el.updateComplete;
    expect(field(root).hasAttribute('aria-autocomplete')).to.equal(false);
    expect(field(root).hasAttribute('aria-controls')).to.equal(false);
    expect(root.querySelector('[role=listbox]')).to.equal(null);
    expect(el.ctl.body).to.equal('@hann');
  });

  it('the forum feed\'s new-thread form suggests people and Escape closes only the popup', async () => {
    const backend = new MemoryBackend({ me: meFor('u-aiko') });
    const el = await mountFeed(backend, { compose: true, 'page-size': '3' });
    await until(() => rows(el).length === 3);
    $<HTMLButtonElement>(el, '[part~=new-thread]').click();
    const root = el.shadowRoot!;
    // Opening focuses the title; move on to the message once it has.
    await until(() => root.activeElement?.id === 'nt-title');
    $<HTMLTextAreaElement>(el, '#nt-body').focus();
    await sendKeys({ type: 'Ask @hann' });
    expect($<HTMLTextAreaElement>(el, '#nt-body').value).to.equal('Ask @hann');
    await until(() => options(root).length === 1);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect($(el, 'form.new-thread'), 'the form stays open').to.not.equal(null);
    await sendKeys({ type: 'a' });
    await until(() => options(root).length === 1);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect($<HTMLTextAreaElement>(el, '#nt-body').value).to.equal('Ask @[Hannah Schmidt](u-hannah) ');
  });

  it('the Q&A box\'s ask form suggests people once its part is loaded, and the pick reaches the box\'s state', async () => {
    const backend = new MemoryBackend({ id: 'mention-qa', me: meFor('u-aiko') });
    const wrap = await fixture(html`<confab-provider .backend=${backend}><confab-qa-box></confab-qa-box></confab-provider>`);
    const el = wrap.querySelector('confab-qa-box') as ConfabQaBox;
    const root = el.shadowRoot!;
    await waitFor(() => root.querySelector('#body')?.getAttribute('aria-autocomplete') === 'list', 'ask part loaded');
    (root.querySelector('#body') as HTMLTextAreaElement).focus();
    await sendKeys({ type: 'ping @kwa' });
    await waitFor(() => options(root).length === 1, 'Kwame suggested');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect((root.querySelector('#body') as HTMLTextAreaElement).value).to.equal('ping @[Kwame Mensah](u-kwame) ');
    // The Preview tab renders it as a chip.
    (root.querySelector('#tab-preview') as HTMLButtonElement).click();
    await waitFor(() => !!root.querySelector('.preview .mention'), 'chip in the preview');
    const chip = root.querySelector('.preview .mention')!;
    expect([chip.getAttribute('data-person'), chip.textContent]).to.deep.equal(['u-kwame', '@Kwame Mensah']);
  });
});

function backendPerson(name: string): { id: string; name: string } {
  const p = new MemoryBackend().data.people.find((x) => x.name === name)!;
  return { id: p.id, name: p.name };
}
