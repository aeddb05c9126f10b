// ?api=<base URL> for the loader's data-api; ?token= a valid token; ?el=feed|qa|search|badge; ?live=1 a live feed.
// window.__expire() ends the session: getToken hands out an expired token until Confab asks with forceRefresh.
const q = new URLSearchParams(location.search);
const TAGS = { feed: '<confab-forum-feed page-size="5" compose></confab-forum-feed>', qa: '<confab-qa-box></confab-qa-box>',
  search: '<confab-article-search></confab-article-search>', badge: '<confab-cert-badge layout="list" org="org-northwind"></confab-cert-badge>' };
document.getElementById('box').innerHTML = TAGS[q.get('el') ?? 'feed'];
if (q.has('live')) document.querySelector('confab-forum-feed')?.setAttribute('live', '');
window.__tokenCalls = [];
const token = q.get('token');
let expired = false;
window.__expire = () => (expired = true);
const getToken = (o) => {
  window.__tokenCalls.push({ forceRefresh: !!o?.forceRefresh, expired });
  if (o?.forceRefresh) expired = false;
  return expired ? 'expired.token.value' : token;
};
const s = document.createElement('script');
s.type = 'module';
s.src = '/dist/confab.js';
s.dataset.api = q.get('api') ?? '/api';
s.onload = () => token && window.confab.configure({ getToken });
document.head.append(s);
