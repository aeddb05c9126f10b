// OpenAPI 3.1 generated from the contract's endpoint table and valibot schemas.
import { toJsonSchema, type JsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { endpoints, LiveEvent, Problem } from '../../src/contract/index.js';
import { IDEMPOTENCY_KEY } from './idempotency.js';

const js = (s: v.GenericSchema): JsonSchema => {
  const out = toJsonSchema(s, { errorMode: 'ignore' });
  delete out.$schema;
  return out;
};

const HEALTH = {
  type: 'object',
  properties: { ok: { const: true }, db: { enum: ['pglite', 'pg'] }, demo: { type: 'boolean' } },
  required: ['ok', 'db', 'demo'],
};

const problemRef = { $ref: '#/components/schemas/Problem' };
const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemRef } } });

export function buildOpenApi(serverUrl = '/api') {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, ep] of Object.entries(endpoints)) {
    const params: unknown[] = [];
    for (const m of ep.path.matchAll(/\{(\w+)\}/g)) params.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
    if ('query' in ep && ep.query) {
      const q = js(ep.query);
      const req = new Set<string>(q.required ?? []);
      for (const [k, s] of Object.entries(q.properties ?? {})) {
        const array = typeof s === 'object' && s.type === 'array';
        params.push({ name: k, in: 'query', required: req.has(k), schema: s, ...(array ? { style: 'form', explode: true } : {}) });
      }
    }
    if ('idempotent' in ep && ep.idempotent) {
      params.push({
        name: 'Idempotency-Key', in: 'header', required: false,
        description: 'Stored once per user: a replay returns the first response and never writes twice.',
        // The same rule the server applies (idempotency.ts): 1-200 visible ASCII characters.
        schema: { type: 'string', minLength: 1, maxLength: 200, pattern: IDEMPOTENCY_KEY.source },
      });
    }
    const responses: Record<string, unknown> = {};
    if ('response' in ep && ep.response) {
      responses['200'] = { description: 'OK', content: { 'application/json': { schema: js(ep.response) } } };
    } else responses['204'] = { description: 'Done' };
    if (ep.method === 'GET') responses['304'] = { description: 'Not modified (If-None-Match)' };
    responses['400'] = problemResponse('Invalid query or body');
    if ('body' in ep && ep.body) {
      responses['413'] = problemResponse('Request larger than 256 KB');
      responses['415'] = problemResponse('Body is not application/json');
      responses['422'] = problemResponse('Body fails validation; `errors` lists each field');
    }
    responses['401'] = problemResponse('Missing or invalid token');
    if (ep.auth === 'write') responses['403'] = problemResponse('Not allowed for this user');
    if (ep.path.includes('{')) responses['404'] = problemResponse('Not found');
    if (ep.method !== 'GET') responses['429'] = problemResponse('Rate limited; see Retry-After');
    const op: Record<string, unknown> = {
      operationId: name,
      summary: ep.summary,
      tags: [ep.path.split('/')[2]],
      parameters: params,
      responses,
    };
    if (ep.auth === 'write') op.security = [{ bearer: [] }];
    else op.security = [{}, { bearer: [] }];
    if ('body' in ep && ep.body) op.requestBody = { required: true, content: { 'application/json': { schema: js(ep.body) } } };
    (paths[ep.path] ??= {})[ep.method.toLowerCase()] = op;
  }
  paths['/v1/events'] = {
    get: {
      operationId: 'events',
      summary: 'Server-Sent Events: `event:` is the type, `data:` a LiveEvent; heartbeat comments every 15 s',
      tags: ['events'],
      parameters: [{ name: 'category', in: 'query', required: false, schema: { type: 'string' } }],
      security: [{}, { bearer: [] }],
      responses: {
        '200': { description: 'An event stream', content: { 'text/event-stream': { schema: js(LiveEvent) } } },
        '400': problemResponse('A NUL (U+0000) in the query'),
        '401': problemResponse('Missing token (when reads need one) or invalid token'),
      },
    },
  };
  paths['/health'] = {
    get: {
      operationId: 'health',
      summary: 'Liveness and database check',
      tags: ['meta'],
      security: [{}, { bearer: [] }],
      responses: {
        '200': { description: 'OK', content: { 'application/json': { schema: HEALTH } } },
        '401': problemResponse('Invalid token'),
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Confab community API',
      version: '1.0.0',
      description:
        'The v1 REST contract of Confab, generated from the valibot schemas in src/contract. Errors are RFC 9457 problem+json. ' +
        'Text may hold any Unicode character except U+0000: a NUL in a path, a query or a JSON body is refused (400, or 422 in a body) naming the field.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: { Problem: js(Problem), LiveEvent: js(LiveEvent) },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}
