// A fake REST backend inside the test runner's dev server, under /fake/. Tests script it through
// /fake/__control (set responses, read the request log) so that they exercise real fetch + ky.
const state = { routes: new Map(), log: [] };

function send(ctx, { status = 200, headers = {}, body = '', delay = 0 }) {
  return new Promise((resolve) =>
    setTimeout(() => {
      ctx.status = status;
      // The dev server caches anything with a file extension for a year; a fake API must not be cached.
      ctx.set('cache-control', 'no-store');
      for (const [k, v] of Object.entries(headers)) ctx.set(k, v);
      ctx.body = typeof body === 'string' ? body : JSON.stringify(body);
      if (!headers['content-type'] && typeof body !== 'string') ctx.type = 'application/json';
      resolve();
    }, delay),
  );
}

async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

export function fakeRest() {
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/fake/')) return next();
    if (ctx.path === '/fake/__control') {
      const cmd = JSON.parse(await readBody(ctx.req));
      if (cmd.reset) { state.routes.clear(); state.log = []; }
      // A route answers with its responses in order; the last one repeats.
      for (const r of cmd.routes ?? []) state.routes.set(`${r.method ?? 'GET'} ${r.path}`, { responses: r.responses, n: 0 });
      ctx.type = 'application/json';
      ctx.body = JSON.stringify({ log: state.log });
      return;
    }
    const path = ctx.path.slice('/fake'.length);
    const body = ctx.method === 'GET' ? '' : await readBody(ctx.req);
    state.log.push({ method: ctx.method, path, query: ctx.querystring, headers: ctx.headers, body, at: Date.now() });
    const route = state.routes.get(`${ctx.method} ${path}`);
    if (!route) return send(ctx, { status: 404, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify({ title: 'Not Found', status: 404, detail: `no fake route for ${ctx.method} ${path}` }) });
    const res = route.responses[Math.min(route.n, route.responses.length - 1)];
    route.n++;
    return send(ctx, res);
  };
}
