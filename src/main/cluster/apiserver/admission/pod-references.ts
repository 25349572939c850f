/**
 * What API objects a Pod refers to (podutil.VisitPodSecretNames / VisitPodConfigmapNames and the
 * claim volumes), for the plugins that keep mirror Pods from referencing any.
 */
import type { Pod } from '../../../../shared/api/core.js';

interface VolumeRefs {
  secret?: unknown;
  configMap?: unknown;
  persistentVolumeClaim?: unknown;
  projected?: { sources?: Array<{ secret?: unknown; configMap?: unknown; serviceAccountToken?: unknown; clusterTrustBundle?: unknown }> };
}

interface EnvRefs {
  env?: Array<{ valueFrom?: { secretKeyRef?: unknown; configMapKeyRef?: unknown } }>;
  envFrom?: Array<{ secretRef?: unknown; configMapRef?: unknown }>;
}

function volumes(pod: Pod): VolumeRefs[] {
  return (pod.spec.volumes ?? []) as VolumeRefs[];
}

function containers(pod: Pod): EnvRefs[] {
  return [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])] as EnvRefs[];
}

export function referencesSecrets(pod: Pod): boolean {
  if (Array.isArray(pod.spec.imagePullSecrets) && pod.spec.imagePullSecrets.length > 0) return true;
  if (containers(pod).some((c) => c.env?.some((e) => e.valueFrom?.secretKeyRef) || c.envFrom?.some((e) => e.secretRef))) return true;
  return volumes(pod).some((v) => v.secret || v.projected?.sources?.some((s) => s.secret));
}

export function referencesConfigMaps(pod: Pod): boolean {
  if (containers(pod).some((c) => c.env?.some((e) => e.valueFrom?.configMapKeyRef) || c.envFrom?.some((e) => e.configMapRef))) return true;
  return volumes(pod).some((v) => v.configMap || v.projected?.sources?.some((s) => s.configMap));
}

export function referencesClaims(pod: Pod): boolean {
  return volumes(pod).some((v) => v.persistentVolumeClaim);
}

export function referencesTrustBundles(pod: Pod): boolean {
  return volumes(pod).some((v) => v.projected?.sources?.some((s) => s.clusterTrustBundle));
}

export function usesTokenProjection(pod: Pod): boolean {
  return volumes(pod).some((v) => v.projected?.sources?.some((s) => s.serviceAccountToken));
}
