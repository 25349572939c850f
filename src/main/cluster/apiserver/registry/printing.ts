/** Helpers shared by the table printers (kubernetes/pkg/printers/internalversion). */
import { humanDuration } from '../../../base/duration.js';

/** translateTimestampSince: `<unknown>` for a missing time, else kubectl's short age. */
export function age(timestamp: string | null | undefined, now: number): string {
  if (!timestamp) return '<unknown>';
  return humanDuration(now - Date.parse(timestamp));
}
