/** `kubectl auth`: inspect authorization (can-i, whoami). */
import type { KubectlCommand } from '../../../command.js';
import { commandWithSubcommands } from '../subcommands.js';
import { CAN_I_FLAGS, runCanI } from './can-i.js';
import { WHOAMI_FLAGS, runWhoami } from './whoami.js';

const HELP = `Inspect authorization.

Available Commands:
  can-i         Check whether an action is allowed
  reconcile     Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects
  whoami        Experimental: Check self subject attributes

Usage:
  kubectl auth [flags] [options]

Use "kubectl auth <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const AUTH_COMMAND: KubectlCommand = commandWithSubcommands(
  'auth',
  { 'can-i': { flags: CAN_I_FLAGS, run: runCanI }, whoami: { flags: WHOAMI_FLAGS, run: runWhoami } },
  { text: HELP, toStderr: true },
);
