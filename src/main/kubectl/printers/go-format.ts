/**
 * How Go's fmt prints the JSON values kubectl's template printers work on (decoded as
 * unstructured content: maps, slices, strings, int64/float64, bools, nil): `%v`, `%#v`, `%q`,
 * and encoding/json's compact form.
 */

/** A JSON value decoded the way apimachinery's unstructured decoder does. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export function isJsonObject(value: unknown): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Go's type name for a decoded value, as reflect prints it in errors (`int64`, `[]interface {}`). */
export function goTypeName(value: unknown): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64';
  if (Array.isArray(value)) return '[]interface {}';
  if (value === null || value === undefined) return 'interface {}';
  return 'map[string]interface {}';
}

/** strconv.FormatFloat(f, 'g', -1, 64): shortest digits, exponent form from 1e+06 and below 1e-04. */
export function goFloat(value: number): string {
  if (value === 0) return '0';
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  if (exponent >= -4 && exponent < 6) return String(value);
  const [mantissa, exp] = value.toExponential().split('e');
  const sign = exp!.startsWith('-') ? '-' : '+';
  return `${mantissa}e${sign}${exp!.replace(/^[+-]/, '').padStart(2, '0')}`;
}

/** A number as `fmt.Sprint` prints it: int64 as digits, float64 with %g. */
export function goNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : goFloat(value);
}

function sortedKeys(value: Record<string, unknown>): string[] {
  return Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `fmt.Sprint(v)` / `%v`: `map[a:1 b:x]`, `[a b]`, `<nil>`. */
export function goValue(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(goValue).join(' ')}]`;
  const object = value as Record<string, unknown>;
  return `map[${sortedKeys(object)
    .map((k) => `${k}:${goValue(object[k])}`)
    .join(' ')}]`;
}

/** strconv.Quote: a double-quoted Go string literal. */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** `%#v` of a decoded value as held in an `interface{}` (the jsonpath debugging dump). */
export function goSyntax(value: unknown): string {
  if (value === null || value === undefined) return 'interface {}(nil)';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[]interface {}{${value.map(goSyntax).join(', ')}}`;
  const object = value as Record<string, unknown>;
  return `map[string]interface {}{${sortedKeys(object)
    .map((k) => `${goQuote(k)}:${goSyntax(object[k])}`)
    .join(', ')}}`;
}
