// EXPLAIN (ANALYZE, BUFFERS) of the SQL the questions and search insights run, on the schema that
// bench/server/insights.mjs loaded (bench_insights, kept with --keep). The handlers are called with a
// connection that records each statement; each is then explained with its parameters.
//
//   DATABASE_URL=… node --import tsx bench/server/insights-explain.ts [--days=90] [--summary]
import { createDb, type Queryable } from '../../server/src/db.js';
import { questionMetrics } from '../../server/src/handlers/insights/questions.js';
import { periodOf } from '../../server/src/handlers/insights/range.js';
import { searchInsights } from '../../server/src/handlers/insights/search.js';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')).map(([k, v]) => [k, v ?? 'true']));
const days = Number(args.days ?? 90);
const db = await createDb({ url: process.env.DATABASE_URL!, schema: 'bench_insights' });
const period = periodOf({ from: new Date(Date.now() - (days - 1) * 86_400_000).toISOString().slice(0, 10) });
for (const [name, run] of [['questions', questionMetrics], ['search', searchInsights]] as const) {
  const seen: { sql: string; params: unknown[] }[] = [];
  const recording: Queryable = { query: async (sql, params = []) => { seen.push({ sql, params }); return db.query(sql, params); }, exec: (sql) => db.exec(sql) };
  await run(recording, period); // warm the cache, as the benchmark's warm-up does
  seen.length = 0;
  await run(recording, period);
  for (const s of seen) {
    const { rows } = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params);
    const plan = rows.map((r) => r['QUERY PLAN']);
    console.log(`\n=== ${name} (${days} days): ${s.sql.replace(/\s+/g, ' ').slice(0, 90)}…`);
    console.log((args.summary === 'true' ? plan.filter((l) => /Execution Time|Planning Time|^ {0,2}Buffers: shared/.test(l)) : plan).join('\n'));
  }
}
console.log(`\nload average: ${(await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').trim()}`);
await db.close();
