/** `kubectl plugin` and its one subcommand, `list`. */
import type { KubectlCommand } from '../../command.js';
import { commandGroup } from '../../command-group.js';
import { PLUGIN_LIST } from './list.js';

export const PLUGIN_COMMAND: KubectlCommand = commandGroup('plugin', { defaultSubCommandRun: 'err' }, { list: PLUGIN_LIST });
