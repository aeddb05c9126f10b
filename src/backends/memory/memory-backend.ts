import * as v from 'valibot';
import {
  ArticleSearchQuery, CertificationQuery, Deflection, HelpfulFeedback, NewAnswer, NewPost, NewQuestion, NewThread,
  QuestionListQuery, SimilarQuery, ThreadListQuery, VerifyRequest, VoteValue as VoteValueSchema,
  type Answer, type Article, type ArticleSearchResult, type Author, type Certification, type LiveEvent, type Me,
  type Ok, type Page, type Post, type Question, type QuestionSummary, type QuestionWithAnswers, type SignedInMe,
  type SimilarQuestion, type Stats, type Thread, type ThreadSummary, type ThreadWithPosts, type VerificationResult,
  type VoteResult, type VoteValue,
} from '../../contract/index.js';
import { OfflineError } from '../../core/errors.js';
import type { CallOptions, CommunityBackend } from '../types.js';
import { failedVerification, isBlockedUrl, toCertification, verify } from './certifications.js';
import { ISSUER_BASE, ORGS, PEOPLE, VENDOR_ORG } from '../../demo-data/index.js';
import { badRequest, forbidden, notFound, parseInput, unauthorized } from './errors.js';
import { createFixtures } from './fixtures.js';
import type { AnswerRecord, MemoryData, PersonRecord, QuestionRecord, ThreadRecord, Votes } from './model.js';
import { canRead, searchArticles } from './search.js';
import { computeStats } from './stats.js';
import { excerpt, similarity, tokens } from './text.js';

export interface MemoryBackendOptions {
  /** The instant the fixture dates are relative to. Default: the current time. Ignored with `data`. */
  now?: Date;
  /** The signed-in partner (see `meFor`), or null for an anonymous visitor. Default: null. */
  me?: SignedInMe | null;
  /** Milliseconds every call waits before answering. Default: 0. */
  latency?: number;
  /** When set, every call rejects with this error after the latency (for error-state stories). */
  failWith?: Error | null;
  /** A dataset from `createFixtures()`; the backend works on its own copy. Default: a fresh one. */
  data?: MemoryData;
  /** PRNG seed for the default dataset. */
  seed?: number;
  /**
   * The backend id that core/ uses to share cache entries and in-flight requests. Default 'memory'.
   * Give two backends on one page (say, an anonymous and a signed-in story) different ids.
   */
  id?: string;
}

export interface DeflectionRecord { questionId: string; query: string; at: string }
export interface FeedbackRecord { articleId: string; helpful: boolean; comment: string | null; at: string }

const DEFAULT_PAGE = 20;
const DEFAULT_SEARCH_PAGE = 10;
const SIMILAR_MAX = 5;
const SIMILAR_MIN = 0.2;

const iso = (ms: number) => new Date(ms).toISOString();
const sumVotes = (votes: Votes) => Object.values(votes).reduce<number>((n, x) => n + x, 0);

function abortError(): DOMException {
  return new DOMException('The operation was aborted.', 'AbortError');
}

/** A signed-in identity for a fixture person, as the portal's token would describe them. */
export function meFor(personId: string): SignedInMe {
  const person = PEOPLE.find(([id]) => id === personId);
  if (!person) throw new Error(`No fixture person ${personId}`);
  const [id, name, orgId, roles] = person;
  const org = ORGS.find(([oid]) => oid === orgId);
  return { authenticated: true, id, name, org: org ? { id: org[0], name: org[1] } : null, tier: org ? org[2] : null, roles: [...roles] };
}

/** Offset cursors: opaque to callers, a number to us. */
function offsetOf(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  if (!/^\d{1,9}$/.test(cursor)) throw badRequest(`Invalid cursor "${cursor.slice(0, 40)}".`);
  return Number(cursor);
}

function paginate<T>(items: readonly T[], cursor: string | undefined, limit: number): Page<T> {
  const start = offsetOf(cursor);
  const end = start + limit;
  return { items: items.slice(start, end), nextCursor: end < items.length ? String(end) : null };
}

