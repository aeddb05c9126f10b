// Seeds the demo partner community on first start (tables empty): the same community that MemoryBackend
// serves to Storybook (src/demo-data), followed by its older archive for volume. Deterministic: one
// seeded PRNG gives the same people, threads, questions, articles and certifications every time; dates
// are relative to "now" so that "expiring soon" stays true.
import { randomBytes } from 'node:crypto';
import type { Db, Queryable } from './db.js';
import { seedModeration } from './seed-moderation.js';
import { CONTENT_TYPES, TIERS } from '../../src/contract/index.js';
import {
  ARCHIVE_PUBLIC_TOPICS, ARCHIVE_SEED, ARCHIVE_THREADS, ARCHIVE_TOPICS, archiveBody, BADGES, createArchive, createCommunity, createRng, TECHNICAL_PRODUCTS, VENDOR_ORG,
  type Votes,
} from '../../src/demo-data/index.js';

const DAY = 86_400_000;

export interface SeedOptions {
  threads?: number;
  questions?: number;
  articles?: number;
  now?: Date;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The votes that make up a score the community gives as a number: one vote per member, taken in turn
 * from `offset`, so that a later vote by any of them replaces theirs as the votes table requires.
 */
function votesFor(voters: string[], kind: 'question' | 'answer', id: string, score: number, offset: number, extra: Votes): unknown[][] {
  const rows = Array.from({ length: Math.min(Math.abs(score), voters.length) }, (_, j) => [voters[(offset + j) % voters.length], kind, id, Math.sign(score)]);
  return [...rows, ...Object.entries(extra).map(([person, value]) => [person, kind, id, value])];
}

async function insertRows(q: Queryable, table: string, cols: [string, string][], rows: unknown[][]) {
  const CHUNK = 1000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const arrays = cols.map((_, ci) => part.map((row) => row[ci]));
    const sel = cols.map(([name, type], ci) => {
      if (type === 'text[]') return `COALESCE(string_to_array(NULLIF(c${ci}, ''), '|'), '{}')::text[] AS ${name}`;
      return `c${ci}::${type} AS ${name}`;
    });
    const un = cols.map(([, type], ci) => `$${ci + 1}::${type === 'text[]' ? 'text' : type === 'timestamptz' ? 'text' : type}[]`);
    await q.query(
      `INSERT INTO ${table} (${cols.map((c) => c[0]).join(', ')})
       SELECT ${sel.join(', ')} FROM unnest(${un.join(', ')}) AS u(${cols.map((_, i) => `c${i}`).join(', ')})`,
      arrays,
    );
  }
}

/** Seeds when the people table is empty; returns true when it seeded. */
export async function seedIfEmpty(db: Db, opts: SeedOptions = {}): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7262002)');
    const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM people');
    if (Number(rows[0].n) > 0) return false;
    await seed(tx, opts);
    return true;
  });
}

