/** `echo` (bash's builtin: `-n`, `-e`, `-E`) and `printf` (the common formats). */
import type { Builtin, BuiltinContext } from './builtin.js';

/** Interpret backslash escapes; `stop` is set when `\c` ends the output. */
export function unescape(text: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const e = text[++i]!;
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\' };
    if (e in simple) {
      out += simple[e];
    } else if (e === 'c') {
      return { text: out, stop: true };
    } else if (e === '0') {
      const digits = /^[0-7]{0,3}/.exec(text.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(digits || '0', 8));
      i += digits.length;
    } else if (e === 'x') {
      const digits = /^[0-9a-fA-F]{0,2}/.exec(text.slice(i + 1))![0];
      if (digits) {
        out += String.fromCharCode(parseInt(digits, 16));
        i += digits.length;
      } else {
        out += '\\x';
      }
    } else {
      out += '\\' + e;
    }
  }
  return { text: out, stop: false };
}

function echo(ctx: BuiltinContext): number {
  const args = ctx.argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args.length > 0 && /^-[neE]+$/.test(args[0]!)) {
    for (const flag of args.shift()!.slice(1)) {
      if (flag === 'n') newline = false;
      else escapes = flag === 'e';
    }
  }
  let text = args.join(' ');
  if (escapes) {
    const result = unescape(text);
    if (result.stop) {
      ctx.stdout.write(result.text);
      return 0;
    }
    text = result.text;
  }
  ctx.stdout.write(newline ? text + '\n' : text);
  return 0;
}

function printf(ctx: BuiltinContext): number {
  const args = ctx.argv.slice(1);
  if (args[0] === '--') args.shift();
  const format = args.shift();
  if (format === undefined) {
    ctx.stderr.write('bash: printf: usage: printf [-v var] format [arguments]\n');
    return 2;
  }
  let status = 0;
  let out = '';
  // The format is reused while arguments remain, as in bash.
  do {
    let consumed = 0;
    out += format.replace(/%([-+ 0#]*)(\d*)(?:\.(\d+))?([sdibxXoc%])|\\(?:[0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/g, (match, flags: string, width: string, precision: string | undefined, conv: string | undefined) => {
      if (match.startsWith('\\')) return unescape(match).text;
      if (conv === '%') return '%';
      const arg = args[consumed++] ?? '';
      let value: string;
      switch (conv) {
        case 's':
          value = precision !== undefined ? arg.slice(0, Number(precision)) : arg;
          break;
        case 'b':
          value = unescape(arg).text;
          break;
        case 'c':
          value = arg.slice(0, 1);
          break;
        default: {
          const n = arg === '' ? 0 : Number(arg);
          if (!Number.isFinite(n)) {
            ctx.stderr.write(`bash: printf: ${arg}: invalid number\n`);
            status = 1;
          }
          const int = Math.trunc(Number.isFinite(n) ? n : 0);
          value = conv === 'x' ? int.toString(16) : conv === 'X' ? int.toString(16).toUpperCase() : conv === 'o' ? int.toString(8) : String(int);
          if (flags.includes('+') && int >= 0 && (conv === 'd' || conv === 'i')) value = '+' + value;
        }
      }
      const w = Number(width || 0);
      if (value.length >= w) return value;
      if (flags.includes('-')) return value.padEnd(w);
      return flags.includes('0') && conv !== 's' ? value.padStart(w, '0') : value.padStart(w);
    });
    args.splice(0, consumed);
    if (consumed === 0) break;
  } while (args.length > 0);
  ctx.stdout.write(out);
  return status;
}

export const echoBuiltins: readonly Builtin[] = [
  { name: 'echo', kind: 'shell', run: echo },
  { name: 'printf', kind: 'shell', run: printf },
];
