/** The kubectl commands of this group, by name. */
import type { CommandTable } from '../../command.js';
import { CREATE_COMMAND } from './create.js';
import { EXPOSE_COMMAND } from './expose.js';
import { RUN_COMMAND } from './run.js';

export const CREATE_COMMANDS: CommandTable = { create: CREATE_COMMAND, expose: EXPOSE_COMMAND, run: RUN_COMMAND };