export async function seed(q: Queryable, opts: SeedOptions = {}) {
  const community = createCommunity(opts.now ? { now: opts.now } : {});
  const archive = createArchive(community, { threads: opts.threads ?? 220, questions: opts.questions ?? 96, articles: opts.articles ?? 330, people: 46 });
  const salts = createRng(ARCHIVE_SEED + 1);
  const orgs = [VENDOR_ORG, ...community.orgs];
  const orgOf = new Map(orgs.map((o) => [o.id, o]));
  const people = [...community.people, ...archive.people];
  const personOf = new Map(people.map((p) => [p.id, p]));
  const voters = people.map((p) => p.id);

  await insertRows(q, 'orgs', [['id', 'text'], ['name', 'text'], ['tier', 'text'], ['email', 'text']], orgs.map((o) => [o.id, o.name, o.tier, o.email]));
  await insertRows(
    q,
    'people',
    [['id', 'text'], ['name', 'text'], ['email', 'text'], ['org_id', 'text'], ['org_name', 'text'], ['tier', 'text'], ['roles', 'text[]'], ['demo', 'boolean']],
    // Vendor staff belong to the vendor's org but are not partners: no tier.
    people.map((p) => {
      const org = p.orgId ? orgOf.get(p.orgId)! : VENDOR_ORG;
      return [p.id, p.name, p.email, org.id, org.name, p.orgId ? org.tier : null, p.roles.join('|'), true];
    }),
  );

  const threads = [...community.threads, ...archive.threads];
  const posts = [...community.posts, ...archive.posts];
  const replies = new Map<string, number>();
  for (const p of posts) replies.set(p.threadId, (replies.get(p.threadId) ?? 0) + 1);
  await insertRows(
    q, 'threads',
    [['id', 'text'], ['title', 'text'], ['body', 'text'], ['category', 'text'], ['tags', 'text[]'], ['author_id', 'text'], ['reply_count', 'int'], ['score', 'int'], ['solved', 'boolean'], ['created_at', 'timestamptz'], ['last_activity_at', 'timestamptz']],
    threads.map((t) => [t.id, t.title, t.body, t.category, t.tags.join('|'), t.authorId, replies.get(t.id) ?? 0, t.score, t.solved, iso(t.createdAt), iso(t.lastActivityAt)]),
  );
  await insertRows(
    q, 'posts',
    [['id', 'text'], ['thread_id', 'text'], ['author_id', 'text'], ['body', 'text'], ['created_at', 'timestamptz'], ['edited_at', 'timestamptz']],
    posts.map((p) => [p.id, p.threadId, p.authorId, p.body, iso(p.createdAt), iso(p.editedAt)]),
  );

  const questions = [...community.questions, ...archive.questions];
  const answers = [...community.answers, ...archive.answers];
  const answerCount = new Map<string, number>();
  for (const a of answers) answerCount.set(a.questionId, (answerCount.get(a.questionId) ?? 0) + 1);
  await insertRows(
    q, 'questions',
    [['id', 'text'], ['title', 'text'], ['body', 'text'], ['category', 'text'], ['tags', 'text[]'], ['author_id', 'text'], ['answer_count', 'int'], ['score', 'int'], ['accepted_answer_id', 'text'], ['created_at', 'timestamptz'], ['last_activity_at', 'timestamptz']],
    questions.map((x) => [x.id, x.title, x.body, x.category, x.tags.join('|'), x.authorId, answerCount.get(x.id) ?? 0, 0, x.acceptedAnswerId, iso(x.createdAt), iso(x.lastActivityAt)]),
  );
  await insertRows(
    q, 'answers',
    [['id', 'text'], ['question_id', 'text'], ['author_id', 'text'], ['body', 'text'], ['score', 'int'], ['created_at', 'timestamptz']],
    answers.map((a) => [a.id, a.questionId, a.authorId, a.body, 0, iso(a.createdAt)]),
  );
  // Scores are the sum of the votes (one per person), as the vote handlers keep them.
  const votes = [
    ...questions.flatMap((x, i) => votesFor(voters, 'question', x.id, x.baseScore, i, x.votes)),
    ...answers.flatMap((a, i) => votesFor(voters, 'answer', a.id, a.baseScore, i * 3 + 7, a.votes)),
  ];
  const uniqVotes = new Map<string, unknown[]>();
  for (const v of votes) uniqVotes.set(`${v[0]}|${v[1]}|${v[2]}`, v);
  await insertRows(q, 'votes', [['person_id', 'text'], ['target_kind', 'text'], ['target_id', 'text'], ['value', 'smallint']], [...uniqVotes.values()]);
  for (const [table, kind] of [['questions', 'question'], ['answers', 'answer']] as const) {
    await q.query(`UPDATE ${table} t SET score = COALESCE((SELECT SUM(value)::int FROM votes v WHERE v.target_kind = '${kind}' AND v.target_id = t.id), 0)`);
  }

  const articles = [...community.articles, ...archive.articles];
  await insertRows(
    q, 'articles',
    [['id', 'text'], ['title', 'text'], ['body', 'text'], ['product', 'text'], ['content_type', 'text'], ['min_tier', 'text'], ['min_tier_rank', 'smallint'], ['roles', 'text[]'], ['updated_at', 'timestamptz']],
    articles.map((a) => [a.id, a.title, a.body, a.product, a.contentType, a.audience.minTier, TIERS.indexOf(a.audience.minTier), a.audience.roles.join('|'), iso(a.updatedAt)]),
  );
  // "Was this helpful" answers, anonymous, spread over the last 90 days: the counts the community gives.
  const feedback = articles.flatMap((a, i) =>
    [...Array<boolean>(a.helpful.yes).fill(true), ...Array<boolean>(a.helpful.no).fill(false)].map((helpful, j) => [a.id, null, helpful, iso(community.now - ((i * 7 + j * 13) % 90) * DAY)]),
  );
  await insertRows(q, 'article_feedback', [['article_id', 'text'], ['person_id', 'text'], ['helpful', 'boolean'], ['created_at', 'timestamptz']], feedback);

  await insertRows(
    q, 'badge_classes',
    [['id', 'text'], ['name', 'text'], ['description', 'text'], ['criteria', 'text'], ['color', 'text']],
    BADGES.map(([id, name, , colour, description, criteria]) => [id, name, description, criteria, colour]),
  );
  const certifications = [...community.certifications, ...archive.certifications];
  await insertRows(
    q, 'certifications',
    [['id', 'text'], ['badge_id', 'text'], ['recipient_kind', 'text'], ['recipient_id', 'text'], ['recipient_name', 'text'], ['recipient_email', 'text'], ['salt', 'text'], ['issued_on', 'timestamptz'], ['expires', 'timestamptz'], ['revoked', 'boolean'], ['revocation_reason', 'text']],
    certifications.map((c) => {
      const who = c.recipient.kind === 'person' ? personOf.get(c.recipient.id)! : orgOf.get(c.recipient.id)!;
      return [c.id, c.badge, c.recipient.kind, c.recipient.id, who.name, who.email, salts.hex(16), iso(c.issuedOn), iso(c.expires), c.revoked, c.revocationReason];
    }),
  );
  await seedModeration(q, community.now);
}

