/**
 * NodeAffinity: the node must match the Pod's nodeSelector and its required node affinity terms;
 * preferred terms score the node by the summed weights of the terms it matches.
 */
import type { Pod } from '../../../../shared/api/core.js';
import { type FilterPlugin, MAX_NODE_SCORE, type ScorePlugin, defaultNormalizeScore, unresolvable } from '../framework.js';
import { type NodeSelector, type NodeSelectorTerm, nodeSelectorMatches, termMatches } from './node-selector.js';

export const ERR_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";

interface NodeAffinitySpec {
  requiredDuringSchedulingIgnoredDuringExecution?: NodeSelector;
  preferredDuringSchedulingIgnoredDuringExecution?: Array<{ weight: number; preference: NodeSelectorTerm }>;
}

export function nodeAffinityOf(pod: Pod): NodeAffinitySpec | undefined {
  const affinity = pod.spec.affinity as { nodeAffinity?: NodeAffinitySpec } | undefined;
  return affinity?.nodeAffinity;
}

export const NodeAffinity: FilterPlugin & ScorePlugin = {
  name: 'NodeAffinity',
  weight: 2,
  events: ['NodeAdd', 'NodeUpdate'],
  preFilter(pod) {
    // Nothing required: the Filter has nothing to check (PreFilter returns Skip).
    const hasSelector = Object.keys(pod.spec.nodeSelector ?? {}).length > 0;
    return hasSelector || nodeAffinityOf(pod)?.requiredDuringSchedulingIgnoredDuringExecution ? undefined : 'skip';
  },
  filter(pod, info) {
    const labels = info.node.metadata.labels ?? {};
    const selector = pod.spec.nodeSelector ?? {};
    let ok = Object.entries(selector).every(([k, v]) => labels[k] === v);
    const required = nodeAffinityOf(pod)?.requiredDuringSchedulingIgnoredDuringExecution;
    if (ok && required) ok = nodeSelectorMatches(required, info.node);
    return ok ? undefined : unresolvable('NodeAffinity', ERR_NODE_AFFINITY);
  },
  preScore(pod) {
    return (nodeAffinityOf(pod)?.preferredDuringSchedulingIgnoredDuringExecution ?? []).length > 0 ? undefined : 'skip';
  },
  score(pod, info) {
    let total = 0;
    for (const term of nodeAffinityOf(pod)?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
      if (term.weight !== 0 && termMatches(term.preference, info.node)) total += term.weight;
    }
    return total;
  },
  normalizeScore(scores) {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
  },
};
