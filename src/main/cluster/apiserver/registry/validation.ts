/**
 * Shared validation with Kubernetes' exact messages (apimachinery validation and
 * pkg/apis/core/validation): names, labels, object metadata, config keys, ports and IPs.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import { type FieldError, invalidValue, required } from '../errors.js';
import { ipFamilyOf, specialRanges } from './ip.js';

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

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
export const DNS1035_LABEL_ERROR =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

/** Service names are DNS-1035 labels: they become DNS names and environment variables. */
export function validateDns1035Label(value: string, field: string): FieldError[] {
  const errors: FieldError[] = [];
  if (value.length > 63) errors.push(invalidValue(field, value, 'must be no more than 63 characters'));
  if (!DNS1035_LABEL.test(value)) errors.push(invalidValue(field, value, DNS1035_LABEL_ERROR));
  return errors;
}

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const QUALIFIED_NAME_ERROR =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_ERROR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

export function validateQualifiedName(key: string, field: string): FieldError[] {
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
  options: { namespaced: boolean; nameRule: 'label' | 'subdomain' | 'path' | 'dns1035' },
): FieldError[] {
  const meta = obj.metadata;
  const errors: FieldError[] = [];
  const name = meta.name ?? '';
  if (!name) {
    errors.push(required('metadata.name', 'name or generateName is required'));
  } else if (options.nameRule === 'dns1035') {
    errors.push(...validateDns1035Label(name, 'metadata.name'));
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

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
export const CONFIG_KEY_ERROR =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

/** IsConfigMapKey: ConfigMap and Secret keys become file names in a volume. */
export function validateConfigKey(key: string, field: string): FieldError[] {
  const messages: string[] = [];
  if (key.length > 253) messages.push('must be no more than 253 characters');
  if (!CONFIG_KEY.test(key)) messages.push(CONFIG_KEY_ERROR);
  if (key === '.') messages.push("must not be '.'");
  else if (key === '..') messages.push("must not be '..'");
  else if (key.startsWith('..')) messages.push("must not start with '..'");
  return messages.map((m) => invalidValue(field, key, m));
}

export const PORT_RANGE_ERROR = 'must be between 1 and 65535, inclusive';

export function isValidPortNum(port: unknown): boolean {
  return typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535;
}

/** IsValidPortName (IANA service names): what a named targetPort or port name must look like. */
export function portNameErrors(name: string): string[] {
  const errors: string[] = [];
  if (name.length > 15) errors.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) errors.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errors.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errors.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) errors.push('must not begin or end with a hyphen');
  return errors;
}

/** ValidatePortNumOrName: an int port in range, or a valid port name. */
export function validatePortNumOrName(port: unknown, field: string): FieldError[] {
  if (typeof port === 'string') return portNameErrors(port).map((m) => invalidValue(field, port, m));
  if (!isValidPortNum(port)) return [invalidValue(field, port, PORT_RANGE_ERROR)];
  return [];
}

/** IsValidIP (k8s.io/apimachinery/pkg/util/validation, 1.32). */
export function validateIP(value: unknown, field: string): FieldError[] {
  if (typeof value === 'string' && ipFamilyOf(value)) return [];
  return [invalidValue(field, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

/** IsValidCIDR (1.32): `10.9.8.0/24`, host bits allowed, as ParseCIDRSloppy takes it. */
export function validateCIDR(value: string, field: string): FieldError[] {
  const [address = '', bits, ...rest] = value.split('/');
  const family = ipFamilyOf(address);
  const prefix = Number(bits);
  const max = family === 'IPv6' ? 128 : 32;
  if (family && rest.length === 0 && /^\d{1,3}$/.test(bits ?? '') && prefix <= max) return [];
  return [invalidValue(field, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}

/** ValidateNonSpecialIP: endpoints and external IPs may not be unspecified, loopback or link-local. */
export function validateNonSpecialIP(value: string, field: string): FieldError[] {
  if (!ipFamilyOf(value)) return [invalidValue(field, value, 'must be a valid IP address')];
  const messages: Record<string, string> = {
    unspecified: `may not be unspecified (${value})`,
    loopback: 'may not be in the loopback range (127.0.0.0/8, ::1/128)',
    'link-local': 'may not be in the link-local range (169.254.0.0/16, fe80::/10)',
    'link-local-multicast': 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)',
  };
  return specialRanges(value).map((range) => invalidValue(field, value, messages[range]!));
}
