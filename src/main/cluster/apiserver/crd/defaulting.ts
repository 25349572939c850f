/**
 * Schema defaulting of a custom resource (apiextensions-apiserver's structural defaulting): a
 * `default` fills a missing field — and replaces a null one, since nulls of fields that are not
 * `nullable` are dropped first — at every level, top-down, so defaults of a defaulted object's
 * own fields apply too. Runs after pruning, before validation.
 */
import type { JSONSchemaProps } from '../../../../shared/api/apiextensions.js';
import { isPlainObject } from './structural-schema.js';

/** Applies the defaults of `schema` to a whole custom resource, in place. */
export function applySchemaDefaults(object: Record<string, unknown>, schema: JSONSchemaProps): void {
  defaultObject(object, schema, true);
}

function defaultObject(object: Record<string, unknown>, schema: JSONSchemaProps, root: boolean): void {
  const properties = schema.properties ?? {};
  for (const [key, fieldSchema] of Object.entries(properties)) {
    if (root && (key === 'metadata' || key === 'apiVersion' || key === 'kind')) continue;
    if (object[key] === null && !fieldSchema.nullable) delete object[key];
    if (!(key in object) && fieldSchema.default !== undefined) object[key] = structuredClone(fieldSchema.default);
  }
  const additional = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  for (const [key, value] of Object.entries(object)) {
    if (root && (key === 'metadata' || key === 'apiVersion' || key === 'kind')) continue;
    const fieldSchema = properties[key] ?? additional;
    if (fieldSchema) defaultValue(value, fieldSchema);
  }
}

function defaultValue(value: unknown, schema: JSONSchemaProps): void {
  if (Array.isArray(value)) {
    const items = schema.items;
    if (!items) return;
    value.forEach((item, i) => {
      if (item === null && !items.nullable && items.default !== undefined) value[i] = structuredClone(items.default);
      defaultValue(value[i], items);
    });
    return;
  }
  if (isPlainObject(value)) defaultObject(value, schema, schema['x-kubernetes-embedded-resource'] === true);
}
