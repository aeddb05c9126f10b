import { expect } from '@open-wc/testing';
import { DiscourseBackend } from '../../../src/backends/discourse/index.js';
import { ValidationError } from '../../../src/core/errors.js';
import { fixture, withFixtures } from './fake-discourse.js';

// Every recorded Discourse payload (test/fixtures/discourse/README.md) mapped through the adapter.
// The adapter validates what it returns against Confab's contract schemas, so "maps" means "no
// ValidationError"; the assertions then check what the outside check found wrong.

const backend = (extra = {}) => new DiscourseBackend({ baseUrl: 'https://forum.example.com', questionsCategory: 'questions', docsCategory: 'docs', ...extra });
/** No HTML tags and no character entities: plain text. */
const plain = (s: string) => expect(s, s).not.to.match(/&[#\w]+;|<\/?[a-z][^>]*>/i);

const LISTS = ['latest.json', 'top.json', 'category_latest_topics.json', 'category_topics.json', 'docs_topics_latest_topics_response.json', 'docs_topics_top.json', 'derived/questions-list.json'];
const TOPICS = ['topic.json', 'docs_topics_topic_response.json', 'derived/topic-solved.json', 'derived/topic-raw.json'];

describe('DiscourseBackend on recorded Discourse payloads', () => {
  for (const name of LISTS) {
    it(`maps ${name} as threads and as questions, titles and excerpts plain text`, async () => {
      const list = await fixture(name);
      const threads = await withFixtures({ '/latest.json': list }, () => backend().listThreads({}));
      const questions = await withFixtures({ '.json': list }, () => backend().listQuestions({}));
      expect(threads.items).to.have.length(list.topic_list.topics.length);
      expect(questions.items).to.have.length(list.topic_list.topics.length);
      for (const t of threads.items) {
        plain(t.title);
        plain(t.excerpt);
        expect(t.category, 'a category slug, never a bare number').not.to.match(/^\d+$/);
      }
    });
  }

  for (const name of TOPICS) {
    it(`maps ${name} as a thread, a question and an article`, async () => {
      const topic = await fixture(name);
      const { thread, posts } = await withFixtures({ [`/t/${topic.id}.json`]: topic }, () => backend().getThread(String(topic.id)));
      const { answers } = await withFixtures({ [`/t/${topic.id}.json`]: topic }, () => backend().getQuestion(String(topic.id)));
      const article = await withFixtures({ [`/t/${topic.id}.json`]: topic }, () => backend().getArticle(String(topic.id)));
      plain(thread.title);
      plain(thread.excerpt);
      expect(article.title).to.equal(thread.title);
      for (const p of [thread, ...posts.items, ...answers.items]) expect(p.body, 'Markdown, not Discourse HTML').not.to.match(/<\/?(p|div|aside|img)\b/);
    });
  }

  it('keeps only regular, undeleted replies: no moderator actions, deleted posts or whispers', async () => {
    const topic = await fixture('derived/topic-solved.json');
    const { posts } = await withFixtures({ '/t/57.json': topic }, () => backend().getThread('57'));
    // Recorded: 83 opening post, 84 "This topic is now pinned" (post_type 2), 86 and 226 replies; 227 deleted, 228 whisper.
    expect(posts.items.map((p) => p.id)).to.deep.equal(['86', '226']);
  });

  it('counts replies in lists from posts_count, never highest_post_number; small-action and moderator posts drop out once the topic is read', async () => {
    // Recorded: "Test topic #2" has highest_post_number 2 but posts_count 1 (its second post is gone): no reply.
    const latest = await withFixtures({ '/latest.json': await fixture('latest.json') }, () => backend().listThreads({}));
    expect(latest.items.map((t) => t.replyCount)).to.deep.equal([0, 0, 0]);
    // The solved topic with the topic closed since: a small-action post, which Discourse counts in posts_count.
    const topic = await fixture('derived/topic-solved.json');
    topic.post_stream.posts.push({ ...topic.post_stream.posts[1], id: 229, post_number: 17, post_type: 3, action_code: 'closed.enabled', cooked: '' });
    topic.post_stream.stream.push(229);
    topic.posts_count += 1;
    const list = await fixture('derived/questions-list.json');
    list.topic_list.topics[0].posts_count = topic.posts_count;
    const b = backend();
    await withFixtures({ '/c/test2/questions/13.json': list, '/t/57.json': topic }, async () => {
      // Before the topic is read, the list can only say posts_count - 1: the pinned notice and the close count.
      expect((await b.listQuestions({})).items[0]).to.deep.include({ id: '57', answerCount: 4 });
      const { question } = await b.getQuestion('57');
      expect(question.answerCount).to.equal(2);
      expect((await b.listQuestions({})).items[0]).to.deep.include({ id: '57', answerCount: 2 });
      expect((await b.listThreads({ category: 'questions' })).items[0]).to.deep.include({ id: '57', replyCount: 2 });
    });
  });

  it("reads Solved's accepted_answer, likes from actions_summary, and subcategories by slug", async () => {
    const topic = await fixture('derived/topic-solved.json');
    const { question, answers } = await withFixtures({ '/t/57.json': topic }, () => backend().getQuestion('57'));
    expect(question).to.deep.include({ accepted: true, acceptedAnswerId: '86', category: 'questions', answerCount: 2 });
    expect(answers.items.map((a) => [a.id, a.accepted, a.score])).to.deep.equal([['86', true, 5], ['226', false, 5]]);
    // Without Solved's field the recorded topic is simply unsolved.
    const unsolved = await fixture('topic.json');
    const q2 = await withFixtures({ '/t/57.json': unsolved }, () => backend().getQuestion('57'));
    expect(q2.question.accepted).to.equal(false);
  });

  it('turns escaped list excerpts into text: &hellip; and &#39; decoded', async () => {
    const { items } = await withFixtures({ '/latest.json': await fixture('latest.json') }, () => backend().listThreads({}));
    expect(items[0]!.excerpt).to.match(/^Welcome! Try is a sandbox/);
    expect(items[0]!.excerpt).to.match(/…$/).and.not.to.include('&hellip;');
    const q = await withFixtures({ '.json': await fixture('derived/questions-list.json') }, () => backend().listQuestions({}));
    expect(q.items[0]!.excerpt).to.equal("It's a sandbox & a safe place to play…");
  });

  it('renders raw Markdown with upload:// resolved and [quote] as a block quote', async () => {
    const topic = await fixture('derived/topic-raw.json');
    const { thread } = await withFixtures({ '/t/13.json': topic }, () => backend().getThread('13'));
    expect(thread.body).to.include('![diagram|690x388](https://forum.example.com/uploads/short-url/a4bcXyZ0123.png)');
    expect(thread.body).to.include('> **discourse1:**\n>\n> Replace this first paragraph');
    expect(thread.body).not.to.match(/upload:\/\/|\[\/?quote/);
  });

  it('converts cooked HTML when there is no raw: images absolute, paragraphs as Markdown', async () => {
    const topic = await fixture('topic.json');
    const { posts } = await withFixtures({ '/t/57.json': topic }, () => backend().getThread('57'));
    expect(posts.items[0]!.body).to.match(/^!\[[^\]]*\]\(http:\/\/i288\.photobucket\.com\//);
  });

  it('finds search hits with plain-text snippets', async () => {
    const search = await fixture('docs_search_query_response.json');
    const r = await withFixtures({ '/search.json': search }, () => backend().searchArticles({ q: 'ecf65fcd' }));
    expect(r.items).to.have.length(1);
    plain(r.items[0]!.snippet);
    expect(r.items[0]!.highlights.snippet.length).to.be.greaterThan(0);
    const similar = await withFixtures({ '/search.json': search }, () => backend().similarQuestions('ecf65fcd'));
    expect(similar.map((s) => s.id)).to.deep.equal(['13']);
  });

  it('maps the user with groups to tier and roles through the configured table', async () => {
    const session = await fixture('derived/session-current.json');
    const groups = { tiers: { trust_level_0: 'silver', staff: 'gold' } as const, roles: { staff: ['vendor-staff' as const] }, orgPrefix: 'admin' };
    const me = await withFixtures({ '/session/current.json': session }, () => backend({ groups }).me());
    expect(me).to.deep.equal({ authenticated: true, id: '1', name: session.current_user.name || 'discourse1', org: { id: 'admins', name: 's' }, tier: 'gold', roles: ['vendor-staff', 'moderator'] });
    const plainUser = await withFixtures({ '/session/current.json': session }, () => backend().me());
    expect(plainUser).to.deep.include({ tier: 'registered', org: null });
    expect(await withFixtures({}, () => backend().me())).to.deep.equal({ authenticated: false });
  });

  it('names a missing field instead of "(root): Invalid time value"', async () => {
    const list = await fixture('latest.json');
    delete list.topic_list.topics[1].created_at;
    const e = await withFixtures({ '/latest.json': list }, () => backend().listThreads({})).catch((x: unknown) => x);
    expect(e).to.be.instanceOf(ValidationError);
    expect((e as ValidationError).message).to.include('topic_list.topics[1].created_at: missing date');
    const topic = await fixture('topic.json');
    topic.post_stream.posts[2].created_at = 'yesterday';
    const e2 = await withFixtures({ '/t/57.json': topic }, () => backend().getThread('57')).catch((x: unknown) => x);
    expect((e2 as ValidationError).message).to.include('post_stream.posts[2].created_at: not a date');
  });

  it('turns hostile or Discourse-specific cooked HTML into safe Markdown: no script, no javascript: link, quotes kept', async () => {
    const topic = await fixture('topic.json');
    topic.post_stream.posts[2].cooked = '<aside class="quote" data-username="ana"><div class="title">ana:</div><blockquote><p>Quoted</p></blockquote></aside>'
      + '<p><a href="javascript:alert(1)">click</a> <img src="x" onerror="alert(2)"> <script>alert(3)</script><img class="emoji" alt=":smile:" src="/images/emoji/smile.png"></p>';
    const { posts } = await withFixtures({ '/t/57.json': topic }, () => backend().getThread('57'));
    const body = posts.items[0]!.body;
    expect(body).to.include('> **ana:**');
    expect(body).to.include('> Quoted');
    expect(body).to.include('click');
    expect(body).to.include(':smile:');
    expect(body).not.to.match(/javascript:|onerror|alert\(3\)|<script/);
  });
});
