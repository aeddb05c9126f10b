import { CONTENT_TYPES, TIERS, type ContentType, type Role } from '../contract/index.js';
import { TECHNICAL_BADGES } from './badges.js';
import { ago, DAY, DEFAULT_SEED, HOUR } from './community.js';
import { ARCHIVE_PUBLIC_TOPICS, ARCHIVE_QUESTIONS, ARCHIVE_SENTENCES, ARCHIVE_THREADS, ARCHIVE_TOPICS, FIRST_NAMES, LAST_NAMES } from './archive-text.js';
import { ORGS, TECHNICAL_PRODUCTS } from './members.js';
import type { AnswerRecord, ArticleRecord, CertificationRecord, Community, PersonRecord, PostRecord, QuestionRecord, ThreadRecord } from './model.js';
import { createRng, type Rng } from './prng.js';

/**
 * The server's archive: the older, quieter part of the same community, so that the portal has volume
 * to page and search through (hundreds of threads and articles). Everything in it is older and scored
 * lower than the hand-written community, so the first page of every list is the same on the server as
 * in MemoryBackend; every title is a distinct template-and-product pair.
 */
export const ARCHIVE_SEED = DEFAULT_SEED + 1;

export interface ArchiveOptions {
  /** How many of each the community and its archive hold together (the archive adds the difference). */
  threads: number;
  questions: number;
  articles: number;
  /** People in all; the archive adds quieter members up to this number. */
  people: number;
  seed?: number;
}

/** What the archive adds: members and content, no orgs or badges of its own. */
export type Archive = Omit<Community, 'now' | 'orgs' | 'badges'>;

const ROLESETS: Role[][] = [['sales'], ['technical'], ['marketing'], ['sales', 'marketing'], ['technical'], ['sales']];
const ROLE_PICKS: Role[][] = [[], [], [], [], [], [], ['sales'], ['technical'], ['marketing'], ['sales', 'marketing']];
const TIER_WEIGHTS = [0.45, 0.25, 0.17, 0.13];
/** The archive starts where the hand-written community's oldest thread (45 days) and question (60 days) end. */
const THREADS_FROM_DAYS = 46;
const QUESTIONS_FROM_DAYS = 61;
/** Archive scores stay below the hand-written community's top ten. */
const MAX_ARCHIVE_SCORE = 5;

/** Every template with every technical product, once, in a seeded order; titles already taken are left out. */
function titles<T extends { title: string }>(rng: Rng, templates: readonly T[], taken: Set<string>, n: number, patch?: () => string) {
  const pairs = templates.flatMap((t) => TECHNICAL_PRODUCTS.map((product) => ({ ...t, product, title: t.title.replace('{p}', product).replace('{n}', patch?.() ?? '') })));
  const fresh = pairs.filter((p) => !taken.has(p.title));
  if (fresh.length < n) throw new Error(`The archive has ${fresh.length} distinct titles, ${n} were asked for.`);
  return rng.sample(fresh, n);
}

/** A paragraph or three of plausible partner prose about a product, in Markdown. */
export function archiveBody(rng: Rng, product: string, long = false): string {
  const paragraph = (n: number) => Array.from({ length: n }, () => rng.pick(ARCHIVE_SENTENCES)).join(' ');
  const parts = [paragraph(rng.int(2, 4)).replace('the portal', `the ${product} partner portal`)];
  if (long || rng.chance(0.4)) parts.push(`## Steps\n\n1. ${rng.pick(ARCHIVE_SENTENCES)}\n2. ${rng.pick(ARCHIVE_SENTENCES)}\n3. ${rng.pick(ARCHIVE_SENTENCES)}`);
  if (long && rng.chance(0.5)) parts.push('```\nacme> show ha status\nnode-a: active  node-b: standby  sync: ok\n```');
  if (long) parts.push(`**Note:** this applies to ${product}. ${paragraph(2)}`);
  return parts.join('\n\n');
}

