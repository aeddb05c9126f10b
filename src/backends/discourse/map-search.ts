import { CONTENT_TYPES, type Article, type ArticleHit, type ContentType, type FacetCount, type SimilarQuestion } from '../../contract/index.js';
import type { MapContext } from './context.js';
import { listedReplies, toTopicParts } from './map-topics.js';
import { excerptOf, isoAt, plainText } from './text.js';
import type { DSearch, DTopic, DTopicDetail } from './types.js';

const tagNames = (t: DTopic) => (t.tags ?? []).map((x) => (typeof x === 'string' ? x : x.name));

/** Search hits, best first; similarity falls with rank because Discourse sends no score. */
export function toSimilarQuestions(s: DSearch, limit: number, replies: (t: DTopic) => number = listedReplies): SimilarQuestion[] {
  const topics = (s.topics ?? []).slice(0, limit);
  const blurbs = new Map((s.posts ?? []).map((p) => [p.topic_id, p.blurb]));
  return topics.map((t, i) => ({
    id: String(t.id),
    title: plainText(t.title),
    answerCount: replies(t),
    accepted: t.has_accepted_answer ?? false,
    acceptedExcerpt: t.has_accepted_answer && blurbs.get(t.id) ? excerptOf(plainText(blurbs.get(t.id))) : null,
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

/** One hit per post found; `blurb` is text Discourse cut (`...`), shown as plain text. */
export function toArticleHits(s: DSearch, q: string): ArticleHit[] {
  const topics = new Map((s.topics ?? []).map((t) => [t.id, t]));
  return (s.posts ?? []).flatMap((p, i) => {
    const t = topics.get(p.topic_id);
    if (!t) return [];
    const title = plainText(t.title);
    const snippet = excerptOf(plainText(p.blurb));
    const tags = tagNames(t);
    return [{
      id: String(t.id),
      title,
      snippet,
      product: productOf(tags),
      contentType: contentTypeOf(tags),
      updatedAt: isoAt(t.bumped_at ?? p.created_at, t.bumped_at ? `topics[${p.topic_id}].bumped_at` : `posts[${i}].created_at`),
      highlights: { title: highlight(title, q), snippet: highlight(snippet, q) },
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
    helpful: { yes: fields.score, no: 0 },
  };
}
