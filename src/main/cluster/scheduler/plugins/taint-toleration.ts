/**
 * TaintToleration: a node's NoSchedule/NoExecute taints keep out Pods that do not tolerate them;
 * untolerated PreferNoSchedule taints lower the node's score.
 */
import type { Taint, Toleration } from '../../../../shared/api/core.js';
import { type FilterPlugin, MAX_NODE_SCORE, type ScorePlugin, defaultNormalizeScore, unresolvable } from '../framework.js';

export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (!toleration.key) return toleration.operator === 'Exists';
  if (toleration.key !== taint.key) return false;
  if (toleration.operator === 'Exists') return true;
  return (toleration.value ?? '') === (taint.value ?? '');
}

export const TaintToleration: FilterPlugin & ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  events: ['NodeAdd', 'NodeUpdate'],
  filter(pod, info) {
    const tolerations = pod.spec.tolerations ?? [];
    const taint = (info.node.spec.taints ?? []).find(
      (t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerations.some((tol) => tolerates(tol, t)),
    );
    if (!taint) return undefined;
    return unresolvable('TaintToleration', `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
  },
  preScore(pod, state) {
    // Only tolerations with an empty effect or PreferNoSchedule count (getAllTolerationPreferNoSchedule).
    state.write('TaintToleration', (pod.spec.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule'));
    return undefined;
  },
  score(pod, info, state) {
    const taints = info.node.spec.taints;
    if (!taints || taints.length === 0) return 0;
    const tolerations = state?.read<Toleration[]>('TaintToleration') ?? (pod.spec.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    let count = 0;
    for (const taint of taints) {
      if (taint.effect === 'PreferNoSchedule' && !tolerations.some((t) => tolerates(t, taint))) count++;
    }
    return count;
  },
  normalizeScore(scores) {
    // Fewer intolerable taints is better.
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
  },
};
