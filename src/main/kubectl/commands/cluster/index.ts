/** The kubectl commands of this group, by name. */
import type { CommandTable } from '../../command.js';
import { API_RESOURCES_COMMAND, API_VERSIONS_COMMAND } from './api-resources.js';
import { AUTH_COMMAND } from './auth/index.js';
import { CERTIFICATE_COMMAND } from './certificate.js';
import { CLUSTER_INFO_COMMAND } from './cluster-info.js';
import { COMPLETION_COMMAND } from './completion.js';
import { CONFIG_COMMAND } from './config/index.js';
import { EXPLAIN_COMMAND } from './explain/index.js';
import { KUSTOMIZE_COMMAND } from './kustomize/index.js';

export const CLUSTER_COMMANDS: CommandTable = {
  'api-resources': API_RESOURCES_COMMAND,
  'api-versions': API_VERSIONS_COMMAND,
  auth: AUTH_COMMAND,
  certificate: CERTIFICATE_COMMAND,
  'cluster-info': CLUSTER_INFO_COMMAND,
  completion: COMPLETION_COMMAND,
  config: CONFIG_COMMAND,
  explain: EXPLAIN_COMMAND,
  kustomize: KUSTOMIZE_COMMAND,
};
