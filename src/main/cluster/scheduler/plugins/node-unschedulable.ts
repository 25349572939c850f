/** NodeUnschedulable: cordoned nodes take no new Pods unless the Pod tolerates the unschedulable taint. */
import { type FilterPlugin, unresolvable } from '../framework.js';

export const NodeUnschedulable: FilterPlugin = {
  name: 'NodeUnschedulable',
  events: ['NodeAdd', 'NodeUpdate'],
  filter(pod, info) {
    if (!info.node.spec.unschedulable) return undefined;
    const tolerated = (pod.spec.tolerations ?? []).some(
      (t) => (t.key === 'node.kubernetes.io/unschedulable' || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoSchedule'),
    );
    return tolerated ? undefined : unresolvable('NodeUnschedulable', 'node(s) were unschedulable');
  },
};
