// One operation's requests as a fast-check arbitrary. Each request is either within the document
// everywhere, or wrong in exactly one part (path id, query, Idempotency-Key, body or caller) while
// the rest is right, so that the wrong part is what the server has to catch: a wrong body sent by a
// moderator to an existing thread must be refused for the body, not for a missing right.
import fc from 'fast-check';
import type { JsonSchema, Operation, Param } from './openapi-operations.js';
import { impossibleDates, invalid, isDate, noise, valid, type Hints, type Wrong } from './schema-arbitraries.js';

export type Caller = { kind: 'anonymous' } | { kind: 'token'; who: string } | { kind: 'bad-token' };

export interface GeneratedRequest {
  method: string;
  /** Path with ids filled in, percent-encoded, under the API base (`/api`). */
  url: string;
  headers: Record<string, string>;
  body?: string;
  caller: Caller;
  /** Why the server must refuse this request; empty when it is within the document. */
  wrong: string[];
}

/** One part of a request, right or wrong, and the reasons it is wrong. */
type Part<T> = { value: T; wrong: readonly string[] };
interface Choices<T> {
  right: fc.Arbitrary<Part<T>>;
  wrong: fc.Arbitrary<Part<T>> | null;
}

const ok = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<Part<T>> => arb.map((value) => ({ value, wrong: [] }));
const bad = <T>(arb: fc.Arbitrary<Wrong>, where: string): fc.Arbitrary<Part<T>> =>
  arb.map((w) => ({ value: w.value as T, wrong: [`${where}: ${w.reason}`] }));

const asText = (x: unknown): string => (typeof x === 'string' ? x : JSON.stringify(x));

/** `/v1/threads/{id}/posts` -> `threads`: the collection whose ids fit the parameter. */
const collectionOf = (path: string, name: string) => new RegExp(`/([\\w-]+)/\\{${name}\\}`).exec(path)?.[1] ?? '';

function pathChoices(op: Operation, p: Param, hints: Hints): Choices<string> {
  const { maxLength = Infinity, minLength = 0 } = p.schema;
  // A URL carries well-formed text only: a cut (fit) may have split a surrogate pair.
  const whole = (x: unknown) => typeof x !== 'string' || !/[\uD800-\uDFFF]/u.test(x);
  const fits = (x: string) => x.length >= minLength && x.length <= maxLength && whole(x);
  const known = hints.pathValues(p.name) ?? hints.idsIn(collectionOf(op.path, p.name));
  // Thousands of random letters where the document allows them (as a value too long in `wrong` where
  // it does not): a raw parameter that reaches an index (a followed tag) must not be a 500.
  const long = maxLength >= 1000 ? [{ weight: 4, arbitrary: noise(1000, 5000) }] : [];
  const right = fc.oneof(
    { weight: 8, arbitrary: known },
    { weight: 1, arbitrary: fc.stringMatching(/^[a-z]{1,3}-[0-9a-f]{1,12}$/) },
    { weight: 2, arbitrary: (valid(p.schema, hints, p.name) as fc.Arbitrary<string>).map(String).filter((x) => x !== '' && !x.includes('\0')) },
    ...long,
  ).filter(fits);
  const nul = hints.ids.map((id) => ({ value: `${id.slice(0, 3)}\u0000${id.slice(3)}`, reason: 'contains U+0000' }));
  const refused = invalid(p.schema, hints, true)?.filter((w) => w.value !== '' && whole(w.value));
  return { right: ok(right), wrong: bad(refused ? fc.oneof(nul, refused) : nul, `path ${p.name}`) };
}

/** Where the body has dates (at any depth, outside arrays): their property paths and schemas. */
export function bodyDates(op: Operation): { path: string[]; schema: JsonSchema }[] {
  const at: { path: string[]; schema: JsonSchema }[] = [];
  const walk = (s: JsonSchema, path: string[]) => {
    for (const [k, p] of Object.entries(s.properties ?? {})) {
      if (isDate(p)) at.push({ path: [...path, k], schema: p });
      else if (p.type === 'object') walk(p, [...path, k]);
    }
  };
  if (op.body) walk(op.body, []);
  return at;
}

/**
 * A right body with one date that does not exist but is well formed (Feb 30, Apr 31), the kind a regex
 * lets through to the database. Its own way for a request to be wrong beside the body's others, so
 * that it comes often enough with the rest of the body right (a suspension needs its target and
 * action right to reach its date); null for a body without dates.
 */
