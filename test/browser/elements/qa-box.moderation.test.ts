import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from '../core/wait.js';
import '../../../src/elements/qa-box/define.js';
import '../../../src/elements/provider/define.js';
import { MemoryBackend, meFor } from '../../../src/backends/memory/index.js';
import { _clearMemoryCacheForTests } from '../../../src/core/cache.js';
import { _resetResourcesForTests } from '../../../src/core/resource.js';
import type { ConfabQaBox } from '../../../src/elements/qa-box/qa-box.js';

const $ = (el: Element, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);

async function mount(backend: MemoryBackend, question: string): Promise<ConfabQaBox> {
  const wrap = await fixture(html`<confab-provider .backend=${backend}><confab-qa-box .question=${question}></confab-qa-box></confab-provider>`);
  const el = wrap.querySelector('confab-qa-box')!;
  await waitFor(() => $(el, '#question-title') && $(el, '.answer-box'), 'question open');
  return el;
}

describe('<confab-qa-box> moderation', function () {
  this.timeout(20000);
  beforeEach(() => {
    _resetResourcesForTests();
    _clearMemoryCacheForTests();
  });

  it('reports an answer of someone else through the dialog; the moderators see the report', async () => {
    const b = new MemoryBackend({ id: `qa-mod-${Date.now()}`, me: meFor('u-lars') });
    const answer = b.data.answers.find((a) => a.questionId === 'q-001' && a.authorId !== 'u-lars')!;
    const el = await mount(b, 'q-001');
    await waitFor(() => $(el, `[data-report="answer:${answer.id}"]`), 'Report on the answer');
    $(el, `[data-report="answer:${answer.id}"]`)!.click();
    await waitFor(() => $(el, 'dialog.report-dialog[open]'), 'dialog open');
    await expect(el).to.be.accessible();
    $(el, 'dialog.report-dialog input[value="spam"]')!.click();
    $(el, 'dialog.report-dialog button[type="submit"]')!.click();
    await waitFor(() => $(el, `li[data-answer="${answer.id}"] [part~="reported"]`), '"Reported" in place of the button');
    b.setMe(meFor('p-morgan'));
    const queue = await b.moderationQueue({ filter: 'flagged' });
    expect(queue.items.map((i) => i.target)).to.deep.include({ kind: 'answer', id: answer.id });
  });

  it('offers no Report on the question or its answers when the backend takes no reports, nor to signed-out visitors', async () => {
    const b = new MemoryBackend({ id: `qa-mod-none-${Date.now()}`, me: meFor('u-lars') });
    // The same plug without the capability.
    const without = Object.assign(Object.create(b), { createFlag: undefined }) as MemoryBackend;
    const el = await mount(without, 'q-001');
    await waitFor(() => el.shadowRoot!.querySelectorAll('li.answer').length > 0, 'answers');
    expect(el.shadowRoot!.querySelectorAll('[data-report]')).to.have.length(0);
    _resetResourcesForTests();
    _clearMemoryCacheForTests();
    const signedOut = await mount(new MemoryBackend({ id: `qa-mod-anon-${Date.now()}`, me: null }), 'q-001');
    await waitFor(() => signedOut.shadowRoot!.querySelectorAll('li.answer').length > 0, 'answers, signed out');
    expect(signedOut.shadowRoot!.querySelectorAll('[data-report]')).to.have.length(0);
  });

  it('shows the author a notice on their own held answer', async () => {
    const b = new MemoryBackend({ id: `qa-mod-held-${Date.now()}`, me: meFor('p-morgan') });
    await b.putWatchedWords({ items: [{ pattern: 'discount', action: 'hold' }] });
    b.setMe(meFor('u-lars'));
    const mine = await b.answerQuestion('q-014', { body: 'Ask for the partner discount form.' });
    expect(mine.status).to.equal('held');
    const el = await mount(b, 'q-014');
    await waitFor(() => $(el, `li[data-answer="${mine.id}"] [part~="mod-notice"]`), 'notice on the held answer');
    expect($(el, `li[data-answer="${mine.id}"] [part~="mod-notice"]`)!.textContent).to.contain('Awaiting review');
    expect($(el, `[data-report="answer:${mine.id}"]`), 'no Report on one’s own answer').to.be.null;
  });
});
