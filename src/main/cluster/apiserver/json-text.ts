/**
 * Reading the structure of JSON text as JSON.stringify writes it (no whitespace) without parsing
 * it: where a value ends and where an object's members are. Used to reuse stored text around the
 * few fields a write changes.
 */

const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const COMMA = 44;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

function stringEnd(text: string, from: number): number {
  for (let i = from + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i + 1;
  }
  return -1;
}

/** The index just past the JSON value that starts at `from`, or -1. */
export function jsonValueEnd(text: string, from: number): number {
  const first = text.charCodeAt(from);
  if (first === QUOTE) return stringEnd(text, from);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    let i = from;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET) break;
      i++;
    }
    return i;
  }
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(text, i) - 1;
      if (i < 0) return -1;
    } else if (c === OPEN_BRACKET || c === OPEN_BRACE) depth++;
    else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      if (--depth === 0) return i + 1;
    }
  }
  return -1;
}

export interface MemberText {
  /** Where the value starts and (exclusive) ends. */
  start: number;
  end: number;
}

/** The members of the object whose `{` is at `from`, by key; undefined if the text is not one. */
export function objectMembers(text: string, from: number): Map<string, MemberText> | undefined {
  if (text.charCodeAt(from) !== OPEN_BRACE) return undefined;
  const members = new Map<string, MemberText>();
  let i = from + 1;
  if (text.charCodeAt(i) === CLOSE_BRACE) return members;
  for (;;) {
    if (text.charCodeAt(i) !== QUOTE) return undefined;
    const keyEnd = stringEnd(text, i);
    if (keyEnd < 0 || text.charCodeAt(keyEnd) !== COLON) return undefined;
    const keyText = text.slice(i, keyEnd);
    const key = keyText.includes('\\') ? (JSON.parse(keyText) as string) : keyText.slice(1, -1);
    const start = keyEnd + 1;
    const end = jsonValueEnd(text, start);
    if (end < 0) return undefined;
    members.set(key, { start, end });
    const next = text.charCodeAt(end);
    if (next === CLOSE_BRACE) return members;
    if (next !== COMMA) return undefined;
    i = end + 1;
  }
}