function impossibleDateBodies(op: Operation, hints: Hints): fc.Arbitrary<Part<{ text: string; type: string }>> | null {
  const at = bodyDates(op);
  if (!at.length) return null;
  return fc.tuple(valid(op.body!, hints), fc.constantFrom(...at)).chain(([body, { path, schema }]) =>
    impossibleDates(schema, true).map((w) => {
      const copy = structuredClone(body) as Record<string, unknown>;
      let o = copy;
      for (const k of path.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
      o[path[path.length - 1]] = w.value;
      return { value: json(copy), wrong: [`body ${path.join('.')}: ${w.reason}`] };
    }),
  );
}

/** The query as name -> text values (absent optional ones left out); the wrong one has one bad or missing parameter. */
function queryChoices(params: Param[], hints: Hints): Choices<Record<string, string[]>> {
  const rightOf = (p: Param): fc.Arbitrary<string[] | undefined> => {
    const present = valid(p.schema, hints, p.name).map((x) => [x].flat().map(asText));
    return p.required ? present : fc.option(present, { nil: undefined, freq: 3 });
  };
  const assemble = (values: (string[] | undefined)[]) => {
    const out: Record<string, string[]> = {};
    values.forEach((v, i) => {
      if (v !== undefined) out[params[i].name] = v;
    });
    return out;
  };
  const right = ok(fc.tuple(...params.map(rightOf)).map(assemble));
  const wrongs = params.flatMap((p, i) => {
    const values = invalid(p.schema, hints, true);
    const ways: fc.Arbitrary<Part<string[] | undefined>>[] = [];
    if (values) ways.push(bad<unknown>(values, `query ${p.name}`).map((w) => ({ ...w, value: [asText(w.value)] })));
    if (p.required) ways.push(fc.constant({ value: undefined, wrong: [`query ${p.name}: required but missing`] }));
    return ways.map((way) =>
      fc.tuple(fc.tuple(...params.map(rightOf)), way).map(([values, w]) => ({ value: assemble(values.map((v, j) => (j === i ? w.value : v))), wrong: w.wrong })),
    );
  });
  return { right, wrong: wrongs.length ? fc.oneof(...wrongs) : null };
}

const json = (x: unknown) => ({ text: JSON.stringify(x), type: 'application/json' });

/** The body as sent: JSON text with its content type; the wrong one may also not be JSON at all. */
function bodyChoices(op: Operation, hints: Hints): Choices<{ text: string; type: string } | undefined> {
  const schema = op.body!;
  const values = invalid(schema, hints);
  const ways: fc.Arbitrary<Part<{ text: string; type: string }>>[] = [
    fc.constantFrom(
      { value: { text: '{"unfinished": ', type: 'application/json' }, wrong: ['body: not JSON'] },
      { value: { text: '', type: 'application/json' }, wrong: ['body: empty'] },
      { value: { text: '{}', type: 'text/plain' }, wrong: ['body: not application/json'] },
    ),
    fc.integer({ min: 257, max: 400 }).map((kb) => ({ value: json({ pad: 'x'.repeat(kb * 1024) }), wrong: ['body: over the 256 KB limit'] })),
  ];
  const wrong = values
    ? fc.oneof({ weight: 6, arbitrary: bad<unknown>(values, 'body').map((w) => ({ ...w, value: json(w.value) })) }, ...ways.map((arbitrary) => ({ weight: 1, arbitrary })))
    : fc.oneof(...ways);
  return { right: ok(valid(schema, hints).map(json)), wrong };
}

/** What fetch's Headers can carry: Latin-1 without controls, nothing to trim at either end. */
const sendableAsHeader = (x: string) => /^(?:[\x21-\x7e\x80-\xff](?:[\x20-\x7e\x80-\xff]*[\x21-\x7e\x80-\xff])?)?$/.test(x);

function keyChoices(p: Param, hints: Hints): Choices<string | undefined> {
  // A few shared keys make replays, and reuse with a different body, happen.
  const key = fc.oneof(fc.constantFrom('key-1', 'key-2', 'key-3'), (valid(p.schema, hints) as fc.Arbitrary<string>).filter(sendableAsHeader));
  const values = invalid(p.schema, hints, true)?.filter((w) => sendableAsHeader(String(w.value)));
  return { right: ok(fc.option(key, { nil: undefined })), wrong: values ? bad(values, 'header Idempotency-Key') : null };
}

/** Moderators may change anything, so they are asked more often: their writes get past the handlers' rights. */
function callerChoices(op: Operation, people: string[], moderators: string[]): Choices<Caller> {
  const person = fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...people) },
    { weight: 1, arbitrary: fc.constantFrom(...moderators) },
  ).map((who): Caller => ({ kind: 'token', who }));
  const anonymous = fc.constant<Caller>({ kind: 'anonymous' });
  const right = op.needsToken ? person : fc.oneof({ weight: 3, arbitrary: person }, { weight: 1, arbitrary: anonymous });
  const wrongs: fc.Arbitrary<Part<Caller>>[] = [fc.constant({ value: { kind: 'bad-token' } as Caller, wrong: ['caller: the token is not valid'] })];
  if (op.needsToken) wrongs.push(fc.constant({ value: { kind: 'anonymous' } as Caller, wrong: ['caller: the operation needs a token'] }));
  return { right: ok(right), wrong: fc.oneof(...wrongs) };
}

