/**
 * `sed`, the part learners use to fix manifests in place: `-i[SUFFIX]`, `-n`, `-e`, `-E`/`-r`,
 * commands `s///` (flags g, p, I and a number), `p`, `d` and `q`, addresses (a line number, `$`,
 * `/re/`, and ranges `a,b`, with `!`), several commands separated by `;` or newlines. Basic regular
 * expressions are translated to JavaScript's (ERE with -E). GNU sed's error wording.
 */
import { isFsError } from '../../hosts/vfs.js';
import type { Builtin, BuiltinContext } from './builtin.js';
import { readOperand, usageError } from './util.js';

type Address = { kind: 'line'; line: number } | { kind: 'last' } | { kind: 'regex'; re: RegExp };

interface SedCommand {
  from?: Address;
  to?: Address;
  negate: boolean;
  name: 's' | 'p' | 'd' | 'q';
  re?: RegExp;
  replacement?: string;
  global?: boolean;
  occurrence?: number;
  print?: boolean;
  /** Range state: inside a range that started on an earlier line. */
  active?: boolean;
}

class SedError extends Error {}

/** A BRE (or ERE when `extended`) as a JavaScript regular expression source. */
export function translateRegex(source: string, extended: boolean): string {
  if (extended) return source;
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\' && i + 1 < source.length) {
      const next = source[++i]!;
      if ('(){}+?|'.includes(next)) out += next;
      else out += `\\${next}`;
      continue;
    }
    if ('(){}+?|'.includes(ch)) out += `\\${ch}`;
    else out += ch;
  }
  return out;
}

function compileRegex(source: string, extended: boolean, flags: string, expression: number, char: number): RegExp {
  try {
    return new RegExp(translateRegex(source, extended), flags);
  } catch {
    throw new SedError(`-e expression #${expression}, char ${char}: Invalid regular expression`);
  }
}

/** Read up to the unescaped `delimiter`; returns the text with `\delimiter` unescaped. */
function readDelimited(script: string, start: number, delimiter: string): { text: string; end: number } | undefined {
  let text = '';
  for (let i = start; i < script.length; i++) {
    const ch = script[i]!;
    if (ch === '\\' && i + 1 < script.length) {
      const next = script[i + 1]!;
      text += next === delimiter ? next : `\\${next}`;
      i++;
      continue;
    }
    if (ch === delimiter) return { text, end: i };
    text += ch;
  }
  return undefined;
}

function parseScript(script: string, extended: boolean, expression: number): SedCommand[] {
  const commands: SedCommand[] = [];
  let i = 0;
  const fail = (message: string): never => {
    throw new SedError(`-e expression #${expression}, char ${i + 1}: ${message}`);
  };
  const skipSpace = (): void => {
    while (i < script.length && /[ \t]/.test(script[i]!)) i++;
  };
  const readAddress = (): Address | undefined => {
    const ch = script[i];
    if (ch === undefined) return undefined;
    if (/\d/.test(ch)) {
      const m = /^\d+/.exec(script.slice(i))!;
      i += m[0].length;
      return { kind: 'line', line: Number(m[0]) };
    }
    if (ch === '$') {
      i++;
      return { kind: 'last' };
    }
    if (ch === '/' || ch === '\\') {
      const delimiter = ch === '\\' ? script[++i]! : '/';
      const read = readDelimited(script, i + 1, delimiter);
      if (!read) return fail('unterminated address regex');
      i = read!.end + 1;
      let flags = '';
      if (script[i] === 'I') {
        flags = 'i';
        i++;
      }
      return { kind: 'regex', re: compileRegex(read!.text, extended, flags, expression, i) };
    }
    return undefined;
  };
  while (i < script.length) {
    skipSpace();
    if (script[i] === ';' || script[i] === '\n') {
      i++;
      continue;
    }
    if (i >= script.length) break;
    const command: SedCommand = { negate: false, name: 'p' };
    command.from = readAddress();
    if (command.from && script[i] === ',') {
      i++;
      command.to = readAddress() ?? fail('unexpected `,\'');
    }
    skipSpace();
    if (script[i] === '!') {
      command.negate = true;
      i++;
      skipSpace();
    }
    const name = script[i];
    if (name === undefined) fail('missing command');
    i++;
    if (name === 's') {
      const delimiter = script[i];
      if (delimiter === undefined || delimiter === '\n' || delimiter === '\\') fail("unterminated `s' command");
      const pattern = readDelimited(script, i + 1, delimiter!);
      // GNU sed reports an unterminated command at the end of the expression.
      const unterminated = (): never => {
        i = script.length - 1;
        return fail("unterminated `s' command");
      };
      if (!pattern) unterminated();
      const replacement = readDelimited(script, pattern!.end + 1, delimiter!);
      if (!replacement) unterminated();
      i = replacement!.end + 1;
      let flags = '';
      while (i < script.length && /[gpiI0-9]/.test(script[i]!)) {
        const f = script[i]!;
        if (f === 'g') command.global = true;
        else if (f === 'p') command.print = true;
        else if (f === 'i' || f === 'I') flags += 'i';
        else {
          const m = /^\d+/.exec(script.slice(i))!;
          command.occurrence = Number(m[0]);
          i += m[0].length - 1;
        }
        i++;
      }
      skipSpace();
      if (i < script.length && script[i] !== ';' && script[i] !== '\n' && script[i] !== '}') fail("unknown option to `s'");
      command.name = 's';
      command.re = compileRegex(pattern!.text, extended, `g${flags}`, expression, i);
      command.replacement = replacement!.text;
    } else if (name === 'p' || name === 'd' || name === 'q') {
      command.name = name;
    } else {
      i--;
      fail(`unknown command: \`${name}'`);
    }
    commands.push(command);
  }
  return commands;
}

