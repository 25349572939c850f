/**
 * Reading a systemd service as systemd loads it: the unit file and its drop-ins (later ones win,
 * an empty `ExecStart=` resets the list), `Environment=` and `EnvironmentFile=` (a leading `-`
 * makes a missing file fine), and ExecStart's `$VAR`/`${VAR}` expansion into argv.
 */
import type { VirtualFs } from '../../hosts/vfs.js';

export interface LoadedService {
  /** The texts systemd read (unit file first, then drop-ins), to tell a changed file on disk. */
  readonly sources: ReadonlyMap<string, string>;
  readonly execStart: string | undefined;
  readonly environment: ReadonlyMap<string, string>;
  readonly environmentFiles: readonly string[];
}

/** Read unit `path` plus every `*.conf` in `<path>.d/` (sorted, as systemd orders drop-ins). */
export function loadService(fs: VirtualFs, path: string): LoadedService | undefined {
  if (!fs.tryStat(path)?.isFile) return undefined;
  const sources = new Map<string, string>([[path, fs.readFile(path)]]);
  const dropInDir = `${path}.d`;
  if (fs.tryStat(dropInDir)?.isDirectory) {
    for (const name of fs.readdir(dropInDir).filter((n) => n.endsWith('.conf')).sort()) {
      const file = `${dropInDir}/${name}`;
      if (fs.tryStat(file)?.isFile) sources.set(file, fs.readFile(file));
    }
  }
  let execStart: string | undefined;
  const environment = new Map<string, string>();
  const environmentFiles: string[] = [];
  for (const text of sources.values()) {
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#') || line.startsWith(';') || line.startsWith('[')) continue;
      const eq = line.indexOf('=');
      if (eq < 0) continue;
      const key = line.slice(0, eq).trim();
      const value = line.slice(eq + 1).trim();
      if (key === 'ExecStart') execStart = value === '' ? undefined : value;
      else if (key === 'Environment') for (const [k, v] of parseAssignments(value)) environment.set(k, v);
      else if (key === 'EnvironmentFile') environmentFiles.push(value);
    }
  }
  return { sources, execStart, environment, environmentFiles };
}

/** `"A=b c" D=e` → [[A, 'b c'], [D, 'e']] (systemd's quoting for Environment=). */
function parseAssignments(value: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const word of splitWords(value)) {
    const eq = word.indexOf('=');
    if (eq > 0) out.push([word.slice(0, eq), word.slice(eq + 1)]);
  }
  return out;
}

/** Split on whitespace, honouring double and single quotes. */
function splitWords(text: string): string[] {
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  let current = '';
  let last = -1;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const piece = m[1] ?? m[2] ?? m[3] ?? '';
    if (last === m.index) current += piece;
    else {
      if (last >= 0) words.push(current);
      current = piece;
    }
    last = m.index + m[0].length;
  }
  if (last >= 0) words.push(current);
  return words;
}

/** An EnvironmentFile's `KEY=value` lines (quotes removed; comments skipped). */
export function parseEnvironmentFile(text: string): Map<string, string> {
  const env = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    let value = line.slice(eq + 1).trim();
    if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) value = value.slice(1, -1);
    env.set(line.slice(0, eq).trim(), value);
  }
  return env;
}

export type Argv = { ok: true; argv: string[] } | { ok: false; missingFile: string };

/**
 * ExecStart as argv, with the environment from Environment= and the EnvironmentFiles read now
 * (`$VAR` splits into words, as systemd does for an unbraced variable).
 */
export function execArgv(fs: VirtualFs, service: LoadedService): Argv {
  const env = new Map(service.environment);
  for (const entry of service.environmentFiles) {
    const optional = entry.startsWith('-');
    const path = optional ? entry.slice(1) : entry;
    if (!fs.tryStat(path)?.isFile) {
      if (optional) continue;
      return { ok: false, missingFile: path };
    }
    for (const [k, v] of parseEnvironmentFile(fs.readFile(path))) env.set(k, v);
  }
  const argv: string[] = [];
  for (const word of splitWords(service.execStart ?? '')) {
    const whole = /^\$(\w+)$/.exec(word);
    if (whole) {
      argv.push(...(env.get(whole[1]!) ?? '').split(/\s+/).filter((w) => w !== ''));
      continue;
    }
    argv.push(word.replace(/\$\{(\w+)\}/g, (_, name: string) => env.get(name) ?? ''));
  }
  return { ok: true, argv };
}
