/**
 * GNU getopt_long rules for the coreutils-like built-ins: bundled short flags (`-la`), values
 * attached or separate (`-n5`, `-n 5`, `--lines=5`), options after operands, `--` and `-`.
 */

export interface OptionSpec {
  /** Short options without a value. */
  readonly flags?: string;
  /** Short options that take a value. */
  readonly values?: string;
  /** Long option name → short letter it means (or a key of its own when it has none). */
  readonly long?: Readonly<Record<string, string>>;
  /** Long options (by key) that take a value. */
  readonly longValues?: readonly string[];
  /** Stop at the first operand instead of permuting (`ssh host cmd -x`, `env`). */
  readonly stopAtOperand?: boolean;
}

export interface ParsedOptions {
  readonly flags: ReadonlySet<string>;
  /** Every value given for an option, in order (`grep -e a -e b`). */
  readonly values: ReadonlyMap<string, readonly string[]>;
  readonly operands: readonly string[];
  /** Options in the order given, for commands where order matters. */
  readonly order: readonly string[];
}

export type OptionsResult = { readonly ok: true; readonly options: ParsedOptions } | { readonly ok: false; readonly message: string };

export function parseOptions(command: string, args: readonly string[], spec: OptionSpec): OptionsResult {
  const flags = new Set<string>();
  const values = new Map<string, string[]>();
  const operands: string[] = [];
  const order: string[] = [];
  const shortFlags = spec.flags ?? '';
  const shortValues = spec.values ?? '';
  const addValue = (key: string, value: string): void => {
    values.set(key, [...(values.get(key) ?? []), value]);
    order.push(key);
  };
  const addFlag = (key: string): void => {
    flags.add(key);
    order.push(key);
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      const candidates = Object.keys(spec.long ?? {}).filter((l) => l === name || l.startsWith(name));
      const exact = candidates.includes(name) ? name : candidates.length === 1 ? candidates[0] : undefined;
      if (exact === undefined) {
        return {
          ok: false,
          message: candidates.length > 1 ? `${command}: option '${arg}' is ambiguous` : `${command}: unrecognized option '${arg}'`,
        };
      }
      const key = spec.long![exact]!;
      const takesValue = shortValues.includes(key) || (spec.longValues ?? []).includes(key);
      if (takesValue) {
        if (eq >= 0) addValue(key, arg.slice(eq + 1));
        else if (i + 1 < args.length) addValue(key, args[++i]!);
        else return { ok: false, message: `${command}: option '--${exact}' requires an argument` };
      } else if (eq >= 0) {
        return { ok: false, message: `${command}: option '--${exact}' doesn't allow an argument` };
      } else {
        addFlag(key);
      }
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j]!;
        if (shortValues.includes(letter)) {
          const rest = arg.slice(j + 1);
          if (rest) addValue(letter, rest);
          else if (i + 1 < args.length) addValue(letter, args[++i]!);
          else return { ok: false, message: `${command}: option requires an argument -- '${letter}'` };
          break;
        }
        if (!shortFlags.includes(letter)) return { ok: false, message: `${command}: invalid option -- '${letter}'` };
        addFlag(letter);
      }
      continue;
    }
    operands.push(arg);
    if (spec.stopAtOperand) {
      operands.push(...args.slice(i + 1));
      break;
    }
  }
  return { ok: true, options: { flags, values, operands, order } };
}

/** The last value given for an option. */
export function lastValue(options: ParsedOptions, key: string): string | undefined {
  const all = options.values.get(key);
  return all?.[all.length - 1];
}
