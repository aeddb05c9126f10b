import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from '../core/wait.js';
import { MemoryBackend } from '../../../src/backends/memory/index.js';
import { _resetConfigForTests, configure } from '../../../src/core/config.js';
import { setLocale } from '../../../src/core/i18n.js';
import '../../../src/elements/cert-badge/define.js';
import type { ConfabCertBadge } from '../../../src/elements/cert-badge/cert-badge.js';
import { OB_CHECKS } from '../../../src/contract/openbadges.js';
import { checkLabel } from '../../../src/elements/cert-badge/parts/verdict-labels.js';
import { templates as ar } from '../../../src/locales/cert-badge/ar.js';
import { templates as de } from '../../../src/locales/cert-badge/de.js';
import { templates as fr } from '../../../src/locales/cert-badge/fr.js';
import { templates as ja } from '../../../src/locales/cert-badge/ja.js';

type Entry = string | { strTag: true; strings: readonly string[]; values: readonly unknown[] };
const catalogues = { de, fr, ja, ar } as Record<string, Record<string, Entry>>;
const placeholders = (e: Entry) => (typeof e === 'string' ? [] : [...e.values].map(Number).sort());

describe('cert-badge catalogues', () => {
  it('every language has the same ids, all prefixed cert-badge-, none empty', () => {
    const ids = Object.keys(de).sort();
    expect(ids.length).to.be.greaterThan(60);
    for (const [lang, t] of Object.entries(catalogues)) {
      expect(Object.keys(t).sort(), lang).to.deep.equal(ids);
      for (const [id, e] of Object.entries(t)) {
        expect(id).to.match(/^cert-badge-/);
        expect(typeof e === 'string' ? e : e.strings.join(''), `${lang} ${id}`).not.to.equal('');
      }
    }
  });

  it('interpolated messages use each source value exactly once in every language', () => {
    for (const id of Object.keys(de)) {
      const want = placeholders(de[id] as Entry);
      for (const [lang, t] of Object.entries(catalogues)) expect(placeholders(t[id]), `${lang} ${id}`).to.deep.equal(want);
      if (want.length) expect(want).to.deep.equal(want.map((_, i) => i));
    }
  });
});

describe('verification check names', () => {
  after(() => setLocale('en'));

  it('every name in OB_CHECKS has an English label and a different one in every language', async () => {
    await setLocale('en');
    const english = Object.fromEntries(OB_CHECKS.map((name) => [name, checkLabel(name)]));
    for (const name of OB_CHECKS) expect(english[name], name).not.to.equal(name);
    for (const lang of Object.keys(catalogues)) {
      await setLocale(lang);
      for (const name of OB_CHECKS) expect(checkLabel(name), `${lang} ${name}`).not.to.be.oneOf([name, english[name]]);
    }
  });
});

describe('<confab-cert-badge> in another language', () => {
  after(async () => {
    await setLocale('en');
    _resetConfigForTests();
  });

  it('German: status labels, screen-reader sentences, buttons and dates', async () => {
    configure({ backend: new MemoryBackend({ id: `cert-locale-${Date.now()}` }) });
    await setLocale('de');
    const el = await fixture<ConfabCertBadge>(html`<confab-cert-badge person="u-priya" lang="de"></confab-cert-badge>`);
    await waitFor(() => el.shadowRoot!.querySelectorAll('[part~="item"]').length === 2);
    const text = el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('Widerrufen');
    expect(text).to.contain('Status: vom Aussteller widerrufen. Grund: Revoked after an exam integrity review.');
    expect(text).to.contain('Link kopieren');
    expect(text).to.match(/Ausgestellt am \d{1,2}\.\d{1,2}\.\d{4}|Ausgestellt am \d{1,2}\. \w+/);
    expect(el.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-label')).to.equal('Zertifizierungen von Priya Raghunathan');
  });
});
