// Holds one response to what the document promises for its operation: a documented status, the
// documented media type and schema, problem+json for errors, and a 4xx for a request that is wrong.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema, Operation } from './openapi-operations.js';
import type { GeneratedRequest } from './requests.js';

// ajv-formats is CommonJS with `exports.default`; under Node's ESM loader the default import is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const compiled = new WeakMap<JsonSchema, ValidateFunction>();
const validatorFor = (s: JsonSchema) => {
  let f = compiled.get(s);
  if (!f) compiled.set(s, (f = ajv.compile(s)));
  return f;
};

const mediaType = (h: string | null) => (h ?? '').split(';')[0].trim().toLowerCase();

/** What is wrong with this response; empty when it keeps the document's promises. */
export function checkResponse(op: Operation, req: GeneratedRequest, status: number, contentType: string | null, text: string): string[] {
  const faults: string[] = [];
  if (status >= 500) faults.push(`a ${status}: the server failed`);
  const documented = op.responses[String(status)];
  if (!documented) faults.push(`status ${status} is not documented (documented: ${Object.keys(op.responses).join(', ')})`);
  if (req.wrong.length && !(status >= 400 && status < 500)) faults.push(`a wrong request answered ${status}, not a 4xx (${req.wrong.join('; ')})`);
  const type = mediaType(contentType);
  if (status >= 400 && type !== 'application/problem+json') faults.push(`an error as ${type || 'no content type'}, not application/problem+json`);
  if (status === 204 || status === 304) {
    if (text !== '') faults.push(`a ${status} with a body`);
    return faults;
  }
  let body: unknown;
  // A text answer (the insights CSV export) is held to its documented media type and string schema.
  if (status < 400 && type.startsWith('text/')) body = text;
  else try {
    body = JSON.parse(text);
  } catch {
    faults.push(`the body is not JSON: ${text.slice(0, 120)}`);
    return faults;
  }
  if (status >= 400 && (body as { status?: unknown })?.status !== status) faults.push(`problem.status is not ${status}`);
  if (documented) {
    const types = Object.keys(documented.content);
    if (types.length && !types.includes(type)) faults.push(`answered as ${type}, documented as ${types.join(', ')}`);
    const schema = documented.content[type];
    if (schema) {
      const validate = validatorFor(schema);
      if (!validate(body)) faults.push(`the body does not match the documented schema: ${ajv.errorsText(validate.errors, { dataVar: 'body' })}`);
    }
  }
  // A value the document allows must not be refused by name (the Idempotency-Key is the header the document describes).
  const refusedKey = status === 400 && (body as { errors?: { path: string }[] })?.errors?.some((e) => e.path === 'Idempotency-Key');
  if (refusedKey && !req.wrong.some((w) => w.startsWith('header Idempotency-Key'))) {
    faults.push(`refused an Idempotency-Key the document allows: ${JSON.stringify(req.headers['idempotency-key'])}`);
  }
  return faults;
}
