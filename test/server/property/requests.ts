// One operation's requests as a fast-check arbitrary: path ids, query, Idempotency-Key, JSON body and
// caller, each either within the document or wrong on purpose. A request that is wrong anywhere
// carries the reasons, and the server must refuse it with a 4xx.
import fc from 'fast-check';
import type { Operation, Param } from './openapi-operations.js';
import { invalid, valid, type Hints, type Wrong } from './schema-arbitraries.js';

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

type Part<T> = { value: T; wrong: readonly string[] };

const ok = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<Part<T>> => arb.map((value) => ({ value, wrong: [] }));
const bad = <T>(arb: fc.Arbitrary<Wrong>, where: string): fc.Arbitrary<Part<T>> =>
  arb.map((w) => ({ value: w.value as T, wrong: [`${where}: ${w.reason}`] }));

/** Mostly right, sometimes wrong: enough valid requests to reach the handlers and their SQL. */
const mostlyValid = <T>(right: fc.Arbitrary<Part<T>>, wrong: fc.Arbitrary<Part<T>> | null) =>
  wrong ? fc.oneof({ weight: 3, arbitrary: right }, { weight: 1, arbitrary: wrong }) : right;

const asText = (x: unknown): string => (typeof x === 'string' ? x : JSON.stringify(x));

function pathPart(p: Param, hints: Hints): fc.Arbitrary<Part<string>> {
  const right = fc.oneof(
    { weight: 6, arbitrary: hints.ids },
    { weight: 2, arbitrary: fc.stringMatching(/^[a-z]{1,3}-[0-9a-f]{1,12}$/) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((s) => !s.includes('\0')) },
    { weight: 1, arbitrary: fc.integer({ min: 129, max: 3000 }).map((n) => 'i'.repeat(n)) },
  );
  const wrong = hints.ids.map((id) => ({ value: `${id}\u0000`, reason: 'contains U+0000' }));
  return mostlyValid(ok(right), bad(wrong, `path ${p.name}`));
}

/** The query as name -> text values; a wrong part is either one bad value or a required one left out. */
function queryPart(params: Param[], hints: Hints): fc.Arbitrary<Part<Record<string, string[]>>> {
  const fields = params.map((p) => {
    const right = ok(valid(p.schema, hints, p.name)).map((x) => ({ ...x, value: [x.value].flat().map(asText) }));
    const wrongValue = invalid(p.schema, hints, true);
    const wrong = wrongValue ? bad<unknown>(wrongValue, `query ${p.name}`).map((x) => ({ ...x, value: [asText(x.value)] })) : null;
    const present = mostlyValid(right, wrong);
    // Optional parameters are left out now and then; a required one left out is wrong.
    const absent: Part<string[] | undefined> = { value: undefined, wrong: p.required ? [`query ${p.name}: required but missing`] : [] };
    return fc.oneof({ weight: p.required ? 8 : 3, arbitrary: present as fc.Arbitrary<Part<string[] | undefined>> }, { weight: 1, arbitrary: fc.constant(absent) });
  });
  return fc.tuple(...fields).map((parts) => {
    const value: Record<string, string[]> = {};
    parts.forEach((part, i) => {
      if (part.value !== undefined) value[params[i].name] = part.value;
    });
    return { value, wrong: parts.flatMap((part) => part.wrong) };
  });
}

/** The body as sent: JSON text with its content type, or something that is not JSON at all. */
function bodyPart(op: Operation, hints: Hints): fc.Arbitrary<Part<{ text: string; type: string }>> {
  const json = (x: unknown) => ({ text: JSON.stringify(x), type: 'application/json' });
  const schema = op.body!;
  const wrongValue = invalid(schema, hints);
  const right = ok(valid(schema, hints)).map((x) => ({ ...x, value: json(x.value) }));
  const wrong = fc.oneof(
    { weight: 6, arbitrary: wrongValue ? bad<unknown>(wrongValue, 'body').map((x) => ({ ...x, value: json(x.value) })) : right },
    { weight: 1, arbitrary: fc.constantFrom(
      { value: { text: '{"unfinished": ', type: 'application/json' }, wrong: ['body: not JSON'] },
      { value: { text: '', type: 'application/json' }, wrong: ['body: empty'] },
      { value: { text: '{}', type: 'text/plain' }, wrong: ['body: not application/json'] },
    ) },
    { weight: 1, arbitrary: fc.integer({ min: 257, max: 400 }).map((kb) => ({ value: json({ pad: 'x'.repeat(kb * 1024) }), wrong: ['body: over the 256 KB limit'] })) },
  );
  return mostlyValid(right, wrong);
}

/** What fetch's Headers can carry: Latin-1 without controls, nothing to trim at either end. */
const sendableAsHeader = (x: string) => /^(?:[\x21-\x7e\x80-\xff](?:[\x20-\x7e\x80-\xff]*[\x21-\x7e\x80-\xff])?)?$/.test(x);

function idempotencyPart(p: Param, hints: Hints): fc.Arbitrary<Part<string | undefined>> {
  // A few shared keys make replays, and reuse with a different body, happen.
  const right = fc.oneof(fc.constantFrom('key-1', 'key-2', 'key-3'), (valid(p.schema, hints) as fc.Arbitrary<string>).filter(sendableAsHeader));
  const wrongValue = invalid(p.schema, hints, true)?.filter((w) => sendableAsHeader(String(w.value)));
  const present = mostlyValid(ok(right), wrongValue ? bad<string>(wrongValue, 'header Idempotency-Key') : null);
  return fc.oneof(present, fc.constant({ value: undefined, wrong: [] }));
}

const callerArb = (people: string[]): fc.Arbitrary<Caller> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant<Caller>({ kind: 'anonymous' }) },
    { weight: 6, arbitrary: fc.constantFrom(...people).map((who): Caller => ({ kind: 'token', who })) },
    { weight: 1, arbitrary: fc.constant<Caller>({ kind: 'bad-token' }) },
  );

export function requestsFor(op: Operation, hints: Hints, people: string[]): fc.Arbitrary<GeneratedRequest> {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const queryParams = op.params.filter((p) => p.in === 'query');
  const keyParam = op.params.find((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
  const none = fc.constant({ value: undefined, wrong: [] as string[] });
  return fc
    .record({
      path: fc.tuple(...pathParams.map((p) => pathPart(p, hints))),
      query: queryPart(queryParams, hints),
      key: keyParam ? idempotencyPart(keyParam, hints) : none,
      body: op.body ? bodyPart(op, hints) : none,
      caller: callerArb(people),
    })
    .map(({ path, query, key, body, caller }) => {
      let i = 0;
      let url = '/api' + op.path.replace(/\{\w+\}/g, () => encodeURIComponent(path[i++].value));
      const search = new URLSearchParams();
      for (const [k, vals] of Object.entries(query.value)) for (const x of vals) search.append(k, x);
      if ([...search].length) url += '?' + search.toString();
      const headers: Record<string, string> = {};
      if (key.value !== undefined) headers['idempotency-key'] = key.value;
      if (body.value) headers['content-type'] = body.value.type;
      const wrong = [...path.flatMap((p) => p.wrong), ...query.wrong, ...key.wrong, ...body.wrong];
      if (caller.kind === 'bad-token') wrong.push('caller: the token is not valid');
      if (caller.kind === 'anonymous' && op.needsToken) wrong.push('caller: the operation needs a token');
      return withSummary({ method: op.method, url, headers, body: body.value?.text, caller, wrong });
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
