/**
 * A Deployment's status from its ReplicaSets (calculateStatus) and the rollout's progress
 * (syncRolloutStatus): the Available condition, Progressing — ReplicaSetUpdated while Pods move,
 * NewReplicaSetAvailable when done, ProgressDeadlineExceeded after progressDeadlineSeconds without
 * progress — the ReplicaSets' ReplicaFailure, and when to look again for a stuck rollout.
 */
import type { Deployment, DeploymentStatus, ReplicaSet, WorkloadCondition } from '../../../../shared/api/apps.js';
import { canonicalJson } from '../../../base/canonical-json.js';
import {
  AVAILABLE,
  MIN_AVAILABLE_REASON,
  MIN_UNAVAILABLE_REASON,
  NEW_RS_AVAILABLE_REASON,
  PROGRESSING,
  REPLICA_FAILURE,
  RS_UPDATED_REASON,
  TIMED_OUT_REASON,
  actualReplicas,
  availableReplicas,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getCondition,
  hasProgressDeadline,
  maxUnavailable,
  newCondition,
  readyReplicas,
  removeCondition,
  replicasOf,
  setCondition,
  specReplicas,
} from './util.js';

/** calculateStatus: counts from the ReplicaSets, and the Available condition. */
export function calculateStatus(allRSs: ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment, now: number): DeploymentStatus {
  const available = availableReplicas(allRSs);
  const unavailable = Math.max(0, specReplicas(allRSs) - available);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: actualReplicas(allRSs),
    updatedReplicas: newRS ? actualReplicas([newRS]) : 0,
    readyReplicas: readyReplicas(allRSs),
    availableReplicas: available,
    unavailableReplicas: unavailable,
    ...(d.status?.collisionCount !== undefined ? { collisionCount: d.status.collisionCount } : {}),
    conditions: structuredClone(d.status?.conditions ?? []),
  };
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(status, newCondition(AVAILABLE, 'True', MIN_AVAILABLE_REASON, 'Deployment has minimum availability.', now));
  } else {
    setCondition(status, newCondition(AVAILABLE, 'False', MIN_UNAVAILABLE_REASON, 'Deployment does not have minimum availability.', now));
  }
  return status;
}

/** getReplicaFailures: the new ReplicaSet's ReplicaFailure, else any ReplicaSet's. */
function replicaFailure(allRSs: ReplicaSet[], newRS: ReplicaSet | undefined): WorkloadCondition | undefined {
  const from = (rs: ReplicaSet | undefined): WorkloadCondition | undefined => {
    const c = rs?.status?.conditions?.find((x) => x.type === REPLICA_FAILURE);
    // ReplicaSetToDeploymentCondition: both times are the ReplicaSet condition's transition time.
    return c ? { type: c.type, status: c.status, lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message } : undefined;
  };
  return from(newRS) ?? allRSs.map(from).find((c) => c !== undefined);
}

/** syncRolloutStatus's new status. */
export function rolloutStatus(allRSs: ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment, now: number): DeploymentStatus {
  const status = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) removeCondition(status, PROGRESSING);
  const current = getCondition(d.status, PROGRESSING);
  const complete = status.replicas === status.updatedReplicas && current?.reason === NEW_RS_AVAILABLE_REASON;
  if (hasProgressDeadline(d) && !complete) {
    if (deploymentComplete(d, status)) {
      const message = newRS ? `ReplicaSet "${newRS.metadata.name ?? ''}" has successfully progressed.` : `Deployment "${d.metadata.name ?? ''}" has successfully progressed.`;
      setCondition(status, newCondition(PROGRESSING, 'True', NEW_RS_AVAILABLE_REASON, message, now));
    } else if (deploymentProgressing(d, status)) {
      const message = newRS ? `ReplicaSet "${newRS.metadata.name ?? ''}" is progressing.` : `Deployment "${d.metadata.name ?? ''}" is progressing.`;
      const condition = newCondition(PROGRESSING, 'True', RS_UPDATED_REASON, message, now);
      // Progress moves lastUpdateTime even with the same reason; lastTransitionTime stays while True.
      if (current) {
        if (current.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
        removeCondition(status, PROGRESSING);
      }
      setCondition(status, condition);
    } else if (deploymentTimedOut(d, status, now)) {
      const message = newRS ? `ReplicaSet "${newRS.metadata.name ?? ''}" has timed out progressing.` : `Deployment "${d.metadata.name ?? ''}" has timed out progressing.`;
      setCondition(status, newCondition(PROGRESSING, 'False', TIMED_OUT_REASON, message, now));
    }
  }
  const failure = replicaFailure(allRSs, newRS);
  if (failure) setCondition(status, failure);
  else removeCondition(status, REPLICA_FAILURE);
  return status;
}

/** requeueStuckDeployment: milliseconds until the deadline should be checked, or undefined. */
export function stuckRequeueAfter(d: Deployment, status: DeploymentStatus, now: number): number | undefined {
  const current = getCondition(d.status, PROGRESSING);
  if (!hasProgressDeadline(d) || !current) return undefined;
  if (deploymentComplete(d, status) || current.reason === TIMED_OUT_REASON) return undefined;
  const from = current.lastUpdateTime ? Date.parse(current.lastUpdateTime) : 0;
  const after = from + (d.spec.progressDeadlineSeconds ?? 0) * 1000 - now;
  // Under a second: the rate-limited queue's first retry; else a second past the deadline.
  return after < 1000 ? 5 : after + 1000;
}

/** The status as the API serialises it (every field omitempty), for comparison and writing. */
export function serializedStatus(status: DeploymentStatus | undefined): DeploymentStatus {
  const out: DeploymentStatus = {};
  const s = status ?? {};
  for (const field of ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas'] as const) {
    if (s[field]) out[field] = s[field];
  }
  if (s.conditions && s.conditions.length > 0) out.conditions = s.conditions;
  if (s.collisionCount !== undefined) out.collisionCount = s.collisionCount;
  return out;
}

export function sameStatus(a: DeploymentStatus | undefined, b: DeploymentStatus | undefined): boolean {
  return canonicalJson(serializedStatus(a)) === canonicalJson(serializedStatus(b));
}