/** Bulk load for the benchmark: n more threads and n more articles. */
export async function bulkLoad(db: Db, n: number) {
  const r = createRng(99);
  const tag = randomBytes(3).toString('hex');
  const now = Date.now();
  for (let off = 0; off < n; off += 5000) {
    const m = Math.min(5000, n - off);
    await db.transaction(async (tx) => {
      const th: unknown[][] = [];
      const ar: unknown[][] = [];
      for (let i = 0; i < m; i++) {
        const product = r.pick(TECHNICAL_PRODUCTS);
        const [category, topic, title] = r.pick(ARCHIVE_THREADS);
        th.push([`bt-${tag}-${off + i}`, title.replace('{p}', product), archiveBody(r, product), category, topic, 'p-ava', 0, r.int(0, 9), false, new Date(now - r.next() * 400 * DAY).toISOString(), new Date(now - r.next() * 400 * DAY).toISOString()]);
        const tierIdx = r.int(0, 3);
        ar.push([`bk-${tag}-${off + i}`, `${r.pick([...ARCHIVE_PUBLIC_TOPICS, ...ARCHIVE_TOPICS]).replace('{p}', product).replace('{n}', String(r.int(1, 9)))} #${off + i}`, archiveBody(r, product, true), product, r.pick(CONTENT_TYPES), TIERS[tierIdx], tierIdx, '', new Date(now - r.next() * 400 * DAY).toISOString()]);
      }
      await insertRows(tx, 'threads',
        [['id', 'text'], ['title', 'text'], ['body', 'text'], ['category', 'text'], ['tags', 'text[]'], ['author_id', 'text'], ['reply_count', 'int'], ['score', 'int'], ['solved', 'boolean'], ['created_at', 'timestamptz'], ['last_activity_at', 'timestamptz']], th);
      await insertRows(tx, 'articles',
        [['id', 'text'], ['title', 'text'], ['body', 'text'], ['product', 'text'], ['content_type', 'text'], ['min_tier', 'text'], ['min_tier_rank', 'smallint'], ['roles', 'text[]'], ['updated_at', 'timestamptz']], ar);
    });
  }
}
