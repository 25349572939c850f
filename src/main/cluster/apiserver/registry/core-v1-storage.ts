/**
 * Core v1 storage kinds: PersistentVolumes (cluster-scoped) and PersistentVolumeClaims. Scheme
 * defaults (Retain, Filesystem, phase Pending), the key spec checks of ValidatePersistentVolume and
 * ValidatePersistentVolumeClaim, PVC spec immutability, and kubectl's printers with access modes
 * abbreviated RWO/ROX/RWX/RWOP.
 */
import { canonicalJson } from '../../../base/canonical-json.js';
import { rfc3339 } from '../../../base/duration.js';
import { parseQuantity } from '../../../base/quantity.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { type FieldError, forbidden, invalidValue, notSupported, required } from '../errors.js';
import { age } from './printing.js';
import { ALL_VERBS, type ResourceDefinition, column } from './resource.js';
import { validateDns1123Subdomain, validateObjectMeta } from './validation.js';

export interface PersistentVolume extends KubeObject {
  spec: {
    capacity?: Record<string, string>;
    accessModes?: string[];
    persistentVolumeReclaimPolicy?: string;
    storageClassName?: string;
    volumeMode?: string;
    volumeAttributesClassName?: string;
    claimRef?: { namespace?: string; name?: string };
    [source: string]: unknown;
  };
  status?: { phase?: string; reason?: string; message?: string; lastPhaseTransitionTime?: string };
}

export interface PersistentVolumeClaim extends KubeObject {
  spec: {
    accessModes?: string[];
    resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
    volumeName?: string;
    storageClassName?: string;
    volumeMode?: string;
    volumeAttributesClassName?: string;
    [field: string]: unknown;
  };
  status?: { phase?: string; accessModes?: string[]; capacity?: Record<string, string> };
}

/** supportedAccessModes, as sets.List sorts them in validation messages. */
const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const ACCESS_MODE_SHORT: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };
const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];
const VOLUME_MODES = ['Block', 'Filesystem'];

/** The PersistentVolumeSource members: a PV names exactly one. */
const VOLUME_SOURCES = [
  'gcePersistentDisk', 'awsElasticBlockStore', 'hostPath', 'glusterfs', 'nfs', 'rbd', 'iscsi', 'cinder', 'cephfs', 'fc', 'flocker', 'flexVolume',
  'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'local', 'storageos', 'csi',
];

/** helper.GetAccessModesAsString: deduplicated, in RWO ROX RWX RWOP order, comma-joined. */
export function accessModesText(modes: readonly string[] | undefined): string {
  const set = new Set(modes ?? []);
  return ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'].filter((m) => set.has(m)).map((m) => ACCESS_MODE_SHORT[m]).join(',');
}

function validateAccessModes(modes: readonly string[] | undefined, field: string, requiredWhy?: string): FieldError[] {
  if (!modes || modes.length === 0) return [required(field, requiredWhy)];
  const errors: FieldError[] = [];
  for (const mode of modes) if (!ACCESS_MODES.includes(mode)) errors.push(notSupported(field, mode, ACCESS_MODES));
  if (modes.includes('ReadWriteOncePod') && modes.length > 1) errors.push(forbidden(field, 'may not use ReadWriteOncePod with other access modes'));
  return errors;
}

function validateCommon(spec: { volumeMode?: string; storageClassName?: string }): FieldError[] {
  const errors: FieldError[] = [];
  if (spec.volumeMode !== undefined && !VOLUME_MODES.includes(spec.volumeMode)) errors.push(notSupported('spec.volumeMode', spec.volumeMode, VOLUME_MODES));
  if (spec.storageClassName) errors.push(...validateDns1123Subdomain(spec.storageClassName, 'spec.storageClassName'));
  return errors;
}

