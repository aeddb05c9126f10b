import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitFor, waitForCached } from '../core/wait.js';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { createStore, delMany, entries } from 'idb-keyval';
import '../../../src/elements/qa-box/define.js';
import '../../../src/elements/provider/define.js';
import { MemoryBackend, meFor } from '../../../src/backends/memory/index.js';
import type { CommunityBackend } from '../../../src/backends/types.js';
import { _clearMemoryCacheForTests } from '../../../src/core/cache.js';
import { _resetResourcesForTests } from '../../../src/core/resource.js';
import { _resetForTests as resetOutbox } from '../../../src/core/outbox.js';
import type { ConfabQaBox } from '../../../src/elements/qa-box/qa-box.js';
import { withWarnings } from '../warnings.js';

/**
 * Test files run in parallel pages of one origin and share IndexedDB, so these tests use a backend id
 * of their own and clear only what carries it: never another file's queued writes or drafts.
 */
const ID = 'qa-box-test';
const STORES = [createStore('confab', 'cache'), createStore('confab-drafts', 'drafts'), createStore('confab-outbox', 'outbox')];

async function resetStores(): Promise<void> {
  resetOutbox();
  _resetResourcesForTests();
  _clearMemoryCacheForTests();
  for (const store of STORES) {
    const mine = (await entries(store)).filter(([k, v]) => String(k).includes(ID) || JSON.stringify(v).includes(`"${ID}"`));
    await delMany(mine.map(([k]) => k), store);
  }
}

