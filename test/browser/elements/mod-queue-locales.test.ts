import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from '../core/wait.js';
import { MemoryBackend, meFor } from '../../../src/backends/memory/index.js';
import { _resetConfigForTests, configure } from '../../../src/core/config.js';
import { _resetResourcesForTests } from '../../../src/core/resource.js';
import { setLocale } from '../../../src/core/i18n.js';
import '../../../src/elements/mod-queue/define.js';
import type { ConfabModQueue } from '../../../src/elements/mod-queue/mod-queue.js';
import { templates as ar } from '../../../src/locales/mod-queue/ar.js';
import { templates as de } from '../../../src/locales/mod-queue/de.js';
import { templates as fr } from '../../../src/locales/mod-queue/fr.js';
import { templates as ja } from '../../../src/locales/mod-queue/ja.js';

type Entry = string | { strTag: true; strings: readonly string[]; values: readonly unknown[] };
const catalogues = { de, fr, ja, ar } as Record<string, Record<string, Entry>>;
const placeholders = (e: Entry) => (typeof e === 'string' ? [] : [...e.values].map(Number).sort());
const SOURCES = ['mod-queue.ts', 'labels.ts', 'queue-item.ts', 'parts/action-form.ts'];

describe('mod-queue catalogues', () => {
  after(async () => {
    await setLocale('en');
    _resetConfigForTests();
    _resetResourcesForTests();
  });

  it('translate exactly the ids the element’s files use, in every language, none empty', async () => {
    // The dev server serves the sources (as JS): the ids are in the text.
    const used = new Set<string>();
    for (const file of SOURCES) {
      const text = await (await fetch(`/src/elements/mod-queue/${file}`)).text();
      for (const m of text.matchAll(/id: ['"](mod-queue-[a-z-]+)['"]/g)) used.add(m[1]!);
    }
    expect(used.size).to.be.greaterThan(60);
    for (const [lang, t] of Object.entries(catalogues)) {
      expect(Object.keys(t).sort(), lang).to.deep.equal([...used].sort());
      for (const [id, e] of Object.entries(t)) expect(typeof e === 'string' ? e : e.strings.join(''), `${lang} ${id}`).not.to.equal('');
    }
  });

  it('interpolated messages use each source value exactly once in every language', () => {
    for (const id of Object.keys(de)) {
      const want = placeholders(de[id] as Entry);
      for (const [lang, t] of Object.entries(catalogues)) expect(placeholders(t[id]!), `${lang} ${id}`).to.deep.equal(want);
    }
  });

  it('renders in Arabic right to left, and in German', async () => {
    configure({ backend: new MemoryBackend({ id: `mq-i18n-${Date.now()}`, moderationDemo: true, me: meFor('p-morgan') }) });
    const el = await fixture<ConfabModQueue>(html`<confab-mod-queue></confab-mod-queue>`);
    await waitFor(() => el.shadowRoot!.querySelector('article.item'), 'items');
    await setLocale('ar');
    await waitFor(() => el.shadowRoot!.querySelector('[part="base"]')!.getAttribute('dir') === 'rtl', 'rtl');
    expect(el.shadowRoot!.querySelector('.heading')!.textContent).to.equal('قائمة الإشراف');
    await setLocale('de');
    await waitFor(() => el.shadowRoot!.querySelector('.heading')!.textContent === 'Moderationswarteschlange', 'German heading');
    expect(el.shadowRoot!.querySelector('article.item [data-action="approve"]')!.textContent!.trim()).to.equal('Freigeben');
  });
});
