/** The kubectl commands of this group, by name. */
import type { CommandTable } from '../../command.js';
import { EDIT_COMMAND } from './edit.js';

export const EDITING_COMMANDS: CommandTable = { edit: EDIT_COMMAND };
