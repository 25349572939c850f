/** The kubectl commands of this group, by name. */
import type { CommandTable } from '../../command.js';
import { ATTACH_FLAGS, runAttach } from './attach.js';
import { CP_FLAGS, runCp } from './cp.js';
import { DEBUG_FLAGS, runDebug } from './debug.js';
import { EXEC_FLAGS, runExec } from './exec.js';
import { LOGS_FLAGS, runLogs } from './logs.js';
import { PORT_FORWARD_FLAGS, runPortForward } from './port-forward.js';
import { PROXY_FLAGS, runProxy } from './proxy.js';
import { runTop, topFlags } from './top.js';

export const TROUBLESHOOTING_COMMANDS: CommandTable = {
  logs: { flags: LOGS_FLAGS, run: runLogs },
  exec: { flags: EXEC_FLAGS, run: runExec },
  cp: { flags: CP_FLAGS, run: runCp },
  'port-forward': { flags: PORT_FORWARD_FLAGS, run: runPortForward },
  proxy: { flags: PROXY_FLAGS, run: runProxy },
  attach: { flags: ATTACH_FLAGS, run: runAttach },
  top: { flags: topFlags, run: runTop },
  debug: { flags: DEBUG_FLAGS, run: runDebug },
};
