// Runs in its own page: a CSP meta tag cannot be taken back, and it must not affect other tests.
import { expect } from '@open-wc/testing';

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
    // Violation events arrive asynchronously.
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
    await new Promise((r) => setTimeout(r, 50));
    expect(violations.map((v) => `${v.violatedDirective}: ${v.sample} @ ${v.sourceFile}:${v.lineNumber}`)).to.deep.equal([]);
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
