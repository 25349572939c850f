/**
 * NodeResourcesFit: the node must have room for the Pod's requests (and a free Pod slot); scores by
 * LeastAllocated, preferring the emptier node.
 */
import type { Container, Pod } from '../../../../shared/api/core.js';
import { milliValue, parseQuantity } from '../../../base/quantity.js';
import { type FilterPlugin, MAX_NODE_SCORE, type NodeInfo, type ScorePlugin, unschedulable } from '../framework.js';

/** schedutil.DefaultMilliCPURequest / DefaultMemoryRequest: what a request-less container counts as for scoring. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

interface Requests {
  milliCPU: number;
  memory: number;
}

function containerRequests(c: Container, nonZero: boolean): Requests {
  const cpu = c.resources?.requests?.cpu;
  const memory = c.resources?.requests?.memory;
  return {
    milliCPU: cpu === undefined && nonZero ? DEFAULT_MILLI_CPU_REQUEST : milliValue(cpu),
    memory: memory === undefined && nonZero ? DEFAULT_MEMORY_REQUEST : (parseQuantity(memory) ?? 0),
  };
}

/**
 * resourcehelper.PodRequests: the containers' sum plus restartable init containers (sidecars),
 * or the largest one-at-a-time init container (with the sidecars started before it) if that is
 * more, plus the Pod overhead. `nonZero` counts missing cpu/memory requests as the scoring defaults.
 */
export function podRequests(pod: Pod, nonZero = false): Requests {
  let milliCPU = 0;
  let memory = 0;
  for (const c of pod.spec.containers) {
    const r = containerRequests(c, nonZero);
    milliCPU += r.milliCPU;
    memory += r.memory;
  }
  let sidecarCPU = 0;
  let sidecarMemory = 0;
  let initCPU = 0;
  let initMemory = 0;
  for (const c of pod.spec.initContainers ?? []) {
    const r = containerRequests(c, nonZero);
    if (c.restartPolicy === 'Always') {
      sidecarCPU += r.milliCPU;
      sidecarMemory += r.memory;
      initCPU = Math.max(initCPU, sidecarCPU);
      initMemory = Math.max(initMemory, sidecarMemory);
    } else {
      initCPU = Math.max(initCPU, sidecarCPU + r.milliCPU);
      initMemory = Math.max(initMemory, sidecarMemory + r.memory);
    }
  }
  milliCPU = Math.max(milliCPU + sidecarCPU, initCPU);
  memory = Math.max(memory + sidecarMemory, initMemory);
  const overhead = pod.spec.overhead as Record<string, string> | undefined;
  if (overhead) {
    milliCPU += milliValue(overhead.cpu);
    memory += parseQuantity(overhead.memory) ?? 0;
  }
  return { milliCPU, memory };
}

/** fitsRequest's reasons for one node, in Kubernetes' order. */
export function insufficientResources(req: Requests, info: NodeInfo): string[] {
  const reasons: string[] = [];
  if (info.requested.pods + 1 > info.allocatable.pods) reasons.push('Too many pods');
  if (req.milliCPU > 0 && info.requested.milliCPU + req.milliCPU > info.allocatable.milliCPU) reasons.push('Insufficient cpu');
  if (req.memory > 0 && info.requested.memory + req.memory > info.allocatable.memory) reasons.push('Insufficient memory');
  return reasons;
}

function fits(req: Requests, info: NodeInfo): boolean {
  const { requested, allocatable } = info;
  return (
    requested.pods + 1 <= allocatable.pods &&
    (req.milliCPU <= 0 || requested.milliCPU + req.milliCPU <= allocatable.milliCPU) &&
    (req.memory <= 0 || requested.memory + req.memory <= allocatable.memory)
  );
}

/** leastRequestedScore: the free share of one resource after placing the Pod, 0–100. */
function leastRequested(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

export const NodeResourcesFit: FilterPlugin & ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  events: ['NodeAdd', 'NodeUpdate', 'AssignedPodDelete', 'AssignedPodUpdate'],
  preFilter(pod, state) {
    state.write('NodeResourcesFit', podRequests(pod));
    return undefined;
  },
  filter(pod, info, state) {
    const req = state?.read<Requests>('NodeResourcesFit') ?? podRequests(pod);
    // The common case, a node with room, allocates nothing.
    if (fits(req, info)) return undefined;
    return unschedulable('NodeResourcesFit', ...insufficientResources(req, info));
  },
  preScore(pod, state) {
    state.write('NodeResourcesFit/nonZero', podRequests(pod, true));
    return undefined;
  },
  score(pod, info, state) {
    const req = state?.read<Requests>('NodeResourcesFit/nonZero') ?? podRequests(pod, true);
    const used = info.nonZeroRequested ?? info.requested;
    // cpu and memory, weight 1 each.
    const cpu = leastRequested(used.milliCPU + req.milliCPU, info.allocatable.milliCPU);
    const mem = leastRequested(used.memory + req.memory, info.allocatable.memory);
    return Math.trunc((cpu + mem) / 2);
  },
};
