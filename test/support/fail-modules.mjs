// Lets a browser test make a module of the source tree fail to load, as a lazy chunk does when the
// network drops or a deploy removed it. `POST /__fail-module?path=/src/...` arms it (the path with or
// without its .js/.ts extension), `DELETE` disarms it. Armed modules answer 503 until disarmed.
//
// Armed for the arming test file only: web-test-runner runs several files at once, each in a browser
// context of its own, and a module armed for one file must still load for the others (a cert-badge
// file loading the verifier chunk while another file has it failing). The first arming request of a
// context gets a cookie naming a namespace of its own; the context's later requests (module loads
// included: same-origin, so they carry it) are matched against that namespace only.
import { randomUUID } from 'node:crypto';

const COOKIE = 'confab-fail-modules';
const stem = (path) => path.replace(/\.(js|ts)$/, '');

export function failModules() {
  /** namespace (one per browser context) -> armed module paths */
  const failing = new Map();
  return async (ctx, next) => {
    if (ctx.path === '/__fail-module') {
      let ns = ctx.cookies.get(COOKIE);
      if (!ns) {
        ns = randomUUID();
        ctx.cookies.set(COOKIE, ns, { httpOnly: false, sameSite: 'strict', path: '/' });
      }
      const path = stem(String(ctx.query.path ?? ''));
      const armed = failing.get(ns) ?? new Set();
      if (ctx.method === 'POST') armed.add(path);
      else if (ctx.method === 'DELETE') armed.delete(path);
      if (armed.size) failing.set(ns, armed);
      else failing.delete(ns);
      ctx.status = 204;
      return;
    }
    const armed = failing.size ? failing.get(ctx.cookies.get(COOKIE) ?? '') : undefined;
    if (armed?.has(stem(ctx.path))) {
      ctx.status = 503;
      ctx.set('cache-control', 'no-store');
      ctx.body = 'unavailable';
      return;
    }
    return next();
  };
}
