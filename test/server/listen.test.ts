// The HTTP listener of main.ts (server/src/listen.ts): an idle keep-alive connection stays open longer
// than the clients and proxies in front of the server keep theirs, so that they, never the server,
// close idle connections. A server that closes one just as a client reuses it resets that request: an
// e2e seed POST failed so (`read ECONNRESET`, server up) under Node's default 5 s (listen.ts says how).
// Clients learn the server's idle timeout from the `Keep-Alive: timeout=N` hint on every answer; undici
// (Node's fetch) stops reusing a connection 2 s before it.
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startConfigFromEnv } from '../../server/src/config.js';
import { listen } from '../../server/src/listen.js';
import { setupTestEnv, type TestEnv } from './helpers.js';

let env: TestEnv;
const servers: Server[] = [];
before(async () => {
  env = await setupTestEnv('listen');
});
after(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  await env?.close();
});

/** The real app served by `listen` on a free loopback port, as main.ts serves it with `keepAliveMs`. */
async function served(keepAliveMs: number): Promise<{ server: Server; origin: string }> {
  let bound!: (info: AddressInfo) => void;
  const listening = new Promise<AddressInfo>((r) => (bound = r));
  const server = listen(env.confab.app.fetch, { port: 0, host: '127.0.0.1', keepAliveMs }, (info) => bound(info));
  servers.push(server);
  return { server, origin: `http://127.0.0.1:${(await listening).port}` };
}

/** The idle timeout, in seconds, that the server's answer tells the client. */
async function keepAliveHint(origin: string, path: string, init?: RequestInit): Promise<string | null> {
  const r = await fetch(origin + path, init);
  await r.arrayBuffer();
  return r.headers.get('keep-alive');
}

describe('keep-alive', () => {
  test('by default an idle connection stays open 65 s, past the 60 s idle timeout of AWS ALB and nginx, and every answer says so', async () => {
    const { keepAliveMs } = startConfigFromEnv({});
    assert.equal(keepAliveMs, 65_000);
    const { server, origin } = await served(keepAliveMs);
    assert.equal(server.keepAliveTimeout, 65_000);
    assert.equal(await keepAliveHint(origin, '/api/health'), 'timeout=65');
    assert.equal(await keepAliveHint(origin, '/api/v1/threads?limit=1'), 'timeout=65');
    // A refused write (no token) keeps the connection open as long.
    assert.equal(await keepAliveHint(origin, '/api/v1/threads', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }), 'timeout=65');
  });

  test('headersTimeout stays above the keep-alive timeout', async () => {
    // As the load-balancer guidance asks; Node's default headersTimeout (60 s) would sit below 65 s.
    const { server } = await served(startConfigFromEnv({}).keepAliveMs);
    assert.ok(server.headersTimeout > server.keepAliveTimeout, `headersTimeout ${server.headersTimeout} > keepAliveTimeout ${server.keepAliveTimeout}`);
  });

  test('CONFAB_KEEP_ALIVE_MS sets it (for a proxy with a longer idle timeout); a value that is not a whole number of ms from 1 s to 1 h is ignored', async () => {
    const keepAliveMs = startConfigFromEnv({ CONFAB_KEEP_ALIVE_MS: '120000' }).keepAliveMs;
    assert.equal(keepAliveMs, 120_000);
    const { origin } = await served(keepAliveMs);
    assert.equal(await keepAliveHint(origin, '/api/health'), 'timeout=120');
    for (const bad of ['abc', '-1', '10.5', '999', '3600001', '']) assert.equal(startConfigFromEnv({ CONFAB_KEEP_ALIVE_MS: bad }).keepAliveMs, 65_000, bad);
  });

  test('the longest keep-alive the setting takes (1 h) still serves: requestTimeout is raised with headersTimeout (Node refuses headersTimeout above it)', async () => {
    for (const value of ['299001', '3600000']) {
      const keepAliveMs = startConfigFromEnv({ CONFAB_KEEP_ALIVE_MS: value }).keepAliveMs;
      const { origin, server } = await served(keepAliveMs);
      assert.equal(await keepAliveHint(origin, '/api/health'), `timeout=${Math.floor(keepAliveMs / 1000)}`);
      assert.ok(server.requestTimeout >= server.headersTimeout, `requestTimeout ${server.requestTimeout} >= headersTimeout ${server.headersTimeout}`);
    }
  });
});