function validatePersistentVolume(obj: KubeObject): FieldError[] {
  const pv = obj as PersistentVolume;
  const spec = pv.spec ?? {};
  const errors = validateObjectMeta(obj, { namespaced: false, nameRule: 'subdomain' });
  errors.push(...validateAccessModes(spec.accessModes, 'spec.accessModes'));
  const capacity = Object.keys(spec.capacity ?? {});
  if (capacity.length === 0) errors.push(required('spec.capacity'));
  for (const key of capacity) if (key !== 'storage') errors.push(notSupported(`spec.capacity`, key, ['storage']));
  const reclaim = spec.persistentVolumeReclaimPolicy;
  if (reclaim !== undefined && !RECLAIM_POLICIES.includes(reclaim)) errors.push(notSupported('spec.persistentVolumeReclaimPolicy', reclaim, RECLAIM_POLICIES));
  const sources = VOLUME_SOURCES.filter((s) => spec[s] !== undefined && spec[s] !== null);
  if (sources.length === 0) errors.push(required('spec', 'must specify a volume type'));
  for (const extra of sources.slice(1)) errors.push(forbidden(`spec.${extra}`, 'may not specify more than 1 volume type'));
  errors.push(...validateCommon(spec));
  return errors;
}

function storageRequest(pvc: PersistentVolumeClaim): string | undefined {
  return pvc.spec?.resources?.requests?.storage;
}

function validatePersistentVolumeClaim(obj: KubeObject): FieldError[] {
  const pvc = obj as PersistentVolumeClaim;
  const spec = pvc.spec ?? {};
  const errors = validateObjectMeta(obj, { namespaced: true, nameRule: 'subdomain' });
  errors.push(...validateAccessModes(spec.accessModes, 'spec.accessModes', 'at least 1 access mode is required'));
  const storage = storageRequest(pvc);
  if (storage === undefined) errors.push(required('spec.resources[storage]'));
  else if ((parseQuantity(storage) ?? 0) <= 0) errors.push(invalidValue('spec.resources[storage]', storage, 'must be greater than zero'));
  errors.push(...validateCommon(spec));
  return errors;
}

/**
 * ValidatePersistentVolumeClaimUpdate: the spec is fixed, except that an unbound claim may gain a
 * volumeName, a claim without a class may gain one (the retroactive default StorageClass, GA in
 * 1.28), and a bound claim may grow its storage request (never shrink it).
 */
function validatePersistentVolumeClaimUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const next = obj as PersistentVolumeClaim;
  const prev = old as PersistentVolumeClaim;
  const errors = validatePersistentVolumeClaim(obj);
  const nextSpec = structuredClone(next.spec ?? {});
  const prevSpec = structuredClone(prev.spec ?? {});
  if (!prevSpec.volumeName) prevSpec.volumeName = nextSpec.volumeName;
  if (prevSpec.storageClassName === undefined && nextSpec.storageClassName !== undefined) prevSpec.storageClassName = nextSpec.storageClassName;
  const bound = next.status?.phase === 'Bound';
  if (bound && nextSpec.resources?.requests) {
    const oldStorage = storageRequest(prev);
    if (oldStorage === undefined) delete nextSpec.resources.requests.storage;
    else nextSpec.resources.requests.storage = oldStorage;
  }
  if (canonicalJson(nextSpec) !== canonicalJson(prevSpec)) {
    errors.push(forbidden('spec', 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims'));
  }
  const newSize = parseQuantity(storageRequest(next));
  const oldSize = parseQuantity(storageRequest(prev));
  if (newSize !== undefined && oldSize !== undefined && newSize < oldSize) {
    errors.push(forbidden('spec.resources.requests.storage', 'field can not be less than previous value'));
  }
  return errors;
}

const NAME_COLUMN = column('Name', 'string', 'Name must be unique within a namespace.', 0, 'name');
const AGE_COLUMN = column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.');

export const persistentVolumeResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'PersistentVolume',
  plural: 'persistentvolumes',
  singular: 'persistentvolume',
  namespaced: false,
  shortNames: ['pv'],
  categories: [],
  storagePrefix: 'persistentvolumes',
  verbs: ALL_VERBS,
  subresources: ['status'],
  strategy: {
    returnDeletedObject: true,
    hasStatusSubresource: true,
    applyDefaults(obj) {
      const pv = obj as PersistentVolume;
      pv.spec ??= {};
      pv.spec.persistentVolumeReclaimPolicy ??= 'Retain';
      pv.spec.volumeMode ??= 'Filesystem';
      pv.status ??= {};
      pv.status.phase ||= 'Pending';
    },
    prepareForCreate(obj, ctx) {
      // PersistentVolumeLastPhaseTransitionTime (GA in 1.31): a new volume starts Pending, stamped.
      (obj as PersistentVolume).status = { phase: 'Pending', lastPhaseTransitionTime: rfc3339(ctx.now()) };
    },
    validate: validatePersistentVolume,
    validateUpdate: (obj) => validatePersistentVolume(obj),
  },
  printer: {
    columns: [
      NAME_COLUMN,
      column('Capacity', 'string', 'capacity is the description of the persistent volume\'s resources and capacity.'),
      column('Access Modes', 'string', 'accessModes contains all ways the volume can be mounted.'),
      column('Reclaim Policy', 'string', 'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim.'),
      column('Status', 'string', 'phase indicates if a volume is available, bound to a claim, or released by a claim.'),
      column('Claim', 'string', 'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim.'),
      column('StorageClass', 'string', 'storageClassName is the name of StorageClass to which this persistent volume belongs.'),
      column('VolumeAttributesClass', 'string', 'Name of VolumeAttributesClass to which this persistent volume belongs.'),
      column('Reason', 'string', 'reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI.'),
      AGE_COLUMN,
      column('VolumeMode', 'string', 'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state.', 1),
    ],
    cells: (obj, now) => {
      const pv = obj as PersistentVolume;
      const ref = pv.spec.claimRef;
      const claim = ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '';
      return [
        pv.metadata.name ?? '',
        pv.spec.capacity?.storage ?? '',
        accessModesText(pv.spec.accessModes),
        pv.spec.persistentVolumeReclaimPolicy ?? '',
        pv.metadata.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? ''),
        claim,
        pv.spec.storageClassName ?? '',
        pv.spec.volumeAttributesClassName || '<unset>',
        pv.status?.reason ?? '',
        age(pv.metadata.creationTimestamp, now),
        pv.spec.volumeMode ?? '<unset>',
      ];
    },
  },
};

