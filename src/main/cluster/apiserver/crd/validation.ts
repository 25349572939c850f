/**
 * Validation of a custom resource against its version's openAPIV3Schema, as kube-openapi's
 * SchemaValidator does it and apiextensions-apiserver turns its results into field errors:
 * `spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"`
 * (the quoted value is the JSON type that was sent), `Required value`, `Unsupported value`,
 * bounds, lengths, patterns, item counts and the basic string formats. allOf/anyOf/oneOf/not and
 * `x-kubernetes-validations` (CEL) are not evaluated.
 */
import type { JSONSchemaProps } from '../../../../shared/api/apiextensions.js';
import { type FieldError, invalidValue, notSupported, required, tooLong } from '../errors.js';
import { isPlainObject, jsonType } from './structural-schema.js';

/** Every error of `value` against `schema`; `path` is the value's path (`""` at the root). */
export function validateAgainstSchema(value: unknown, schema: JSONSchemaProps, path = ''): FieldError[] {
  const errors: FieldError[] = [];
  check(value, schema, path, errors);
  return errors;
}

/** The types a schema node accepts: `integer,string` for int-or-string. */
function acceptedTypes(schema: JSONSchemaProps): string[] {
  if (schema['x-kubernetes-int-or-string']) return ['integer', 'string'];
  return schema.type ? [schema.type] : [];
}

function typeError(path: string, types: string, sent: string): FieldError {
  return { type: 'FieldValueTypeInvalid', field: path, detail: `Invalid value: ${JSON.stringify(sent)}: ${path} in body must be of type ${types}: ${JSON.stringify(sent)}` };
}

function child(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function check(value: unknown, schema: JSONSchemaProps, path: string, errors: FieldError[]): void {
  const types = acceptedTypes(schema);
  const sent = jsonType(value);
  if (sent === 'null') {
    if (types.length > 0 && !schema.nullable) errors.push(typeError(path, types.join(','), 'null'));
    return;
  }
  const accepted = types.length === 0 || types.includes(sent) || (sent === 'integer' && types.includes('number'));
  if (!accepted) {
    errors.push(typeError(path, types.join(','), sent));
    return;
  }
  if (typeof value === 'string') checkString(value, schema, path, errors);
  if (typeof value === 'number') checkNumber(value, schema, path, errors);
  if (Array.isArray(value)) checkArray(value, schema, path, errors);
  if (schema.enum && !schema.enum.some((allowed) => sameJson(allowed, value))) {
    errors.push(notSupported(path, value, schema.enum.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))));
  }
  if (isPlainObject(value)) checkObject(value, schema, path, errors);
}

function checkString(value: string, schema: JSONSchemaProps, path: string, errors: FieldError[]): void {
  const length = [...value].length;
  if (schema.maxLength !== undefined && length > schema.maxLength) errors.push(tooLong(path, schema.maxLength));
  if (schema.minLength !== undefined && length < schema.minLength) {
    errors.push(invalidValue(path, value, `${path} in body should be at least ${schema.minLength} chars long`));
  }
  if (schema.pattern !== undefined && !matchesPattern(schema.pattern, value)) {
    errors.push(invalidValue(path, value, `${path} in body should match '${schema.pattern}'`));
  }
  const format = schema.format;
  if (format && FORMATS[format] && !FORMATS[format](value)) {
    errors.push({ type: 'FieldValueTypeInvalid', field: path, detail: `Invalid value: ${JSON.stringify(value)}: ${path} in body must be of type ${format}: ${JSON.stringify(value)}` });
  }
}

function checkNumber(value: number, schema: JSONSchemaProps, path: string, errors: FieldError[]): void {
  if (schema.multipleOf !== undefined && schema.multipleOf !== 0 && !Number.isInteger(value / schema.multipleOf)) {
    errors.push(invalidValue(path, value, `${path} in body should be a multiple of ${schema.multipleOf}`));
  }
  if (schema.maximum !== undefined) {
    if (schema.exclusiveMaximum ? value >= schema.maximum : value > schema.maximum) {
      const how = schema.exclusiveMaximum ? 'less than' : 'less than or equal to';
      errors.push(invalidValue(path, value, `${path} in body should be ${how} ${schema.maximum}`));
    }
  }
  if (schema.minimum !== undefined) {
    if (schema.exclusiveMinimum ? value <= schema.minimum : value < schema.minimum) {
      const how = schema.exclusiveMinimum ? 'greater than' : 'greater than or equal to';
      errors.push(invalidValue(path, value, `${path} in body should be ${how} ${schema.minimum}`));
    }
  }
}

function checkArray(value: unknown[], schema: JSONSchemaProps, path: string, errors: FieldError[]): void {
  if (schema.maxItems !== undefined && value.length > schema.maxItems) {
    const items = schema.maxItems === 1 ? 'item' : 'items';
    errors.push({ type: 'FieldValueTooMany', field: path, detail: `Too many: ${value.length}: must have at most ${schema.maxItems} ${items}` });
  }
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    errors.push(invalidValue(path, value.length, `${path} in body should have at least ${schema.minItems} items`));
  }
  if (schema.items) value.forEach((item, i) => check(item, schema.items!, `${path}[${i}]`, errors));
}

function checkObject(value: Record<string, unknown>, schema: JSONSchemaProps, path: string, errors: FieldError[]): void {
  if (schema['x-kubernetes-embedded-resource'] && path !== '') {
    // validateEmbeddedResource: an embedded object names its kind (metadata may be left out).
    if (value.apiVersion === undefined) errors.push(required(child(path, 'apiVersion'), 'must not be empty'));
    if (value.kind === undefined) errors.push(required(child(path, 'kind'), 'must not be empty'));
  }
  for (const key of schema.required ?? []) {
    if (value[key] === undefined) errors.push(required(child(path, key)));
  }
  const properties = schema.properties ?? {};
  const additional = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  for (const [key, field] of Object.entries(value)) {
    // A key holding undefined is an absent field (the server's copies may leave one behind).
    if (field === undefined) continue;
    // apiVersion, kind and metadata are the API server's own business at a resource's root.
    if ((path === '' || schema['x-kubernetes-embedded-resource']) && (key === 'metadata' || key === 'apiVersion' || key === 'kind')) {
      if (key !== 'metadata' && properties[key]) check(field, properties[key], child(path, key), errors);
      continue;
    }
    const fieldSchema = properties[key] ?? additional;
    if (fieldSchema) check(field, fieldSchema, child(path, key), errors);
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Go's regexp (RE2) and JavaScript agree on the patterns CRDs use; an unparsable one never matches. */
function matchesPattern(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return false;
  }
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?)*\.?$/;

/** The formats kube-apiserver checks (the rest of its list are accepted as plain strings here). */
const FORMATS: Record<string, (value: string) => boolean> = {
  'date-time': (v) => /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v.replace(' ', 'T'))),
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)),
  ipv4: (v) => IPV4.test(v),
  ipv6: (v) => v.includes(':') && /^[0-9A-Fa-f:.]+$/.test(v),
  cidr: (v) => /^[0-9A-Fa-f:.]+\/\d{1,3}$/.test(v),
  hostname: (v) => HOSTNAME.test(v),
  email: (v) => /^[^@\s]+@[^@\s]+$/.test(v),
  uuid: (v) => /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/.test(v),
  byte: (v) => /^[A-Za-z0-9+/]*={0,2}$/.test(v) && v.length % 4 === 0,
  duration: (v) => /^(-?\d+(\.\d+)?(ns|us|µs|ms|s|m|h|d|w))+$/.test(v),
};
