/**
 * The lab's kubectl: a client of the API server like the real one. It parses with pflag rules,
 * dispatches to a command, and prints kubectl 1.32's output and messages with its exit codes.
 */
import type { CommandContext } from '../shell/types.js';
import { runApply, APPLY_FLAGS } from './commands/apply.js';
import { runDelete, DELETE_FLAGS } from './commands/delete.js';
import { runDescribe, DESCRIBE_FLAGS } from './commands/describe.js';
import { runGet, GET_FLAGS } from './commands/get.js';
import { runVersion, VERSION_FLAGS } from './commands/version.js';
import type { KubectlEnvironment } from './environment.js';
import { KubectlError } from './errors.js';
import { type FlagSpec, FlagReader, GLOBAL_FLAGS, parseFlags } from './flags.js';
import { ALPHA, HELP_FLAG, findCommand, runHelpCommand, runOptionsCommand, runRoot, unknownCommand, writeHelp } from './help.js';
import { Invocation } from './invocation.js';
import type { CommandTable } from './command.js';
import { CLUSTER_COMMANDS } from './commands/cluster/index.js';
import { CREATE_COMMANDS } from './commands/create/index.js';
import { DEPLOY_COMMANDS } from './commands/deploy/index.js';
import { EDITING_COMMANDS } from './commands/editing/index.js';
import { TROUBLESHOOTING_COMMANDS } from './commands/troubleshooting/index.js';
import { UPDATE_COMMANDS } from './commands/update/index.js';
import { VIEWING_COMMANDS } from './commands/viewing/index.js';
import { PLUGIN_COMMAND } from './commands/plugin/index.js';
import { pluginSearch, runPluginCommand } from './plugins.js';

/** Every kubectl command the lab dispatches, by its first word. */
export const COMMANDS: CommandTable = {
  get: { flags: GET_FLAGS, run: runGet },
  apply: { flags: APPLY_FLAGS, run: runApply },
  delete: { flags: DELETE_FLAGS, run: runDelete },
  describe: { flags: DESCRIBE_FLAGS, run: runDescribe },
  version: { flags: VERSION_FLAGS, run: runVersion },
  plugin: PLUGIN_COMMAND,
  // Hidden: with no alpha commands, running it is asking for its help.
  [ALPHA]: {
    flags: [],
    run: async (inv) => {
      writeHelp(inv.ctx, [ALPHA]);
      return 0;
    },
  },
  ...CREATE_COMMANDS,
  ...TROUBLESHOOTING_COMMANDS,
  ...DEPLOY_COMMANDS,
  ...UPDATE_COMMANDS,
  ...CLUSTER_COMMANDS,
  ...VIEWING_COMMANDS,
  ...EDITING_COMMANDS,
};

/** The flags cobra knows for the command at `path` while finding it: its own and the global ones. */
function commandFlags(path: readonly string[], args: readonly string[]): FlagSpec[] {
  const command = COMMANDS[path[0]!];
  const own = !command ? [] : typeof command.flags === 'function' ? command.flags(args) : command.flags;
  return [...own, ...GLOBAL_FLAGS];
}

/** The flags `kubectl COMMAND` accepts (its own and the global ones), for Tab completion. */
export function completionFlags(command: string, args: readonly string[]): FlagSpec[] {
  return commandFlags([command], args);
}

export async function runKubectl(ctx: CommandContext, env: KubectlEnvironment): Promise<number> {
  const argv = ctx.argv.slice(1);
  // kubectl's main: a command cobra does not know may be a plugin; then cobra runs, with `help`.
  let line = findCommand(argv, commandFlags);
  const minPluginWords = pluginSearch(argv, line);
  if (minPluginWords !== undefined) {
    const status = await runPluginCommand(ctx, argv, minPluginWords);
    if (status !== undefined) return status;
  }
  if (!line.ok) line = findCommand(argv, commandFlags, true);
  if (!line.ok) {
    ctx.stderr.write(unknownCommand(line.unknown));
    return 1;
  }
  const { path, args: rest } = line.found;
  const name = path[0];
  if (name === undefined) return runRoot(ctx, rest);
  if (name === 'help') return runHelpCommand(ctx, rest);
  if (name === 'options') return runOptionsCommand(ctx, rest);
  const command = COMMANDS[name];
  if (!command) throw new Error(`kubectl ${name} is in the captured help but has no command`);
  // A command's own flag shadows a global one of the same name (`create rolebinding --user`).
  const parsed = parseFlags(rest, [...commandFlags(path, rest), HELP_FLAG]);
  if (!parsed.ok) {
    ctx.stderr.write(`error: ${parsed.error}\nSee 'kubectl ${path.join(' ')} --help' for usage.\n`);
    return 1;
  }
  for (const notice of parsed.flags.notices) ctx.stderr.write(notice);
  const flags = new FlagReader(parsed.flags);
  if (flags.bool('help')) {
    writeHelp(ctx, path);
    return 0;
  }
  const inv = new Invocation(ctx, env, flags, `kubectl ${name}`);
  try {
    return await command.run(inv);
  } catch (error) {
    if (error instanceof KubectlError) {
      ctx.stderr.write(error.text);
      return 1;
    }
    throw error;
  }
}