function expandReplacement(replacement: string, match: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const ch = replacement[i]!;
    if (ch === '\\' && i + 1 < replacement.length) {
      const next = replacement[++i]!;
      if (/\d/.test(next)) out += match[Number(next)] ?? '';
      else if (next === 'n') out += '\n';
      else if (next === 't') out += '\t';
      else out += next;
    } else if (ch === '&') out += match[0];
    else out += ch;
  }
  return out;
}

function substitute(line: string, command: SedCommand): { text: string; changed: boolean } {
  const re = command.re!;
  re.lastIndex = 0;
  let out = '';
  let last = 0;
  let count = 0;
  let changed = false;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    count++;
    const wanted = command.global ? count >= (command.occurrence ?? 1) : count === (command.occurrence ?? 1);
    if (wanted) {
      out += line.slice(last, m.index) + expandReplacement(command.replacement!, m);
      last = m.index + m[0].length;
      changed = true;
      if (!command.global) break;
    }
    if (m[0] === '') re.lastIndex++;
  }
  return { text: changed ? out + line.slice(last) : line, changed };
}

function matches(address: Address, line: string, number: number, isLast: boolean): boolean {
  if (address.kind === 'line') return number === address.line;
  if (address.kind === 'last') return isLast;
  address.re.lastIndex = 0;
  return address.re.test(line);
}

function selected(command: SedCommand, line: string, number: number, isLast: boolean): boolean {
  let hit: boolean;
  if (!command.from) hit = true;
  else if (!command.to) hit = matches(command.from, line, number, isLast);
  else if (command.active) {
    hit = true;
    const to = command.to;
    if (to.kind === 'line' ? number >= to.line : matches(to, line, number, isLast)) command.active = false;
  } else if (matches(command.from, line, number, isLast)) {
    hit = true;
    const to = command.to;
    // A line-number end at or before the start closes the range at once (GNU).
    command.active = to.kind === 'line' ? number < to.line : !(to.kind === 'last' && isLast);
  } else hit = false;
  return command.negate ? !hit : hit;
}

