/**
 * DefaultStorageClass (plugin/pkg/admission/storage/storageclass/setdefault): a new claim that asks
 * for no class — neither `spec.storageClassName` (even "") nor the beta annotation — gets the
 * default StorageClass; with several defaults the newest wins, as in 1.32.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import { isDefaultStorageClass } from '../registry/storage-v1.js';
import type { AdmissionPlugin } from './admission.js';
import { isResource, newestFirst } from './forbid.js';

const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

interface Claim extends KubeObject {
  spec?: { storageClassName?: string | null };
}

export const defaultStorageClass: AdmissionPlugin = {
  name: 'DefaultStorageClass',
  admit(attributes, ctx) {
    if (attributes.operation !== 'CREATE' || attributes.subresource || !isResource(attributes, '', 'persistentvolumeclaims')) return undefined;
    const claim = attributes.object as Claim | undefined;
    if (!claim) return undefined;
    const spec = (claim.spec ??= {});
    // PersistentVolumeClaimHasClass: the user asked for a class (or for none, with "").
    if (claim.metadata.annotations?.[BETA_CLASS_ANNOTATION] !== undefined || (spec.storageClassName !== undefined && spec.storageClassName !== null)) return undefined;
    const defaults = ctx.list('storage.k8s.io', 'storageclasses').filter(isDefaultStorageClass).sort(newestFirst);
    const chosen = defaults[0]?.metadata.name;
    if (chosen) spec.storageClassName = chosen;
    return undefined;
  },
};
