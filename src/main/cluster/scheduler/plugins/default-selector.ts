/**
 * The selector kube-scheduler derives for a Pod from what groups it (helper.DefaultSelector): the
 * merged selectors of the Services in its namespace that select it, narrowed by the selector of
 * its controlling ReplicationController, ReplicaSet or StatefulSet. PodTopologySpread's system
 * default constraints count the Pods this selector matches.
 */
import type { Pod, Service } from '../../../../shared/api/core.js';
import type { ReplicaSet, StatefulSet } from '../../../../shared/api/apps.js';
import type { ReplicationController } from '../../../../shared/api/replication-controller.js';
import { type CompiledSelector, labelSelectorAsSelector } from '../../../base/label-selector.js';

/** The scheduler's informer caches the default selector reads. */
export interface WorkloadListers {
  services(namespace: string): readonly Service[];
  replicationController(namespace: string, name: string): ReplicationController | undefined;
  replicaSet(namespace: string, name: string): ReplicaSet | undefined;
  statefulSet(namespace: string, name: string): StatefulSet | undefined;
}

export const NO_WORKLOADS: WorkloadListers = {
  services: () => [],
  replicationController: () => undefined,
  replicaSet: () => undefined,
  statefulSet: () => undefined,
};

/** Every one of the parts must match; empty (selects everything) when every part is. */
function allOf(parts: readonly CompiledSelector[]): CompiledSelector {
  const narrowing = parts.filter((p) => !p.empty);
  return {
    empty: narrowing.length === 0,
    matches: (labels) => narrowing.every((p) => p.matches(labels)),
    toString: () => narrowing.map(String).join(','),
  };
}

/** A label map as an equality selector (labels.Set's AsSelector); empty for no pairs. */
function setSelector(labels: Record<string, string>): CompiledSelector {
  const compiled = labelSelectorAsSelector({ matchLabels: labels });
  return compiled.ok ? compiled.selector : allOf([]);
}

/** GetPodServices: the Services of the Pod's namespace whose (non-nil) selector matches its labels. */
function servicesSelecting(pod: Pod, listers: WorkloadListers): Service[] {
  const labels = pod.metadata.labels ?? {};
  return listers.services(pod.metadata.namespace ?? 'default').filter((service) => {
    const selector = service.spec?.selector;
    return selector != null && Object.entries(selector).every(([key, value]) => Object.hasOwn(labels, key) && labels[key] === value);
  });
}

export function defaultSelector(pod: Pod, listers: WorkloadListers): CompiledSelector {
  // Services, RCs, RSs and SSs that match the Pod cannot conflict: merging their labels is safe.
  let labelSet: Record<string, string> = {};
  for (const service of servicesSelecting(pod, listers)) labelSet = { ...labelSet, ...service.spec.selector };
  const fromServices = setSelector(labelSet);
  const owner = pod.metadata.ownerReferences?.find((r) => r.controller === true);
  if (!owner) return fromServices;
  const namespace = pod.metadata.namespace ?? 'default';
  if (owner.apiVersion === 'v1' && owner.kind === 'ReplicationController') {
    const rc = listers.replicationController(namespace, owner.name);
    return rc ? setSelector({ ...labelSet, ...rc.spec.selector }) : fromServices;
  }
  const workload =
    owner.apiVersion === 'apps/v1' && owner.kind === 'ReplicaSet'
      ? listers.replicaSet(namespace, owner.name)
      : owner.apiVersion === 'apps/v1' && owner.kind === 'StatefulSet'
        ? listers.statefulSet(namespace, owner.name)
        : undefined;
  // A missing or malformed selector (labels.Nothing) has no requirements to add.
  const compiled = workload?.spec.selector ? labelSelectorAsSelector(workload.spec.selector) : undefined;
  return compiled?.ok ? allOf([fromServices, compiled.selector]) : fromServices;
}
