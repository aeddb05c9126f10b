// Exactly-once delivery with several server PROCESSES (issue 13): two child processes
// (`node --import tsx`, test/server/processes/notify-workers.ts) run the app's outbox worker and
// delivery worker against one PostgreSQL schema and one outbox, started at the same instant. Every
// notification is written once, every webhook reaches the receiver once, and both processes took a
// share of the work. PostgreSQL only (FOR UPDATE SKIP LOCKED across connections of separate
// processes): registered only when DATABASE_URL is set.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { PEOPLE, call, setupTestEnv, webhookReceiver, type TestEnv } from './helpers.js';

const WORKER = fileURLToPath(new URL('./processes/notify-workers.ts', import.meta.url));
const REPLIES = 24;

/** Starts one worker process and resolves once it has connected and said `ready`. */
function startWorker(env: TestEnv): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: { ...process.env, DATABASE_URL: env.url!, CONFAB_DB_SCHEMA: env.schema!, NODE_ENV: 'test' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${out}`)), 60_000);
    child.stdout!.on('data', () => {
      if (/^ready$/m.test(out)) {
        clearTimeout(timer);
        resolve({ child, output: () => out });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code}:\n${out}`));
    });
  });
}

async function stopWorker(w: { child: ChildProcess; output: () => string }): Promise<number> {
  if (w.child.exitCode === null) {
    const exited = new Promise((r) => w.child.once('exit', r));
    w.child.kill('SIGTERM');
    await exited;
  }
  const m = /^sent (\d+)$/m.exec(w.output());
  assert.ok(m, `the worker reported what it sent:\n${w.output()}`);
  return Number(m[1]);
}

if (process.env.DATABASE_URL) {
  describe('two worker processes on one PostgreSQL outbox (PostgreSQL only)', () => {
    let env: TestEnv;
    let receiver: Awaited<ReturnType<typeof webhookReceiver>>;

    before(async () => {
      env = await setupTestEnv('multiprocess-outbox');
      receiver = await webhookReceiver();
    });
    after(async () => {
      await receiver?.close();
      await env?.close();
    });

    test('every notification and every webhook exactly once, with both processes taking jobs (PostgreSQL only)', { timeout: 180_000 }, async () => {
      const hook = (await call(env, 'createWebhook', { as: PEOPLE.victor, body: { url: receiver.base + '/mp', events: ['thread.created', 'post.created'] } })).body;
      const thread = (await call(env, 'createThread', { as: PEOPLE.ava, body: { title: 'Raced by two processes', body: 'x', category: 'deals' } })).body;
      for (let i = 0; i < REPLIES; i++) {
        assert.equal((await call(env, 'replyToThread', { as: PEOPLE.ben, params: { id: thread.id }, body: { body: `reply ${i}` } })).status, 200);
      }
      // All jobs wait in the outbox; nothing in this process runs a worker.
      const pending = await env.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE status = 'pending'`);
      assert.ok(pending.rows[0]!.n >= REPLIES + 1);

      const workers = [await startWorker(env), await startWorker(env)];
      for (const w of workers) w.child.stdin!.write('go\n');
      const deadline = Date.now() + 120_000;
      for (;;) {
        const { rows } = await env.db.query<{ outbox: number; deliveries: number }>(
          `SELECT (SELECT count(*)::int FROM outbox WHERE status <> 'done') AS outbox,
                  (SELECT count(*)::int FROM deliveries WHERE channel = 'webhook' AND status <> 'delivered') AS deliveries`,
        );
        if (rows[0]!.outbox === 0 && rows[0]!.deliveries === 0) break;
        assert.ok(Date.now() < deadline, `still to do: ${JSON.stringify(rows[0])}\n${workers.map((w) => w.output()).join('\n')}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const sent = await Promise.all(workers.map(stopWorker));

      // Webhooks: one per event (the thread and each reply), each received once.
      const webhookIds = receiver.received.map((r) => String(r.headers['webhook-id']));
      assert.equal(webhookIds.length, REPLIES + 1, `received ${webhookIds.length}`);
      assert.equal(new Set(webhookIds).size, REPLIES + 1);
      assert.equal(sent[0]! + sent[1]!, REPLIES + 1);
      assert.ok(sent.every((n) => n > 0), `both processes sent webhooks: ${sent}`);
      // Each delivery claimed once: one attempt each, none sent twice.
      const log = await env.db.query<{ status: string; attempts: number; n: number }>(
        `SELECT status, attempts, count(*)::int AS n FROM deliveries WHERE channel = 'webhook' AND recipient = $1 GROUP BY status, attempts`,
        [hook.id],
      );
      assert.deepEqual(log.rows, [{ status: 'delivered', attempts: 1, n: REPLIES + 1 }]);

      // Notifications: Ava follows her thread and gets one per reply; Ben, the actor, none.
      const { rows } = await env.db.query<{ recipient_id: string; n: number }>(
        `SELECT recipient_id, count(*)::int AS n FROM notifications WHERE type = 'reply' AND target_id = $1 GROUP BY recipient_id`,
        [thread.id],
      );
      assert.deepEqual(rows, [{ recipient_id: PEOPLE.ava.id, n: REPLIES }]);
    });
  });
}
