/**
 * JSON the way kubectl prints it: Go's encoding/json with sorted map keys, four-space indent, and
 * HTML-safe escapes (`<` as \u003c, `>` as \u003e, `&` as \u0026).
 */

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortDeep(v)]));
  }
  return value;
}

export function toJson(value: unknown): string {
  return escapeHtml(JSON.stringify(sortDeep(value), null, 4)) + '\n';
}

/** A typed Go object as kubectl prints it: its fields in struct order (as the value holds them). */
export function toJsonInFieldOrder(value: unknown): string {
  return escapeHtml(JSON.stringify(value, null, 4)) + '\n';
}

/** encoding/json's json.Marshal: compact, with the same sorted keys and escapes. */
export function toCompactJson(value: unknown): string {
  return escapeHtml(JSON.stringify(sortDeep(value)));
}

/** encoding/json's HTML-safe escapes, applied to JSON text. */
export function escapeHtml(text: string): string {
  return text
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

