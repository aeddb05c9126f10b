import { CONTENT_TYPES, type ContentType } from '../../contract/articles.js';
import type {
  Answer, Article, ArticleHit, Author, FacetCount, Post, QuestionSummary, SimilarQuestion, ThreadSummary,
} from '../../contract/index.js';
import type { DPost, DSearch, DTopic, DTopicDetail, DTopicList, DUser } from './discourse-types.js';

/**
 * Pure functions from Discourse shapes to Confab shapes. They do not validate: the adapter checks
 * their output against the contract schemas, which catches both mapping bugs and surprising input.
 */

/** Discourse's page size for posts in `/t/{id}.json?page=N`. */
export const POSTS_PER_PAGE = 20;

/** Everything the mappers need to know about the forum they read. */
export interface MapContext {
  /** Absolute forum URL, to resolve avatar templates such as `/user_avatar/forum/ana/{size}/1.png`. */
  origin: string;
  /** Category id → slug; the slug is what Confab shows and filters by. */
  categories: ReadonlyMap<number, string>;
}

const iso = (s: string) => new Date(s).toISOString();
const tagNames = (t: DTopic) => (t.tags ?? []).map((x) => (typeof x === 'string' ? x : x.name));

export function toAuthor(user: DUser | undefined, ctx: MapContext): Author {
  if (!user) return { id: 'unknown', name: 'Unknown', orgName: null, avatarUrl: null };
  const avatar = user.avatar_template?.replace('{size}', '96');
  return {
    id: String(user.id),
    name: user.name || user.username,
    // Discourse has no notion of a partner org; a vendor could map a user field or group here.
    orgName: null,
    avatarUrl: avatar ? new URL(avatar, ctx.origin).href : null,
  };
}

const postAuthor = (p: DPost, ctx: MapContext) =>
  toAuthor({ id: p.user_id, username: p.username, name: p.name, avatar_template: p.avatar_template }, ctx);

/** The original poster of a listed topic, from the list's side-loaded `users`. */
function originalPoster(t: DTopic, users: ReadonlyMap<number, DUser>): DUser | undefined {
  const op = t.posters?.find((p) => p.description?.includes('Original Poster')) ?? t.posters?.[0];
  return op ? users.get(op.user_id) : undefined;
}

/**
 * Markdown is what Confab renders; Discourse gives it with `include_raw`. Without it, fall back to
 * the text of the cooked HTML. DOMParser builds an inert document: nothing in it runs or loads.
 */
export function markdownOf(p: DPost): string {
  if (typeof p.raw === 'string') return p.raw;
  return new DOMParser().parseFromString(p.cooked, 'text/html').body.textContent?.trim() ?? '';
}

