/**
 * NodeResourcesBalancedAllocation: prefers nodes whose cpu and memory would be used in similar
 * proportions after placing the Pod (score = (1 − |cpu fraction − memory fraction| / 2) × 100).
 * Pods that request neither are skipped (PreScore Skip for best-effort Pods).
 */
import { MAX_NODE_SCORE, type ScorePlugin } from '../framework.js';
import { podRequests } from './node-resources-fit.js';

interface Requests {
  milliCPU: number;
  memory: number;
}

function fraction(used: number, total: number): number {
  return total <= 0 ? 1 : Math.min(1, used / total);
}

export const BalancedAllocation: ScorePlugin = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  preScore(pod, state) {
    const req = podRequests(pod);
    if (req.milliCPU === 0 && req.memory === 0) return 'skip';
    state.write('NodeResourcesBalancedAllocation', req);
    return undefined;
  },
  score(pod, info, state) {
    const req = state?.read<Requests>('NodeResourcesBalancedAllocation') ?? podRequests(pod);
    const cpu = fraction(info.requested.milliCPU + req.milliCPU, info.allocatable.milliCPU);
    const memory = fraction(info.requested.memory + req.memory, info.allocatable.memory);
    const std = Math.abs((cpu - memory) / 2);
    return Math.trunc((1 - std) * MAX_NODE_SCORE);
  },
};
