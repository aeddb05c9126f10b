import { expect } from '@open-wc/testing';
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
