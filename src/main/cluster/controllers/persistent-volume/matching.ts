/**
 * Which volume a claim gets (findBestMatchForClaim / FindMatchingVolume): a volume already pre-bound
 * to the claim wins; otherwise the smallest available volume of the same class and volume mode that
 * offers every requested access mode, enough capacity and matches the claim's selector. For a
 * WaitForFirstConsumer claim only volumes reachable from the selected node count, and none without
 * a selected node.
 */
import type { Node } from '../../../../shared/api/core.js';
import type { PersistentVolume, PersistentVolumeClaim } from '../../../../shared/api/storage.js';
import { nodeSelectorMatches } from '../../../base/node-selector.js';
import { labelSelectorAsSelector } from '../../../base/label-selector.js';
import { parseQuantity } from '../../../base/quantity.js';

export function claimRequestBytes(claim: PersistentVolumeClaim): number {
  return parseQuantity(claim.spec.resources?.requests?.storage) ?? 0;
}

export function volumeCapacityBytes(pv: PersistentVolume): number {
  return parseQuantity(pv.spec.capacity?.storage) ?? 0;
}

export function claimClassName(claim: PersistentVolumeClaim): string {
  return claim.spec.storageClassName ?? '';
}

/** The volume's claimRef names this claim (and, when set, its uid). */
export function isPreBoundTo(pv: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const ref = pv.spec.claimRef;
  if (!ref) return false;
  if (ref.name !== claim.metadata.name || (ref.namespace ?? '') !== (claim.metadata.namespace ?? '')) return false;
  return !ref.uid || ref.uid === claim.metadata.uid;
}

/** The volume's required node affinity admits the node (no affinity admits every node). */
export function volumeReachableFrom(pv: PersistentVolume, node: Node): boolean {
  const terms = pv.spec.nodeAffinity?.required?.nodeSelectorTerms;
  return !terms || nodeSelectorMatches({ nodeSelectorTerms: terms }, node);
}

/** checkVolumeSatisfyClaim without the claimRef part. */
export function volumeSatisfiesClaim(pv: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  if (volumeCapacityBytes(pv) < claimRequestBytes(claim)) return false;
  if ((pv.spec.storageClassName ?? '') !== claimClassName(claim)) return false;
  if ((pv.spec.volumeMode ?? 'Filesystem') !== (claim.spec.volumeMode ?? 'Filesystem')) return false;
  const offered = new Set(pv.spec.accessModes ?? []);
  return (claim.spec.accessModes ?? []).every((m) => offered.has(m));
}

export interface MatchOptions {
  /** WaitForFirstConsumer: bind nothing but pre-bound volumes until a node is selected. */
  delayBinding: boolean;
  /** The selected node, for volumes with node affinity. */
  node?: Node;
}

export function findBestMatch(claim: PersistentVolumeClaim, volumes: Iterable<PersistentVolume>, options: MatchOptions): PersistentVolume | undefined {
  const selector = claim.spec.selector ? labelSelectorAsSelector(claim.spec.selector) : undefined;
  let best: PersistentVolume | undefined;
  for (const pv of volumes) {
    if (!volumeSatisfiesClaim(pv, claim)) continue;
    if (isPreBoundTo(pv, claim)) return pv;
    if (pv.spec.claimRef || pv.metadata.deletionTimestamp) continue;
    if (pv.status?.phase !== undefined && pv.status.phase !== 'Available' && pv.status.phase !== 'Pending') continue;
    if (selector && (!selector.ok || !selector.selector.matches(pv.metadata.labels))) continue;
    if (options.delayBinding) {
      if (!options.node || !volumeReachableFrom(pv, options.node)) continue;
    }
    if (!best || volumeCapacityBytes(pv) < volumeCapacityBytes(best) || (volumeCapacityBytes(pv) === volumeCapacityBytes(best) && (pv.metadata.name ?? '') < (best.metadata.name ?? ''))) {
      best = pv;
    }
  }
  return best;
}
