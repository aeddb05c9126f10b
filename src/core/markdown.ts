/**
 * Markdown to safe DOM: the one place where user content (posts, answers, article bodies) becomes
 * markup. Widgets run in the vendor's origin, so anything this lets through is XSS on the vendor's
 * portal session. Loaded lazily (see lazy-markdown.ts): marked and DOMPurify are never in a first load.
 *
 * Defence in depth: marked escapes every raw HTML token (community Markdown has no HTML), then
 * DOMPurify keeps only an allow-list of tags and attributes, and only http(s)/mailto URLs.
 */
import createDOMPurify, { type Config } from 'dompurify';
import { Marked, type Tokens } from 'marked';
import { confabPolicy } from './trusted-types.js';
import { mentionChip, mentionExtension, sanitizeMentionAttribute } from './markdown-mention.js';

// How far content headings are pushed down; set per document in renderMarkdown().
let headingShift = 2;

const escapeHTML = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Our own instance: the host page may use marked itself, and global options would leak both ways.
const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    // Raw HTML, block or inline, is shown as text rather than parsed.
    html: (t: Tokens.HTML | Tokens.Tag) => ('block' in t && t.block ? `<p>${escapeHTML(t.text)}</p>\n` : escapeHTML(t.text)),
    // Task-list boxes as characters: an <input> is not worth allowing for a read-only tick.
    checkbox: ({ checked }: Tokens.Checkbox) => (checked ? '\u2611 ' : '\u2610 '),
    // The widget's own headings are h2, so a document's shallowest heading becomes h3 and the rest keep
    // their distance from it: never outranking the widget, never skipping a level the author did not.
    heading({ tokens, depth }: Tokens.Heading) {
      const level = Math.min(depth + headingShift, 6);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
  },
  // `@[Name](id)` becomes a chip (see markdown-mention.ts).
  extensions: [mentionExtension(escapeHTML)],
});

const ALLOWED_TAGS = [
  'p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a',
  'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'img', mentionChip.tag,
];
const ALLOWED_ATTR = ['href', 'title', 'src', 'alt', 'align', 'start', ...mentionChip.attributes];
// Nothing relative: a relative link would resolve against the vendor's portal.
const SAFE_URL = /^(?:https?|mailto):/i;
const SAFE_IMG = /^https?:/i;
// DOMPurify ignores whitespace and control characters when it tests URLs; so do we.
const compact = (v: string): string => v.replace(/[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u180e\u2000-\u2029\u205f\u3000\ufeff]/g, '');

// Its own DOMPurify instance too, so our hooks never touch the page's sanitiser.
const purify = createDOMPurify(window);

purify.addHook('uponSanitizeAttribute', (node, data) => {
  const name = data.attrName;
  if (name === 'href' && !(node.nodeName === 'A' && SAFE_URL.test(compact(data.attrValue)))) data.keepAttr = false;
  // DOMPurify allows data: images by default; an image may only come from http(s).
  if (name === 'src' && !(node.nodeName === 'IMG' && SAFE_IMG.test(compact(data.attrValue)))) data.keepAttr = false;
  if (name === 'align' && !/^(?:left|right|center)$/.test(data.attrValue)) data.keepAttr = false;
  if (!sanitizeMentionAttribute(node, name, data.attrValue)) data.keepAttr = false;
});

purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName === 'A') {
    if (node.hasAttribute('href')) {
      // Community links leave the portal in a new tab, pass no referrer and no ranking credit.
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow ugc');
    }
  } else if (node.nodeName === 'IMG') {
    if (!node.hasAttribute('src')) node.remove();
    else {
      node.setAttribute('loading', 'lazy');
      node.setAttribute('referrerpolicy', 'no-referrer');
    }
  }
});

const config = (): Config & { RETURN_DOM_FRAGMENT: true } => {
  const tt = confabPolicy();
  return {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP: SAFE_URL,
    // A chip's person id is no URL; its shape is checked by the hook above.
    ADD_URI_SAFE_ATTR: [...mentionChip.uriSafe],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    ALLOW_SELF_CLOSE_IN_ATTR: false,
    SAFE_FOR_TEMPLATES: false,
    WHOLE_DOCUMENT: false,
    RETURN_DOM_FRAGMENT: true,
    // A fragment is no Trusted Types sink; our policy only lets DOMPurify parse its input.
    RETURN_TRUSTED_TYPE: false,
    ...(tt ? { TRUSTED_TYPES_POLICY: tt.policy as NonNullable<Config['TRUSTED_TYPES_POLICY']> } : {}),
  };
};

/**
 * Renders community Markdown (GFM) to a sanitised DocumentFragment, ready to append.
 * Raw HTML is shown as text; only http(s)/mailto links and http(s) images survive; links open in a
 * new tab with `rel="noopener noreferrer nofollow ugc"`; the shallowest heading becomes h3, the others
 * keep their distance from it (at most h6).
 *
 * @example
 * container.replaceChildren(renderMarkdown(post.body));
 */
export function renderMarkdown(md: string): DocumentFragment {
  const tokens = marked.lexer(String(md ?? ''));
  const depths = tokens.flatMap((t) => (t.type === 'heading' ? [(t as Tokens.Heading).depth] : []));
  headingShift = depths.length ? 3 - Math.min(...depths) : 2;
  const html = marked.parser(tokens);
  const tt = confabPolicy();
  const sanitize = () => purify.sanitize(html, config());
  return tt ? tt.run(sanitize) : sanitize();
}
