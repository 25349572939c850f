/**
 * storage.k8s.io/v1 StorageClasses: cluster-scoped, `reclaimPolicy` defaulted to Delete and
 * `volumeBindingMode` to Immediate, provisioner/parameters/reclaimPolicy fixed after creation, and
 * the printer that marks the default class `(default)`.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import { type FieldError, forbidden, invalidValue, notSupported, required } from '../errors.js';
import { age } from './printing.js';
import { ALL_VERBS, type ResourceDefinition, column } from './resource.js';
import { validateObjectMeta, validateQualifiedName } from './validation.js';

export interface StorageClass extends KubeObject {
  provisioner: string;
  parameters?: Record<string, string>;
  reclaimPolicy?: string;
  mountOptions?: string[];
  allowVolumeExpansion?: boolean;
  volumeBindingMode?: string;
}

export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
const BETA_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';

const RECLAIM_POLICIES = ['Delete', 'Retain'];
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];

/** storageutil.IsDefaultAnnotation. */
export function isDefaultStorageClass(obj: KubeObject): boolean {
  const annotations = obj.metadata.annotations ?? {};
  return annotations[DEFAULT_CLASS_ANNOTATION] === 'true' || annotations[BETA_DEFAULT_CLASS_ANNOTATION] === 'true';
}

function validate(obj: KubeObject): FieldError[] {
  const sc = obj as StorageClass;
  const errors = validateObjectMeta(obj, { namespaced: false, nameRule: 'subdomain' });
  if (!sc.provisioner) errors.push(required('provisioner'));
  else {
    errors.push(...validateQualifiedName(sc.provisioner.toLowerCase(), 'provisioner'));
    if (sc.provisioner.length > 63) errors.push(invalidValue('provisioner', sc.provisioner, 'must be no more than 63 characters'));
  }
  if (sc.reclaimPolicy !== undefined && !RECLAIM_POLICIES.includes(sc.reclaimPolicy)) errors.push(notSupported('reclaimPolicy', sc.reclaimPolicy, RECLAIM_POLICIES));
  if (sc.volumeBindingMode === undefined || sc.volumeBindingMode === '') errors.push(required('volumeBindingMode'));
  else if (!BINDING_MODES.includes(sc.volumeBindingMode)) errors.push(notSupported('volumeBindingMode', sc.volumeBindingMode, BINDING_MODES));
  return errors;
}

function sameMap(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const norm = (m: Record<string, string> | undefined): string => JSON.stringify(Object.entries(m ?? {}).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
  return norm(a) === norm(b);
}

/** ValidateStorageClassUpdate. */
function validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const next = obj as StorageClass;
  const prev = old as StorageClass;
  const errors = validate(obj);
  if (!sameMap(next.parameters, prev.parameters)) errors.push(forbidden('parameters', 'updates to parameters are forbidden.'));
  if (next.provisioner !== prev.provisioner) errors.push(forbidden('provisioner', 'updates to provisioner are forbidden.'));
  if (next.reclaimPolicy !== prev.reclaimPolicy) errors.push(forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
  if (next.volumeBindingMode !== prev.volumeBindingMode) errors.push(invalidValue('volumeBindingMode', next.volumeBindingMode, 'field is immutable'));
  return errors;
}

export const storageClassResource: ResourceDefinition = {
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'StorageClass',
  plural: 'storageclasses',
  singular: 'storageclass',
  namespaced: false,
  shortNames: ['sc'],
  categories: [],
  storagePrefix: 'storageclasses',
  verbs: ALL_VERBS,
  subresources: [],
  strategy: {
    returnDeletedObject: true,
    applyDefaults(obj) {
      const sc = obj as StorageClass;
      sc.reclaimPolicy ??= 'Delete';
      sc.volumeBindingMode ??= 'Immediate';
    },
    validate,
    validateUpdate,
  },
  printer: {
    columns: [
      column('Name', 'string', 'Name must be unique within a namespace.', 0, 'name'),
      column('Provisioner', 'string', 'provisioner indicates the type of the provisioner.'),
      column('ReclaimPolicy', 'string', 'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete.'),
      column('VolumeBindingMode', 'string', 'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When unset, VolumeBindingImmediate is used. This field is only honored by servers that enable the VolumeScheduling feature.'),
      column('AllowVolumeExpansion', 'string', 'allowVolumeExpansion shows whether the storage class allow volume expand.'),
      column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
    ],
    cells: (obj, now) => {
      const sc = obj as StorageClass;
      const name = (sc.metadata.name ?? '') + (isDefaultStorageClass(sc) ? ' (default)' : '');
      return [name, sc.provisioner, sc.reclaimPolicy ?? '', sc.volumeBindingMode ?? '', String(sc.allowVolumeExpansion ?? false), age(sc.metadata.creationTimestamp, now)];
    },
  },
};

export const storageV1Resources: readonly ResourceDefinition[] = [storageClassResource];
