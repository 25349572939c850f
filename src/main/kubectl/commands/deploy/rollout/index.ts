/** `kubectl rollout` and its subcommands. */
import type { KubectlCommand } from '../../../command.js';
import { commandGroup } from '../../../command-group.js';
import { ROLLOUT_HISTORY } from './history.js';
import { ROLLOUT_PAUSE, ROLLOUT_RESTART, ROLLOUT_RESUME } from './pause-resume-restart.js';
import { ROLLOUT_STATUS } from './status.js';
import { ROLLOUT_UNDO } from './undo.js';

export const ROLLOUT: KubectlCommand = commandGroup('rollout', { defaultSubCommandRun: 'out' }, {
  history: ROLLOUT_HISTORY,
  pause: ROLLOUT_PAUSE,
  restart: ROLLOUT_RESTART,
  resume: ROLLOUT_RESUME,
  status: ROLLOUT_STATUS,
  undo: ROLLOUT_UNDO,
});
