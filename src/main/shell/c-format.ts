/**
 * C's printf conversions (`%d %i %o %x %X %u %c %s %e %E %f %F %g %G %%` with flags, width,
 * precision and `*`), for awk's printf/sprintf and its number-to-string rule (`%.6g`).
 */

/** A number as C's `%.{precision}g` prints it. */
export function formatG(value: number, precision = 6, alternate = false, upper = false): string {
  if (!Number.isFinite(value)) return nonFinite(value, upper);
  const p = precision === 0 ? 1 : precision;
  if (value === 0) return alternate ? (0).toFixed(p - 1) : Object.is(value, -0) ? '-0' : '0';
  const exponent = Math.floor(Math.log10(Math.abs(Number(value.toExponential(p - 1)))));
  let text: string;
  if (exponent < -4 || exponent >= p) {
    text = formatE(value, p - 1, upper);
    if (!alternate) text = text.replace(/\.?0+(e|E)/, '$1');
  } else {
    text = value.toFixed(Math.max(0, p - 1 - exponent));
    if (!alternate && text.includes('.')) text = text.replace(/\.?0+$/, '');
  }
  return text;
}

/** C's `%.{precision}e`: at least two exponent digits. */
export function formatE(value: number, precision = 6, upper = false): string {
  if (!Number.isFinite(value)) return nonFinite(value, upper);
  const text = value.toExponential(precision).replace(/e([+-])(\d)$/, 'e$10$2');
  return upper ? text.toUpperCase() : text;
}

function nonFinite(value: number, upper: boolean): string {
  const text = Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  return upper ? text.toUpperCase() : text;
}

export interface FormatArgs {
  /** The next argument as a number (0 when none is left). */
  number(): number;
  /** The next argument as a string ('' when none is left). */
  string(): string;
  /** The next argument, for `%c`: a number prints that character, a string its first one. */
  char(): string;
}

const CONVERSION = /%([-+ 0#]*)(\*|\d+)?(?:\.(\*|\d*))?([diouxXcseEfFgG%])/g;

/** Expand `format` as C's sprintf would, taking arguments from `args`. */
export function sprintfC(format: string, args: FormatArgs): string {
  return format.replace(CONVERSION, (match, flags: string, widthText: string | undefined, precisionText: string | undefined, conversion: string) => {
    if (conversion === '%') return '%';
    let width = widthText === '*' ? Math.trunc(args.number()) : widthText ? Number(widthText) : 0;
    let left = flags.includes('-');
    if (width < 0) {
      left = true;
      width = -width;
    }
    const precision = precisionText === undefined ? undefined : precisionText === '*' ? Math.trunc(args.number()) : Number(precisionText || '0');
    let body: string;
    let numeric = true;
    switch (conversion) {
      case 'd':
      case 'i': {
        const n = Math.trunc(args.number());
        body = Number.isFinite(n) ? Math.abs(n).toString() : nonFinite(n, false).replace('-', '');
        if (precision !== undefined) body = precision === 0 && n === 0 ? '' : body.padStart(precision, '0');
        body = sign(n, flags) + body;
        break;
      }
      case 'o':
      case 'x':
      case 'X':
      case 'u': {
        const n = Math.trunc(args.number());
        const unsigned = n < 0 ? n + 2 ** 64 : n;
        body = unsigned.toString(conversion === 'o' ? 8 : conversion === 'u' ? 10 : 16);
        if (conversion === 'X') body = body.toUpperCase();
        if (precision !== undefined) body = body.padStart(precision, '0');
        if (flags.includes('#') && n !== 0) body = (conversion === 'o' ? '0' : conversion === 'x' ? '0x' : conversion === 'X' ? '0X' : '') + body;
        break;
      }
      case 'e':
      case 'E': {
        const n = args.number();
        body = sign(n, flags) + formatE(Math.abs(n), precision ?? 6, conversion === 'E');
        break;
      }
      case 'f':
      case 'F': {
        const n = args.number();
        body = sign(n, flags) + (Number.isFinite(n) ? Math.abs(n).toFixed(precision ?? 6) : nonFinite(Math.abs(n), conversion === 'F'));
        break;
      }
      case 'g':
      case 'G': {
        const n = args.number();
        body = sign(n, flags) + formatG(Math.abs(n), precision ?? 6, flags.includes('#'), conversion === 'G');
        break;
      }
      case 'c':
        numeric = false;
        body = args.char();
        break;
      default:
        numeric = false;
        body = args.string();
        if (precision !== undefined) body = [...body].slice(0, precision).join('');
    }
    const length = [...body].length;
    if (length >= width) return body;
    if (left) return body + ' '.repeat(width - length);
    if (numeric && flags.includes('0') && precision === undefined && /^[-+ ]?[0-9]/.test(body)) {
      const signChar = /^[-+ ]/.test(body) ? body[0]! : '';
      return signChar + body.slice(signChar.length).padStart(width - signChar.length, '0');
    }
    return ' '.repeat(width - length) + body;
  });
}

function sign(n: number, flags: string): string {
  if (n < 0 || Object.is(n, -0)) return '-';
  return flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
}
