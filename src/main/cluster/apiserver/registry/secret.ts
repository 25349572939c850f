/**
 * Secrets: `data` must be base64 (a 400 from the decoder otherwise), `stringData` is merged into
 * `data` on every write and never stored, `type` defaults to Opaque and never changes, and the
 * well-known types require their keys — kube-apiserver 1.32's conversion, defaults and validation.
 */
import type { Secret } from '../../../../shared/api/core.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { type FieldError, forbidden, invalidValue, required, tooLong } from '../errors.js';
import { IMMUTABLE_DETAIL, MAX_CONFIG_SIZE, sorted } from './config-map.js';
import { GO_BOOL, GO_BYTES, GO_STRING, base64Size, decodeError, dropEmptyMaps, goMap, goStruct } from './decoding.js';
import { age } from './printing.js';
import { ALL_VERBS, type ResourceDefinition, column } from './resource.js';
import { validateConfigKey, validateObjectMeta } from './validation.js';

export const SECRET_TYPE_OPAQUE = 'Opaque';
export const SECRET_TYPE_SERVICE_ACCOUNT_TOKEN = 'kubernetes.io/service-account-token';
export const SERVICE_ACCOUNT_NAME_ANNOTATION = 'kubernetes.io/service-account.name';

const SECRET = goStruct('Secret', {
  data: goMap(GO_BYTES),
  stringData: goMap(GO_STRING),
  type: { kind: 'string', name: 'v1.SecretType' },
  immutable: GO_BOOL,
});

/** JSON decoding, then the v1 → internal conversion that folds `stringData` into `data`. */
function decode(obj: KubeObject): string | undefined {
  const error = decodeError(obj, SECRET);
  if (error) return error;
  const secret = obj as Secret;
  if (secret.stringData) {
    const data = (secret.data ??= {});
    // stringData wins over data for the same key.
    for (const [key, value] of Object.entries(secret.stringData)) data[key] = Buffer.from(value, 'utf8').toString('base64');
  }
  delete secret.stringData;
  dropEmptyMaps(obj, ['data']);
  return undefined;
}

function applyDefaults(obj: KubeObject): void {
  const secret = obj as Secret;
  if (!secret.type) secret.type = SECRET_TYPE_OPAQUE;
}

/** The keys each well-known type must carry (ValidateSecret's switch). */
function validateType(secret: Secret): FieldError[] {
  const data = secret.data ?? {};
  const has = (key: string): boolean => key in data;
  switch (secret.type) {
    case SECRET_TYPE_SERVICE_ACCOUNT_TOKEN:
      // The token controller fills in the token, ca.crt and namespace later.
      return secret.metadata.annotations?.[SERVICE_ACCOUNT_NAME_ANNOTATION] ? [] : [required(`metadata.annotations[${SERVICE_ACCOUNT_NAME_ANNOTATION}]`)];
    case 'kubernetes.io/dockercfg':
      return has('.dockercfg') ? [] : [required('data[.dockercfg]')];
    case 'kubernetes.io/dockerconfigjson':
      return has('.dockerconfigjson') ? [] : [required('data[.dockerconfigjson]')];
    case 'kubernetes.io/basic-auth':
      // Either may be empty, but one of them must be there.
      return has('username') || has('password') ? [] : [required('data[username]'), required('data[password]')];
    case 'kubernetes.io/ssh-auth':
      return data['ssh-privatekey'] ? [] : [required('data[ssh-privatekey]')];
    case 'kubernetes.io/tls':
      return [...(has('tls.crt') ? [] : [required('data[tls.crt]')]), ...(has('tls.key') ? [] : [required('data[tls.key]')])];
    default:
      return [];
  }
}

function validate(obj: KubeObject): FieldError[] {
  const secret = obj as Secret;
  const errors = validateObjectMeta(obj, { namespaced: true, nameRule: 'subdomain' });
  let total = 0;
  for (const [key, value] of Object.entries(secret.data ?? {})) {
    errors.push(...validateConfigKey(key, `data[${key}]`));
    total += base64Size(value);
  }
  if (total > MAX_CONFIG_SIZE) errors.push(tooLong('data', MAX_CONFIG_SIZE));
  errors.push(...validateType(secret));
  return errors;
}

function validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const next = obj as Secret;
  const prev = old as Secret;
  const errors: FieldError[] = [];
  if (next.type !== prev.type) errors.push(invalidValue('type', next.type ?? '', 'field is immutable'));
  if (prev.immutable === true) {
    if (next.immutable !== true) errors.push(forbidden('immutable', IMMUTABLE_DETAIL));
    if (JSON.stringify(sorted(next.data)) !== JSON.stringify(sorted(prev.data))) errors.push(forbidden('data', IMMUTABLE_DETAIL));
  }
  return [...errors, ...validate(obj)];
}

export const secretResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Secret',
  plural: 'secrets',
  singular: 'secret',
  namespaced: true,
  shortNames: [],
  categories: [],
  storagePrefix: 'secrets',
  verbs: ALL_VERBS,
  subresources: [],
  strategy: {
    decode,
    applyDefaults,
    validate,
    validateUpdate,
    selectableField: (obj, field) => (field === 'type' ? ((obj as Secret).type ?? '') : undefined),
    selectableFields: ['type'],
  },
  printer: {
    columns: [
      column('Name', 'string', 'Name must be unique within a namespace.', 0, 'name'),
      column('Type', 'string', 'Used to facilitate programmatic handling of secret data.'),
      column('Data', 'string', 'Data contains the secret data.'),
      column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
    ],
    cells: (obj, now) => {
      const secret = obj as Secret;
      return [secret.metadata.name ?? '', secret.type ?? '', Object.keys(secret.data ?? {}).length, age(secret.metadata.creationTimestamp, now)];
    },
  },
};
