// EXPLAIN (ANALYZE, BUFFERS) of the exact SQL the search and similar-question handlers run, on the
// schema that `bench/server/bench.mjs --bulk=N --keep` loaded (PostgreSQL). The handlers are called with
// a connection that records each statement; every SELECT is then explained with its parameters.
//
//   DATABASE_URL=… node --import tsx bench/server/explain.ts [--bulk=100000] [--only=common,rare,anonymous,similar] [--summary] [--migrate] [--repeat=N]
//
// --repeat=N runs each statement N more times (EXPLAIN ANALYZE with TIMING OFF) and prints the fastest
// execution and planning times: on a shared machine the minimum is the figure that survives load best.
import { createDb, type Db, type Queryable } from '../../server/src/db.js';
import { configFromEnv } from '../../server/src/config.js';
import { migrate } from '../../server/src/migrate.js';
import type { User } from '../../server/src/auth.js';
import { searchArticles } from '../../server/src/handlers/search.js';
import { similarQuestions } from '../../server/src/handlers/questions.js';
import { withFreshIds } from './recorder.js';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')).map(([k, v]) => [k, v ?? 'true']));
const bulk = Number(args.bulk ?? 100000);
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required (the kept benchmark schema lives in PostgreSQL)');
const db = await createDb({ url, schema: `bench_keep_${bulk}` });
if (args.migrate === 'true') console.log('migrated:', await migrate(db)); // the kept schema gains the migrations added since it was loaded
const gold: User = { id: 'p-chloe', name: 'Chloe Martin', org: { id: 'org-globex', name: 'Globex' }, tier: 'gold', roles: ['marketing'] } as unknown as User;

const cases: { name: string; run: (q: Queryable, db: Db) => Promise<unknown> }[] = [
  // "sizing" is in the body of a large share of articles; "okta sso" in few titles and bodies.
  { name: 'common', run: (q, db) => searchArticles({ q, db, user: gold, query: { q: 'sizing' }, config: configFromEnv({}) } as never) },
  { name: 'rare', run: (q, db) => searchArticles({ q, db, user: gold, query: { q: 'okta sso' }, config: configFromEnv({}) } as never) },
  { name: 'anonymous', run: (q, db) => searchArticles({ q, db, user: null, query: { q: 'sizing' }, config: configFromEnv({}) } as never) },
  { name: 'similar', run: (q, db) => similarQuestions({ q, db, user: gold, query: { q: 'How do I register a deal' }, config: configFromEnv({}) } as never) },
];
// --all: every term and draft the benchmark sends, as gold and anonymous (with --summary, a compact table of
// each statement's execution time and buffers).
if (args.all === 'true') {
  const { SEARCH_TERMS, SIMILAR_DRAFTS } = await import('./scenarios.mjs');
  cases.length = 0;
  for (const t of SEARCH_TERMS) {
    cases.push({ name: `gold ${t}`, run: (q, db) => searchArticles({ q, db, user: gold, query: { q: t }, config: configFromEnv({}) } as never) });
    cases.push({ name: `anon ${t}`, run: (q, db) => searchArticles({ q, db, user: null, query: { q: t }, config: configFromEnv({}) } as never) });
  }
  for (const d of SIMILAR_DRAFTS) cases.push({ name: `similar ${d}`, run: (q, db) => similarQuestions({ q, db, user: gold, query: { q: d }, config: configFromEnv({}) } as never) });
}
const repeat = Number(args.repeat ?? 0);
/** Rolls the explained transaction back, carrying the plan out: the search's pass writes its insights event. */
class RolledBack {
  constructor(readonly lines: string[]) {}
}
/** EXPLAIN (options) of one statement under its transaction's settings, rolled back (an ANALYZE runs the writes). */
async function explained(s: { sql: string; params: unknown[]; settings: string[] }, options: string): Promise<string[]> {
  try {
    await db.transaction(async (tx) => {
      for (const set of s.settings) await tx.exec(set);
      // A fresh event id each time (the recorded one was committed by the handler's own run).
      const [fresh] = withFreshIds([{ sql: s.sql, params: s.params }], [], String);
      const { rows } = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN (${options}) ${s.sql}`, fresh.params);
      throw new RolledBack(rows.map((r) => r['QUERY PLAN']));
    });
  } catch (e) {
    if (e instanceof RolledBack) return e.lines;
    throw e;
  }
  throw new Error('unreachable');
}
/** The fastest of `repeat` runs of one statement, under the settings its transaction had. */
async function fastest(s: { sql: string; params: unknown[]; settings: string[] }): Promise<string> {
  let exec = Infinity;
  let planning = Infinity;
  for (let i = 0; i < repeat; i++) {
    const lines = await explained(s, 'ANALYZE, TIMING OFF');
    const ms = (re: RegExp) => Number(re.exec(lines.join('\n'))?.[1] ?? NaN);
    exec = Math.min(exec, ms(/Execution Time: ([\d.]+)/));
    planning = Math.min(planning, ms(/Planning Time: ([\d.]+)/));
  }
  return `Fastest of ${repeat}: Planning Time: ${planning.toFixed(3)} ms, Execution Time: ${exec.toFixed(3)} ms`;
}
const only = args.only ? new Set(String(args.only).split(',')) : null;

for (const c of cases.filter((x) => !only || only.has(x.name))) {
  // Each statement with the settings its transaction had set (SET LOCAL), so EXPLAIN plans it as the server does.
  const seen: { sql: string; params: unknown[]; settings: string[] }[] = [];
  const recording = (conn: Queryable, settings: string[]): Queryable => ({
    query: async (sql, params = []) => {
      seen.push({ sql, params, settings: [...settings] });
      return conn.query(sql, params);
    },
    exec: async (sql) => {
      if (/^\s*SET LOCAL/i.test(sql)) settings.push(sql);
      return conn.exec(sql);
    },
  });
  // A transaction's setup (its SET LOCALs, sent with the BEGIN) is recorded as the settings it made.
  const fake = {
    ...db,
    transaction: (fn: (tx: Queryable) => Promise<unknown>, setup?: string) =>
      db.transaction((tx) => fn(recording(tx, setup ? setup.split(/;\s*/).filter((x) => /^\s*SET LOCAL/i.test(x)) : [])), setup),
  } as Db;
  await c.run(recording(db, []), fake); // warm the cache once, as the benchmark's warm-up does
  seen.length = 0;
  await c.run(recording(db, []), fake);
  // The reads (a search's pass also records its insights event: explained all the same, and rolled back).
  for (const s of seen.filter((x) => /^\s*(WITH|SELECT)/i.test(x.sql))) {
    const plan = await explained(s, 'ANALYZE, BUFFERS');
    if (repeat > 0) plan.push(await fastest(s));
    console.log(`\n=== ${c.name}: ${JSON.stringify(s.params).slice(0, 160)}${s.settings.length ? `\n    (${s.settings.join(' ')})` : ''}`);
    if (args.summary !== 'true') console.log(s.sql);
    console.log((args.summary === 'true' ? plan.filter((l) => /Execution Time|Planning Time|^  Buffers: shared|^Fastest/.test(l)) : plan).join('\n'));
  }
}
await db.close();
