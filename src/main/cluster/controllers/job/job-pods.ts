/**
 * What the Job controller reads from and writes into Pods: the Pod it stamps out from the
 * template (generateName, the tracking finalizer, the owner reference, the completion index for
 * Indexed Jobs), and how it judges a Pod — active, terminating, succeeded, failed, when it
 * finished — which drives counting and the back-off between failed Pods.
 */
import type { Job } from '../../../../shared/api/batch.js';
import type { Container, Pod } from '../../../../shared/api/core.js';
import { COMPLETION_INDEX_KEY } from './indexed.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';

/** batch.kubernetes.io/job-tracking: a Pod is not gone until the controller has counted it. */
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';

/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff (pkg/controller/job). */
export const POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_POD_FAILURE_BACKOFF_MS = 10 * 60_000;

export function isIndexed(job: Job): boolean {
  return job.spec.completionMode === 'Indexed';
}

export function hasTrackingFinalizer(pod: Pod): boolean {
  return pod.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;
}

export function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** Running or pending and not being deleted: what `status.active` counts. */
export function isActive(pod: Pod): boolean {
  return !isTerminal(pod) && pod.metadata.deletionTimestamp === undefined;
}

export function isTerminating(pod: Pod): boolean {
  return !isTerminal(pod) && pod.metadata.deletionTimestamp !== undefined;
}

export function isReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/**
 * isPodFailed: phase Failed; with podReplacementPolicy Failed nothing else. Otherwise a Pod that
 * is being deleted before it succeeded counts as failed too (it will never finish).
 */
export function isPodFailed(pod: Pod, job: Job): boolean {
  if (job.spec.podReplacementPolicy === 'Failed') return pod.status?.phase === 'Failed';
  if (pod.status?.phase === 'Failed') return true;
  return pod.metadata.deletionTimestamp !== undefined && pod.status?.phase !== 'Succeeded';
}

/** getFinishedTime: the last container to terminate, else the deletion, else now. */
export function finishedTime(pod: Pod, now: number): number {
  let latest: number | undefined;
  for (const status of pod.status?.containerStatuses ?? []) {
    const at = status.state?.terminated?.finishedAt;
    if (at === undefined) continue;
    const ms = Date.parse(at);
    if (latest === undefined || ms > latest) latest = ms;
  }
  if (latest !== undefined) return latest;
  if (pod.metadata.deletionTimestamp) return Date.parse(pod.metadata.deletionTimestamp);
  return now;
}

/**
 * The back-off record's remaining time: 10 s doubled for every failure since the last success,
 * at most 10 min, counted from the last failure. Rebuilt from the Pods each time, so a
 * restarted controller waits exactly as long.
 */
export function remainingBackoff(pods: readonly Pod[], job: Job, now: number): number {
  let lastSuccess = -Infinity;
  for (const pod of pods) if (pod.status?.phase === 'Succeeded') lastSuccess = Math.max(lastSuccess, finishedTime(pod, now));
  let failures = 0;
  let lastFailure = -Infinity;
  for (const pod of pods) {
    if (!isPodFailed(pod, job) || pod.status?.phase === 'Succeeded') continue;
    if (matchPodFailurePolicy(job, pod)?.countFailed === false) continue;
    const at = finishedTime(pod, now);
    if (at <= lastSuccess) continue;
    failures++;
    lastFailure = Math.max(lastFailure, at);
  }
  if (failures === 0) return 0;
  const delay = Math.min(POD_FAILURE_BACKOFF_MS * 2 ** (failures - 1), MAX_POD_FAILURE_BACKOFF_MS);
  return Math.max(0, lastFailure + delay - now);
}

/** pastBackoffLimitOnFailure: with restartPolicy OnFailure, container restarts count as failures. */
export function restartsPastBackoffLimit(job: Job, pods: readonly Pod[]): boolean {
  if (job.spec.template.spec?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const pod of pods) {
    if (pod.status?.phase !== 'Running' && pod.status?.phase !== 'Pending') continue;
    for (const status of [...(pod.status.initContainerStatuses ?? []), ...(pod.status.containerStatuses ?? [])]) restarts += status.restartCount ?? 0;
  }
  const limit = job.spec.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

/** addCompletionIndexEnvVariable: JOB_COMPLETION_INDEX from the Pod's own label (PodIndexLabel, GA in 1.32). */
function withCompletionIndexEnv(container: Container): Container {
  const env = container.env ?? [];
  if (env.some((e) => e.name === 'JOB_COMPLETION_INDEX')) return container;
  // The shared Container type does not spell out valueFrom; the API server keeps it as given.
  const fromAnnotation = { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: `metadata.labels['${COMPLETION_INDEX_KEY}']` } } };
  return { ...container, env: [...env, fromAnnotation] as Container['env'] };
}

/** The Pod for one more completion (of `index`, for Indexed Jobs), as the API server should receive it. */
export function podFromTemplate(job: Job, index: number | undefined): Pod {
  const template = structuredClone(job.spec.template);
  const labels = { ...template.metadata?.labels };
  const annotations = { ...template.metadata?.annotations };
  const spec = template.spec;
  const name = job.metadata.name ?? '';
  if (index !== undefined) {
    annotations[COMPLETION_INDEX_KEY] = String(index);
    labels[COMPLETION_INDEX_KEY] = String(index);
    spec.hostname ??= `${name}-${index}`;
    spec.containers = spec.containers.map(withCompletionIndexEnv);
    if (spec.initContainers) spec.initContainers = spec.initContainers.map(withCompletionIndexEnv);
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: index === undefined ? `${name}-` : `${name}-${index}-`,
      namespace: job.metadata.namespace,
      labels,
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      finalizers: [...(template.metadata?.finalizers ?? []), JOB_TRACKING_FINALIZER],
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name, uid: job.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    spec,
  };
}

/**
 * The order active Pods are deleted in when there are too many (controller.ActivePods, roughly):
 * unscheduled before scheduled, pending before running, not ready before ready, newest first.
 */
export function deletionOrder(a: Pod, b: Pod): number {
  const scheduled = (p: Pod): number => (p.spec.nodeName ? 1 : 0);
  const phase = (p: Pod): number => (p.status?.phase === 'Pending' ? 0 : p.status?.phase === 'Running' ? 2 : 1);
  const ready = (p: Pod): number => (isReady(p) ? 1 : 0);
  return (
    scheduled(a) - scheduled(b) ||
    phase(a) - phase(b) ||
    ready(a) - ready(b) ||
    (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') ||
    (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '')
  );
}
