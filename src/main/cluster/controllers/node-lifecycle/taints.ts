/**
 * Node taints the node lifecycle and taint-eviction controllers share: the condition taints
 * (pkg/controller/nodelifecycle's templates), v1helper's toleration matching, and
 * SwapNodeControllerTaint's edit of a Node's taint list (added taints stamped with timeAdded).
 */
import type { Node, Taint, Toleration } from '../../../../shared/api/core.js';
import { rfc3339 } from '../../../base/duration.js';

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** nodeConditionToTaintKeyStatusMap: a condition in this status gives the node this NoSchedule taint. */
export const CONDITION_TAINTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
};

/** The keys the NoSchedule pass owns (taintKeyToNodeConditionMap plus unschedulable). */
export const CONDITION_TAINT_KEYS = new Set([...Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)), TAINT_UNSCHEDULABLE]);

/** Taint.MatchTaint: same key and effect (value and timeAdded do not matter). */
export function sameTaint(a: Taint, b: Taint): boolean {
  return a.key === b.key && a.effect === b.effect;
}

/** Toleration.ToleratesTaint. */
export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? 'Equal') {
    case 'Exists':
      return true;
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

/** GetMatchingTolerations: whether every taint is tolerated, and the first toleration used for each. */
export function matchingTolerations(taints: readonly Taint[], tolerations: readonly Toleration[]): { all: boolean; used: Toleration[] } {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const found = tolerations.find((t) => tolerates(t, taint));
    if (!found) return { all: false, used: [] };
    used.push(found);
  }
  return { all: true, used };
}

/**
 * getMinTolerationTime in milliseconds: the smallest tolerationSeconds among the tolerations used
 * (0 when one is not positive); undefined when none sets it: tolerated forever.
 */
export function minTolerationMs(tolerations: readonly Toleration[]): number | undefined {
  let min: number | undefined;
  for (const toleration of tolerations) {
    const seconds = toleration.tolerationSeconds;
    if (seconds === undefined || seconds === null) continue;
    if (seconds <= 0) return 0;
    if (min === undefined || seconds * 1000 < min) min = seconds * 1000;
  }
  return min;
}

/** The NoExecute taints of a node (getNoExecuteTaints). */
export function noExecuteTaints(node: Node | undefined): Taint[] {
  return (node?.spec.taints ?? []).filter((t) => t.effect === 'NoExecute');
}

/**
 * SwapNodeControllerTaint's result: the node's taints with `remove` gone and `add` present (each
 * new one stamped with timeAdded); undefined when nothing would change.
 */
export function swapTaints(node: Node, add: readonly Taint[], remove: readonly Taint[], now: number): Taint[] | undefined {
  const current = node.spec.taints ?? [];
  const kept = current.filter((t) => !remove.some((r) => sameTaint(r, t)));
  const added = add.filter((a) => !kept.some((t) => sameTaint(a, t))).map((a) => ({ ...a, timeAdded: rfc3339(now) }));
  if (kept.length === current.length && added.length === 0) return undefined;
  return [...kept, ...added];
}
