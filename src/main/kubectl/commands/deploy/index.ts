/** The kubectl commands of this group, by name. */
import type { CommandTable } from '../../command.js';
import { AUTOSCALE } from './autoscale.js';
import { ROLLOUT } from './rollout/index.js';
import { SCALE } from './scale.js';
import { SET } from './set/index.js';

export const DEPLOY_COMMANDS: CommandTable = {
  rollout: ROLLOUT,
  scale: SCALE,
  autoscale: AUTOSCALE,
  set: SET,
};
