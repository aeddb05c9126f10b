// A precompiled check of an endpoint's query schema for the common case: a query that the schema
// accepts. `compileQueryCheck(schema)` walks the valibot schema once, at start-up, and returns a plain
// function that gives the very value `v.safeParse` would output, or NO when valibot would report an
// issue. input.ts then runs valibot itself, so a bad query gets valibot's own issues, word for word.
//
// Why (issue 18): `v.safeParse` builds a dataset object per schema node, closures per pipe step and an
// issue list, for every request; list threads spent more of its CPU in it than in matching its route.
// The compiled check allocates the output object and nothing else.
//
// It mirrors valibot 1.x `~run` for the node kinds the contract's queries use (object, optional,
// string, number, picklist, union, array; max/min length, regex, integer, min/max value, trim,
// transform). A schema holding any other kind (a custom check, an ISO date action, a fallback, a
// default given as a function) compiles to null, and its endpoint keeps plain valibot.
// test/server/query-check.test.ts holds the two to the same output over generated queries.
import type * as v from 'valibot';

/** What a node's check returns when valibot would not accept the value (then valibot runs, for its issues). */
export const NO: unique symbol = Symbol('no');
type Check = (value: unknown) => unknown;

/** The shape of a valibot node as this file reads it (schemas and pipe items alike). */
interface Node {
  kind: string;
  type: string;
  pipe?: readonly Node[];
  entries?: Record<string, Node>;
  wrapped?: Node;
  default?: unknown;
  fallback?: unknown;
  options?: readonly unknown[];
  item?: Node;
  requirement?: unknown;
  operation?: (value: unknown) => unknown;
}

/** The check for `schema`, or null when it holds a node kind this file does not mirror. */
export function compileQueryCheck(schema: v.GenericSchema): ((query: Record<string, unknown>) => unknown) | null {
  try {
    return compile(schema as unknown as Node);
  } catch (e) {
    if (e === UNSUPPORTED) return null;
    throw e;
  }
}

const UNSUPPORTED = Symbol('unsupported');
const unsupported = (): never => {
  throw UNSUPPORTED;
};

function compile(node: Node): Check {
  if (node.fallback !== undefined) unsupported();
  if (node.pipe) return compilePipe(node.pipe);
  return compileSchema(node);
}

/** `v.pipe(schema, ...actions)`: the schema, then each action in turn; any issue is a NO. */
function compilePipe(pipe: readonly Node[]): Check {
  const [first, ...rest] = pipe;
  const steps = [compile(first), ...rest.filter((a) => a.kind !== 'metadata').map(compileAction)];
  return (value) => {
    for (const step of steps) {
      value = step(value);
      if (value === NO) return NO;
    }
    return value;
  };
}

function compileSchema(node: Node): Check {
  switch (node.type) {
    case 'string':
      return (value) => (typeof value === 'string' ? value : NO);
    case 'number':
      return (value) => (typeof value === 'number' && !Number.isNaN(value) ? value : NO);
    case 'picklist': {
      const options = node.options ?? unsupported();
      return (value) => (options.includes(value) ? value : NO);
    }
    case 'optional': {
      // valibot runs a default through the wrapped schema too; a default made by a function may differ per call.
      if (typeof node.default === 'function') unsupported();
      const wrapped = compile(node.wrapped ?? unsupported());
      const fallback = node.default;
      return (value) => {
        if (value === undefined) value = fallback;
        return value === undefined ? undefined : wrapped(value);
      };
    }
    case 'union': {
      // The first option that accepts the value gives the output; an option that does not, does not count.
      const options = (node.options as Node[]).map(compile);
      return (value) => {
        for (const option of options) {
          const out = option(value);
          if (out !== NO) return out;
        }
        return NO;
      };
    }
    case 'array': {
      const item = compile(node.item ?? unsupported());
      return (value) => {
        if (!Array.isArray(value)) return NO;
        const out: unknown[] = [];
        for (const x of value) {
          const y = item(x);
          if (y === NO) return NO;
          out.push(y);
        }
        return out;
      };
    }
    case 'object':
      return compileObject(node.entries ?? unsupported());
    default:
      return unsupported();
  }
}

/**
 * `v.object`: the entries in the schema's order, unknown keys left out. A key that is absent stays
 * absent, unless its optional schema has a default (then the default, through its schema).
 */
function compileObject(entries: Record<string, Node>): Check {
  const fields = Object.entries(entries).map(([key, node]) => {
    if (node.type === 'exact_optional' || node.type === 'nullish') unsupported();
    return { key, check: compile(node), optional: node.type === 'optional', hasDefault: node.type === 'optional' && node.default !== undefined };
  });
  return (value) => {
    if (!value || typeof value !== 'object') return NO;
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const { key, check, optional, hasDefault } of fields) {
      if (key in input || hasDefault) {
        const y = check(input[key]);
        if (y === NO) return NO;
        out[key] = y;
      } else if (!optional) return NO;
    }
    return out;
  };
}

function compileAction(action: Node): Check {
  const r = action.requirement;
  switch (action.type) {
    case 'max_length':
      return (value) => ((value as string).length > (r as number) ? NO : value);
    case 'min_length':
      return (value) => ((value as string).length < (r as number) ? NO : value);
    case 'regex': {
      // A global or sticky expression keeps state between calls: checking it here would move it for valibot.
      const re = r as RegExp;
      if (re.global || re.sticky) unsupported();
      return (value) => (re.test(value as string) ? value : NO);
    }
    case 'integer':
      return (value) => (Number.isInteger(value) ? value : NO);
    case 'min_value':
      return (value) => ((value as number) >= (r as number) ? value : NO);
    case 'max_value':
      return (value) => ((value as number) <= (r as number) ? value : NO);
    case 'trim':
      return (value) => (value as string).trim();
    case 'transform': {
      const op = action.operation ?? unsupported();
      return (value) => op(value);
    }
    default:
      return unsupported();
  }
}
