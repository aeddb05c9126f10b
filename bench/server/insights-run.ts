// The insights benchmark proper (bench/server/insights.mjs starts it under tsx): loads the scale data
// in SQL, then times each insights query for a 30-day and a 90-day period.
import pg from 'pg';
import { createDb, type Db } from '../../server/src/db.js';
import { migrate } from '../../server/src/migrate.js';
import { seed } from '../../server/src/seed.js';
import { topContributors } from '../../server/src/handlers/insights/contributors.js';
import { deflection } from '../../server/src/handlers/insights/deflection.js';
import { questionMetrics } from '../../server/src/handlers/insights/questions.js';
import { periodOf, type Period } from '../../server/src/handlers/insights/range.js';
import { insightsReport } from '../../server/src/handlers/insights/report.js';
import { satisfaction } from '../../server/src/handlers/insights/satisfaction.js';
import { searchInsights } from '../../server/src/handlers/insights/search.js';
import { unanswered } from '../../server/src/handlers/insights/unanswered.js';
import { volume } from '../../server/src/handlers/insights/volume.js';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')).map(([k, v]) => [k, v ?? 'true']));
const runs = Number(args.runs ?? 30);
const scale = Number(args.scale ?? 1);
const SCHEMA = 'bench_insights';
const N = { threads: 100_000 * scale, questions: 100_000 * scale, searches: 600_000 * scale, votes: 200_000 * scale, feedback: 100_000 * scale, deflections: 50_000 * scale, csat: 50_000 * scale };