/**
 * The backend plug, in memory: a realistic partner community (see fixtures.ts) with real behaviour
 * for every call, for Storybook stories and element tests. Nothing in the SDK bundles imports it.
 *
 * @example
 * const backend = new MemoryBackend({ me: meFor('u-aiko'), latency: 300 });
 * configure({ backend });
 */
export class MemoryBackend implements CommunityBackend {
  readonly id: string;
  /** The live dataset. Tests and stories may read it to pick ids; writes go through the methods. */
  readonly data: MemoryData;
  /** The signed-in caller; null is anonymous. Change it with `setMe()`. */
  private user: SignedInMe | null;
  /** Milliseconds every call waits. */
  latency: number;
  /** When set, every call rejects with it. */
  failWith: Error | null;

  private online = true;
  private readonly startedAt = Date.now();
  private readonly replays = new Map<string, unknown>();
  private readonly listeners = new Set<(event: LiveEvent) => void>();
  private readonly deflectionLog: DeflectionRecord[] = [];
  private readonly feedbackLog: FeedbackRecord[] = [];
  private readonly callLog = new Map<string, number>();
  private seq = 0;

  constructor(options: MemoryBackendOptions = {}) {
    this.id = options.id ?? 'memory';
    // Given data carries its own `now` (its dates were made relative to it), so `now` applies only to new data.
    this.data = options.data
      ? structuredClone(options.data)
      : createFixtures({ ...(options.now ? { now: options.now } : {}), ...(options.seed !== undefined ? { seed: options.seed } : {}) });
    this.user = options.me ?? null;
    this.latency = options.latency ?? 0;
    this.failWith = options.failWith ?? null;
  }

  // ---- test and story helpers -------------------------------------------------------------------

  /** `false` makes every call reject with an OfflineError, as a fetch without network would. */
  setOnline(online: boolean): void {
    this.online = online;
  }

  get isOnline(): boolean {
    return this.online;
  }

  /** Switches the signed-in caller (null: anonymous). */
  setMe(me: SignedInMe | null): void {
    this.user = me;
  }

  /** The signed-in caller, or null when anonymous. */
  get signedIn(): SignedInMe | null {
    return this.user;
  }

  /** "This answered my question" clicks recorded so far. */
  get deflections(): readonly DeflectionRecord[] {
    return [...this.deflectionLog];
  }

  /** "Was this helpful" answers recorded so far. */
  get feedback(): readonly FeedbackRecord[] {
    return [...this.feedbackLog];
  }

  /** Totals of what partners recorded: deflections and "was this helpful" answers. */
  get counters(): { deflections: number; helpful: number; notHelpful: number } {
    const helpful = this.feedbackLog.filter((f) => f.helpful).length;
    return { deflections: this.deflectionLog.length, helpful, notHelpful: this.feedbackLog.length - helpful };
  }

  /** How many times a method was called (all methods when no name), counting failed calls too. */
  calls(method?: keyof CommunityBackend): number {
    if (method) return this.callLog.get(method) ?? 0;
    let n = 0;
    for (const c of this.callLog.values()) n += c;
    return n;
  }

