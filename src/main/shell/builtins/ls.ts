/**
 * `ls` as GNU coreutils prints it: columns sized to the terminal when stdout is one, one name
 * per line otherwise, and the `-l` long format with `total`, modes, owner, size and date.
 */
import { type FsStat, resolvePath } from '../../hosts/vfs.js';
import { formatColumns } from '../columns.js';
import { compareNames } from '../glob.js';
import type { Builtin, BuiltinContext } from './builtin.js';
import { parseOptions } from './options.js';
import { quoteName, usageError } from './util.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** GNU shows the time of day for files changed in the last half (Gregorian) year. */
const SIX_MONTHS_MS = (31556952 / 2) * 1000;

interface Entry {
  /** What is printed. */
  readonly name: string;
  readonly path: string;
  readonly stat: FsStat;
}

interface Flags {
  readonly long: boolean;
  readonly all: boolean;
  readonly almostAll: boolean;
  readonly onePerLine: boolean;
  readonly directory: boolean;
  readonly human: boolean;
  readonly reverse: boolean;
  readonly byTime: boolean;
  readonly bySize: boolean;
  readonly classify: boolean;
  readonly recursive: boolean;
}

function ls(ctx: BuiltinContext): number {
  const args = ctx.argv.slice(1).filter((a) => !/^--colou?r(=.*)?$/.test(a));
  const parsed = parseOptions('ls', args, {
    flags: 'laA1dhrtSFRC',
    long: {
      all: 'a',
      'almost-all': 'A',
      directory: 'd',
      'human-readable': 'h',
      reverse: 'r',
      classify: 'F',
      recursive: 'R',
    },
  });
  if (!parsed.ok) return usageError(ctx, 'ls', parsed.message, 2);
  const f = parsed.options.flags;
  const flags: Flags = {
    long: f.has('l'),
    all: f.has('a'),
    almostAll: f.has('A'),
    onePerLine: f.has('1') || (!ctx.stdoutIsTerminal && !f.has('C')),
    directory: f.has('d'),
    human: f.has('h'),
    reverse: f.has('r'),
    byTime: f.has('t'),
    bySize: f.has('S'),
    classify: f.has('F'),
    recursive: f.has('R'),
  };
  const fs = ctx.shell.host.fs;
  const operands = parsed.options.operands.length > 0 ? parsed.options.operands : ['.'];
  let status = 0;
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const operand of operands) {
    const path = ctx.shell.resolvePath(operand);
    const stat = fs.tryStat(path);
    if (!stat) {
      ctx.stderr.write(`ls: cannot access ${quoteName(operand)}: No such file or directory\n`);
      status = 2;
      continue;
    }
    (stat.isDirectory && !flags.directory ? dirs : files).push({ name: operand, path, stat });
  }
  const blocks: string[] = [];
  if (files.length > 0) blocks.push(render(ctx, sortEntries(files, flags), flags, false));
  const showHeaders = operands.length > 1 || flags.recursive;
  const queue = sortEntries(dirs, flags);
  while (queue.length > 0) {
    const dir = queue.shift()!;
    const entries = listDirectory(ctx, dir, flags);
    const header = showHeaders ? `${dir.name}:\n` : '';
    blocks.push(header + render(ctx, entries, flags, true));
    if (flags.recursive) {
      const children = entries
        .filter((e) => e.stat.isDirectory && e.name !== '.' && e.name !== '..')
        .map((e) => ({ ...e, name: dir.name === '/' ? `/${e.name}` : `${dir.name}/${e.name}` }));
      queue.unshift(...children);
    }
  }
  ctx.stdout.write(blocks.join('\n'));
  return status;
}

function listDirectory(ctx: BuiltinContext, dir: Entry, flags: Flags): Entry[] {
  const fs = ctx.shell.host.fs;
  const entries: Entry[] = [];
  for (const name of fs.readdir(dir.path)) {
    if (name.startsWith('.') && !flags.all && !flags.almostAll) continue;
    const path = resolvePath(dir.path, name);
    entries.push({ name, path, stat: fs.stat(path) });
  }
  const sorted = sortEntries(entries, flags);
  if (flags.all) {
    const dots: Entry[] = [
      { name: '.', path: dir.path, stat: dir.stat },
      { name: '..', path: resolvePath(dir.path, '..'), stat: fs.stat(resolvePath(dir.path, '..')) },
    ];
    return flags.reverse ? [...sorted, ...dots.reverse()] : [...dots, ...sorted];
  }
  return sorted;
}

