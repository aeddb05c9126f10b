// Every vector of test/fixtures/xss-vectors.json through <confab-qa-box>: as plain-text fields
// (titles, names, orgs, tags, excerpts) and as Markdown bodies. Nothing may run, post a message,
// fetch a foreign URL or clobber a global, on render, on hover or on click.
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { waitFor } from '../core/wait.js';
import '../../../src/elements/qa-box/define.js';
import '../../../src/elements/provider/define.js';
import type { CommunityBackend } from '../../../src/backends/types.js';
import type { Answer, QuestionWithAnswers, SimilarQuestion } from '../../../src/contract/index.js';
import { _clearMemoryCacheForTests } from '../../../src/core/cache.js';
import { _resetResourcesForTests } from '../../../src/core/resource.js';
import type { ConfabQaBox } from '../../../src/elements/qa-box/qa-box.js';

interface Vector {
  id: string;
  payload: string;
  trigger: 'render' | 'hover' | 'click';
  signal: 'canary' | 'postMessage' | 'request' | 'clobber' | 'none';
}

const at = '2026-11-20T10:00:00.000Z';
const CANARY = '__confabPwned';
const win = window as unknown as Record<string, unknown>;

let seq = 0;

function backendFor(vectors: Vector[]): CommunityBackend {
  const author = (v: Vector) => ({ id: `u-${v.id}`, name: v.payload, orgName: v.payload, avatarUrl: null });
  const answers: Answer[] = vectors.map((v, i) => ({
    id: `a-${v.id}`, questionId: 'q-xss', author: author(v), body: v.payload, score: vectors.length - i, myVote: 0, accepted: false, createdAt: at, status: 'published',
  }));
  const data: QuestionWithAnswers = {
    question: {
      id: 'q-xss', title: vectors.map((v) => v.payload).join(' '), excerpt: '', category: vectors[0]!.payload,
      tags: vectors.map((v) => v.payload), author: author(vectors[0]!), answerCount: answers.length, score: 0, accepted: false,
      createdAt: at, lastActivityAt: at, status: 'published', body: vectors.map((v) => v.payload).join('\n\n'), acceptedAnswerId: null, myVote: 0,
    },
    answers: { items: answers, nextCursor: null },
  };
  const similar: SimilarQuestion[] = vectors.slice(0, 5).map((v) => ({
    id: 'q-xss', title: v.payload, answerCount: 1, accepted: true, acceptedExcerpt: v.payload, similarity: 0.9,
  }));
  return {
    // An id of its own per backend: nothing cached by another test (or test file) can answer for it.
    id: `qa-box-xss-${Date.now()}-${++seq}`,
    me: async () => ({ authenticated: true, id: 'u-me', name: 'Me', org: null, tier: null, roles: [] }),
    similarQuestions: async () => similar,
    getQuestion: async () => data,
  } as unknown as CommunityBackend;
}

/** Attributes that would run script or load something if a sanitiser let them through. */
function dangerous(root: ShadowRoot): string[] {
  const found: string[] = [];
  const scheme = (value: string) => value.replace(/[\u0000-\u0020]+/g, '').toLowerCase();
  // Elements only inside user content (the box's own forms are fine); attributes anywhere.
  const content = new Set(root.querySelectorAll('.prose *, [role=option] *, .byline *, [part~=chip] *, #question-title *'));
  for (const el of root.querySelectorAll('*')) {
    const tag = el.localName;
    if (content.has(el) && ['script', 'iframe', 'object', 'embed', 'frame', 'base', 'meta', 'link', 'style', 'form'].includes(tag)) found.push(`<${tag}>`);
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) found.push(`${tag}[${name}]`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data'].includes(name) && /^(javascript|vbscript|data:text)/.test(scheme(attr.value))) {
        found.push(`${tag}[${name}=${attr.value.slice(0, 40)}]`);
      }
    }
  }
  return found;
}

