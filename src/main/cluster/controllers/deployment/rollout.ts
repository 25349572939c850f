/**
 * What the rollout strategies (rolling.ts, recreate.ts) and the progress check need from the
 * deployment controller: ReplicaSet lookup and creation, scaling with its event, status and
 * cleanup. Each returns false when a write failed, which ends the sync for a retry.
 */
import type { Deployment, ReplicaSet } from '../../../../shared/api/apps.js';
import type { Pod } from '../../../../shared/api/core.js';

export interface ReplicaSets {
  /** Undefined when there is none yet (and none was to be created). */
  newRS: ReplicaSet | undefined;
  oldRSs: ReplicaSet[];
}

export interface Scaled {
  ok: boolean;
  scaled: boolean;
  rs: ReplicaSet;
}

export interface RolloutOps {
  /** getAllReplicaSetsAndSyncRevision; undefined when a write failed. */
  replicaSets(d: Deployment, rsList: ReplicaSet[], createIfNotExisted: boolean): ReplicaSets | undefined;
  /** scaleReplicaSetAndRecordEvent. */
  scaleAndRecord(rs: ReplicaSet, newScale: number, d: Deployment): Scaled;
  /** syncRolloutStatus. */
  syncRolloutStatus(allRSs: ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment): boolean;
  /** cleanupDeployment: old ReplicaSets beyond revisionHistoryLimit. */
  cleanup(oldRSs: ReplicaSet[], d: Deployment): void;
  /** getPodMapForDeployment: the Deployment's Pods by their ReplicaSet's uid. */
  podMap(d: Deployment, rsList: ReplicaSet[]): Map<string, Pod[]>;
}

/** Every ReplicaSet of a rollout, the new one (if any) last, as Go's `append(oldRSs, newRS)`. */
export function allOf(rss: ReplicaSets): ReplicaSet[] {
  return rss.newRS ? [...rss.oldRSs, rss.newRS] : [...rss.oldRSs];
}
