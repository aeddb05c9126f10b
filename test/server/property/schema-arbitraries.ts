// fast-check arbitraries from the JSON Schemas of the OpenAPI document: values the schema accepts,
// and values it refuses, each refused value with the reason it is wrong.
import fc from 'fast-check';
import type { JsonSchema } from './openapi-operations.js';

/** A generated value that the schema (or the server's documented rules) must refuse, and why. */
export interface Wrong {
  value: unknown;
  reason: string;
}

/** Domain knowledge the schemas cannot carry: real ids for `*Id` properties, real URLs for `format: uri`. */
export interface Hints {
  /** Ids of any kind. */
  ids: fc.Arbitrary<string>;
  /** Ids of one collection (`threads`, `answers`…); any id when the collection is unknown. */
  idsIn(collection: string): fc.Arbitrary<string>;
  urls: fc.Arbitrary<string>;
  /** Values a path parameter of this name takes beyond ids (a follow's `kind`); null when none is known. */
  pathValues(name: string): fc.Arbitrary<string> | null;
}

const NUL = '\u0000';
const WORDS = ['partner', 'deal', 'registration', 'SSO', 'renewal', 'API', 'Acme', 'tier', 'badge', 'how', 'to', 'setup', 'error', '42'];

/** C0 controls other than NUL, DEL and a few separators: legal in JSON strings and URLs, awkward everywhere. */
const controlChar = fc.oneof(fc.integer({ min: 1, max: 0x1f }), fc.constantFrom(0x7f, 0x85, 0x2028, 0xfeff)).map((c) => String.fromCharCode(c));

/**
 * Random letters, `min` to `max` of them: long text that PostgreSQL cannot compress, so that a value
 * too large for an index row shows (a repeated letter compresses into one that fits). Drawn from a
 * seed, not letter by letter: thousands of characters cost one integer of fast-check's.
 */
export function noise(min: number, max: number): fc.Arbitrary<string> {
  return fc.tuple(fc.integer({ min, max }), fc.integer()).map(([n, seed]) => {
    let x = seed | 0;
    let out = '';
    for (let i = 0; i < n; i++) {
      x = (x + 0x6d2b79f5) | 0; // mulberry32, as src/demo-data/prng.ts
      let t = Math.imul(x ^ (x >>> 15), 1 | x);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      out += String.fromCharCode(97 + (((t ^ (t >>> 14)) >>> 0) % 26));
    }
    return out;
  });
}

/** Text of every kind the document allows: words, any Unicode, controls, empty, huge. Never NUL. */
function anyText(maxLength: number | undefined): fc.Arbitrary<string> {
  const huge = maxLength ?? 60_000;
  return fc.oneof(
    { weight: 5, arbitrary: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }).map((w) => w.join(' ')) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.array(fc.oneof(controlChar, fc.constantFrom(...WORDS)), { maxLength: 10 }).map((a) => a.join('')) },
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.integer({ min: Math.min(1000, huge), max: huge }).map((n) => 'é'.repeat(n)) },
    { weight: 1, arbitrary: noise(Math.min(1000, huge), Math.min(huge, 5000)) },
  );
}

/*
 * Dates. Valid ones are real days and instants of years 0001-9999, the ends of that range often: an
 * insights period there has a previous period before year 1. Impossible ones (Feb 30, Apr 31, Feb 29
 * of a common year, hour 24, minute 60, year 0000) are what regular expressions let through and
 * PostgreSQL refuses.
 */
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const EDGE_DAYS = ['0001-01-01', '0001-01-02', '0001-01-31', '0001-12-31', '9999-12-01', '9999-12-30', '9999-12-31'];
const realDay = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...EDGE_DAYS) },
  { weight: 2, arbitrary: fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
  { weight: 1, arbitrary: fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
);
const realTime = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 })).map(([h, m, s]) => `${pad(h)}:${pad(m)}:${pad(s)}`);
const realInstant = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '9999-12-31T23:59:59.999Z') },
  { weight: 4, arbitrary: fc.tuple(realDay, realTime).map(([d, t]) => `${d}T${t}Z`) },
);
const year = fc.integer({ min: 1, max: 9999 }).map((y) => pad(y, 4));
/** Days an ISO regex lets through (valibot's does): a 31st of a short month, Feb 30, Feb 29 of a common year. */
const wellFormedImpossibleDay = fc.oneof(
  fc.tuple(year, fc.constantFrom('02-30', '02-31', '04-31', '06-31', '09-31', '11-31')).map(([y, md]) => `${y}-${md}`),
  fc.integer({ min: 1, max: 9999 }).filter((y) => y % 4 !== 0 || (y % 100 === 0 && y % 400 !== 0)).map((y) => `${pad(y, 4)}-02-29`),
);
const impossibleDay = fc.oneof({ weight: 2, arbitrary: wellFormedImpossibleDay }, { weight: 1, arbitrary: fc.constantFrom('0000-01-01', '0000-06-15') });
const instantOn = (day: fc.Arbitrary<string>) => fc.tuple(day, realTime).map(([d, t]) => `${d}T${t}Z`);
const impossibleInstant = fc.oneof(
  instantOn(impossibleDay),
  fc.tuple(realDay, fc.constantFrom('24:00:00', '12:60:00', '12:00:60')).map(([d, t]) => `${d}T${t}Z`),
);
const DATE_FORMATS = new Set(['date', 'date-time']);
const dateFormatsOf = (s: JsonSchema) => [s, ...(s.anyOf ?? [])].map((o) => o.format).filter((f): f is string => !!f && DATE_FORMATS.has(f));
/** Whether a schema is a date or an instant (or either). */
export const isDate = (s: JsonSchema) => dateFormatsOf(s).length > 0;
/**
 * Dates that do not exist, as days or instants as the schema takes them. `wellFormed`: only those an
 * ISO regex lets through, the ones that get past a validator to the database.
 */
