/**
 * Indexed Jobs: the completion index a Pod carries (`batch.kubernetes.io/job-completion-index`)
 * and `status.completedIndexes`, a compressed list of intervals such as `1,3-5,7`.
 */
import type { Pod } from '../../../../shared/api/core.js';

export const COMPLETION_INDEX_KEY = 'batch.kubernetes.io/job-completion-index';

/** getCompletionIndex: the annotation as a non-negative integer, or undefined. */
export function completionIndex(pod: Pod): number | undefined {
  const text = pod.metadata.annotations?.[COMPLETION_INDEX_KEY];
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const index = Number(text);
  return Number.isSafeInteger(index) ? index : undefined;
}

/** parseIndexesFromString: `1,3-5` → {1,3,4,5}; indexes at or beyond `completions` are dropped. */
export function parseIndexes(text: string | undefined, completions: number): Set<number> {
  const indexes = new Set<number>();
  if (!text) return indexes;
  for (const part of text.split(',')) {
    const [low, high] = part.split('-');
    const from = Number(low);
    const to = high === undefined ? from : Number(high);
    if (!Number.isInteger(from) || !Number.isInteger(to)) continue;
    for (let i = from; i <= to && i < completions; i++) indexes.add(i);
  }
  return indexes;
}

/** orderedIntervals.String: ascending, runs of three or more as `a-b`. */
export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...indexes].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    // Two in a row print as `a,b`; three or more as `a-b` (orderedIntervals.String).
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}${j === i + 1 ? ',' : '-'}${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}
