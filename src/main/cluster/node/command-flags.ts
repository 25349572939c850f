/**
 * pflag-style parsing for the node tools (etcdctl, etcdutl, kubeadm): flags anywhere among the
 * arguments, `--name=value` or `--name value`, `-w value`, booleans with an optional `=false`, and
 * `--` ending the flags. Errors come back as values worded as cobra prints them.
 */
import type { CommandHandler } from '../../shell/types.js';

export interface FlagSpec {
  readonly kind: 'string' | 'bool';
  readonly short?: string;
}

export interface ParsedFlags {
  readonly values: ReadonlyMap<string, string | boolean>;
  readonly args: readonly string[];
}

export type FlagResult = { ok: true; value: ParsedFlags } | { ok: false; error: string };

export function parseFlags(argv: readonly string[], spec: Readonly<Record<string, FlagSpec>>): FlagResult {
  const values = new Map<string, string | boolean>();
  const args: string[] = [];
  const byShort = new Map<string, string>();
  for (const [name, flag] of Object.entries(spec)) if (flag.short) byShort.set(flag.short, name);
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (!word.startsWith('-') || word === '-') {
      args.push(word);
      continue;
    }
    const long = word.startsWith('--');
    let body = word.slice(long ? 2 : 1);
    // `-wtable` is `-w table` (pflag's shorthand with its value attached).
    const attached = !long && body.length > 1 && body.charAt(1) !== '=' ? byShort.get(body.charAt(0)) : undefined;
    if (attached !== undefined && spec[attached]?.kind === 'string') body = `${body.charAt(0)}=${body.slice(1)}`;
    const eq = body.indexOf('=');
    const key = eq === -1 ? body : body.slice(0, eq);
    const name = long ? key : byShort.get(key);
    const flag = name === undefined ? undefined : spec[name];
    if (name === undefined || flag === undefined) {
      return { ok: false, error: long ? `unknown flag: --${key}` : `unknown shorthand flag: '${key.charAt(0)}' in ${word}` };
    }
    if (flag.kind === 'bool') {
      const text = eq === -1 ? 'true' : body.slice(eq + 1);
      if (text !== 'true' && text !== 'false') return { ok: false, error: `invalid argument "${text}" for "--${name}" flag: strconv.ParseBool: parsing "${text}": invalid syntax` };
      values.set(name, text === 'true');
      continue;
    }
    if (eq !== -1) {
      values.set(name, body.slice(eq + 1));
      continue;
    }
    const next = argv[i + 1];
    if (next === undefined) return { ok: false, error: `flag needs an argument: ${long ? `--${name}` : `'${key}' in -${key}`}` };
    values.set(name, next);
    i++;
  }
  return { ok: true, value: { values, args } };
}

export function stringFlag(flags: ParsedFlags, name: string): string | undefined {
  const value = flags.values.get(name);
  return typeof value === 'string' ? value : undefined;
}

export function boolFlag(flags: ParsedFlags, name: string): boolean {
  return flags.values.get(name) === true;
}

/**
 * A tool installed only on some hosts (etcdctl and etcdutl on the control plane, kubeadm on the
 * nodes): elsewhere the shell's own "command not found".
 */
export function installedOn(hosts: (name: string) => boolean, name: string, handler: CommandHandler): CommandHandler {
  return (ctx) => {
    if (hosts(ctx.shell.host.name)) return handler(ctx);
    ctx.stderr.write(`bash: ${name}: command not found\n`);
    return 127;
  };
}
