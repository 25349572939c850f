/**
 * The flags the lab's kubectl parses each command with, from the dispatcher's own command table
 * (src/main/kubectl/kubectl.ts): the command's own, then the global ones.
 */
import { COMMANDS } from '../../../../src/main/kubectl/kubectl.js';
import { type FlagSpec, GLOBAL_FLAGS } from '../../../../src/main/kubectl/flags.js';

export { COMMANDS as LAB_COMMANDS };

/** The flags the lab parses `kubectl <path…> <args…>` with (a command's own flag shadows a global one). */
export function labFlags(path: readonly string[], args: readonly string[] = []): FlagSpec[] | undefined {
  const command = COMMANDS[path[0]!];
  if (!command) return undefined;
  const afterName = [...path.slice(1), ...args];
  const own = typeof command.flags === 'function' ? command.flags(afterName) : command.flags;
  const seen = new Set<string>();
  return [...own, ...GLOBAL_FLAGS].filter((spec) => !seen.has(spec.name) && seen.add(spec.name));
}
