/** `kubectl rollout` and its subcommands. */
import type { KubectlCommand } from '../../../command.js';
import { commandGroup } from '../command-group.js';
import { ROLLOUT_HISTORY } from './history.js';
import { ROLLOUT_PAUSE, ROLLOUT_RESTART, ROLLOUT_RESUME } from './pause-resume-restart.js';
import { ROLLOUT_STATUS } from './status.js';
import { ROLLOUT_UNDO } from './undo.js';

/** `kubectl rollout` alone prints this (to stdout) and exits 1. */
const ROLLOUT_HELP = `Manage the rollout of one or many resources.
        
 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets

Examples:
  # Rollback to the previous deployment
  kubectl rollout undo deployment/abc
  
  # Check the rollout status of a daemonset
  kubectl rollout status daemonset/foo
  
  # Restart a deployment
  kubectl rollout restart deployment/abc
  
  # Restart deployments with the 'app=nginx' label
  kubectl rollout restart deployment --selector=app=nginx

Available Commands:
  history       View rollout history
  pause         Mark the provided resource as paused
  restart       Restart a resource
  resume        Resume a paused resource
  status        Show the status of the rollout
  undo          Undo a previous rollout

Usage:
  kubectl rollout SUBCOMMAND [options]

Use "kubectl rollout <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const ROLLOUT: KubectlCommand = commandGroup('rollout', ROLLOUT_HELP, 'out', {
  history: ROLLOUT_HISTORY,
  pause: ROLLOUT_PAUSE,
  restart: ROLLOUT_RESTART,
  resume: ROLLOUT_RESUME,
  status: ROLLOUT_STATUS,
  undo: ROLLOUT_UNDO,
});
