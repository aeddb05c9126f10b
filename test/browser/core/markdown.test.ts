import { expect, fixture, html } from '@open-wc/testing';
import { waitFor } from './wait.js';
import { LitElement } from 'lit';
import { renderMarkdown } from '../../../src/core/markdown.js';
import { markdown, preloadMarkdown } from '../../../src/core/markdown-directive.js';

declare global {
  // eslint-disable-next-line no-var
  var __confabCanary: unknown;
}

const CANARY = 'window.__confabCanary=1';

// Every payload tries to set the canary; none may produce an element or attribute that could run it.
const VECTORS: string[] = [
  `<script>${CANARY}</script>`,
  `<SCRIPT SRC=//x.example/x.js></SCRIPT>`,
  `<img src=x onerror="${CANARY}">`,
  `<img src="https://x.example/a.png" onload="${CANARY}">`,
  `<p onclick="${CANARY}">click</p>`,
  `<a href="javascript:${CANARY}">x</a>`,
  `[x](javascript:${CANARY})`,
  `[x](JaVaScRiPt:${CANARY})`,
  `[x]( javascript:${CANARY})`,
  `[x](java\tscript:${CANARY})`,
  `[x](jav&#x09;ascript:${CANARY})`,
  `[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;${CANARY})`,
  `[x](&#0000106avascript:${CANARY})`,
  `[x](javascript&colon;${CANARY})`,
  `[x](\\u006aavascript:${CANARY})`,
  `[x](<javascript:${CANARY}>)`,
  `<javascript:${CANARY}>`,
  `[x][r]\n\n[r]: javascript:${CANARY}`,
  `![x](javascript:${CANARY})`,
  `[x](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19jb25mYWJDYW5hcnk9MTwvc2NyaXB0Pg==)`,
  `![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)`,
  `![x](DATA:image/png;base64,AAAA)`,
  `[x](vbscript:msgbox(1))`,
  `[x](VBScript:msgbox(1))`,
  `[x](file:///etc/passwd)`,
  `[x](//evil.example/path)`,
  `<svg><script>${CANARY}</script></svg>`,
  `<svg onload="${CANARY}"></svg>`,
  `<svg><a xlink:href="javascript:${CANARY}"><text>x</text></a></svg>`,
  `<svg><animate onbegin="${CANARY}" attributeName=x dur=1s>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${CANARY}">`,
  `<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img src onerror='${CANARY}'>">`,
  `<form><math><mtext></form><form><mglyph><style></math><img src onerror="${CANARY}">`,
  `<noscript><p title="</noscript><img src=x onerror=${CANARY}>">`,
  `<iframe srcdoc="<script>parent.${CANARY}</script>"></iframe>`,
  `<iframe src="javascript:${CANARY}"></iframe>`,
  `<object data="javascript:${CANARY}"></object>`,
  `<embed src="javascript:${CANARY}">`,
  `<details open ontoggle="${CANARY}">`,
  `<body onload="${CANARY}">`,
  `<style>@import 'javascript:${CANARY}';</style>`,
  `<base href="javascript:${CANARY}//">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${CANARY}">`,
  `<form action="javascript:${CANARY}"><button>go</button></form>`,
  `<input autofocus onfocus="${CANARY}">`,
  `<template><script>${CANARY}</script></template>`,
  `<div><p>broken <b>nesting <i>here</p></b><img src=x onerror=${CANARY}>`,
  `<<script>script>${CANARY}<</script>/script>`,
  `<scr<script>ipt>${CANARY}</scr</script>ipt>`,
  `<img """><script>${CANARY}</script>">`,
  `<a href="https://ok.example" onmouseover="${CANARY}">ok</a>`,
  `<!--<img src=x onerror=${CANARY}>-->`,
  `<![CDATA[<img src=x onerror=${CANARY}>]]>`,
  '```html\n<script>' + CANARY + '</script>\n```',
  `\`<img src=x onerror=${CANARY}>\``,
  `> <img src=x onerror=${CANARY}>`,
  `* <a href="javascript:${CANARY}">x</a>`,
  `| a |\n|---|\n| <img src=x onerror=${CANARY}> |`,
  `<a href="https://ok.example" style="position:fixed;inset:0">overlay</a>`,
  `<a id="location" name="cookie">clobber</a>`,
  // Mentions: the chip is the one span with attributes; none of these may forge another.
  `@[<img src=x onerror="${CANARY}">](u1)`,
  `@[x" onmouseover="${CANARY}](u1)`,
  `@[x](u1" onclick="${CANARY})`,
  `@[x](javascript:alert)`,
  `@[<script>${CANARY}</script>](u1)`,
  `@[x](u1)<span class="mention" data-person="u2" onclick="${CANARY}">forged</span>`,
  `[@[x](u1)](javascript:${CANARY})`,
  `<span class="mention" style="position:fixed;inset:0" id="location">@overlay</span>`,
];

