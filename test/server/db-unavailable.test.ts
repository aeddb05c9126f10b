// A database that does not answer is a 503 with Retry-After, /api/health included (503 {ok:false}),
// not a generic 500. The database is a real closed port on 127.0.0.1 (node-postgres gets ECONNREFUSED),
// so this runs the same in both runs of the suite: on PGlite there is nothing to take down (it is in
// the process), and the app here speaks to PostgreSQL's wire protocol at that port either way. On
// PostgreSQL, a real terminated connection's error (SQLSTATE 57P01) is checked too.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createApp, type ConfabApp } from '../../server/src/app.js';
import { hs256Auth } from '../../server/src/auth.js';
import { createDb, type Db } from '../../server/src/db.js';
import { isDatabaseUnavailable } from '../../server/src/db-unavailable.js';
import { consoleLines, expectProblem, ORIGIN, PEOPLE, SECRET } from './helpers.js';

let db: Db;
let confab: ConfabApp;
before(async () => {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  db = await createDb({ url: `postgres://confab:confab@127.0.0.1:${port}/confab_gone` });
  const auth = hs256Auth(SECRET, true);
  // createApp starts listening for live events at once; that first attempt fails and is logged.
  await consoleLines('error', async () => {
    confab = createApp({ db, auth, config: { channel: 'confab_gone', publicUrl: ORIGIN } });
    await confab.bus.start().catch(() => {});
  });
});
after(async () => {
  await confab?.close();
  await db?.close();
});

const get = (path: string, headers: Record<string, string> = {}) => confab.app.request(ORIGIN + path, { headers });

describe('the database is down', () => {
  test('/api/health answers 503 {ok:false} with Retry-After', async () => {
    const res = await get('/api/health');
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '5');
    const body = await res.json();
    assert.equal(body.ok, false);
    assert.equal(body.db, 'pg');
    assert.equal(body.listener.state, 'idle');
    assert.match(body.listener.lastError, /ECONNREFUSED/);
  });

  test('reads, writes and the live stream answer 503 problem+json with Retry-After, and log one line each', async () => {
    const token = await hs256Auth(SECRET).sign!({ id: PEOPLE.ben.id, name: PEOPLE.ben.name });
    const lines = await consoleLines('error', async () => {
      for (const [path, init] of [
        ['/api/v1/threads?limit=1', {}],
        ['/api/v1/threads', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ title: 'While down', body: 'b', category: 'mdf' }) }],
        ['/api/v1/events', {}],
      ] as const) {
        const res = await confab.app.request(ORIGIN + path, init);
        assert.equal(res.headers.get('retry-after'), '5', path);
        const body = await expectProblem(res, 503);
        assert.match(body.detail, /database/i);
      }
    });
    assert.ok(lines.every((l) => /database unavailable|could not listen|LISTEN/.test(l)), lines.join('\n'));
    assert.ok(lines.every((l) => !/\n\s+at /.test(l)), 'no stack traces for a database that is down');
  });

  test('what counts as down: network codes, SQLSTATE class 08, 57P01-57P03, 53300, pg-pool timeouts; not an SQL error', () => {
    for (const code of ['ECONNREFUSED', 'ETIMEDOUT', 'ENOTFOUND', 'ECONNRESET', '08006', '08001', '57P01', '57P02', '57P03', '53300'])
      assert.equal(isDatabaseUnavailable(Object.assign(new Error('x'), { code })), true, code);
    assert.equal(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect')), true);
    assert.equal(isDatabaseUnavailable(new Error('Connection terminated unexpectedly')), true);
    // Node's AggregateError when every address of a host refused.
    assert.equal(isDatabaseUnavailable(new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })], '')), true);
    for (const code of ['42601', '23505', '40P01', '57014', '22P02'])
      assert.equal(isDatabaseUnavailable(Object.assign(new Error('x'), { code })), false, code);
    assert.equal(isDatabaseUnavailable(new Error('relation "x" does not exist')), false);
  });
});

// Registered on PostgreSQL only (PGlite runs in the process: it has no connection to terminate).
if (process.env.DATABASE_URL)
  describe('PostgreSQL: a connection terminated under the server', () => {
    test('its error (57P01 admin_shutdown) counts as down', async () => {
      const pg = (await import('pg')).default;
      const victim = new pg.Client({ connectionString: process.env.DATABASE_URL });
      const killer = new pg.Client({ connectionString: process.env.DATABASE_URL });
      victim.on('error', () => {});
      await victim.connect();
      await killer.connect();
      try {
        const { rows } = await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        // Its failure is taken at once (an unhandled rejection otherwise, when it fails before we await it).
        const running = victim.query('SELECT pg_sleep(30)').then(
          () => assert.fail('the query should have failed'),
          (e: unknown) => e,
        );
        // Wait until the sleep runs on the server, then end that backend.
        for (let i = 0; i < 200; i++) {
          const r = await killer.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND query LIKE 'SELECT pg_sleep%'`, [rows[0]!.pid]);
          if (r.rows.length) break;
          await new Promise((res) => setTimeout(res, 20));
        }
        await killer.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
        const err = await running;
        assert.equal((err as { code?: string }).code, '57P01');
        assert.equal(isDatabaseUnavailable(err), true);
      } finally {
        await victim.end().catch(() => {});
        await killer.end();
      }
    });
  });
