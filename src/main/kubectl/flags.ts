/**
 * Command-line flags with cobra/pflag's rules: `--name=value`, `--name value`, `-n value`,
 * `-nvalue`, `-n=value`, combined boolean shorthands (`-it`), `--flag=false`, flags anywhere
 * among the arguments, and `--` to end flag parsing. Errors use pflag's wording.
 */
import { parseDuration } from '../base/duration.js';

export type FlagType = 'bool' | 'string' | 'int' | 'stringArray' | 'duration';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  /** Value when the flag is given as `--flag` without a value (bool: true). */
  noOptDefault?: string;
  /** pflag's MarkDeprecated message: the flag is hidden from help and noted on stderr when set. */
  deprecated?: string;
}

export type FlagValue = string | boolean | number | string[];

export interface ParsedFlags {
  values: Map<string, FlagValue>;
  positional: string[];
  /** Arguments after `--`. */
  afterDash: string[];
  /** Whether `--` was given (kubectl exec/run care). */
  dashSeen: boolean;
  /** pflag's notices for deprecated flags set, which cobra prints to stderr once parsing succeeded. */
  notices: string[];
  /** Each flag set, in order, with the text it was set from (what pflag's ParseAll reports). */
  given: { name: string; text: string }[];
}

export type ParseResult = { ok: true; flags: ParsedFlags } | { ok: false; error: string };

function parseBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(text)) return false;
  return undefined;
}

/** How pflag's Set names a flag in errors: by its shorthand too when it has one, however it was typed. */
function flagLabel(spec: FlagSpec): string {
  return spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
}

function convert(spec: FlagSpec, raw: string): { ok: true; value: FlagValue } | { ok: false; error: string } {
  const shown = flagLabel(spec);
  switch (spec.type) {
    case 'bool': {
      const b = parseBool(raw);
      if (b === undefined) return { ok: false, error: `invalid argument "${raw}" for "${shown}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax` };
      return { ok: true, value: b };
    }
    case 'int': {
      if (!/^[-+]?\d+$/.test(raw)) return { ok: false, error: `invalid argument "${raw}" for "${shown}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax` };
      return { ok: true, value: Number(raw) };
    }
    case 'duration': {
      const ms = parseDuration(raw);
      if (ms === undefined) return { ok: false, error: `invalid argument "${raw}" for "${shown}" flag: time: invalid duration "${raw}"` };
      return { ok: true, value: ms };
    }
    default:
      return { ok: true, value: raw };
  }
}

