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

/** translateTimestampSince for a time already parsed (NaN: `<unknown>`). */
export function ageOfTime(time: number, now: number): string {
  return Number.isNaN(time) ? '<unknown>' : humanDuration(now - time);
}

/** A timestamp in milliseconds, NaN when missing. */
export function timeOf(timestamp: string | null | undefined): number {
  return timestamp ? parseTime(timestamp) : NaN;
}
