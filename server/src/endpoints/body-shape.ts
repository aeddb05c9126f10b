// valibot's object schemas accept arrays (an array is an object to `typeof`), so a PATCH whose fields
// are all optional took `[]` as an empty patch and answered 200. This walks the body beside its schema
// and names every place where the schema says object and the body has an array.
import type { FieldError } from '../../../src/contract/index.js';

/** The parts of a valibot schema this walk reads. */
interface SchemaNode {
  type: string;
  entries?: Record<string, SchemaNode>;
  wrapped?: SchemaNode;
  item?: SchemaNode;
}

const OBJECTS = new Set(['object', 'loose_object', 'strict_object', 'object_with_rest']);
const WRAPPERS = new Set(['optional', 'exact_optional', 'nullable', 'nullish', 'undefinedable', 'non_optional', 'non_nullable', 'non_nullish']);

export function arraysWhereObjects(schema: SchemaNode, value: unknown, path = ''): FieldError[] {
  if (value === null || typeof value !== 'object') return [];
  if (WRAPPERS.has(schema.type) && schema.wrapped) return arraysWhereObjects(schema.wrapped, value, path);
  if (OBJECTS.has(schema.type)) {
    if (Array.isArray(value)) return [{ path: path || '(root)', message: 'expected Object, got Array' }];
    const record = value as Record<string, unknown>;
    return Object.entries(schema.entries ?? {}).flatMap(([k, s]) => arraysWhereObjects(s, record[k], path ? `${path}.${k}` : k));
  }
  if (schema.type === 'array' && schema.item && Array.isArray(value)) {
    const item = schema.item;
    return value.flatMap((x, i) => arraysWhereObjects(item, x, `${path}[${i}]`));
  }
  return [];
}