export function excerptOf(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function summaryFields(t: DTopic, author: Author, ctx: MapContext) {
  return {
    id: String(t.id),
    title: t.title,
    excerpt: excerptOf(t.excerpt ?? ''),
    category: ctx.categories.get(t.category_id) ?? String(t.category_id),
    tags: tagNames(t),
    author,
    score: t.like_count ?? 0,
    createdAt: iso(t.created_at),
    lastActivityAt: iso(t.bumped_at ?? t.last_posted_at ?? t.created_at),
    // Discourse lists only what the caller may see; its own moderation states stay on its side.
    status: 'published' as const,
  };
}

export function toThreadSummaries(list: DTopicList, ctx: MapContext): ThreadSummary[] {
  const users = new Map((list.users ?? []).map((u) => [u.id, u]));
  return list.topic_list.topics.map((t) => ({
    ...summaryFields(t, toAuthor(originalPoster(t, users), ctx), ctx),
    replyCount: Math.max(0, t.posts_count - 1),
    solved: t.has_accepted_answer ?? false,
    locked: false,
    pinned: false,
  }));
}

export function toQuestionSummaries(list: DTopicList, ctx: MapContext): QuestionSummary[] {
  return toThreadSummaries(list, ctx).map(({ replyCount, solved, locked: _locked, pinned: _pinned, ...rest }) => ({ ...rest, answerCount: replyCount, accepted: solved }));
}

/** `more_topics_url` such as `/latest?page=2` → the cursor `"2"`. */
export function nextPageCursor(moreUrl: string | null | undefined): string | null {
  if (!moreUrl) return null;
  return new URL(moreUrl, 'http://x').searchParams.get('page');
}

/** The opening post of a topic: Confab's thread or question body. */
export const openingPost = (d: DTopicDetail) => d.post_stream.posts.find((p) => p.post_number === 1);

/** Is there a page after `page` (1-based) of this topic's posts? */
export function nextPostsCursor(d: DTopicDetail, page: number): string | null {
  const total = d.post_stream.stream?.length ?? d.posts_count;
  return total > page * POSTS_PER_PAGE ? String(page + 1) : null;
}

export function toTopicParts(d: DTopicDetail, ctx: MapContext) {
  const first = openingPost(d);
  const body = first ? markdownOf(first) : '';
  const author = first ? postAuthor(first, ctx) : toAuthor(d.details?.created_by, ctx);
  return { fields: { ...summaryFields({ ...d, excerpt: excerptOf(body) }, author, ctx), body }, replies: d.post_stream.posts.filter((p) => p.post_number !== 1) };
}

export function toPost(p: DPost, threadId: string, ctx: MapContext): Post {
  return {
    id: String(p.id),
    threadId,
    author: postAuthor(p, ctx),
    body: markdownOf(p),
    createdAt: iso(p.created_at),
    editedAt: (p.version ?? 1) > 1 && p.updated_at ? iso(p.updated_at) : null,
    status: 'published',
  };
}

export function toAnswer(p: DPost, questionId: string, ctx: MapContext): Answer {
  return {
    id: String(p.id),
    questionId,
    author: postAuthor(p, ctx),
    body: markdownOf(p),
    score: p.like_count ?? 0,
    // Discourse likes are not votes: reading the caller's like would need a per-user lookup.
    myVote: 0,
    accepted: p.accepted_answer ?? false,
    status: 'published',
    createdAt: iso(p.created_at),
  };
}

/** Accepted first, then by likes, as the contract orders answers. */
export const byAcceptedThenScore = (a: Answer, b: Answer) => Number(b.accepted) - Number(a.accepted) || b.score - a.score;

/** Search hits, best first; similarity falls with rank because Discourse sends no score. */
export function toSimilarQuestions(s: DSearch, limit: number): SimilarQuestion[] {
  const topics = (s.topics ?? []).slice(0, limit);
  return topics.map((t, i) => ({
    id: String(t.id),
    title: t.title,
    answerCount: Math.max(0, t.posts_count - 1),
    accepted: t.has_accepted_answer ?? false,
    acceptedExcerpt: null,
    similarity: Math.round((1 - i / Math.max(topics.length, 1)) * 100) / 100,
  }));
}

/** Where each search word occurs in `text`, case-insensitively, as contract highlight ranges. */
export function highlight(text: string, q: string): { start: number; length: number }[] {
  const words = q.toLowerCase().split(/\s+/).filter((w) => w.length > 1);
  const lower = text.toLowerCase();
  const ranges: { start: number; length: number }[] = [];
  for (const w of words) {
    for (let i = lower.indexOf(w); i !== -1; i = lower.indexOf(w, i + w.length)) ranges.push({ start: i, length: w.length });
  }
  return ranges.sort((a, b) => a.start - b.start).filter((r, i, all) => i === 0 || r.start >= all[i - 1]!.start + all[i - 1]!.length);
}

/** Discourse has no products or content types: tags stand in for both. */
export function productOf(tags: string[]): string {
  return tags.find((t) => !(CONTENT_TYPES as readonly string[]).includes(t)) ?? 'General';
}
export function contentTypeOf(tags: string[]): ContentType {
  return (tags.find((t) => (CONTENT_TYPES as readonly string[]).includes(t)) as ContentType | undefined) ?? 'guide';
}

export function toArticleHits(s: DSearch, q: string): ArticleHit[] {
  const topics = new Map((s.topics ?? []).map((t) => [t.id, t]));
  return (s.posts ?? []).flatMap((p) => {
    const t = topics.get(p.topic_id);
    if (!t) return [];
    const snippet = excerptOf(p.blurb ?? '');
    const tags = tagNames(t);
    return [{
      id: String(t.id),
      title: t.title,
      snippet,
      product: productOf(tags),
      contentType: contentTypeOf(tags),
      updatedAt: iso(t.bumped_at ?? p.created_at),
      highlights: { title: highlight(t.title, q), snippet: highlight(snippet, q) },
    }];
  });
}

export function facetCounts(values: string[]): FacetCount[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

export function toArticle(d: DTopicDetail, ctx: MapContext): Article {
  const { fields } = toTopicParts(d, ctx);
  const tags = tagNames(d);
  return {
    id: fields.id,
    title: fields.title,
    body: fields.body,
    product: productOf(tags),
    contentType: contentTypeOf(tags),
    // Discourse enforces read access itself (category security); the widget sees only what it may.
    audience: { minTier: 'registered', roles: [] },
    updatedAt: fields.lastActivityAt,
    helpful: { yes: d.like_count ?? 0, no: 0 },
  };
}
