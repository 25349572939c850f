/**
 * ConfigMaps: key validation (IsConfigMapKey), the 1 MiB limit, `immutable`, and the printer whose
 * DATA column counts the keys of `data` and `binaryData` together, as kube-apiserver 1.32's does.
 */
import type { ConfigMap } from '../../../../shared/api/core.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { type FieldError, forbidden, invalidValue, tooLong } from '../errors.js';
import { GO_BOOL, GO_BYTES, GO_STRING, base64Size, decodeError, dropEmptyMaps, goMap, goStruct } from './decoding.js';
import { age } from './printing.js';
import { ALL_VERBS, type ResourceDefinition, column } from './resource.js';
import { validateConfigKey, validateObjectMeta } from './validation.js';

/** core.MaxSecretSize, shared by ConfigMaps and Secrets: what fits in one etcd value with room to spare. */
export const MAX_CONFIG_SIZE = 1024 * 1024;

export const IMMUTABLE_DETAIL = 'field is immutable when `immutable` is set';

const CONFIG_MAP = goStruct('ConfigMap', { data: goMap(GO_STRING), binaryData: goMap(GO_BYTES), immutable: GO_BOOL });

function decode(obj: KubeObject): string | undefined {
  const error = decodeError(obj, CONFIG_MAP);
  if (error) return error;
  dropEmptyMaps(obj, ['data', 'binaryData']);
  return undefined;
}

function validate(obj: KubeObject): FieldError[] {
  const cm = obj as ConfigMap;
  const errors = validateObjectMeta(obj, { namespaced: true, nameRule: 'subdomain' });
  let total = 0;
  for (const [key, value] of Object.entries(cm.data ?? {})) {
    errors.push(...validateConfigKey(key, `data[${key}]`));
    if (cm.binaryData && key in cm.binaryData) errors.push(invalidValue(`data[${key}]`, key, 'duplicate of key present in binaryData'));
    total += Buffer.byteLength(value, 'utf8');
  }
  for (const [key, value] of Object.entries(cm.binaryData ?? {})) {
    errors.push(...validateConfigKey(key, `binaryData[${key}]`));
    total += base64Size(value);
  }
  // field.NewPath("") prints as `[]`: the error is about the whole object.
  if (total > MAX_CONFIG_SIZE) errors.push(tooLong('[]', MAX_CONFIG_SIZE));
  return errors;
}

/** An immutable ConfigMap keeps its data for good (and stays immutable); only metadata may change. */
function validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const next = obj as ConfigMap;
  const prev = old as ConfigMap;
  const errors: FieldError[] = [];
  if (prev.immutable === true) {
    if (next.immutable !== true) errors.push(forbidden('immutable', IMMUTABLE_DETAIL));
    if (JSON.stringify(sorted(next.data)) !== JSON.stringify(sorted(prev.data))) errors.push(forbidden('data', IMMUTABLE_DETAIL));
    if (JSON.stringify(sorted(next.binaryData)) !== JSON.stringify(sorted(prev.binaryData))) errors.push(forbidden('binaryData', IMMUTABLE_DETAIL));
  }
  return [...errors, ...validate(obj)];
}

/** A map in key order, empty maps as absent (reflect.DeepEqual after a JSON round trip). */
export function sorted(map: Record<string, string> | undefined): Array<[string, string]> | undefined {
  const entries = Object.entries(map ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length > 0 ? entries : undefined;
}

export const configMapResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'ConfigMap',
  plural: 'configmaps',
  singular: 'configmap',
  namespaced: true,
  shortNames: ['cm'],
  categories: [],
  storagePrefix: 'configmaps',
  verbs: ALL_VERBS,
  subresources: [],
  strategy: { decode, validate, validateUpdate },
  printer: {
    columns: [
      column('Name', 'string', 'Name must be unique within a namespace.', 0, 'name'),
      column('Data', 'string', 'Data contains the configuration data.'),
      column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
    ],
    cells: (obj, now) => {
      const cm = obj as ConfigMap;
      return [cm.metadata.name ?? '', Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length, age(cm.metadata.creationTimestamp, now)];
    },
  },
};
