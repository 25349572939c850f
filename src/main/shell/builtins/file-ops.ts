/** `mkdir`, `rm`, `touch`, `cp`, `mv`, `chmod` on the current host's filesystem. */
import { basename, isFsError, resolvePath } from '../../hosts/vfs.js';
import type { Builtin, BuiltinContext } from './builtin.js';
import { parseOptions } from './options.js';
import { localeQuote, quoteName, usageError } from './util.js';

function mkdir(ctx: BuiltinContext): number {
  const parsed = parseOptions('mkdir', ctx.argv.slice(1), { flags: 'pv', values: 'm', long: { parents: 'p', verbose: 'v', mode: 'm' } });
  if (!parsed.ok) return usageError(ctx, 'mkdir', parsed.message);
  const { flags, operands } = parsed.options;
  if (operands.length === 0) return usageError(ctx, 'mkdir', 'mkdir: missing operand');
  let status = 0;
  for (const operand of operands) {
    try {
      ctx.shell.host.fs.mkdir(ctx.shell.resolvePath(operand), { parents: flags.has('p') });
      if (flags.has('v')) ctx.stdout.write(`mkdir: created directory ${quoteName(operand)}\n`);
    } catch (error) {
      if (!isFsError(error)) throw error;
      ctx.stderr.write(`mkdir: cannot create directory ${localeQuote(operand)}: ${error.description}\n`);
      status = 1;
    }
  }
  return status;
}

