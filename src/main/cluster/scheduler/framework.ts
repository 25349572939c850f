/**
 * The scheduling framework's extension points, as small interfaces (kube-scheduler's
 * framework/interface.go): Filter plugins say whether a node can take the Pod and why not; Score
 * plugins rank the nodes that passed.
 */
import type { Node, Pod } from '../../../shared/api/core.js';

/** What the scheduler knows about one node: the Node and the Pods bound (or assumed) to it. */
export interface NodeInfo {
  node: Node;
  pods: Pod[];
  /** Sum of the Pods' requests: cpu in millicores, memory in bytes. */
  requested: { milliCPU: number; memory: number; pods: number };
  allocatable: { milliCPU: number; memory: number; pods: number };
}

export type Code = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Error';

export interface PluginStatus {
  code: Code;
  /** Reasons as they appear in FailedScheduling, e.g. `Insufficient cpu`. */
  reasons: string[];
  plugin: string;
}

export interface FilterPlugin {
  readonly name: string;
  filter(pod: Pod, node: NodeInfo): PluginStatus | undefined;
}

export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  /** 0–100 after normalisation. */
  score(pod: Pod, node: NodeInfo): number;
}

export const MAX_NODE_SCORE = 100;

export function unschedulable(plugin: string, ...reasons: string[]): PluginStatus {
  return { code: 'Unschedulable', reasons, plugin };
}

export function unresolvable(plugin: string, ...reasons: string[]): PluginStatus {
  return { code: 'UnschedulableAndUnresolvable', reasons, plugin };
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
