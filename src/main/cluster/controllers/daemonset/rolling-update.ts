/**
 * The DaemonSet RollingUpdate decision (pkg/controller/daemon/update.go rollingUpdate, 1.32), as a
 * pure function of each node's Pods: with maxSurge 0, old Pods are deleted while fewer than
 * maxUnavailable nodes lack an available Pod (an old Pod that is already unavailable may always
 * go); with maxSurge, a new Pod is started beside an available old one on at most maxSurge nodes
 * and the old one is deleted once the new one is available.
 */
import type { IntOrString } from '../../../../shared/api/apps.js';
import type { Pod } from '../../../../shared/api/core.js';
import { scaledValue } from '../../../base/disruption-budget.js';
import { isPodAvailable } from './pod-state.js';

export interface NodePods {
  node: string;
  /** The node should run the daemon Pod. */
  shouldRun: boolean;
  /** The DaemonSet's Pods on the node, not terminating-and-terminal. */
  pods: Pod[];
}

export interface RollingPlan {
  /** Pod names to delete. */
  deletePods: string[];
  /** Nodes to start a surge Pod on. */
  createOn: string[];
}

/** util.AllowsSurge / updatedDesiredNodeCounts: the budgets, scaled by the desired count and rounded up. */
export function rollingBudgets(
  rollingUpdate: { maxUnavailable?: IntOrString; maxSurge?: IntOrString } | undefined,
  desired: number,
): { maxSurge: number; maxUnavailable: number } {
  const surge = scaledValue(rollingUpdate?.maxSurge ?? 0, desired, true);
  const unavailable = scaledValue(rollingUpdate?.maxUnavailable ?? 1, desired, true);
  const maxSurge = surge.ok ? surge.value : 0;
  let maxUnavailable = unavailable.ok ? unavailable.value : 1;
  // Both zero would never make progress: the API forbids it, and the controller falls back to one.
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

/** findUpdatedPodsOnNode: at most one new and one old live Pod, else the manage loop must fix the node first. */
function splitPods(pods: Pod[], isUpdated: (pod: Pod) => boolean): { ok: boolean; newPod?: Pod; oldPod?: Pod } {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    if (isUpdated(pod)) {
      if (newPod) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod) return { ok: false };
      oldPod = pod;
    }
  }
  return { ok: true, newPod, oldPod };
}

export function planRollingUpdate(
  nodes: NodePods[],
  isUpdated: (pod: Pod) => boolean,
  budgets: { maxSurge: number; maxUnavailable: number },
  minReadySeconds: number,
  now: number,
): RollingPlan {
  const available = (pod: Pod) => isPodAvailable(pod, minReadySeconds, now);
  if (budgets.maxSurge === 0) {
    let numUnavailable = 0;
    const allowedReplacements: string[] = [];
    const candidates: string[] = [];
    for (const { pods } of nodes) {
      if (pods.length === 0) continue;
      const { ok, newPod, oldPod } = splitPods(pods, isUpdated);
      if (!ok || (!oldPod && !newPod) || (oldPod && newPod)) {
        numUnavailable++;
      } else if (newPod) {
        if (!available(newPod)) numUnavailable++;
      } else if (oldPod) {
        if (!available(oldPod)) allowedReplacements.push(oldPod.metadata.name ?? '');
        else if (numUnavailable < budgets.maxUnavailable) candidates.push(oldPod.metadata.name ?? '');
      }
    }
    const remaining = Math.min(Math.max(0, budgets.maxUnavailable - numUnavailable), candidates.length);
    return { deletePods: [...allowedReplacements, ...candidates.slice(0, remaining)], createOn: [] };
  }
  let numSurge = 0;
  const deletePods: string[] = [];
  const createOn: string[] = [];
  // Surge Pods already running count against the budget before new ones are started.
  for (const { pods } of nodes) {
    const { ok, newPod, oldPod } = splitPods(pods, isUpdated);
    if (ok && oldPod && newPod && !available(newPod)) numSurge++;
  }
  for (const { node, shouldRun, pods } of nodes) {
    const { ok, newPod, oldPod } = splitPods(pods, isUpdated);
    if (!ok || !oldPod) continue;
    if (!newPod) {
      if (!shouldRun) continue;
      if (!available(oldPod)) {
        createOn.push(node);
      } else if (numSurge < budgets.maxSurge) {
        numSurge++;
        createOn.push(node);
      }
    } else if (available(newPod)) {
      deletePods.push(oldPod.metadata.name ?? '');
    }
  }
  return { deletePods, createOn };
}
