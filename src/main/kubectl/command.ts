/** A kubectl command as the dispatcher sees it: its flags (cobra's local + inherited) and its run. */
import type { FlagSpec } from './flags.js';
import type { Invocation } from './invocation.js';

export interface KubectlCommand {
  /**
   * The command's own flags; a function of the arguments after the command name when subcommands
   * have flags of their own (`kubectl create deployment --image`, `kubectl rollout undo --to-revision`).
   */
  flags: FlagSpec[] | ((args: readonly string[]) => FlagSpec[]);
  run(inv: Invocation): Promise<number>;
}

export type CommandTable = Record<string, KubectlCommand>;
