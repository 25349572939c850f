/** `kubectl set` and its subcommands. */
import type { KubectlCommand } from '../../../command.js';
import { commandGroup } from '../../../command-group.js';
import { SET_ENV } from './env.js';
import { SET_IMAGE } from './image.js';
import { SET_RESOURCES } from './resources.js';
import { SET_SELECTOR } from './selector.js';
import { SET_SERVICE_ACCOUNT } from './serviceaccount.js';
import { SET_SUBJECT } from './subject.js';

export const SET: KubectlCommand = commandGroup('set', { defaultSubCommandRun: 'err' }, {
  env: SET_ENV,
  image: SET_IMAGE,
  resources: SET_RESOURCES,
  selector: SET_SELECTOR,
  serviceaccount: SET_SERVICE_ACCOUNT,
  subject: SET_SUBJECT,
});