const SAFE_URL = /^(?:https?:|mailto:)/i;

function assertSafe(frag: DocumentFragment, payload: string): void {
  const all = [...frag.querySelectorAll('*')];
  for (const el of all) {
    const tag = el.localName;
    expect(['script', 'svg', 'math', 'iframe', 'object', 'embed', 'style', 'form', 'input', 'base', 'meta', 'template', 'details'],
      `${payload} -> <${tag}>`).not.to.include(tag);
    expect(el.namespaceURI, payload).to.equal('http://www.w3.org/1999/xhtml');
    for (const attr of el.getAttributeNames()) {
      expect(attr.startsWith('on'), `${payload} -> ${attr}`).to.equal(false);
      expect(['style', 'id', 'name', 'srcdoc', 'xlink:href', 'action', 'formaction'], `${payload} -> ${attr}`).not.to.include(attr);
      // The only class and data attribute that may appear are the mention chip's, exactly.
      if (attr === 'class') expect(`${tag}.${el.getAttribute(attr)}`, payload).to.equal('span.mention');
      if (attr.startsWith('data-')) expect(`${tag}[${attr}]`, payload).to.equal('span[data-person]');
      if (attr === 'data-person') expect(el.getAttribute(attr), payload).to.match(/^[A-Za-z0-9_.:-]+$/);
    }
    const url = el.getAttribute('href') ?? el.getAttribute('src');
    if (url !== null) expect(url, `${payload} -> ${tag} url`).to.match(SAFE_URL);
    if (tag === 'img') expect(el.getAttribute('src'), payload).to.match(/^https?:/i);
  }
}

