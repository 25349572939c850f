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

/** go-yaml v2's resolve map (bools, nulls, special floats), minus `<<`, whose first character is no hint. */
const BOOL_OR_NULL = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO',
  'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  'on', 'On', 'ON', 'off', 'Off', 'OFF',
  '~', 'null', 'Null', 'NULL', '',
  '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '.nan', '.NaN', '.NAN',
]);

/**
 * go-yaml v2's resolve(): would this plain text come back as a bool, null, number or timestamp?
 * Like go-yaml, only text starting with a sign, a digit or `.` is tried as a number or timestamp.
 */
function resolvesToNonString(s: string): boolean {
  if (BOOL_OR_NULL.has(s)) return true;
  const first = s[0]!;
  if (first === '.') return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s);
  if (!/[-+0-9]/.test(first)) return false;
  if (isTimestamp(s)) return true;
  // strconv.ParseInt(s, 0, 64) and yamlStyleFloat, on the text without underscores.
  const plain = s.replace(/_/g, '');
  if (/^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.test(plain)) return true;
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return true;
  // Base-60 numbers like 1:20 (YAML 1.1) are quoted on the way out too.
  return /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/.test(s);
}

/**
 * go-yaml v2's parseTimestamp: Go's time.Parse with `2006-1-2T15:4:5.999999999Z07:00` (or `t`),
 * `2006-1-2 15:4:5.999999999` or `2006-1-2`; out-of-range fields make it no timestamp.
 */
function isTimestamp(s: string): boolean {
  const m = /^(\d{4})-(\d\d?)-(\d\d?)(?:[Tt](\d\d?):(\d\d?):(\d\d?)(?:[.,]\d+)?(?:Z|[-+](\d\d):(\d\d))| (\d\d?):(\d\d?):(\d\d?)(?:[.,]\d+)?)?$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour = 0, minute = 0, second = 0] = [m[4] ?? m[9], m[5] ?? m[10], m[6] ?? m[11]].map((v) => Number(v ?? 0));
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  return Number(m[7] ?? 0) <= 24 && Number(m[8] ?? 0) <= 60;
}

/** What go-yaml v2's emitter cannot print as it is (not is_printable): such strings are double-quoted. */
// eslint-disable-next-line no-control-regex
const SPECIAL_CHARACTERS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ufeff\ufffe\uffff\u{10000}-\u{10ffff}]/u;

function needsDoubleQuotes(s: string): boolean {
  // Tabs, other controls and characters beyond the BMP cannot be written plain, single-quoted or
  // literal; neither can line breaks when a literal block is impossible.
  return SPECIAL_CHARACTERS.test(s) || (s.includes('\n') && !isLiteralCandidate(s));
}

/** The emitter's analysis: may this string be written as a plain scalar in block context? */
function plainAllowed(s: string): boolean {
  if (s.length === 0) return false;
  if (/^\s|\s$/.test(s)) return false;
  if (s.includes('\n')) return false;
  const first = s[0]!;
  if (',[]{}#&*!|>\'"%@`'.includes(first)) return false;
  if ((first === '-' || first === '?' || first === ':') && (s.length === 1 || s[1] === ' ')) return false;
  if (s.startsWith('---') || s.startsWith('...')) return false;
  if (s.includes(': ') || s.includes(' #') || s.endsWith(':')) return false;
  return true;
}

function isLiteralCandidate(s: string): boolean {
  if (!s.includes('\n')) return false;
  // A space right before a line break, a trailing space or an unprintable character rule out a block scalar.
  return !/ \n/.test(s) && !/ $/.test(s) && !SPECIAL_CHARACTERS.test(s);
}

function literalHeader(s: string): string {
  const indicator = s.startsWith(' ') || s.startsWith('\n') ? '2' : '';
  let chomp = '-';
  // Keep (+) when the text ends with two breaks or is a single break, clip otherwise.
  if (s.endsWith('\n')) chomp = s.endsWith('\n\n') || s === '\n' ? '+' : '';
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

/** go-yaml v2's named escapes; other unprintable characters become \xXX, \uXXXX or \UXXXXXXXX. */
const ESCAPES: Record<string, string> = {
  '\0': '0', '\u0007': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r', '\u001b': 'e',
  '"': '"', '\\': '\\', '\u0085': 'N', '\u2028': 'L', '\u2029': 'P',
};

function escape(ch: string): string | undefined {
  const named = ESCAPES[ch];
  if (named) return `\\${named}`;
  if (!SPECIAL_CHARACTERS.test(ch)) return undefined;
  const code = ch.codePointAt(0)!;
  const [letter, digits] = code <= 0xff ? ['x', 2] : code <= 0xffff ? ['u', 4] : ['U', 8];
  return `\\${letter}${code.toString(16).toUpperCase().padStart(digits, '0')}`;
}

/**
 * go-yaml v2's double-quoted writer: escapes, and a break at a single space past column 80 (never
 * at the first or last character); a space that then starts the next line is written as `\ `.
 */
function doubleQuoted(s: string, column: number, indent: number): string {
  const chars = [...s];
  let out = '"';
  let col = column + 1;
  let afterSpace = false;
  chars.forEach((ch, i) => {
    if (ch === ' ') {
      if (!afterSpace && col > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
        const escapeNext = chars[i + 1] === ' ' ? '\\' : '';
        out += `\n${' '.repeat(indent)}${escapeNext}`;
        col = indent + escapeNext.length;
      } else {
        out += ch;
        col++;
      }
      afterSpace = true;
      return;
    }
    const text = escape(ch) ?? ch;
    out += text;
    col += text.length;
    afterSpace = false;
  });
  return out + '"';
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
