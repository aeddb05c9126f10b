// Turns notifications into a mail's subject, plain text and HTML in the recipient's language (the
// HTML is right-to-left for Arabic). Every value from a post is escaped in the HTML.
import type { NotificationType } from '../../../src/contract/index.js';
import { MAIL_CATALOGUE, fill, type MailLocale } from './mail-catalogue.js';

export interface MailItem {
  type: NotificationType;
  actorName: string;
  title: string;
  excerpt: string;
  /** Where the notification leads in the community. */
  url: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** A subject is one line: a title with a newline must not start a header. */
const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ').slice(0, 200);

const headline = (l: MailLocale, i: MailItem) => oneLine(fill(MAIL_CATALOGUE[l].subject[i.type], { actor: i.actorName, title: i.title }));

function page(l: MailLocale, body: string, unsubscribeUrl: string): string {
  const t = MAIL_CATALOGUE[l];
  return `<!doctype html><html lang="${l}" dir="${l === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2328;max-width:36rem;margin:0 auto;padding:1rem">
${body}
<hr style="border:0;border-top:1px solid #d0d7de;margin:1.5rem 0">
<p style="font-size:.85em;color:#57606a">${esc(t.why)} <a href="${esc(unsubscribeUrl)}">${esc(t.unsubscribe)}</a></p>
</body></html>`;
}

const itemHtml = (l: MailLocale, i: MailItem) =>
  `<h2 style="font-size:1.05em;margin:1rem 0 .25rem">${esc(headline(l, i))}</h2>
<blockquote style="margin:0;padding-inline-start:.75rem;border-inline-start:3px solid #d0d7de;color:#57606a">${esc(i.excerpt)}</blockquote>
<p><a href="${esc(i.url)}">${esc(MAIL_CATALOGUE[l].open)}</a></p>`;

const itemText = (l: MailLocale, i: MailItem) => `${headline(l, i)}\n\n${i.excerpt}\n\n${MAIL_CATALOGUE[l].open}: ${i.url}`;

const footerText = (l: MailLocale, unsubscribeUrl: string) => `-- \n${MAIL_CATALOGUE[l].why}\n${MAIL_CATALOGUE[l].unsubscribe}: ${unsubscribeUrl}`;

export function renderImmediate(l: MailLocale, i: MailItem, unsubscribeUrl: string): RenderedMail {
  return {
    subject: headline(l, i),
    text: `${itemText(l, i)}\n\n${footerText(l, unsubscribeUrl)}\n`,
    html: page(l, itemHtml(l, i), unsubscribeUrl),
  };
}

export function renderDigest(l: MailLocale, mode: 'daily' | 'weekly', items: MailItem[], unsubscribeUrl: string): RenderedMail {
  const t = MAIL_CATALOGUE[l];
  return {
    subject: oneLine(fill(t.digestSubject[mode], { count: items.length })),
    text: `${t.digestIntro}\n\n${items.map((i) => itemText(l, i)).join('\n\n---\n\n')}\n\n${footerText(l, unsubscribeUrl)}\n`,
    html: page(l, `<p>${esc(t.digestIntro)}</p>\n${items.map((i) => itemHtml(l, i)).join('\n')}`, unsubscribeUrl),
  };
}
