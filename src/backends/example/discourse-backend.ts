/**
 * # Writing your own backend adapter
 *
 * Confab's elements talk to one interface, {@link CommunityBackend} (`src/backends/types.ts`). The
 * default, `RestBackend`, speaks Confab's own REST contract. If your community already lives
 * somewhere else (a forum, a help centre, an LMS), you do not need to run Confab's server: write an
 * adapter that maps that API onto the interface, and hand it over once:
 *
 * ```ts
 * import { configure } from 'confab';
 * configure({ backend: new DiscourseBackend({ baseUrl: 'https://forum.example.com' }) });
 * // or, for one part of the page: <confab-provider .backend=${backend}>...</confab-provider>
 * ```
 *
 * This file is a complete, tested example for a Discourse-style forum. The rules it follows are the
 * ones every adapter must follow:
 *
 * 1. **Return contract shapes, validated.** Map the foreign JSON, then check the result with the
 *    contract's valibot schemas (`src/contract/`). A surprise in the foreign API then fails as a
 *    `ValidationError` naming the field (`posts.items[2].createdAt: ...`) instead of as a broken
 *    widget. See `checked()` below and the pure mappers in `discourse-map.ts`.
 * 2. **Reject with Confab's typed errors** (`src/core/errors.ts`): `OfflineError` when there was no
 *    response (elements queue writes and show "offline"), `AuthError` for 401/403, `BackendError`
 *    with the HTTP status otherwise, `ValidationError` for data that does not fit. See
 *    `discourse-http.ts`: about 30 lines any adapter can copy.
 * 3. **Honour `opts.signal`.** Pass it to every fetch; an abort must reject with the AbortError
 *    itself, unwrapped. Elements abort whenever their arguments change.
 * 4. **Say what you cannot do.** For an operation the foreign API lacks, reject with
 *    `new BackendError('… is not supported by this adapter', 501)`. Elements show it as an error
 *    and keep working; a feed that cannot post still reads.
 * 5. **Keep writes plain.** Write methods take JSON-able arguments and accept
 *    `opts.idempotencyKey`, so the outbox can persist and replay them. If the foreign API cannot
 *    deduplicate, do not claim it can: prefer a 501 to a duplicate post.
 * 6. **Give the backend a stable `id`** (e.g. its base URL). Caches and the outbox use it to keep
 *    data of different backends apart across reloads.
 * 7. `subscribe` is optional. Leave it out when there is no push channel; live elements then
 *    simply do not update live.
 *
 * ## What this example maps
 *
 * | Confab | Discourse |
 * |---|---|
 * | listThreads | `/latest.json`, `/top.json`, `/c/{slug}.json`, `/tag/{tag}.json` → `topic_list.topics[]` |
 * | getThread, listPosts | `/t/{id}.json?include_raw=true&page=N` → `post_stream.posts[]` (`raw` Markdown, else the text of `cooked`) |
 * | listQuestions, getQuestion, listAnswers | the same, in the questions category, with the Solved plugin's `accepted_answer` |
 * | similarQuestions, searchArticles | `/search.json?q=… #category` → `posts[].blurb` + `topics[]`; highlights computed here |
 * | getArticle | `/t/{id}.json` in the docs category; tags stand in for product and content type |
 * | me | `/session/current.json` (404 = signed out) |
 * | everything else | 501 |
 *
 * Writes are not supported on purpose: Discourse's write API wants an API key, and an admin API key
 * must never reach a browser on a partner portal. A real integration sends writes through a small
 * server of its own, which can also store idempotency keys.
 */
import * as v from 'valibot';
import {
  Article, ArticleSearchResult, Me, PostPage, QuestionPage, QuestionWithAnswers, SimilarQuestions, ThreadPage,
  ThreadWithPosts, describeIssues, AnswerPage,
} from '../../contract/index.js';
import type * as C from '../../contract/index.js';
import { BackendError, ValidationError } from '../../core/errors.js';
import type { CallOptions, CommunityBackend } from '../types.js';
import { fetchJson } from './discourse-http.js';
import {
  byAcceptedThenScore, facetCounts, nextPageCursor, nextPostsCursor, toAnswer, toArticle, toArticleHits, toPost,
  toQuestionSummaries, toSimilarQuestions, toThreadSummaries, toTopicParts, type MapContext,
} from './discourse-map.js';
import type { DCategories, DSearch, DSession, DTopicDetail, DTopicList } from './discourse-types.js';

