/**
 * The APIServices a kubeadm cluster lists: kube-apiserver's autoregister controller creates one
 * per group/version it serves itself (`Local`, labelled `automanaged: onstart`, with the priorities
 * of its apiVersionPriorities table), and metrics-server's manifest registers
 * v1beta1.metrics.k8s.io, proxied to the `kube-system/metrics-server` Service. The availability
 * controller then marks each Available.
 */
import type { APIService, APIServiceCondition } from './apiregistration-v1.js';

/** apiVersionPriorities: group priority, then version priority, by `<group>/<version>`. */
const PRIORITIES: Readonly<Record<string, readonly [number, number]>> = {
  v1: [18000, 1],
  'apiextensions.k8s.io/v1': [16700, 15],
  'events.k8s.io/v1': [17750, 15],
  'authentication.k8s.io/v1': [17700, 15],
  'authorization.k8s.io/v1': [17600, 15],
  'autoscaling/v1': [17500, 15],
  'autoscaling/v2': [17500, 30],
  'batch/v1': [17400, 15],
  'certificates.k8s.io/v1': [17300, 15],
  'networking.k8s.io/v1': [17200, 15],
  'policy/v1': [17100, 15],
  'rbac.authorization.k8s.io/v1': [17000, 15],
  'storage.k8s.io/v1': [16800, 15],
  'apps/v1': [17800, 15],
  'admissionregistration.k8s.io/v1': [16700, 15],
  'scheduling.k8s.io/v1': [16600, 15],
  'coordination.k8s.io/v1': [16500, 15],
  'node.k8s.io/v1': [16300, 15],
  'discovery.k8s.io/v1': [16200, 15],
  'flowcontrol.apiserver.k8s.io/v1': [16100, 21],
  'apiregistration.k8s.io/v1': [18000, 1],
};

/** Group/versions served by an extension API server, not kube-apiserver itself. */
const AGGREGATED: Readonly<Record<string, { namespace: string; name: string; priorities: readonly [number, number] }>> = {
  'metrics.k8s.io/v1beta1': { namespace: 'kube-system', name: 'metrics-server', priorities: [100, 100] },
};

function available(now: string, local: boolean): APIServiceCondition {
  return local
    ? { type: 'Available', status: 'True', lastTransitionTime: now, reason: 'Local', message: 'Local APIServices are always available' }
    : { type: 'Available', status: 'True', lastTransitionTime: now, reason: 'Passed', message: 'all checks passed' };
}

/** The APIService for one served group/version, and the status the availability controller gives it. */
export function apiServiceFor(group: string, version: string, now: string): { object: APIService; status: NonNullable<APIService['status']> } {
  const key = group ? `${group}/${version}` : version;
  const aggregated = AGGREGATED[key];
  const [groupPriorityMinimum, versionPriority] = aggregated?.priorities ?? PRIORITIES[key] ?? [1000, 15];
  const object: APIService = {
    apiVersion: 'apiregistration.k8s.io/v1',
    kind: 'APIService',
    metadata: { name: `${version}.${group}`, ...(aggregated ? {} : { labels: { 'kube-aggregator.kubernetes.io/automanaged': 'onstart' } }) },
    spec: aggregated
      ? { service: { namespace: aggregated.namespace, name: aggregated.name }, group, version, insecureSkipTLSVerify: true, groupPriorityMinimum, versionPriority }
      : // The core group's `group: ""` is omitted (omitempty).
        { ...(group ? { group } : {}), version, groupPriorityMinimum, versionPriority },
  };
  return { object, status: { conditions: [available(now, !aggregated)] } };
}
