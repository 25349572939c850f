/** metav1.GetControllerOf: the owner reference that marks an object's managing controller. */
import type { KubeObject, OwnerReference } from './meta.js';

export function controllerOf(object: Pick<KubeObject, 'metadata'>): OwnerReference | undefined {
  return object.metadata.ownerReferences?.find((r) => r.controller === true);
}
