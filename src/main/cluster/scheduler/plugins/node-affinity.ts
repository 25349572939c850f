/** NodeAffinity (nodeSelector part): the node's labels must carry every nodeSelector pair. */
import { type FilterPlugin, unresolvable } from '../framework.js';

export const NodeAffinity: FilterPlugin = {
  name: 'NodeAffinity',
  filter(pod, info) {
    const labels = info.node.metadata.labels ?? {};
    const selector = pod.spec.nodeSelector ?? {};
    const ok = Object.entries(selector).every(([k, v]) => labels[k] === v);
    return ok ? undefined : unresolvable('NodeAffinity', "node(s) didn't match Pod's node affinity/selector");
  },
};