export function requestsFor(op: Operation, hints: Hints, people: string[], moderators: string[]): fc.Arbitrary<GeneratedRequest> {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const keyParam = op.params.find((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
  const nothing: Choices<undefined> = { right: fc.constant({ value: undefined, wrong: [] }), wrong: null };
  const parts = {
    ...Object.fromEntries(pathParams.map((p, i) => [`path${i}`, pathChoices(op, p, hints)])),
    query: queryChoices(op.params.filter((p) => p.in === 'query'), hints),
    key: keyParam ? keyChoices(keyParam, hints) : nothing,
    body: op.body ? bodyChoices(op, hints) : nothing,
    caller: callerChoices(op, people, moderators),
  } as Record<string, Choices<unknown>>;
  const allRight = Object.fromEntries(Object.entries(parts).map(([k, c]) => [k, c.right]));
  // The body has the most ways to be wrong, so it is wrong twice as often as any other part.
  const oneWrong = Object.entries(parts)
    .filter(([, c]) => c.wrong)
    .map(([k, c]) => ({ weight: k === 'body' ? 2 : 1, arbitrary: fc.record({ ...allRight, [k]: c.wrong! }) }));
  // Sent by moderators, who may do anything: a date matters only once the rest of the request is allowed.
  const dated = impossibleDateBodies(op, hints);
  const moderator = fc.constantFrom(...moderators).map((who) => ({ value: { kind: 'token', who } as Caller, wrong: [] }));
  if (dated) oneWrong.push({ weight: 6, arbitrary: fc.record({ ...allRight, body: dated, caller: moderator }) });
  return fc.oneof({ weight: 2, arbitrary: fc.record(allRight) }, ...oneWrong).map((r) => {
    let i = 0;
    let url = '/api' + op.path.replace(/\{\w+\}/g, () => encodeURIComponent(r[`path${i++}`].value as string));
    const search = new URLSearchParams();
    for (const [k, vals] of Object.entries(r.query.value as Record<string, string[]>)) for (const x of vals) search.append(k, x);
    if ([...search].length) url += '?' + search.toString();
    const headers: Record<string, string> = {};
    const key = r.key.value as string | undefined;
    const body = r.body.value as { text: string; type: string } | undefined;
    if (key !== undefined) headers['idempotency-key'] = key;
    if (body) headers['content-type'] = body.type;
    const wrong = Object.values(r).flatMap((part) => part.wrong);
    return withSummary({ method: op.method, url, headers, body: body?.text, caller: r.caller.value as Caller, wrong });
  });
}

const cut = (s: string, n = 200) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

/** fast-check prints a failing request through this: huge bodies cut, the reasons it is wrong listed. */
function withSummary(r: GeneratedRequest): GeneratedRequest {
  const who = r.caller.kind === 'token' ? r.caller.who : r.caller.kind;
  const text = () =>
    `${r.method} ${cut(JSON.stringify(r.url).slice(1, -1))} as ${who} headers ${JSON.stringify(r.headers)}` +
    (r.body !== undefined ? ` body ${cut(JSON.stringify(r.body))}` : '') +
    (r.wrong.length ? ` wrong: ${r.wrong.join('; ')}` : ' (within the document)');
  return Object.assign(r, { [fc.toStringMethod]: text });
}
