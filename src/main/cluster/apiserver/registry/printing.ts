/** Helpers shared by the table printers (kubernetes/pkg/printers/internalversion). */
import { humanDuration } from '../../../base/duration.js';

/** Parsed timestamps: a list's objects share few distinct creation seconds. Bounded, then cleared. */
const parsedTimes = new Map<string, number>();
const MAX_PARSED_TIMES = 4096;

function parseTime(timestamp: string): number {
  let time = parsedTimes.get(timestamp);
  if (time === undefined) {
    if (parsedTimes.size >= MAX_PARSED_TIMES) parsedTimes.clear();
    parsedTimes.set(timestamp, (time = Date.parse(timestamp)));
  }
  return time;
}

/** translateTimestampSince: `<unknown>` for a missing time, else kubectl's short age. */
export function age(timestamp: string | null | undefined, now: number): string {
  if (!timestamp) return '<unknown>';
  return humanDuration(now - parseTime(timestamp));
}
