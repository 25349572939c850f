/** `kubectl set` and its subcommands. */
import type { KubectlCommand } from '../../../command.js';
import { commandGroup } from '../command-group.js';
import { SET_ENV } from './env.js';
import { SET_IMAGE } from './image.js';
import { SET_RESOURCES } from './resources.js';
import { SET_SELECTOR } from './selector.js';
import { SET_SERVICE_ACCOUNT } from './serviceaccount.js';
import { SET_SUBJECT } from './subject.js';

/** `kubectl set` alone prints this (to stderr) and exits 1. */
const SET_HELP = `Configure application resources.

 These commands help you make changes to existing application resources.

Available Commands:
  env              Update environment variables on a pod template
  image            Update the image of a pod template
  resources        Update resource requests/limits on objects with pod templates
  selector         Set the selector on a resource
  serviceaccount   Update the service account of a resource
  subject          Update the user, group, or service account in a role binding or cluster role binding

Usage:
  kubectl set SUBCOMMAND [options]

Use "kubectl set <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export const SET: KubectlCommand = commandGroup('set', SET_HELP, 'err', {
  env: SET_ENV,
  image: SET_IMAGE,
  resources: SET_RESOURCES,
  selector: SET_SELECTOR,
  serviceaccount: SET_SERVICE_ACCOUNT,
  // cobra's alias for serviceaccount.
  sa: SET_SERVICE_ACCOUNT,
  subject: SET_SUBJECT,
});
