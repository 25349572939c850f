/**
 * Kubernetes resource quantities (`500m`, `2`, `128Mi`, `1G`, `1e3`): parsing to a number of base
 * units, and the milli-value the scheduler compares CPU by.
 */

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** The value in base units (cores for cpu, bytes for memory), or undefined if malformed. */
export function parseQuantity(text: string | number | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'number') return text;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei)|([eE][+-]?\d+)|(n|u|m|k|M|G|T|P|E))?$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2]) return n * BINARY[m[2]]!;
  if (m[3]) return n * 10 ** Number(m[3].slice(1));
  return n * DECIMAL[m[4] ?? '']!;
}

/** Milli-units, rounded up as resource.Quantity.MilliValue does. */
export function milliValue(text: string | number | undefined): number {
  const v = parseQuantity(text);
  return v === undefined ? 0 : Math.ceil(Math.round(v * 1e6) / 1e3);
}
