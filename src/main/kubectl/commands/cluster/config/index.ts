/** `kubectl config`: modify kubeconfig files through its subcommands. */
import type { KubectlCommand } from '../../../command.js';
import { commandGroup } from '../../../command-group.js';
import { CONTEXT_SUBCOMMANDS } from './contexts.js';
import { ENTRY_SUBCOMMANDS } from './entries.js';
import { PROPERTY_SUBCOMMANDS } from './properties.js';
import { VIEW_FLAGS, runView } from './view.js';

export const CONFIG_COMMAND: KubectlCommand = commandGroup('config', { defaultSubCommandRun: 'err' }, {
  view: { flags: VIEW_FLAGS, run: runView },
  ...CONTEXT_SUBCOMMANDS,
  ...ENTRY_SUBCOMMANDS,
  ...PROPERTY_SUBCOMMANDS,
});
