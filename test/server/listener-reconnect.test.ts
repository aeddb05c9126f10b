// Live updates survive a lost LISTEN connection (server/src/pg-listener.ts). On PostgreSQL, with real
// connections: the listener's backend is terminated with pg_terminate_backend, and a database that is
// away for a while is a TCP relay whose port is closed and opened again. On PGlite, LISTEN is
// in-process (there is no connection to lose): only what /api/health reports is checked there.
import assert from 'node:assert/strict';
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createPgListener } from '../../server/src/pg-listener.js';
import { call, ORIGIN, PEOPLE, setupTestEnv, streamText, type TestEnv } from './helpers.js';

let env: TestEnv;
before(async () => {
  env = await setupTestEnv('listener');
});
after(async () => {
  await env?.close();
});

async function health() {
  const r = await env.confab.app.request(ORIGIN + '/api/health');
  assert.equal(r.status, 200);
  return (await r.json()) as { ok: boolean; listener: { state: string; drops: number; lastDropAt: string | null; lastError: string | null } };
}

/** An SSE response read as text; `ended` resolves with everything read once the server ends the stream. */
async function openSse(path: string) {
  const ac = new AbortController();
  const res = await env.confab.app.request(ORIGIN + path, { signal: ac.signal });
  assert.equal(res.status, 200);
  const s = streamText(res.body!, 15_000);
  await s.until((b) => b.includes(': connected'));
  let done = false;
  return {
    until: s.until,
    /** Resolves when the body ends; rejects after `ms`. */
    ended: async (ms: number) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the stream did not end; got: ${s.text}`)), ms)));
      // Reads on until the body is done: `until` returns at the end of the stream.
      const ended = s.until(() => done, ms + 1000);
      ended.catch(() => {});
      try {
        return await Promise.race([ended, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    close: async () => {
      done = true;
      ac.abort();
      await s.reader.cancel().catch(() => {});
    },
  };
}

describe('the LISTEN connection', () => {
  test('health reports its state', async () => {
    const h = await health();
    assert.equal(h.ok, true);
    if (!env.url) {
      assert.deepEqual(h.listener, { state: 'in-process', drops: 0, lastDropAt: null, lastError: null });
      return;
    }
    // The app starts listening as it is built (bus.start(), not awaited there).
    await env.confab.bus.start();
    assert.equal(h.listener.state === 'idle' || h.listener.state === 'listening', true);
    const now = await health();
    assert.equal(now.listener.state, 'listening');
    assert.equal(now.listener.drops, 0);
  });

  // Registered on PostgreSQL only (PGlite's LISTEN is in-process, nothing to terminate).
  if (process.env.DATABASE_URL)
  test('PostgreSQL: after its backend is terminated, it reconnects, the open streams end (so clients catch up), and new events arrive again', { timeout: 60_000 }, async () => {
    const events = await openSse('/api/v1/events');
    const ticket = await call(env, 'createLiveTicket', { as: PEOPLE.ben });
    const bell = await openSse(`/api/v1/notifications/events?ticket=${encodeURIComponent(ticket.body.ticket)}`);
    try {
      const channel = env.confab.config.channel;
      const killed = await env.db.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'LISTEN %' AND position($1 in query) > 0`,
        [channel],
      );
      assert.equal(killed.rows.length, 1, 'one LISTEN connection for this app');
      await env.db.query('SELECT pg_terminate_backend($1)', [killed.rows[0]!.pid]);
      // Both streams end once the listener is back: the events of the gap reached neither them nor
      // the replay memory, so their clients reconnect rather than look live while missing some.
      await events.ended(20_000);
      await bell.ended(20_000);
      const h = await health();
      assert.equal(h.listener.state, 'listening');
      assert.equal(h.listener.drops, 1);
      assert.ok(h.listener.lastDropAt && h.listener.lastError, JSON.stringify(h.listener));
      const again = await env.db.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %' AND position($1 in query) > 0`,
        [channel],
      );
      assert.equal(again.rows.length, 1);
      assert.notEqual(again.rows[0]!.pid, killed.rows[0]!.pid);
    } finally {
      await events.close();
      await bell.close();
    }
    // A stream opened now hears a thread created through this process.
    const s = await openSse('/api/v1/events');
    try {
      const t = await call(env, 'createThread', { as: PEOPLE.ben, body: { title: 'After the reconnect', body: 'b', category: 'mdf' } });
      await s.until((b) => b.includes(t.body.id), 15_000);
    } finally {
      await s.close();
    }
  });
});

/** A TCP relay to PostgreSQL whose port can be closed (connections refused) and opened again. */
async function relay(target: URL) {
  let server: Server | null = null;
  const sockets = new Set<Socket>();
  let port = 0;
  const open = async () => {
    server = createServer((inbound) => {
      const outbound = connect(Number(target.port || 5432), target.hostname);
      for (const s of [inbound, outbound]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => {});
      }
      inbound.pipe(outbound).pipe(inbound);
    });
    await new Promise<void>((r) => server!.listen(port, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  };
  const shut = async () => {
    const s = server!;
    server = null;
    const closed = new Promise((r) => s.close(r));
    for (const sock of sockets) sock.destroy();
    await closed;
  };
  await open();
  return { open, shut, url: () => Object.assign(new URL(target.href), { port: String(port), hostname: '127.0.0.1' }).href };
}

// Registered on PostgreSQL only, as above.
if (process.env.DATABASE_URL)
describe('a database that is away for a while', () => {
  test('PostgreSQL: the listener keeps trying while the port is closed, and listens on every channel again once it opens', { timeout: 60_000 }, async () => {
    const pg = (await import('pg')).default;
    const r = await relay(new URL(env.url!));
    const listener = createPgListener(() => new pg.Client({ connectionString: r.url() }), { minDelayMs: 50, maxDelayMs: 200 });
    const got: string[] = [];
    let gaps = 0;
    listener.onGap(() => gaps++);
    try {
      await listener.listen('confab_relay_a', (p) => got.push(`a:${p}`));
      await listener.listen('confab_relay_b', (p) => got.push(`b:${p}`));
      await env.db.notify('confab_relay_a', '1');
      await waitFor(() => got.includes('a:1'));
      await r.shut();
      await waitFor(() => listener.health().state === 'reconnecting');
      // Several attempts fail against the closed port (the relay stays shut until the error shows).
      await waitFor(() => /ECONNREFUSED/.test(listener.health().lastError ?? ''));
      await new Promise((res) => setTimeout(res, 500));
      assert.equal(listener.health().state, 'reconnecting');
      assert.equal(gaps, 0);
      await r.open();
      await waitFor(() => listener.health().state === 'listening');
      assert.equal(gaps, 1);
      assert.equal(listener.health().drops, 1);
      await env.db.notify('confab_relay_a', '2');
      await env.db.notify('confab_relay_b', '3');
      await waitFor(() => got.includes('a:2') && got.includes('b:3'));
    } finally {
      await listener.close();
      await r.shut().catch(() => {});
    }
  });
});

/** Polls `pred` every 20 ms; fails after 15 s. */
async function waitFor(pred: () => boolean) {
  for (let i = 0; i < 750; i++) {
    if (pred()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail('condition not met within 15 s');
}
