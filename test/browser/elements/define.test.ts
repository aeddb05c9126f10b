import { expect } from '@open-wc/testing';
import { ConfabElement } from '../../../src/elements/confab-element.js';
import type { PropertyDeclarations } from 'lit';
import { withWarnings } from '../warnings.js';

class FirstCopy extends ConfabElement {
  static override properties: PropertyDeclarations = { pageSize: { type: Number, attribute: 'page-size' } };
  pageSize = 20;
}
class SecondCopy extends ConfabElement {
  static override properties: PropertyDeclarations = { pageSize: { type: Number, attribute: 'page-size' } };
  pageSize = 20;
}

describe('ConfabElement.define', () => {
  it('keeps the first definition, warns once for another copy, and still finalises the other class', async () => {
    const warnings = await withWarnings(() => {
      FirstCopy.define('define-test-feed');
      SecondCopy.define('define-test-feed');
      SecondCopy.define('define-test-feed');
    });
    expect(customElements.get('define-test-feed')).to.equal(FirstCopy);
    expect(warnings).to.have.length(1);
    // Wrappers such as @lit/react tell properties from attributes by the accessors on the prototype,
    // which a Lit class only gets when finalised; the unregistered copy must have them too.
    expect('pageSize' in SecondCopy.prototype).to.equal(true);
    expect('theme' in SecondCopy.prototype).to.equal(true);
  });
});
