/** `test` and `[`: file, string and integer conditions for `if` and `while`. */
import type { Builtin, BuiltinContext } from './builtin.js';

class TestError extends Error {}

const UNARY = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-z', '-n', '-L', '-h', '-a']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

function evaluate(ctx: BuiltinContext, args: readonly string[]): boolean {
  const fs = ctx.shell.host.fs;
  const integer = (value: string): number => {
    if (!/^\s*[+-]?\d+\s*$/.test(value)) throw new TestError(`${value}: integer expression expected`);
    return Number(value);
  };
  const unary = (op: string, operand: string): boolean => {
    if (op === '-z') return operand === '';
    if (op === '-n') return operand !== '';
    const stat = fs.tryStat(ctx.shell.resolvePath(operand));
    switch (op) {
      case '-e':
      case '-a':
      case '-r':
      case '-w':
        return stat !== undefined;
      case '-f':
        return stat?.isFile ?? false;
      case '-d':
        return stat?.isDirectory ?? false;
      case '-s':
        return (stat?.isFile ?? false) && stat!.size > 0;
      case '-x':
        return stat !== undefined && (stat.mode & 0o111) !== 0;
      default:
        return false;
    }
  };
  const binary = (left: string, op: string, right: string): boolean => {
    switch (op) {
      case '=':
      case '==':
        return left === right;
      case '!=':
        return left !== right;
      case '<':
        return left < right;
      case '>':
        return left > right;
      case '-eq':
        return integer(left) === integer(right);
      case '-ne':
        return integer(left) !== integer(right);
      case '-lt':
        return integer(left) < integer(right);
      case '-le':
        return integer(left) <= integer(right);
      case '-gt':
        return integer(left) > integer(right);
      default:
        return integer(left) >= integer(right);
    }
  };
  const primary = (a: readonly string[]): boolean => {
    if (a.length === 0) return false;
    if (a[0] === '!') return !primary(a.slice(1));
    if (a[0] === '(' && a[a.length - 1] === ')') return or(a.slice(1, -1));
    if (a.length === 1) return a[0] !== '';
    if (a.length === 2) {
      if (UNARY.has(a[0]!)) return unary(a[0]!, a[1]!);
      throw new TestError(`${a[0]}: unary operator expected`);
    }
    if (a.length === 3 && BINARY.has(a[1]!)) return binary(a[0]!, a[1]!, a[2]!);
    throw new TestError(a.length === 3 ? `${a[1]}: binary operator expected` : 'too many arguments');
  };
  const and = (a: readonly string[]): boolean => {
    const i = a.indexOf('-a', 1);
    return i > 0 && i < a.length - 1 ? primary(a.slice(0, i)) && and(a.slice(i + 1)) : primary(a);
  };
  const or = (a: readonly string[]): boolean => {
    const i = a.indexOf('-o', 1);
    return i > 0 && i < a.length - 1 ? and(a.slice(0, i)) || or(a.slice(i + 1)) : and(a);
  };
  return or(args);
}

function test(ctx: BuiltinContext): number {
  const name = ctx.argv[0]!;
  let args = ctx.argv.slice(1);
  if (name === '[') {
    if (args[args.length - 1] !== ']') {
      ctx.stderr.write("bash: [: missing `]'\n");
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return evaluate(ctx, args) ? 0 : 1;
  } catch (error) {
    if (!(error instanceof TestError)) throw error;
    ctx.stderr.write(`bash: ${name}: ${error.message}\n`);
    return 2;
  }
}

export const testBuiltins: readonly Builtin[] = [
  { name: 'test', kind: 'shell', run: test },
  { name: '[', kind: 'shell', run: test },
];
