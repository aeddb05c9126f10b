import { expect } from '@open-wc/testing';
import type { LiveEvent } from '../../../src/contract/index.js';
import { DiscourseBackend } from '../../../src/backends/discourse/index.js';
import { BackendError } from '../../../src/core/errors.js';
import { fakeDiscourse, fixture, type DiscourseRequest } from './fake-discourse.js';

// Every write against the fake Discourse, checked as Discourse would receive it: path, method, body, headers.

const KEY = 'user-api-key-of-ana';
const keyed = (baseUrl: string) => new DiscourseBackend({ baseUrl, questionsCategory: 'questions', userApiKey: () => KEY, userApiClientId: 'confab-portal' });
const body = (r: DiscourseRequest) => JSON.parse(r.body) as unknown;

describe('DiscourseBackend writes (fake Discourse)', () => {
  it('creates a topic, replies, asks, answers: POST /posts.json with the User API Key', async () => {
    const fake = fakeDiscourse();
    const b = keyed(fake.baseUrl);
    const thread = await b.createThread({ title: 'Deal registration', body: 'How do I **register**?', category: 'test1', tags: ['crm'] });
    const post = await b.replyToThread('57', { body: 'Like this.' });
    const question = await b.askQuestion({ title: 'MDF claims?', body: 'Where do I file them?', category: 'anything' });
    const answer = await b.answerQuestion('57', { body: 'In the portal.' });
    expect(thread).to.deep.include({ id: '600', title: 'Deal registration', category: 'test1', tags: ['crm'], body: 'How do I **register**?' });
    expect(post).to.deep.include({ threadId: '57', body: 'Like this.' });
    expect(question).to.deep.include({ id: '601', category: 'questions', accepted: false });
    expect(answer).to.deep.include({ questionId: '57', accepted: false, score: 0 });
    const writes = await fake.writes();
    expect(writes.map((w) => `${w.method} ${w.path}`)).to.deep.equal(Array(4).fill('POST /posts.json'));
    expect(writes.map(body)).to.deep.equal([
      { title: 'Deal registration', raw: 'How do I **register**?', category: 1, tags: ['crm'] },
      { topic_id: 57, raw: 'Like this.' },
      // Asked into the configured Q&A category (a subcategory: its id, 13), whatever the form chose.
      { title: 'MDF claims?', raw: 'Where do I file them?', category: 13 },
      { topic_id: 57, raw: 'In the portal.' },
    ]);
    for (const w of writes) {
      expect(w.headers).to.include({ 'user-api-key': KEY, 'user-api-client-id': 'confab-portal', 'content-type': 'application/json' });
      expect(w.headers).not.to.have.property('x-csrf-token');
    }
  });

  it("accepts through Solved's /solution/accept, then reads the question back as solved", async () => {
    const fake = fakeDiscourse();
    const q = await keyed(fake.baseUrl).acceptAnswer('57', '226');
    expect(q).to.deep.include({ id: '57', accepted: true, acceptedAnswerId: '226' });
    const [w] = await fake.writes();
    expect([w!.method, w!.path, body(w!)]).to.deep.equal(['POST', '/solution/accept.json', { id: 226 }]);
    expect(w!.headers['user-api-key']).to.equal(KEY);
  });

  it('votes as likes: POST /post_actions.json to like, DELETE to unlike, no down-votes', async () => {
    const fake = fakeDiscourse();
    const b = keyed(fake.baseUrl);
    expect(await b.voteAnswer('86', 1)).to.deep.equal({ score: 1, myVote: 1 });
    expect(await b.voteAnswer('86', 0)).to.deep.equal({ score: 0, myVote: 0 });
    expect(await b.voteQuestion('57', 1)).to.deep.equal({ score: 1, myVote: 1 });
    const down = await b.voteAnswer('86', -1).catch((e: unknown) => e);
    expect(down).to.be.instanceOf(BackendError);
    expect((down as BackendError).status).to.equal(501);
    const writes = await fake.writes();
    expect(writes.map((w) => [w.method, w.path, w.query, w.body ? body(w) : null])).to.deep.equal([
      ['POST', '/post_actions.json', '', { id: 86, post_action_type_id: 2 }],
      ['DELETE', '/post_actions/86.json', 'post_action_type_id=2', null],
      // The question's like goes on its opening post (83 in the recorded topic).
      ['POST', '/post_actions.json', '', { id: 83, post_action_type_id: 2 }],
    ]);
  });

  it('reports as Discourse flags: POST /post_actions.json with the flag type, topics by flag_topic, "other" with its note', async () => {
    const fake = fakeDiscourse();
    const b = keyed(fake.baseUrl);
    const flag = await b.createFlag({ target: { kind: 'answer', id: '86' }, reason: 'spam' });
    expect(flag).to.deep.include({ target: { kind: 'answer', id: '86' }, reason: 'spam', note: null });
    await b.createFlag({ target: { kind: 'post', id: '87' }, reason: 'inappropriate', note: 'rude' });
    await b.createFlag({ target: { kind: 'thread', id: '57' }, reason: 'off-topic' });
    await b.createFlag({ target: { kind: 'question', id: '13' }, reason: 'other', note: '  Asks for a competitor price list  ' });
    await b.createFlag({ target: { kind: 'post', id: '88' }, reason: 'other' });
    // The same item twice: Discourse refuses, the element hears 409 as from Confab's own server.
    const again = await b.createFlag({ target: { kind: 'answer', id: '86' }, reason: 'spam' }).catch((e: unknown) => e);
    expect(again).to.be.instanceOf(BackendError);
    expect((again as BackendError).status).to.equal(409);
    const writes = await fake.writes();
    expect(writes.map((w) => [w.method, w.path, body(w)])).to.deep.equal([
      ['POST', '/post_actions.json', { id: 86, post_action_type_id: 8 }],
      // Discourse keeps a message only with "notify moderators", so no note is sent with the others.
      ['POST', '/post_actions.json', { id: 87, post_action_type_id: 4 }],
      // A topic is flagged by its id; Discourse puts the flag on its first post.
      ['POST', '/post_actions.json', { id: 57, post_action_type_id: 3, flag_topic: true }],
      ['POST', '/post_actions.json', { id: 13, post_action_type_id: 7, flag_topic: true, message: 'Asks for a competitor price list' }],
      ['POST', '/post_actions.json', { id: 88, post_action_type_id: 7, message: 'Reported from Confab (no note given).' }],
      ['POST', '/post_actions.json', { id: 86, post_action_type_id: 8 }],
    ]);
    for (const w of writes) expect(w.headers).to.include({ 'user-api-key': KEY, 'content-type': 'application/json' });
  });

  it('edits a post (PUT /posts/{id}.json) and a title (PUT /t/-/{id}.json)', async () => {
    const fake = fakeDiscourse();
    const b = keyed(fake.baseUrl);
    const edited = await b.editPost('86', 'Fixed **typo**', { reason: 'typo' });
    await b.editTopicTitle('57', 'A better title');
    expect(edited.body).to.equal('Fixed **typo**');
    const writes = await fake.writes();
    expect(writes.map((w) => [w.method, w.path, body(w)])).to.deep.equal([
      ['PUT', '/posts/86.json', { post: { raw: 'Fixed **typo**', edit_reason: 'typo' } }],
      ['PUT', '/t/-/57.json', { title: 'A better title' }],
    ]);
  });

  it("with the forum's session: cookies, X-CSRF-Token from /session/csrf.json (fetched once), X-Requested-With", async () => {
    const fake = fakeDiscourse();
    const b = new DiscourseBackend({ baseUrl: fake.baseUrl });
    await b.replyToThread('57', { body: 'One' });
    await b.replyToThread('57', { body: 'Two' });
    const log = await fake.log();
    expect(log.filter((r) => r.path === '/session/csrf.json')).to.have.length(1);
    const writes = log.filter((r) => r.method === 'POST');
    expect(writes).to.have.length(2);
    for (const w of writes) {
      expect(w.headers).to.include({ 'x-csrf-token': 'fixture-csrf-token', 'x-requested-with': 'XMLHttpRequest' });
      expect(w.headers).not.to.have.property('user-api-key');
    }
  });

  it('honours 429 Retry-After: a short wait is waited out and retried, a long one rejects with retryAfter', async () => {
    const fake = fakeDiscourse();
    const b = keyed(fake.baseUrl);
    await fake.control({ rateLimit: { path: '/posts.json', seconds: 0 } });
    expect((await b.replyToThread('57', { body: 'After the wait' })).body).to.equal('After the wait');
    expect((await fake.writes()).map((w) => w.path)).to.deep.equal(['/posts.json', '/posts.json']);
    await fake.control({ rateLimit: { path: '/posts.json', seconds: 60 } });
    const e = await b.replyToThread('57', { body: 'Too soon' }).catch((x: unknown) => x);
    expect(e).to.be.instanceOf(BackendError);
    expect(e).to.include({ status: 429, retryAfter: 60 });
  });

  it('hears new topics, replies (not other bumps) and accepted answers through MessageBus long polling', async () => {
    const fake = fakeDiscourse();
    const b = keyed(fake.baseUrl);
    const events: LiveEvent[] = [];
    const abort = new AbortController();
    const until = (done: () => boolean | Promise<boolean>) => new Promise<void>((resolve) => {
      const check = async () => ((await done()) ? resolve() : setTimeout(check, 20));
      void check();
    });
    const heard = (n: number) => until(() => events.length >= n);
    const polls = async () => (await fake.log()).filter((r) => r.path.includes('/poll'));
    b.subscribe((e) => events.push(e), abort.signal);
    // Wait for the /__status handshake, then act as other users would.
    await until(async () => (await polls()).length >= 2);
    // Recorded-shape MessageBus messages (test/fixtures/discourse/derived/message-bus-*.json).
    const [created] = await fixture('derived/message-bus-new-topic.json');
    const [bumped] = await fixture('derived/message-bus-latest.json');
    await fake.control({ publish: [{ channel: created.channel, data: created.data }] });
    await heard(1);
    // The bump of the new topic's own creation, and a bump of a topic the forum no longer shows (404): no reply.
    await fake.control({ publish: [{ channel: '/latest', data: { ...bumped.data, topic_id: created.data.topic_id } }, { channel: bumped.channel, data: bumped.data }] });
    const reply = await b.replyToThread('57', { body: 'A reply' });
    await heard(3);
    // A staff bump a minute after that reply, then a small-action post (a reopen) that bumps: neither is a reply.
    const later = new Date(Date.now() + 60_000).toISOString();
    await fake.control({ publish: [{ channel: '/latest', data: { ...bumped.data, topic_id: 57, payload: { ...bumped.data.payload, bumped_at: later, category_id: 13 } } }] });
    await fake.control({ smallAction: 57 });
    // Reading the question watches its own channel, where Solved announces an accept.
    await b.getQuestion('57');
    await until(async () => (await polls()).some((p) => p.body.includes('%2Ftopic%2F57=0')));
    await b.acceptAnswer('57', '226');
    await heard(4);
    abort.abort();
    // The reply to 57 in the Q&A category is a post and an answer, by its own post id.
    expect(events.map((e) => [e.type, e.id, e.parentId, e.category])).to.deep.equal([
      ['thread.created', '58', null, 'test1'],
      ['post.created', reply.id, '57', 'questions'],
      ['answer.created', reply.id, '57', 'questions'],
      ['answer.accepted', '226', '57', 'questions'],
    ]);
    expect(events[0]!.at).to.equal('2013-02-09T15:00:00.000Z');
    const all = await polls();
    expect(all[0]!.body).to.equal('%2Fnew=-1&%2Flatest=-1');
    expect(all[1]!.body).to.equal('%2Fnew=40&%2Flatest=90');
    expect(all.some((p) => p.body.includes('%2Ftopic%2F57=-1'))).to.equal(true);
    expect(all[0]!.headers).to.include({ 'user-api-key': KEY, 'dont-chunk': 'true' });
    // Each bump was checked against the topic's last posts; the accept found its post by number.
    const reads = (await fake.log()).filter((r) => r.method === 'GET').map((r) => r.path);
    expect(reads).to.include.members(['/t/1/last.json', '/t/57/last.json', '/t/57/14.json']);
  });
});
