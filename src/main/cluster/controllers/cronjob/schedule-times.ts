/**
 * When a parsed cron schedule next fires: robfig/cron's SpecSchedule.Next (the first whole
 * minute strictly after `after` whose fields match, in the schedule's time zone; day of month
 * and day of week are ANDed when either is `*`, else ORed; nothing within five years → none)
 * and ConstantDelaySchedule for `@every`.
 */
import type { CronSchedule } from '../../../base/cron-schedule.js';

const MINUTE = 60_000;
const YEARS_TO_SEARCH = 5;

interface WallClock {
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The wall clock in `timeZone` (UTC when unset) at instant `ms`. */
function wallClock(ms: number, timeZone: string | undefined): WallClock {
  if (!timeZone || timeZone === 'UTC' || timeZone === 'Local') {
    const d = new Date(ms);
    return { month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
  }
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', month: 'numeric', day: 'numeric', weekday: 'short', hour: 'numeric', minute: 'numeric' });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(ms)) parts[part.type] = part.value;
  return { month: Number(parts.month), day: Number(parts.day), weekday: WEEKDAYS[parts.weekday ?? ''] ?? 0, hour: Number(parts.hour), minute: Number(parts.minute) };
}

function dayMatches(schedule: CronSchedule, t: WallClock): boolean {
  const dom = schedule.daysOfMonth.has(t.day);
  const dow = schedule.daysOfWeek.has(t.weekday);
  return schedule.anyDayOfMonth || schedule.anyDayOfWeek ? dom && dow : dom || dow;
}

/** The next activation strictly after `after` (ms since the epoch), or undefined if there is none. */
export function nextScheduleTime(schedule: CronSchedule, after: number, timeZone: string | undefined = schedule.timeZone): number | undefined {
  if (schedule.everyMs !== undefined) {
    // ConstantDelaySchedule: whole seconds, `every` after the given time.
    return Math.floor(after / 1000) * 1000 + schedule.everyMs;
  }
  const limit = after + YEARS_TO_SEARCH * 366 * 24 * 60 * MINUTE;
  // The first whole minute after `after` (cron's seconds field is always 0 here).
  let t = Math.floor(after / MINUTE) * MINUTE + MINUTE;
  while (t <= limit) {
    const wall = wallClock(t, timeZone);
    if (!schedule.months.has(wall.month) || !dayMatches(schedule, wall)) {
      t += ((24 - wall.hour) * 60 - wall.minute) * MINUTE;
      continue;
    }
    if (!schedule.hours.has(wall.hour)) {
      t += (60 - wall.minute) * MINUTE;
      continue;
    }
    if (!schedule.minutes.has(wall.minute)) {
      t += MINUTE;
      continue;
    }
    return t;
  }
  return undefined;
}
