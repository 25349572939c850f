/**
 * VolumeBinding: a Pod's PersistentVolumeClaims must be usable from the node — a bound claim's
 * volume node affinity must match; an unbound WaitForFirstConsumer claim needs a matching volume
 * reachable from the node or a class that can provision; an unbound Immediate claim keeps the Pod
 * out everywhere until the PV controller binds it.
 */
import type { Pod } from '../../../../shared/api/core.js';
import type { PersistentVolume, PersistentVolumeClaim } from '../../../../shared/api/storage.js';
import { type FilterPlugin, type NodeInfo, unresolvable } from '../framework.js';
import { type NodeSelector, nodeSelectorMatches } from './node-selector.js';

export const ERR_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
export const ERR_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
/** kubernetes.io/no-provisioner: the class only matches pre-made (local) volumes. */
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

export interface StorageClassInfo {
  provisioner?: string;
  volumeBindingMode?: string;
}

export interface VolumeListers {
  claim(namespace: string, name: string): PersistentVolumeClaim | undefined;
  volume(name: string): PersistentVolume | undefined;
  volumes(): readonly PersistentVolume[];
  storageClass(name: string): StorageClassInfo | undefined;
}

interface ClaimState {
  bound: Array<{ claim: PersistentVolumeClaim; volume: PersistentVolume | undefined }>;
  delayed: PersistentVolumeClaim[];
}

/** The claims a Pod uses: persistentVolumeClaim volumes, and ephemeral ones (`<pod>-<volume>`). */
export function podClaimNames(pod: Pod): string[] {
  const names: string[] = [];
  for (const v of pod.spec.volumes ?? []) {
    const pvc = v.persistentVolumeClaim as { claimName?: string } | undefined;
    if (pvc?.claimName) names.push(pvc.claimName);
    else if (v.ephemeral) names.push(`${pod.metadata.name ?? ''}-${v.name}`);
  }
  return names;
}

export function volumeNodeAffinity(pv: PersistentVolume): NodeSelector | undefined {
  return pv.spec.nodeAffinity?.required;
}

/** The claim's class, `""` meaning none. */
export function claimClass(claim: PersistentVolumeClaim): string {
  return claim.spec.storageClassName ?? '';
}

export function isWaitForFirstConsumer(listers: VolumeListers, claim: PersistentVolumeClaim): boolean {
  const cls = claimClass(claim);
  return cls !== '' && listers.storageClass(cls)?.volumeBindingMode === 'WaitForFirstConsumer';
}

/** A volume that could be bound to the claim (the PV controller's matching, without the node). */
export function volumeFitsClaim(pv: PersistentVolume, claim: PersistentVolumeClaim, requestBytes: (c: PersistentVolumeClaim) => number, capacityBytes: (p: PersistentVolume) => number): boolean {
  if (pv.metadata.deletionTimestamp) return false;
  const ref = pv.spec.claimRef;
  if (ref && (ref.name !== claim.metadata.name || ref.namespace !== claim.metadata.namespace)) return false;
  if (!ref && pv.status?.phase !== 'Available' && pv.status?.phase !== undefined && pv.status.phase !== 'Pending') return false;
  if ((pv.spec.storageClassName ?? '') !== claimClass(claim)) return false;
  if ((pv.spec.volumeMode ?? 'Filesystem') !== (claim.spec.volumeMode ?? 'Filesystem')) return false;
  const modes = new Set(pv.spec.accessModes ?? []);
  if (!(claim.spec.accessModes ?? []).every((m) => modes.has(m))) return false;
  return capacityBytes(pv) >= requestBytes(claim);
}

export function makeVolumeBinding(
  listers: VolumeListers,
  requestBytes: (c: PersistentVolumeClaim) => number,
  capacityBytes: (p: PersistentVolume) => number,
): FilterPlugin {
  return {
    name: 'VolumeBinding',
    events: ['NodeAdd', 'NodeUpdate', 'PersistentVolumeClaimChange', 'PersistentVolumeChange', 'StorageClassChange'],
    preFilter(pod, state) {
      const names = podClaimNames(pod);
      if (names.length === 0) return 'skip';
      const namespace = pod.metadata.namespace ?? 'default';
      const s: ClaimState = { bound: [], delayed: [] };
      let unboundImmediate = false;
      for (const name of names) {
        const claim = listers.claim(namespace, name);
        if (!claim) return unresolvable('VolumeBinding', `persistentvolumeclaim "${name}" not found`);
        if (claim.metadata.deletionTimestamp) return unresolvable('VolumeBinding', `persistentvolumeclaim "${name}" is being deleted`);
        if (claim.spec.volumeName && claim.status?.phase === 'Bound') s.bound.push({ claim, volume: listers.volume(claim.spec.volumeName) });
        else if (isWaitForFirstConsumer(listers, claim)) s.delayed.push(claim);
        else unboundImmediate = true;
      }
      if (unboundImmediate) return unresolvable('VolumeBinding', ERR_UNBOUND_IMMEDIATE);
      state.write('VolumeBinding', s);
      return undefined;
    },
    filter(_pod, info: NodeInfo, state) {
      const s = state?.read<ClaimState>('VolumeBinding');
      if (!s) return undefined;
      const reasons: string[] = [];
      for (const { volume } of s.bound) {
        const required = volume && volumeNodeAffinity(volume);
        if (required && !nodeSelectorMatches(required, info.node)) {
          reasons.push(ERR_NODE_CONFLICT);
          break;
        }
      }
      for (const claim of s.delayed) {
        const selected = claim.metadata.annotations?.['volume.kubernetes.io/selected-node'];
        if (selected) {
          if (selected !== info.node.metadata.name) reasons.push(ERR_BIND_CONFLICT);
          continue;
        }
        const staticMatch = listers.volumes().some((pv) => {
          if (!volumeFitsClaim(pv, claim, requestBytes, capacityBytes)) return false;
          const required = volumeNodeAffinity(pv);
          return !required || nodeSelectorMatches(required, info.node);
        });
        const provisioner = listers.storageClass(claimClass(claim))?.provisioner;
        if (!staticMatch && (!provisioner || provisioner === NO_PROVISIONER)) reasons.push(ERR_BIND_CONFLICT);
      }
      const unique = [...new Set(reasons)];
      return unique.length > 0 ? unresolvable('VolumeBinding', ...unique) : undefined;
    },
  };
}
