// ?hostile=1 adds the demo portal's aggressive global CSS; ?el=feed|qa|search|badge picks the element.
// The inherited font and colour are the same on both pages (the documented way the host themes Confab);
// everything else the hostile page adds must not change how the element looks.
const q = new URLSearchParams(location.search);
const box = document.getElementById('box');
// The box states every inherited text property the portal's body gives it (font-size 20px from the
// 20px root, line-height 1.25, letter-spacing 0.01em of 20px), so the pages differ only in the rules
// that must not reach inside: the root font size for rem, the resets on every element,
// `button { all: unset }`, `a { color: inherit !important }`.
// At a whole-pixel position on both pages: the host content above it has fractional heights that differ.
Object.assign(box.style, { position: 'absolute', top: '400px', left: '20px', width: '760px', padding: '16px', background: '#ffffff', color: '#1a2233',
  fontFamily: '"Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif', fontSize: '20px', lineHeight: '1.25', letterSpacing: '0.2px' });
const TAGS = { feed: '<confab-forum-feed page-size="5"></confab-forum-feed>', qa: '<confab-qa-box></confab-qa-box>',
  search: '<confab-article-search></confab-article-search>', badge: '<confab-cert-badge layout="list" org="org-northwind"></confab-cert-badge>' };

const HOST = ['html', 'body', '#host-h2', '#host-p', '#host-a', '#host-button', '#host-input', '#host-ul', '#host-li'];
const PROPS = ['font-family', 'font-size', 'line-height', 'color', 'background-color', 'margin-top', 'padding-left', 'display',
  'border-top-width', 'box-sizing', 'letter-spacing', 'text-decoration-line', 'color-scheme', 'cursor', 'font-weight', 'text-align'];
window.__hostStyles = () => Object.fromEntries(HOST.map((s) => {
  const cs = getComputedStyle(document.querySelector(s));
  return [s, Object.fromEntries(PROPS.map((p) => [p, cs.getPropertyValue(p)]))];
}));

async function main() {
  if (q.get('hostile') === '1') {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = '/demo/portal.css';
    const loaded = new Promise((r) => (link.onload = r));
    document.head.append(link);
    await loaded;
  }
  window.__before = window.__hostStyles();
  box.innerHTML = q.get('el') ? TAGS[q.get('el')] : Object.values(TAGS).join('');
  const s = document.createElement('script');
  s.type = 'module';
  s.src = '/dist/confab.js';
  s.dataset.api = '/api';
  document.head.append(s);
}
main();
