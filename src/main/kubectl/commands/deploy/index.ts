/** The kubectl commands of this group, by name. */
import type { CommandTable } from '../../command.js';

export const DEPLOY_COMMANDS: CommandTable = {};
