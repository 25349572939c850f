/**
 * Pod states the workload controllers read (podutil in Kubernetes): Ready, available after
 * minReadySeconds, terminal, and the oldest-first order used to pick the Pod that stays.
 */
import type { Pod } from '../../../../shared/api/core.js';

function readyCondition(pod: Pod) {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

export function isPodReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === 'True';
}

/**
 * podutil.IsPodAvailable: Ready for at least minReadySeconds. Returns the milliseconds still to
 * wait when Ready but not yet available, so a caller can look again then.
 */
export function podAvailability(pod: Pod, minReadySeconds: number, now: number): { available: boolean; waitMs?: number } {
  const ready = readyCondition(pod);
  if (ready?.status !== 'True') return { available: false };
  if (minReadySeconds <= 0) return { available: true };
  const since = ready.lastTransitionTime ? Date.parse(ready.lastTransitionTime) : now;
  const at = since + minReadySeconds * 1000;
  return at <= now ? { available: true } : { available: false, waitMs: at - now };
}

export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  return podAvailability(pod, minReadySeconds, now).available;
}

export function isPodTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded';
}

/** podByCreationTimestampAndPhase: scheduled Pods first, then oldest first, then by name. */
export function byCreationTimestampAndPhase(a: Pod, b: Pod): number {
  const pa = a.spec.nodeName ? 0 : 1;
  const pb = b.spec.nodeName ? 0 : 1;
  if (pa !== pb) return pa - pb;
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}