function foreignRequests(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((r) => r.name)
    .filter((u) => !u.startsWith(location.origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
}

describe('<confab-qa-box> against the XSS corpus', () => {
  let vectors: Vector[];
  const messages: unknown[] = [];
  const onMessage = (e: MessageEvent) => messages.push(e.data);
  // Clicking a vector's harmless https link must not navigate the test page away; javascript: URLs are
  // deliberately not stopped here, so one that survived sanitising would run and set the canary.
  const stopNavigation = (e: Event) => {
    const a = e.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    if (e.type === 'submit' || (a && /^(https?:|\/\/|\/|#|mailto:|$)/i.test(a.getAttribute('href')?.trim() ?? ''))) e.preventDefault();
  };

  before(async () => {
    vectors = (await (await fetch('/test/fixtures/xss-vectors.json')).json()) as Vector[];
    addEventListener('message', onMessage);
    document.addEventListener('click', stopNavigation, true);
    document.addEventListener('submit', stopNavigation, true);
  });
  after(() => {
    removeEventListener('message', onMessage);
    document.removeEventListener('click', stopNavigation, true);
    document.removeEventListener('submit', stopNavigation, true);
  });
  beforeEach(async () => {
    _resetResourcesForTests();
    _clearMemoryCacheForTests();
    delete win[CANARY];
    messages.length = 0;
  });

  it('loaded the corpus', () => {
    expect(vectors.length).to.be.greaterThan(200);
  });

  it('shows every vector in titles and excerpts of similar questions as text', async function () {
    this.timeout(90_000); // 5 vectors per render (the list shows 5), each after the 250 ms debounce
    for (let i = 0; i < vectors.length; i += 5) {
      const batch = vectors.slice(i, i + 5);
      _resetResourcesForTests();
      const wrap = await fixture(html`<confab-provider .backend=${backendFor(batch)}><confab-qa-box></confab-qa-box></confab-provider>`);
      const el = wrap.querySelector<ConfabQaBox>('confab-qa-box')!;
      const input = el.shadowRoot!.querySelector<HTMLInputElement>('#title')!;
      input.value = `xss ${i}`;
      input.dispatchEvent(new Event('input'));
      await waitFor(() => el.shadowRoot!.querySelectorAll('[role=option]').length === batch.length, `batch ${i}`);
      const options = [...el.shadowRoot!.querySelectorAll('[role=option]')];
      options.forEach((o, j) => {
        expect(o.querySelector('[part=title]')!.textContent).to.equal(batch[j]!.payload);
        expect(o.querySelector('[part=excerpt]')!.textContent).to.equal(batch[j]!.payload);
      });
      expect(dangerous(el.shadowRoot!)).to.deep.equal([]);
    }
    await aTimeout(100);
    expect(win[CANARY]).to.equal(undefined);
    expect(messages).to.not.include(CANARY);
    expect(foreignRequests()).to.deep.equal([]);
  });

  it('renders every vector as a Markdown body and as names and tags without running, fetching or clobbering', async function () {
    this.timeout(30_000);
    const wrap = await fixture(html`<confab-provider .backend=${backendFor(vectors)}><confab-qa-box question="q-xss"></confab-qa-box></confab-provider>`);
    const el = wrap.querySelector<ConfabQaBox>('confab-qa-box')!;
    const root = el.shadowRoot!;
    await waitFor(() => root.querySelectorAll('.answer').length === vectors.length, 'all answers', { timeout: 8000 });
    // The Markdown renderer is a lazy chunk: wait until the bodies are rendered DOM, not plain text.
    await waitFor(() => !!root.querySelector('.question .prose p'), 'markdown rendered');
    await aTimeout(400);

    // Plain-text fields show the vector as typed.
    expect(root.querySelector('#question-title')!.textContent).to.equal(vectors.map((v) => v.payload).join(' '));
    const names = [...root.querySelectorAll('.answer .name')].map((n) => n.textContent);
    expect(new Set(names)).to.deep.equal(new Set(vectors.map((v) => v.payload)));
    const chips = [...root.querySelectorAll('.question [part=chip]')].map((c) => c.textContent);
    for (const v of vectors) expect(chips).to.include(v.payload);

    expect(dangerous(root)).to.deep.equal([]);

    // Hover and click everything the bodies produced.
    const bodyNodes = [...root.querySelectorAll('.prose *')] as HTMLElement[];
    for (const n of bodyNodes) {
      n.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, composed: true }));
      n.dispatchEvent(new MouseEvent('mouseenter'));
    }
    for (const n of bodyNodes) if (n.localName === 'a' || n.localName === 'button' || n.localName === 'input' || n.localName === 'summary') n.click();
    await aTimeout(300);

    expect(win[CANARY]).to.equal(undefined);
    expect(messages).to.not.include(CANARY);
    expect(foreignRequests()).to.deep.equal([]);
    expect(document.getElementById(CANARY)).to.equal(null);
  });
});
