// Serves the app over HTTP/1.1 on Node (main.ts; test/server/listen.test.ts), with idle keep-alive
// connections kept open longer than the clients and proxies in front of the server keep theirs.
//
// Why: a client that reuses an idle keep-alive connection just as the server closes it has its request
// reset (ECONNRESET) before the server read it, and a POST cannot simply be sent again. Whoever closes
// idle connections first must be the client. With Node's default keepAliveTimeout (5 s), Node's own
// fetch (undici 6) stops reusing a connection after 3 s (the `Keep-Alive: timeout=5` hint less its 2 s
// margin). That 2 s margin was not enough on a busy 2-core CI machine: a server process kept from the
// CPU for over 2 s while it was running JavaScript passed its 5 s deadline before it next read its
// sockets, so the timer closed a connection whose new request had already arrived (an e2e seed POST
// failed with `read ECONNRESET` while the server stayed up; reproduced under CPU pressure, and every
// time by stopping the busy server with SIGSTOP across the deadline: bench/server/keep-alive-race.mjs). A longer keep-alive makes such a late close need an idle gap of over a
// minute, which a client's pool rarely leaves, and puts the server above the idle timeouts of the
// proxies commonly in front of it (AWS ALB and nginx: 60 s), as their guidance asks.
// headersTimeout stays above keepAliveTimeout, as that guidance asks too (Node's default is 60 s).
// Node refuses a headersTimeout above requestTimeout (default 300 s), so a keep-alive set near or past
// 5 minutes raises requestTimeout with it instead of failing the server's start.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

export interface ListenOptions {
  port: number;
  host: string;
  keepAliveMs: number;
}

/** Node's own default: the longest a request may take to arrive whole. */
const REQUEST_TIMEOUT_MS = 300_000;

type FetchHandler = (request: Request) => Response | Promise<Response>;

/** Starts listening; `onListening` gets the bound address (port 0 picks a free one). */
export function listen(fetch: FetchHandler, o: ListenOptions, onListening?: (info: AddressInfo) => void): Server {
  return serve(
    {
      fetch,
      port: o.port,
      hostname: o.host,
      createServer,
      serverOptions: {
        keepAliveTimeout: o.keepAliveMs,
        headersTimeout: o.keepAliveMs + 1_000,
        requestTimeout: Math.max(REQUEST_TIMEOUT_MS, o.keepAliveMs + 1_000),
      },
    },
    onListening,
  ) as Server;
}
