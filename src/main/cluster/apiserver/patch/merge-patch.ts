/** JSON merge patch (RFC 7386): objects merge recursively, `null` deletes, anything else replaces. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return structuredClone(patch);
  const result: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

/** The merge patch that turns `from` into `to` (used by kubectl's three-way apply). */
export function createMergePatch(from: unknown, to: unknown): unknown {
  if (!isPlainObject(from) || !isPlainObject(to)) return structuredClone(to);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(from)) {
    if (!(key in to)) patch[key] = null;
  }
  for (const [key, value] of Object.entries(to)) {
    const before = from[key];
    if (JSON.stringify(before) === JSON.stringify(value)) continue;
    patch[key] = isPlainObject(before) && isPlainObject(value) ? createMergePatch(before, value) : structuredClone(value);
  }
  return patch;
}
