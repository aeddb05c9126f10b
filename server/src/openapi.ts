// OpenAPI 3.1 generated from the contract's endpoint table and valibot schemas.
import { endpointGroups, LiveEvent, NotificationLiveEvent, pathParam } from '../../src/contract/index.js';
import type { Endpoint } from '../../src/contract/index.js';
import { IDEMPOTENCY_KEY } from './idempotency.js';
import { componentRef, componentSchemas, queryParameters, schemaOf } from './openapi-schemas.js';

const problemRef = { $ref: componentRef('Problem') };
const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemRef } } });

// Reads are anonymous unless the server runs with CONFAB_REQUIRE_AUTH; a token sent anyway is checked.
const readSecurity = [{}, { bearer: [] }];
const writeSecurity = [{ bearer: [] }];

function operation(name: string, ep: Endpoint, tag: string) {
  const params: unknown[] = [];
  for (const m of ep.path.matchAll(/\{(\w+)\}/g)) {
    // Every path parameter has a rule (endpoints/path-check.ts refuses to mount one without).
    const rule = pathParam(ep.path, m[1])!;
    const { description, ...schema } = schemaOf(rule.schema);
    params.push({ name: m[1], in: 'path', required: true, description: `${description} Anything else: ${rule.status}.`, schema });
  }
  if (ep.query) {
    for (const p of queryParameters(ep.query)) {
      params.push({ ...p, in: 'query', ...(p.schema.type === 'array' ? { style: 'form', explode: true } : {}) });
    }
  }
  if (ep.idempotent) {
    params.push({
      name: 'Idempotency-Key', in: 'header', required: false,
      description: 'Stored once per user: a replay returns the first response and never writes twice.',
      // The same rule the server applies (idempotency.ts): 1-200 visible ASCII characters.
      schema: { type: 'string', minLength: 1, maxLength: 200, pattern: IDEMPOTENCY_KEY.source },
    });
  }
  const responses: Record<string, unknown> = {};
  if (ep.response) {
    responses['200'] = { description: 'OK', content: { [ep.mediaType ?? 'application/json']: { schema: schemaOf(ep.response) } } };
  } else responses['204'] = { description: 'Done' };
  if (ep.method === 'GET') responses['304'] = { description: 'Not modified (If-None-Match)' };
  responses['400'] = problemResponse('Invalid query, body or path parameter');
  if (ep.body) {
    responses['413'] = problemResponse('Request larger than 256 KB');
    responses['415'] = problemResponse('Body is not application/json');
    responses['422'] = problemResponse('Body fails validation; `errors` lists each field');
  }
  responses['401'] = problemResponse('Missing or invalid token');
  if (ep.auth === 'write') responses['403'] = problemResponse('Not allowed for this user');
  if (ep.path.includes('{')) responses['404'] = problemResponse('Not found');
  if (ep.method !== 'GET') responses['429'] = problemResponse('Rate limited; see Retry-After');
  for (const [status, description] of Object.entries(ep.problems ?? {})) responses[status] = problemResponse(description);
  return {
    operationId: name,
    summary: ep.summary,
    description: ep.description,
    tags: [tag],
    security: ep.auth === 'write' ? writeSecurity : readSecurity,
    parameters: params,
    ...(ep.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(ep.body) } } } } : {}),
    responses,
  };
}

/** GET /health's body: `ok` says whether the database answered. */
function healthSchema(ok: boolean) {
  return {
    type: 'object',
    properties: {
      ok: { const: ok },
      db: { enum: ['pglite', 'pg'] },
      demo: { type: 'boolean' },
      listener: {
        type: 'object',
        properties: {
          state: { enum: ['idle', 'listening', 'reconnecting', 'closed', 'in-process'] },
          drops: { type: 'integer', minimum: 0, description: 'LISTEN connections lost since the process started' },
          lastDropAt: { type: ['string', 'null'], format: 'date-time' },
          lastError: { type: ['string', 'null'] },
        },
        required: ['state', 'drops', 'lastDropAt', 'lastError'],
      },
    },
    required: ['ok', 'db', 'demo', 'listener'],
  };
}

/** The two routes outside the endpoint table: the live stream and the health check. */
const unsubscribeToken = {
  name: 'token',
  in: 'query',
  required: true,
  description: 'The signed token of the `List-Unsubscribe` link of a notification mail.',
  schema: { type: 'string' },
};

