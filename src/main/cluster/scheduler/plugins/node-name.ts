/** NodeName: a Pod that names a node (spec.nodeName) fits only that node. */
import { type FilterPlugin, unresolvable } from '../framework.js';

export const NodeName: FilterPlugin = {
  name: 'NodeName',
  events: ['NodeAdd'],
  filter(pod, info) {
    const wanted = pod.spec.nodeName;
    if (wanted && wanted !== info.node.metadata.name) return unresolvable('NodeName', "node(s) didn't match the requested node name");
    return undefined;
  },
};
