/**
 * FitError's message (framework/types.go): `0/3 nodes are available: <PreFilter message or the
 * sorted histogram of Filter reasons>. <PostFilter message>.` — each part appended as ` %v.`, so
 * preemption's own FitError text (ending in `.`) gets a second period, exactly as 1.32 prints it:
 * `… No preemption victims found for incoming pod..`
 */
import type { PluginStatus } from './framework.js';

export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/** `N reason` strings, sorted as sort.Strings sorts them. */
function histogram(failures: readonly PluginStatus[]): string[] {
  const counts = new Map<string, number>();
  for (const f of failures) for (const r of f.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([r, n]) => `${n} ${r}`).sort();
}

export function fitErrorMessage(total: number, failures: readonly PluginStatus[], preFilterMessage?: string, postFilterMessage?: string): string {
  let message = `0/${total} nodes are available:`;
  if (preFilterMessage) message += ` ${preFilterMessage}.`;
  else {
    const reasons = histogram(failures);
    if (reasons.length > 0) message += ` ${reasons.join(', ')}.`;
  }
  if (postFilterMessage) message += ` ${postFilterMessage}.`;
  return message;
}

/**
 * The message of a failed preemption: per node, `Preemption is not helpful for scheduling` where
 * the rejection was unresolvable, `No preemption victims found for incoming pod` where no
 * lower-priority Pod could be evicted, or the Filter's reasons where evicting them all would not be
 * enough.
 */
export function preemptionFailureMessage(total: number, perNode: readonly PluginStatus[]): string {
  return `preemption: ${fitErrorMessage(total, perNode)}`;
}

/** kube-scheduler's message when preemption is not even tried: every node's verdict translated. */
export function failedSchedulingMessage(total: number, failures: PluginStatus[]): string {
  if (total === 0) return NO_NODES_AVAILABLE;
  const perNode = failures.map((f) =>
    f.code === 'UnschedulableAndUnresolvable'
      ? { code: f.code, plugin: f.plugin, reasons: ['Preemption is not helpful for scheduling'] }
      : { code: f.code, plugin: f.plugin, reasons: ['No preemption victims found for incoming pod'] },
  );
  return fitErrorMessage(total, failures, undefined, preemptionFailureMessage(total, perNode));
}
