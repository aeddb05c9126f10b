// The OpenAPI document as /api/openapi.json serves it: named components, tags, descriptions and
// security on every operation, `limit` typed once, and schemas that real responses satisfy.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { endpointGroups, endpoints, type EndpointName } from '../../src/contract/index.js';
import { namedSchemas } from '../../src/contract/schema-names.js';
import { PEOPLE, call, raw, setupTestEnv, type TestEnv } from './helpers.js';

type Json = any;
let env: TestEnv;
let doc: Json;
before(async () => {
  env = await setupTestEnv('openapi');
  const r = await raw(env, '/api/openapi.json');
  assert.equal(r.status, 200);
  doc = await r.json();
});
after(async () => {
  await env?.close();
});

const operations = () =>
  Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));

/** Every object anywhere below `node` (itself included), with the JSON pointer where it sits. */
function* objects(node: Json, at = '#'): Generator<[Json, string]> {
  if (!node || typeof node !== 'object') return;
  yield [node, at];
  for (const [k, child] of Object.entries(node)) yield* objects(child, `${at}/${k}`);
}

describe('openapi.json', () => {
  test('every named contract schema is a component, and every endpoint refers to its schemas by name', () => {
    assert.deepEqual(Object.keys(doc.components.schemas).sort(), Object.keys(namedSchemas).sort());
    const nameOf = new Map(Object.entries(namedSchemas).map(([n, s]) => [s as unknown, n]));
    for (const [name, ep] of Object.entries(endpoints)) {
      const op = doc.paths[ep.path][ep.method.toLowerCase()];
      if ('response' in ep && ep.response) {
        assert.equal(op.responses['200'].content['application/json'].schema.$ref, `#/components/schemas/${nameOf.get(ep.response)}`, name);
      }
      if ('body' in ep && ep.body) {
        assert.equal(op.requestBody.content['application/json'].schema.$ref, `#/components/schemas/${nameOf.get(ep.body)}`, name);
      }
    }
    // Nested resources are references too: a Thread's author is an Author, a Question's vote a VoteValue.
    assert.deepEqual(doc.components.schemas.Thread.properties.author, { $ref: '#/components/schemas/Author' });
    assert.deepEqual(doc.components.schemas.QuestionWithAnswers.properties.answers, { $ref: '#/components/schemas/AnswerPage' });
  });

  test('every $ref resolves and every component is referenced', () => {
    const used = new Set<string>();
    for (const [o, at] of objects(doc)) {
      if (typeof o.$ref !== 'string') continue;
      const m = /^#\/components\/schemas\/(\w+)$/.exec(o.$ref);
      assert.ok(m && doc.components.schemas[m[1]], `${at}: ${o.$ref}`);
      used.add(m[1]);
    }
    assert.deepEqual([...used].sort(), Object.keys(doc.components.schemas).sort());
  });

  test('each operation has a tag of its resource group, a summary, a description and its security', () => {
    const tagNames = doc.tags.map((t: Json) => t.name);
    for (const t of doc.tags) assert.ok(t.description, t.name);
    for (const { path, method, op } of operations()) {
      const where = `${method} ${path}`;
      assert.equal(op.tags.length, 1, where);
      assert.ok(tagNames.includes(op.tags[0]), where);
      assert.ok(op.summary && op.description, where);
      assert.ok(Array.isArray(op.security), `${where} declares security`);
    }
    for (const [group, { endpoints: eps }] of Object.entries(endpointGroups)) {
      for (const [name, ep] of Object.entries(eps)) {
        const op = doc.paths[ep.path][ep.method.toLowerCase()];
        assert.deepEqual(op.tags, [group], name);
        assert.deepEqual(op.security, ep.auth === 'write' ? [{ bearer: [] }] : [{}, { bearer: [] }], name);
      }
    }
    assert.deepEqual(doc.paths['/health'].get.security, [], '/health is public');
    assert.deepEqual(doc.paths['/v1/events'].get.security, [{}, { bearer: [] }, { accessToken: [] }]);
  });

  test('`limit` is one integer everywhere, and no schema is a type and an anyOf at once', () => {
    const limits = operations().flatMap(({ op }) => (op.parameters ?? []).filter((p: Json) => p.name === 'limit'));
    assert.equal(limits.length, 8); // both lists, both further-pages endpoints, similar questions, search, the moderation queue and log
    for (const p of limits) {
      const { default: _, ...schema } = p.schema;
      assert.deepEqual(schema, { type: 'integer', minimum: 1, maximum: 100 });
    }
    for (const [o, at] of objects(doc)) if (o.anyOf) assert.equal(o.type, undefined, `${at} has both`);
  });

  test('real responses satisfy the schemas the document names for them', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema(doc, 'openapi.json');
    const check = async (name: EndpointName, o: Parameters<typeof call>[2] = {}) => {
      const ep = endpoints[name];
      const r = await call(env, name, o);
      assert.equal(r.status, 200, name);
      const ref = doc.paths[ep.path][ep.method.toLowerCase()].responses['200'].content['application/json'].schema.$ref;
      const validate = ajv.getSchema(`openapi.json${ref}`)!;
      assert.ok(validate(r.body), `${name}: ${ajv.errorsText(validate.errors)}`);
      return r.body;
    };
    const threads = await check('listThreads', { query: { limit: '3' } });
    await check('getThread', { params: { id: threads.items[0].id } });
    const questions = await check('listQuestions', { query: { sort: 'top' } });
    await check('getQuestion', { params: { id: questions.items[0].id }, as: PEOPLE.ava });
    await check('searchArticles', { query: { q: 'deal', product: ['Acme Cloud Gateway', 'Acme Identity'] }, as: PEOPLE.ava });
    await check('listCertifications', { query: { org: 'org-northwind' } });
    await check('me', { as: PEOPLE.ava });
    await check('me');
    await check('stats', { as: PEOPLE.victor });
  });
});
