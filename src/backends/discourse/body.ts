/**
 * Post bodies as the Markdown Confab renders (core/markdown: marked, then DOMPurify's allow-list).
 *
 * - From `raw` (sent with `include_raw=true`): Discourse's own Markdown extensions are turned into
 *   plain Markdown: `upload://` short URLs become the forum's `/uploads/short-url/` route, `[quote]`
 *   blocks become block quotes with their author, `[details]` a bold summary. Raw HTML stays text,
 *   as it does for every Confab body.
 * - From `cooked` (the HTML Discourse rendered): converted to Markdown element by element, keeping
 *   only what Confab's renderer allows (paragraphs, emphasis, links, images, code, lists, quotes,
 *   headings). Oneboxes and other widgets become links; scripts and styles are dropped.
 */

/** `upload://abc.png` → `https://forum/uploads/short-url/abc.png`, which Discourse redirects to the file. */
export function resolveUploads(raw: string, origin: string): string {
  return raw.replace(/upload:\/\/([A-Za-z0-9]+(?:\.[A-Za-z0-9]+)?)/g, (_, file: string) => new URL(`uploads/short-url/${file}`, origin).href);
}

/** `[quote="ana, post:3, topic:42"]text[/quote]` → `> **ana:**` + the quoted lines; nested quotes nest. */
export function convertQuotes(raw: string): string {
  let out = raw;
  // Innermost first, so nested quotes become nested block quotes.
  const inner = /\[quote(?:=(?:"([^"\]]*)"|([^\]]*)))?\]\s*((?:(?!\[quote)[\s\S])*?)\s*\[\/quote\]/i;
  for (let m = inner.exec(out); m; m = inner.exec(out)) {
    const who = (m[1] ?? m[2] ?? '').split(',')[0]!.trim();
    const lines = m[3]!.split('\n').map((l) => (l ? `> ${l}` : '>'));
    const block = [...(who ? [`> **${who}:**`, '>'] : []), ...lines].join('\n');
    out = `${out.slice(0, m.index)}\n\n${block}\n\n${out.slice(m.index + m[0].length)}`;
  }
  return out.replace(/\n{3,}/g, '\n\n').trim();
}

/** `[details="Summary"]…[/details]` → a bold summary line and the content. */
function convertDetails(raw: string): string {
  return raw.replace(/\[details(?:="([^"\]]*)")?\]([\s\S]*?)\[\/details\]/gi, (_, summary: string | undefined, content: string) =>
    `${summary ? `**${summary}**\n\n` : ''}${content.trim()}`);
}

/** Discourse Markdown → Confab Markdown. */
export function markdownFromRaw(raw: string, origin: string): string {
  return convertDetails(convertQuotes(resolveUploads(raw, origin)));
}

const escapeMd = (s: string) => s.replace(/([\\`*_[\]<>])/g, '\\$1');
const absolute = (url: string | null, origin: string): string | null => {
  if (!url) return null;
  try {
    const u = new URL(url, origin);
    return /^(https?|mailto):$/.test(u.protocol) ? u.href : null;
  } catch {
    return null;
  }
};

function inline(node: Node, origin: string): string {
  let out = '';
  for (const child of node.childNodes) out += inlineOf(child, origin);
  return out;
}

function inlineOf(n: Node, origin: string): string {
  if (n.nodeType === Node.TEXT_NODE) return escapeMd((n.textContent ?? '').replace(/\s+/g, ' '));
  if (n.nodeType !== Node.ELEMENT_NODE) return '';
  const el = n as Element;
  const tag = el.tagName.toLowerCase();
  const text = () => inline(el, origin);
  switch (tag) {
    case 'strong': case 'b': { const t = text().trim(); return t ? `**${t}**` : ''; }
    case 'em': case 'i': { const t = text().trim(); return t ? `*${t}*` : ''; }
    case 'del': case 's': { const t = text().trim(); return t ? `~~${t}~~` : ''; }
    case 'code': return `\`${(el.textContent ?? '').replace(/`/g, '\u02cb')}\``;
    case 'br': return '  \n';
    case 'a': {
      const href = absolute(el.getAttribute('href'), origin);
      const t = text().trim() || href || '';
      // Mentions and hashtags are links to the forum; keep their text, link when the URL is safe.
      return href ? `[${t}](${href})` : t;
    }
    case 'img': {
      // Emoji are images with a :code: title in Discourse; their alt text reads better than a picture here.
      if (el.classList.contains('emoji')) return el.getAttribute('alt') ?? '';
      const src = absolute(el.getAttribute('src'), origin);
      return src && /^https?:/.test(src) ? `![${escapeMd(el.getAttribute('alt') ?? '')}](${src})` : '';
    }
    case 'script': case 'style': case 'noscript': case 'template': return '';
    default: return blocks(el, origin) ? blockText(el, origin) : text();
  }
}

const BLOCK = new Set(['p', 'div', 'aside', 'blockquote', 'pre', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'details', 'article', 'section', 'header']);
const blocks = (el: Element, _origin: string) => [...el.children].some((c) => BLOCK.has(c.tagName.toLowerCase()));

function blockText(node: Element, origin: string): string {
  const parts: string[] = [];
  let run = '';
  const flush = () => {
    if (run.trim()) parts.push(run.trim());
    run = '';
  };
  for (const child of node.childNodes) {
    const tag = child.nodeType === Node.ELEMENT_NODE ? (child as Element).tagName.toLowerCase() : '';
    if (!BLOCK.has(tag)) {
      run += inlineOf(child, origin);
      continue;
    }
    flush();
    const el = child as Element;
    const md = blockOf(el, tag, origin);
    if (md.trim()) parts.push(md);
  }
  flush();
  return parts.join('\n\n');
}

function blockOf(el: Element, tag: string, origin: string): string {
  switch (tag) {
    case 'hr': return '---';
    case 'pre': return `\`\`\`\n${(el.textContent ?? '').replace(/\n$/, '').replace(/```/g, '``\u200b`')}\n\`\`\``;
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6':
      return `${'#'.repeat(Number(tag[1]))} ${inline(el, origin).trim()}`;
    case 'ul': case 'ol': {
      const items = [...el.children].filter((c) => c.tagName.toLowerCase() === 'li');
      return items.map((li, i) => {
        const body = blockText(li, origin).split('\n').join('\n   ');
        return `${tag === 'ol' ? `${i + 1}.` : '-'} ${body}`;
      }).join('\n');
    }
    case 'aside':
      // Discourse renders [quote] as <aside class="quote"><div class="title">ana:</div><blockquote>…
      if (el.classList.contains('quote')) {
        const who = el.getAttribute('data-username');
        const quoted = el.querySelector('blockquote');
        const body = quoted ? blockText(quoted, origin) : '';
        return quote(`${who ? `**${who}:**\n\n` : ''}${body}`);
      }
      // A onebox (link preview): the link it previews is enough.
      if (el.classList.contains('onebox')) {
        const href = absolute(el.getAttribute('data-onebox-src') ?? el.querySelector('a')?.getAttribute('href') ?? null, origin);
        return href ? `<${href}>` : '';
      }
      return blockText(el, origin);
    case 'blockquote': return quote(blockText(el, origin));
    case 'table': return blockText(el, origin);
    default: return blockText(el, origin);
  }
}

const quote = (md: string) => md.split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n');

/** Discourse's cooked HTML → Markdown for Confab's renderer. */
export function markdownFromCooked(cooked: string, origin: string): string {
  const doc = new DOMParser().parseFromString(cooked, 'text/html');
  return blockText(doc.body, origin).replace(/\n{3,}/g, '\n\n').trim();
}
