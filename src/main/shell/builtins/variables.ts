/** `export`, `unset`, `env`, `set`, `alias`, `unalias`: the shell's variables and aliases. */
import type { Builtin, BuiltinContext } from './builtin.js';
import { shellQuote } from './util.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** bash's `declare -x` quoting: double quotes with `"`, `\`, `$` and backquote escaped. */
function declareQuote(value: string): string {
  return `"${value.replace(/["\\$`]/g, '\\$&')}"`;
}

/** `alias` prints values in single quotes, closing and escaping any embedded quote. */
export function aliasQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function exportBuiltin(ctx: BuiltinContext): number {
  const args = ctx.argv.slice(1);
  let unexport = false;
  while (args[0]?.startsWith('-') && args[0] !== '-') {
    const option = args.shift()!;
    if (option === '--') break;
    if (option.includes('n')) unexport = true;
  }
  const env = ctx.shell.env;
  const exported = ctx.control.exported;
  if (args.length === 0) {
    let out = '';
    for (const name of [...exported].sort()) {
      const value = env.get(name);
      out += value === undefined ? `declare -x ${name}\n` : `declare -x ${name}=${declareQuote(value)}\n`;
    }
    ctx.stdout.write(out);
    return 0;
  }
  let status = 0;
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!IDENTIFIER.test(name)) {
      ctx.stderr.write(`bash: export: \`${arg}': not a valid identifier\n`);
      status = 1;
      continue;
    }
    if (eq >= 0) env.set(name, arg.slice(eq + 1));
    if (unexport) exported.delete(name);
    else exported.add(name);
  }
  return status;
}

function unset(ctx: BuiltinContext): number {
  const args = ctx.argv.slice(1).filter((a) => !/^-[vfn]+$/.test(a));
  let status = 0;
  for (const name of args) {
    if (!IDENTIFIER.test(name)) {
      ctx.stderr.write(`bash: unset: \`${name}': not a valid identifier\n`);
      status = 1;
      continue;
    }
    ctx.shell.env.delete(name);
    ctx.control.exported.delete(name);
  }
  return status;
}

async function env(ctx: BuiltinContext): Promise<number> {
  const args = ctx.argv.slice(1);
  let clear = false;
  while (args[0] === '-i' || args[0] === '-' || args[0] === '--ignore-environment') {
    clear = true;
    args.shift();
  }
  const assignments: Array<[string, string]> = [];
  while (args[0] !== undefined && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[0])) {
    const arg = args.shift()!;
    const eq = arg.indexOf('=');
    assignments.push([arg.slice(0, eq), arg.slice(eq + 1)]);
  }
  const shellEnv = ctx.shell.env;
  const exported = ctx.control.exported;
  if (args.length === 0) {
    const vars = new Map<string, string>();
    if (!clear) for (const name of exported) if (shellEnv.has(name)) vars.set(name, shellEnv.get(name)!);
    for (const [name, value] of assignments) vars.set(name, value);
    ctx.stdout.write([...vars].map(([name, value]) => `${name}=${value}\n`).join(''));
    return 0;
  }
  // Run the command with the extra variables, then put everything back.
  const saved = assignments.map(([name]) => [name, shellEnv.get(name), exported.has(name)] as const);
  for (const [name, value] of assignments) {
    shellEnv.set(name, value);
    exported.add(name);
  }
  try {
    const line = args.map(shellQuote).join(' ');
    const status = await ctx.control.runText(line, ctx.io, ctx.signal);
    return status === 127 && !ctx.control.describe(args[0]!) ? 127 : status;
  } finally {
    for (const [name, value, wasExported] of saved) {
      if (value === undefined) shellEnv.delete(name);
      else shellEnv.set(name, value);
      if (!wasExported) exported.delete(name);
    }
  }
}

/**
 * `set` with no arguments lists variables; options (`-e`, `-o pipefail`) are accepted and
 * ignored; the words after them (or after `--`) become the positional parameters `$1`….
 */
function set(ctx: BuiltinContext): number {
  const args = ctx.argv.slice(1);
  if (args.length > 0) {
    while (args[0] !== undefined && /^[-+]./.test(args[0])) {
      const option = args.shift()!;
      if (option === '--') {
        ctx.control.positional = { zero: ctx.control.positional.zero, args };
        return 0;
      }
      if (option.includes('o')) args.shift();
    }
    if (args.length > 0) ctx.control.positional = { zero: ctx.control.positional.zero, args };
    return 0;
  }
  const env = ctx.shell.env;
  ctx.stdout.write(
    [...env.keys()]
      .sort()
      .map((name) => `${name}=${shellQuote(env.get(name)!)}\n`)
      .join(''),
  );
  return 0;
}