export function createArchive(community: Community, options: ArchiveOptions): Archive {
  const rng = createRng(options.seed ?? ARCHIVE_SEED);
  const { now } = community;
  const daysAgo = (days: number) => ago(now, days * 24);

  const people: PersonRecord[] = [];
  for (let i = 1; community.people.length + people.length < options.people; i++) {
    const name = `${FIRST_NAMES[(i * 7) % FIRST_NAMES.length]} ${LAST_NAMES[(i * 11) % LAST_NAMES.length]}`;
    const orgId = ORGS[i % ORGS.length]![0];
    const id = `p-${String(i).padStart(3, '0')}`;
    people.push({ id, name, email: `${id.slice(2)}@${orgId.slice(4)}.example`, orgId, roles: [...rng.pick(ROLESETS)], avatarUrl: null });
  }
  const everyone = [...community.people, ...people];
  const partners = everyone.filter((p) => p.orgId);
  const experts = everyone.filter((p) => p.roles.includes('technical') || p.roles.includes('vendor-staff'));

  const threads: ThreadRecord[] = [];
  const posts: PostRecord[] = [];
  const threadTitles = new Set(community.threads.map((t) => t.title));
  const threadPicks = titles(rng, ARCHIVE_THREADS.map(([category, tag, title]) => ({ category, tag, title })), threadTitles, Math.max(0, options.threads - community.threads.length));
  threadPicks.forEach(({ category, tag, title, product }, k) => {
    const id = `th-${String(community.threads.length + k + 1).padStart(3, '0')}`;
    const createdAt = daysAgo(THREADS_FROM_DAYS + rng.next() * 74);
    const replies = rng.chance(0.15) ? 0 : rng.int(1, 6);
    let last = createdAt;
    for (let j = 1; j <= replies; j++) {
      last = Math.min(daysAgo(THREADS_FROM_DAYS - 1), last + Math.floor((rng.next() * 18 * HOUR) / 60_000) * 60_000);
      posts.push({ id: `po-${id.slice(3)}-${String(j).padStart(2, '0')}`, threadId: id, authorId: rng.pick(everyone).id, body: archiveBody(rng, product), createdAt: last, editedAt: null });
    }
    const tags = [tag, product.replace(/^Acme /, '').toLowerCase().replace(/ /g, '-')];
    threads.push({
      id, title, body: archiveBody(rng, product), category, tags, authorId: rng.pick(partners).id,
      score: rng.int(0, MAX_ARCHIVE_SCORE), solved: category === 'technical' && replies > 1 && rng.chance(0.4), createdAt, lastActivityAt: last,
    });
  });

  const questions: QuestionRecord[] = [];
  const answers: AnswerRecord[] = [];
  const questionTitles = new Set(community.questions.map((q) => q.title));
  const questionPicks = titles(rng, ARCHIVE_QUESTIONS.map(([category, tag, title]) => ({ category, tag, title })), questionTitles, Math.max(0, options.questions - community.questions.length));
  questionPicks.forEach(({ category, tag, title, product }, k) => {
    const id = `q-${String(community.questions.length + k + 1).padStart(3, '0')}`;
    const createdAt = daysAgo(QUESTIONS_FROM_DAYS + rng.next() * 110);
    const asker = rng.pick(partners);
    const count = rng.chance(0.65) ? rng.int(1, 4) : 0;
    let last = createdAt;
    let accepted: string | null = null;
    for (let j = 1; j <= count; j++) {
      last = Math.min(daysAgo(QUESTIONS_FROM_DAYS - 1), last + Math.floor(((j === 1 ? 0.05 : 0) + rng.next() * 2) * DAY / 60_000) * 60_000);
      const aid = `an-${id.slice(2)}-${j}`;
      answers.push({ id: aid, questionId: id, authorId: rng.pick(experts.filter((p) => p.id !== asker.id)).id, body: archiveBody(rng, product), createdAt: last, baseScore: rng.int(-1, MAX_ARCHIVE_SCORE), votes: {} });
      if (j === 1 && rng.chance(0.6)) accepted = aid;
    }
    questions.push({
      id, title, body: archiveBody(rng, product), category, tags: [tag], authorId: asker.id, createdAt, lastActivityAt: last,
      acceptedAnswerId: accepted, baseScore: rng.int(0, MAX_ARCHIVE_SCORE), votes: {},
    });
  });

  const articles: ArticleRecord[] = [];
  const articleTitles = new Set(community.articles.map((a) => a.title));
  const oldestCoreArticle = Math.min(...community.articles.map((a) => a.updatedAt));
  const topics = [...ARCHIVE_PUBLIC_TOPICS.map((title) => ({ title, open: true })), ...ARCHIVE_TOPICS.map((title) => ({ title, open: false }))];
  const articlePicks = titles(rng, topics, articleTitles, Math.max(0, options.articles - community.articles.length), () => String(rng.int(1, 9)));
  articlePicks.forEach(({ title, product, open }, k) => {
    const contentType: ContentType = /Release notes/.test(title) ? 'release-note' : /Known issues|Troubleshooting/.test(title) ? 'troubleshooting' : /FAQ/.test(title) ? 'faq' : rng.pick(CONTENT_TYPES);
    const x = rng.next();
    const tierIdx = open ? 0 : x < TIER_WEIGHTS[0]! ? 0 : x < TIER_WEIGHTS[0]! + TIER_WEIGHTS[1]! ? 1 : x < 1 - TIER_WEIGHTS[3]! ? 2 : 3;
    const roles = rng.pick(ROLE_PICKS);
    articles.push({
      id: `kb-${String(community.articles.length + k + 1).padStart(3, '0')}`,
      title,
      body: `# ${title}\n\n${archiveBody(rng, product, true)}`,
      product,
      contentType,
      audience: { minTier: TIERS[tierIdx]!, roles: open ? [] : [...roles] },
      // Older than every hand-written article, so an empty search lists those first on both backends.
      updatedAt: oldestCoreArticle - (1 + Math.floor(rng.next() * 365)) * DAY,
      helpful: { yes: rng.int(0, 8), no: rng.int(0, 2) },
    });
  });

  const certifications: CertificationRecord[] = [];
  for (const p of people) {
    if (!rng.chance(0.6)) continue;
    const badge = p.roles.includes('technical') ? rng.pick(TECHNICAL_BADGES) : 'acme-sales-professional';
    const issued = rng.int(10, 600);
    certifications.push({
      id: `c-${p.id.slice(2)}-${badge.split('-')[1]}`, badge, recipient: { kind: 'person', id: p.id },
      issuedOn: daysAgo(issued), expires: daysAgo(issued - 730), revoked: false, revocationReason: null,
    });
  }

  return { people, threads, posts, questions, answers, articles, certifications };
}
