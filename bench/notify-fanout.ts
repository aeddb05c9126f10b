// Issue 13: a reply in a thread with 10,000 followers must cost the reply request no more than one
// in a thread nobody follows, because the fan-out happens in the outbox worker, not in the request.
// Prints the reply latency (median and p95 of --replies requests, in-process through app.request)
// with 0 and with 10,000 followers, then how long the worker takes to fan one reply out to them.
//
//   node --import tsx bench/notify-fanout.ts [--followers=10000] [--replies=40]
//   PGlite by default; PostgreSQL when DATABASE_URL is set (in a throwaway schema).
import { randomBytes } from 'node:crypto';
import { createApp } from '../server/src/app.js';
import { hs256Auth } from '../server/src/auth.js';
import { createDb } from '../server/src/db.js';
import { migrate } from '../server/src/migrate.js';
import { seed } from '../server/src/seed.js';

const arg = (n: string, d: number) => Number(process.argv.find((a) => a.startsWith(`--${n}=`))?.split('=')[1] ?? d);
const FOLLOWERS = arg('followers', 10_000);
const REPLIES = arg('replies', 40);

const url = process.env.DATABASE_URL;
const schema = url ? `bench_notify_${randomBytes(4).toString('hex')}` : undefined;
const db = await createDb(url ? { url, schema } : {});
await migrate(db);
await db.transaction((tx) => seed(tx));
const auth = hs256Auth('bench-secret', true);
const confab = createApp({ db, auth, config: { rateLimit: { max: 1e9, windowMs: 60_000 }, channel: `bench_${schema ?? 'mem'}` } });
const token = (id: string) => auth.sign!({ id, name: id, org: 'org-bench', tier: 'gold', roles: ['technical'] });
const [author, replier] = [await token('p-bench-author'), await token('p-bench-replier')];

async function req(method: string, path: string, tok: string, body: unknown) {
  const res = await confab.app.request('http://bench.test/api' + path, {
    method, headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<{ id: string }>;
}

const newThread = (title: string) => req('POST', '/v1/threads', author, { title, body: 'Benchmark thread', category: 'bench' });

async function replyTimes(threadId: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < REPLIES + 5; i++) {
    const t0 = performance.now();
    await req('POST', `/v1/threads/${threadId}/posts`, replier, { body: `reply ${i}` });
    if (i >= 5) times.push(performance.now() - t0); // the first few warm up
  }
  // The worker is not running: clear what the replies queued so the next run starts from the same state.
  await db.query(`DELETE FROM outbox`);
  return times;
}
const stat = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p95: s[Math.floor(s.length * 0.95)] };
};

const quiet = await newThread('Nobody follows this one');
await db.query(`DELETE FROM follows WHERE target_id = $1`, [quiet.id]);
const busy = await newThread('Ten thousand followers');
await db.query(
  `INSERT INTO people (id, name) SELECT 'p-follower-' || g, 'Follower ' || g FROM generate_series(1, $1::int) g ON CONFLICT DO NOTHING`,
  [FOLLOWERS],
);
await db.query(`INSERT INTO follows (person_id, kind, target_id, level) SELECT 'p-follower-' || g, 'thread', $2, 'watching' FROM generate_series(1, $1::int) g`, [FOLLOWERS, busy.id]);
await db.query(`DELETE FROM outbox`);

const q0 = stat(await replyTimes(quiet.id));
const q1 = stat(await replyTimes(busy.id));
// One more reply, then the worker's fan-out of it.
await req('POST', `/v1/threads/${busy.id}/posts`, replier, { body: 'fan me out' });
const t0 = performance.now();
await confab.notifier.drain();
const fanMs = performance.now() - t0;
const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM notifications WHERE excerpt = 'fan me out'`);

const f = (n: number) => n.toFixed(1).padStart(7);
console.log(`database: ${db.kind}; ${REPLIES} replies per case (after 5 warm-up)`);
console.log(`reply latency, 0 followers:        median ${f(q0.median)} ms   p95 ${f(q0.p95)} ms`);
console.log(`reply latency, ${FOLLOWERS} followers:   median ${f(q1.median)} ms   p95 ${f(q1.p95)} ms`);
console.log(`worker fan-out of one reply: ${Number(rows[0].n)} notifications in ${fanMs.toFixed(0)} ms`);

await confab.close();
if (url && schema) await db.query(`DROP SCHEMA ${schema} CASCADE`);
await db.close();
