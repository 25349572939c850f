/** The kubectl commands of this group, by name. */
import type { CommandTable } from '../../command.js';
import { ANNOTATE_COMMAND } from './annotate.js';
import { CORDON_COMMAND, UNCORDON_COMMAND } from './cordon.js';
import { DIFF_COMMAND } from './diff.js';
import { DRAIN_COMMAND } from './drain.js';
import { LABEL_COMMAND } from './label.js';
import { PATCH_COMMAND } from './patch.js';
import { REPLACE_COMMAND } from './replace.js';
import { TAINT_COMMAND } from './taint.js';
import { WAIT_COMMAND } from './wait.js';

export const UPDATE_COMMANDS: CommandTable = {
  label: LABEL_COMMAND,
  annotate: ANNOTATE_COMMAND,
  taint: TAINT_COMMAND,
  cordon: CORDON_COMMAND,
  uncordon: UNCORDON_COMMAND,
  drain: DRAIN_COMMAND,
  patch: PATCH_COMMAND,
  replace: REPLACE_COMMAND,
  wait: WAIT_COMMAND,
  diff: DIFF_COMMAND,
};
