/**
 * storage.k8s.io/v1's CSI kinds: CSIDrivers (how the kubelet and attach/detach treat a driver),
 * CSINodes (the drivers each node's kubelet registered), CSIStorageCapacities (namespaced capacity
 * reports) and VolumeAttachments (attach requests, with a status subresource) — their defaults,
 * main validation rules and kube-apiserver's printers.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import { type FieldError, invalidValue, required } from '../errors.js';
import { defineResource } from './define-resource.js';
import { age } from './printing.js';
import { column } from './resource.js';
import { validateDns1123Subdomain, validateObjectMeta } from './validation.js';
import { ageColumn, nameColumn } from './workload-columns.js';

interface CSIDriver extends KubeObject {
  spec: {
    attachRequired?: boolean;
    podInfoOnMount?: boolean;
    volumeLifecycleModes?: string[];
    storageCapacity?: boolean;
    fsGroupPolicy?: string;
    tokenRequests?: Array<{ audience: string; expirationSeconds?: number }>;
    requiresRepublish?: boolean;
  };
}

interface CSINode extends KubeObject {
  spec: { drivers: Array<{ name: string; nodeID: string; topologyKeys?: string[] }> | null };
}

interface CSIStorageCapacity extends KubeObject {
  storageClassName?: string;
  capacity?: string;
  maximumVolumeSize?: string;
}

interface VolumeAttachment extends KubeObject {
  spec: { attacher?: string; nodeName?: string; source?: { persistentVolumeName?: string; inlineVolumeSpec?: unknown } };
  status?: { attached?: boolean };
}

/** SetDefaults_CSIDriver. */
function defaultCSIDriver(obj: KubeObject): void {
  const spec = ((obj as CSIDriver).spec ??= {});
  spec.attachRequired ??= true;
  spec.podInfoOnMount ??= false;
  spec.storageCapacity ??= false;
  spec.fsGroupPolicy ??= 'ReadWriteOnceWithFSType';
  spec.requiresRepublish ??= false;
  if (!spec.volumeLifecycleModes || spec.volumeLifecycleModes.length === 0) spec.volumeLifecycleModes = ['Persistent'];
}

function validateCSIDriver(obj: KubeObject): FieldError[] {
  return validateObjectMeta(obj, { namespaced: false, nameRule: 'subdomain' });
}

/** ValidateCSIDriverUpdate: everything but podInfoOnMount, requiresRepublish, storageCapacity and tokenRequests is fixed. */
function validateCSIDriverUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const [next, prev] = [(obj as CSIDriver).spec, (old as CSIDriver).spec];
  const errors = validateCSIDriver(obj);
  if (next.attachRequired !== prev.attachRequired) errors.push(invalidValue('spec.attachRequired', next.attachRequired ?? null, 'field is immutable'));
  if (next.fsGroupPolicy !== prev.fsGroupPolicy) errors.push(invalidValue('spec.fsGroupPolicy', next.fsGroupPolicy ?? '', 'field is immutable'));
  return errors;
}

function validateCSINode(obj: KubeObject): FieldError[] {
  const errors = validateObjectMeta(obj, { namespaced: false, nameRule: 'subdomain' });
  ((obj as CSINode).spec?.drivers ?? []).forEach((driver, i) => {
    if (!driver.name) errors.push(required(`spec.drivers[${i}].name`));
    if (!driver.nodeID) errors.push(required(`spec.drivers[${i}].nodeID`));
  });
  return errors;
}

function validateCapacity(obj: KubeObject): FieldError[] {
  const capacity = obj as CSIStorageCapacity;
  const errors = validateObjectMeta(obj, { namespaced: true, nameRule: 'subdomain' });
  if (!capacity.storageClassName) errors.push(required('storageClassName'));
  else errors.push(...validateDns1123Subdomain(capacity.storageClassName, 'storageClassName'));
  return errors;
}

function validateAttachment(obj: KubeObject): FieldError[] {
  const spec = (obj as VolumeAttachment).spec ?? {};
  const errors = validateObjectMeta(obj, { namespaced: false, nameRule: 'subdomain' });
  if (!spec.attacher) errors.push(required('spec.attacher'));
  if (!spec.nodeName) errors.push(required('spec.nodeName'));
  const sources = [spec.source?.persistentVolumeName, spec.source?.inlineVolumeSpec].filter((s) => s !== undefined).length;
  if (sources !== 1) errors.push({ type: 'FieldValueForbidden', field: 'spec.source', detail: 'Forbidden: must specify exactly one of inlineVolumeSpec and persistentVolumeName' });
  return errors;
}

/** ValidateVolumeAttachmentUpdate: the spec is fixed. */
function validateAttachmentUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const errors = validateAttachment(obj);
  if (JSON.stringify((obj as VolumeAttachment).spec) !== JSON.stringify((old as VolumeAttachment).spec)) {
    errors.push(invalidValue('spec', '', 'field is immutable'));
  }
  return errors;
}

