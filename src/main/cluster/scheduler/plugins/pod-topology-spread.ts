/**
 * PodTopologySpread: for each DoNotSchedule constraint the matching Pods per domain may differ from
 * the emptiest domain (0 when fewer than minDomains exist) by at most maxSkew after placing the
 * Pod; ScheduleAnyway constraints score nodes in emptier domains higher.
 */
import type { Pod } from '../../../../shared/api/core.js';
import type { LabelSelector } from '../../../../shared/api/meta.js';
import { type CompiledSelector, labelSelectorAsSelector } from '../../../base/label-selector.js';
import { type FilterPlugin, MAX_NODE_SCORE, type NodeInfo, type ScorePlugin, type Snapshot, unresolvable, unschedulable } from '../framework.js';
import { NodeAffinity } from './node-affinity.js';

export const ERR_TOPOLOGY_SPREAD = "node(s) didn't match pod topology spread constraints";
export const ERR_TOPOLOGY_SPREAD_LABEL = "node(s) didn't match pod topology spread constraints (missing required label)";

interface TopologySpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  labelSelector?: LabelSelector;
  minDomains?: number;
  matchLabelKeys?: string[];
  nodeAffinityPolicy?: 'Honor' | 'Ignore';
}

interface Constraint {
  maxSkew: number;
  topologyKey: string;
  minDomains: number;
  selector: CompiledSelector;
  honorAffinity: boolean;
  selfMatch: number;
}

interface SpreadState {
  constraints: Constraint[];
  /** Matching Pods per constraint, by domain value. */
  counts: Array<Map<string, number>>;
}

function constraintsOf(pod: Pod, mode: 'DoNotSchedule' | 'ScheduleAnyway'): Constraint[] {
  const all = (pod.spec.topologySpreadConstraints as TopologySpreadConstraint[] | undefined) ?? [];
  return all
    .filter((c) => c.whenUnsatisfiable === mode)
    .map((c) => {
      // matchLabelKeys add the Pod's own values for those keys to the selector.
      const matchLabels = { ...c.labelSelector?.matchLabels };
      for (const key of c.matchLabelKeys ?? []) {
        const value = pod.metadata.labels?.[key];
        if (value !== undefined) matchLabels[key] = value;
      }
      const compiled = labelSelectorAsSelector(c.labelSelector ? { ...c.labelSelector, matchLabels } : undefined);
      const selector: CompiledSelector = compiled.ok ? compiled.selector : { empty: false, matches: () => false, toString: () => '' };
      return {
        maxSkew: c.maxSkew,
        topologyKey: c.topologyKey,
        minDomains: c.minDomains ?? 1,
        selector,
        honorAffinity: c.nodeAffinityPolicy !== 'Ignore',
        selfMatch: selector.matches(pod.metadata.labels) ? 1 : 0,
      };
    });
}

function countMatching(pod: Pod, constraints: Constraint[], nodes: readonly NodeInfo[]): SpreadState {
  const counts = constraints.map(() => new Map<string, number>());
  const namespace = pod.metadata.namespace ?? 'default';
  for (const info of nodes) {
    const labels = info.node.metadata.labels ?? {};
    constraints.forEach((c, i) => {
      if (!Object.hasOwn(labels, c.topologyKey)) return;
      // Nodes the Pod could never go to (nodeSelector / required node affinity) are no domain (Honor).
      if (c.honorAffinity && NodeAffinity.filter(pod, info)) return;
      let n = 0;
      for (const other of info.pods) {
        if (other.metadata.deletionTimestamp || (other.metadata.namespace ?? 'default') !== namespace) continue;
        if (c.selector.matches(other.metadata.labels)) n++;
      }
      const domain = labels[c.topologyKey]!;
      counts[i]!.set(domain, (counts[i]!.get(domain) ?? 0) + n);
    });
  }
  return { constraints, counts };
}

export const PodTopologySpread: FilterPlugin & ScorePlugin = {
  name: 'PodTopologySpread',
  weight: 2,
  events: ['AssignedPodAdd', 'AssignedPodUpdate', 'AssignedPodDelete', 'NodeAdd', 'NodeUpdate'],
  preFilter(pod, state, snapshot: Snapshot) {
    const constraints = constraintsOf(pod, 'DoNotSchedule');
    if (constraints.length === 0) return 'skip';
    state.write('PodTopologySpread', countMatching(pod, constraints, snapshot.list()));
    return undefined;
  },
  filter(_pod, info, state) {
    const s = state?.read<SpreadState>('PodTopologySpread');
    if (!s) return undefined;
    const labels = info.node.metadata.labels ?? {};
    for (let i = 0; i < s.constraints.length; i++) {
      const c = s.constraints[i]!;
      if (!Object.hasOwn(labels, c.topologyKey)) return unresolvable('PodTopologySpread', ERR_TOPOLOGY_SPREAD_LABEL);
      const counts = s.counts[i]!;
      let min = Infinity;
      for (const n of counts.values()) min = Math.min(min, n);
      // Fewer domains than minDomains: the global minimum is treated as 0.
      if (counts.size < c.minDomains || min === Infinity) min = 0;
      const skew = (counts.get(labels[c.topologyKey]!) ?? 0) + c.selfMatch - min;
      if (skew > c.maxSkew) return unschedulable('PodTopologySpread', ERR_TOPOLOGY_SPREAD);
    }
    return undefined;
  },
  preScore(pod, state, nodes) {
    const constraints = constraintsOf(pod, 'ScheduleAnyway');
    if (constraints.length === 0) return 'skip';
    const s = countMatching(pod, constraints, nodes);
    state.write('PodTopologySpread/score', s);
    return undefined;
  },
  score(_pod, info, state) {
    const s = state?.read<SpreadState>('PodTopologySpread/score');
    if (!s) return 0;
    const labels = info.node.metadata.labels ?? {};
    let score = 0;
    for (let i = 0; i < s.constraints.length; i++) {
      const c = s.constraints[i]!;
      if (!Object.hasOwn(labels, c.topologyKey)) return -1;
      // Smaller topologies weigh less: log(domains + 2).
      const weight = Math.log(s.counts[i]!.size + 2);
      score += (s.counts[i]!.get(labels[c.topologyKey]!) ?? 0) * weight + (c.maxSkew - 1);
    }
    return Math.round(score);
  },
  normalizeScore(scores) {
    // -1 marks a node without the topology labels: it scores 0.
    let min = Infinity;
    let max = 0;
    for (const s of scores) {
      if (s < 0) continue;
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i]!;
      if (s < 0) scores[i] = 0;
      else if (max === 0) scores[i] = MAX_NODE_SCORE;
      else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - s)) / max);
    }
  },
};
