/**
 * The RollingUpdate strategy (rolloutRolling): scale the new ReplicaSet up within maxSurge, scale
 * old ones down within maxUnavailable — unhealthy old replicas first — and clean up history once
 * the rollout is complete.
 */
import type { Deployment, ReplicaSet } from '../../../../shared/api/apps.js';
import { type RolloutOps, allOf } from './rollout.js';
import { activeReplicaSets, availableReplicas, byCreation, deploymentComplete, maxUnavailable, replicasOf, scaledValue, specReplicas } from './util.js';

/** NewRSNewReplicas: how far the new ReplicaSet may grow now. */
export function newRSNewReplicas(d: Deployment, allRSs: ReplicaSet[], newRS: ReplicaSet): number {
  const desired = replicasOf(d);
  if ((d.spec.strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return desired;
  const surge = scaledValue(d.spec.strategy?.rollingUpdate?.maxSurge, desired, true);
  const current = specReplicas(allRSs);
  const maxTotal = desired + surge;
  if (current >= maxTotal) return replicasOf(newRS);
  const scaleUp = Math.min(maxTotal - current, desired - replicasOf(newRS));
  return replicasOf(newRS) + scaleUp;
}

export function rolloutRolling(ops: RolloutOps, d: Deployment, rsList: ReplicaSet[]): boolean {
  const rss = ops.replicaSets(d, rsList, true);
  if (!rss?.newRS) return false;
  const newRS: ReplicaSet = rss.newRS;
  const oldRSs = rss.oldRSs;
  const allRSs = allOf(rss);

  // reconcileNewReplicaSet. As in Go, the status that follows a scale is computed from the
  // ReplicaSets as read at the start of the sync; their update events bring the next sync.
  if (replicasOf(newRS) !== replicasOf(d)) {
    const target = replicasOf(newRS) > replicasOf(d) ? replicasOf(d) : newRSNewReplicas(d, allRSs, newRS);
    const result = ops.scaleAndRecord(newRS, target, d);
    if (!result.ok) return false;
    if (result.scaled) return ops.syncRolloutStatus(allRSs, newRS, d);
  }

  const scaledDown = reconcileOldReplicaSets(ops, allRSs, activeReplicaSets(oldRSs), newRS, d);
  if (scaledDown === undefined) return false;
  if (scaledDown.scaled) return ops.syncRolloutStatus(allRSs, newRS, d);

  if (deploymentComplete(d, d.status ?? {})) ops.cleanup(oldRSs, d);
  return ops.syncRolloutStatus(allRSs, newRS, d);
}

/** reconcileOldReplicaSets; undefined when a write failed. */
function reconcileOldReplicaSets(ops: RolloutOps, allRSs: ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): { scaled: boolean; oldRSs: ReplicaSet[] } | undefined {
  const oldPods = specReplicas(oldRSs);
  if (oldPods === 0) return { scaled: false, oldRSs };
  const allPods = specReplicas(allRSs);
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newRSUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPods - minAvailable - newRSUnavailable;
  if (maxScaledDown <= 0) return { scaled: false, oldRSs };

  const cleaned = cleanupUnhealthyReplicas(ops, oldRSs, d, maxScaledDown);
  if (!cleaned) return undefined;
  const scaledDown = scaleDownOldReplicaSetsForRollingUpdate(ops, [...cleaned.oldRSs, newRS], cleaned.oldRSs, d);
  if (!scaledDown) return undefined;
  return { scaled: cleaned.count + scaledDown.count > 0, oldRSs: scaledDown.oldRSs };
}

/** cleanupUnhealthyReplicas: first take away old replicas that are not available anyway. */
function cleanupUnhealthyReplicas(ops: RolloutOps, oldRSs: ReplicaSet[], d: Deployment, maxCleanup: number): { oldRSs: ReplicaSet[]; count: number } | undefined {
  const sorted = [...oldRSs].sort(byCreation);
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (total >= maxCleanup) break;
    const rs = sorted[i]!;
    const available = rs.status?.availableReplicas ?? 0;
    if (replicasOf(rs) === 0 || replicasOf(rs) === available) continue;
    const count = Math.min(maxCleanup - total, replicasOf(rs) - available);
    const result = ops.scaleAndRecord(rs, replicasOf(rs) - count, d);
    if (!result.ok) return undefined;
    total += count;
    sorted[i] = result.rs;
  }
  return { oldRSs: sorted, count: total };
}

/** scaleDownOldReplicaSetsForRollingUpdate: oldest first, keeping minAvailable Pods available. */
function scaleDownOldReplicaSetsForRollingUpdate(ops: RolloutOps, allRSs: ReplicaSet[], oldRSs: ReplicaSet[], d: Deployment): { oldRSs: ReplicaSet[]; count: number } | undefined {
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const available = availableReplicas(allRSs);
  if (available <= minAvailable) return { oldRSs, count: 0 };
  const sorted = [...oldRSs].sort(byCreation);
  const wanted = available - minAvailable;
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (total >= wanted) break;
    const rs = sorted[i]!;
    if (replicasOf(rs) === 0) continue;
    const count = Math.min(replicasOf(rs), wanted - total);
    const result = ops.scaleAndRecord(rs, replicasOf(rs) - count, d);
    if (!result.ok) return undefined;
    total += count;
    sorted[i] = result.rs;
  }
  return { oldRSs: sorted, count: total };
}
