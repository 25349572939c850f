/**
 * `kubectl plugin list`: every `kubectl-*` file in the `$PATH` directories, in PATH order and by
 * name within a directory, with the verifier's warnings (not executable, overshadowed by an
 * earlier plugin of the same name, overwriting a kubectl command) and a failing summary.
 */
import type { Subcommand } from '../../command-group.js';
import { KubectlError } from '../../errors.js';
import { GLOBAL_FLAGS } from '../../flags.js';
import { findCommand } from '../../help.js';
import type { Invocation } from '../../invocation.js';
import { PLUGIN_PREFIX, hostPath, isExecutable, joinPath, pathDirectories } from '../../plugins.js';

/**
 * The standard directories of the shell's PATH. The lab's hosts do not model them (the shell's
 * programs are built in), so one missing from the filesystem holds no plugins rather than being
 * an unreadable directory, as on a real host.
 */
const SYSTEM_DIRECTORIES = new Set(['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']);

/** os.ReadDir's entries (sorted by name), or its error as the `%v` of a PathError. */
function readDirectory(inv: Invocation, dir: string): { names: string[] } | { error: string } {
  const fs = inv.ctx.shell.host.fs;
  const stat = fs.tryStat(hostPath(inv.ctx, dir));
  if (!stat) return SYSTEM_DIRECTORIES.has(dir) ? { names: [] } : { error: `open ${dir}: no such file or directory` };
  if (!stat.isDirectory) return { error: `readdirent ${dir}: not a directory` };
  return { names: fs.readdir(hostPath(inv.ctx, dir)).filter((name) => !fs.stat(hostPath(inv.ctx, joinPath(dir, name))).isDirectory) };
}

/** CommandOverrideVerifier.Verify: the warnings for one plugin file. */
function verify(inv: Invocation, path: string, name: string, seen: Map<string, string>): string[] {
  const warnings: string[] = [];
  if (!isExecutable(inv.ctx, path)) warnings.push(`warning: ${path} identified as a kubectl plugin, but it is not executable`);
  const earlier = seen.get(name);
  if (earlier !== undefined) warnings.push(`warning: ${path} is overshadowed by a similarly named plugin: ${earlier}`);
  else seen.set(name, path);
  const command = findCommand(name.split('-').slice(1), () => GLOBAL_FLAGS, true);
  if (command.ok && command.found.path.length > 0) warnings.push(`warning: ${name} overwrites existing command: "kubectl ${command.found.path.join(' ')}"`);
  return warnings;
}

async function runPluginList(inv: Invocation): Promise<number> {
  const nameOnly = inv.flags.bool('name-only');
  const seen = new Map<string, string>();
  let found = false;
  let warnings = 0;
  for (const dir of new Set(pathDirectories(inv.ctx))) {
    if (dir.trim() === '') continue;
    const read = readDirectory(inv, dir);
    if ('error' in read) {
      inv.err(`Unable to read directory "${dir}" from your PATH: ${read.error}. Skipping...\n`);
      continue;
    }
    for (const name of read.names.filter((n) => n.startsWith(PLUGIN_PREFIX))) {
      if (!found) inv.out('The following compatible plugins are available:\n\n');
      found = true;
      const path = joinPath(dir, name);
      inv.out(`${nameOnly ? name : path}\n`);
      for (const warning of verify(inv, path, name, seen)) {
        inv.err(`  - ${warning}\n`);
        warnings++;
      }
    }
  }
  const errors: string[] = [];
  if (!found) errors.push('error: unable to find any kubectl plugins in your PATH');
  if (warnings === 1) errors.push('error: one plugin warning was found');
  if (warnings > 1) errors.push(`error: ${warnings} plugin warnings were found`);
  if (errors.length > 0) throw new KubectlError(errors.map((e) => `${e}\n`).join(''));
  return 0;
}

export const PLUGIN_LIST: Subcommand = {
  flags: [{ name: 'name-only', type: 'bool' }],
  run: runPluginList,
};
