/**
 * The lab's kubectl commands by path, as the dispatcher (src/main/kubectl/kubectl.ts) finds them,
 * and the flags the parser then accepts for each: the command's own, then the global ones.
 */
import type { CommandTable } from '../../../../src/main/kubectl/command.js';
import { APPLY_FLAGS } from '../../../../src/main/kubectl/commands/apply.js';
import { CLUSTER_COMMANDS } from '../../../../src/main/kubectl/commands/cluster/index.js';
import { CREATE_COMMANDS } from '../../../../src/main/kubectl/commands/create/index.js';
import { DELETE_FLAGS } from '../../../../src/main/kubectl/commands/delete.js';
import { DEPLOY_COMMANDS } from '../../../../src/main/kubectl/commands/deploy/index.js';
import { DESCRIBE_FLAGS } from '../../../../src/main/kubectl/commands/describe.js';
import { EDITING_COMMANDS } from '../../../../src/main/kubectl/commands/editing/index.js';
import { GET_FLAGS } from '../../../../src/main/kubectl/commands/get.js';
import { TROUBLESHOOTING_COMMANDS } from '../../../../src/main/kubectl/commands/troubleshooting/index.js';
import { UPDATE_COMMANDS } from '../../../../src/main/kubectl/commands/update/index.js';
import { VERSION_FLAGS } from '../../../../src/main/kubectl/commands/version.js';
import { VIEWING_COMMANDS } from '../../../../src/main/kubectl/commands/viewing/index.js';
import { type FlagSpec, GLOBAL_FLAGS } from '../../../../src/main/kubectl/flags.js';

const unused = async (): Promise<number> => 0;

/** The dispatcher's table (not exported from kubectl.ts, so assembled the same way here). */
export const LAB_COMMANDS: CommandTable = {
  get: { flags: GET_FLAGS, run: unused },
  apply: { flags: APPLY_FLAGS, run: unused },
  delete: { flags: DELETE_FLAGS, run: unused },
  describe: { flags: DESCRIBE_FLAGS, run: unused },
  version: { flags: VERSION_FLAGS, run: unused },
  ...CREATE_COMMANDS,
  ...TROUBLESHOOTING_COMMANDS,
  ...DEPLOY_COMMANDS,
  ...UPDATE_COMMANDS,
  ...CLUSTER_COMMANDS,
  ...VIEWING_COMMANDS,
  ...EDITING_COMMANDS,
};

/** The flags the lab parses `kubectl <path…> <args…>` with (a command's own flag shadows a global one). */
export function labFlags(path: readonly string[], args: readonly string[] = []): FlagSpec[] | undefined {
  const command = LAB_COMMANDS[path[0]!];
  if (!command) return undefined;
  const afterName = [...path.slice(1), ...args];
  const own = typeof command.flags === 'function' ? command.flags(afterName) : command.flags;
  const seen = new Set<string>();
  return [...own, ...GLOBAL_FLAGS].filter((spec) => !seen.has(spec.name) && seen.add(spec.name));
}