// A schema without the marker table is a load that did not finish (or none): start it afresh.
const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
await admin.connect();
const marker = await admin.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = '${SCHEMA}' AND table_name = 'bench_loaded'`);
const loaded = marker.rows.length > 0 && args.keep === 'true';
if (!loaded) await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
await admin.end();
const db = await createDb({ url: process.env.DATABASE_URL!, schema: SCHEMA });
const loadavg = async () => (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').trim();
console.log(`load average at start: ${await loadavg()}`);
if (loaded) {
  // A kept load from before a newer migration gets it now (migration 012 backfills its rollups).
  const t = Date.now();
  const applied = await migrate(db);
  if (applied.length) console.log(`migrated ${applied.join(', ')} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
} else {
  const t0 = Date.now();
  await migrate(db);
  await db.transaction((tx) => seed(tx));
  await load(db);
  await db.exec('CREATE TABLE bench_loaded (at timestamptz DEFAULT now()); ANALYZE;');
  console.log(`loaded in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}
const counts = await db.query<Record<string, number>>(`SELECT (SELECT count(*) FROM threads) AS threads, (SELECT count(*) FROM questions) AS questions,
  (SELECT count(*) FROM answers) AS answers, (SELECT count(*) FROM search_events) AS searches, (SELECT count(*) FROM votes) AS votes,
  (SELECT count(*) FROM article_feedback) AS feedback, (SELECT count(*) FROM deflections) AS deflections, (SELECT count(*) FROM csat) AS csat,
  (SELECT count(*) FROM search_daily) AS search_days, (SELECT count(*) FROM insights_question_days) AS question_day_rows,
  (SELECT count(*) FROM insights_contributor_days) AS contributor_day_rows, (SELECT count(*) FROM insights_question_weeks) AS question_week_rows,
  (SELECT count(*) FROM insights_question_cut_weeks) AS question_cut_week_rows, (SELECT count(*) FROM search_weekly) AS search_week_rows`);
console.log('rows:', Object.entries(counts.rows[0]).map(([k, v]) => `${k} ${Number(v).toLocaleString('en')}`).join(', '));

async function time(name: string, f: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await f(); // warm-up
  const lat: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await f();
    lat.push(performance.now() - s);
  }
  lat.sort((a, b) => a - b);
  const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]!;
  console.log(`  ${name.padEnd(22)} p50 ${q(0.5).toFixed(1).padStart(7)} ms   p99 ${q(0.99).toFixed(1).padStart(7)} ms`);
}

for (const days of [30, 90]) {
  const p: Period = periodOf({ from: new Date(Date.now() - (days - 1) * 86_400_000).toISOString().slice(0, 10) });
  console.log(`\n${days}-day period (and the ${days} days before), ${runs} runs each:`);
  await time('questions+cuts+trend', () => questionMetrics(db, p));
  await time('satisfaction+csat', () => satisfaction(db, p));
  await time('deflection', () => deflection(db, p, { cur: 1, prev: 1 }));
  await time('volume', () => volume(db, p));
  await time('unanswered', () => unanswered(db, 48));
  await time('topContributors', () => topContributors(db, p));
  await time('search', () => searchInsights(db, p));
  await time('whole report', () => insightsReport(db, p, 48));
}
console.log(`\nload average at end: ${await loadavg()}`);
await db.close();

/** Scale data in SQL: spread over 26 weeks, authored by the seeded people, a tenth of questions unanswered. */
async function load(db: Db) {
  const span = `interval '182 days'`;
  const people = `(SELECT array_agg(id ORDER BY id) AS p FROM people WHERE org_id IS NOT NULL AND tier IS NOT NULL) pp`;
  const step = async (label: string, sql: string) => {
    const t = Date.now();
    await db.exec(sql);
    console.log(`  ${label} ${((Date.now() - t) / 1000).toFixed(1)} s`);
  };
  console.log('loading scale data …');
  await step('threads', `INSERT INTO threads (id, title, body, category, tags, author_id, created_at, last_activity_at)
    SELECT 'bt-' || i, 'Bench thread ' || i, 'Body of bench thread ' || i, (ARRAY['technical','sales-enablement','mdf','deal-registration'])[1 + i % 4], '{}',
      p[1 + i % cardinality(p)], now() - ${span} * (i::float / ${N.threads}), now() - ${span} * (i::float / ${N.threads})
    FROM generate_series(1, ${N.threads}) i, ${people}`);
  // Answers: one to nine tenths of questions at (i % 97) hours, a second one a day later for a third of them.
  await step('questions', `INSERT INTO questions (id, title, body, category, tags, author_id, product, accepted_answer_id, created_at, last_activity_at, first_answer_at)
    SELECT 'bq-' || i, 'Bench question ' || i, 'Body of bench question ' || i, (ARRAY['technical','deal-registration','marketing','partner-program'])[1 + i % 4], '{}',
      p[1 + (i * 7) % cardinality(p)], (ARRAY['Acme Cloud Gateway','Acme Edge Firewall','Acme Identity','Acme SD-WAN','Acme Threat Intel'])[1 + i % 5],
      CASE WHEN i % 10 <> 0 AND i % 3 <> 0 THEN 'ba-' || i || '-1' END, c, c,
      CASE WHEN i % 10 <> 0 THEN c + make_interval(hours => i % 97) END
    FROM generate_series(1, ${N.questions}) i, ${people}, LATERAL (SELECT now() - ${span} * (i::float / ${N.questions}) AS c) t`);
  await step('answers', `INSERT INTO answers (id, question_id, author_id, body, created_at)
    SELECT 'ba-' || substr(q.id, 4) || '-' || k, q.id, p[1 + (length(q.id) * 13 + k) % cardinality(p)], 'An answer', q.first_answer_at + make_interval(days => k - 1)
    FROM questions q, ${people}, generate_series(1, 2) k
    WHERE q.id LIKE 'bq-%' AND q.first_answer_at IS NOT NULL AND (k = 1 OR substr(q.id, 4)::int % 3 = 0)`);
  await step('searches', `INSERT INTO search_events (query, result_count, tier, clicks, created_at)
    SELECT 'query ' || (floor(power(random(), 3) * 3000))::int, CASE WHEN i % 12 = 0 THEN 0 ELSE 1 + i % 20 END,
      (ARRAY['registered','silver','gold','platinum'])[1 + i % 4], CASE WHEN i % 12 <> 0 AND i % 2 = 0 THEN 1 ELSE 0 END,
      now() - ${span} * random()
    FROM generate_series(1, ${N.searches}) i`);
  await step('search_daily', `INSERT INTO search_daily (day, query, searches, clicked, zero, last_at)
    SELECT (created_at AT TIME ZONE 'UTC')::date, query, count(*), count(*) FILTER (WHERE clicks > 0), count(*) FILTER (WHERE result_count = 0), max(created_at)
    FROM search_events GROUP BY 1, 2
    ON CONFLICT (day, query) DO UPDATE SET searches = EXCLUDED.searches, clicked = EXCLUDED.clicked, zero = EXCLUDED.zero, last_at = EXCLUDED.last_at`);
  await step('votes', `INSERT INTO votes (person_id, target_kind, target_id, value, created_at)
    SELECT 'bv-' || i, 'answer', 'ba-' || (1 + i % ${N.questions}) || '-1', CASE WHEN i % 7 = 0 THEN -1 ELSE 1 END, now() - ${span} * random()
    FROM generate_series(1, ${N.votes}) i`);
  await step('feedback', `INSERT INTO article_feedback (article_id, helpful, created_at)
    SELECT a[1 + i % cardinality(a)], i % 4 <> 0, now() - ${span} * random()
    FROM generate_series(1, ${N.feedback}) i, (SELECT array_agg(id) AS a FROM articles) x`);
  await step('deflections', `INSERT INTO deflections (question_id, person_id, query, created_at)
    SELECT 'bq-' || (1 + (i * 11) % ${N.questions}), p[1 + i % cardinality(p)], 'how do i', now() - ${span} * random()
    FROM generate_series(1, ${N.deflections}) i, ${people}`);
  await step('csat', `INSERT INTO csat (question_id, person_id, score, answered_at)
    SELECT q.id, q.author_id, 1 + (length(q.id) + substr(q.id, 4)::int) % 5, q.created_at + interval '2 days'
    FROM questions q WHERE q.accepted_answer_id IS NOT NULL AND q.id LIKE 'bq-%' LIMIT ${N.csat}`);
}
