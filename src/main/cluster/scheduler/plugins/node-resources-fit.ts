/**
 * NodeResourcesFit: the node must have room for the Pod's requests (and a free Pod slot); scores by
 * LeastAllocated, preferring the emptier node.
 */
import type { Pod } from '../../../../shared/api/core.js';
import { milliValue, parseQuantity } from '../../../base/quantity.js';
import { type FilterPlugin, MAX_NODE_SCORE, type NodeInfo, type ScorePlugin, unschedulable } from '../framework.js';

export function podRequests(pod: Pod): { milliCPU: number; memory: number } {
  let milliCPU = 0;
  let memory = 0;
  for (const c of pod.spec.containers) {
    milliCPU += milliValue(c.resources?.requests?.cpu);
    memory += parseQuantity(c.resources?.requests?.memory) ?? 0;
  }
  // Init containers run one at a time: the Pod needs the largest of them if that is more.
  for (const c of pod.spec.initContainers ?? []) {
    milliCPU = Math.max(milliCPU, milliValue(c.resources?.requests?.cpu));
    memory = Math.max(memory, parseQuantity(c.resources?.requests?.memory) ?? 0);
  }
  return { milliCPU, memory };
}

export const NodeResourcesFit: FilterPlugin & ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  filter(pod, info) {
    const reasons: string[] = [];
    const req = podRequests(pod);
    if (info.requested.pods + 1 > info.allocatable.pods) reasons.push('Too many pods');
    if (req.milliCPU > 0 && info.requested.milliCPU + req.milliCPU > info.allocatable.milliCPU) reasons.push('Insufficient cpu');
    if (req.memory > 0 && info.requested.memory + req.memory > info.allocatable.memory) reasons.push('Insufficient memory');
    return reasons.length > 0 ? unschedulable('NodeResourcesFit', ...reasons) : undefined;
  },
  score(pod, info: NodeInfo) {
    const req = podRequests(pod);
    // Pods without requests count as 100m CPU and 200Mi memory for scoring (schedutil defaults).
    const cpu = info.requested.milliCPU + (req.milliCPU || 100);
    const mem = info.requested.memory + (req.memory || 200 * 2 ** 20);
    const free = (used: number, total: number): number => (total <= 0 || used > total ? 0 : ((total - used) * MAX_NODE_SCORE) / total);
    return Math.floor((free(cpu, info.allocatable.milliCPU) + free(mem, info.allocatable.memory)) / 2);
  },
};
