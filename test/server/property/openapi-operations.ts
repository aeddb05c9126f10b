// The operations of the served OpenAPI document, in the shape the property test needs: parameters,
// body schema and documented responses, with every `$ref` resolved.

/** A JSON Schema as @valibot/to-json-schema writes it (the subset the document uses). */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  $ref?: string;
  [k: string]: unknown;
}

export interface Param {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
}

export interface DocumentedResponse {
  /** Media type -> schema; empty for a response without a body (204, 304). */
  content: Record<string, JsonSchema | undefined>;
}

export interface Operation {
  id: string;
  method: string;
  /** The document's path template, e.g. `/v1/threads/{id}`. */
  path: string;
  params: Param[];
  body?: JsonSchema;
  responses: Record<string, DocumentedResponse>;
  /** Only with a bearer token (the document's security has no anonymous `{}` alternative). */
  needsToken: boolean;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, RawOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

interface RawOperation {
  operationId: string;
  parameters?: Param[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
  security?: Record<string, unknown>[];
}

/** Replaces `{ $ref: '#/components/schemas/X' }` by X, everywhere. */
function resolve(x: unknown, doc: OpenApiDoc): unknown {
  if (Array.isArray(x)) return x.map((i) => resolve(i, doc));
  if (!x || typeof x !== 'object') return x;
  const ref = (x as JsonSchema).$ref;
  if (typeof ref === 'string') {
    const name = /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1];
    const target = name ? doc.components.schemas[name] : undefined;
    if (!target) throw new Error(`unresolvable $ref ${ref}`);
    return resolve(target, doc);
  }
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, resolve(v, doc)]));
}

/**
 * Every operation that answers a request with one response. Streams (`text/event-stream`) are left
 * out: they do not end, so there is no response to check.
 */
export function operationsOf(rawDoc: unknown): Operation[] {
  const doc = rawDoc as OpenApiDoc;
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, rawOp] of Object.entries(methods)) {
      const op = resolve(rawOp, doc) as RawOperation;
      const streams = Object.values(op.responses).some((r) => r.content && 'text/event-stream' in r.content);
      if (streams) continue;
      const responses: Record<string, DocumentedResponse> = {};
      for (const [status, r] of Object.entries(op.responses)) {
        responses[status] = { content: Object.fromEntries(Object.entries(r.content ?? {}).map(([type, c]) => [type, c.schema])) };
      }
      out.push({
        id: op.operationId,
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        body: op.requestBody?.content['application/json']?.schema,
        responses,
        // `security: []` declares a public operation; only a list without an anonymous `{}` needs a token.
        needsToken: !!op.security?.length && !op.security.some((s) => Object.keys(s).length === 0),
      });
    }
  }
  return out;
}
