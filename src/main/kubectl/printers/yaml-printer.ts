/**
 * YAML the way kubectl prints it: sigs.k8s.io/yaml turns the JSON object into go-yaml v2 output —
 * map keys sorted (digits compared as numbers), sequences not indented under their key, strings
 * that would read as another type double-quoted, strings that cannot be plain single-quoted,
 * multi-line strings as literal blocks, and long scalars folded near column 80.
 */

const BEST_WIDTH = 80;

export function toYaml(value: unknown): string {
  const lines: string[] = [];
  emitValue(value, 0, lines, null);
  return lines.join('\n') + '\n';
}

type Context = { kind: 'key'; prefix: string } | null;

function emitValue(value: unknown, indent: number, lines: string[], ctx: Context): void {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) {
      pushScalar(lines, ctx, pad, '[]');
      return;
    }
    if (ctx) lines.push(`${ctx.prefix}`);
    for (const item of value) emitSequenceItem(item, indent, lines);
    return;
  }
  if (isMap(value)) {
    const keys = sortKeys(Object.keys(value).filter((k) => value[k] !== undefined));
    if (keys.length === 0) {
      pushScalar(lines, ctx, pad, '{}');
      return;
    }
    const childIndent = ctx ? indent + 2 : indent;
    if (ctx) lines.push(ctx.prefix);
    for (const key of keys) emitEntry(key, value[key], childIndent, lines);
    return;
  }
  pushScalar(lines, ctx, pad, scalar(value, ctx ? ctx.prefix.length + 1 : indent, indent + 2));
}

function pushScalar(lines: string[], ctx: Context, pad: string, text: string): void {
  if (ctx) lines.push(`${ctx.prefix} ${text}`);
  else lines.push(pad + text);
}

/** `key: value`, `key:\n  nested`, or `key:\n- item` (sequences stay at the key's indentation). */
function emitEntry(key: string, value: unknown, indent: number, lines: string[]): void {
  const pad = ' '.repeat(indent);
  const keyText = `${pad}${scalar(key, indent, indent + 2)}:`;
  if (Array.isArray(value) && value.length > 0) {
    lines.push(keyText);
    for (const item of value) emitSequenceItem(item, indent, lines);
    return;
  }
  if (isMap(value) && Object.keys(value).some((k) => value[k] !== undefined)) {
    lines.push(keyText);
    const keys = sortKeys(Object.keys(value).filter((k) => value[k] !== undefined));
    for (const k of keys) emitEntry(k, value[k], indent + 2, lines);
    return;
  }
  if (typeof value === 'string' && isLiteralCandidate(value)) {
    lines.push(`${keyText} ${literalHeader(value)}`);
    pushLiteralBody(value, indent + 2, lines);
    return;
  }
  lines.push(`${keyText} ${scalarOrEmpty(value, keyText.length + 1, indent + 2)}`);
}

/** `- scalar`, or `- first: x` with the rest of the map indented two more. */
function emitSequenceItem(item: unknown, indent: number, lines: string[]): void {
  const pad = ' '.repeat(indent);
  if (isMap(item) && Object.keys(item).some((k) => item[k] !== undefined)) {
    const sub: string[] = [];
    const keys = sortKeys(Object.keys(item).filter((k) => item[k] !== undefined));
    for (const k of keys) emitEntry(k, item[k], indent + 2, sub);
    sub[0] = `${pad}- ${sub[0]!.slice(indent + 2)}`;
    lines.push(...sub);
    return;
  }
  if (Array.isArray(item) && item.length > 0) {
    const sub: string[] = [];
    for (const inner of item) emitSequenceItem(inner, indent + 2, sub);
    sub[0] = `${pad}- ${sub[0]!.slice(indent + 2)}`;
    lines.push(...sub);
    return;
  }
  if (typeof item === 'string' && isLiteralCandidate(item)) {
    lines.push(`${pad}- ${literalHeader(item)}`);
    pushLiteralBody(item, indent + 2, lines);
    return;
  }
  lines.push(`${pad}- ${scalarOrEmpty(item, indent + 2, indent + 2)}`);
}

function scalarOrEmpty(value: unknown, column: number, foldIndent: number): string {
  if (Array.isArray(value)) return '[]';
  if (isMap(value)) return '{}';
  return scalar(value, column, foldIndent);
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalar(value: unknown, column: number, foldIndent: number): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return formatNumber(value);
  const s = String(value);
  if (resolvesToNonString(s)) return doubleQuoted(s, column, foldIndent);
  if (needsDoubleQuotes(s)) return doubleQuoted(s, column, foldIndent);
  if (!plainAllowed(s)) return singleQuoted(s, column, foldIndent);
  return fold(s, column, foldIndent);
}

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  if (n === Infinity) return '+.Inf';
  if (n === -Infinity) return '-.Inf';
  if (Number.isNaN(n)) return '.NaN';
  return String(n);
}

