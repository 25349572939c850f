/**
 * jsonpatch.CreateMergePatch: the JSON merge patch that turns one object into another — changed
 * fields set, removed ones `null`, nested maps diffed, lists replaced whole. Also what
 * CreateTwoWayMergePatch yields for the fields kubectl's node commands change (no merge keys).
 */
type Json = Record<string, unknown>;

function isMap(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function createMergePatch(from: unknown, to: unknown): Json {
  const before = isMap(from) ? from : {};
  const after = isMap(to) ? to : {};
  const patch: Json = {};
  for (const key of Object.keys(before)) if (!(key in after)) patch[key] = null;
  for (const [key, value] of Object.entries(after)) {
    const old = before[key];
    if (same(old, value)) continue;
    patch[key] = isMap(old) && isMap(value) ? createMergePatch(old, value) : value;
  }
  return patch;
}