function rm(ctx: BuiltinContext): number {
  const parsed = parseOptions('rm', ctx.argv.slice(1), {
    flags: 'rRfidv',
    long: { recursive: 'r', force: 'f', dir: 'd', verbose: 'v', interactive: 'i' },
  });
  if (!parsed.ok) return usageError(ctx, 'rm', parsed.message);
  const { flags, operands } = parsed.options;
  const force = flags.has('f');
  const recursive = flags.has('r') || flags.has('R');
  if (operands.length === 0) return force ? 0 : usageError(ctx, 'rm', 'rm: missing operand');
  const fs = ctx.shell.host.fs;
  let status = 0;
  for (const operand of operands) {
    const path = ctx.shell.resolvePath(operand);
    if (recursive && /(^|\/)\.\.?\/*$/.test(operand)) {
      ctx.stderr.write(`rm: refusing to remove '.' or '..' directory: skipping ${quoteName(operand)}\n`);
      status = 1;
      continue;
    }
    if (path === '/' && recursive) {
      ctx.stderr.write(`rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n`);
      status = 1;
      continue;
    }
    const stat = fs.tryStat(path);
    if (!stat) {
      if (!force) {
        ctx.stderr.write(`rm: cannot remove ${quoteName(operand)}: No such file or directory\n`);
        status = 1;
      }
      continue;
    }
    if (stat.isDirectory && !recursive) {
      if (flags.has('d') && fs.readdir(path).length === 0) {
        fs.rm(path, { recursive: true });
        continue;
      }
      ctx.stderr.write(`rm: cannot remove ${quoteName(operand)}: Is a directory\n`);
      status = 1;
      continue;
    }
    fs.rm(path, { recursive: true });
    if (flags.has('v')) ctx.stdout.write(`removed ${stat.isDirectory ? 'directory ' : ''}${quoteName(operand)}\n`);
  }
  return status;
}

function touch(ctx: BuiltinContext): number {
  const parsed = parseOptions('touch', ctx.argv.slice(1), { flags: 'acm', long: { 'no-create': 'c' } });
  if (!parsed.ok) return usageError(ctx, 'touch', parsed.message);
  const { flags, operands } = parsed.options;
  if (operands.length === 0) return usageError(ctx, 'touch', 'touch: missing file operand');
  let status = 0;
  for (const operand of operands) {
    const path = ctx.shell.resolvePath(operand);
    if (flags.has('c') && !ctx.shell.host.fs.exists(path)) continue;
    try {
      ctx.shell.host.fs.touch(path);
    } catch (error) {
      if (!isFsError(error)) throw error;
      ctx.stderr.write(`touch: cannot touch ${quoteName(operand)}: ${error.description}\n`);
      status = 1;
    }
  }
  return status;
}

/** Shared shape of cp and mv: sources and a destination that may be a directory. */
function transfer(ctx: BuiltinContext, tool: 'cp' | 'mv'): number {
  const parsed = parseOptions(tool, ctx.argv.slice(1), {
    flags: tool === 'cp' ? 'rRafinvpT' : 'finvT',
    long: { recursive: 'r', archive: 'a', force: 'f', interactive: 'i', 'no-clobber': 'n', verbose: 'v' },
  });
  if (!parsed.ok) return usageError(ctx, tool, parsed.message);
  const { flags, operands } = parsed.options;
  if (operands.length === 0) return usageError(ctx, tool, `${tool}: missing file operand`);
  if (operands.length === 1) {
    return usageError(ctx, tool, `${tool}: missing destination file operand after ${quoteName(operands[0]!)}`);
  }
  const fs = ctx.shell.host.fs;
  const sources = operands.slice(0, -1);
  const destination = operands[operands.length - 1]!;
  const destinationPath = ctx.shell.resolvePath(destination);
  const destinationIsDir = fs.tryStat(destinationPath)?.isDirectory ?? false;
  if (sources.length > 1 && !destinationIsDir) {
    ctx.stderr.write(`${tool}: target ${quoteName(destination)} is not a directory\n`);
    return 1;
  }
  const recursive = flags.has('r') || flags.has('R') || flags.has('a');
  let status = 0;
  for (const source of sources) {
    const sourcePath = ctx.shell.resolvePath(source);
    const stat = fs.tryStat(sourcePath);
    if (!stat) {
      ctx.stderr.write(`${tool}: cannot stat ${quoteName(source)}: No such file or directory\n`);
      status = 1;
      continue;
    }
    if (tool === 'cp' && stat.isDirectory && !recursive) {
      ctx.stderr.write(`cp: -r not specified; omitting directory ${quoteName(source)}\n`);
      status = 1;
      continue;
    }
    const target = destinationIsDir ? resolvePath(destinationPath, basename(sourcePath)) : destinationPath;
    const shownTarget = destinationIsDir ? `${destination.replace(/\/+$/, '')}/${basename(sourcePath)}` : destination;
    if (target === sourcePath) {
      ctx.stderr.write(`${tool}: ${quoteName(source)} and ${quoteName(shownTarget)} are the same file\n`);
      status = 1;
      continue;
    }
    if (stat.isDirectory && target.startsWith(sourcePath + '/')) {
      ctx.stderr.write(
        tool === 'cp'
          ? `cp: cannot copy a directory, ${quoteName(source)}, into itself, ${quoteName(shownTarget)}\n`
          : `mv: cannot move ${quoteName(source)} to a subdirectory of itself, ${quoteName(shownTarget)}\n`,
      );
      status = 1;
      continue;
    }
    const existing = fs.tryStat(target);
    if (existing && flags.has('n')) continue;
    if (existing?.isDirectory && !stat.isDirectory) {
      ctx.stderr.write(`${tool}: cannot overwrite directory ${quoteName(shownTarget)} with non-directory\n`);
      status = 1;
      continue;
    }
    if (existing && !existing.isDirectory && stat.isDirectory) {
      ctx.stderr.write(`${tool}: cannot overwrite non-directory ${quoteName(shownTarget)} with directory ${quoteName(source)}\n`);
      status = 1;
      continue;
    }
    try {
      if (tool === 'cp') fs.copy(sourcePath, target, { recursive });
      else {
        if (existing?.isDirectory) fs.rm(target, { recursive: true });
        fs.rename(sourcePath, target);
      }
      if (flags.has('v')) ctx.stdout.write(`${tool === 'mv' ? 'renamed ' : ''}${quoteName(source)} -> ${quoteName(shownTarget)}\n`);
    } catch (error) {
      if (!isFsError(error)) throw error;
      const verb = tool === 'cp' ? 'cannot create regular file' : `cannot move ${quoteName(source)} to`;
      ctx.stderr.write(`${tool}: ${verb} ${quoteName(shownTarget)}: ${error.description}\n`);
      status = 1;
    }
  }
  return status;
}

function chmod(ctx: BuiltinContext): number {
  const args = ctx.argv.slice(1).filter((a) => a !== '-R' && a !== '-v');
  if (args.length === 0) return usageError(ctx, 'chmod', 'chmod: missing operand');
  const [mode, ...files] = args;
  if (files.length === 0) return usageError(ctx, 'chmod', `chmod: missing operand after ${localeQuote(mode!)}`);
  const fs = ctx.shell.host.fs;
  let status = 0;
  for (const file of files) {
    const path = ctx.shell.resolvePath(file);
    const stat = fs.tryStat(path);
    if (!stat) {
      ctx.stderr.write(`chmod: cannot access ${quoteName(file)}: No such file or directory\n`);
      status = 1;
      continue;
    }
    const next = applyMode(stat.mode, mode!);
    if (next === undefined) {
      ctx.stderr.write(`chmod: invalid mode: ${localeQuote(mode!)}\nTry 'chmod --help' for more information.\n`);
      return 1;
    }
    fs.chmod(path, next);
  }
  return status;
}

/** Octal (`755`) or symbolic (`u+x`, `a-w`, `+x`, `go=r`) modes. */
export function applyMode(current: number, spec: string): number | undefined {
  if (/^[0-7]{1,4}$/.test(spec)) return parseInt(spec, 8);
  let mode = current;
  for (const clause of spec.split(',')) {
    const match = /^([ugoa]*)([-+=])([rwx]*)$/.exec(clause);
    if (!match) return undefined;
    const who = match[1] || 'a';
    let bits = 0;
    for (const p of match[3]!) bits |= p === 'r' ? 4 : p === 'w' ? 2 : 1;
    let mask = 0;
    let value = 0;
    for (const w of who === 'a' ? 'ugo' : who) {
      const shift = w === 'u' ? 6 : w === 'g' ? 3 : 0;
      mask |= 7 << shift;
      value |= bits << shift;
    }
    if (match[2] === '+') mode |= value;
    else if (match[2] === '-') mode &= ~value;
    else mode = (mode & ~mask) | value;
  }
  return mode;
}

export const fileOpBuiltins: readonly Builtin[] = [
  { name: 'mkdir', kind: 'utility', run: mkdir },
  { name: 'rm', kind: 'utility', run: rm },
  { name: 'touch', kind: 'utility', run: touch },
  { name: 'cp', kind: 'utility', run: (ctx) => transfer(ctx, 'cp') },
  { name: 'mv', kind: 'utility', run: (ctx) => transfer(ctx, 'mv') },
  { name: 'chmod', kind: 'utility', run: chmod },
];