export interface DiscourseBackendOptions {
  /** The forum, e.g. `https://forum.example.com`. Its CORS settings must allow the portal's origin. */
  baseUrl: string;
  /** Slug of the category that holds questions (Solved plugin enabled). Default `questions`. */
  questionsCategory?: string;
  /** Slug of the category that holds knowledge-base articles. Default `docs`. */
  docsCategory?: string;
  /** `include` to send the forum's session cookie cross-origin. Default `same-origin`. */
  credentials?: RequestCredentials;
  /** Extra headers per request, e.g. a per-user `User-Api-Key`. Never an admin API key. */
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
}

const unsupported = (what: string): Promise<never> =>
  Promise.reject(new BackendError(`${what} is not supported by this adapter`, 501));

/** Rule 1: what leaves the adapter matches the contract, or fails naming the field. */
function checked<S extends v.GenericSchema>(schema: S, value: () => unknown, what: string): v.InferOutput<S> {
  let mapped: unknown;
  try {
    mapped = value();
  } catch (e) {
    // A missing object or an unreadable date in the foreign JSON surfaces here.
    const message = e instanceof Error ? e.message : String(e);
    throw new ValidationError(`Unexpected response from ${what}: ${message}`, [{ path: '(root)', message }]);
  }
  const r = v.safeParse(schema, mapped);
  if (r.success) return r.output;
  const errors = describeIssues(r.issues);
  throw new ValidationError(`Unexpected response from ${what}: ${errors[0]!.path}: ${errors[0]!.message}`, errors);
}

const pageOf = (cursor: string | undefined) => Math.max(1, Number(cursor) || 1);
const asList = (x: string | string[] | undefined) => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/**
 * Reads threads, questions and articles from a Discourse-style forum. See the top of this file for
 * how to write an adapter of your own.
 */
export class DiscourseBackend implements CommunityBackend {
  /** Stable per forum: caches and the outbox key their entries by it. */
  readonly id: string;
  private readonly base: string;
  private readonly questions: string;
  private readonly docs: string;
  private categoryMap: Promise<Map<number, string>> | undefined;

  constructor(private readonly options: DiscourseBackendOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.id = `discourse:${this.base}`;
    this.questions = options.questionsCategory ?? 'questions';
    this.docs = options.docsCategory ?? 'docs';
  }

  // ---- threads -------------------------------------------------------------------------------

  async listThreads(query: C.ThreadListQuery, opts?: CallOptions): Promise<C.Page<C.ThreadSummary>> {
    const path = this.listPath(query.category, query.tag, query.sort);
    const list = await this.get<DTopicList>(path, { page: query.cursor }, opts);
    const ctx = await this.context();
    return checked(ThreadPage, () => {
      let items = toThreadSummaries(list, ctx);
      // Discourse has no "unanswered" list: keep the topics of this page that have no reply yet.
      if (query.sort === 'unanswered') items = items.filter((t) => t.replyCount === 0);
      return { items, nextCursor: nextPageCursor(list.topic_list.more_topics_url) };
    }, path);
  }

  async getThread(id: string, opts?: CallOptions): Promise<C.ThreadWithPosts> {
    const { detail, ctx, path } = await this.topic(id, 1, opts);
    return checked(ThreadWithPosts, () => {
      const { fields, replies } = toTopicParts(detail, ctx);
      const thread = { ...fields, replyCount: Math.max(0, detail.posts_count - 1), solved: detail.has_accepted_answer ?? false };
      return { thread, posts: { items: replies.map((p) => toPost(p, thread.id, ctx)), nextCursor: nextPostsCursor(detail, 1) } };
    }, path);
  }

