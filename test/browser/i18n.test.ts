import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from './core/wait.js';
import '../../src/elements/forum-feed/define.js';
import '../../src/elements/qa-box/define.js';
import '../../src/elements/article-search/define.js';
import '../../src/elements/cert-badge/define.js';
import '../../src/elements/provider/define.js';
import { MemoryBackend } from '../../src/backends/memory/index.js';
import { setLocale, getLocale } from '../../src/core/i18n.js';

const TAGS = ['confab-forum-feed', 'confab-qa-box', 'confab-article-search', 'confab-cert-badge'] as const;
const base = (el: Element) => el.shadowRoot!.querySelector('[part~="base"]')!;

describe('localisation at runtime', () => {
  afterEach(async () => {
    await setLocale('en');
  });

  it('switches every element to Arabic, right to left, and back, without a reload', async () => {
    const backend = new MemoryBackend({ id: 'i18n-test' });
    const root = await fixture(html`<confab-provider .backend=${backend}>
      <confab-forum-feed></confab-forum-feed>
      <confab-qa-box></confab-qa-box>
      <confab-article-search></confab-article-search>
      <confab-cert-badge org="org-northwind"></confab-cert-badge>
    </confab-provider>`);
    const els = TAGS.map((t) => root.querySelector(t)!);
    await waitFor(() => els.every((el) => el.shadowRoot?.querySelector('[part~="base"]')), 'all rendered');
    const feed = els[0];
    await waitFor(() => feed.shadowRoot!.textContent!.includes('Discussions'), 'English feed heading');
    for (const el of els) expect(base(el).getAttribute('dir'), el.localName).to.equal('ltr');

    await setLocale('ar');
    expect(getLocale()).to.equal('ar');
    await waitFor(() => els.every((el) => base(el).getAttribute('dir') === 'rtl'), 'every element lays out right to left');
    await waitFor(() => feed.shadowRoot!.textContent!.includes('المناقشات'), 'Arabic feed heading');
    expect(els[1].shadowRoot!.textContent).to.include('اسأل المجتمع');

    await setLocale('de');
    await waitFor(() => els.every((el) => base(el).getAttribute('dir') === 'ltr'), 'back to left to right');
    expect(base(els[0]).getAttribute('lang')).to.equal('de');
  });

  it('falls back to English for a locale it does not ship', async () => {
    await setLocale('pt-BR');
    expect(getLocale()).to.equal('en');
  });
});

describe('configure({ locale })', () => {
  it('switches the page at runtime', async () => {
    const { configure } = await import('../../src/configure.js');
    const { setLocaleFromPage } = await import('../../src/core/i18n.js');
    setLocaleFromPage();
    configure({ locale: 'fr-CA' });
    await waitFor(() => getLocale() === 'fr', 'French after configure');
    configure({ locale: 'en' });
    await waitFor(() => getLocale() === 'en', 'English again');
  });
});
