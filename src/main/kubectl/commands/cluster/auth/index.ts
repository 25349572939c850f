/** `kubectl auth`: inspect authorization (can-i, whoami). */
import type { KubectlCommand } from '../../../command.js';
import { commandGroup } from '../../../command-group.js';
import { CAN_I_FLAGS, runCanI } from './can-i.js';
import { WHOAMI_FLAGS, runWhoami } from './whoami.js';

export const AUTH_COMMAND: KubectlCommand = commandGroup('auth', { defaultSubCommandRun: 'err' }, {
  'can-i': { flags: CAN_I_FLAGS, run: runCanI },
  whoami: { flags: WHOAMI_FLAGS, run: runWhoami },
});