export function impossibleDates(s: JsonSchema, wellFormed = false): fc.Arbitrary<Wrong> {
  const formats = dateFormatsOf(s);
  const arbs = formats.map((f) => (f === 'date' ? (wellFormed ? wellFormedImpossibleDay : impossibleDay) : wellFormed ? instantOn(wellFormedImpossibleDay) : impossibleInstant));
  return fc.oneof(...arbs).map((value) => ({ value, reason: `${value} is no real ${formats.join(' or ')}` }));
}

const fit = (s: string, min = 0, max = Infinity) => (s.length < min ? s + 'a'.repeat(min - s.length) : s.slice(0, max));

const typesOf = (s: JsonSchema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);

/** Values the schema accepts. `name` is the property or parameter name, for hints. */
export function valid(s: JsonSchema, hints: Hints, name = ''): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const types = typesOf(s);
  // valibot's query integers come out as `anyOf [number, digits] + type: integer`: the type decides.
  if (s.anyOf && !types.length) return fc.oneof(...s.anyOf.map((o) => valid(o, hints, name)));
  if (s.format === 'date') return realDay;
  if (s.format === 'date-time') return realInstant;
  switch (types[0]) {
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 1000 });
    case 'number':
      return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(valid(s.items ?? {}, hints, name), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 4, 6) });
    case 'object': {
      const props = Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, p]) => [k, valid(p, hints, k)]));
      const record = fc.record(props, { requiredKeys: s.required ?? [] });
      // A reference `{ kind, id }` (a moderation target): mostly the id of a thing of that kind, so that
      // the request reaches past "not found" to what it does with the thing.
      const { kind, id } = s.properties ?? {};
      if (!kind?.enum || !id || id.type !== 'string') return record;
      return record.chain((o) => (typeof o.kind !== 'string' ? fc.constant(o) : fc.oneof(
        { weight: 7, arbitrary: hints.idsIn(`${o.kind}s`).map((ref) => ({ ...o, id: ref })) },
        { weight: 1, arbitrary: fc.constant(o) },
      )));
    }
    case 'string':
    default:
      return validString(s, hints, name);
  }
}

function validString(s: JsonSchema, hints: Hints, name: string): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? Infinity;
  const ok = (x: string) => x.length >= min && x.length <= max;
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter(ok);
  if (s.format === 'uri') return fc.oneof(hints.urls, fc.webUrl()).filter(ok);
  const text = anyText(s.maxLength).map((x) => fit(x, min, max));
  // `answerId` -> the ids of `answers`.
  const idOf = /^(\w*?)Id$/.exec(name);
  return idOf ? fc.oneof(hints.idsIn(`${idOf[1]}s`).filter(ok), text) : text;
}

/** A value of the wrong JSON type for the schema. */
function wrongType(s: JsonSchema): fc.Arbitrary<Wrong> | null {
  const types = new Set(typesOf(s).length ? typesOf(s) : (s.anyOf ?? []).flatMap(typesOf));
  if (s.enum) for (const e of s.enum) types.add(e === null ? 'null' : typeof e);
  if (!types.size) return null;
  const candidates: [string, unknown][] = [
    ['string', 'text'], ['number', 12.5], ['boolean', true], ['null', null], ['array', ['x']], ['object', { x: 1 }],
  ];
  const wrong = candidates.filter(([t]) => !types.has(t) && !(t === 'number' && types.has('integer')));
  return fc.constantFrom(...wrong).map(([t, value]) => ({ value, reason: `a ${t} where the schema says ${[...types].join(' or ')}` }));
}

