/** jq's view of JSON values: type names, ordering, number text and the dumps used in output and messages. */
import type { Json } from './json-input.js';

export type JsonObject = { [key: string]: Json };

export function typeOf(value: Json): 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as 'boolean' | 'number' | 'string' | 'object';
}

export function isObject(value: Json): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Shortest round-trip digits, laid out as C's `%.17g` would (exponent below -4 or from 17 up). */
export function numberText(n: number): string {
  if (Number.isNaN(n)) return 'null';
  if (!Number.isFinite(n)) return n > 0 ? '1.7976931348623157e+308' : '-1.7976931348623157e+308';
  if (Object.is(n, -0)) return '-0';
  const [mantissa, exponentText] = n.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 17) return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  const digits = mantissa.replace('-', '').replace('.', '');
  const negative = n < 0 ? '-' : '';
  if (exponent < 0) return `${negative}0.${'0'.repeat(-exponent - 1)}${digits}`;
  if (digits.length <= exponent + 1) return negative + digits + '0'.repeat(exponent + 1 - digits.length);
  return `${negative}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

export function stringText(s: string): string {
  return JSON.stringify(s).replace(/\u007f/g, '\\u007f');
}

const ORDER = ['null', 'boolean', 'number', 'string', 'array', 'object'];

export function compareJson(a: Json, b: Json): number {
  const ta = typeOf(a);
  const tb = typeOf(b);
  if (ta !== tb) return ORDER.indexOf(ta) - ORDER.indexOf(tb);
  switch (ta) {
    case 'null':
      return 0;
    case 'boolean':
      return Number(a) - Number(b);
    case 'number':
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 'string':
      return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
    case 'array': {
      const x = a as Json[];
      const y = b as Json[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareJson(x[i]!, y[i]!);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
    default: {
      const x = a as JsonObject;
      const y = b as JsonObject;
      const keys = compareJson(Object.keys(x).sort(), Object.keys(y).sort());
      if (keys !== 0) return keys;
      for (const key of Object.keys(x).sort()) {
        const c = compareJson(x[key]!, y[key]!);
        if (c !== 0) return c;
      }
      return 0;
    }
  }
}

export interface DumpOptions {
  /** Spaces per level; 0 for compact output. */
  readonly indent: number;
  readonly tab?: boolean;
  readonly sortKeys?: boolean;
  readonly color?: boolean;
}

const COLORS: Readonly<Record<string, string>> = {
  null: '1;30',
  boolean: '0;39',
  number: '0;39',
  string: '0;32',
  array: '1;39',
  object: '1;39',
};
const RESET = '\x1b[0m';
const FIELD = '\x1b[34;1m';

/** jq 1.6's jv_dump_term: pretty or compact, optionally coloured as on a terminal. */
export function dumpJson(value: Json, options: DumpOptions, level = 0): string {
  const color = options.color ? `\x1b[${COLORS[typeOf(value)]}m` : '';
  const pretty = options.indent > 0 || options.tab === true;
  const pad = (n: number): string => (options.tab ? '\t'.repeat(n) : ' '.repeat(n * options.indent));
  let out = color;
  if (Array.isArray(value)) {
    if (value.length === 0) out += '[]';
    else {
      out += '[';
      if (pretty) out += '\n' + pad(level + 1);
      value.forEach((item, i) => {
        if (i > 0) out += pretty ? ',\n' + pad(level + 1) : ',';
        out += dumpJson(item, options, level + 1);
        out += color;
      });
      if (pretty) out += '\n' + pad(level);
      out += color + ']';
    }
  } else if (isObject(value)) {
    const keys = options.sortKeys ? Object.keys(value).sort() : Object.keys(value);
    if (keys.length === 0) out += '{}';
    else {
      out += '{';
      if (pretty) out += '\n' + pad(level + 1);
      keys.forEach((key, i) => {
        if (i > 0) out += pretty ? ',\n' + pad(level + 1) : ',';
        if (color) out += RESET + FIELD;
        out += stringText(key);
        if (color) out += RESET + color;
        out += pretty ? ': ' : ':';
        if (color) out += RESET;
        out += dumpJson(value[key]!, options, level + 1);
        out += color;
      });
      if (pretty) out += '\n' + pad(level);
      out += color + '}';
    }
  } else if (typeof value === 'string') {
    out += stringText(value);
  } else if (typeof value === 'number') {
    out += numberText(value);
  } else {
    out += String(value);
  }
  return color ? out + RESET : out;
}

/** A value in an error message: compact, cut to 11 bytes and `...` past 14 (jq's errbuf). */
export function briefDump(value: Json): string {
  const text = dumpJson(value, { indent: 0 });
  return text.length > 14 ? text.slice(0, 11) + '...' : text;
}
