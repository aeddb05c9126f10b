// Two server processes sharing one PostgreSQL: an event posted through one arrives over SSE from the
// other (LISTEN/NOTIFY fan-out). Registered only when DATABASE_URL is set.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import * as v from 'valibot';
import { LiveEvent } from '../../src/contract/index.js';
import { hs256Auth } from '../../server/src/auth.js';
import { SECRET, streamText } from './helpers.js';

const DATABASE_URL = process.env.DATABASE_URL;
const MAIN = fileURLToPath(new URL('../../server/src/main.ts', import.meta.url));

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as any).port;
  await new Promise((r) => s.close(r));
  return port;
}

function start(port: number, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], { env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server on ${port} did not start:\n${out}`)), 60_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (/ready in/.test(out)) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${port}` });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}

async function sse(url: string) {
  const ac = new AbortController();
  const res = await fetch(url + '/api/v1/events', { signal: ac.signal });
  assert.equal(res.status, 200);
  const { until } = streamText(res.body!, 10_000);
  return { until, close: () => ac.abort() };
}

if (DATABASE_URL) {
  describe('two server processes sharing one PostgreSQL', () => {
    const schema = `mp_${randomBytes(4).toString('hex')}`;
    const children: ChildProcess[] = [];
    after(async () => {
      for (const c of children) {
        if (c.exitCode === null) {
          const exited = new Promise((r) => c.once('exit', r));
          c.kill('SIGTERM');
          await exited;
        }
      }
      const pg = (await import('pg')).default;
      const cl = new pg.Client({ connectionString: DATABASE_URL });
      await cl.connect();
      await cl.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await cl.end();
    });

    test('an event posted through one process arrives over SSE from both', { timeout: 120_000 }, async () => {
      const env = {
        DATABASE_URL, CONFAB_DB_SCHEMA: schema, CONFAB_JWT_SECRET: SECRET, CONFAB_EVENTS_CHANNEL: `confab_${schema}`, NODE_ENV: 'test',
      };
      const [pa, pb] = [await freePort(), await freePort()];
      const a = await start(pa, env);
      children.push(a.child);
      const b = await start(pb, env);
      children.push(b.child);
      const sb = await sse(b.url);
      const sa = await sse(a.url);
      try {
        await sb.until((x) => x.includes(': connected'));
        await sa.until((x) => x.includes(': connected'));
        const token = await hs256Auth(SECRET).sign!({ id: 'p-ava', name: 'Ava Lindqvist', org: 'org-northwind', tier: 'platinum', roles: ['technical'] });
        const r = await fetch(a.url + '/api/v1/threads', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ title: 'Posted through process A', body: 'Hello from A', category: 'announcements' }),
        });
        assert.equal(r.status, 200);
        const t = await r.json();
        for (const s of [sb, sa]) {
          const text = await s.until((x) => x.includes(t.id));
          const block = text.split('\n\n').find((blk) => blk.includes(t.id))!;
          assert.match(block, /^event: thread\.created$/m);
          const data = JSON.parse(/^data: (.+)$/m.exec(block)![1]);
          v.parse(LiveEvent, data);
          assert.equal(data.id, t.id);
        }
        // and the other way round, through B to A
        const r2 = await fetch(b.url + '/api/v1/questions', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ title: 'Asked through process B', body: 'Hello from B', category: 'technical' }),
        });
        const q = await r2.json();
        await sa.until((x) => x.includes(q.id));
      } finally {
        sa.close();
        sb.close();
      }
    });
  });
}