/**
 * Values the schema refuses. `asText`: the value travels as text (query, header), so only refusals
 * that survive being written as a string count.
 */
export function invalid(s: JsonSchema, hints: Hints, asText = false): fc.Arbitrary<Wrong> | null {
  const out: fc.Arbitrary<Wrong>[] = [];
  const types = typesOf(s);
  if (s.enum) out.push(fc.constantFrom('bogus-value', 99).map((value) => ({ value: asText ? String(value) : value, reason: 'not one of the enum values' })));
  if (types.includes('integer') || types.includes('number')) {
    const bounds: Wrong[] = [];
    if (s.maximum !== undefined) bounds.push({ value: s.maximum + 1, reason: 'above maximum' });
    if (s.minimum !== undefined) bounds.push({ value: s.minimum - 1, reason: 'below minimum' });
    if (types.includes('integer')) bounds.push({ value: 1.5, reason: 'not an integer' });
    if (asText) bounds.push({ value: 'abc', reason: 'not a number' });
    if (bounds.length) out.push(fc.constantFrom(...bounds).map((w) => (asText ? { ...w, value: String(w.value) } : w)));
  }
  if (types.includes('string') || (!types.length && !s.anyOf && !s.enum)) {
    if (s.maxLength !== undefined) {
      out.push(noise(s.maxLength + 1, s.maxLength + 5000).map((value) => ({ value, reason: `longer than maxLength ${s.maxLength}` })));
    }
    if ((s.minLength ?? 0) > 0) out.push(fc.constant({ value: '', reason: `shorter than minLength ${s.minLength}` }));
    if (s.pattern) {
      const re = new RegExp(s.pattern);
      out.push(fc.constantFrom('with space', 'x'.repeat(201), 'caf\u00e9', '').filter((x) => !re.test(x)).map((value) => ({ value, reason: `does not match ${s.pattern}` })));
    }
    // The server refuses U+0000 in any text (PostgreSQL cannot store it); the document says so in its description.
    out.push(validString({ ...s, pattern: undefined, format: undefined }, hints, '').map((x) => ({ value: withNul(x), reason: 'contains U+0000' })));
  }
  if (isDate(s)) out.push(impossibleDates(s));
  if (!asText) {
    const wt = wrongType(s);
    if (wt) out.push(wt);
  }
  // An array is an object to `typeof`: the wrong type a validator is most likely to let through.
  if (types[0] === 'object' && !asText) {
    out.push(fc.oneof(fc.constant([]), valid(s, hints).map((o) => [o])).map((value) => ({ value, reason: 'an array where the schema says object' })));
  }
  if (types[0] === 'object' && !asText) {
    const objectWrong = invalidObject(s, hints);
    if (objectWrong) out.push(objectWrong);
  }
  if (types[0] === 'array' && s.items && !asText) {
    const item = invalid(s.items, hints);
    if (item) out.push(item.map((w) => ({ value: [w.value], reason: `an item is ${w.reason}` })));
    if (s.maxItems !== undefined) {
      out.push(valid(s.items, hints).map((x) => ({ value: Array.from({ length: s.maxItems! + 1 }, () => x), reason: `more than maxItems ${s.maxItems}` })));
    }
  }
  return out.length ? fc.oneof(...out) : null;
}

const withNul = (x: string) => {
  const at = Math.floor(x.length / 2);
  return x.slice(0, at) + NUL + x.slice(at);
};

/** An object with one thing wrong: a required property missing, or one property refused by its schema. */
function invalidObject(s: JsonSchema, hints: Hints): fc.Arbitrary<Wrong> | null {
  const whole = valid(s, hints) as fc.Arbitrary<Record<string, unknown>>;
  const out: fc.Arbitrary<Wrong>[] = [];
  const required = s.required ?? [];
  if (required.length) {
    out.push(fc.tuple(whole, fc.constantFrom(...required)).map(([o, k]) => {
      const { [k]: _gone, ...rest } = o;
      return { value: rest, reason: `required property ${k} missing` };
    }));
  }
  for (const [k, p] of Object.entries(s.properties ?? {})) {
    const bad = invalid(p, hints);
    if (bad) out.push(fc.tuple(whole, bad).map(([o, w]) => ({ value: { ...o, [k]: w.value }, reason: `${k}: ${w.reason}` })));
  }
  return out.length ? fc.oneof(...out) : null;
}
