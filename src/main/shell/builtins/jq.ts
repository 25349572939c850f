/**
 * `jq` 1.6: read JSON texts (stdin or files), run a filter over each, print the results (pretty,
 * `-c`, `-r`, coloured on a terminal), with jq's messages and exit statuses (2 usage, 3 compile,
 * 4 input parse error, 5 runtime error, `-e`'s 1 and 4).
 */
import type { Builtin, BuiltinContext } from './builtin.js';
import { JqError, JqEvaluator, undefinedCalls } from './jq/evaluate.js';
import { parseJsonStream, type Json } from './jq/json-input.js';
import { JqCompileError, parseJq, type Ast } from './jq/parser.js';
import { dumpJson } from './jq/values.js';
import { readOperand } from './util.js';

const UNKNOWN_OPTION_HINT = 'Use jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://stedolan.github.io/jq\n';

const USAGE = `Usage:\tjq [OPTIONS] FILTER [FILES...]
\tjq [OPTIONS] --args FILTER [ARGUMENTS...]
\tjq [OPTIONS] --jsonargs FILTER [JSON_VALUES...]

jq is a tool for processing JSON inputs, applying the given filter to
its JSON text inputs and producing the filter's results as JSON on
standard output.

The simplest filter is ., which copies jq's input to its output
unmodified (except for formatting, but note that IEEE754 is used
for number representation internally, with all that that implies).

For more advanced filters see the jq(1) manpage ("man jq")
and/or https://stedolan.github.io/jq

Example:

\t$ echo '{"foo": 0}' | jq .
\t{
\t\t"foo": 0
\t}

For a listing of options, use jq --help.
`;

interface Options {
  raw: boolean;
  join: boolean;
  compact: boolean;
  nullInput: boolean;
  rawInput: boolean;
  slurp: boolean;
  exitStatus: boolean;
  sortKeys: boolean;
  color: boolean | undefined;
  tab: boolean;
  indent: number;
  variables: Map<string, Json>;
}

const SHORT: Readonly<Record<string, keyof Options>> = {
  r: 'raw',
  j: 'join',
  c: 'compact',
  n: 'nullInput',
  R: 'rawInput',
  s: 'slurp',
  e: 'exitStatus',
  S: 'sortKeys',
};

const LONG: Readonly<Record<string, keyof Options>> = {
  'raw-output': 'raw',
  'join-output': 'join',
  'compact-output': 'compact',
  'null-input': 'nullInput',
  'raw-input': 'rawInput',
  slurp: 'slurp',
  'exit-status': 'exitStatus',
  'sort-keys': 'sortKeys',
};

function parseArguments(ctx: BuiltinContext, args: readonly string[]): { options: Options; filter: string | undefined; files: string[] } | number {
  const options: Options = {
    raw: false,
    join: false,
    compact: false,
    nullInput: false,
    rawInput: false,
    slurp: false,
    exitStatus: false,
    sortKeys: false,
    color: undefined,
    tab: false,
    indent: 2,
    variables: new Map(),
  };
  const positional: string[] = [];
  const unknown = (arg: string): number => {
    ctx.stderr.write(`jq: Unknown option ${arg}\n${UNKNOWN_OPTION_HINT}`);
    return 2;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const name = arg.slice(2);
      const flag = LONG[name];
      if (flag) (options[flag] as boolean) = true;
      else if (name === 'color-output') options.color = true;
      else if (name === 'monochrome-output') options.color = false;
      else if (name === 'tab') options.tab = true;
      else if (name === 'indent') {
        const n = Number(args[++i]);
        if (!Number.isInteger(n) || n < -1 || n > 7) {
          ctx.stderr.write('jq: --indent takes a number between -1 and 7\n');
          ctx.stderr.write(UNKNOWN_OPTION_HINT);
          return 2;
        }
        options.indent = n;
      } else if (name === 'arg' || name === 'argjson') {
        const variable = args[i + 1];
        const value = args[i + 2];
        if (variable === undefined || value === undefined) {
          ctx.stderr.write(`jq: --${name} takes two parameters (e.g. --${name} varname ${name === 'arg' ? 'value' : 'text'})\n${UNKNOWN_OPTION_HINT}`);
          return 2;
        }
        if (name === 'arg') options.variables.set(variable, value);
        else {
          const parsed = parseJsonStream(value);
          if (parsed.error !== undefined || parsed.values.length !== 1) {
            ctx.stderr.write(`jq: Invalid JSON text passed to --argjson\n${UNKNOWN_OPTION_HINT}`);
            return 2;
          }
          options.variables.set(variable, parsed.values[0]!);
        }
        i += 2;
      } else if (name === 'help') {
        ctx.stdout.write(USAGE);
        return 0;
      } else if (name === 'version') {
        ctx.stdout.write('jq-1.6\n');
        return 0;
      } else return unknown(arg);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (const letter of arg.slice(1)) {
        const flag = SHORT[letter];
        if (flag) (options[flag] as boolean) = true;
        else if (letter === 'C') options.color = true;
        else if (letter === 'M') options.color = false;
        else if (letter === 'a') continue;
        else if (letter === 'h') {
          ctx.stdout.write(USAGE);
          return 0;
        } else return unknown(arg);
      }
      continue;
    }
    positional.push(arg);
  }
  const [filter, ...files] = positional;
  return { options, filter, files };
}

