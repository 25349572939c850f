/**
 * The scheduling framework's extension points, as small interfaces (kube-scheduler's
 * framework/interface.go): PreFilter plugins compute per-Pod state once per cycle (or say they have
 * nothing to check — Skip), Filter plugins say whether a node can take the Pod and why not, Score
 * plugins rank the nodes that passed and NormalizeScore maps their raw scores to 0–100.
 */
import type { Node, Pod } from '../../../shared/api/core.js';

/** What the scheduler knows about one node: the Node and the Pods bound (or assumed) to it. */
export interface NodeInfo {
  node: Node;
  pods: Pod[];
  /** Sum of the Pods' requests: cpu in millicores, memory in bytes. */
  requested: { milliCPU: number; memory: number; pods: number };
  /** Like `requested`, with a Pod's missing cpu/memory request counted as 100m / 200MB (for scoring). */
  nonZeroRequested?: { milliCPU: number; memory: number };
  allocatable: { milliCPU: number; memory: number; pods: number };
  /** Bound Pods that carry required pod anti-affinity terms (InterPodAffinity checks them both ways). */
  podsWithRequiredAntiAffinity?: Pod[];
  /** Bound Pods that carry any pod affinity or anti-affinity (preferred scoring is symmetric). */
  podsWithAffinity?: Pod[];
}

export type Code = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Error' | 'Skip';

export interface PluginStatus {
  code: Code;
  /** Reasons as they appear in FailedScheduling, e.g. `Insufficient cpu`. */
  reasons: string[];
  plugin: string;
}

/** State a plugin's PreFilter/PreScore computed for one scheduling cycle, read by its Filter/Score. */
export class CycleState {
  private readonly data = new Map<string, unknown>();
  /** Plugins whose PreFilter returned Skip: their Filter is not run this cycle. */
  readonly skipFilter = new Set<string>();

  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  write(key: string, value: unknown): void {
    this.data.set(key, value);
  }
}

/** The nodes a cycle sees, in the cache's stable order. */
export interface Snapshot {
  list(): readonly NodeInfo[];
  get(name: string): NodeInfo | undefined;
  /** Bound Pods with required pod anti-affinity / with any pod (anti-)affinity: 0 lets InterPodAffinity skip the node scan. */
  readonly requiredAntiAffinityPods?: number;
  readonly affinityPods?: number;
}

/** Cluster changes a plugin's rejection can be resolved by (the queue's "queueing hints"). */
export type ClusterEvent =
  | 'NodeAdd'
  | 'NodeUpdate'
  | 'AssignedPodAdd'
  | 'AssignedPodUpdate'
  | 'AssignedPodDelete'
  | 'PersistentVolumeClaimChange'
  | 'PersistentVolumeChange'
  | 'StorageClassChange';

export interface FilterPlugin {
  readonly name: string;
  /** What may make a node this plugin rejected acceptable again. */
  readonly events?: readonly ClusterEvent[];
  /** Once per cycle; `skip` leaves the Filter out, a status rejects the Pod on every node. */
  preFilter?(pod: Pod, state: CycleState, snapshot: Snapshot): PluginStatus | 'skip' | undefined;
  filter(pod: Pod, node: NodeInfo, state?: CycleState): PluginStatus | undefined;
}

export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  /** Once per cycle over the feasible nodes; `skip` leaves Score out. */
  preScore?(pod: Pod, state: CycleState, nodes: readonly NodeInfo[], snapshot: Snapshot): 'skip' | undefined;
  /** The raw score; 0–100 unless normalizeScore maps it there. */
  score(pod: Pod, node: NodeInfo, state?: CycleState): number;
  normalizeScore?(scores: number[], state: CycleState): void;
}

export const MAX_NODE_SCORE = 100;

export function unschedulable(plugin: string, ...reasons: string[]): PluginStatus {
  return { code: 'Unschedulable', reasons, plugin };
}

export function unresolvable(plugin: string, ...reasons: string[]): PluginStatus {
  return { code: 'UnschedulableAndUnresolvable', reasons, plugin };
}

/** helper.DefaultNormalizeScore: scale to 0–maxPriority by the highest score, optionally reversed. */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: number[]): void {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  for (let i = 0; i < scores.length; i++) {
    if (max === 0) {
      if (reverse) scores[i] = maxPriority;
      continue;
    }
    let s = Math.trunc((maxPriority * scores[i]!) / max);
    if (reverse) s = maxPriority - s;
    scores[i] = s;
  }
}

/** Per-plugin, per-node verdicts and scores of one decision: the "why this node?" record. */
export interface SchedulingRecord {
  pod: string;
  time: number;
  filters: Array<{ node: string; plugin: string; status: PluginStatus | 'Success' }>;
  scores: Array<{ node: string; plugin: string; score: number }>;
  selected?: string;
  message?: string;
}