  async listPosts(threadId: string, cursor: string, opts?: CallOptions): Promise<C.Page<C.Post>> {
    const page = pageOf(cursor);
    const { detail, ctx, path } = await this.topic(threadId, page, opts);
    return checked(PostPage, () => ({
      items: toTopicParts(detail, ctx).replies.map((p) => toPost(p, String(detail.id), ctx)),
      nextCursor: nextPostsCursor(detail, page),
    }), path);
  }

  createThread(): Promise<C.Thread> {
    return unsupported('Starting a thread');
  }
  replyToThread(): Promise<C.Post> {
    return unsupported('Replying');
  }

  // ---- questions (a category with the Solved plugin) -----------------------------------------

  async listQuestions(query: C.QuestionListQuery, opts?: CallOptions): Promise<C.Page<C.QuestionSummary>> {
    const path = this.listPath(this.questions, query.tag, query.sort);
    const list = await this.get<DTopicList>(path, { page: query.cursor }, opts);
    const ctx = await this.context();
    return checked(QuestionPage, () => {
      let items = toQuestionSummaries(list, ctx);
      if (query.sort === 'unanswered') items = items.filter((q) => q.answerCount === 0);
      return { items, nextCursor: nextPageCursor(list.topic_list.more_topics_url) };
    }, path);
  }

  async similarQuestions(text: string, opts?: CallOptions): Promise<C.SimilarQuestion[]> {
    if (!text.trim()) return [];
    const search = await this.get<DSearch>('/search.json', { q: `${text.trim()} #${this.questions}` }, opts);
    return checked(SimilarQuestions, () => ({ items: toSimilarQuestions(search, 5) }), '/search.json').items;
  }

  async getQuestion(id: string, opts?: CallOptions): Promise<C.QuestionWithAnswers> {
    const { detail, ctx, path } = await this.topic(id, 1, opts);
    return checked(QuestionWithAnswers, () => {
      const { fields, replies } = toTopicParts(detail, ctx);
      const accepted = replies.find((p) => p.accepted_answer);
      const question = {
        ...fields,
        answerCount: Math.max(0, detail.posts_count - 1),
        accepted: detail.has_accepted_answer ?? !!accepted,
        acceptedAnswerId: accepted ? String(accepted.id) : null,
        myVote: 0,
      };
      const items = replies.map((p) => toAnswer(p, question.id, ctx)).sort(byAcceptedThenScore);
      return { question, answers: { items, nextCursor: nextPostsCursor(detail, 1) } };
    }, path);
  }

  async listAnswers(questionId: string, cursor: string, opts?: CallOptions): Promise<C.Page<C.Answer>> {
    const page = pageOf(cursor);
    const { detail, ctx, path } = await this.topic(questionId, page, opts);
    return checked(AnswerPage, () => ({
      items: toTopicParts(detail, ctx).replies.map((p) => toAnswer(p, String(detail.id), ctx)).sort(byAcceptedThenScore),
      nextCursor: nextPostsCursor(detail, page),
    }), path);
  }

  askQuestion(): Promise<C.Question> {
    return unsupported('Asking a question');
  }
  answerQuestion(): Promise<C.Answer> {
    return unsupported('Answering');
  }
  acceptAnswer(): Promise<C.Question> {
    return unsupported('Accepting an answer');
  }
  voteQuestion(): Promise<C.VoteResult> {
    return unsupported('Voting');
  }
  voteAnswer(): Promise<C.VoteResult> {
    return unsupported('Voting');
  }
  recordDeflection(): Promise<C.Ok> {
    return unsupported('Recording a deflection');
  }

  // ---- articles (a docs category) -------------------------------------------------------------

