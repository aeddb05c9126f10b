#!/usr/bin/env node
// Serves the Discourse demo offline: demo/ and dist/ from the repository, and the fake Discourse of
// the tests (test/support/fake-discourse.mjs: recorded Discourse payloads, writes kept in memory,
// MessageBus) under /discourse/. After `npm run build`:
//
//   node demo/discourse-serve.mjs [port]    then open http://127.0.0.1:8090/demo/discourse.html
//
// Against a real forum instead, open demo/discourse.html?forum=https://your.forum from any server.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fakeDiscourse } from '../test/support/fake-discourse.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.argv[2]) || 8090;
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
const discourse = fakeDiscourse();

createServer(async (req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`);
  // The middleware speaks Koa's ctx (as in the test runner); this is the part of it that it uses.
  const headers = {};
  const ctx = {
    req, res, path: url.pathname, method: req.method, querystring: url.search.slice(1), headers: req.headers,
    status: 404, body: undefined, set: (k, v) => (headers[k] = v), set type(t) { headers['content-type'] = t; },
  };
  let handled = true;
  await discourse(ctx, async () => (handled = false));
  if (handled) {
    // The fake answers on `res` itself (past Koa's cache headers); anything else it left in ctx.
    if (!res.headersSent) res.writeHead(ctx.status, headers).end(ctx.body);
    return;
  }
  const file = normalize(url.pathname).replace(/^(\.\.[/\\])+/, '');
  if (!/^\/(demo|dist)\//.test(file)) return res.writeHead(404).end();
  try {
    const body = await readFile(root + file.slice(1));
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
}).listen(port, '127.0.0.1', () => console.log(`http://127.0.0.1:${port}/demo/discourse.html`));
