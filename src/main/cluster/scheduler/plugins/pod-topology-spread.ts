/**
 * PodTopologySpread: for each DoNotSchedule constraint the matching Pods per domain may differ from
 * the emptiest domain (0 when fewer than minDomains exist) by at most maxSkew after placing the
 * Pod; ScheduleAnyway constraints — the Pod's own, or for a Pod without any the system defaults
 * (zone maxSkew 3, hostname maxSkew 5, over what its Services and controller select) — score
 * nodes in emptier domains higher (kube-scheduler's podtopologyspread filtering.go / scoring.go).
 */
import type { Pod } from '../../../../shared/api/core.js';
import { type FilterPlugin, MAX_NODE_SCORE, type NodeInfo, type ScorePlugin, type Snapshot, unresolvable, unschedulable } from '../framework.js';
import type { WorkloadListers } from './default-selector.js';
import { type Constraint, HOSTNAME_KEY, constraintsOf, countMatchingPods, hasAllTopologyKeys, hasOwnConstraints, includesNode } from './spread-constraints.js';

export const ERR_TOPOLOGY_SPREAD = "node(s) didn't match pod topology spread constraints";
export const ERR_TOPOLOGY_SPREAD_LABEL = "node(s) didn't match pod topology spread constraints (missing required label)";

interface FilterState {
  constraints: Constraint[];
  /** Matching Pods per constraint, by domain value. */
  counts: Array<Map<string, number>>;
}

interface ScoreState {
  constraints: Constraint[];
  /** Per constraint, by domain value of the feasible nodes; hostname counts are taken per node in Score. */
  counts: Array<Map<string, number>>;
  /** topologyNormalizingWeight: log(domains + 2), so counts in small topologies are not watered down. */
  weights: number[];
  /** Feasible nodes missing one of the Pod's own constraints' topology keys: they score 0. */
  ignored: Set<string>;
}

/** A node Score leaves out (IgnoredNodes); NormalizeScore gives it 0. */
const INVALID_SCORE = -1;

/** calPreFilterState: matching Pods per domain over every node that has all the topology keys. */
function countForFilter(pod: Pod, constraints: Constraint[], nodes: readonly NodeInfo[]): FilterState {
  const counts = constraints.map(() => new Map<string, number>());
  const namespace = pod.metadata.namespace ?? 'default';
  for (const info of nodes) {
    if (!hasAllTopologyKeys(info, constraints)) continue;
    const labels = info.node.metadata.labels!;
    constraints.forEach((c, i) => {
      if (!includesNode(pod, c, info)) return;
      const domain = labels[c.topologyKey]!;
      counts[i]!.set(domain, (counts[i]!.get(domain) ?? 0) + countMatchingPods(info, c.selector, namespace));
    });
  }
  return { constraints, counts };
}

/**
 * PreScore: the domains come from the feasible nodes, the counts from every node. Only the Pod's
 * own constraints require all topology keys on a node; the system defaults score nodes without a
 * zone label by hostname alone.
 */
function countForScore(pod: Pod, constraints: Constraint[], feasible: readonly NodeInfo[], all: readonly NodeInfo[]): ScoreState {
  const requireAllTopologies = hasOwnConstraints(pod);
  const ignored = new Set<string>();
  const counts = constraints.map(() => new Map<string, number>());
  for (const info of feasible) {
    if (requireAllTopologies && !hasAllTopologyKeys(info, constraints)) {
      ignored.add(info.node.metadata.name ?? '');
      continue;
    }
    constraints.forEach((c, i) => {
      if (c.topologyKey !== HOSTNAME_KEY) counts[i]!.set(info.node.metadata.labels?.[c.topologyKey] ?? '', 0);
    });
  }
  const weights = constraints.map((c, i) => Math.log((c.topologyKey === HOSTNAME_KEY ? feasible.length - ignored.size : counts[i]!.size) + 2));
  const namespace = pod.metadata.namespace ?? 'default';
  for (const info of all) {
    if (requireAllTopologies && !hasAllTopologyKeys(info, constraints)) continue;
    constraints.forEach((c, i) => {
      if (!includesNode(pod, c, info)) return;
      const domain = info.node.metadata.labels?.[c.topologyKey] ?? '';
      const count = counts[i]!.get(domain);
      // Domains without a feasible node (and hostname, counted in Score) are not counted.
      if (count !== undefined) counts[i]!.set(domain, count + countMatchingPods(info, c.selector, namespace));
    });
  }
  return { constraints, counts, weights, ignored };
}

export function makePodTopologySpread(listers: WorkloadListers): FilterPlugin & ScorePlugin {
  return {
    name: 'PodTopologySpread',
    weight: 2,
    events: ['AssignedPodAdd', 'AssignedPodUpdate', 'AssignedPodDelete', 'NodeAdd', 'NodeUpdate'],
    preFilter(pod, state, snapshot: Snapshot) {
      const constraints = constraintsOf(pod, 'DoNotSchedule', listers);
      if (constraints.length === 0) return 'skip';
      state.write('PodTopologySpread', countForFilter(pod, constraints, snapshot.list()));
      return undefined;
    },
    filter(_pod, info, state) {
      const s = state?.read<FilterState>('PodTopologySpread');
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
    preScore(pod, state, nodes, snapshot) {
      const all = snapshot.list();
      if (all.length === 0) return 'skip';
      const constraints = constraintsOf(pod, 'ScheduleAnyway', listers);
      if (constraints.length === 0) return 'skip';
      state.write('PodTopologySpread/score', countForScore(pod, constraints, nodes, all));
      return undefined;
    },
    score(pod, info, state) {
      const s = state?.read<ScoreState>('PodTopologySpread/score');
      if (!s) return 0;
      if (s.ignored.has(info.node.metadata.name ?? '')) return INVALID_SCORE;
      const labels = info.node.metadata.labels ?? {};
      const namespace = pod.metadata.namespace ?? 'default';
      let score = 0;
      s.constraints.forEach((c, i) => {
        // A topology key the node lacks (the default zone key on kubeadm nodes) adds nothing.
        if (!Object.hasOwn(labels, c.topologyKey)) return;
        const count = c.topologyKey === HOSTNAME_KEY ? countMatchingPods(info, c.selector, namespace) : s.counts[i]!.get(labels[c.topologyKey]!)!;
        // scoreForCount: maxSkew − 1 waters down small differences between domains.
        score += count * s.weights[i]! + (c.maxSkew - 1);
      });
      return Math.round(score);
    },
    normalizeScore(scores) {
      // Fewer matching Pods is better: max + min − score, scaled by the highest score.
      let min = Infinity;
      let max = 0;
      for (const s of scores) {
        if (s === INVALID_SCORE) continue;
        min = Math.min(min, s);
        max = Math.max(max, s);
      }
      for (let i = 0; i < scores.length; i++) {
        const s = scores[i]!;
        if (s === INVALID_SCORE) scores[i] = 0;
        else if (max === 0) scores[i] = MAX_NODE_SCORE;
        else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - s)) / max);
      }
    },
  };
}
