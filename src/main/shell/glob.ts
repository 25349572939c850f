/**
 * Pathname expansion (`*.yaml`, `pod-?.txt`, `[ab]*`) over a host's VirtualFs, and the same
 * pattern language for `${x%.yaml}`. Patterns arrive with quoted characters backslash-escaped,
 * so `"*.yaml"` never matches anything but itself.
 */
import { type VirtualFs, resolvePath } from '../hosts/vfs.js';

/** Backslash-escape the characters that are special in a pattern. */
export function escapeGlob(text: string): string {
  return text.replace(/[\\*?[\]]/g, (c) => '\\' + c);
}

export function hasGlobChars(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}

export function unescapeGlob(pattern: string): string {
  return pattern.replace(/\\(.)/gs, '$1');
}

/** Regular-expression source for a pattern, unanchored. */
export function globToRegExpSource(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      out += escapeRegExp(pattern[++i]!);
    } else if (c === '*') {
      out += '[\\s\\S]*';
    } else if (c === '?') {
      out += '[\\s\\S]';
    } else if (c === '[') {
      const close = findClassEnd(pattern, i);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let j = i + 1;
      let negate = false;
      if (pattern[j] === '!' || pattern[j] === '^') {
        negate = true;
        j++;
      }
      let cls = '';
      for (let first = true; j < close; first = false) {
        const d = pattern[j]!;
        const posix = d === '[' && pattern[j + 1] === ':' ? /^\[:([a-z]+):\]/.exec(pattern.slice(j)) : null;
        if (posix) {
          cls += POSIX_CLASSES[posix[1]!] ?? '';
          j += posix[0].length;
        } else if (d === '\\' && j + 1 < close) {
          cls += '\\' + pattern[j + 1];
          j += 2;
        } else {
          cls += d === ']' || d === '[' || d === '\\' || (d === '^' && first) ? '\\' + d : d;
          j++;
        }
      }
      out += `[${negate ? '^' : ''}${cls}]`;
      i = close;
    } else {
      out += escapeRegExp(c);
    }
  }
  return out;
}

export function globMatch(pattern: string, text: string): boolean {
  return new RegExp(`^${globToRegExpSource(pattern)}$`, 'u').test(text);
}

/**
 * Expand a pattern against the filesystem; relative patterns are resolved from `cwd` and the
 * results stay relative, like bash's. No match gives an empty list (the caller keeps the word).
 */
export function expandGlob(fs: VirtualFs, cwd: string, pattern: string): string[] {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((s, index) => s !== '' || index === 0);
  if (absolute) segments.shift();
  let current: Array<{ display: string; path: string }> = [{ display: absolute ? '/' : '', path: absolute ? '/' : cwd }];
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!;
    const last = index === segments.length - 1;
    const next: Array<{ display: string; path: string }> = [];
    for (const { display, path } of current) {
      const join = (name: string): { display: string; path: string } => ({
        display: display === '' ? name : display.endsWith('/') ? display + name : `${display}/${name}`,
        path: resolvePath(path, name),
      });
      if (!hasGlobChars(segment)) {
        const candidate = join(unescapeGlob(segment));
        const stat = fs.tryStat(candidate.path);
        if (stat && (last || stat.isDirectory)) next.push(candidate);
        continue;
      }
      const stat = fs.tryStat(path);
      if (!stat?.isDirectory) continue;
      const regex = new RegExp(`^${globToRegExpSource(segment)}$`, 'u');
      const showHidden = segment.startsWith('.') || segment.startsWith('\\.');
      for (const name of fs.readdir(path)) {
        if (name.startsWith('.') && !showHidden) continue;
        if (!regex.test(name)) continue;
        const candidate = join(name);
        if (!last && !fs.tryStat(candidate.path)?.isDirectory) continue;
        next.push(candidate);
      }
    }
    current = next;
    if (current.length === 0) return [];
  }
  return current.map((c) => c.display).sort(compareNames);
}

/** Collation of LANG=C.UTF-8 (Ubuntu's server default, set by the shell): by code point. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
};

function findClassEnd(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern[i] === '!' || pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '\\') {
      i++;
    } else if (pattern[i] === '[' && pattern[i + 1] === ':') {
      const end = pattern.indexOf(':]', i + 2);
      if (end > 0) i = end + 1;
    } else if (pattern[i] === ']') {
      return i;
    }
  }
  return -1;
}

function escapeRegExp(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? '\\' + c : c;
}
