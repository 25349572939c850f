/**
 * StorageObjectInUseProtection (plugin/pkg/admission/storage/storageobjectinuseprotection): every
 * new PersistentVolume and PersistentVolumeClaim gets its protection finalizer, so it outlives its
 * last user (the pv/pvc-protection controllers remove them).
 */
import type { AdmissionPlugin } from './admission.js';
import { isResource } from './forbid.js';

export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';
export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';

export const storageObjectInUseProtection: AdmissionPlugin = {
  name: 'StorageObjectInUseProtection',
  admit(attributes) {
    if (attributes.operation !== 'CREATE' || attributes.subresource || !attributes.object) return undefined;
    const finalizer = isResource(attributes, '', 'persistentvolumes')
      ? PV_PROTECTION_FINALIZER
      : isResource(attributes, '', 'persistentvolumeclaims')
        ? PVC_PROTECTION_FINALIZER
        : undefined;
    if (!finalizer) return undefined;
    const meta = attributes.object.metadata;
    if (!(meta.finalizers ?? []).includes(finalizer)) meta.finalizers = [...(meta.finalizers ?? []), finalizer];
    return undefined;
  },
};
