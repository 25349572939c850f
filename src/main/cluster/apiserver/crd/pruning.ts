/**
 * Structural pruning of a custom resource (apiextensions-apiserver's schema/pruning): fields its
 * schema does not specify are dropped, unless a node says `x-kubernetes-preserve-unknown-fields`;
 * apiVersion, kind and metadata stay at the root and in `x-kubernetes-embedded-resource` objects,
 * and metadata keeps only ObjectMeta's fields. The dropped paths are what strict field validation
 * reports (`unknown field "spec.foo"`).
 */
import type { JSONSchemaProps } from '../../../../shared/api/apiextensions.js';
import { isPlainObject } from './structural-schema.js';

const OBJECT_META_FIELDS = new Set([
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
]);

/** Prunes `object` (a whole custom resource) in place and returns the dropped fields' paths. */
export function pruneCustomResource(object: Record<string, unknown>, schema: JSONSchemaProps): string[] {
  const dropped: string[] = [];
  pruneObject(object, schema, '', true, dropped);
  return dropped;
}

function child(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function pruneObject(object: Record<string, unknown>, schema: JSONSchemaProps, path: string, resource: boolean, dropped: string[]): void {
  const properties = schema.properties ?? {};
  const additional = schema.additionalProperties;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  for (const key of Object.keys(object)) {
    const fieldPath = child(path, key);
    if (resource && (key === 'apiVersion' || key === 'kind')) continue;
    if (resource && key === 'metadata') {
      pruneMetadata(object[key], fieldPath, dropped);
      continue;
    }
    const fieldSchema = properties[key] ?? (typeof additional === 'object' ? additional : undefined);
    if (fieldSchema) {
      prune(object[key], fieldSchema, fieldPath, dropped);
    } else if (!preserve && additional !== true) {
      dropped.push(fieldPath);
      delete object[key];
    }
  }
}

function pruneMetadata(metadata: unknown, path: string, dropped: string[]): void {
  if (!isPlainObject(metadata)) return;
  for (const key of Object.keys(metadata)) {
    if (OBJECT_META_FIELDS.has(key)) continue;
    dropped.push(`${path}.${key}`);
    delete metadata[key];
  }
}

function prune(value: unknown, schema: JSONSchemaProps, path: string, dropped: string[]): void {
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((item, i) => prune(item, schema.items!, `${path}[${i}]`, dropped));
    return;
  }
  if (!isPlainObject(value)) return;
  // A node that only preserves unknown fields (no properties, no type) keeps everything below it.
  if (schema['x-kubernetes-preserve-unknown-fields'] && !schema.properties && typeof schema.additionalProperties !== 'object') return;
  pruneObject(value, schema, path, schema['x-kubernetes-embedded-resource'] === true, dropped);
}