export const csiDriverResource = defineResource({
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'CSIDriver',
  plural: 'csidrivers',
  singular: 'csidriver',
  namespaced: false,
  strategy: { returnDeletedObject: true, tracksGeneration: true, applyDefaults: defaultCSIDriver, validate: validateCSIDriver, validateUpdate: validateCSIDriverUpdate },
  printer: {
    columns: [
      nameColumn,
      column('AttachRequired', 'boolean', 'attachRequired indicates this CSI volume driver requires an attach operation (because it implements the CSI ControllerPublishVolume() method), and that the Kubernetes attach detach controller should call the attach volume interface which checks the volumeattachment status and waits until the volume is attached before proceeding to mounting. The CSI external-attacher coordinates with CSI volume driver and updates the volumeattachment status when the attach operation is complete. If the value is specified to false, the attach operation will be skipped. Otherwise the attach operation will be called.\n\nThis field is immutable.'),
      column('PodInfoOnMount', 'boolean', 'podInfoOnMount indicates this CSI volume driver requires additional pod information (like podName, podUID, etc.) during mount operations, if set to true.'),
      column('StorageCapacity', 'boolean', 'storageCapacity indicates that the CSI volume driver wants pod scheduling to consider the storage capacity that the driver deployment will report by creating CSIStorageCapacity objects with capacity information, if set to true.'),
      column('TokenRequests', 'string', 'tokenRequests indicates the CSI driver needs pods\' service account tokens it is mounting volume for to do necessary authentication.'),
      column('RequiresRepublish', 'boolean', 'requiresRepublish indicates the CSI driver wants `NodePublishVolume` being periodically called to reflect any possible change in the mounted volume.'),
      column('Modes', 'string', 'volumeLifecycleModes defines what kind of volumes this CSI volume driver supports.'),
      ageColumn,
    ],
    cells: (obj, now) => {
      const spec = (obj as CSIDriver).spec ?? {};
      const tokens = spec.tokenRequests ? spec.tokenRequests.map((t) => t.audience).join(',') : '<unset>';
      const modes = (spec.volumeLifecycleModes ?? []).join(',') || '<none>';
      return [obj.metadata.name ?? '', spec.attachRequired ?? true, spec.podInfoOnMount ?? false, spec.storageCapacity ?? false, tokens, spec.requiresRepublish ?? false, modes, age(obj.metadata.creationTimestamp, now)];
    },
  },
});

export const csiNodeResource = defineResource({
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'CSINode',
  plural: 'csinodes',
  singular: 'csinode',
  namespaced: false,
  strategy: { returnDeletedObject: true, validate: validateCSINode, validateUpdate: (obj) => validateCSINode(obj) },
  printer: {
    columns: [nameColumn, column('Drivers', 'integer', 'Drivers indicates the number of CSI drivers registered on the node'), ageColumn],
    cells: (obj, now) => [obj.metadata.name ?? '', ((obj as CSINode).spec?.drivers ?? []).length, age(obj.metadata.creationTimestamp, now)],
  },
});

export const csiStorageCapacityResource = defineResource({
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'CSIStorageCapacity',
  plural: 'csistoragecapacities',
  singular: 'csistoragecapacity',
  namespaced: true,
  strategy: { validate: validateCapacity, validateUpdate: (obj) => validateCapacity(obj) },
  printer: {
    columns: [
      nameColumn,
      column('StorageClassName', 'string', 'storageClassName represents the name of the StorageClass that the reported capacity applies to. It must meet the same requirements as the name of a StorageClass object (non-empty, DNS subdomain). If that object no longer exists, the CSIStorageCapacity object is obsolete and should be removed by its creator. This field is immutable.'),
      column('Capacity', 'string', 'capacity is the value reported by the CSI driver in its GetCapacityResponse for a GetCapacityRequest with topology and parameters that match the previous fields.\n\nThe semantic is currently (CSI spec 1.2) defined as: The available capacity, in bytes, of the storage that can be used to provision volumes. If not set, that information is currently unavailable.'),
    ],
    cells: (obj) => {
      const capacity = obj as CSIStorageCapacity;
      return [capacity.metadata.name ?? '', capacity.storageClassName ?? '', capacity.capacity ?? '<unset>'];
    },
  },
});

export const volumeAttachmentResource = defineResource({
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'VolumeAttachment',
  plural: 'volumeattachments',
  singular: 'volumeattachment',
  namespaced: false,
  subresources: ['status'],
  strategy: { returnDeletedObject: true, hasStatusSubresource: true, validate: validateAttachment, validateUpdate: validateAttachmentUpdate },
  printer: {
    columns: [
      nameColumn,
      column('Attacher', 'string', 'attacher indicates the name of the volume driver that MUST handle this request. This is the name returned by GetPluginName().'),
      column('PV', 'string', 'persistentVolumeName represents the name of the persistent volume to attach.'),
      column('Node', 'string', 'nodeName represents the node that the volume should be attached to.'),
      column('Attached', 'boolean', 'attached indicates the volume is successfully attached. This field must only be set by the entity completing the attach operation, i.e. the external-attacher.'),
      ageColumn,
    ],
    cells: (obj, now) => {
      const va = obj as VolumeAttachment;
      return [va.metadata.name ?? '', va.spec?.attacher ?? '', va.spec?.source?.persistentVolumeName ?? '', va.spec?.nodeName ?? '', va.status?.attached ?? false, age(va.metadata.creationTimestamp, now)];
    },
  },
});
