/** `awk` (mawk, Ubuntu's awk): `-F`, `-v`, `-f`, program text, files or `var=value` operands; mawk's messages and status 2. */
import { isFsError } from '../../hosts/vfs.js';
import { AwkSyntaxError } from './awk/lexer.js';
import { parseAwk, type AwkProgram } from './awk/parser.js';
import { AwkRuntime, AwkRuntimeError } from './awk/runtime.js';
import type { Builtin, BuiltinContext } from './builtin.js';
import { readOperand } from './util.js';

const USAGE = `Usage: mawk [Options] [Program] [file ...]

Program:
    The -f option value is the name of a file containing program text.
    If no -f option is given, a "--" ends option processing; the following
    parameters are the program text.

Options:
    -f program-file  Program  text is read from file instead of from the
                     command-line.  Multiple -f options are accepted.
    -F value         sets the field separator, FS, to value.
    -v var=value     assigns value to program variable var.
    --               unambiguous end of options.

    Implementation-specific options are prefixed with "-W".  They can be
    abbreviated:

    -W version       show version information and exit.
    -W dump          show assembler-like listing of program and exit.
    -W help          show this message and exit.
    -W interactive   set unbuffered output, line-buffered input.
    -W exec file     use file as program as well as last option.
    -W random=number set initial random seed.
    -W sprintf=number adjust size of sprintf buffer.
    -W posix_space   do not consider "\\n" a space.
    -W usage         show this message and exit.
`;

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

/** `-F '\t'` and `-v x='a\tb'` take awk's escapes. */
function unescapeValue(text: string): string {
  return text.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r', '\\': '\\' })[c] ?? `\\${c}`);
}

interface Invocation {
  readonly source: string;
  readonly assignments: Array<[string, string]>;
  readonly operands: readonly string[];
}

function parseArguments(ctx: BuiltinContext, args: readonly string[]): Invocation | number {
  const assignments: Array<[string, string]> = [];
  const programFiles: string[] = [];
  let i = 0;
  const value = (flag: string): string | undefined => {
    const arg = args[i]!;
    if (arg.length > 2) return arg.slice(2);
    i++;
    if (i >= args.length) {
      ctx.stderr.write(`awk: option requires an argument -- ${flag}\n${USAGE}`);
      return undefined;
    }
    return args[i];
  };
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    const flag = arg[1]!;
    if (flag === 'F' || flag === 'v' || flag === 'f' || flag === 'W') {
      const v = value(flag);
      if (v === undefined) return 2;
      if (flag === 'F') assignments.push(['FS', v === 't' ? '\t' : unescapeValue(v)]);
      else if (flag === 'f') programFiles.push(v);
      else if (flag === 'v') {
        const match = ASSIGNMENT.exec(v);
        if (!match) {
          ctx.stderr.write(`awk: improper assignment: -v ${v}\n`);
          return 2;
        }
        assignments.push([match[1]!, unescapeValue(match[2]!)]);
      } else if (/^v/.test(v)) {
        ctx.stdout.write('mawk 1.3.4 20200120\n');
        return 0;
      } else {
        ctx.stderr.write(USAGE);
        return 0;
      }
      continue;
    }
    ctx.stderr.write(`awk: not an option: ${arg}\n`);
    return 2;
  }
  let source: string;
  if (programFiles.length > 0) {
    source = '';
    for (const file of programFiles) {
      const read = readOperand(ctx, file);
      if (!read.ok) {
        ctx.stderr.write(`awk: couldn't open file ${file}.\n`);
        return 2;
      }
      source += read.text + '\n';
    }
  } else {
    if (i >= args.length) {
      ctx.stderr.write(USAGE);
      return 0;
    }
    source = args[i++]!;
  }
  return { source, assignments, operands: args.slice(i) };
}

function awk(ctx: BuiltinContext): number {
  const invocation = parseArguments(ctx, ctx.argv.slice(1));
  if (typeof invocation === 'number') return invocation;
  let program: AwkProgram;
  try {
    program = parseAwk(invocation.source);
  } catch (error) {
    if (!(error instanceof AwkSyntaxError)) throw error;
    ctx.stderr.write(`awk: line ${error.line}: ${error.message}\n`);
    return 2;
  }
  let out = '';
  const fs = ctx.shell.host.fs;
  const runtime = new AwkRuntime(
    program,
    {
      write: (text) => (out += text),
      writeFile: (path, text, truncate) => {
        const absolute = ctx.shell.resolvePath(path);
        if (path === '/dev/stderr') ctx.stderr.write(text);
        else if (path === '/dev/stdout') out += text;
        else if (truncate) fs.writeFile(absolute, text);
        else fs.appendFile(absolute, text);
      },
    },
    invocation.assignments,
  );
  let failed: string | undefined;
  const files = invocation.operands.filter((o) => !ASSIGNMENT.test(o));
  function* inputs(): Iterable<{ name: string; text: string }> {
    if (files.length === 0) {
      yield { name: '', text: ctx.stdin };
      return;
    }
    for (const operand of files) {
      const read = readOperand(ctx, operand);
      if (!read.ok) {
        failed = `awk: cannot open ${operand} (${read.error.description})\n`;
        return;
      }
      yield { name: operand, text: read.text };
    }
  }
  let status: number;
  try {
    status = runtime.run(inputs());
  } catch (error) {
    ctx.stdout.write(out);
    if (error instanceof AwkRuntimeError) {
      ctx.stderr.write(`awk: run time error: ${error.message}\n\t${runtime.position()}\n`);
      return 2;
    }
    if (isFsError(error)) {
      ctx.stderr.write(`awk: cannot open "${error.path}" for output\n`);
      return 2;
    }
    throw error;
  }
  ctx.stdout.write(out);
  if (failed !== undefined) {
    ctx.stderr.write(failed);
    return 2;
  }
  return status;
}

export const awkBuiltin: Builtin = { name: 'awk', kind: 'utility', run: awk };
