/**
 * Tab completion: command names (aliases, built-ins, registered commands) for the first word,
 * a registered command's own completer for its arguments (kubectl resource names), and file
 * names on the current host otherwise.
 */
import { type VirtualFs, resolvePath } from '../hosts/vfs.js';
import { compareNames } from './glob.js';
import type { CommandCompleter } from './types.js';

export interface CompletionSource {
  commandNames(): readonly string[];
  readonly aliases: ReadonlyMap<string, string>;
  completerFor(command: string): CommandCompleter | undefined;
  readonly fs: VirtualFs;
  readonly cwd: string;
  readonly home: string;
}

export interface Candidate {
  /** Replaces the word being completed (already escaped for the shell). */
  readonly value: string;
  /** Added after a unique match: a space, or nothing after a directory's `/`. */
  readonly suffix: string;
  /** Shown when several candidates are listed. */
  readonly display: string;
}

export interface Completion {
  /** Where the word being completed starts in the line; it ends at the cursor. */
  readonly start: number;
  /** The word as typed so far (raw). */
  readonly word: string;
  readonly candidates: readonly Candidate[];
}

interface Token {
  readonly start: number;
  readonly raw: string;
  /** The word with quotes and backslashes removed. */
  readonly value: string;
}

interface Scan {
  /** Words of the current simple command before the word under the cursor. */
  readonly words: readonly Token[];
  readonly current: Token;
  /** The word under the cursor follows `>`/`<`. */
  readonly afterRedirect: boolean;
}

/** Split the text before the cursor into the current command's words. */
function scan(prefix: string): Scan {
  let words: Token[] = [];
  let start = -1;
  let raw = '';
  let value = '';
  let quote: string | undefined;
  // Set by `>`/`<` until the next word ends: that word is a file name, not an argument.
  let redirectPending = false;
  const end = (): void => {
    if (start >= 0) {
      if (!redirectPending) words.push({ start, raw, value });
      redirectPending = false;
    }
    start = -1;
    raw = '';
    value = '';
  };
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i]!;
    if (quote) {
      raw += c;
      if (c === quote) quote = undefined;
      else value += c;
      continue;
    }
    if (c === '\\' && i + 1 < prefix.length) {
      if (start < 0) start = i;
      raw += c + prefix[i + 1];
      value += prefix[++i];
      continue;
    }
    if (c === "'" || c === '"') {
      if (start < 0) start = i;
      quote = c;
      raw += c;
      continue;
    }
    if (c === ' ' || c === '\t') {
      end();
      continue;
    }
    if ('|&;()'.includes(c)) {
      end();
      words = [];
      redirectPending = false;
      continue;
    }
    if (c === '<' || c === '>') {
      end();
      redirectPending = true;
      continue;
    }
    if (start < 0) start = i;
    raw += c;
    value += c;
  }
  const current = start >= 0 ? { start, raw, value } : { start: prefix.length, raw: '', value: '' };
  return { words, current, afterRedirect: redirectPending };
}

/** Backslash-escape what the shell would otherwise interpret. */
export function escapeWord(word: string): string {
  return word.replace(/[\s'"\\$`&;|()<>*?[\]!#{}~]/g, (c) => '\\' + c);
}

export async function complete(line: string, cursor: number, source: CompletionSource): Promise<Completion> {
  const { words, current, afterRedirect } = scan(line.slice(0, cursor));
  // Leading `NAME=value` words are assignments; the command is the first word after them.
  const firstCommand = words.findIndex((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w.value));
  const commandWords = firstCommand < 0 ? [] : words.slice(firstCommand);
  const atCommand = commandWords.length === 0 && !afterRedirect;
  const result = (candidates: Candidate[]): Completion => ({ start: current.start, word: current.raw, candidates });
  if (atCommand && !current.value.includes('/')) {
    const names = [...new Set(source.commandNames())].filter((n) => n.startsWith(current.value)).sort();
    return result(names.map((name) => ({ value: escapeWord(name), suffix: ' ', display: name })));
  }
  if (!atCommand && !afterRedirect) {
    const [first, ...rest] = commandWords.map((w) => w.value);
    const aliased = source.aliases.get(first!);
    const argv = [...(aliased ? aliased.trim().split(/\s+/) : [first!]), ...rest];
    const completer = source.completerFor(argv[0]!);
    if (completer) {
      const offered = await completer(argv, current.value);
      const matches = [...new Set(offered)].filter((c) => c.startsWith(current.value)).sort(compareNames);
      if (matches.length > 0) {
        return result(
          matches.map((m) => ({ value: escapeWord(m), suffix: /[/=]$/.test(m) ? '' : ' ', display: m })),
        );
      }
    }
  }
  return result(completeFiles(current, source));
}

function completeFiles(current: Token, source: CompletionSource): Candidate[] {
  const typed = current.value;
  const slash = typed.lastIndexOf('/');
  const dirPart = slash >= 0 ? typed.slice(0, slash + 1) : '';
  const base = slash >= 0 ? typed.slice(slash + 1) : typed;
  const expanded = dirPart === '~/' || dirPart.startsWith('~/') ? source.home + dirPart.slice(1) : dirPart;
  const dir = resolvePath(source.cwd, expanded || '.');
  if (!source.fs.tryStat(dir)?.isDirectory) return [];
  const names = source.fs
    .readdir(dir)
    .filter((name) => name.startsWith(base) && (base.startsWith('.') || !name.startsWith('.')))
    .sort(compareNames);
  return names.map((name) => {
    const isDir = source.fs.tryStat(resolvePath(dir, name))?.isDirectory ?? false;
    const prefix = dirPart.startsWith('~/') ? '~/' + escapeWord(dirPart.slice(2)) : escapeWord(dirPart);
    return { value: prefix + escapeWord(name), suffix: isDir ? '/' : ' ', display: isDir ? name + '/' : name };
  });
}

/** The longest prefix all candidates share. */
export function commonPrefix(values: readonly string[]): string {
  if (values.length === 0) return '';
  let prefix = values[0]!;
  for (const value of values) {
    while (!value.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix;
}
