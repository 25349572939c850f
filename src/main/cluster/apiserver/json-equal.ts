/**
 * Equality of JSON-shaped values as their canonical JSON would compare (keys in any order, keys
 * whose value is undefined absent, non-finite numbers as null) without serializing either side:
 * the API server asks it on every update (is this a no-op? did the spec change?), where building
 * two sorted JSON strings of a whole object cost more than the write itself.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function primitive(value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

/** Defined keys: what JSON.stringify would write. */
function definedKeyCount(object: Record<string, unknown>): number {
  let count = 0;
  for (const key in object) if (object[key] !== undefined && typeof object[key] !== 'function') count++;
  return count;
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      // In an array JSON writes undefined as null.
      if (!jsonEqual(a[i] ?? null, b[i] ?? null)) return false;
    }
    return true;
  }
  if (isRecord(a)) {
    if (!isRecord(b)) return false;
    if (definedKeyCount(a) !== definedKeyCount(b)) return false;
    for (const key in a) {
      const value = a[key];
      if (value === undefined || typeof value === 'function') continue;
      if (!jsonEqual(value, b[key])) return false;
    }
    return true;
  }
  return primitive(a) === primitive(b);
}