function sortEntries(entries: Entry[], flags: Flags): Entry[] {
  const sorted = [...entries].sort((a, b) => {
    if (flags.byTime && a.stat.mtime !== b.stat.mtime) return b.stat.mtime - a.stat.mtime;
    if (flags.bySize && a.stat.size !== b.stat.size) return b.stat.size - a.stat.size;
    return compareNames(a.name, b.name);
  });
  return flags.reverse ? sorted.reverse() : sorted;
}

function decorate(entry: Entry, flags: Flags): string {
  if (!flags.classify) return entry.name;
  if (entry.stat.isDirectory) return entry.name + '/';
  return entry.stat.mode & 0o111 ? entry.name + '*' : entry.name;
}

function render(ctx: BuiltinContext, entries: Entry[], flags: Flags, isDirectory: boolean): string {
  if (flags.long) return renderLong(ctx, entries, flags, isDirectory);
  const names = entries.map((e) => decorate(e, flags));
  if (names.length === 0) return '';
  if (flags.onePerLine) return names.map((n) => n + '\n').join('');
  return formatColumns(names, ctx.columns, { tabs: true });
}

function modeString(stat: FsStat): string {
  const bits = stat.mode;
  let out = stat.isDirectory ? 'd' : '-';
  for (const shift of [6, 3, 0]) {
    out += bits & (4 << shift) ? 'r' : '-';
    out += bits & (2 << shift) ? 'w' : '-';
    out += bits & (1 << shift) ? 'x' : '-';
  }
  return out;
}

function formatDate(mtime: number, now: number): string {
  const date = new Date(mtime);
  const month = MONTHS[date.getUTCMonth()]!;
  const day = String(date.getUTCDate()).padStart(2);
  const recent = mtime > now - SIX_MONTHS_MS && mtime <= now + 60_000;
  if (recent) {
    const hh = String(date.getUTCHours()).padStart(2, '0');
    const mm = String(date.getUTCMinutes()).padStart(2, '0');
    return `${month} ${day} ${hh}:${mm}`;
  }
  return `${month} ${day}  ${date.getUTCFullYear()}`;
}

/** GNU -h: one decimal below 10, rounded up, with K/M/G suffixes. */
function humanSize(size: number): string {
  if (size < 1024) return String(size);
  const units = ['K', 'M', 'G', 'T'];
  let value = size;
  let unit = -1;
  do {
    value /= 1024;
    unit++;
  } while (value >= 1024 && unit < units.length - 1);
  if (value < 10) {
    const rounded = Math.ceil(value * 10) / 10;
    return rounded < 10 ? `${rounded.toFixed(1)}${units[unit]}` : `${Math.ceil(value)}${units[unit]}`;
  }
  return `${Math.ceil(value)}${units[unit]}`;
}

/** 1K blocks as `total` counts them: ext4 allocates 4K at a time. */
function blocks(stat: FsStat): number {
  return stat.size === 0 ? 0 : Math.ceil(stat.size / 4096) * 4;
}

function renderLong(ctx: BuiltinContext, entries: Entry[], flags: Flags, isDirectory: boolean): string {
  const host = ctx.shell.host;
  const now = host.fs.now();
  const rows = entries.map((entry) => ({
    mode: modeString(entry.stat),
    links: String(entry.stat.isDirectory ? 2 + entry.stat.subdirectories : 1),
    // The filesystem keeps no owners; everything belongs to the host's login user (and group).
    owner: host.user,
    size: flags.human ? humanSize(entry.stat.size) : String(entry.stat.size),
    date: formatDate(entry.stat.mtime, now),
    name: decorate(entry, flags),
  }));
  const width = (key: 'links' | 'owner' | 'size'): number => Math.max(0, ...rows.map((r) => r[key].length));
  const linkWidth = width('links');
  const ownerWidth = width('owner');
  const sizeWidth = width('size');
  let out = '';
  if (isDirectory) {
    const total = entries.reduce((sum, e) => sum + blocks(e.stat), 0);
    out += `total ${flags.human ? humanSize(total * 1024) : total}\n`;
  }
  for (const r of rows) {
    out += `${r.mode} ${r.links.padStart(linkWidth)} ${r.owner.padEnd(ownerWidth)} ${r.owner.padEnd(ownerWidth)} ${r.size.padStart(sizeWidth)} ${r.date} ${r.name}\n`;
  }
  return out;
}

export const lsBuiltin: Builtin = { name: 'ls', kind: 'utility', run: ls };
