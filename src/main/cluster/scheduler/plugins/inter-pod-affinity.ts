/**
 * InterPodAffinity: required pod affinity/anti-affinity of the incoming Pod, and the required
 * anti-affinity of Pods already bound, per topology domain (`topologyKey=value`); preferred terms
 * (both the incoming Pod's and, symmetrically, the bound Pods') score the domains.
 */
import type { Pod } from '../../../../shared/api/core.js';
import { type CycleState, type FilterPlugin, MAX_NODE_SCORE, type NodeInfo, type ScorePlugin, type Snapshot, unresolvable, unschedulable } from '../framework.js';
import {
  type CompiledTerm,
  affinityOf,
  compileTerm,
  hasAnyPodAffinity,
  requiredAffinityTerms,
  requiredAntiAffinityTerms,
  termMatchesPod,
} from './pod-matching.js';

export const ERR_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
export const ERR_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";

interface FilterState {
  affinity: CompiledTerm[];
  antiAffinity: CompiledTerm[];
  /** Bound Pods matching each of the incoming Pod's affinity terms, by `key=value`. */
  affinityCounts: Map<string, number>;
  antiAffinityCounts: Map<string, number>;
  /** Domains a bound Pod's required anti-affinity keeps the incoming Pod out of. */
  existingAntiAffinityCounts: Map<string, number>;
}

const pair = (key: string, value: string): string => `${key}\u0000${value}`;

function label(info: NodeInfo, key: string): string | undefined {
  const labels = info.node.metadata.labels;
  return labels && Object.hasOwn(labels, key) ? labels[key] : undefined;
}

function bump(counts: Map<string, number>, key: string, by: number): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}

function preFilterState(pod: Pod, snapshot: Snapshot): FilterState {
  const state: FilterState = {
    affinity: requiredAffinityTerms(pod),
    antiAffinity: requiredAntiAffinityTerms(pod),
    affinityCounts: new Map(),
    antiAffinityCounts: new Map(),
    existingAntiAffinityCounts: new Map(),
  };
  const needScan = state.affinity.length > 0 || state.antiAffinity.length > 0;
  // Nothing to look for anywhere: no scan of every node for every Pod.
  if (!needScan && snapshot.requiredAntiAffinityPods === 0) return state;
  for (const info of snapshot.list()) {
    for (const existing of info.podsWithRequiredAntiAffinity ?? []) {
      for (const term of requiredAntiAffinityTerms(existing)) {
        const value = label(info, term.topologyKey);
        if (value !== undefined && termMatchesPod(term, pod)) bump(state.existingAntiAffinityCounts, pair(term.topologyKey, value), 1);
      }
    }
    if (!needScan) continue;
    for (const existing of info.pods) {
      for (const term of state.affinity) {
        const value = label(info, term.topologyKey);
        if (value !== undefined && termMatchesPod(term, existing)) bump(state.affinityCounts, pair(term.topologyKey, value), 1);
      }
      for (const term of state.antiAffinity) {
        const value = label(info, term.topologyKey);
        if (value !== undefined && termMatchesPod(term, existing)) bump(state.antiAffinityCounts, pair(term.topologyKey, value), 1);
      }
    }
  }
  return state;
}

function satisfiesAffinity(pod: Pod, s: FilterState, info: NodeInfo): boolean {
  let podsExist = true;
  for (const term of s.affinity) {
    const value = label(info, term.topologyKey);
    if (value === undefined) return false;
    if ((s.affinityCounts.get(pair(term.topologyKey, value)) ?? 0) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first Pod of a group that selects itself may go anywhere the topology keys exist.
  return s.affinityCounts.size === 0 && s.affinity.every((t) => termMatchesPod(t, pod));
}

function inDomain(counts: Map<string, number>, terms: readonly CompiledTerm[], info: NodeInfo): boolean {
  for (const term of terms) {
    const value = label(info, term.topologyKey);
    if (value !== undefined && (counts.get(pair(term.topologyKey, value)) ?? 0) > 0) return true;
  }
  return false;
}

export const InterPodAffinity: FilterPlugin & ScorePlugin = {
  name: 'InterPodAffinity',
  weight: 2,
  events: ['AssignedPodAdd', 'AssignedPodUpdate', 'AssignedPodDelete', 'NodeAdd', 'NodeUpdate'],
  preFilter(pod, state, snapshot) {
    const s = preFilterState(pod, snapshot);
    if (s.affinity.length === 0 && s.antiAffinity.length === 0 && s.existingAntiAffinityCounts.size === 0) return 'skip';
    state.write('InterPodAffinity', s);
    return undefined;
  },
  filter(pod, info, state) {
    const s = state?.read<FilterState>('InterPodAffinity');
    if (!s) return undefined;
    if (!satisfiesAffinity(pod, s, info)) return unresolvable('InterPodAffinity', ERR_AFFINITY);
    if (inDomain(s.antiAffinityCounts, s.antiAffinity, info)) return unschedulable('InterPodAffinity', ERR_ANTI_AFFINITY);
    for (const [key, count] of s.existingAntiAffinityCounts) {
      const [topologyKey, value] = key.split('\u0000') as [string, string];
      if (count > 0 && label(info, topologyKey) === value) return unschedulable('InterPodAffinity', ERR_EXISTING_ANTI_AFFINITY);
    }
    return undefined;
  },
  preScore(pod, state, _nodes, snapshot) {
    const affinity = affinityOf(pod);
    const terms: CompiledTerm[] = [
      ...(affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => compileTerm(pod, t.podAffinityTerm, t.weight)),
      ...(affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => compileTerm(pod, t.podAffinityTerm, -t.weight)),
    ];
    const scores = new Map<string, number>();
    if (terms.length === 0 && snapshot.affinityPods === 0) return 'skip';
    for (const info of snapshot.list()) {
      const candidates = terms.length > 0 ? info.pods : (info.podsWithAffinity ?? []);
      for (const existing of candidates) {
        for (const term of terms) {
          const value = label(info, term.topologyKey);
          if (value !== undefined && termMatchesPod(term, existing)) bump(scores, pair(term.topologyKey, value), term.weight);
        }
        if (!hasAnyPodAffinity(existing)) continue;
        // Symmetry: the bound Pod's own terms that select the incoming Pod.
        const theirs = affinityOf(existing);
        const symmetric: CompiledTerm[] = [
          ...(theirs?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => compileTerm(existing, t, 1)),
          ...(theirs?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => compileTerm(existing, t.podAffinityTerm, t.weight)),
          ...(theirs?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => compileTerm(existing, t.podAffinityTerm, -t.weight)),
        ];
        for (const term of symmetric) {
          const value = label(info, term.topologyKey);
          if (value !== undefined && termMatchesPod(term, pod)) bump(scores, pair(term.topologyKey, value), term.weight);
        }
      }
    }
    if (scores.size === 0) return 'skip';
    state.write('InterPodAffinity/score', scores);
    return undefined;
  },
  score(_pod, info, state?: CycleState) {
    const scores = state?.read<Map<string, number>>('InterPodAffinity/score');
    if (!scores) return 0;
    let total = 0;
    for (const [key, value] of Object.entries(info.node.metadata.labels ?? {})) total += scores.get(pair(key, value)) ?? 0;
    return total;
  },
  normalizeScore(scores) {
    let min = Infinity;
    let max = -Infinity;
    for (const s of scores) {
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    const diff = max - min;
    for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? Math.trunc((MAX_NODE_SCORE * (scores[i]! - min)) / diff) : 0;
  },
};
