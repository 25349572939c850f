/**
 * The Recreate strategy (rolloutRecreate): scale every old ReplicaSet to zero, wait until none of
 * their Pods is still running, then create or scale up the new ReplicaSet to the full count.
 */
import type { Deployment, ReplicaSet } from '../../../../shared/api/apps.js';
import type { Pod } from '../../../../shared/api/core.js';
import { type RolloutOps, allOf } from './rollout.js';
import { activeReplicaSets, actualReplicas, deploymentComplete, replicasOf } from './util.js';

/** oldPodsRunning: old ReplicaSets still report Pods, or an old Pod has not finished. */
function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[], podMap: Map<string, Pod[]>): boolean {
  if (actualReplicas(oldRSs) > 0) return true;
  for (const [uid, pods] of podMap) {
    if (newRS && newRS.metadata.uid === uid) continue;
    if (pods.some((p) => p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded')) return true;
  }
  return false;
}

export function rolloutRecreate(ops: RolloutOps, d: Deployment, rsList: ReplicaSet[]): boolean {
  let rss = ops.replicaSets(d, rsList, false);
  if (!rss) return false;
  let allRSs = allOf(rss);

  // scaleDownOldReplicaSetsForRecreate
  let scaledDown = false;
  for (const rs of activeReplicaSets(rss.oldRSs)) {
    const result = ops.scaleAndRecord(rs, 0, d);
    if (!result.ok) return false;
    if (result.scaled) scaledDown = true;
  }
  if (scaledDown) return ops.syncRolloutStatus(allRSs, rss.newRS, d);

  if (oldPodsRunning(rss.newRS, rss.oldRSs, ops.podMap(d, rsList))) return ops.syncRolloutStatus(allRSs, rss.newRS, d);

  if (!rss.newRS) {
    rss = ops.replicaSets(d, rsList, true);
    if (!rss?.newRS) return false;
    allRSs = allOf(rss);
  }
  // scaleUpNewReplicaSetForRecreate
  const scaled = ops.scaleAndRecord(rss.newRS!, replicasOf(d), d);
  if (!scaled.ok) return false;

  if (deploymentComplete(d, d.status ?? {})) ops.cleanup(rss.oldRSs, d);
  return ops.syncRolloutStatus(allRSs, rss.newRS, d);
}