export const persistentVolumeClaimResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'PersistentVolumeClaim',
  plural: 'persistentvolumeclaims',
  singular: 'persistentvolumeclaim',
  namespaced: true,
  shortNames: ['pvc'],
  categories: [],
  storagePrefix: 'persistentvolumeclaims',
  verbs: ALL_VERBS,
  subresources: ['status'],
  strategy: {
    returnDeletedObject: true,
    hasStatusSubresource: true,
    applyDefaults(obj) {
      const pvc = obj as PersistentVolumeClaim;
      pvc.spec ??= {};
      pvc.spec.volumeMode ??= 'Filesystem';
      pvc.status ??= {};
      pvc.status.phase ||= 'Pending';
    },
    prepareForCreate(obj) {
      (obj as PersistentVolumeClaim).status = { phase: 'Pending' };
    },
    validate: validatePersistentVolumeClaim,
    validateUpdate: validatePersistentVolumeClaimUpdate,
  },
  printer: {
    columns: [
      NAME_COLUMN,
      column('Status', 'string', 'phase represents the current phase of PersistentVolumeClaim.'),
      column('Volume', 'string', 'volumeName is the binding reference to the PersistentVolume backing this claim.'),
      column('Capacity', 'string', 'capacity represents the actual resources of the underlying volume.'),
      column('Access Modes', 'string', 'accessModes contains the desired access modes the volume should have.'),
      column('StorageClass', 'string', 'storageClassName is the name of the StorageClass required by the claim.'),
      column('VolumeAttributesClass', 'string', 'volumeAttributesClassName may be used to set the VolumeAttributesClass used by this claim.'),
      AGE_COLUMN,
      column('VolumeMode', 'string', 'volumeMode defines what type of volume is required by the claim.', 1),
    ],
    cells: (obj, now) => {
      const pvc = obj as PersistentVolumeClaim;
      const bound = pvc.spec.volumeName !== undefined && pvc.spec.volumeName !== '';
      return [
        pvc.metadata.name ?? '',
        pvc.metadata.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? ''),
        pvc.spec.volumeName ?? '',
        bound ? (pvc.status?.capacity?.storage ?? '') : '',
        bound ? accessModesText(pvc.status?.accessModes) : '',
        pvc.spec.storageClassName ?? '',
        pvc.spec.volumeAttributesClassName || '<unset>',
        age(pvc.metadata.creationTimestamp, now),
        pvc.spec.volumeMode ?? '<unset>',
      ];
    },
  },
};

export const coreV1StorageResources: readonly ResourceDefinition[] = [persistentVolumeResource, persistentVolumeClaimResource];
