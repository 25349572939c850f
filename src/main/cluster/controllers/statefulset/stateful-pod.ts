/**
 * A StatefulSet Pod's identity and storage (pkg/controller/statefulset/stateful_set_utils.go,
 * 1.32): the name `<set>-<ordinal>`, hostname and subdomain, the `statefulset.kubernetes.io/pod-name`,
 * `apps.kubernetes.io/pod-index` and `controller-revision-hash` labels, one PersistentVolumeClaim
 * `<template>-<set>-<ordinal>` per volumeClaimTemplate mounted as the template's volume, and the
 * claims' owner references that carry persistentVolumeClaimRetentionPolicy.
 */
import type { PersistentVolumeClaimTemplate, StatefulSet } from '../../../../shared/api/apps.js';
import type { Pod, PodSpec, PodTemplateSpec } from '../../../../shared/api/core.js';
import type { KubeObject, OwnerReference } from '../../../../shared/api/meta.js';
import { POD_REVISION_LABEL, controllerRef } from '../history.js';

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

export interface PersistentVolumeClaim extends KubeObject {
  spec?: Record<string, unknown>;
  status?: { phase?: string; [field: string]: unknown };
}

export function startOrdinal(set: StatefulSet): number {
  return set.spec.ordinals?.start ?? 0;
}

export function replicaCount(set: StatefulSet): number {
  return set.spec.replicas ?? 1;
}

/** getParentNameAndOrdinal: the ordinal of a Pod named `<set>-<n>` of this set, else -1. */
export function ordinalOf(set: StatefulSet, pod: Pod): number {
  const match = /^(.*)-([0-9]+)$/.exec(pod.metadata.name ?? '');
  if (!match || match[1] !== set.metadata.name) return -1;
  const n = Number(match[2]);
  return Number.isSafeInteger(n) ? n : -1;
}

export function inOrdinalRange(set: StatefulSet, ordinal: number): boolean {
  return ordinal >= startOrdinal(set) && ordinal < startOrdinal(set) + replicaCount(set);
}

export function podName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata.name ?? ''}-${ordinal}`;
}

/** getPersistentVolumeClaimName. */
export function claimName(set: StatefulSet, template: PersistentVolumeClaimTemplate, ordinal: number): string {
  return `${template.metadata?.name ?? ''}-${set.metadata.name ?? ''}-${ordinal}`;
}

/** getPersistentVolumeClaims: each template named for the Pod, with the selector's labels added. */
export function claimsFor(set: StatefulSet, ordinal: number): PersistentVolumeClaim[] {
  const selectorLabels = set.spec.selector?.matchLabels ?? {};
  return (set.spec.volumeClaimTemplates ?? []).map((template) => {
    const meta = template.metadata ?? {};
    return {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: claimName(set, template, ordinal),
        namespace: set.metadata.namespace,
        labels: { ...meta.labels, ...selectorLabels },
        ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
        ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      },
      spec: structuredClone(template.spec ?? {}),
    };
  });
}

export function podRevision(pod: Pod): string {
  return pod.metadata.labels?.[POD_REVISION_LABEL] ?? '';
}

/** newStatefulSetPod: GetPodFromTemplate, initIdentity, updateStorage; then setPodRevision. */
export function newStatefulSetPod(set: StatefulSet, template: PodTemplateSpec, ordinal: number, revision: string): Pod {
  const name = podName(set, ordinal);
  const spec = structuredClone(template.spec) as PodSpec;
  const meta = template.metadata ?? {};
  spec.hostname = name;
  if (set.spec.serviceName) spec.subdomain = set.spec.serviceName;
  const claimVolumes = (set.spec.volumeClaimTemplates ?? []).map((t) => ({
    name: t.metadata?.name ?? '',
    persistentVolumeClaim: { claimName: claimName(set, t, ordinal) },
  }));
  const claimed = new Set(claimVolumes.map((v) => v.name));
  const volumes = [...claimVolumes, ...(spec.volumes ?? []).filter((v) => !claimed.has(v.name))];
  if (volumes.length > 0) spec.volumes = volumes;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: `${set.metadata.name ?? ''}-`,
      namespace: set.metadata.namespace,
      labels: { ...meta.labels, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal), [POD_REVISION_LABEL]: revision },
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [controllerRef(set, 'apps/v1', 'StatefulSet')],
    },
    spec,
  };
}

function retentionPolicy(set: StatefulSet): { whenDeleted: string; whenScaled: string } {
  return {
    whenDeleted: set.spec.persistentVolumeClaimRetentionPolicy?.whenDeleted ?? 'Retain',
    whenScaled: set.spec.persistentVolumeClaimRetentionPolicy?.whenScaled ?? 'Retain',
  };
}

function matchesRef(ref: OwnerReference, owner: KubeObject, apiVersion: string, kind: string): boolean {
  return ref.apiVersion === apiVersion && ref.kind === kind && ref.name === owner.metadata.name;
}

/**
 * updateClaimOwnerRefForSetAndPod: scrub the refs to this set and Pod, then add controller refs as
 * the policy says — the set when whenDeleted is Delete (for Pods in range), the Pod when
 * whenScaled is Delete and the Pod is being scaled away. Returns the new references, or undefined
 * when they are already right (isClaimOwnerUpToDate) or another controller owns the claim.
 */
export function claimOwnersFor(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod, scaledDown: boolean): OwnerReference[] | undefined {
  const refs = claim.metadata.ownerReferences ?? [];
  const ours = (r: OwnerReference) => matchesRef(r, set, 'apps/v1', 'StatefulSet') || matchesRef(r, pod, 'v1', 'Pod');
  // A ref to a previous object of the same name: the claim belongs to an older set; leave it.
  if (refs.some((r) => ours(r) && r.uid !== set.metadata.uid && r.uid !== pod.metadata.uid)) return undefined;
  if (refs.some((r) => r.controller === true && !ours(r))) {
    const scrubbed = refs.filter((r) => !ours(r));
    return scrubbed.length === refs.length ? undefined : scrubbed;
  }
  const next = refs.filter((r) => !ours(r));
  const policy = retentionPolicy(set);
  if (policy.whenScaled === 'Delete' && scaledDown) next.push(controllerRef(pod, 'v1', 'Pod'));
  else if (policy.whenDeleted === 'Delete' && !scaledDown) next.push(controllerRef(set, 'apps/v1', 'StatefulSet'));
  const key = (list: OwnerReference[]) => list.map((r) => `${r.uid}/${r.controller === true}`).join(',');
  return key(next) === key(refs) ? undefined : next;
}