  /**
   * Discourse sends no total and no facets: `total` counts the hits of this page, facets are
   * counted over them, and the product/content-type filters apply to them here.
   */
  async searchArticles(query: C.ArticleSearchQuery, opts?: CallOptions): Promise<C.ArticleSearchResult> {
    const q = query.q.trim();
    const page = pageOf(query.cursor);
    const search = await this.get<DSearch>('/search.json', { q: `${q} #${this.docs}`, page: page > 1 ? String(page) : undefined }, opts);
    const products = asList(query.product);
    const types = asList(query.contentType);
    return checked(ArticleSearchResult, () => {
      const hits = toArticleHits(search, q);
      const items = hits.filter((h) => (!products.length || products.includes(h.product)) && (!types.length || types.includes(h.contentType)));
      return {
        items,
        nextCursor: search.grouped_search_result?.more_full_page_results ? String(page + 1) : null,
        total: items.length,
        facets: { product: facetCounts(hits.map((h) => h.product)), contentType: facetCounts(hits.map((h) => h.contentType)) },
        moreForSignedIn: false,
      };
    }, '/search.json');
  }

  async getArticle(id: string, opts?: CallOptions): Promise<C.Article> {
    const { detail, ctx, path } = await this.topic(id, 1, opts);
    return checked(Article, () => toArticle(detail, ctx), path);
  }

  sendArticleFeedback(): Promise<C.Ok> {
    return unsupported('Article feedback');
  }

  // ---- the rest ------------------------------------------------------------------------------

  listCertifications(): Promise<C.Certification[]> {
    return unsupported('Certifications');
  }
  verifyCertification(): Promise<C.VerificationResult> {
    return unsupported('Verifying a certification');
  }
  verifyAssertion(): Promise<C.VerificationResult> {
    return unsupported('Verifying an assertion');
  }

  async me(opts?: CallOptions): Promise<C.Me> {
    let session: DSession;
    try {
      session = await this.get<DSession>('/session/current.json', {}, opts);
    } catch (e) {
      if (e instanceof BackendError && e.status === 404) return { authenticated: false };
      throw e;
    }
    return checked(Me, () => {
      const u = session.current_user;
      return { authenticated: true, id: String(u.id), name: u.name || u.username, org: null, tier: null, roles: [] };
    }, '/session/current.json');
  }

  stats(): Promise<C.Stats> {
    return unsupported('Community statistics');
  }

  // ---- plumbing ------------------------------------------------------------------------------

  private listPath(category: string | undefined, tag: string | undefined, sort: string | undefined): string {
    const c = category && encodeURIComponent(category);
    const t = tag && encodeURIComponent(tag);
    const scope = c && t ? `/tags/c/${c}/${t}` : c ? `/c/${c}` : t ? `/tag/${t}` : '';
    if (sort === 'top') return scope ? `${scope}/l/top.json` : '/top.json';
    return scope ? `${scope}.json` : '/latest.json';
  }

  private async topic(id: string, page: number, opts?: CallOptions) {
    const path = `/t/${encodeURIComponent(id)}.json`;
    const detail = await this.get<DTopicDetail>(path, { include_raw: 'true', page: page > 1 ? String(page) : undefined }, opts);
    return { detail, ctx: await this.context(), path };
  }

  /** Category slugs by id, loaded once per backend (and again after a failure). */
  private async context(): Promise<MapContext> {
    this.categoryMap ??= this.get<DCategories>('/categories.json', {})
      .then((r) => new Map(r.category_list.categories.map((c) => [c.id, c.slug])))
      .catch((e: unknown) => {
        this.categoryMap = undefined;
        throw e;
      });
    return { origin: new URL(`${this.base}/`, location.href).href, categories: await this.categoryMap };
  }

  private async get<T>(path: string, query: Record<string, string | undefined>, opts?: CallOptions): Promise<T> {
    const search = new URLSearchParams();
    for (const [k, val] of Object.entries(query)) if (val !== undefined) search.set(k, val);
    const qs = search.toString();
    return fetchJson<T>(`${this.base}${path}${qs ? `?${qs}` : ''}`, {
      signal: opts?.signal,
      credentials: this.options.credentials ?? 'same-origin',
      headers: (await this.options.headers?.()) ?? {},
    });
  }
}
