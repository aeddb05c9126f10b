import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from '../core/wait.js';
import { createFixtures, MemoryBackend, meFor } from '../../../src/backends/memory/index.js';
import { _resetConfigForTests, configure } from '../../../src/core/config.js';
import { _resetResourcesForTests } from '../../../src/core/resource.js';
import '../../../src/elements/qa-box/define.js';
import type { ConfabQaBox } from '../../../src/elements/qa-box/qa-box.js';

const data = createFixtures();
const PEOPLE = new Set(['u-aiko', 'u-jean-luc', 'u-priya', 'u-lars', 'u-chen', 'u-emily']);
// An accepted question asked by a fixture partner, and an open one (answers, none accepted) by the same kind.
const accepted = data.questions.find((q) => q.acceptedAnswerId && PEOPLE.has(q.authorId))!;
const open = data.questions.find((q) => !q.acceptedAnswerId && PEOPLE.has(q.authorId) && data.answers.some((a) => a.questionId === q.id))!;

let n = 0;
function backend(who: string) {
  const b = new MemoryBackend({ id: `csat-test-${++n}`, data, me: meFor(who) });
  configure({ backend: b });
  return b;
}
const q = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);

afterEach(() => {
  _resetConfigForTests();
  _resetResourcesForTests();
});

describe('<confab-qa-box> "Did this solve your problem?"', () => {
  it('asks the asker of an accepted question, sends score and comment through the backend, and thanks them', async () => {
    const b = backend(accepted.authorId);
    const el = await fixture<ConfabQaBox>(html`<confab-qa-box question=${accepted.id}></confab-qa-box>`);
    await waitFor(() => q(el, '[part~="csat"] input[type="radio"]'), 'the prompt');
    expect(q(el, '[part~="csat"] legend')!.textContent).to.equal('Did this solve your problem?');
    await expect(el).to.be.accessible();
    const four = el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part~="csat"] input[type="radio"]')[3]!;
    four.click();
    const comment = q<HTMLTextAreaElement>(el, '[part~="csat"] textarea')!;
    comment.value = 'Worked after a restart.';
    comment.dispatchEvent(new Event('input'));
    q<HTMLButtonElement>(el, '[part~="csat-send"]')!.click();
    await waitFor(() => q(el, '[part~="csat"] [role="status"]'), 'thanks');
    expect(b.csatAnswers).to.deep.equal([{ questionId: accepted.id, score: 4, comment: 'Worked after a restart.' }]);
    expect(q(el, '[part~="csat"]')!.textContent).to.contain('4 of 5');
  });

  it('does not ask anyone else', async () => {
    const other = [...PEOPLE].find((p) => p !== accepted.authorId)!;
    const b = backend(other);
    const el = await fixture<ConfabQaBox>(html`<confab-qa-box question=${accepted.id}></confab-qa-box>`);
    await waitFor(() => q(el, '[part~="answer"]'), 'answers shown');
    await el.updateComplete;
    expect(q(el, '[part~="csat"]')).to.equal(null);
    expect(b.calls('getCsat')).to.equal(0);
  });

  it('asks once the asker accepts an answer', async () => {
    backend(open.authorId);
    const el = await fixture<ConfabQaBox>(html`<confab-qa-box question=${open.id}></confab-qa-box>`);
    await waitFor(() => q(el, '[part~="accept"]'), 'accept button');
    expect(q(el, '[part~="csat"]')).to.equal(null);
    q<HTMLButtonElement>(el, '[part~="accept"]')!.click();
    await waitFor(() => q(el, '[part~="csat"] input[type="radio"]'), 'the prompt after accepting');
  });
});
