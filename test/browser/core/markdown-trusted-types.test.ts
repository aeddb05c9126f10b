// Runs in its own page: a CSP meta tag cannot be taken back, and it must not affect other tests.
import { expect } from '@open-wc/testing';
import { waitFor } from './wait.js';

const violations: SecurityPolicyViolationEvent[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(e));

describe('markdown under Trusted Types', () => {
  before(() => {
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    // Only the `confab` policy (and Lit's) may exist: DOMPurify must not create its own.
    meta.content = "require-trusted-types-for 'script'; trusted-types confab lit-html";
    document.head.append(meta);
  });

  it('the policy is enforced on this page, and violations are seen', async () => {
    const div = document.createElement('div');
    expect(() => {
      div.innerHTML = '<b>x</b>';
    }).to.throw(TypeError);
    // Violation events arrive asynchronously: wait for the first, then give a second one the time to show.
    await waitFor(() => violations.length > 0, 'the violation event');
    await new Promise((r) => setTimeout(r, 50));
    expect(violations.length).to.equal(1);
    violations.length = 0;
  });

  it('renders sanitised Markdown through the confab policy with zero violations', async () => {
    const { renderMarkdown } = await import('../../../src/core/markdown.js');
    const div = document.createElement('div');
    div.append(renderMarkdown('**safe** [l](https://ok.example) <img src=x onerror=alert(1)> [x](javascript:alert(1))'));
    expect(div.querySelector('strong')?.textContent).to.equal('safe');
    expect(div.querySelector('img')).to.equal(null);
    expect(div.querySelectorAll('a[href]').length).to.equal(1);
    div.append(renderMarkdown('second call reuses the policy'));
    // A violation of our own, after the rendering: its event is queued behind any the rendering caused,
    // so once it has arrived, so have they.
    expect(() => {
      document.createElement('div').innerHTML = '<i>end marker</i>';
    }).to.throw(TypeError);
    await waitFor(() => violations.some((v) => v.sample.includes('end marker')), 'the end marker violation');
    expect(violations.filter((v) => !v.sample.includes('end marker')).map((v) => `${v.violatedDirective}: ${v.sample} @ ${v.sourceFile}:${v.lineNumber}`)).to.deep.equal([]);
    violations.length = 0;
  });

  it('the confab policy is no gadget outside the sanitiser', async () => {
    const { confabPolicy } = await import('../../../src/core/trusted-types.js');
    const tt = confabPolicy()!;
    expect(tt).to.not.equal(null);
    expect(() => tt.policy.createHTML('<img src=x onerror=alert(1)>')).to.throw(TypeError);
    expect(() => tt.policy.createScriptURL('https://x.example/x.js')).to.throw(TypeError);
    // A second copy of Confab finds the same policy instead of failing to create a duplicate.
    expect((globalThis as unknown as Record<symbol, unknown>)[Symbol.for('confab.trusted-types')]).to.equal(tt);
  });
});
