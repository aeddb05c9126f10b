import { expect } from '@open-wc/testing';
import * as v from 'valibot';
import { endpoints, LiveEvent, TIERS } from '../../../src/contract/index.js';
import { AuthError, BackendError, OfflineError, ValidationError } from '../../../src/core/errors.js';
import { certStatus, createFixtures, MemoryBackend, meFor } from '../../../src/backends/memory/index.js';

const NOW = new Date('2026-11-24T08:00:00.000Z');
const staff = meFor('u-hannah');
const everyone = { ...meFor('u-aiko'), tier: 'platinum' as const, roles: ['sales', 'technical', 'marketing'] as ('sales' | 'technical' | 'marketing')[] };

const make = (opts: ConstructorParameters<typeof MemoryBackend>[0] = {}) => new MemoryBackend({ now: NOW, ...opts });
const parse = <N extends keyof typeof endpoints>(name: N, value: unknown) => v.parse((endpoints[name] as { response: v.GenericSchema }).response, value);

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe('MemoryBackend fixtures', () => {
  it('are deterministic for the same now and seed, and sized as a real small community', () => {
    const a = createFixtures({ now: NOW });
    expect(createFixtures({ now: NOW })).to.deep.equal(a);
    expect(createFixtures({ now: NOW, seed: 7 }).threads.map((t) => t.score)).to.not.deep.equal(a.threads.map((t) => t.score));
    expect(a.orgs).to.have.length(10);
    expect(new Set(a.orgs.map((o) => o.tier))).to.deep.equal(new Set(TIERS));
    expect(a.people).to.have.length(27);
    expect(a.people.some((p) => p.avatarUrl === null) && a.people.some((p) => p.avatarUrl !== null)).to.equal(true);
    expect(a.threads).to.have.length(40);
    expect(a.questions).to.have.length(25);
    expect(a.articles).to.have.length(63);
    const stamps = [...a.threads.map((t) => t.lastActivityAt), ...a.posts.map((p) => p.createdAt), ...a.answers.map((x) => x.createdAt)];
    expect(Math.max(...stamps)).to.be.at.most(NOW.getTime());
  });

  it('dates follow the given now, so relative times look fresh', async () => {
    const later = new Date(NOW.getTime() + 30 * 86_400_000);
    const page = await make({ now: later }).listThreads({ limit: 1 });
    expect(Date.parse(page.items[0]!.lastActivityAt)).to.be.within(later.getTime() - 86_400_000, later.getTime());
  });

  it('has certifications in every status, with assertion URLs and inline SVG images', async () => {
    const b = make();
    const certs = b.data.certifications.map((c) => c.id);
    const statuses = new Set<string>();
    for (const id of certs) {
      const r = await b.verifyCertification(id);
      statuses.add(certStatus({ revoked: b.data.certifications.find((c) => c.id === id)!.revoked, expires: r.expires }, NOW.getTime()));
    }
    expect([...statuses].sort()).to.deep.equal(['active', 'expired', 'expiring', 'revoked']);
    const list = await b.listCertifications({ person: 'u-aiko' });
    expect(list[0]!.imageUrl).to.match(/^data:image\/svg\+xml/);
    expect(list[0]!.assertionUrl).to.match(/^https:\/\/community\.acme\.example\/ob\/assertions\//);
  });
});

describe('MemoryBackend contract', () => {
  it('every read validates against the contract schemas', async () => {
    const b = make({ me: everyone });
    parse('listThreads', await b.listThreads({}));
    const t = await b.getThread('th-039');
    parse('getThread', t);
    parse('listPosts', await b.listPosts('th-039', t.posts.nextCursor!));
    parse('listQuestions', await b.listQuestions({ sort: 'top', limit: '5' }));
    parse('similarQuestions', { items: await b.similarQuestions('register deal renewal') });
    const q = await b.getQuestion('q-001');
    parse('getQuestion', q);
    const answers = await b.listAnswers('q-001', '');
    parse('listAnswers', answers);
    expect(answers.items.map((a) => a.id)).to.deep.equal(q.answers.items.map((a) => a.id));
    parse('searchArticles', await b.searchArticles({ q: 'gateway' }));
    parse('searchArticles', await b.searchArticles({ q: '' }));
    parse('getArticle', await b.getArticle('kb-001'));
    parse('listCertifications', { items: await b.listCertifications({ person: 'u-aiko' }) });
    parse('listCertifications', { items: await b.listCertifications({ org: 'org-northwind' }) });
    parse('getCertification', await b.getCertification('c-aiko-gateway'));
    for (const c of b.data.certifications) parse('verifyCertification', await b.verifyCertification(c.id));
    parse('verifyAssertion', await b.verifyAssertion({ url: 'https://badges.example.org/a/1' }));
    parse('me', await b.me());
    parse('me', await make().me());
    parse('stats', await make({ me: staff }).stats());
  });

  it('every write validates against the contract schemas', async () => {
    const b = make({ me: meFor('u-oluwaseun') });
    parse('createThread', await b.createThread({ title: 'Hello partners', body: '# Hi\n\n- one', category: 'technical' }));
    parse('replyToThread', await b.replyToThread('th-001', { body: 'Thanks!' }));
    const q = await b.askQuestion({ title: 'Where is the MDF form?', body: 'Looking for it.', category: 'marketing', tags: ['mdf'] });
    parse('askQuestion', q);
    const a = await b.answerQuestion('q-014', { body: 'Yes, with a custom domain.' });
    parse('answerQuestion', a);
    parse('voteQuestion', await b.voteQuestion('q-002', 1));
    parse('voteAnswer', await b.voteAnswer(a.id, -1));
    const mine = await b.answerQuestion(q.id, { body: 'Portal → MDF.' });
    parse('acceptAnswer', await b.acceptAnswer(q.id, mine.id));
    parse('recordDeflection', await b.recordDeflection('q-001', 'renewal'));
    parse('sendArticleFeedback', await b.sendArticleFeedback('kb-001', { helpful: true }));
  });

  it('rejects wrong-shaped input with a ValidationError naming the path', async () => {
    const b = make({ me: staff });
    const e = await rejection(b.createThread({ title: 'x', body: 'ok', category: 'technical' }));
    expect(e).to.be.instanceOf(ValidationError);
    expect((e as ValidationError).errors[0]!.path).to.equal('title');
    expect(await rejection(b.listThreads({ cursor: 'not-a-number' }))).to.be.instanceOf(BackendError).with.property('status', 400);
    expect(await rejection(b.getThread('th-nope'))).to.be.instanceOf(BackendError).with.property('status', 404);
  });
});

describe('MemoryBackend threads', () => {
  it('pages through every thread exactly once', async () => {
    const b = make();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await b.listThreads({ limit: 7, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).to.be.at.most(7);
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).to.have.length(40);
    expect(new Set(seen).size).to.equal(40);
  });

  it('filters by category and tag and sorts latest, top and unanswered', async () => {
    const b = make();
    const tech = await b.listThreads({ category: 'technical', limit: 100 });
    expect(tech.items.length).to.be.greaterThan(5);
    expect(tech.items.every((t) => t.category === 'technical')).to.equal(true);
    const tagged = await b.listThreads({ tag: 'edge-firewall', limit: 100 });
    expect(tagged.items.length).to.be.greaterThan(2);
    expect(tagged.items.every((t) => t.tags.includes('edge-firewall'))).to.equal(true);
    const latest = (await b.listThreads({ limit: 100 })).items.map((t) => Date.parse(t.lastActivityAt));
    expect(latest).to.deep.equal([...latest].sort((x, y) => y - x));
    const top = (await b.listThreads({ sort: 'top', limit: 100 })).items.map((t) => t.score);
    expect(top).to.deep.equal([...top].sort((x, y) => y - x));
    const unanswered = await b.listThreads({ sort: 'unanswered', limit: 100 });
    expect(unanswered.items.length).to.be.greaterThan(0);
    expect(unanswered.items.every((t) => t.replyCount === 0)).to.equal(true);
  });

  it('pages a long thread\'s posts in order, oldest first', async () => {
    const b = make();
    const first = await b.getThread('th-039');
    expect(first.thread.replyCount).to.equal(26);
    const rest = await b.listPosts('th-039', first.posts.nextCursor!);
    const all = [...first.posts.items, ...rest.items];
    expect(all).to.have.length(26);
    expect(rest.nextCursor).to.equal(null);
    expect(all.map((p) => p.createdAt)).to.deep.equal(all.map((p) => p.createdAt).sort());
  });

  it('creates once per idempotency key and emits live events', async () => {
    const b = make({ me: meFor('u-lars') });
    const events: LiveEvent[] = [];
    const ctrl = new AbortController();
    b.subscribe((e) => events.push(e), ctrl.signal);
    const input = { title: 'HA pair upgrade order?', body: 'Which node first?', category: 'technical', tags: ['ha'] };
    const one = await b.createThread(input, { idempotencyKey: 'k-1' });
    const two = await b.createThread(input, { idempotencyKey: 'k-1' });
    expect(two).to.deep.equal(one);
    expect(b.data.threads.filter((t) => t.title === input.title)).to.have.length(1);
    expect(one.author.name).to.equal('Lars Øvergaard');
    const latest = await b.listThreads({ limit: 1 });
    expect(latest.items[0]!.id).to.equal(one.id);
    const reply = await b.replyToThread(one.id, { body: 'Passive first.' }, { idempotencyKey: 'r-1' });
    await b.replyToThread(one.id, { body: 'Passive first.' }, { idempotencyKey: 'r-1' });
    expect((await b.getThread(one.id)).posts.items.map((p) => p.id)).to.deep.equal([reply.id]);
    expect(events.map((e) => [e.type, e.id, e.parentId])).to.deep.equal([
      ['thread.created', one.id, null],
      ['post.created', reply.id, one.id],
    ]);
    for (const e of events) v.parse(LiveEvent, e);
    ctrl.abort();
    await b.createThread({ ...input, title: 'Another one' });
    expect(events).to.have.length(2);
    const story = { type: 'thread.created' as const, id: 'th-x', parentId: null, category: 'technical', at: NOW.toISOString() };
    const ctrl2 = new AbortController();
    b.subscribe((e) => events.push(e), ctrl2.signal);
    b.emit(story);
    expect(events[2]).to.deep.equal(story);
  });

  it('refuses writes from anonymous callers with a 401 AuthError', async () => {
    const b = make();
    const e = await rejection(b.createThread({ title: 'Hello there', body: 'x', category: 'technical' }));
    expect(e).to.be.instanceOf(AuthError);
    expect((e as AuthError).status).to.equal(401);
    expect((e as AuthError).problem?.status).to.equal(401);
    expect(await rejection(b.voteQuestion('q-001', 1))).to.be.instanceOf(AuthError);
  });
});

describe('MemoryBackend questions', () => {
  it('pages, filters and sorts questions', async () => {
    const b = make();
    const all = (await b.listQuestions({ limit: 100 })).items;
    expect(all).to.have.length(25);
    const ids: string[] = [];
    for (let cursor: string | undefined = ''; cursor !== undefined; ) {
      const page = await b.listQuestions({ limit: 10, ...(cursor ? { cursor } : {}) });
      ids.push(...page.items.map((q) => q.id));
      cursor = page.nextCursor ?? undefined;
    }
    expect(new Set(ids).size).to.equal(25);
    const unanswered = (await b.listQuestions({ sort: 'unanswered', limit: 100 })).items;
    expect(unanswered.length).to.be.greaterThan(2);
    expect(unanswered.every((q) => q.answerCount === 0)).to.equal(true);
    expect(all.some((q) => q.answerCount > 0 && !q.accepted) && all.some((q) => q.accepted)).to.equal(true);
    const partner = (await b.listQuestions({ category: 'partner-program', tag: 'certification' })).items;
    expect(partner.map((q) => q.id)).to.deep.equal(['q-016']);
  });

  it('lists answers accepted first, then by score', async () => {
    const b = make();
    for (const q of b.data.questions.filter((x) => x.acceptedAnswerId)) {
      const { answers } = await b.getQuestion(q.id);
      expect(answers.items[0]!.id).to.equal(q.acceptedAnswerId);
      const rest = answers.items.slice(1).map((a) => a.score);
      expect(rest).to.deep.equal([...rest].sort((x, y) => y - x));
    }
  });

  it('counts one vote per person, replaces it on change and withdraws it with 0', async () => {
    const b = make({ me: meFor('u-wei') });
    const base = (await b.getQuestion('q-003')).question.score;
    expect(await b.voteQuestion('q-003', 1)).to.deep.equal({ score: base + 1, myVote: 1 });
    expect(await b.voteQuestion('q-003', 1)).to.deep.equal({ score: base + 1, myVote: 1 });
    expect(await b.voteQuestion('q-003', -1)).to.deep.equal({ score: base - 1, myVote: -1 });
    b.setMe(meFor('u-ana'));
    expect(await b.voteQuestion('q-003', -1)).to.deep.equal({ score: base - 2, myVote: -1 });
    b.setMe(meFor('u-wei'));
    expect(await b.voteQuestion('q-003', 0)).to.deep.equal({ score: base - 1, myVote: 0 });
    expect((await b.getQuestion('q-003')).question.myVote).to.equal(0);
    const answerId = (await b.getQuestion('q-003')).answers.items[0]!.id;
    const aBase = (await b.getQuestion('q-003')).answers.items[0]!.score;
    expect((await b.voteAnswer(answerId, 1)).score).to.equal(aBase + 1);
    expect((await b.getQuestion('q-003')).answers.items[0]!.myVote).to.equal(1);
    expect(await rejection(b.voteQuestion('q-003', 2 as 1))).to.be.instanceOf(ValidationError);
  });

  it('lets only the asker accept, with a 403 problem for anyone else', async () => {
    const b = make();
    const q = b.data.questions.find((x) => x.id === 'q-002')!;
    const answer = (await b.getQuestion('q-002')).answers.items.at(-1)!;
    b.setMe(meFor(q.authorId === 'u-wei' ? 'u-ana' : 'u-wei'));
    const e = await rejection(b.acceptAnswer('q-002', answer.id));
    expect(e).to.be.instanceOf(AuthError);
    expect((e as AuthError).status).to.equal(403);
    expect((e as AuthError).problem).to.include({ status: 403, title: 'Forbidden' });
    b.setMe(meFor(q.authorId));
    const accepted = await b.acceptAnswer('q-002', answer.id);
    expect(accepted.acceptedAnswerId).to.equal(answer.id);
    expect(accepted.accepted).to.equal(true);
    expect((await b.getQuestion('q-002')).answers.items[0]).to.include({ id: answer.id, accepted: true });
  });

  it('asks and answers once per idempotency key', async () => {
    const b = make({ me: meFor('u-mateus') });
    const input = { title: 'Is there an MSP price book?', body: 'For monthly billing.', category: 'partner-program' };
    const a = await b.askQuestion(input, { idempotencyKey: 'ask-1' });
    expect(await b.askQuestion(input, { idempotencyKey: 'ask-1' })).to.deep.equal(a);
    const x = await b.answerQuestion(a.id, { body: 'Ask your distributor.' }, { idempotencyKey: 'ans-1' });
    const y = await b.answerQuestion(a.id, { body: 'Ask your distributor.' }, { idempotencyKey: 'ans-1' });
    expect(y.id).to.equal(x.id);
    expect((await b.getQuestion(a.id)).question.answerCount).to.equal(1);
    expect(b.data.questions.filter((q) => q.title === input.title)).to.have.length(1);
  });

  it('finds similar questions, answered first, with the accepted excerpt', async () => {
    const b = make();
    const similar = await b.similarQuestions('How to register a multi-year renewal deal');
    expect(similar.length).to.be.within(1, 5);
    expect(similar[0]).to.include({ id: 'q-001', accepted: true });
    expect(similar[0]!.acceptedExcerpt).to.contain('first-year');
    expect(similar[0]!.acceptedExcerpt).to.not.contain('**');
    const answered = similar.map((s) => s.answerCount > 0);
    expect(answered).to.deep.equal([...answered].sort((x, y) => Number(y) - Number(x)));
    expect(await b.similarQuestions('zebra xylophone')).to.deep.equal([]);
    expect(await b.similarQuestions('deal registration sla approval partner renewal opportunity')).to.have.length.at.most(5);
  });

  it('records deflections and feedback, also anonymously', async () => {
    const b = make();
    await b.recordDeflection('q-001', 'multi-year renewal');
    await b.recordDeflection('q-001', 'multi-year renewal', { idempotencyKey: 'd' });
    await b.recordDeflection('q-001', 'multi-year renewal', { idempotencyKey: 'd' });
    expect(b.deflections.map((d) => d.questionId)).to.deep.equal(['q-001', 'q-001']);
    expect(b.counters.deflections).to.equal(2);
    const before = (await b.getArticle('kb-001')).helpful;
    await b.sendArticleFeedback('kb-001', { helpful: false, comment: 'Needs a diagram' });
    expect(b.feedback).to.have.length(1);
    expect(b.counters).to.deep.equal({ deflections: 2, helpful: 0, notHelpful: 1 });
    expect(b.feedback[0]).to.include({ articleId: 'kb-001', helpful: false, comment: 'Needs a diagram' });
    expect((await b.getArticle('kb-001')).helpful).to.deep.equal({ yes: before.yes, no: before.no + 1 });
  });
});

describe('MemoryBackend article search', () => {
  it('highlights point at the query text in the title and the snippet', async () => {
    const b = make({ me: everyone });
    const r = await b.searchArticles({ q: 'SAML rota' });
    expect(r.total).to.be.greaterThan(0);
    for (const hit of r.items) {
      for (const h of [...hit.highlights.title.map((x) => hit.title.slice(x.start, x.start + x.length)), ...hit.highlights.snippet.map((x) => hit.snippet.slice(x.start, x.start + x.length))]) {
        expect(['saml', 'rota']).to.include(h.toLowerCase());
      }
    }
    expect(r.items[0]!.title).to.match(/Rotate SAML/);
    expect(r.items[0]!.highlights.title.length).to.equal(2);
    expect(r.items.some((h) => h.highlights.snippet.length > 0)).to.equal(true);
  });

  it('counts highlight ranges in UTF-16 units', async () => {
    const data = createFixtures({ now: NOW });
    data.articles[0]!.title = '🚀 Ünïcode gateway launch';
    const b = make({ data });
    const hit = (await b.searchArticles({ q: 'gateway launch' })).items.find((h) => h.id === 'kb-001')!;
    expect(hit.highlights.title[0]).to.deep.equal({ start: 11, length: 7 });
    expect(hit.title.slice(11, 18)).to.equal('gateway');
  });

  it('ranks title hits first and matches word prefixes case-insensitively', async () => {
    const b = make({ me: everyone });
    const r = await b.searchArticles({ q: 'FIREW', limit: 100 });
    expect(r.items.length).to.be.greaterThan(5);
    const inTitle = r.items.map((h) => /\bfirew/i.test(h.title));
    expect(inTitle).to.deep.equal([...inTitle].sort((x, y) => Number(y) - Number(x)));
    expect(inTitle.filter(Boolean).length).to.be.greaterThan(1);
    expect((await b.searchArticles({ q: 'irewall' })).total).to.equal(0);
  });

  it('pages results and filters by facets, with disjunctive facet counts', async () => {
    const b = make({ me: staff });
    const all = await b.searchArticles({ q: '', limit: 100 });
    expect(all.total).to.equal(63);
    const ids: string[] = [];
    for (let cursor: string | undefined = ''; cursor !== undefined; ) {
      const page = await b.searchArticles({ q: '', limit: 25, ...(cursor ? { cursor } : {}) });
      ids.push(...page.items.map((h) => h.id));
      cursor = page.nextCursor ?? undefined;
    }
    expect(new Set(ids).size).to.equal(63);
    const sum = (f: { count: number }[]) => f.reduce((n, x) => n + x.count, 0);
    expect(sum(all.facets.product)).to.equal(63);
    expect(sum(all.facets.contentType)).to.equal(63);
    const identity = await b.searchArticles({ q: '', product: 'Acme Identity', contentType: ['how-to', 'faq'], limit: 100 });
    expect(identity.items.every((h) => h.product === 'Acme Identity' && ['how-to', 'faq'].includes(h.contentType))).to.equal(true);
    expect(identity.total).to.equal(identity.items.length);
    expect(sum(identity.facets.contentType)).to.equal(all.facets.product.find((f) => f.value === 'Acme Identity')!.count);
    expect(sum(identity.facets.product.filter((f) => f.value === 'Acme Identity'))).to.equal(identity.total);
  });

  it('filters by audience, also in facets and totals, and says when signing in shows more', async () => {
    const anon = await make().searchArticles({ q: '', limit: 100 });
    const silver = await make({ me: meFor('u-jean-luc') }).searchArticles({ q: '', limit: 100 });
    const top = await make({ me: everyone }).searchArticles({ q: '', limit: 100 });
    const data = createFixtures({ now: NOW });
    const byId = new Map(data.articles.map((a) => [a.id, a]));
    expect(anon.items.every((h) => byId.get(h.id)!.audience.minTier === 'registered' && byId.get(h.id)!.audience.roles.length === 0)).to.equal(true);
    expect(anon.total).to.equal(data.articles.filter((a) => a.audience.minTier === 'registered' && !a.audience.roles.length).length);
    expect(anon.total).to.be.lessThan(silver.total);
    expect(silver.total).to.be.lessThan(top.total);
    for (const r of [anon, silver, top]) {
      expect(r.facets.product.reduce((n, f) => n + f.count, 0)).to.equal(r.total);
      expect(r.facets.contentType.reduce((n, f) => n + f.count, 0)).to.equal(r.total);
    }
    // Silver sales: no gold articles and no technical-only ones.
    expect(silver.items.every((h) => {
      const a = byId.get(h.id)!;
      return TIERS.indexOf(a.audience.minTier) <= 1 && (!a.audience.roles.length || a.audience.roles.includes('sales'));
    })).to.equal(true);
    expect(anon.moreForSignedIn).to.equal(true);
    expect(top.moreForSignedIn).to.equal(false);
    expect((await make().searchArticles({ q: 'prometheus' })).moreForSignedIn).to.equal(false);
    expect(await rejection(make().getArticle('kb-005'))).to.be.instanceOf(AuthError).with.property('status', 401);
    expect(await rejection(make({ me: meFor('u-mateus') }).getArticle('kb-005'))).to.be.instanceOf(AuthError).with.property('status', 403);
    expect((await make({ me: meFor('u-jean-luc') }).getArticle('kb-005')).audience.minTier).to.equal('silver');
  });
});

describe('MemoryBackend certifications', () => {
  it('lists a person\'s or an org\'s certifications, newest first', async () => {
    const b = make();
    const aiko = await b.listCertifications({ person: 'u-aiko' });
    expect(aiko.length).to.equal(3);
    expect(aiko.every((c) => c.recipient.kind === 'person' && c.recipient.name === 'Aiko Tanaka')).to.equal(true);
    expect(aiko.map((c) => c.issuedOn)).to.deep.equal(aiko.map((c) => c.issuedOn).sort().reverse());
    const org = await b.listCertifications({ org: 'org-northwind' });
    expect(org.map((c) => c.recipient.name)).to.deep.equal(['Northwind Networks', 'Northwind Networks']);
    expect(await b.listCertifications({ person: 'u-nobody' })).to.deep.equal([]);
  });

  it('verifies consistently with status: revoked and expired fail with a reason', async () => {
    const b = make();
    for (const c of b.data.certifications) {
      const r = await b.verifyCertification(c.id);
      const status = certStatus({ revoked: c.revoked, expires: r.expires }, NOW.getTime());
      expect(r.verified).to.equal(status === 'active' || status === 'expiring');
      expect(r.reason).to.equal(status === 'revoked' ? 'revoked' : status === 'expired' ? 'expired' : null);
      expect(r.checks.every((k) => k.ok)).to.equal(r.verified);
      if (!r.verified) expect(r.detail).to.be.a('string');
    }
  });

  it('verifies hosted assertions by URL and fails unknown ones', async () => {
    const b = make();
    const [cert] = await b.listCertifications({ person: 'u-oluwaseun' });
    expect((await b.verifyAssertion({ url: cert!.assertionUrl })).verified).to.equal(true);
    expect((await b.verifyAssertion({ url: cert!.assertionUrl, identity: 'oluwaseun@northwind.example' })).verified).to.equal(true);
    expect((await b.verifyAssertion({ url: cert!.assertionUrl, identity: 'someone@else.example' })).reason).to.equal('recipient-mismatch');
    expect(await b.verifyAssertion({ url: 'https://badges.example.org/assertions/42' })).to.include({ verified: false, reason: 'unreachable' });
    expect((await b.verifyAssertion({ url: 'https://community.acme.example/ob/assertions/cert-999' })).reason).to.equal('not-found');
    expect((await b.verifyAssertion({ url: 'http://127.0.0.1/ob/assertions/1' })).reason).to.equal('blocked-url');
    expect(await rejection(b.verifyAssertion({ url: 'not a url' }))).to.be.instanceOf(ValidationError);
  });
});

describe('MemoryBackend me and stats', () => {
  it('describes the caller, anonymous or signed in', async () => {
    expect(await make().me()).to.deep.equal({ authenticated: false });
    expect(await make({ me: meFor('u-priya') }).me()).to.deep.equal({
      authenticated: true, id: 'u-priya', name: 'Priya Raghunathan', org: { id: 'org-tailspin', name: 'Tailspin Security' }, tier: 'gold', roles: ['sales', 'technical'],
    });
  });

  it('computes stats for vendor staff only', async () => {
    const s = await make({ me: staff }).stats();
    expect(s.weekly).to.have.length(8);
    expect(s.resolutionRate).to.be.within(0.3, 0.7);
    expect(s.medianHoursToFirstAnswer).to.be.greaterThan(0);
    expect(await rejection(make({ me: meFor('u-aiko') }).stats())).to.be.instanceOf(AuthError).with.property('status', 403);
    expect(await rejection(make().stats())).to.be.instanceOf(AuthError).with.property('status', 401);
  });
});

describe('MemoryBackend latency, abort, failure and offline', () => {
  it('delays calls by the latency and rejects with an AbortError when aborted', async () => {
    const b = make({ latency: 150 });
    const t0 = performance.now();
    await b.me();
    expect(performance.now() - t0).to.be.at.least(140);
    // A latency far beyond the bound below: the rejection can only come from the abort, however late
    // the 20 ms timer fires on a busy machine.
    const slow = make({ latency: 5000 });
    const ctrl = new AbortController();
    const pending = slow.listThreads({}, { signal: ctrl.signal });
    const t1 = performance.now();
    setTimeout(() => ctrl.abort(), 20);
    const e = await rejection(pending);
    expect(e).to.be.instanceOf(DOMException);
    expect(e.name).to.equal('AbortError');
    expect(performance.now() - t1).to.be.below(2000);
    const already = AbortSignal.abort();
    expect((await rejection(make().getThread('th-001', { signal: already }))).name).to.equal('AbortError');
  });

  it('does not apply an aborted write', async () => {
    const b = make({ me: staff, latency: 100 });
    const ctrl = new AbortController();
    const pending = b.createThread({ title: 'Never posted', body: 'x', category: 'technical' }, { signal: ctrl.signal });
    ctrl.abort();
    expect((await rejection(pending)).name).to.equal('AbortError');
    expect(b.data.threads.some((t) => t.title === 'Never posted')).to.equal(false);
  });

  it('rejects every call with failWith', async () => {
    const boom = new BackendError('Server error', 500, { title: 'Internal Server Error', status: 500 });
    const b = make({ failWith: boom });
    expect(await rejection(b.listThreads({}))).to.equal(boom);
    expect(await rejection(b.me())).to.equal(boom);
    b.failWith = null;
    expect((await b.listThreads({})).items.length).to.be.greaterThan(0);
  });

  it('rejects with an OfflineError while offline and recovers when online', async () => {
    const b = make({ me: staff });
    b.setOnline(false);
    expect(await rejection(b.listThreads({}))).to.be.instanceOf(OfflineError);
    expect(await rejection(b.createThread({ title: 'Offline post', body: 'x', category: 'technical' }))).to.be.instanceOf(OfflineError);
    expect(b.data.threads.some((t) => t.title === 'Offline post')).to.equal(false);
    b.setOnline(true);
    expect((await b.searchArticles({ q: 'gateway' })).total).to.be.greaterThan(0);
    expect(b.calls('listThreads')).to.equal(1);
    expect(b.calls()).to.equal(3);
  });

  it('goes offline during the latency like a dropped connection', async () => {
    const b = make({ latency: 50 });
    const pending = b.me();
    b.setOnline(false);
    expect(await rejection(pending)).to.be.instanceOf(OfflineError);
  });

  it('keeps the id core/ caches by, unless told another', () => {
    expect(make().id).to.equal('memory');
    expect(make({ id: 'memory-signed-in' }).id).to.equal('memory-signed-in');
  });

  it('returns copies: mutating a result does not change the data', async () => {
    const b = make();
    const t = await b.getThread('th-001');
    t.thread.title = 'changed';
    t.posts.items.length = 0;
    const again = await b.getThread('th-001');
    expect(again.thread.title).to.not.equal('changed');
    expect(again.posts.items.length).to.be.greaterThan(0);
  });
});
