/** The kubectl commands of this group, by name. */
import type { CommandTable } from '../../command.js';
import { EVENTS_COMMAND } from './events.js';

export const VIEWING_COMMANDS: CommandTable = {
  events: EVENTS_COMMAND,
};
