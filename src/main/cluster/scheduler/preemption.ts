/**
 * DefaultPreemption (PostFilter): when no node fits, find nodes where evicting lower-priority Pods
 * would let the Pod in, keep as few victims as possible (reprieving the most important first), and
 * pick the node whose victims matter least. The caller nominates the node and deletes the victims.
 */
import type { Pod } from '../../../shared/api/core.js';
import { preemptionFailureMessage } from './fit-error.js';
import type { NodeInfo, PluginStatus, Snapshot } from './framework.js';
import { withoutPods } from './scheduler-cache.js';

export type PreemptionOutcome = { node: string; victims: Pod[] } | { message: string };

/** minCandidateNodesPercentage / minCandidateNodesAbsolute: stop looking after this many candidates. */
const MIN_CANDIDATES_PERCENT = 10;
const MIN_CANDIDATES_ABSOLUTE = 100;

export function priorityOf(pod: Pod): number {
  return pod.spec.priority ?? 0;
}

function startTime(pod: Pod): number {
  const t = pod.status?.startTime ?? pod.metadata.creationTimestamp;
  return t ? Date.parse(t) : 0;
}

/** MoreImportantPod: higher priority first, then the one that started earlier. */
function moreImportant(a: Pod, b: Pod): number {
  return priorityOf(b) - priorityOf(a) || startTime(a) - startTime(b);
}

interface Candidate {
  node: string;
  victims: Pod[];
}

function selectVictims(pod: Pod, info: NodeInfo, fits: (info: NodeInfo) => PluginStatus | undefined): Candidate | PluginStatus {
  const potential = info.pods.filter((p) => priorityOf(p) < priorityOf(pod));
  const plugin = 'DefaultPreemption';
  if (potential.length === 0) return { code: 'UnschedulableAndUnresolvable', plugin, reasons: ['No preemption victims found for incoming pod'] };
  const all = fits(withoutPods(info, potential));
  if (all) return all;
  // Reprieve as many as possible, most important first.
  const removed = new Set(potential);
  for (const p of [...potential].sort(moreImportant)) {
    removed.delete(p);
    if (fits(withoutPods(info, [...removed]))) removed.add(p);
  }
  return { node: info.node.metadata.name ?? '', victims: [...removed].sort(moreImportant) };
}

/** pickOneNodeForPreemption: lowest top victim priority, lowest priority sum, fewest victims, latest start. */
function pick(candidates: Candidate[]): Candidate {
  const score = (c: Candidate): number[] => {
    const top = c.victims[0] ? priorityOf(c.victims[0]) : -Infinity;
    // Offset so negative priorities still add up meaningfully (MaxInt32 + 1 per victim in Go).
    const sum = c.victims.reduce((s, v) => s + priorityOf(v) + 2 ** 31, 0);
    const earliestTop = Math.min(...c.victims.filter((v) => priorityOf(v) === top).map(startTime));
    return [top, sum, c.victims.length, -earliestTop];
  };
  let best = candidates[0]!;
  let bestScore = score(best);
  for (const c of candidates.slice(1)) {
    const s = score(c);
    const i = s.findIndex((v, k) => v !== bestScore[k]);
    if (i >= 0 && s[i]! < bestScore[i]!) {
      best = c;
      bestScore = s;
    }
  }
  return best;
}

export function preempt(
  pod: Pod,
  snapshot: Snapshot,
  total: number,
  failures: ReadonlyMap<string, PluginStatus>,
  fits: (info: NodeInfo) => PluginStatus | undefined,
): PreemptionOutcome {
  if (pod.spec.preemptionPolicy === 'Never') return { message: 'preemption: not eligible due to preemptionPolicy=Never.' };
  const nominated = pod.status?.nominatedNodeName;
  if (nominated && failures.get(nominated)?.code !== 'UnschedulableAndUnresolvable') {
    const info = snapshot.get(nominated);
    if (info?.pods.some((p) => p.metadata.deletionTimestamp && priorityOf(p) < priorityOf(pod))) {
      return { message: 'preemption: not eligible due to a terminating pod on the nominated node.' };
    }
  }
  const perNode: PluginStatus[] = [];
  const candidates: Candidate[] = [];
  const wanted = Math.max(MIN_CANDIDATES_ABSOLUTE, Math.floor((total * MIN_CANDIDATES_PERCENT) / 100));
  for (const [name, status] of failures) {
    if (status.code === 'UnschedulableAndUnresolvable') {
      perNode.push({ code: status.code, plugin: status.plugin, reasons: ['Preemption is not helpful for scheduling'] });
      continue;
    }
    if (candidates.length >= wanted) continue;
    const info = snapshot.get(name);
    if (!info) continue;
    const result = selectVictims(pod, info, fits);
    if ('victims' in result) candidates.push(result);
    else perNode.push(result);
  }
  if (candidates.length === 0) return { message: preemptionFailureMessage(total, perNode) };
  return pick(candidates);
}