export function parseFlags(args: readonly string[], specs: readonly FlagSpec[]): ParseResult {
  const values = new Map<string, FlagValue>();
  const positional: string[] = [];
  const afterDash: string[] = [];
  let dashSeen = false;
  const notices: string[] = [];
  const given: { name: string; text: string }[] = [];
  const set = (spec: FlagSpec, value: FlagValue, text: string): void => {
    given.push({ name: spec.name, text });
    if (spec.deprecated !== undefined) notices.push(`Flag --${spec.name} has been deprecated, ${spec.deprecated}\n`);
    if (spec.type === 'stringArray') {
      const prev = (values.get(spec.name) as string[] | undefined) ?? [];
      values.set(spec.name, [...prev, value as string]);
    } else {
      values.set(spec.name, value);
    }
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      dashSeen = true;
      afterDash.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--') && arg.length > 2) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      // pflag rejects `---x` and `--=x` before looking the name up.
      if (name === '' || name.startsWith('-')) return { ok: false, error: `bad flag syntax: ${arg}` };
      const spec = specs.find((s) => s.name === name);
      if (!spec) return { ok: false, error: `unknown flag: --${name}` };
      let raw: string;
      if (eq >= 0) raw = arg.slice(eq + 1);
      else if (spec.type === 'bool') raw = 'true';
      else if (spec.noOptDefault !== undefined) raw = spec.noOptDefault;
      else if (i + 1 < args.length) raw = args[++i]!;
      else return { ok: false, error: `flag needs an argument: --${name}` };
      const converted = convert(spec, raw);
      if (!converted.ok) return converted;
      set(spec, converted.value, raw);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      const body = arg.slice(1);
      for (let j = 0; j < body.length; j++) {
        const c = body[j]!;
        // pflag's messages name the shorthands it still had to parse (`-Az` fails "in -z").
        const remaining = `-${body.slice(j)}`;
        const spec = specs.find((s) => s.short === c);
        if (!spec) return { ok: false, error: `unknown shorthand flag: '${c}' in ${remaining}` };
        const rest = body.slice(j + 1);
        let raw: string;
        if (rest.length > 1 && rest.startsWith('=')) {
          raw = rest.slice(1);
        } else if (spec.type === 'bool' || spec.noOptDefault !== undefined) {
          // An optional value is never taken from the rest of the group: parsing goes on with it.
          const converted = convert(spec, spec.noOptDefault ?? 'true');
          if (!converted.ok) return converted;
          set(spec, converted.value, spec.noOptDefault ?? 'true');
          continue;
        } else if (rest.length > 0) {
          raw = rest;
        } else if (i + 1 < args.length) {
          raw = args[++i]!;
        } else {
          return { ok: false, error: `flag needs an argument: '${c}' in ${remaining}` };
        }
        const converted = convert(spec, raw);
        if (!converted.ok) return converted;
        set(spec, converted.value, raw);
        break;
      }
      continue;
    }
    positional.push(arg);
  }
  return { ok: true, flags: { values, positional, afterDash, dashSeen, notices, given } };
}

/** cli-runtime's RecordFlags: `--record`, deprecated but still recording the change-cause annotation. */
export const RECORD_FLAG: FlagSpec = { name: 'record', type: 'bool', deprecated: '--record will be removed in the future' };

/** Flags every kubectl command accepts (kubectl's persistent root flags). */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'cluster', type: 'string' },
  { name: 'user', type: 'string' },
  { name: 'server', short: 's', type: 'string' },
  { name: 'token', type: 'string' },
  { name: 'as', type: 'string' },
  { name: 'as-group', type: 'stringArray' },
  { name: 'as-uid', type: 'string' },
  { name: 'request-timeout', type: 'string' },
  { name: 'insecure-skip-tls-verify', type: 'bool' },
  { name: 'certificate-authority', type: 'string' },
  { name: 'client-certificate', type: 'string' },
  { name: 'client-key', type: 'string' },
  { name: 'tls-server-name', type: 'string' },
  { name: 'cache-dir', type: 'string' },
  { name: 'match-server-version', type: 'bool' },
  { name: 'warnings-as-errors', type: 'bool' },
  { name: 'disable-compression', type: 'bool' },
  { name: 'username', type: 'string' },
  { name: 'password', type: 'string' },
  { name: 'v', short: 'v', type: 'int' },
  { name: 'vmodule', type: 'string' },
  { name: 'log-flush-frequency', type: 'string' },
  { name: 'profile', type: 'string' },
  { name: 'profile-output', type: 'string' },
];

export class FlagReader {
  constructor(private readonly parsed: ParsedFlags) {}

  get positional(): string[] {
    return this.parsed.positional;
  }

  get afterDash(): string[] {
    return this.parsed.afterDash;
  }

  /** The flags set, in order, each with the text it was set from. */
  get given(): readonly { name: string; text: string }[] {
    return this.parsed.given;
  }

  has(name: string): boolean {
    return this.parsed.values.has(name);
  }

  string(name: string, fallback = ''): string {
    const v = this.parsed.values.get(name);
    return typeof v === 'string' ? v : fallback;
  }

  bool(name: string, fallback = false): boolean {
    const v = this.parsed.values.get(name);
    return typeof v === 'boolean' ? v : fallback;
  }

  number(name: string, fallback: number): number {
    const v = this.parsed.values.get(name);
    return typeof v === 'number' ? v : fallback;
  }

  strings(name: string): string[] {
    const v = this.parsed.values.get(name);
    return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  }
}
