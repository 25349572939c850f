/**
 * kubectl 1.32's help, as cobra gives it: the texts captured from the real kubectl into
 * assets/kubectl-help (scripts/capture-kubectl-help.mjs), cobra's way of finding the command a
 * command line names (`kubectl create deployment x -h` → `create deployment`), the root's
 * "unknown command" error, the hidden `alpha`, and the `help` and `options` commands.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assetsRoot } from '../base/assets.js';
import type { CommandContext } from '../shell/types.js';
import { type FlagSpec, FlagReader, GLOBAL_FLAGS, parseFlags } from './flags.js';

/** Every command's `-h, --help`; cobra adds it only when the command runs, after finding it. */
export const HELP_FLAG: FlagSpec = { name: 'help', short: 'h', type: 'bool' };

/**
 * `kubectl alpha` has no subcommands in 1.32, so it is hidden (not in the captured help, nor in
 * suggestions) and its help function, which runs for it with any words or `-h`, says so on stderr.
 */
export const ALPHA = 'alpha';
const NO_ALPHA_COMMANDS = 'No alpha commands are available in this version of kubectl\n';

/** The captured `--cache-dir` default stands for `$HOME/.kube/cache` with this placeholder. */
const HOME_PLACEHOLDER = '@@HOME@@';

/**
 * The order kubectl's cmd.go adds the root's commands, which is the order of cobra's "Did you
 * mean this?" suggestions (the help lists the last group sorted, and `options` not at all).
 */
const ROOT_COMMANDS_IN_ORDER = [
  'create', 'expose', 'run', 'set', 'explain', 'get', 'edit', 'delete', 'rollout', 'scale', 'autoscale',
  'certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint', 'describe', 'logs', 'attach',
  'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events', 'diff', 'apply', 'patch', 'replace', 'wait',
  'kustomize', 'label', 'annotate', 'completion', 'config', 'plugin', 'version', 'api-versions', 'api-resources',
  'options',
];

let helpDir: string | undefined;
const texts = new Map<string, string>();
/** Command path ('' for kubectl, 'create secret') → its subcommands by name and alias → their names. */
let tree: Map<string, Map<string, string>> | undefined;

function readAsset(file: string): string {
  let text = texts.get(file);
  if (text === undefined) {
    helpDir ??= join(assetsRoot() ?? 'assets', 'kubectl-help');
    text = readFileSync(join(helpDir, file), 'utf8');
    texts.set(file, text);
  }
  return text;
}

function commandTree(): Map<string, Map<string, string>> {
  if (tree) return tree;
  const index = JSON.parse(readAsset('index.json')) as Record<string, string[]>;
  tree = new Map();
  for (const [path, aliases] of Object.entries(index)) {
    if (path === '') continue;
    const words = path.split(' ');
    const name = words.pop()!;
    const parent = words.join(' ');
    const children = tree.get(parent) ?? new Map<string, string>();
    for (const word of [name, ...aliases]) children.set(word, name);
    tree.set(parent, children);
  }
  return tree;
}

/** The subcommand of `path` called `word` (by name or alias), by its name. */
export function subcommand(path: readonly string[], word: string): string | undefined {
  if (path.length === 0 && word === ALPHA) return ALPHA;
  return commandTree().get(path.join(' '))?.get(word);
}

/** What `kubectl <path> --help` prints (`kubectl options --help` prints nothing). */
export function helpText(path: readonly string[]): string {
  if (path.length === 1 && path[0] === 'options') return '';
  return readAsset(`${path.length === 0 ? 'kubectl' : path.join('-')}.txt`);
}

/** `kubectl <path> --help` and `kubectl help <path>`: the help on stdout, or alpha's note on stderr. */
export function writeHelp(ctx: CommandContext, path: readonly string[]): void {
  if (path.length === 1 && path[0] === ALPHA) ctx.stderr.write(NO_ALPHA_COMMANDS);
  else ctx.stdout.write(helpText(path));
}

/**
 * Where cobra's Find looks for the next command name: the first argument that is neither a flag
 * nor a flag's value. A `--flag`/`-f` without `=` takes the next argument as its value unless it
 * is known to need none (booleans, optional values) — unknown flags, `-h` among them, do take it.
 */
export function nextWordIndex(args: readonly string[], flags: readonly FlagSpec[]): number {
  const needsNoValue = (spec: FlagSpec | undefined): boolean => spec !== undefined && (spec.type === 'bool' || spec.noOptDefault !== undefined);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') return -1;
    if (arg.includes('=') && arg.startsWith('-')) continue;
    if (arg.startsWith('--')) {
      if (!needsNoValue(flags.find((f) => f.name === arg.slice(2)))) i++;
    } else if (arg.startsWith('-') && arg.length === 2) {
      if (!needsNoValue(flags.find((f) => f.short === arg[1]))) i++;
    } else if (arg !== '' && !arg.startsWith('-')) {
      return i;
    }
  }
  return -1;
}

