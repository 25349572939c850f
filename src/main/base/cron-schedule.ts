/**
 * Cron schedules as Kubernetes reads them: github.com/robfig/cron/v3's ParseStandard (five fields
 * `minute hour day-of-month month day-of-week`, names like `jan`/`mon`, `*`, `?`, ranges, steps,
 * lists, and the `@hourly`… descriptors), with its error messages word for word — CronJob
 * validation shows them to the user. The result keeps each field's allowed values for whoever
 * later computes run times.
 */
import { parseDuration } from './duration.js';

export interface CronSchedule {
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  daysOfWeek: ReadonlySet<number>;
  /** The day-of-month or day-of-week field was `*` or `?` (cron's "star bit"): only the other one restricts days. */
  anyDayOfMonth: boolean;
  anyDayOfWeek: boolean;
  /** `TZ=…`/`CRON_TZ=…` prefix, if any. */
  timeZone?: string;
  /** `@every <duration>`, in milliseconds (at least a second, as cron.Every rounds up). */
  everyMs?: number;
}

export type CronResult = { ok: true; schedule: CronSchedule } | { ok: false; error: string };

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = {
  min: 1,
  max: 12,
  names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
};
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** Parse like cron.ParseStandard; `isTimeZone` says whether a `TZ=` name is known. */
export function parseCronSchedule(spec: string, isTimeZone: (name: string) => boolean = isKnownTimeZone): CronResult {
  if (spec.length === 0) return { ok: false, error: 'empty spec string' };
  let rest = spec;
  let timeZone: string | undefined;
  if (rest.startsWith('TZ=') || rest.startsWith('CRON_TZ=')) {
    const space = rest.indexOf(' ');
    const name = rest.slice(rest.indexOf('=') + 1, space < 0 ? undefined : space);
    if (!isTimeZone(name)) return { ok: false, error: `provided bad location ${name}: unknown time zone ${name}` };
    timeZone = name;
    rest = space < 0 ? '' : rest.slice(space).trim();
  }
  if (rest.startsWith('@')) {
    const expansion = DESCRIPTORS[rest];
    if (expansion) return withZone(parseFields(expansion.split(' ')), timeZone);
    if (rest.startsWith('@every ')) {
      const text = rest.slice('@every '.length);
      const error = goDurationError(text);
      if (error) return { ok: false, error: `failed to parse duration ${rest}: ${error}` };
      const all = parseFields(['*', '*', '*', '*', '*']);
      if (!all.ok) return all;
      return { ok: true, schedule: { ...all.schedule, timeZone, everyMs: Math.max(1000, parseDuration(text) ?? 0) } };
    }
    return { ok: false, error: `unrecognized descriptor: ${rest}` };
  }
  const fields = rest.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) return { ok: false, error: `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]` };
  return withZone(parseFields(fields), timeZone);
}

function withZone(result: CronResult, timeZone: string | undefined): CronResult {
  return result.ok && timeZone ? { ok: true, schedule: { ...result.schedule, timeZone } } : result;
}

function parseFields(fields: string[]): CronResult {
  const bounds = [MINUTES, HOURS, DOM, MONTHS, DOW];
  const sets: Array<Set<number>> = [];
  const stars: boolean[] = [];
  // Fields are parsed in order and the first error wins, as Parse's closure does.
  for (let i = 0; i < 5; i++) {
    const parsed = parseField(fields[i]!, bounds[i]!);
    if (typeof parsed === 'string') return { ok: false, error: parsed };
    sets.push(parsed.values);
    stars.push(parsed.star);
  }
  return {
    ok: true,
    schedule: {
      minutes: sets[0]!,
      hours: sets[1]!,
      daysOfMonth: sets[2]!,
      months: sets[3]!,
      daysOfWeek: sets[4]!,
      anyDayOfMonth: stars[2]!,
      anyDayOfWeek: stars[4]!,
    },
  };
}

function parseField(field: string, bounds: Bounds): { values: Set<number>; star: boolean } | string {
  const values = new Set<number>();
  let star = false;
  for (const expr of field.split(',').filter((e) => e !== '')) {
    const range = parseRange(expr, bounds);
    if (typeof range === 'string') return range;
    for (const v of range.values) values.add(v);
    star ||= range.star;
  }
  return { values, star };
}

/** getRange: `*`, `?`, `N`, `N-M`, each with an optional `/step`. */
function parseRange(expr: string, r: Bounds): { values: number[]; star: boolean } | string {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min;
    end = r.max;
    star = true;
  } else {
    const low = parseIntOrName(lowAndHigh[0]!, r.names);
    if (typeof low === 'string') return low;
    start = low;
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) {
      const high = parseIntOrName(lowAndHigh[1]!, r.names);
      if (typeof high === 'string') return high;
      end = high;
    } else return `too many hyphens: ${expr}`;
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const parsed = mustParseInt(rangeAndStep[1]!);
    if (typeof parsed === 'string') return parsed;
    step = parsed;
    // "N/step" means "N-max/step".
    if (singleDigit) end = r.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) return `too many slashes: ${expr}`;
  if (start < r.min) return `beginning of range (${start}) below minimum (${r.min}): ${expr}`;
  if (end > r.max) return `end of range (${end}) above maximum (${r.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  if (step === 0) return `step of range should be a positive number: ${expr}`;
  const values: number[] = [];
  for (let v = start; v <= end; v += step) values.push(v);
  return { values, star };
}

function parseIntOrName(expr: string, names: Record<string, number> | undefined): number | string {
  const named = names?.[expr.toLowerCase()];
  if (named !== undefined) return named;
  return mustParseInt(expr);
}

/** mustParseInt with strconv.Atoi's own complaints. */
function mustParseInt(expr: string): number | string {
  if (!/^[+-]?\d+$/.test(expr)) return `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`;
  const num = Number(expr);
  if (!Number.isSafeInteger(num)) return `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: value out of range`;
  if (num < 0) return `negative number (${num}) not allowed: ${expr}`;
  return num;
}

/** time.ParseDuration's error for text, or undefined when it is a valid Go duration. */
function goDurationError(text: string): string | undefined {
  const quoted = JSON.stringify(text);
  if (text === '0' || /^[+-]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$/.test(text)) return undefined;
  const unit = /^[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))*(?:\d+(?:\.\d*)?|\.\d+)([^\d.]+)/.exec(text);
  if (unit) return `time: unknown unit ${JSON.stringify(unit[1]!.replace(/\d.*$/, ''))} in duration ${quoted}`;
  if (/^[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))*(?:\d+(?:\.\d*)?|\.\d+)$/.test(text)) return `time: missing unit in duration ${quoted}`;
  return `time: invalid duration ${quoted}`;
}

/** time.LoadLocation's view of a zone name: UTC, or a name the IANA database knows. */
export function isKnownTimeZone(name: string): boolean {
  if (name === '' || name === 'UTC') return true;
  if (name === 'Local') return true;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return false;
  }
  // ICU ignores case; the zoneinfo files Go opens do not (`america/new_york` is unknown).
  return resolved.toLowerCase() !== name.toLowerCase() || resolved === name;
}
