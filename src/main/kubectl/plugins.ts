/**
 * kubectl's plugins: executables named `kubectl-*` in the directories of the shell's `$PATH`.
 * When cobra does not know the command (or `kubectl create` does not know the subcommand),
 * kubectl looks for the longest plugin name the leading words make and execs it with the rest
 * of the arguments; here the shell runs it as it runs `./file arg…`. Also the PATH reading `kubectl plugin list` shares.
 */
import { posix } from 'node:path';
import { resolvePath } from '../hosts/vfs.js';
import type { CommandContext } from '../shell/types.js';
import type { FindResult } from './help.js';

export const PLUGIN_PREFIX = 'kubectl-';

/** Commands whose unknown subcommands may be plugins (`kubectl create foo` → `kubectl-create-foo`). */
const SUBCOMMAND_PLUGIN_PARENTS = ['create'];

/** Names cobra handles itself, for which kubectl looks for no plugin. */
const NO_PLUGIN_SEARCH = ['help', '__complete', '__completeNoDesc'];

/** filepath.SplitList of `$PATH`: no directories when it is empty or unset. */
export function pathDirectories(ctx: CommandContext): string[] {
  const path = ctx.shell.env.get('PATH') ?? '';
  return path === '' ? [] : path.split(':');
}

/** filepath.Join: the cleaned path, relative when `dir` is (`.` and `bin/` as Go cleans them). */
export function joinPath(dir: string, name: string): string {
  return posix.join(dir, name);
}

/** Where a path of the shell's host is, relative paths taken from its working directory (no `~`, as Go has none). */
export function hostPath(ctx: CommandContext, path: string): string {
  return resolvePath(ctx.shell.cwd, path);
}

/** A regular file with any execute bit, as Go's exec.LookPath and the plugin verifier test it. */
export function isExecutable(ctx: CommandContext, path: string): boolean {
  const stat = ctx.shell.host.fs.tryStat(hostPath(ctx, path));
  return stat !== undefined && !stat.isDirectory && (stat.mode & 0o111) !== 0;
}

/** exec.LookPath: the executable `file` in the first `$PATH` directory that has one. */
function lookPath(ctx: CommandContext, file: string): string | undefined {
  if (file.includes('/')) return isExecutable(ctx, file) ? file : undefined;
  return pathDirectories(ctx)
    .map((dir) => joinPath(dir || '.', file))
    .find((path) => isExecutable(ctx, path));
}

/**
 * Whether kubectl's main looks for a plugin for this command line, and how many of its leading
 * words the plugin's name must take at the least: 1 when cobra does not know the command, 2 for
 * a subcommand `kubectl create` does not have. Undefined when it looks for none.
 */
export function pluginSearch(args: readonly string[], found: FindResult): number | undefined {
  if (!found.ok) {
    const commandName = args.find((arg) => !arg.startsWith('-'));
    return commandName !== undefined && NO_PLUGIN_SEARCH.includes(commandName) ? undefined : 1;
  }
  const { path, args: rest } = found.found;
  const first = rest[0];
  if (path.length !== 1 || !SUBCOMMAND_PLUGIN_PARENTS.includes(path[0]!) || first === undefined || first.startsWith('-')) return undefined;
  return args.length - rest.length + 1;
}

/**
 * HandlePluginCommand: the leading words before any flag (dashes in them made underscores) name
 * `kubectl-a_b-c`, then shorter names down to `minWords` words; the first found runs with its
 * exit status. Undefined when there is none, so cobra goes on to its own error.
 */
export async function runPluginCommand(ctx: CommandContext, args: readonly string[], minWords: number): Promise<number | undefined> {
  const words: string[] = [];
  for (const arg of args) {
    if (arg.startsWith('-')) break;
    words.push(arg.replaceAll('-', '_'));
  }
  if (words.length === 0) {
    ctx.stderr.write(`Error: flags cannot be placed before plugin name: ${args[0] ?? ''}\n`);
    return 1;
  }
  for (; words.length >= minWords; words.pop()) {
    const path = lookPath(ctx, `${PLUGIN_PREFIX}${words.join('-')}`);
    // Exec'd as argv [path, …the arguments after the words of its name], flags included.
    if (path !== undefined && ctx.runFile) return ctx.runFile(path, args.slice(words.length));
  }
  return undefined;
}