/** The flags of the command at `path` (its own and the global ones); `args` follow the top-level command's name. */
export type FlagsOfCommand = (path: readonly string[], args: readonly string[]) => readonly FlagSpec[];

export interface FoundCommand {
  /** Command path by names (`['create', 'deployment']` for `kubectl create deploy …`). */
  path: string[];
  /** The arguments without the top-level command's name (the command parses the rest). */
  args: string[];
}

export type FindResult = { ok: true; found: FoundCommand } | { ok: false; unknown: string };

/**
 * cobra's Command.Find: descend while the next word names a subcommand; an unknown word fails only
 * at the root. `help` is found only `withHelp`, as kubectl's main first looks for commands (and
 * plugins) before cobra adds its own help command.
 */
export function findCommand(args: readonly string[], flagsOf: FlagsOfCommand, withHelp = false): FindResult {
  const path: string[] = [];
  let rest = [...args];
  let afterTop = rest;
  for (;;) {
    const at = nextWordIndex(rest, path.length === 0 ? GLOBAL_FLAGS : flagsOf(path, afterTop));
    if (at < 0) break;
    const word = rest[at]!;
    const name = subcommand(path, word);
    if (name === undefined || (name === 'help' && !withHelp)) {
      if (path.length === 0) return { ok: false, unknown: word };
      break;
    }
    path.push(name);
    rest = [...rest.slice(0, at), ...rest.slice(at + 1)];
    if (path.length === 1) afterTop = rest;
  }
  return { ok: true, found: { path, args: afterTop } };
}

/** Levenshtein distance, ignoring case, as cobra computes it for suggestions. */
function distance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[t.length]!;
}

/** cobra's "unknown command" error, with the commands within two edits of the name or starting with it. */
export function unknownCommand(name: string): string {
  const suggestions = ROOT_COMMANDS_IN_ORDER.filter((c) => distance(name, c) <= 2 || c.startsWith(name.toLowerCase()));
  const hint = suggestions.length > 0 ? `\n\nDid you mean this?\n${suggestions.map((c) => `\t${c}\n`).join('')}` : '\n';
  return `error: unknown command "${name}" for "kubectl"${hint}`;
}

/** Parses a built-in command's flags (the global ones and -h); a bad flag is reported as cobra does. */
function parseOwnFlags(ctx: CommandContext, args: readonly string[], onError: string): FlagReader | undefined {
  const parsed = parseFlags(args, [...GLOBAL_FLAGS, HELP_FLAG]);
  if (parsed.ok) return new FlagReader(parsed.flags);
  ctx.stderr.write(`error: ${parsed.error}\n${onError}\n`);
  return undefined;
}

/** `kubectl` without a command, or with only flags: the root's help. */
export function runRoot(ctx: CommandContext, args: readonly string[]): number {
  if (!parseOwnFlags(ctx, args, "See 'kubectl --help' for usage.")) return 1;
  ctx.stdout.write(helpText([]));
  return 0;
}

/** `kubectl help [command…]`: cobra's help command. An unknown topic gets the root's usage on stderr. */
export function runHelpCommand(ctx: CommandContext, args: readonly string[]): number {
  const flags = parseOwnFlags(ctx, args, "See 'kubectl help --help' for usage.");
  if (!flags) return 1;
  if (flags.bool('help')) {
    ctx.stdout.write(helpText(['help']));
    return 0;
  }
  const topic = flags.positional;
  const found = findCommand(topic, () => GLOBAL_FLAGS, true);
  if (!found.ok) {
    ctx.stderr.write(`Unknown help topic [${topic.map((word) => `\`${word}\``).join(' ')}]\n${readAsset('kubectl.usage.txt')}`);
    return 0;
  }
  writeHelp(ctx, found.found.path);
  return 0;
}

/** `kubectl options`: the global flags, `--cache-dir` defaulting under the shell's $HOME as kubectl's does. */
export function runOptionsCommand(ctx: CommandContext, args: readonly string[]): number {
  const flags = parseOwnFlags(ctx, args, "Run 'kubectl options' without flags.");
  if (!flags) return 1;
  if (flags.bool('help')) return 0;
  const env = ctx.shell.env;
  const home = env.get('HOME') ?? '';
  const cacheDir = env.get('KUBECACHEDIR') || `${home.replace(/\/+$/, '')}${home === '' ? '' : '/'}.kube/cache`;
  ctx.stdout.write(readAsset('options.txt').replace(`${HOME_PLACEHOLDER}/.kube/cache`, cacheDir));
  return 0;
}
