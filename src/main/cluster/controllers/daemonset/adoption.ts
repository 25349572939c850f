/**
 * ClaimPods' adoption half (controller.PodControllerRefManager): an orphan Pod in the owner's
 * namespace that its selector matches, and that is not being deleted, gets the owner as its
 * controller through a strategic-merge patch carrying the Pod's uid as a precondition. Used by the
 * DaemonSet and StatefulSet controllers (a StatefulSet adopts only Pods named after it). Releasing
 * Pods whose labels stopped matching is not simulated.
 */
import type { Pod } from '../../../../shared/api/core.js';
import type { KubeObject, LabelSelector, OwnerReference } from '../../../../shared/api/meta.js';
import { labelSelectorAsSelector } from '../../../base/label-selector.js';
import type { ApiClient } from '../../client/api-client.js';
import { PODS } from '../../client/resources.js';

/** Adopt the matching orphans; returns the Pods now owned (as patched). */
export function adoptOrphans(
  client: ApiClient,
  owner: KubeObject & { spec: { selector?: LabelSelector } },
  ref: OwnerReference,
  orphans: Pod[],
  accept: (pod: Pod) => boolean = () => true,
): Pod[] {
  if (orphans.length === 0 || owner.metadata.deletionTimestamp) return [];
  const selector = labelSelectorAsSelector(owner.spec.selector);
  // An empty selector would match everything: controllers refuse to adopt with one.
  if (!selector.ok || Object.keys(owner.spec.selector?.matchLabels ?? {}).length + (owner.spec.selector?.matchExpressions?.length ?? 0) === 0) return [];
  const adopted: Pod[] = [];
  for (const pod of orphans) {
    if (pod.metadata.deletionTimestamp || !selector.selector.matches(pod.metadata.labels) || !accept(pod)) continue;
    const patched = client.patch<Pod>(PODS, pod.metadata.namespace, pod.metadata.name ?? '', 'strategic', {
      metadata: { ownerReferences: [ref], uid: pod.metadata.uid },
    });
    if (patched.ok) adopted.push(patched.value);
  }
  return adopted;
}
