/**
 * The text filters a container's shell pipes through — `head`, `tail`, `grep`, `wc` — over files
 * or the pipe's input, with busybox's or GNU's messages. Lines are written without their newline
 * (the shell's sink adds it), as every command of shell-script.ts writes.
 */
import type { Userland } from './image-catalog.js';

export interface FilterInput {
  userland: Userland;
  /** What the pipe holds ('' when nothing is piped in). */
  stdin: string;
  /** A file's content, or undefined when there is no such file. */
  read(path: string): string | undefined;
}

type Write = (stream: 'stdout' | 'stderr', text: string) => void;

function lines(text: string): string[] {
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

/**
 * `-n N`, `-nN`, `-N`: the count (default 10); `-n +N` / `-n+N`: from line N on (tail); `-f`/`-F`
 * (follow, which the shell does) are set aside. The operands are what is left.
 */
export function countOption(args: string[]): { count: number; fromLine: number | undefined; follow: 'f' | 'F' | undefined; operands: string[] } {
  let count = 10;
  let fromLine: number | undefined;
  let follow: 'f' | 'F' | undefined;
  const operands: string[] = [];
  const take = (value: string): void => {
    if (value.startsWith('+')) fromLine = Number(value.slice(1));
    else {
      count = Number(value);
      fromLine = undefined;
    }
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-n') take(args[++i] ?? '10');
    else if (/^-n\+?\d+$/.test(arg)) take(arg.slice(2));
    else if (/^-\d+$/.test(arg)) take(arg.slice(1));
    else if (arg === '-f' || arg === '-F') follow = arg === '-F' ? 'F' : (follow ?? 'f');
    else if (/^-[fF]n\+?\d*$/.test(arg)) {
      follow = arg[1] === 'F' ? 'F' : 'f';
      take(arg.length > 3 ? arg.slice(3) : (args[++i] ?? '10'));
    } else operands.push(arg);
  }
  return { count, fromLine, follow, operands };
}

/** The lines tail prints: the last `count`, or from line `fromLine` on. */
export function tailLines(all: readonly string[], count: number, fromLine: number | undefined): string[] {
  if (fromLine !== undefined) return all.slice(Math.max(0, fromLine - 1));
  return count === 0 ? [] : all.slice(-count);
}

/** Each operand's lines (stdin without operands), or the tool's error for a missing file. */
function sources(tool: string, operands: string[], input: FilterInput, write: Write): { texts: Array<{ name: string; lines: string[]; content: string }>; status: number } {
  if (operands.length === 0) return { texts: [{ name: '', lines: lines(input.stdin), content: input.stdin }], status: 0 };
  const texts: Array<{ name: string; lines: string[]; content: string }> = [];
  let status = 0;
  for (const name of operands) {
    const content = input.read(name);
    if (content !== undefined) {
      texts.push({ name, lines: lines(content), content });
      continue;
    }
    const busybox = input.userland === 'busybox';
    if (tool === 'grep') write('stderr', `grep: ${name}: No such file or directory`);
    else if (tool === 'wc') write('stderr', busybox ? `wc: can't open '${name}': No such file or directory` : `wc: ${name}: No such file or directory`);
    else write('stderr', busybox ? `${tool}: can't open '${name}': No such file or directory` : `${tool}: cannot open '${name}' for reading: No such file or directory`);
    status = tool === 'grep' ? 2 : 1;
  }
  return { texts, status };
}

function headOrTail(tool: 'head' | 'tail', args: string[], input: FilterInput, write: Write): number {
  const { count, fromLine, operands } = countOption(args);
  const { texts, status } = sources(tool, operands, input, write);
  texts.forEach((text, i) => {
    if (texts.length > 1) {
      if (i > 0) write('stdout', '');
      write('stdout', `==> ${text.name} <==`);
    }
    const chosen = tool === 'head' ? text.lines.slice(0, count) : tailLines(text.lines, count, fromLine);
    for (const line of chosen) write('stdout', line);
  });
  return status;
}

/** `grep [-i] [-v] [-c] [-n] PATTERN [FILE…]`: extended enough for the patterns learners type. */
function grep(args: string[], input: FilterInput, write: Write): number {
  const flags = new Set<string>();
  const rest: string[] = [];
  for (const arg of args) {
    if (/^-[ivcnE]+$/.test(arg)) for (const f of arg.slice(1)) flags.add(f);
    else rest.push(arg);
  }
  const [pattern, ...operands] = rest;
  if (pattern === undefined) {
    write('stderr', input.userland === 'busybox' ? 'BusyBox grep: pattern required' : 'Usage: grep [OPTION]... PATTERNS [FILE]...');
    return 2;
  }
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, flags.has('i') ? 'i' : '');
  } catch {
    regex = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags.has('i') ? 'i' : '');
  }
  const { texts, status } = sources('grep', operands, input, write);
  let matched = false;
  for (const text of texts) {
    const prefix = texts.length > 1 ? `${text.name}:` : '';
    let count = 0;
    text.lines.forEach((line, i) => {
      if (regex.test(line) === flags.has('v')) return;
      matched = true;
      count++;
      if (!flags.has('c')) write('stdout', `${prefix}${flags.has('n') ? `${i + 1}:` : ''}${line}`);
    });
    if (flags.has('c')) write('stdout', `${prefix}${count}`);
  }
  return status !== 0 ? status : matched ? 0 : 1;
}

/** `wc [-l|-w|-c] [FILE…]`. */
function wc(args: string[], input: FilterInput, write: Write): number {
  const options = args.filter((a) => /^-[lwc]+$/.test(a)).join('');
  const operands = args.filter((a) => !/^-[lwc]+$/.test(a));
  const { texts, status } = sources('wc', operands, input, write);
  for (const text of texts) {
    // Newlines are what -l counts: a last line without one (a ConfigMap value) is not counted.
    const content = text.content;
    const counts = { l: content.split('\n').length - 1, w: content.split(/\s+/).filter(Boolean).length, c: Buffer.byteLength(content) };
    const chosen = options === '' ? [counts.l, counts.w, counts.c] : (['l', 'w', 'c'] as const).filter((k) => options.includes(k)).map((k) => counts[k]);
    const numbers = chosen.length === 1 ? String(chosen[0]) : chosen.map((n) => String(n).padStart(7)).join(' ');
    write('stdout', text.name ? `${numbers} ${text.name}` : numbers);
  }
  return status;
}

/** Run one of the filters; its exit status. */
export function textFilter(name: 'head' | 'tail' | 'grep' | 'wc', args: string[], input: FilterInput, write: Write): number {
  if (name === 'grep') return grep(args, input, write);
  if (name === 'wc') return wc(args, input, write);
  return headOrTail(name, args, input, write);
}
