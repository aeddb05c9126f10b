// Adds the requested elements (?show=feed,qa,search,badge) with their attributes from the query.
const q = new URLSearchParams(location.search);
const show = (q.get('show') ?? 'feed,qa,search,badge').split(',');
const slot = document.getElementById('slot');
const add = (html) => slot.insertAdjacentHTML('beforeend', html);
if (show.includes('feed')) add(`<confab-forum-feed category="${q.get('category') ?? 'xss'}" page-size="100"></confab-forum-feed>`);
if (show.includes('qa')) add('<confab-qa-box></confab-qa-box>');
if (show.includes('search')) add('<confab-article-search></confab-article-search>');
if (show.includes('badge')) add('<confab-cert-badge layout="list" org="org-xss"></confab-cert-badge>');