function alias(ctx: BuiltinContext): number {
  const args = ctx.argv.slice(1).filter((a) => a !== '-p' && a !== '--');
  const aliases = ctx.control.aliases;
  if (args.length === 0) {
    let out = '';
    for (const name of [...aliases.keys()].sort()) out += `alias ${name}=${aliasQuote(aliases.get(name)!)}\n`;
    ctx.stdout.write(out);
    return 0;
  }
  let status = 0;
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq > 0) {
      const name = arg.slice(0, eq);
      if (/[\s/$`=|&;()<>'"\\]/.test(name)) {
        ctx.stderr.write(`bash: alias: \`${name}': invalid alias name\n`);
        status = 1;
        continue;
      }
      aliases.set(name, arg.slice(eq + 1));
      continue;
    }
    const value = aliases.get(arg);
    if (value === undefined) {
      ctx.stderr.write(`bash: alias: ${arg}: not found\n`);
      status = 1;
    } else {
      ctx.stdout.write(`alias ${arg}=${aliasQuote(value)}\n`);
    }
  }
  return status;
}

function unalias(ctx: BuiltinContext): number {
  const args = ctx.argv.slice(1);
  const aliases = ctx.control.aliases;
  if (args.length === 0) {
    ctx.stderr.write('unalias: usage: unalias [-a] name [name ...]\n');
    return 2;
  }
  if (args.includes('-a')) {
    aliases.clear();
    return 0;
  }
  let status = 0;
  for (const name of args) {
    if (!aliases.delete(name)) {
      ctx.stderr.write(`bash: unalias: ${name}: not found\n`);
      status = 1;
    }
  }
  return status;
}

/** `read [-r] [-p prompt] [name…]`: one line of stdin into variables (REPLY by default). */
function read(ctx: BuiltinContext): number {
  const args = ctx.argv.slice(1);
  let raw = false;
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-r') raw = true;
    else if (arg === '-p') ctx.stderr.write(args[++i] ?? '');
    else if (arg.startsWith('-') && names.length === 0) continue;
    else names.push(arg);
  }
  for (const name of names) {
    if (!IDENTIFIER.test(name)) {
      ctx.stderr.write(`bash: read: \`${name}': not a valid identifier\n`);
      return 1;
    }
  }
  // Without a pipe or redirect there is nothing to read: the terminal belongs to the session.
  let line = ctx.io.stdin?.takeLine();
  if (line === undefined) return 1;
  if (!raw) line = line.replace(/\\(.)/g, '$1');
  const targets = names.length > 0 ? names : ['REPLY'];
  const fields = names.length > 0 ? line.trim().split(/[ \t]+/) : [line];
  targets.forEach((name, i) => {
    const value = i === targets.length - 1 ? fields.slice(i).join(' ') : (fields[i] ?? '');
    ctx.shell.env.set(name, value);
  });
  return 0;
}

/** `shift [n]`: drop the first n positional parameters (1 by default); more than there are fails quietly. */
function shift(ctx: BuiltinContext): number {
  const args = ctx.argv.slice(1);
  if (args.length > 1) {
    ctx.stderr.write('bash: shift: too many arguments\n');
    return 1;
  }
  const count = args[0]?.trim() ?? '1';
  if (!/^[-+]?[0-9]+$/.test(count)) {
    ctx.stderr.write(`bash: shift: ${args[0]}: numeric argument required\n`);
    return 1;
  }
  const n = Number(count);
  if (n < 0) {
    ctx.stderr.write(`bash: shift: ${args[0]}: shift count out of range\n`);
    return 1;
  }
  const { zero, args: params } = ctx.control.positional;
  if (n > params.length) return 1;
  ctx.control.positional = { zero, args: params.slice(n) };
  return 0;
}

export const variableBuiltins: readonly Builtin[] = [
  { name: 'shift', kind: 'shell', run: shift },
  { name: 'read', kind: 'shell', run: read },
  { name: 'export', kind: 'shell', run: exportBuiltin },
  { name: 'unset', kind: 'shell', run: unset },
  { name: 'env', kind: 'utility', run: env },
  { name: 'set', kind: 'shell', run: set },
  { name: 'alias', kind: 'shell', run: alias },
  { name: 'unalias', kind: 'shell', run: unalias },
];