describe('renderMarkdown', () => {
  beforeEach(() => {
    delete window.__confabCanary;
  });

  it('renders GFM: emphasis, code, lists, quotes, tables, strikethrough', () => {
    const frag = renderMarkdown(
      '**bold** _it_ ~~del~~ `code`\n\n> quote\n\n1. one\n2. two\n\n- a\n\n```\npre\n```\n\n| h |\n|---|\n| c |\n\n---',
    );
    const div = document.createElement('div');
    div.append(frag);
    for (const sel of ['strong', 'em', 'del', 'code', 'blockquote', 'ol li', 'ul li', 'pre code', 'table thead th', 'table tbody td', 'hr']) {
      expect(div.querySelector(sel), sel).to.exist;
    }
  });

  it('demotes headings so content never outranks the widget', () => {
    const div = document.createElement('div');
    div.append(renderMarkdown('# One\n\n## Two\n\n###### Six'));
    expect([...div.children].map((e) => e.localName)).to.deep.equal(['h3', 'h4', 'h6']);
  });

  it('starts a document whose headings begin at ## at h3, so no level is skipped under the widget', () => {
    const div = document.createElement('div');
    div.append(renderMarkdown('## Before you start\n\n### Steps\n\n## Next'));
    expect([...div.children].map((e) => e.localName)).to.deep.equal(['h3', 'h4', 'h3']);
  });

  it('keeps safe links and images, opening links in a new tab with rel', () => {
    const div = document.createElement('div');
    div.append(renderMarkdown('[site](https://ok.example/x "T") <mailto:a@b.example> ![pic](https://img.example/a.png)'));
    const a = div.querySelector('a')!;
    expect(a.getAttribute('href')).to.equal('https://ok.example/x');
    expect(a.getAttribute('title')).to.equal('T');
    expect(a.getAttribute('target')).to.equal('_blank');
    expect(a.getAttribute('rel')).to.equal('noopener noreferrer nofollow ugc');
    expect(div.querySelectorAll('a')[1].getAttribute('href')).to.equal('mailto:a@b.example');
    const img = div.querySelector('img')!;
    expect(img.getAttribute('src')).to.equal('https://img.example/a.png');
    expect(img.getAttribute('referrerpolicy')).to.equal('no-referrer');
  });

  it('shows raw HTML as text instead of parsing it', () => {
    const div = document.createElement('div');
    div.append(renderMarkdown('Hello <b>there</b>\n\n<div class="x">block</div>'));
    expect(div.querySelector('b, div')).to.equal(null);
    expect(div.textContent).to.contain('<b>there</b>');
    expect(div.querySelectorAll('p')[1].textContent).to.equal('<div class="x">block</div>');
  });

  it('renders task lists without form controls, and drops relative links', () => {
    const div = document.createElement('div');
    div.append(renderMarkdown('- [x] done\n- [ ] todo\n\n[rel](/admin) [frag](#top)'));
    expect(div.querySelector('input')).to.equal(null);
    expect(div.querySelector('li')!.textContent).to.contain('\u2611');
    expect(div.querySelectorAll('a[href]').length).to.equal(0);
  });

  it('renders a mention as a text-escaped chip that names the person', () => {
    const div = document.createElement('div');
    div.append(renderMarkdown('Thanks @[Ana <b>"Ortiz"</b> & co](u_ana.1:x) and @[Sam](u2)! Not @[broken](bad id) or @[](u3).'));
    const chips = [...div.querySelectorAll('span.mention')];
    expect(chips.map((c) => [c.getAttribute('data-person'), c.textContent])).to.deep.equal([
      ['u_ana.1:x', '@Ana <b>"Ortiz"</b> & co'],
      ['u2', '@Sam'],
    ]);
    expect(chips[0].children.length, 'the name is text, never markup').to.equal(0);
    expect(chips.map((c) => c.getAttributeNames().sort().join())).to.deep.equal(['class,data-person', 'class,data-person']);
    expect(div.textContent).to.contain('@[broken](bad id)');
  });

  it('keeps mentions as text inside code', () => {
    const div = document.createElement('div');
    div.append(renderMarkdown('`@[Sam](u2)`\n\n```\n@[Sam](u2)\n```'));
    expect(div.querySelector('.mention')).to.equal(null);
    expect(div.querySelector('code')!.textContent).to.equal('@[Sam](u2)');
  });

  it('lets no raw span or class through, only the chip the renderer made', () => {
    const div = document.createElement('div');
    div.append(renderMarkdown('<span class="mention" data-person="u9">@fake</span> @[Real](u1)'));
    expect([...div.querySelectorAll('[class], [data-person]')].map((e) => e.getAttribute('data-person'))).to.deep.equal(['u1']);
    expect(div.textContent).to.contain('<span class="mention"');
  });

  it('drops every script vector, and the canary never gets set', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    for (const payload of VECTORS) {
      const frag = renderMarkdown(payload);
      assertSafe(frag, payload);
      host.append(frag);
    }
    // Give errors, loads and focus handlers a chance to fire, had any survived.
    for (const a of host.querySelectorAll('a')) a.dispatchEvent(new MouseEvent('mouseover'));
    await new Promise((r) => setTimeout(r, 300));
    expect(window.__confabCanary).to.equal(undefined);
    expect(host.querySelectorAll('[href^="javascript" i], [src^="javascript" i], [src^="data" i]').length).to.equal(0);
  });

  it('the canary check itself works: an unsanitised handler would set it', async () => {
    const img = document.createElement('img');
    img.setAttribute('onerror', CANARY);
    img.src = 'x:';
    document.body.append(img);
    await waitFor(() => window.__confabCanary === 1, 'the unsanitised handler set the canary');
    img.remove();
    expect(window.__confabCanary).to.equal(1);
  });

  it('also drops them when the vectors are combined with Markdown around them', () => {
    const frag = renderMarkdown(VECTORS.map((v, i) => `## ${i}\n\n*before* ${v} **after**\n`).join('\n'));
    assertSafe(frag, 'combined');
  });

  it('survives non-string input', () => {
    expect(renderMarkdown(undefined as unknown as string).textContent).to.equal('');
  });
});

class MdHost extends LitElement {
  static override properties = { body: {} };
  declare body: string;
  protected override render() {
    return html`<div>${markdown(this.body)}</div>`;
  }
}
customElements.define('core-md-host', MdHost);

describe('markdown() directive', () => {
  it('shows plain text first, then the sanitised DOM, and updates with the body', async () => {
    const el = await fixture<MdHost>(html`<core-md-host .body=${'**hi** <img src=x onerror=alert(1)>'}></core-md-host>`);
    await preloadMarkdown();
    await new Promise((r) => setTimeout(r));
    const div = el.shadowRoot!.querySelector('div')!;
    expect(div.querySelector('strong')?.textContent).to.equal('hi');
    expect(div.querySelector('img')).to.equal(null);
    el.body = '_next_';
    await el.updateComplete;
    expect(div.querySelector('em')?.textContent).to.equal('next');
    expect(div.querySelector('strong')).to.equal(null);
  });
});
