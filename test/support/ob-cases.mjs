// The shared table of Open Badges 2.0 verification cases (test/fixtures/openbadges/cases.json), served
// as documents by the same code for both runners: the browser's (web-test-runner middleware) and the
// server's (a node:http issuer). Each case lives under /ob-cases/<case>/<document>, on two hosts of the
// same port: "origin" is http://localhost:<port>, "other" http://127.0.0.1:<port> (a second host, for the
// forged-issuer case). Placeholders in the table: {{origin}} {{other}} {{host}} {{otherHost}} {{port}}
// {{case}} and {{base}} (= {{origin}}/ob-cases/{{case}}).
import { readFileSync } from 'node:fs';

const table = JSON.parse(readFileSync(new URL('../fixtures/openbadges/cases.json', import.meta.url), 'utf8'));
const clone = (x) => JSON.parse(JSON.stringify(x));
const isPlainObject = (x) => typeof x === 'object' && x !== null && !Array.isArray(x);

/** `{ "$from": "badge", ...patch }` starts from a base document; `{ "$replace": doc }` is doc as it is. */
function materialize(value) {
  if (!isPlainObject(value)) return clone(value);
  if ('$replace' in value) return clone(value.$replace);
  if ('$from' in value) {
    const { $from, ...patch } = value;
    return mergePatch(clone(table.base[$from]), patch);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, materialize(v)]));
}

/** RFC 7396 merge patch: null removes a key, objects merge, anything else replaces. */
function mergePatch(target, patch) {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete target[k];
    else if (isPlainObject(v) && !('$from' in v) && !('$replace' in v) && isPlainObject(target[k])) target[k] = mergePatch(target[k], v);
    else target[k] = materialize(v);
  }
  return target;
}

const fill = (x, vars) => JSON.parse(JSON.stringify(x).replace(/\{\{(\w+)\}\}/g, (m, k) => (k in vars ? vars[k] : m)));

function varsFor(name, port) {
  const origin = `http://localhost:${port}`;
  const slug = encodeURIComponent(name);
  return {
    origin, other: `http://127.0.0.1:${port}`, host: `localhost:${port}`, otherHost: `127.0.0.1:${port}`, port: String(port),
    case: slug, base: `${origin}/ob-cases/${slug}`,
  };
}

/** The cases as a runner needs them: the URL to verify, the identity to check, the expected verdict. */
export function obCases(port) {
  return table.cases.map((c) => {
    const vars = varsFor(c.name, port);
    return { name: c.name, source: c.source, what: c.what, url: fill(c.verify ?? '{{base}}/assertion', vars), identity: c.identity, expect: c.expect };
  });
}

/** The response for a path under /ob-cases/, or null when the path is not one. */
export function obCaseResponse(path, port) {
  const m = /^\/ob-cases\/([^/]+)\/([^/]+)$/.exec(path);
  if (!m) return null;
  const name = decodeURIComponent(m[1]);
  const c = table.cases.find((x) => x.name === name);
  if (!c) return null;
  const vars = varsFor(name, port);
  const doc = m[2];
  const redirect = c.redirect?.[doc];
  if (redirect) {
    // A document name of the same case, or an absolute URL (placeholders filled), e.g. on the other host.
    const to = fill(redirect, vars);
    return { status: 302, headers: { location: /^https?:\/\//.test(to) ? to : `${vars.base}/${to}` }, body: '' };
  }
  const patch = c.documents?.[doc];
  let json;
  if (patch === null) json = undefined;
  else if (isPlainObject(patch) && ('$replace' in patch || '$from' in patch)) json = materialize(patch);
  else if (doc in table.base) json = mergePatch(clone(table.base[doc]), patch ?? {});
  else if (patch !== undefined) json = materialize(patch);
  if (json === undefined) return { status: 404, headers: { 'content-type': 'application/json' }, body: '{"error":"no such document"}' };
  return { status: c.status?.[doc] ?? 200, headers: { 'content-type': 'application/ld+json' }, body: JSON.stringify(fill(json, vars)) };
}

/** web-test-runner middleware: the documents, and GET /ob-cases/__table for the browser runner. */
export function obCasesMiddleware() {
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/ob-cases/')) return next();
    const port = Number(ctx.URL.port);
    ctx.set('Access-Control-Allow-Origin', '*');
    if (ctx.path === '/ob-cases/__table') {
      ctx.type = 'application/json';
      ctx.body = JSON.stringify(obCases(port));
      return;
    }
    const r = obCaseResponse(ctx.path, port);
    if (!r) return next();
    ctx.status = r.status;
    for (const [k, v] of Object.entries(r.headers)) ctx.set(k, v);
    ctx.body = r.body;
  };
}
