/**
 * Structural schema rules for a CRD's openAPIV3Schema (apiextensions-apiserver's
 * schema.ValidateStructural and the OpenAPI checks around it): every node says its type — except
 * `x-kubernetes-int-or-string` and `x-kubernetes-preserve-unknown-fields` nodes — the root is an
 * object, properties and additionalProperties exclude each other, and metadata may only restrict
 * name and generateName. Messages and field paths are kube-apiserver 1.32's. `x-kubernetes-validations`
 * (CEL) rules are accepted but never compiled or run.
 */
import type { JSONSchemaProps } from '../../../../shared/api/apiextensions.js';
import { type FieldError, forbidden, invalidValue, required } from '../errors.js';

const TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];

type Level = 'root' | 'field' | 'item' | 'other';

/** Errors of a version's schema at `path` (`spec.versions[0].schema.openAPIV3Schema`). */
export function validateStructuralSchema(schema: JSONSchemaProps, path: string, statusEnabled: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (statusEnabled && schema.type !== undefined && schema.type !== 'object') {
    errors.push(invalidValue(`${path}.type`, schema.type, 'only "object" is allowed as the type at the root of the schema if the status subresource is enabled'));
  }
  if (schema.nullable) errors.push(forbidden(`${path}.nullable`, 'nullable cannot be true at the root'));
  walk(schema, path, 'root', errors);
  const metadata = schema.properties?.metadata;
  if (metadata && Object.keys(metadata.properties ?? {}).some((k) => k !== 'name' && k !== 'generateName')) {
    errors.push(forbidden(`${path}.properties[metadata]`, 'must not specify anything other than name and generateName, but metadata is implicitly specified'));
  }
  return errors;
}

function walk(schema: JSONSchemaProps, path: string, level: Level, errors: FieldError[]): void {
  const typeless = schema.type === undefined || schema.type === '';
  const exempt = schema['x-kubernetes-int-or-string'] === true || schema['x-kubernetes-preserve-unknown-fields'] === true || schema['x-kubernetes-embedded-resource'] === true;
  if (typeless && !exempt) {
    if (level === 'root') errors.push(required(`${path}.type`, 'must not be empty at the root'));
    else if (level === 'field') errors.push(required(`${path}.type`, 'must not be empty for specified object fields'));
    else if (level === 'item') errors.push(required(`${path}.type`, 'must not be empty for specified array items'));
  } else if (!typeless && !TYPES.includes(schema.type!)) {
    errors.push(notSupportedType(`${path}.type`, schema.type!));
  } else if (level === 'root' && !typeless && schema.type !== 'object') {
    errors.push(invalidValue(`${path}.type`, schema.type, 'must be object at the root'));
  }
  if (schema['x-kubernetes-preserve-unknown-fields'] === false) {
    errors.push(invalidValue(`${path}.x-kubernetes-preserve-unknown-fields`, false, 'must be true or undefined'));
  }
  if (schema.uniqueItems) errors.push(forbidden(`${path}.uniqueItems`, 'uniqueItems cannot be set to true since the runtime complexity becomes quadratic'));
  const additional = schema.additionalProperties;
  if (additional !== undefined && Object.keys(schema.properties ?? {}).length > 0 && additional !== true) {
    errors.push(forbidden(`${path}.additionalProperties`, 'additionalProperties and properties are mutual exclusive'));
  }
  if (typeof additional === 'object') walk(additional, `${path}.additionalProperties`, 'field', errors);
  for (const key of Object.keys(schema.properties ?? {}).sort()) {
    walk(schema.properties![key]!, `${path}.properties[${key}]`, 'field', errors);
  }
  if (schema.items) walk(schema.items, `${path}.items`, 'item', errors);
  schema.allOf?.forEach((s, i) => walk(s, `${path}.allOf[${i}]`, 'other', errors));
  schema.anyOf?.forEach((s, i) => walk(s, `${path}.anyOf[${i}]`, 'other', errors));
  schema.oneOf?.forEach((s, i) => walk(s, `${path}.oneOf[${i}]`, 'other', errors));
  if (schema.not) walk(schema.not, `${path}.not`, 'other', errors);
}

/** The OpenAPI check on a type name (requireValidPropertyType). */
function notSupportedType(field: string, type: string): FieldError {
  return {
    type: 'FieldValueNotSupported',
    field,
    detail: `Unsupported value: ${JSON.stringify(type)}: supported values: ${TYPES.map((t) => `"${t}"`).join(', ')}`,
  };
}

/** A value's JSON type as kube-openapi names it: integer for whole numbers, null for null. */
export function jsonType(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  return 'object';
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
