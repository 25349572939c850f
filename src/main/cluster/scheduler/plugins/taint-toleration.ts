/** TaintToleration: a node's NoSchedule/NoExecute taints keep out Pods that do not tolerate them. */
import type { Taint, Toleration } from '../../../../shared/api/core.js';
import { type FilterPlugin, unresolvable } from '../framework.js';

export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (!toleration.key) return toleration.operator === 'Exists';
  if (toleration.key !== taint.key) return false;
  if (toleration.operator === 'Exists') return true;
  return (toleration.value ?? '') === (taint.value ?? '');
}

export const TaintToleration: FilterPlugin = {
  name: 'TaintToleration',
  filter(pod, info) {
    const tolerations = pod.spec.tolerations ?? [];
    const taint = (info.node.spec.taints ?? []).find(
      (t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerations.some((tol) => tolerates(tol, t)),
    );
    if (!taint) return undefined;
    return unresolvable('TaintToleration', `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
  },
};