/** Run the commands over `text`; returns the output text and whether `q` ended it. */
function execute(commands: SedCommand[], text: string, quiet: boolean): string {
  for (const c of commands) c.active = false;
  const lines = text === '' ? [] : text.split('\n');
  const endsWithNewline = text.endsWith('\n');
  if (endsWithNewline) lines.pop();
  let out = '';
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n]!;
    const isLast = n === lines.length - 1;
    const newline = isLast && !endsWithNewline ? '' : '\n';
    let deleted = false;
    let quit = false;
    for (const command of commands) {
      if (!selected(command, line, n + 1, isLast)) continue;
      if (command.name === 's') {
        const result = substitute(line, command);
        line = result.text;
        if (result.changed && command.print) out += line + '\n';
      } else if (command.name === 'p') out += line + '\n';
      else if (command.name === 'd') {
        deleted = true;
        break;
      } else if (command.name === 'q') {
        quit = true;
        break;
      }
    }
    if (!deleted && !quiet) out += line + newline;
    if (quit) break;
  }
  return out;
}

function sed(ctx: BuiltinContext): number {
  const args = ctx.argv.slice(1);
  const scripts: string[] = [];
  const files: string[] = [];
  let inPlace: string | undefined;
  let quiet = false;
  let extended = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      files.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-e' || arg === '--expression') {
      const value = args[++i];
      if (value === undefined) return usageError(ctx, 'sed', "sed: option requires an argument -- 'e'");
      scripts.push(value);
    } else if (arg.startsWith('--expression=')) scripts.push(arg.slice(13));
    else if (arg === '-n' || arg === '--quiet' || arg === '--silent') quiet = true;
    else if (arg === '-E' || arg === '-r' || arg === '--regexp-extended') extended = true;
    else if (arg.startsWith('--in-place')) inPlace = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : '';
    else if (/^-[nEr]*i/.test(arg)) {
      for (const f of arg.slice(1, arg.indexOf('i'))) {
        if (f === 'n') quiet = true;
        else extended = true;
      }
      inPlace = arg.slice(arg.indexOf('i') + 1);
    } else if (/^-[nEr]+$/.test(arg)) {
      if (arg.includes('n')) quiet = true;
      if (/[Er]/.test(arg)) extended = true;
    } else if (arg.startsWith('-') && arg !== '-') return usageError(ctx, 'sed', `sed: invalid option -- '${arg[1] ?? ''}'`);
    else files.push(arg);
  }
  if (scripts.length === 0) {
    const script = files.shift();
    if (script === undefined) return usageError(ctx, 'sed', 'Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...', 1);
    scripts.push(script);
  }
  let commands: SedCommand[];
  try {
    commands = scripts.flatMap((s, index) => parseScript(s, extended, index + 1));
  } catch (error) {
    if (!(error instanceof SedError)) throw error;
    ctx.stderr.write(`sed: ${error.message}\n`);
    return 1;
  }
  if (inPlace !== undefined) {
    if (files.length === 0) {
      ctx.stderr.write('sed: no input files\n');
      return 1;
    }
    let status = 0;
    const fs = ctx.shell.host.fs;
    for (const file of files) {
      const read = readOperand(ctx, file);
      if (!read.ok) {
        ctx.stderr.write(read.error.code === 'EISDIR' ? `sed: couldn't edit ${file}: not a regular file\n` : `sed: can't read ${file}: ${read.error.description}\n`);
        status = 2;
        continue;
      }
      try {
        const path = ctx.shell.resolvePath(file);
        if (inPlace !== '') fs.writeFile(path + inPlace, read.text);
        fs.writeFile(path, execute(commands, read.text, quiet));
      } catch (error) {
        if (!isFsError(error)) throw error;
        ctx.stderr.write(`sed: couldn't open file ${file}: ${error.description}\n`);
        status = 4;
      }
    }
    return status;
  }
  let text = '';
  let status = 0;
  for (const file of files.length > 0 ? files : ['-']) {
    const read = readOperand(ctx, file);
    if (!read.ok) {
      ctx.stderr.write(read.error.code === 'EISDIR' ? `sed: read error on ${file}: Is a directory\n` : `sed: can't read ${file}: ${read.error.description}\n`);
      status = 2;
      continue;
    }
    // Files run together as one stream; a file without a final newline still ends its line.
    text += read.text !== '' && !read.text.endsWith('\n') && file !== files[files.length - 1] ? read.text + '\n' : read.text;
  }
  ctx.stdout.write(execute(commands, text, quiet));
  return status;
}

export const sedBuiltin: Builtin = { name: 'sed', kind: 'utility', run: sed };
