// valibot -> JSON Schema for the OpenAPI document: named contract schemas become components.
import { toJsonSchema, toJsonSchemaDefs, type ConversionConfig, type JsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { QueryInteger } from '../../src/contract/index.js';
import { namedSchemas } from '../../src/contract/schema-names.js';

export const componentRef = (name: string) => `#/components/schemas/${name}`;

const config: ConversionConfig = {
  // OpenAPI 3.1 schemas are JSON Schema 2020-12.
  target: 'draft-2020-12',
  errorMode: 'ignore',
  definitions: namedSchemas,
  overrideRef: ({ referenceId }) => componentRef(referenceId),
  // A query string carries every number as text, which the contract accepts as either; on the wire
  // (and so in the document) it is simply an integer, stated once instead of `anyOf[number, string]`.
  overrideSchema: ({ valibotSchema }) => (valibotSchema === QueryInteger ? { type: 'integer' } : undefined),
};

/** One schema, with a `$ref` wherever a named contract schema occurs (also at the top). */
export function schemaOf(schema: v.GenericSchema): JsonSchema {
  const out = toJsonSchema(schema, config);
  // Both live elsewhere in an OpenAPI document: the dialect is implied, the definitions are components.
  delete out.$schema;
  delete out.$defs;
  return out;
}

/** `components.schemas`: every named contract schema, referring to the others by `$ref`. */
export function componentSchemas(): Record<string, JsonSchema> {
  const { definitions: _, ...rest } = config;
  return toJsonSchemaDefs(namedSchemas, rest);
}

/**
 * The properties of a query object as parameter schemas, inlined (a parameter has no name of its
 * own). A filter that may repeat (`?product=a&product=b`) is described as the array it is.
 */
export function queryParameters(query: v.GenericSchema): { name: string; required: boolean; schema: JsonSchema }[] {
  const q = toJsonSchema(query, { ...config, definitions: undefined });
  const required = new Set(q.required ?? []);
  return Object.entries(q.properties ?? {}).map(([name, s]) => {
    const schema = typeof s === 'object' ? s : {};
    const repeated = schema.anyOf?.find((o): o is JsonSchema => typeof o === 'object' && o.type === 'array');
    return { name, required: required.has(name), schema: repeated ?? schema };
  });
}
