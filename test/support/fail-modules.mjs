// Lets a browser test make a module of the source tree fail to load, as a lazy chunk does when the
// network drops or a deploy removed it. `POST /__fail-module?path=/src/...` arms it (the path with or
// without its .js/.ts extension), `DELETE` disarms it. Armed modules answer 503 until disarmed.
const stem = (path) => path.replace(/\.(js|ts)$/, '');

export function failModules() {
  const failing = new Set();
  return async (ctx, next) => {
    if (ctx.path === '/__fail-module') {
      const path = stem(String(ctx.query.path ?? ''));
      if (ctx.method === 'POST') failing.add(path);
      else if (ctx.method === 'DELETE') failing.delete(path);
      ctx.status = 204;
      return;
    }
    if (failing.size && failing.has(stem(ctx.path))) {
      ctx.status = 503;
      ctx.set('cache-control', 'no-store');
      ctx.body = 'unavailable';
      return;
    }
    return next();
  };
}