  /** Delivers a live event to every subscriber, as the server's event stream would. */
  emit(event: LiveEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (e) {
        // A broken listener must not break the write that caused the event; report it like an uncaught error.
        queueMicrotask(() => {
          throw e;
        });
      }
    }
  }

  /** The fixture clock: `now` from the options, moving forward in real time, so new content is "just now". */
  now(): number {
    return this.data.now + (Date.now() - this.startedAt);
  }

  // ---- the plug -----------------------------------------------------------------------------------

  listThreads(query: v.InferInput<typeof ThreadListQuery>, opts?: CallOptions): Promise<Page<ThreadSummary>> {
    return this.call('listThreads', opts, () => {
      const q = parseInput(ThreadListQuery, query, 400);
      let list = this.data.threads.filter((t) => (!q.category || t.category === q.category) && (!q.tag || t.tags.includes(q.tag)));
      const byLatest = (a: ThreadRecord, b: ThreadRecord) => b.lastActivityAt - a.lastActivityAt || a.id.localeCompare(b.id);
      if (q.sort === 'unanswered') {
        list = list.filter((t) => this.replyCount(t.id) === 0).sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
      } else if (q.sort === 'top') list.sort((a, b) => b.score - a.score || byLatest(a, b));
      else list.sort(byLatest);
      const page = paginate(list, q.cursor, q.limit ?? DEFAULT_PAGE);
      return { items: page.items.map((t) => this.threadSummary(t)), nextCursor: page.nextCursor };
    });
  }

  getThread(id: string, opts?: CallOptions): Promise<ThreadWithPosts> {
    return this.call('getThread', opts, () => {
      const t = this.thread(id);
      return { thread: this.threadOut(t), posts: this.postPage(id, undefined) };
    });
  }

  listPosts(threadId: string, cursor: string, opts?: CallOptions): Promise<Page<Post>> {
    return this.call('listPosts', opts, () => {
      this.thread(threadId);
      return this.postPage(threadId, cursor);
    });
  }

  createThread(input: v.InferInput<typeof NewThread>, opts?: CallOptions): Promise<Thread> {
    return this.write('createThread', opts, (me) => {
      const body = parseInput(NewThread, input);
      const now = this.now();
      const t: ThreadRecord = {
        id: this.newId('th'), title: body.title, body: body.body, category: body.category, tags: body.tags,
        authorId: this.authorIdFor(me), score: 0, solved: false, createdAt: now, lastActivityAt: now,
      };
      this.data.threads.push(t);
      this.emit({ type: 'thread.created', id: t.id, parentId: null, category: t.category, at: iso(now) });
      return this.threadOut(t);
    });
  }

  replyToThread(threadId: string, input: v.InferInput<typeof NewPost>, opts?: CallOptions): Promise<Post> {
    return this.write('replyToThread', opts, (me) => {
      const body = parseInput(NewPost, input);
      const t = this.thread(threadId);
      const now = this.now();
      const post = { id: this.newId('po'), threadId, authorId: this.authorIdFor(me), body: body.body, createdAt: now, editedAt: null };
      this.data.posts.push(post);
      t.lastActivityAt = now;
      this.emit({ type: 'post.created', id: post.id, parentId: threadId, category: t.category, at: iso(now) });
      return this.postOut(post);
    });
  }

  listQuestions(query: v.InferInput<typeof QuestionListQuery>, opts?: CallOptions): Promise<Page<QuestionSummary>> {
    return this.call('listQuestions', opts, () => {
      const q = parseInput(QuestionListQuery, query, 400);
      let list = this.data.questions.filter((x) => (!q.category || x.category === q.category) && (!q.tag || x.tags.includes(q.tag)));
      const byLatest = (a: QuestionRecord, b: QuestionRecord) => b.lastActivityAt - a.lastActivityAt || a.id.localeCompare(b.id);
      if (q.sort === 'unanswered') {
        list = list.filter((x) => this.answersOf(x.id).length === 0).sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
      } else if (q.sort === 'top') list.sort((a, b) => this.questionScore(b) - this.questionScore(a) || byLatest(a, b));
      else list.sort(byLatest);
      const page = paginate(list, q.cursor, q.limit ?? DEFAULT_PAGE);
      return { items: page.items.map((x) => this.questionSummary(x)), nextCursor: page.nextCursor };
    });
  }

  similarQuestions(text: string, opts?: CallOptions): Promise<SimilarQuestion[]> {
    return this.call('similarQuestions', opts, () => {
      const { q } = parseInput(SimilarQuery, { q: text }, 400);
      const wanted = tokens(q);
      return this.data.questions
        .map((x) => ({ x, sim: similarity(wanted, tokens(x.title)), answers: this.answersOf(x.id).length }))
        .filter((s) => s.sim >= SIMILAR_MIN)
        // Deflection wants questions that already have an answer: accepted, then answered, then the rest.
        .sort((a, b) => Number(!!b.x.acceptedAnswerId) - Number(!!a.x.acceptedAnswerId) || Number(b.answers > 0) - Number(a.answers > 0) || b.sim - a.sim || a.x.id.localeCompare(b.x.id))
        .slice(0, SIMILAR_MAX)
        .map(({ x, sim, answers }) => {
          const accepted = x.acceptedAnswerId ? this.data.answers.find((a) => a.id === x.acceptedAnswerId) : undefined;
          return {
            id: x.id, title: x.title, answerCount: answers, accepted: !!accepted,
            acceptedExcerpt: accepted ? excerpt(accepted.body, 160) : null,
            similarity: Math.round(sim * 100) / 100,
          };
        });
    });
  }

  getQuestion(id: string, opts?: CallOptions): Promise<QuestionWithAnswers> {
    return this.call('getQuestion', opts, () => {
      const q = this.question(id);
      return { question: this.questionOut(q), answers: this.answerPage(q, undefined) };
    });
  }

  listAnswers(questionId: string, cursor: string, opts?: CallOptions): Promise<Page<Answer>> {
    return this.call('listAnswers', opts, () => this.answerPage(this.question(questionId), cursor));
  }

  askQuestion(input: v.InferInput<typeof NewQuestion>, opts?: CallOptions): Promise<Question> {
    return this.write('askQuestion', opts, (me) => {
      const body = parseInput(NewQuestion, input);
      const now = this.now();
      const q: QuestionRecord = {
        id: this.newId('q'), title: body.title, body: body.body, category: body.category, tags: body.tags,
        authorId: this.authorIdFor(me), createdAt: now, lastActivityAt: now, acceptedAnswerId: null, baseScore: 0, votes: {},
      };
      this.data.questions.push(q);
      this.emit({ type: 'question.created', id: q.id, parentId: null, category: q.category, at: iso(now) });
      return this.questionOut(q);
    });
  }

  answerQuestion(questionId: string, input: v.InferInput<typeof NewAnswer>, opts?: CallOptions): Promise<Answer> {
    return this.write('answerQuestion', opts, (me) => {
      const body = parseInput(NewAnswer, input);
      const q = this.question(questionId);
      const now = this.now();
      const a: AnswerRecord = { id: this.newId('an'), questionId, authorId: this.authorIdFor(me), body: body.body, createdAt: now, baseScore: 0, votes: {} };
      this.data.answers.push(a);
      q.lastActivityAt = now;
      this.emit({ type: 'answer.created', id: a.id, parentId: questionId, category: q.category, at: iso(now) });
      return this.answerOut(a, q);
    });
  }

  acceptAnswer(questionId: string, answerId: string, opts?: CallOptions): Promise<Question> {
    return this.write('acceptAnswer', opts, (me) => {
      const q = this.question(questionId);
      if (q.authorId !== me.id) throw forbidden('Only the person who asked can accept an answer.');
      const a = this.data.answers.find((x) => x.id === answerId && x.questionId === questionId);
      if (!a) throw notFound(`Answer on question ${questionId}`, answerId);
      if (q.acceptedAnswerId !== answerId) {
        q.acceptedAnswerId = answerId;
        q.lastActivityAt = this.now();
        this.emit({ type: 'answer.accepted', id: answerId, parentId: questionId, category: q.category, at: iso(q.lastActivityAt) });
      }
      return this.questionOut(q);
    });
  }

  voteQuestion(questionId: string, value: VoteValue, opts?: CallOptions): Promise<VoteResult> {
    return this.write('voteQuestion', opts, (me) => {
      const q = this.question(questionId);
      this.setVote(q.votes, me, value);
      return { score: this.questionScore(q), myVote: q.votes[me.id] ?? 0 };
    });
  }

  voteAnswer(answerId: string, value: VoteValue, opts?: CallOptions): Promise<VoteResult> {
    return this.write('voteAnswer', opts, (me) => {
      const a = this.data.answers.find((x) => x.id === answerId);
      if (!a) throw notFound('Answer', answerId);
      this.setVote(a.votes, me, value);
      return { score: a.baseScore + sumVotes(a.votes), myVote: a.votes[me.id] ?? 0 };
    });
  }

  recordDeflection(questionId: string, query: string, opts?: CallOptions): Promise<Ok> {
    return this.write('recordDeflection', opts, () => {
      const body = parseInput(Deflection, { query });
      this.question(questionId);
      this.deflectionLog.push({ questionId, query: body.query, at: iso(this.now()) });
      return { ok: true as const };
    }, false);
  }

  searchArticles(query: v.InferInput<typeof ArticleSearchQuery>, opts?: CallOptions): Promise<ArticleSearchResult> {
    return this.call('searchArticles', opts, () => {
      const q = parseInput(ArticleSearchQuery, query, 400);
      return searchArticles(
        this.data.articles,
        { q: q.q, product: q.product, contentType: q.contentType, offset: offsetOf(q.cursor), limit: q.limit ?? DEFAULT_SEARCH_PAGE },
        this.user,
      );
    });
  }

  getArticle(id: string, opts?: CallOptions): Promise<Article> {
    return this.call('getArticle', opts, () => {
      const a = this.data.articles.find((x) => x.id === id);
      if (!a) throw notFound('Article', id);
      if (!canRead(a, this.user)) {
        throw this.user ? forbidden('This article is for partners of a higher tier or another role.') : unauthorized('Sign in to read this article.');
      }
      return {
        id: a.id, title: a.title, body: a.body, product: a.product, contentType: a.contentType,
        audience: { minTier: a.audience.minTier, roles: [...a.audience.roles] }, updatedAt: iso(a.updatedAt), helpful: { ...a.helpful },
      };
    });
  }

  sendArticleFeedback(articleId: string, feedback: v.InferInput<typeof HelpfulFeedback>, opts?: CallOptions): Promise<Ok> {
    return this.write('sendArticleFeedback', opts, () => {
      const body = parseInput(HelpfulFeedback, feedback);
      const a = this.data.articles.find((x) => x.id === articleId);
      if (!a) throw notFound('Article', articleId);
      if (body.helpful) a.helpful.yes++;
      else a.helpful.no++;
      this.feedbackLog.push({ articleId, helpful: body.helpful, comment: body.comment ?? null, at: iso(this.now()) });
      return { ok: true as const };
    }, false);
  }

  listCertifications(query: CertificationQuery, opts?: CallOptions): Promise<Certification[]> {
    return this.call('listCertifications', opts, () => {
      const q = parseInput(CertificationQuery, query, 400);
      const [kind, id] = 'person' in q ? (['person', q.person] as const) : (['org', q.org] as const);
      return this.data.certifications
        .filter((c) => c.recipient.kind === kind && c.recipient.id === id)
        .sort((a, b) => b.issuedOn - a.issuedOn || a.id.localeCompare(b.id))
        .map((c) => toCertification(this.data, c));
    });
  }

  /** One certification by id (the contract's getCertification; not part of CommunityBackend). */
  getCertification(id: string, opts?: CallOptions): Promise<Certification> {
    return this.call('getCertification', opts, () => toCertification(this.data, this.certification(id)));
  }

  verifyCertification(id: string, opts?: CallOptions): Promise<VerificationResult> {
    return this.call('verifyCertification', opts, () => verify(this.data, this.certification(id), this.now()));
  }

  verifyAssertion(request: v.InferInput<typeof VerifyRequest>, opts?: CallOptions): Promise<VerificationResult> {
    return this.call('verifyAssertion', opts, () => {
      const req = parseInput(VerifyRequest, request);
      const url = new URL(req.url);
      if (isBlockedUrl(url)) return failedVerification(req.url, 'blocked-url', 'The verifier does not fetch local or private addresses.');
      const rec = this.data.certifications.find((c) => `${ISSUER_BASE}/ob/assertions/${c.id}` === url.href);
      if (rec) return verify(this.data, rec, this.now(), req.identity);
      if (url.href.startsWith(`${ISSUER_BASE}/ob/assertions/`)) {
        return failedVerification(req.url, 'not-found', 'The issuer has no assertion at this address.');
      }
      return failedVerification(req.url, 'unreachable', `Could not fetch the assertion from ${url.host}.`);
    });
  }

  me(opts?: CallOptions): Promise<Me> {
    return this.call('me', opts, () => (this.user ? structuredClone(this.user) : { authenticated: false as const }));
  }

  stats(opts?: CallOptions): Promise<Stats> {
    return this.call('stats', opts, () => {
      if (!this.user) throw unauthorized();
      if (!this.user.roles.some((r) => r === 'vendor-staff' || r === 'moderator')) throw forbidden('Community statistics are for vendor staff.');
      return computeStats(this.data, this.now());
    });
  }

  subscribe(onEvent: (event: LiveEvent) => void, signal: AbortSignal): void {
    if (signal.aborted) return;
    // Wrap so the same function can subscribe twice and each subscription ends on its own signal.
    const listener = (e: LiveEvent) => onEvent(structuredClone(e));
    this.listeners.add(listener);
    signal.addEventListener('abort', () => this.listeners.delete(listener), { once: true });
  }

  // ---- call plumbing ------------------------------------------------------------------------------

  /** Every call: counts, fails fast when offline or aborted, waits the latency, then answers. */
  private async call<T>(name: string, opts: CallOptions | undefined, run: () => T): Promise<T> {
    this.callLog.set(name, (this.callLog.get(name) ?? 0) + 1);
    const signal = opts?.signal;
    if (signal?.aborted) throw abortError();
    if (!this.online) throw new OfflineError();
    await this.wait(signal);
    if (!this.online) throw new OfflineError();
    if (this.failWith) throw this.failWith;
    // A copy, so a caller mutating a result cannot reach into the dataset.
    return structuredClone(run());
  }

  /** A write: signed in unless `needsAuth` is false; an idempotency key replays the first result. */
  private write<T>(name: string, opts: CallOptions | undefined, run: (me: SignedInMe) => T, needsAuth?: true): Promise<T>;
  private write<T>(name: string, opts: CallOptions | undefined, run: (me: SignedInMe | null) => T, needsAuth: false): Promise<T>;
  private write<T>(name: string, opts: CallOptions | undefined, run: (me: SignedInMe) => T, needsAuth = true): Promise<T> {
    return this.call(name, opts, () => {
      const me = this.user;
      if (needsAuth && !me) throw unauthorized();
      const key = opts?.idempotencyKey ? `${name}\u0000${opts.idempotencyKey}` : null;
      if (key && this.replays.has(key)) return structuredClone(this.replays.get(key) as T);
      const result = run(me as SignedInMe);
      if (key) this.replays.set(key, structuredClone(result));
      return result;
    });
  }

  private wait(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortError());
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        if (signal?.aborted) reject(abortError());
        else resolve();
      }, Math.max(0, this.latency));
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  // ---- records to contract values -----------------------------------------------------------------

  private newId(prefix: string): string {
    return `${prefix}-m${String(++this.seq).padStart(3, '0')}`;
  }

  /** The caller's person record, added on their first write when they are not in the fixtures. */
  private authorIdFor(me: SignedInMe): string {
    if (!this.data.people.some((p) => p.id === me.id)) {
      const orgId = me.org?.id ?? null;
      if (me.org && !this.data.orgs.some((o) => o.id === me.org!.id)) {
        this.data.orgs.push({ id: me.org.id, name: me.org.name, tier: me.tier ?? 'registered', email: `${me.org.id}@example.com` });
      }
      this.data.people.push({ id: me.id, name: me.name, email: `${me.id}@example.com`, orgId, roles: [...me.roles], avatarUrl: null });
    }
    return me.id;
  }

  private author(id: string): Author {
    const p: PersonRecord | undefined = this.data.people.find((x) => x.id === id);
    if (!p) return { id, name: 'Former member', orgName: null, avatarUrl: null };
    const org = p.orgId ? this.data.orgs.find((o) => o.id === p.orgId) : undefined;
    return { id: p.id, name: p.name, orgName: org?.name ?? (p.roles.includes('vendor-staff') ? VENDOR_ORG.name : null), avatarUrl: p.avatarUrl };
  }

  private thread(id: string): ThreadRecord {
    const t = this.data.threads.find((x) => x.id === id);
    if (!t) throw notFound('Thread', id);
    return t;
  }

  private question(id: string): QuestionRecord {
    const q = this.data.questions.find((x) => x.id === id);
    if (!q) throw notFound('Question', id);
    return q;
  }

  private certification(id: string) {
    const c = this.data.certifications.find((x) => x.id === id);
    if (!c) throw notFound('Certification', id);
    return c;
  }

  private replyCount(threadId: string): number {
    return this.data.posts.reduce((n, p) => n + (p.threadId === threadId ? 1 : 0), 0);
  }

  private answersOf(questionId: string): AnswerRecord[] {
    return this.data.answers.filter((a) => a.questionId === questionId);
  }

  private questionScore(q: QuestionRecord): number {
    return q.baseScore + sumVotes(q.votes);
  }

  private setVote(votes: Votes, me: SignedInMe, value: VoteValue): void {
    const v1 = parseInput(VoteValueSchema, value);
    // One vote per person: a vote replaces the previous one, 0 withdraws it.
    if (v1 === 0) delete votes[me.id];
    else votes[me.id] = v1;
  }

  private threadSummary(t: ThreadRecord): ThreadSummary {
    return {
      id: t.id, title: t.title, excerpt: excerpt(t.body), category: t.category, tags: [...t.tags], author: this.author(t.authorId),
      replyCount: this.replyCount(t.id), score: t.score, solved: t.solved, createdAt: iso(t.createdAt), lastActivityAt: iso(t.lastActivityAt),
    };
  }

  private threadOut(t: ThreadRecord): Thread {
    return { ...this.threadSummary(t), body: t.body };
  }

  private postOut(p: MemoryData['posts'][number]): Post {
    return { id: p.id, threadId: p.threadId, author: this.author(p.authorId), body: p.body, createdAt: iso(p.createdAt), editedAt: p.editedAt === null ? null : iso(p.editedAt) };
  }

  private postPage(threadId: string, cursor: string | undefined): Page<Post> {
    const posts = this.data.posts.filter((p) => p.threadId === threadId).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    const page = paginate(posts, cursor, DEFAULT_PAGE);
    return { items: page.items.map((p) => this.postOut(p)), nextCursor: page.nextCursor };
  }

  private questionSummary(q: QuestionRecord): QuestionSummary {
    return {
      id: q.id, title: q.title, excerpt: excerpt(q.body), category: q.category, tags: [...q.tags], author: this.author(q.authorId),
      answerCount: this.answersOf(q.id).length, score: this.questionScore(q), accepted: q.acceptedAnswerId !== null,
      createdAt: iso(q.createdAt), lastActivityAt: iso(q.lastActivityAt),
    };
  }

  private questionOut(q: QuestionRecord): Question {
    return { ...this.questionSummary(q), body: q.body, acceptedAnswerId: q.acceptedAnswerId, myVote: (this.user && q.votes[this.user.id]) || 0 };
  }

  private answerOut(a: AnswerRecord, q: QuestionRecord): Answer {
    return {
      id: a.id, questionId: a.questionId, author: this.author(a.authorId), body: a.body, score: a.baseScore + sumVotes(a.votes),
      myVote: (this.user && a.votes[this.user.id]) || 0, accepted: q.acceptedAnswerId === a.id, createdAt: iso(a.createdAt),
    };
  }

  /** Accepted first, then by score, then oldest first. */
  private answerPage(q: QuestionRecord, cursor: string | undefined): Page<Answer> {
    const list = this.answersOf(q.id)
      .map((a) => this.answerOut(a, q))
      .sort((a, b) => Number(b.accepted) - Number(a.accepted) || b.score - a.score || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    return paginate(list, cursor, DEFAULT_PAGE);
  }
}
