/**
 * Brace expansion, the first expansion bash performs: `pod-{a,b}` and `{1..5}` turn one word
 * into several before variables are looked at. Only unquoted literal text takes part.
 */
import type { Word, WordPart } from './ast.js';

const MAX_WORDS = 10_000;

export function braceExpand(word: Word): Word[] {
  for (let index = 0; index < word.parts.length; index++) {
    const part = word.parts[index]!;
    if (part.type !== 'literal' || part.quoted) continue;
    const found = findBrace(part.value);
    if (!found) continue;
    const before = word.parts.slice(0, index);
    const after = word.parts.slice(index + 1);
    const results: Word[] = [];
    for (const alternative of found.alternatives) {
      const parts: WordPart[] = [...before];
      const text = part.value.slice(0, found.start) + alternative + part.value.slice(found.end + 1);
      if (text) parts.push({ type: 'literal', value: text, quoted: false });
      parts.push(...after);
      // Alternatives may hold further braces (`{a,b}{1,2}`, `{a,{b,c}}`).
      for (const expanded of braceExpand({ parts, raw: word.raw })) {
        results.push(expanded);
        if (results.length > MAX_WORDS) return [word];
      }
    }
    return results;
  }
  return [word];
}

interface BraceMatch {
  readonly start: number;
  readonly end: number;
  readonly alternatives: readonly string[];
}

function findBrace(text: string): BraceMatch | undefined {
  for (let start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
    let depth = 0;
    const commas: number[] = [];
    let end = -1;
    for (let i = start; i < text.length; i++) {
      const c = text[i];
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) {
          end = i;
          break;
        }
      } else if (c === ',' && depth === 1) commas.push(i);
    }
    if (end < 0) continue;
    const body = text.slice(start + 1, end);
    if (commas.length > 0) {
      const alternatives: string[] = [];
      let from = start + 1;
      for (const comma of [...commas, end]) {
        alternatives.push(text.slice(from, comma));
        from = comma + 1;
      }
      return { start, end, alternatives };
    }
    const range = sequence(body);
    if (range) return { start, end, alternatives: range };
  }
  return undefined;
}

function sequence(body: string): string[] | undefined {
  const numeric = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(body);
  if (numeric) {
    const [, a, b, s] = numeric;
    const from = Number(a);
    const to = Number(b);
    const step = Math.abs(Number(s ?? 1)) || 1;
    const width = /^-?0\d/.test(a!) || /^-?0\d/.test(b!) ? Math.max(a!.length, b!.length) : 0;
    const out: string[] = [];
    for (let n = from; from <= to ? n <= to : n >= to; n += from <= to ? step : -step) {
      out.push(width ? String(Math.abs(n)).padStart(n < 0 ? width - 1 : width, '0').replace(/^/, n < 0 ? '-' : '') : String(n));
      if (out.length > MAX_WORDS) break;
    }
    return out;
  }
  const letters = /^([A-Za-z])\.\.([A-Za-z])$/.exec(body);
  if (letters) {
    const from = letters[1]!.charCodeAt(0);
    const to = letters[2]!.charCodeAt(0);
    const out: string[] = [];
    for (let n = from; from <= to ? n <= to : n >= to; n += from <= to ? 1 : -1) out.push(String.fromCharCode(n));
    return out;
  }
  return undefined;
}
