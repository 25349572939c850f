/**
 * Shared validation with Kubernetes' exact messages (apimachinery validation and
 * pkg/apis/core/validation): names, labels, object metadata.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import { type FieldError, invalidValue, required } from '../errors.js';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const DNS1123_LABEL_ERROR =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
export const DNS1123_SUBDOMAIN_ERROR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

export function validateDns1123Label(value: string, field: string): FieldError[] {
  const errors: FieldError[] = [];
  if (value.length > 63) errors.push(invalidValue(field, value, 'must be no more than 63 characters'));
  if (!DNS1123_LABEL.test(value)) errors.push(invalidValue(field, value, DNS1123_LABEL_ERROR));
  return errors;
}

export function validateDns1123Subdomain(value: string, field: string): FieldError[] {
  const errors: FieldError[] = [];
  if (value.length > 253) errors.push(invalidValue(field, value, 'must be no more than 253 characters'));
  if (!DNS1123_SUBDOMAIN.test(value)) errors.push(invalidValue(field, value, DNS1123_SUBDOMAIN_ERROR));
  return errors;
}

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const QUALIFIED_NAME_ERROR =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_ERROR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

function validateQualifiedName(key: string, field: string): FieldError[] {
  const slash = key.indexOf('/');
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const errors: FieldError[] = [];
  if (prefix !== undefined && !DNS1123_SUBDOMAIN.test(prefix)) {
    errors.push(invalidValue(field, key, `prefix part ${DNS1123_SUBDOMAIN_ERROR}`));
  }
  if (name.length === 0) errors.push(invalidValue(field, key, 'name part must be non-empty'));
  else if (name.length > 63) errors.push(invalidValue(field, key, 'name part must be no more than 63 characters'));
  else if (!QUALIFIED_NAME.test(name)) errors.push(invalidValue(field, key, QUALIFIED_NAME_ERROR));
  return errors;
}

export function validateLabels(labels: Record<string, string> | undefined, field: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    errors.push(...validateQualifiedName(key, field));
    if (typeof value !== 'string') {
      errors.push(invalidValue(`${field}`, value, 'label values must be strings'));
    } else if (value.length > 63 || (value !== '' && !QUALIFIED_NAME.test(value))) {
      errors.push(invalidValue(field, value, LABEL_VALUE_ERROR));
    }
  }
  return errors;
}

/** ValidateObjectMeta: name (by the kind's rule), namespace presence, labels and annotation keys. */
export function validateObjectMeta(
  obj: KubeObject,
  options: { namespaced: boolean; nameRule: 'label' | 'subdomain' | 'path' },
): FieldError[] {
  const meta = obj.metadata;
  const errors: FieldError[] = [];
  const name = meta.name ?? '';
  if (!name) {
    errors.push(required('metadata.name', 'name or generateName is required'));
  } else if (options.nameRule === 'label') {
    errors.push(...validateDns1123Label(name, 'metadata.name'));
  } else if (options.nameRule === 'subdomain') {
    errors.push(...validateDns1123Subdomain(name, 'metadata.name'));
  } else if (name === '.' || name === '..' || /[/%]/.test(name)) {
    errors.push(invalidValue('metadata.name', name, 'may not contain \'/\' or \'%\''));
  }
  if (options.namespaced && !meta.namespace) errors.push(required('metadata.namespace'));
  errors.push(...validateLabels(meta.labels, 'metadata.labels'));
  for (const key of Object.keys(meta.annotations ?? {})) {
    errors.push(...validateQualifiedName(key.toLowerCase(), 'metadata.annotations'));
  }
  return errors;
}
