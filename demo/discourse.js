// The portal on Discourse: the script-tag loader's loadDiscourse() fetches the adapter on demand, and
// configure() hands it to every element on the page. A real portal obtains the partner's User API Key
// through Discourse's /user-api-key/new flow (or relies on the forum's session cookie); here it may
// come from the URL, for trying the page against a forum of your own.
import { configure, loadDiscourse } from '/dist/confab.js';

const params = new URLSearchParams(location.search);
const forum = params.get('forum') || `${location.origin}/discourse/demo`;
const key = params.get('key');
const questions = params.get('questions') || 'questions';

const { DiscourseBackend } = await loadDiscourse();
configure({
  backend: new DiscourseBackend({
    baseUrl: forum,
    questionsCategory: questions,
    docsCategory: params.get('docs') || 'docs',
    ...(key ? { userApiKey: () => key } : {}),
    // Which Discourse groups mean which partner tier and roles: the vendor's table.
    groups: { tiers: { trust_level_0: 'registered', 'partners-gold': 'gold' }, roles: { staff: ['vendor-staff'] }, orgPrefix: 'org-' },
  }),
});
document.getElementById('feed').setAttribute('category', params.get('category') || questions);
if (params.get('question')) document.getElementById('qa').question = params.get('question');
document.getElementById('forum-name').textContent = `Forum: ${new URL(forum).host}`;
