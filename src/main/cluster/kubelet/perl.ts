/**
 * `perl` in the perl image, for the Job example of the Kubernetes docs
 * (`perl -Mbignum=bpi -wle 'print bpi(2000)'`): π to N significant digits, computed exactly with
 * Machin's formula, printed after the few seconds the real computation takes. Other one-liners
 * that only `print` a quoted string are honoured; anything else ends quietly with status 0.
 */
import type { ProcessContext, ProcessRun } from './shell-script.js';

/** arctan(1/x) × scale, by its Taylor series in integers. */
function arctanInverse(x: bigint, scale: bigint): bigint {
  let term = scale / x;
  let sum = term;
  const x2 = x * x;
  for (let n = 3n, sign = -1n; term !== 0n; n += 2n, sign = -sign) {
    term /= x2;
    sum += (sign * term) / n;
  }
  return sum;
}

/** π rounded to `digits` significant digits, as Math::BigFloat's bpi(digits) prints it. */
export function piDigits(digits: number): string {
  const guard = 10;
  const scale = 10n ** BigInt(digits + guard);
  const pi = 16n * arctanInverse(5n, scale) - 4n * arctanInverse(239n, scale);
  // pi × 10^(digits+guard): round away the guard digits, keeping `digits` significant ones.
  const unit = 10n ** BigInt(guard + 1);
  const rounded = (pi + unit / 2n) / unit;
  const text = rounded.toString();
  return `${text[0]}.${text.slice(1)}`;
}

/** How long the real computation of `digits` digits takes on a lab node's CPU. */
function computeMs(digits: number): number {
  return Math.max(100, Math.round((digits / 2000) ** 2 * 4000));
}

export function perlProgram(args: string[]): (ctx: ProcessContext) => ProcessRun {
  const script = args.filter((a, i) => !a.startsWith('-') || args[i - 1] === '-e').find((a) => a.includes('print')) ?? args.at(-1) ?? '';
  const bpi = /print\s+bpi\((\d+)\)/.exec(script);
  const quoted = /print\s+(["'])(.*?)\1/.exec(script);
  const newline = args.some((a) => /^-\w*l/.test(a));
  return function* (ctx) {
    if (bpi) {
      const digits = Number(bpi[1]);
      yield computeMs(digits);
      ctx.out('stdout', piDigits(digits));
    } else if (quoted) {
      ctx.out('stdout', newline ? quoted[2]! : quoted[2]!.replace(/\\n$/, ''));
    }
    yield 0;
    return 0;
  };
}