function serverRoutes() {
  return {
    '/v1/events': {
      get: {
        operationId: 'events',
        summary: 'Live updates as Server-Sent Events',
        description: 'A `text/event-stream` whose `event:` is the type and `data:` a LiveEvent; a heartbeat comment every 15 s keeps proxies from closing it.',
        tags: ['events'],
        // EventSource cannot send headers: a signed-in client opens it with `?ticket=` (POST /v1/live/ticket), never its token.
        security: [{}, { bearer: [] }],
        parameters: [
          { name: 'ticket', in: 'query', required: false, description: 'A single-use ticket from `POST /v1/live/ticket` (at most 60 seconds old) that opens the stream as its holder.', schema: { type: 'string' } },
          { name: 'category', in: 'query', required: false, description: 'Only events of this category.', schema: { type: 'string' } },
          { name: 'lastEventId', in: 'query', required: false, description: 'Resume after this event (for a new EventSource, which cannot set Last-Event-ID).', schema: { type: 'string' } },
          { name: 'Last-Event-ID', in: 'header', required: false, description: 'Sent by EventSource when it reconnects: the missed events come first.', schema: { type: 'string' } },
        ],
        responses: {
          '200': { description: 'An event stream', content: { 'text/event-stream': { schema: schemaOf(LiveEvent) } } },
          '400': problemResponse('A NUL (U+0000) in the query'),
          '401': problemResponse('Invalid token or ticket, or neither while the server requires sign-in for reads'),
        },
      },
    },
    '/v1/notifications/events': {
      get: {
        operationId: 'notificationEvents',
        summary: "The caller's notifications, live",
        description: 'A `text/event-stream` of the caller\'s new notifications (`event: notification.created`, `data:` a NotificationLiveEvent), opened with a ticket from `POST /v1/live/ticket` so that no token travels in the URL.',
        tags: ['events'],
        security: [],
        parameters: [
          { name: 'ticket', in: 'query', required: true, description: 'A single-use ticket from `POST /v1/live/ticket`, at most 60 seconds old.', schema: { type: 'string' } },
        ],
        responses: {
          '200': { description: 'An event stream', content: { 'text/event-stream': { schema: schemaOf(NotificationLiveEvent) } } },
          '400': problemResponse('A NUL (U+0000) in the query'),
          '401': problemResponse('No ticket, or one that is unknown, used or expired'),
        },
      },
    },
    '/v1/unsubscribe': {
      get: {
        operationId: 'unsubscribePage',
        summary: 'The confirmation page of an unsubscribe link',
        description: 'Shows what the signed link would stop, with a button that POSTs it. Changes nothing: link scanners follow GETs.',
        tags: ['notifications'],
        security: [],
        parameters: [unsubscribeToken],
        responses: {
          '200': { description: 'A small HTML page in the recipient\'s language', content: { 'text/html': { schema: { type: 'string' } } } },
          '400': problemResponse('No token, or one this server did not sign'),
          '401': problemResponse('Malformed, invalid or expired bearer token (none is needed)'),
        },
      },
      post: {
        operationId: 'unsubscribe',
        summary: 'One-click unsubscribe (RFC 8058)',
        description:
          'What mail clients POST (`List-Unsubscribe=One-Click`) to the `List-Unsubscribe` URL of a notification mail. No sign-in: the HMAC-signed token names the recipient and the notification type (or `all`), whose delivery becomes `inapp` (mail stops, the in-app notification stays).',
        tags: ['notifications'],
        security: [],
        parameters: [unsubscribeToken],
        responses: {
          '200': { description: 'Unsubscribed; a small HTML page says so', content: { 'text/html': { schema: { type: 'string' } } } },
          '400': problemResponse('No token, or one this server did not sign'),
          '401': problemResponse('Malformed, invalid or expired bearer token (none is needed)'),
        },
      },
    },
    '/health': {
      get: {
        operationId: 'health',
        summary: 'Liveness and database check',
        description:
          'Answers 200 once the database does, 503 (with Retry-After) while it does not; for load balancers and uptime probes. `listener` is the state of the connection that LISTENs for live updates: it reconnects by itself after a drop, and does not change `ok`.',
        tags: ['meta'],
        security: [],
        responses: {
          '200': { description: 'Up, with the kind of database behind it', content: { 'application/json': { schema: healthSchema(true) } } },
          '503': {
            description: 'The database does not answer',
            headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait before asking again' } },
            content: { 'application/json': { schema: healthSchema(false) } },
          },
          // Every /api route checks an Authorization header that is sent, even the public ones.
          '401': problemResponse('Malformed, invalid or expired token'),
        },
      },
    },
  };
}

export function buildOpenApi(serverUrl = '/api') {
  const paths: Record<string, Record<string, unknown>> = {};
  const tags = [];
  for (const [tag, group] of Object.entries(endpointGroups)) {
    tags.push({ name: tag, description: group.description });
    for (const [name, ep] of Object.entries(group.endpoints)) (paths[ep.path] ??= {})[ep.method.toLowerCase()] = operation(name, ep, tag);
  }
  tags.push({ name: 'events', description: 'Live updates as Server-Sent Events' }, { name: 'meta', description: 'Operating the server' });
  Object.assign(paths, serverRoutes());
  return {
    openapi: '3.1.0',
    info: {
      title: 'Confab community API',
      version: '1.0.0',
      description:
        'The v1 REST contract of Confab, generated from the valibot schemas in src/contract. Errors are RFC 9457 problem+json. ' +
        'Text may hold any Unicode character except U+0000: a NUL in a path, a query or a JSON body is refused (400, or 422 in a body) naming the field.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: serverUrl }],
    tags,
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: "A JWT the vendor's portal signs for the signed-in partner." },
      },
    },
  };
}
