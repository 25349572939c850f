/**
 * Exact resource.Quantity arithmetic for admission and quota: values held as BigInt nano-units so
 * sums never drift, printed in the canonical form Quantity.String() gives (`500m`, `1`, `200Mi`,
 * `2k`), keeping the first operand's format as Quantity.Add does. ResourceList helpers mirror
 * k8s.io/apiserver/pkg/quota/v1 (Add, Subtract, Mask, LessThanOrEqual, IsZero).
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value in nano-units (1e-9), rounded up as resource.Quantity does below nano precision. */
  readonly nanos: bigint;
  readonly format: QuantityFormat;
}

export type ResourceList = Record<string, string>;
export type QuantityList = Map<string, Quantity>;

const NANO = 1_000_000_000n;
const BINARY_SUFFIXES: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([suffix, exponent]) => [exponent, suffix]));
const BINARY_BY_POWER = new Map(Object.entries(BINARY_SUFFIXES).map(([suffix, power]) => [power, suffix]));

export const ZERO: Quantity = { nanos: 0n, format: 'DecimalSI' };

/** resource.ParseQuantity, or undefined for text that is not a quantity. */
export function parse(text: string | number | undefined): Quantity | undefined {
  if (text === undefined) return undefined;
  const source = typeof text === 'number' ? String(text) : text.trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:(Ki|Mi|Gi|Ti|Pi|Ei)|[eE]([+-]?\d+)|(n|u|m|k|M|G|T|P|E))?$/.exec(source);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const fraction = m[3] ?? '';
  const digits = BigInt(`${m[2] || '0'}${fraction}`);
  let numerator = digits * NANO;
  let denominator = 10n ** BigInt(fraction.length);
  let format: QuantityFormat = 'DecimalSI';
  if (m[4]) {
    numerator *= 1024n ** BigInt(BINARY_SUFFIXES[m[4]]!);
    format = 'BinarySI';
  } else {
    const exponent = m[5] !== undefined ? Number(m[5]) : DECIMAL_SUFFIXES[m[6] ?? '']!;
    if (m[5] !== undefined) format = 'DecimalExponent';
    if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
    else denominator *= 10n ** BigInt(-exponent);
  }
  // Below nano precision resource.Quantity rounds up (away from zero).
  let nanos = numerator / denominator;
  if (numerator % denominator !== 0n) nanos += 1n;
  return { nanos: m[1] === '-' ? -nanos : nanos, format };
}

/** A plain integer count (`pods: 1`) as resource.NewQuantity(n, DecimalSI). */
export function count(n: number): Quantity {
  return { nanos: BigInt(n) * NANO, format: 'DecimalSI' };
}

/** Quantity.MilliValue(): milli-units rounded up. */
export function milli(q: Quantity): bigint {
  const scaled = q.nanos / 1_000_000n;
  return q.nanos % 1_000_000n > 0n ? scaled + 1n : scaled;
}

/** Quantity.String(): the canonical form. */
export function format(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  const sign = q.nanos < 0n ? '-' : '';
  const abs = q.nanos < 0n ? -q.nanos : q.nanos;
  let fmt = q.format;
  if (fmt === 'BinarySI' && (abs < 1024n * NANO || abs % NANO !== 0n)) fmt = 'DecimalSI';
  if (fmt === 'BinarySI') {
    let mantissa = abs / NANO;
    let power = 0;
    while (power < 6 && mantissa % 1024n === 0n) {
      mantissa /= 1024n;
      power++;
    }
    return `${sign}${mantissa}${BINARY_BY_POWER.get(power) ?? ''}`;
  }
  // Strip factors of ten from the nano-unit integer, then round the exponent down to a multiple of 3.
  let mantissa = abs;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  const aligned = Math.floor(exponent / 3) * 3;
  const capped = fmt === 'DecimalSI' ? Math.min(aligned, 18) : aligned;
  mantissa *= 10n ** BigInt(exponent - capped);
  if (fmt === 'DecimalExponent') return `${sign}${mantissa}${capped === 0 ? '' : `e${capped}`}`;
  return `${sign}${mantissa}${DECIMAL_BY_EXPONENT.get(capped) ?? ''}`;
}

/** Quantity.Add: the sum keeps the first operand's format, unless that one is zero. */
export function add(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

export function compare(a: Quantity, b: Quantity): number {
  return a.nanos === b.nanos ? 0 : a.nanos < b.nanos ? -1 : 1;
}

/** A stored ResourceList; malformed values are skipped (validation refuses them before storage). */
export function toQuantities(list: ResourceList | undefined): QuantityList {
  const result: QuantityList = new Map();
  for (const [name, text] of Object.entries(list ?? {})) {
    const q = parse(text);
    if (q) result.set(name, q);
  }
  return result;
}

export function toResourceList(list: QuantityList): ResourceList {
  const result: ResourceList = {};
  for (const name of [...list.keys()].sort()) result[name] = format(list.get(name)!);
  return result;
}

/** quota.Add: the union, summing resources both name. */
export function addLists(a: QuantityList, b: QuantityList): QuantityList {
  const result: QuantityList = new Map(a);
  for (const [name, q] of b) {
    const current = result.get(name);
    result.set(name, current ? add(current, q) : q);
  }
  return result;
}

/** quota.Subtract: a minus b, for every resource either names. */
export function subtractLists(a: QuantityList, b: QuantityList): QuantityList {
  const result: QuantityList = new Map(a);
  for (const [name, q] of b) {
    const current = result.get(name) ?? { nanos: 0n, format: q.format };
    result.set(name, { nanos: current.nanos - q.nanos, format: current.format });
  }
  return result;
}

/** quota.Mask: only the named resources. */
export function mask(list: QuantityList, names: Iterable<string>): QuantityList {
  const result: QuantityList = new Map();
  for (const name of names) {
    const q = list.get(name);
    if (q) result.set(name, q);
  }
  return result;
}

/** quota.LessThanOrEqual: the resources of `a` that exceed what `b` names. */
export function exceeding(a: QuantityList, b: QuantityList): string[] {
  const result: string[] = [];
  for (const [name, q] of a) {
    const limit = b.get(name);
    if (limit && compare(q, limit) > 0) result.push(name);
  }
  return result;
}

export function isZero(list: QuantityList): boolean {
  return [...list.values()].every((q) => q.nanos === 0n);
}

/** The quota plugin's prettyPrint: `name=value` pairs sorted by name, joined by commas. */
export function prettyPrint(list: QuantityList): string {
  return [...list.keys()]
    .sort()
    .map((name) => `${name}=${format(list.get(name)!)}`)
    .join(',');
}