const BOOL_OR_NULL = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO',
  'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  'on', 'On', 'ON', 'off', 'Off', 'OFF',
  '~', 'null', 'Null', 'NULL', '',
  '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '.nan', '.NaN', '.NAN',
  '<<',
]);

/** go-yaml v2's resolve(): would this plain text come back as a bool, null, number or timestamp? */
function resolvesToNonString(s: string): boolean {
  if (BOOL_OR_NULL.has(s)) return true;
  const plain = s.replace(/_/g, '');
  if (/^[-+]?(0|[1-9][0-9]*)$/.test(plain)) return true;
  if (/^[-+]?0[0-7]+$/.test(plain)) return true;
  if (/^[-+]?0x[0-9a-fA-F]+$/.test(plain)) return true;
  if (/^[-+]?0b[01]+$/.test(plain)) return true;
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return true;
  // Base-60 numbers like 1:20 (YAML 1.1).
  if (/^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/.test(s)) return true;
  if (/^\d{4}-\d\d?-\d\d?(([Tt]|[ \t]+)\d\d?:\d\d:\d\d(\.\d*)?([ \t]*(Z|[-+]\d\d?(:\d\d)?))?)?$/.test(s)) return true;
  return false;
}

function needsDoubleQuotes(s: string): boolean {
  // Control characters and a space before a line break cannot be written plain, quoted or literal.
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufeff]/.test(s) || (s.includes('\n') && !isLiteralCandidate(s));
}

/** The emitter's analysis: may this string be written as a plain scalar in block context? */
function plainAllowed(s: string): boolean {
  if (s.length === 0) return false;
  if (/^\s|\s$/.test(s)) return false;
  if (s.includes('\n') || s.includes('\t')) return false;
  const first = s[0]!;
  if (',[]{}#&*!|>\'"%@`'.includes(first)) return false;
  if ((first === '-' || first === '?' || first === ':') && (s.length === 1 || s[1] === ' ')) return false;
  if (s.startsWith('---') || s.startsWith('...')) return false;
  if (s.includes(': ') || s.includes(' #') || s.endsWith(':')) return false;
  return true;
}

function isLiteralCandidate(s: string): boolean {
  if (!s.includes('\n')) return false;
  // A space or tab right before a line break, or leading spaces, rule out a block scalar.
  if (/[ \t]\n/.test(s) || / $/.test(s)) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s)) return false;
  return true;
}

function literalHeader(s: string): string {
  const indicator = s.startsWith(' ') || s.startsWith('\n') ? '2' : '';
  let chomp = '-';
  if (s.endsWith('\n')) chomp = s.endsWith('\n\n') ? '+' : '';
  return `|${indicator}${chomp}`;
}

function pushLiteralBody(s: string, indent: number, lines: string[]): void {
  const pad = ' '.repeat(indent);
  const body = s.endsWith('\n') ? s.slice(0, -1) : s;
  for (const line of body.split('\n')) lines.push(line === '' ? '' : pad + line);
}

/** Break at single spaces once past column 80, continuing at `indent` (go-yaml's best_width). */
function fold(s: string, column: number, indent: number): string {
  let out = '';
  let col = column;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === ' ' && col > BEST_WIDTH && s[i - 1] !== ' ' && s[i + 1] !== ' ' && i + 1 < s.length) {
      out += '\n' + ' '.repeat(indent);
      col = indent;
      continue;
    }
    out += ch;
    col++;
  }
  return out;
}

function singleQuoted(s: string, column: number, indent: number): string {
  return `'${fold(s.replace(/'/g, "''"), column + 1, indent)}'`;
}

function doubleQuoted(s: string, column: number, indent: number): string {
  let escaped = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') escaped += '\\"';
    else if (ch === '\\') escaped += '\\\\';
    else if (ch === '\n') escaped += '\\n';
    else if (ch === '\t') escaped += '\\t';
    else if (ch === '\r') escaped += '\\r';
    else if (code < 0x20 || code === 0x7f) escaped += `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (code === 0xfeff) escaped += '\\uFEFF';
    else escaped += ch;
  }
  return `"${fold(escaped, column + 1, indent)}"`;
}

/** go-yaml v2's key order: like string order, but runs of digits compare as numbers. */
export function sortKeys(keys: string[]): string[] {
  return [...keys].sort(yamlKeyCompare);
}

function isLetter(ch: string): boolean {
  return /\p{L}/u.test(ch);
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function yamlKeyCompare(a: string, b: string): number {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]! < br[i]! ? -1 : 1;
    if (al || bl) return bl ? -1 : 1;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn ? -1 : 1;
    if (ai !== bi) return ai < bi ? -1 : 1;
    return ar[i]! < br[i]! ? -1 : 1;
  }
  return ar.length - br.length;
}
