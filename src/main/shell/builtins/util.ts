/**
 * Helpers shared by the coreutils-like built-ins: reading operands (files or `-` for stdin),
 * GNU's "Try '… --help'" usage errors, splitting text into lines.
 */
import { FsError, isFsError } from '../../hosts/vfs.js';
import type { CommandContext } from '../types.js';

export type ReadResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: FsError };

/** Read a file operand relative to the working directory; `-` is standard input. */
export function readOperand(ctx: CommandContext, operand: string): ReadResult {
  if (operand === '-') return { ok: true, text: ctx.stdin };
  if (operand === '/dev/null') return { ok: true, text: '' };
  if (operand === '/dev/stdin') return { ok: true, text: ctx.stdin };
  try {
    return { ok: true, text: ctx.shell.host.fs.readFile(ctx.shell.resolvePath(operand)) };
  } catch (error) {
    if (isFsError(error)) return { ok: false, error: new FsError(error.code, operand) };
    throw error;
  }
}

/** Print GNU's usage error and return the status the tool exits with. */
export function usageError(ctx: CommandContext, command: string, message: string, status = 1): number {
  ctx.stderr.write(`${message}\nTry '${command} --help' for more information.\n`);
  return status;
}

/** Lines of a text without their newlines; a missing final newline still ends a line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Lines with their newline kept (the last may lack one), for head/tail/cat -n. */
export function splitLinesKeep(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** coreutils' shell-escape quoting for names in messages: 'name' ("it's" when it holds a quote). */
export function quoteName(name: string): string {
  if (!name.includes("'")) return `'${name}'`;
  if (!/["\\$`]/.test(name)) return `"${name}"`;
  return `'${name.replace(/'/g, `'\\''`)}'`;
}

/** The locale quotes coreutils uses in a UTF-8 locale for some messages (mkdir, sleep). */
export function localeQuote(name: string): string {
  return `‘${name}’`;
}

/** Quote a word so the shell reads it back unchanged. */
export function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