function compileError(ctx: BuiltinContext, message: string, filter: string): number {
  ctx.stderr.write(`jq: error: ${message} at <top-level>, line 1:\n${filter}\njq: 1 compile error\n`);
  return 3;
}

function jq(ctx: BuiltinContext): number {
  const parsed = parseArguments(ctx, ctx.argv.slice(1));
  if (typeof parsed === 'number') return parsed;
  const { options, files } = parsed;
  let filter = parsed.filter;
  if (filter === undefined) {
    if (!ctx.stdinRedirected && ctx.stdoutIsTerminal) {
      ctx.stderr.write(USAGE);
      return 2;
    }
    filter = '.';
  }
  let ast: Ast;
  try {
    ast = parseJq(filter);
  } catch (error) {
    if (!(error instanceof JqCompileError)) throw error;
    return compileError(ctx, error.message, filter);
  }
  const missing = undefinedCalls(ast, new Set(options.variables.keys()));
  if (missing.length > 0) {
    ctx.stderr.write(missing.map((name) => `jq: error: ${name} is not defined at <top-level>, line 1:\n${filter}\n`).join(''));
    ctx.stderr.write(`jq: ${missing.length} compile error${missing.length > 1 ? 's' : ''}\n`);
    return 3;
  }

  // Input: stdin or the files, one stream of JSON texts (or of lines with -R).
  let text = '';
  let where = '<stdin>';
  if (files.length === 0) text = ctx.stdin;
  for (const file of files) {
    const read = readOperand(ctx, file);
    if (!read.ok) {
      ctx.stderr.write(`jq: error: Could not open ${file}: ${read.error.description}\n`);
      return 2;
    }
    text += read.text;
    where = file;
  }
  const lineNumber = (text.match(/\n/g) ?? []).length;
  let inputs: Json[];
  let inputError: string | undefined;
  if (options.rawInput) {
    inputs = options.slurp ? [text] : text.split('\n').filter((line, i, all) => i < all.length - 1 || line !== '');
  } else {
    const stream = parseJsonStream(text);
    inputs = options.slurp ? [stream.values] : stream.values;
    inputError = stream.error;
    if (options.slurp && inputError !== undefined) inputs = [];
  }
  const remaining = options.nullInput ? inputs : [];
  if (options.nullInput) inputs = [null];

  const env: Record<string, string> = {};
  for (const [name, value] of ctx.shell.env) env[name] = value;
  const evaluator = new JqEvaluator({ env, now: () => Date.now(), inputs: remaining });
  const color = options.color ?? ctx.stdoutIsTerminal;
  const dumpOptions = { indent: options.compact ? 0 : options.indent, tab: options.tab && !options.compact, sortKeys: options.sortKeys, color };
  let status = 0;
  let last: Json | undefined;
  let produced = false;
  for (const input of inputs) {
    let out = '';
    try {
      for (const value of evaluator.run(ast, input, options.variables)) {
        produced = true;
        last = value;
        out += (options.raw || options.join) && typeof value === 'string' ? value : dumpJson(value, dumpOptions);
        if (!options.join) out += '\n';
      }
      ctx.stdout.write(out);
    } catch (error) {
      ctx.stdout.write(out);
      if (!(error instanceof JqError)) throw error;
      const value = error.value;
      const detail = typeof value === 'string' ? `: ${value}` : ` (not a string): ${dumpJson(value, { indent: 0 })}`;
      ctx.stderr.write(`jq: error (at ${where}:${lineNumber})${detail}\n`);
      status = 5;
    }
  }
  if (inputError !== undefined) {
    // jq 1.6 exits with JQ_OK_NO_OUTPUT's magnitude after an input parse error.
    ctx.stderr.write(`${inputError}\n`);
    return 4;
  }
  if (status !== 0) return status;
  if (options.exitStatus) return !produced ? 4 : last === null || last === false ? 1 : 0;
  return 0;
}

export const jqBuiltin: Builtin = { name: 'jq', kind: 'utility', run: jq };
