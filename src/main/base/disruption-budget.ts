/**
 * The PodDisruptionBudget helpers the eviction subresource and the disruption controller share
 * (k8s.io/component-helpers/apps/poddisruptionbudget and apimachinery's meta.SetStatusCondition):
 * the `DisruptionAllowed` condition, pod readiness, and int-or-percent scaling.
 */
import type { IntOrString } from '../../shared/api/apps.js';
import type { Pod } from '../../shared/api/core.js';
import type { KubeObject, LabelSelector } from '../../shared/api/meta.js';
import { rfc3339 } from './duration.js';

/** metav1.Condition, in its JSON field order. */
export interface MetaCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  observedGeneration?: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export interface DisruptionBudgetStatus {
  observedGeneration?: number;
  disruptedPods?: Record<string, string>;
  disruptionsAllowed?: number;
  currentHealthy?: number;
  desiredHealthy?: number;
  expectedPods?: number;
  conditions?: MetaCondition[];
}

/** policy/v1 PodDisruptionBudget with the status fields the eviction and controller write. */
export interface DisruptionBudget extends KubeObject {
  spec?: { minAvailable?: IntOrString; maxUnavailable?: IntOrString; selector?: LabelSelector; unhealthyPodEvictionPolicy?: string };
  status?: DisruptionBudgetStatus;
}

export const DISRUPTION_ALLOWED = 'DisruptionAllowed';
export const SUFFICIENT_PODS = 'SufficientPods';
export const INSUFFICIENT_PODS = 'InsufficientPods';
export const SYNC_FAILED = 'SyncFailed';

/** The eviction handler and the controller forget a disruptedPods entry after this long. */
export const DELETION_TIMEOUT_MS = 2 * 60 * 1000;

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/**
 * meta.SetStatusCondition: adds or updates the condition of that type; lastTransitionTime moves
 * only when the status changes. Returns whether anything changed.
 */
export function setStatusCondition(conditions: MetaCondition[], next: Omit<MetaCondition, 'lastTransitionTime'>, now: number): boolean {
  const existing = conditions.find((c) => c.type === next.type);
  // observedGeneration is omitempty: a zero is not written.
  const generation = next.observedGeneration || undefined;
  if (!existing) {
    conditions.push({
      type: next.type,
      status: next.status,
      ...(generation !== undefined ? { observedGeneration: generation } : {}),
      lastTransitionTime: rfc3339(now),
      reason: next.reason,
      message: next.message,
    });
    return true;
  }
  let changed = false;
  if (existing.status !== next.status) {
    existing.status = next.status;
    existing.lastTransitionTime = rfc3339(now);
    changed = true;
  }
  if (existing.reason !== next.reason) {
    existing.reason = next.reason;
    changed = true;
  }
  if (existing.message !== next.message) {
    existing.message = next.message;
    changed = true;
  }
  if ((existing.observedGeneration || undefined) !== generation) {
    if (generation === undefined) delete existing.observedGeneration;
    else existing.observedGeneration = generation;
    changed = true;
  }
  return changed;
}

/** pdbhelper.UpdateDisruptionAllowedCondition: True/SufficientPods while disruptions remain. */
export function updateDisruptionAllowedCondition(status: DisruptionBudgetStatus, now: number): void {
  const conditions = (status.conditions ??= []);
  const allowed = (status.disruptionsAllowed ?? 0) > 0;
  setStatusCondition(
    conditions,
    {
      type: DISRUPTION_ALLOWED,
      status: allowed ? 'True' : 'False',
      observedGeneration: status.observedGeneration ?? 0,
      reason: allowed ? SUFFICIENT_PODS : INSUFFICIENT_PODS,
      message: '',
    },
    now,
  );
}

/** pdbhelper.ConditionsAreUpToDate. */
export function conditionsAreUpToDate(pdb: DisruptionBudget): boolean {
  const status = pdb.status ?? {};
  const condition = status.conditions?.find((c) => c.type === DISRUPTION_ALLOWED);
  if (!condition) return false;
  if ((status.observedGeneration ?? 0) !== (pdb.metadata.generation ?? 0)) return false;
  if ((status.disruptionsAllowed ?? 0) > 0) return condition.status === 'True' && condition.reason === SUFFICIENT_PODS;
  return condition.status === 'False' && condition.reason === INSUFFICIENT_PODS;
}

/**
 * intstr.GetScaledValueFromIntOrPercent: an int as is, `N%` of total rounded up or down. Returns an
 * error text for a string that is not a percentage.
 */
export function scaledValue(value: IntOrString, total: number, roundUp: boolean): { ok: true; value: number } | { ok: false; error: string } {
  if (typeof value === 'number') return { ok: true, value };
  const match = /^(-?\d+)%$/.exec(value);
  if (!match) return { ok: false, error: `invalid value for IntOrString: invalid type: string is not a percentage` };
  const percent = Number(match[1]);
  const scaled = (percent * total) / 100;
  return { ok: true, value: roundUp ? Math.ceil(scaled) : Math.floor(scaled) };
}