async function mount(backend: CommunityBackend, opts: { question?: string; category?: string; categories?: string } = {}): Promise<ConfabQaBox> {
  const wrap = await fixture(html`<confab-provider .backend=${backend}>
    <confab-qa-box .question=${opts.question} category=${opts.category ?? ''} categories=${opts.categories ?? ''}></confab-qa-box>
  </confab-provider>`);
  const el = wrap.querySelector('confab-qa-box')!;
  await el.updateComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: ConfabQaBox, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: ConfabQaBox, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const text = (el: ConfabQaBox, sel: string) => $(el, sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Sets a field's value as typing does, without the per-key delay. */
function fill(el: ConfabQaBox, sel: string, value: string): void {
  const f = $<HTMLInputElement | HTMLTextAreaElement>(el, sel)!;
  f.value = value;
  f.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

const signedIn = (id = 'u-aiko', extra: Partial<ConstructorParameters<typeof MemoryBackend>[0]> = {}) =>
  new MemoryBackend({ id: ID, me: meFor(id), ...extra });
const signedOut = () => new MemoryBackend({ id: ID });

async function ready(el: ConfabQaBox): Promise<void> {
  await waitFor(() => !!$(el, '#title') && !$(el, '.similar [part=skeleton]'), 'ask form ready');
}

async function similarShown(el: ConfabQaBox, min = 1): Promise<HTMLElement[]> {
  await waitFor(() => $$(el, '[role=option]').length >= min, 'similar questions shown');
  return $$(el, '[role=option]');
}

describe('<confab-qa-box>', () => {
  beforeEach(resetStores);

  describe('asking', () => {
    it('shows up to 5 similar questions, accepted first, with the accepted excerpt, and announces the count', async () => {
      const el = await mount(signedIn());
      await ready(el);
      fill(el, '#title', 'deal registration');
      const options = await similarShown(el);
      expect(options.length).to.be.within(1, 5);
      const accepted = options.map((o) => o.textContent!.includes('Accepted answer'));
      // Once a non-accepted question shows, no accepted one follows it.
      const firstPlain = accepted.indexOf(false);
      if (firstPlain >= 0) expect(accepted.slice(firstPlain)).to.not.include(true);
      expect(options[0]!.querySelector('[part=excerpt]')?.textContent).to.not.equal('');
      await waitFor(() => /similar question/.test(text(el, '[role=status]')));
      expect(text(el, '[role=status]')).to.match(/\d+ similar questions? found/);
      await expect(el).to.be.accessible();
    });

    it('shows the empty state when nothing is similar', async () => {
      const el = await mount(signedIn());
      fill(el, '#title', 'zzqx wvvk yyyp');
      await waitFor(() => !!$(el, '[part=empty]'), 'empty state');
      expect(text(el, '[part=empty]')).to.contain('No similar questions yet — ask away');
      await expect(el).to.be.accessible();
    });

    it('opens a similar question inline; "This answered my question" records a deflection and fires confab-deflected', async () => {
      const backend = signedIn();
      const el = await mount(backend);
      fill(el, '#title', 'register a multi-year renewal deal');
      const [first] = await similarShown(el);
      first!.click();
      await waitFor(() => !!$(el, '#question-title'), 'question opened');
      expect(el.question).to.be.a('string');
      const button = $(el, '[part~=deflect]')!;
      setTimeout(() => button.click());
      const ev = await oneEvent(el, 'confab-deflected');
      expect(ev.detail).to.deep.equal({ questionId: el.question, query: 'register a multi-year renewal deal' });
      await waitFor(() => backend.deflections.length === 1, 'backend recorded the deflection');
      expect(backend.deflections[0]).to.include({ questionId: el.question, query: 'register a multi-year renewal deal' });
      await el.updateComplete;
      expect(text(el, '[part=deflection]')).to.contain('Thanks');
      await expect(el).to.be.accessible();
    });

    it('shows validation messages next to the fields before anything is sent', async () => {
      const backend = signedIn();
      const el = await mount(backend);
      await ready(el);
      fill(el, '#title', 'ab');
      $(el, '#title')!.dispatchEvent(new Event('blur'));
      // Validation is in the ask form's lazily loaded part: the message shows once it has arrived.
      await waitFor(() => !!$(el, '#title-error'), 'title error shown');
      const title = $(el, '#title')!;
      expect(title.getAttribute('aria-invalid')).to.equal('true');
      expect(title.getAttribute('aria-describedby')).to.contain('title-error');
      expect(text(el, '#title-error')).to.contain('at least 3 characters');
      // Submitting shows every field's problem and sends nothing.
      fill(el, '#tags', 'a, b, c, d, e, f');
      $<HTMLButtonElement>(el, '[part~=submit]')!.click();
      await el.updateComplete;
      expect(text(el, '#body-error')).to.contain('Describe your question');
      expect(text(el, '#tags-error')).to.contain('at most 5 tags');
      expect($(el, '#body')!.getAttribute('aria-invalid')).to.equal('true');
      expect(backend.calls('askQuestion')).to.equal(0);
      await waitFor(() => el.shadowRoot!.activeElement?.id === 'title', 'focus moves to the first invalid field');
      await expect(el).to.be.accessible();
    });

    it('a real click on Post right after typing a short title still submits (no layout shift mid-click)', async () => {
      const backend = signedIn();
      const el = await mount(backend);
      await ready(el);
      $(el, '#title')!.focus();
      await sendKeys({ type: 'ab' });
      const r = $(el, '[part~=submit]')!.getBoundingClientRect();
      await sendMouse({ type: 'click', position: [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)] });
      await waitFor(() => !!$(el, '#body-error'), 'the submit ran and showed every field error');
      expect(text(el, '#title-error')).to.contain('at least 3 characters');
      await waitFor(() => el.shadowRoot!.activeElement?.id === 'title');
    });

    it('a signed-out partner sees "Sign in to ask" and gets confab-auth-required on submit', async () => {
      const backend = signedOut();
      const el = await mount(backend);
      await waitFor(() => !!$(el, '[part=signed-out]'), 'signed-out hint');
      expect(text(el, '[part~=submit]')).to.equal('Sign in to ask');
      fill(el, '#title', 'How do I register a deal?');
      fill(el, '#body', 'Details');
      setTimeout(() => $<HTMLButtonElement>(el, '[part~=submit]')!.click());
      const ev = await oneEvent(el, 'confab-auth-required');
      expect(ev.detail).to.deep.equal({ action: 'ask' });
      expect(backend.calls('askQuestion')).to.equal(0);
      await expect(el).to.be.accessible();
    });

    it('asks: fires confab-question-asked and opens the new question', async () => {
      const backend = signedIn();
      const el = await mount(backend, { category: 'technical' });
      await ready(el);
      expect($<HTMLSelectElement>(el, '#category')!.value).to.equal('technical');
      fill(el, '#title', 'Does the Edge Firewall support BGP graceful restart?');
      fill(el, '#body', 'We need **BGP GR** for a customer.');
      fill(el, '#tags', 'edge-firewall, bgp');
      setTimeout(() => $<HTMLButtonElement>(el, '[part~=submit]')!.click());
      const ev = await oneEvent(el, 'confab-question-asked');
      expect(ev.detail.question.title).to.equal('Does the Edge Firewall support BGP graceful restart?');
      expect(ev.detail.question.category).to.equal('technical');
      expect(ev.detail.question.tags).to.deep.equal(['edge-firewall', 'bgp']);
      await waitFor(() => text(el, '#question-title') === 'Does the Edge Firewall support BGP graceful restart?', 'opens it');
      expect(el.question).to.equal(ev.detail.question.id);
      await waitFor(() => el.shadowRoot!.activeElement?.id === 'question-title', 'focus on the question');
      await expect(el).to.be.accessible();
    });

    it('an offline ask is kept as pending and posted once when back online, then can be opened', async () => {
      const backend = signedIn();
      const el = await mount(backend);
      await ready(el);
      const before = backend.data.questions.length;
      backend.setOnline(false);
      fill(el, '#title', 'Queued while offline: VPN throughput?');
      fill(el, '#body', 'Asked on a train.');
      $<HTMLButtonElement>(el, '[part~=submit]')!.click();
      await waitFor(() => !!$(el, '[part~=pending-question]'), 'pending shown');
      expect(text(el, '[part~=pending-question]')).to.contain('Queued while offline: VPN throughput?');
      expect($<HTMLInputElement>(el, '#title')!.value).to.equal('');
      await waitFor(() => /saved and will be posted/.test(text(el, '[role=status]')));
      backend.setOnline(true);
      const asked = oneEvent(el, 'confab-question-asked');
      window.dispatchEvent(new Event('online'));
      const ev = await asked;
      expect(ev.detail.question.title).to.equal('Queued while offline: VPN throughput?');
      await waitFor(() => !$(el, '[part~=pending-question]') && !!$(el, '[part=posted]'), 'posted notice');
      expect(backend.data.questions.length).to.equal(before + 1);
      await expect(el).to.be.accessible();
      $<HTMLButtonElement>(el, '[part~=open-posted]')!.click();
      await waitFor(() => text(el, '#question-title') === 'Queued while offline: VPN throughput?', 'opens it');
    });

    it('fires confab-load around fetches and marks first content', async () => {
      performance.clearMarks('confab:qa-box:first-content');
      const loads: string[] = [];
      const wrap = await fixture(html`<confab-provider .backend=${signedIn()}><confab-qa-box @confab-load=${(e: CustomEvent) => loads.push(e.detail.what)}></confab-qa-box></confab-provider>`);
      const el = wrap.querySelector('confab-qa-box')!;
      fill(el, '#title', 'deal registration');
      await similarShown(el);
      expect(loads).to.include('similar-questions');
      expect(performance.getEntriesByName('confab:qa-box:first-content')).to.have.length(1);
      // Opening a question loads it once; a vote changes it locally, which is not a load.
      loads.length = 0;
      el.question = 'q-002';
      await waitFor(() => !!$(el, '.question [part~=vote-up]'), 'question');
      expect(loads).to.deep.equal(['question']);
      $<HTMLButtonElement>(el, '.question [part~=vote-up]')!.click();
      await waitFor(() => /Voted up/.test(text(el, '[role=status]')));
      expect(loads).to.deep.equal(['question']);
    });

    it('warns once about a bad theme value and falls back to auto', async () => {
      await withWarnings(async (seen) => {
        const wrap = await fixture(html`<confab-provider .backend=${signedIn()}><confab-qa-box theme="purple"></confab-qa-box></confab-provider>`);
        const el = wrap.querySelector('confab-qa-box')!;
        el.requestUpdate();
        await el.updateComplete;
        expect(seen.filter((w) => w.includes('theme="purple"'))).to.have.length(1);
        expect($(el, '[part=base]')!.className).to.match(/\b(light|dark)\b/);
      });
    });

    it('shows who is signed in, and the placeholder attribute', async () => {
      const wrap = await fixture(html`<confab-provider .backend=${signedIn()}><confab-qa-box placeholder="Ask Acme partners"></confab-qa-box></confab-provider>`);
      const el = wrap.querySelector('confab-qa-box')!;
      await waitFor(() => text(el, '.actions').includes('Posting as Aiko Tanaka'), 'signed-in line');
      expect($<HTMLInputElement>(el, '#title')!.placeholder).to.equal('Ask Acme partners');
      expect(text(el, '[part~=submit]')).to.equal('Post your question');
    });

    it('a question opened directly offers no deflection; focus waits on Back while it loads', async () => {
      const el = await mount(signedIn('u-aiko', { latency: 300 }));
      await ready(el);
      $(el, '#title')!.focus();
      el.question = 'q-001';
      await waitFor(() => el.shadowRoot!.activeElement?.getAttribute('part')?.includes('back') ?? false, 'focus held on Back');
      await waitFor(() => el.shadowRoot!.activeElement?.id === 'question-title', 'then on the title');
      expect($(el, '[part=deflection]')).to.equal(null);
    });

    it('uses the categories attribute for the select', async () => {
      const el = await mount(signedIn(), { categories: 'alpha, beta-gamma' });
      const options = $$<HTMLOptionElement>(el, '#category option');
      expect(options.map((o) => o.value)).to.deep.equal(['alpha', 'beta-gamma']);
      expect(options[1]!.textContent).to.equal('Beta gamma');
    });

    it('offers a preselected category even when the list lacks it', async () => {
      const el = await mount(signedIn(), { category: 'security', categories: 'alpha,beta' });
      const select = $<HTMLSelectElement>(el, '#category')!;
      expect([...select.options].map((o) => o.value)).to.deep.equal(['security', 'alpha', 'beta']);
      expect(select.value).to.equal('security');
    });

    it('shows cached similar questions with an offline notice when the backend is unreachable', async () => {
      const backend = signedIn();
      let el = await mount(backend);
      fill(el, '#title', 'deal registration');
      const before = (await similarShown(el)).map((o) => o.querySelector('[part=title]')!.textContent);
      await waitForCached([ID, '|similar:deal registration'], (v) => Array.isArray(v) && before.every((t) => v.some((q) => q.title === t)), 'similar questions written to IndexedDB');
      el.parentElement!.remove();
      _resetResourcesForTests();
      _clearMemoryCacheForTests();
      backend.setOnline(false);
      el = await mount(backend);
      fill(el, '#title', 'deal registration');
      await waitFor(() => !!$(el, '.similar [part=offline-notice]'), 'offline notice');
      expect($$(el, '[role=option] [part=title]').map((t) => t.textContent)).to.deep.equal(before);
      await expect(el).to.be.accessible();
    });

    it('keeps the title, body, category and tags drafts across a reload', async () => {
      const backend = signedIn();
      let el = await mount(backend);
      fill(el, '#title', 'Draft title survives');
      fill(el, '#body', 'Draft body survives');
      fill(el, '#tags', 'pricing, mdf');
      const select = $<HTMLSelectElement>(el, '#category')!;
      const other = [...select.options].map((o) => o.value).find((v) => v !== select.value)!;
      select.value = other;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await aTimeout(450);
      el.parentElement!.remove();
      _clearMemoryCacheForTests();
      el = await mount(backend);
      await waitFor(() => $<HTMLInputElement>(el, '#title')!.value === 'Draft title survives', 'title restored');
      expect($<HTMLTextAreaElement>(el, '#body')!.value).to.equal('Draft body survives');
      await waitFor(() => $<HTMLInputElement>(el, '#tags')!.value === 'pricing, mdf', 'tags restored');
      expect($<HTMLSelectElement>(el, '#category')!.value).to.equal(other);
    });

    it('previews the body as sanitised Markdown', async () => {
      const el = await mount(signedIn());
      fill(el, '#body', '**bold** <img src=x onerror="window.__qaPwned=1">');
      $<HTMLButtonElement>(el, '#tab-preview')!.click();
      await waitFor(() => !!$(el, '.preview strong'), 'markdown rendered');
      expect($(el, '.preview img[onerror]')).to.equal(null);
      expect((window as unknown as { __qaPwned?: number }).__qaPwned).to.equal(undefined);
    });
  });

  describe('the question view', () => {
    it('sorts answers accepted first, then by votes', async () => {
      const el = await mount(signedIn(), { question: 'q-001' });
      await waitFor(() => $$(el, '.answer').length > 1, 'answers shown');
      const answers = $$(el, '.answer');
      expect(answers[0]!.classList.contains('is-accepted')).to.equal(true);
      const scores = answers.slice(1).map((a) => Number(a.querySelector('[part=score]')!.textContent!.replace(/\D+/g, '')));
      expect(scores).to.deep.equal([...scores].sort((a, b) => b - a));
      await expect(el).to.be.accessible();
    });

    it('votes toggle, one per person, with aria-pressed and the score announced', async () => {
      const backend = signedIn('u-lars');
      const el = await mount(backend, { question: 'q-002' });
      await waitFor(() => !!$(el, '.question [part~=vote-up]'), 'question shown');
      const up = () => $<HTMLButtonElement>(el, '.question [part~=vote-up]')!;
      const down = () => $<HTMLButtonElement>(el, '.question [part~=vote-down]')!;
      const score = () => Number(text(el, '.question [part=score]').replace(/[^\d-]+/g, ''));
      const start = score();
      up().click();
      await el.updateComplete;
      expect(up().getAttribute('aria-pressed')).to.equal('true');
      expect(score()).to.equal(start + 1); // optimistic
      await waitFor(() => /Voted up/.test(text(el, '[role=status]')), 'announced');
      expect(text(el, '[role=status]')).to.contain(`Score ${start + 1}`);
      // Down replaces the up vote: one vote per person.
      down().click();
      await waitFor(() => /Voted down/.test(text(el, '[role=status]')));
      expect(score()).to.equal(start - 1);
      expect(up().getAttribute('aria-pressed')).to.equal('false');
      expect(down().getAttribute('aria-pressed')).to.equal('true');
      // Pressing down again withdraws it.
      down().click();
      await waitFor(() => /withdrawn/.test(text(el, '[role=status]')));
      expect(score()).to.equal(start);
      expect(down().getAttribute('aria-pressed')).to.equal('false');
      // The backend agrees: a fresh read shows my vote as 0 and the original score.
      const fresh = await backend.getQuestion('q-002');
      expect(fresh.question.myVote).to.equal(0);
      expect(fresh.question.score).to.equal(start);
      await expect(el).to.be.accessible();
    });

    it('rolls a vote back when the backend refuses it', async () => {
      const backend = signedIn('u-lars');
      const el = await mount(backend, { question: 'q-002' });
      await waitFor(() => !!$(el, '.question [part~=vote-up]'), 'question shown');
      const before = text(el, '.question [part=score]');
      backend.setOnline(false);
      $<HTMLButtonElement>(el, '.question [part~=vote-up]')!.click();
      await waitFor(() => !!$(el, '[part=error][role=alert]'), 'error shown');
      expect(text(el, '.question [part=score]')).to.equal(before);
      expect($(el, '.question [part~=vote-up]')!.getAttribute('aria-pressed')).to.equal('false');
    });

    it('lets only the asker accept an answer', async () => {
      const probe = new MemoryBackend();
      const q = probe.data.questions.find((x) => x.id === 'q-002')!;
      const stranger = probe.data.people?.find?.((p: { id: string }) => p.id !== q.authorId && p.id !== 'u-hannah')?.id ?? (q.authorId === 'u-lars' ? 'u-aiko' : 'u-lars');
      // Someone else: no accept button.
      let el = await mount(signedIn(stranger), { question: 'q-002' });
      await waitFor(() => $$(el, '.answer').length > 0, 'answers shown');
      expect($(el, '[part~=accept]')).to.equal(null);
      el.parentElement!.remove();
      await resetStores();
      // The asker: accept buttons, and accepting fires confab-answer-accepted and moves it first.
      el = await mount(signedIn(q.authorId), { question: 'q-002' });
      await waitFor(() => $$(el, '[part~=accept]').length > 0, 'accept buttons');
      await expect(el).to.be.accessible();
      const answers = $$(el, '.answer');
      const last = answers[answers.length - 1]!;
      const lastText = last.querySelector('[part=body]')!.textContent;
      setTimeout(() => last.querySelector<HTMLButtonElement>('[part~=accept]')!.click());
      const ev = await oneEvent(el, 'confab-answer-accepted');
      expect(ev.detail.questionId).to.equal('q-002');
      await el.updateComplete;
      const first = $$(el, '.answer')[0]!;
      expect(first.classList.contains('is-accepted')).to.equal(true);
      expect(first.querySelector('[part=body]')!.textContent).to.equal(lastText);
    });

    it('lets a moderator accept an answer on a question of someone else', async () => {
      const el = await mount(signedIn('u-hannah'), { question: 'q-002' });
      await waitFor(() => $$(el, '[part~=accept]').length > 0, 'accept buttons for the moderator');
    });

    it('passes axe in dark mode, asking and reading', async () => {
      const wrap = await fixture(html`<confab-provider .backend=${signedIn()}><confab-qa-box theme="dark"></confab-qa-box></confab-provider>`);
      const el = wrap.querySelector('confab-qa-box')!;
      fill(el, '#title', 'deal registration');
      await similarShown(el);
      await expect(el).to.be.accessible();
      el.question = 'q-001';
      await waitFor(() => $$(el, '.answer').length > 0, 'question');
      await aTimeout(200);
      await expect(el).to.be.accessible();
    });

    it('a signed-out partner voting gets confab-auth-required', async () => {
      const el = await mount(signedOut(), { question: 'q-001' });
      await waitFor(() => !!$(el, '.question [part~=vote-up]'), 'question shown');
      await waitFor(() => !!$(el, '[part~=sign-in]'), 'composer shows sign in');
      setTimeout(() => $<HTMLButtonElement>(el, '.question [part~=vote-up]')!.click());
      const ev = await oneEvent(el, 'confab-auth-required');
      expect(ev.detail.action).to.equal('vote');
      await expect(el).to.be.accessible();
    });

    it('shows a skeleton while loading and an error with retry that works', async () => {
      const backend = signedIn('u-aiko', { latency: 200 });
      backend.failWith = new Error('Server on fire');
      const el = await mount(backend, { question: 'q-001' });
      expect($(el, '[part=skeleton]')).to.not.equal(null);
      await expect(el).to.be.accessible();
      await waitFor(() => !!$(el, '.question-view [part=error]'), 'error');
      expect(text(el, '[part=error]')).to.contain('Server on fire');
      await expect(el).to.be.accessible();
      backend.failWith = null;
      $<HTMLButtonElement>(el, '[part~=retry]')!.click();
      await waitFor(() => !!$(el, '#question-title'), 'loaded after retry');
    });

    it('shows cached data with an offline notice when the backend is unreachable', async () => {
      const backend = signedIn();
      let el = await mount(backend, { question: 'q-001' });
      await waitFor(() => !!$(el, '#question-title'), 'loaded');
      const title = text(el, '#question-title');
      el.parentElement!.remove();
      _resetResourcesForTests();
      _clearMemoryCacheForTests();
      backend.setOnline(false);
      el = await mount(backend, { question: 'q-001' });
      await waitFor(() => !!$(el, '[part=offline-notice]'), 'offline notice');
      expect(text(el, '#question-title')).to.equal(title);
      expect(text(el, '[part=offline-notice]')).to.match(/Offline: showing what was saved/);
      await expect(el).to.be.accessible();
    });

    it('posts an answer offline as pending; after a reload and going online there is exactly one answer', async () => {
      const backend = signedIn('u-lars');
      let el = await mount(backend, { question: 'q-014' });
      await waitFor(() => !!$(el, '.composer textarea'), 'composer');
      const before = (await backend.getQuestion('q-014')).answers.items.length;
      backend.setOnline(false);
      fill(el, '.composer textarea', 'Offline answer, sent later.');
      $<HTMLButtonElement>(el, '.composer [part~=submit]')!.click();
      await waitFor(() => !!$(el, '[part~=pending-answer]'), 'pending shown');
      expect(text(el, '[part~=pending-answer]')).to.contain('Pending');
      await expect(el).to.be.accessible();
      // Reload: a fresh page state, IndexedDB kept.
      el.parentElement!.remove();
      resetOutbox();
      _resetResourcesForTests();
      _clearMemoryCacheForTests();
      el = await mount(backend, { question: 'q-014' });
      await waitFor(() => !!$(el, '[part~=pending-answer]'), 'still pending after reload');
      backend.setOnline(true);
      window.dispatchEvent(new Event('online'));
      await waitFor(() => !$(el, '[part~=pending-answer]'), 'sent');
      await waitFor(() => $$(el, '.answer').some((a) => a.textContent!.includes('Offline answer, sent later.')), 'answer shown');
      const after = (await backend.getQuestion('q-014')).answers.items;
      expect(after.length).to.equal(before + 1);
      expect(after.filter((a) => a.body === 'Offline answer, sent later.')).to.have.length(1);
      expect($$(el, '.answer').filter((a) => a.textContent!.includes('Offline answer, sent later.'))).to.have.length(1);
    });
  });

  describe('keyboard and handoff', () => {
    it('works by keyboard only: type, arrow to a similar question, Enter opens, Escape returns with focus on the title', async () => {
      const el = await mount(signedIn());
      await ready(el);
      $(el, '#title')!.focus();
      await sendKeys({ type: 'deal registration' });
      await similarShown(el);
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      const input = $(el, '#title')!;
      expect(input.getAttribute('aria-activedescendant')).to.equal('similar-0');
      expect($(el, '#similar-0')!.getAttribute('aria-selected')).to.equal('true');
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowUp' });
      await sendKeys({ press: 'Enter' });
      await waitFor(() => el.shadowRoot!.activeElement?.id === 'question-title', 'question opened with focus');
      await sendKeys({ press: 'Escape' });
      await waitFor(() => el.shadowRoot!.activeElement?.id === 'title', 'back with focus on the title');
      expect($<HTMLInputElement>(el, '#title')!.value).to.equal('deal registration');
      // The Back button does the same.
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
      await waitFor(() => !!$(el, '[part~=back]'));
      $(el, '[part~=back]')!.click();
      await waitFor(() => el.shadowRoot!.activeElement?.id === 'title');
    });

    it('the Write / Preview tabs work with arrow keys', async () => {
      const el = await mount(signedIn());
      fill(el, '#body', 'Some *details*');
      $(el, '#tab-write')!.focus();
      await sendKeys({ press: 'ArrowRight' });
      await waitFor(() => el.shadowRoot!.activeElement?.id === 'tab-preview', 'preview tab focused');
      expect($(el, '#tab-preview')!.getAttribute('aria-selected')).to.equal('true');
      await waitFor(() => !!$(el, '.preview em'), 'preview rendered');
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'ArrowLeft' });
      await waitFor(() => el.shadowRoot!.activeElement?.id === 'tab-write');
      expect($(el, '#body')!.hidden).to.equal(false);
    });

    it('Escape closes the similar list without leaving the field', async () => {
      const el = await mount(signedIn());
      $(el, '#title')!.focus();
      await sendKeys({ type: 'deal registration' });
      await similarShown(el);
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect($(el, '#title')!.getAttribute('aria-expanded')).to.equal('false');
      expect(el.shadowRoot!.activeElement?.id).to.equal('title');
    });

    // The focus race of issue 13: a notification opens an answer on a question cached before that answer
    // existed. The cached copy renders first, without it; focus must still land on it once fresh data shows.
    it('openItem lands on an answer that arrived after the question was cached, once fresh data shows it', async () => {
      const backend = signedIn('u-aiko');
      const q = await backend.askQuestion({ title: 'Can a renewal keep the original deal discount?', body: 'Our customer renews in May.', category: 'deal-registration', tags: [] });
      let el = await mount(backend, { question: q.id });
      await waitFor(() => !!$(el, '#question-title') && !!$(el, '[part~=empty]'), 'the question, with no answers yet');
      el.parentElement!.remove();
      backend.setMe(meFor('u-lars'));
      const fresh = await backend.answerQuestion(q.id, { body: 'Register the renewal 30 days ahead.' });
      backend.setMe(meFor('u-aiko'));
      backend.latency = 150;
      el = await mount(backend);
      await ready(el);
      expect(el.openItem('question', q.id, fresh.id)).to.equal(true);
      await waitFor(() => !!$(el, '#question-title'), 'the cached copy');
      expect($(el, `[data-answer="${fresh.id}"]`), 'the cached copy has no such answer yet').to.equal(null);
      await waitFor(() => el.shadowRoot!.activeElement?.getAttribute('data-answer') === fresh.id, 'focus on the fresh answer');
    });

    it('openItem on the question already open fetches it again and lands on the new answer', async () => {
      const backend = signedIn('u-aiko');
      const q = await backend.askQuestion({ title: 'Does a renewal count toward the partner tier?', body: 'Asking for a renewal in May.', category: 'deal-registration', tags: [] });
      const el = await mount(backend, { question: q.id });
      await waitFor(() => !!$(el, '#question-title') && !!$(el, '[part~=empty]'), 'the question, with no answers yet');
      backend.setMe(meFor('u-lars'));
      const fresh = await backend.answerQuestion(q.id, { body: 'Yes, from the next quarter.' });
      backend.setMe(meFor('u-aiko'));
      el.openItem('question', q.id, fresh.id);
      await waitFor(() => el.shadowRoot!.activeElement?.getAttribute('data-answer') === fresh.id, 'focus on the new answer');
      expect(text(el, '[role=status]')).to.equal('');
    });

    it('openItem leaves focus where the partner moved it while the answer waited for fresh data', async () => {
      const backend = signedIn('u-aiko');
      const q = await backend.askQuestion({ title: 'Is MDF available for webinars hosted by partners?', body: 'A webinar in June.', category: 'marketing', tags: [] });
      let el = await mount(backend, { question: q.id });
      await waitFor(() => !!$(el, '.answer-box textarea'), 'the question with its answer box');
      el.parentElement!.remove();
      backend.setMe(meFor('u-lars'));
      const fresh = await backend.answerQuestion(q.id, { body: 'Yes, up to half of the cost.' });
      backend.setMe(meFor('u-aiko'));
      backend.latency = 400;
      el = await mount(backend);
      el.openItem('question', q.id, fresh.id);
      await waitFor(() => el.shadowRoot!.activeElement?.getAttribute('part')?.includes('back') ?? false, 'focus held on Back while the cached copy shows');
      const box = $(el, '.answer-box textarea')!;
      box.focus();
      await waitFor(() => !!$(el, `[data-answer="${fresh.id}"]`), 'the fresh answer');
      await el.updateComplete;
      // Compared by identity: chai's diff of two elements on failure is slow enough to stall the run.
      expect(el.shadowRoot!.activeElement === box, `focus stayed in the answer box, not on ${el.shadowRoot!.activeElement?.getAttribute('part')}`).to.equal(true);
    });

    it('openItem on an answer that fresh data no longer shows (hidden by a moderator) says so and focuses the question', async () => {
      const backend = signedIn('u-aiko');
      const answer = backend.data.answers.find((a) => a.authorId !== 'u-aiko' && backend.data.questions.some((x) => x.id === a.questionId && x.acceptedAnswerId !== a.id))!;
      let el = await mount(backend, { question: answer.questionId });
      await waitFor(() => !!$(el, `[data-answer="${answer.id}"]`), 'the answer, cached');
      el.parentElement!.remove();
      backend.setMe(meFor('p-morgan'));
      await backend.moderationAction({ target: { kind: 'answer', id: answer.id }, action: 'hide' });
      backend.setMe(meFor('u-aiko'));
      backend.latency = 150;
      el = await mount(backend);
      await ready(el);
      el.openItem('question', answer.questionId, answer.id);
      await waitFor(() => el.shadowRoot!.activeElement?.id === 'question-title', 'focus on the question once fresh data lacks the answer');
      expect($(el, `[data-answer="${answer.id}"]`)).to.equal(null);
      await waitFor(() => text(el, '[role=status]') === 'The answer you opened is not shown here.', 'the drop announced');
    });

    it('a confab-ask on its provider prefills the title, focuses it and looks for similar questions', async () => {
      const el = await mount(signedIn(), { question: 'q-001' });
      const provider = el.parentElement!;
      provider.dispatchEvent(new CustomEvent('confab-ask', { detail: { query: 'SAML certificate rotation' }, bubbles: true, composed: true }));
      await waitFor(() => el.shadowRoot!.activeElement?.id === 'title', 'title focused');
      expect($<HTMLInputElement>(el, '#title')!.value).to.equal('SAML certificate rotation');
      expect(el.question).to.equal(undefined);
      await similarShown(el);
    });

    it('a confab-ask on the document reaches a box without a provider', async () => {
      const { configure, _resetConfigForTests } = await import('../../../src/core/config.js');
      configure({ backend: signedIn() });
      try {
        const el = await fixture<ConfabQaBox>(html`<confab-qa-box></confab-qa-box>`);
        document.dispatchEvent(new CustomEvent('confab-ask', { detail: { query: 'NFR licences' } }));
        await waitFor(() => $<HTMLInputElement>(el, '#title')?.value === 'NFR licences', 'prefilled');
      } finally {
        _resetConfigForTests();
      }
    });
  });
});
