/** `kubectl set resources`: `--limits` and `--requests` (`cpu=100m,memory=256Mi`) on the `-c` containers. */
import { parseQuantity } from '../../../../base/quantity.js';
import { KubectlError } from '../../../errors.js';
import { RECORD_FLAG } from '../../../flags.js';
import { dryRunOf, validateOutputFormat } from '../../../print-flags.js';
import type { Subcommand } from '../../../command-group.js';
import { requireResources } from '../targets.js';
import { SET_FLAGS, finish, patchPodTemplates, selectContainers, setTargets } from './patch-objects.js';

const QUANTITY_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** populateResourceListV1. */
function resourceList(spec: string): Record<string, string> {
  const list: Record<string, string> = {};
  if (!spec) return list;
  for (const statement of spec.split(',')) {
    const parts = statement.split('=');
    if (parts.length !== 2) throw new KubectlError(`error: Invalid argument syntax ${statement}, expected <resource>=<value>\n`);
    if (parseQuantity(parts[1]) === undefined) throw new KubectlError(`error: ${QUANTITY_ERROR}\n`);
    list[parts[0]!] = parts[1]!;
  }
  return list;
}

export const SET_RESOURCES: Subcommand = {
  flags: [...SET_FLAGS, { name: 'containers', short: 'c', type: 'string' }, { name: 'limits', type: 'string' }, { name: 'requests', type: 'string' }, RECORD_FLAG],
  run: async (inv, args) => {
    const dryRun = dryRunOf(inv);
    validateOutputFormat(inv);
    requireResources(inv, args);
    const targets = setTargets(inv, args, dryRun);
    const limitsText = inv.flags.string('limits');
    const requestsText = inv.flags.string('requests');
    if (!limitsText && !requestsText) throw new KubectlError('error: you must specify an update to requests or limits (in the form of --requests/--limits)\n');
    const limits = resourceList(limitsText);
    const requests = resourceList(requestsText);
    const selector = inv.flags.string('containers', '*');
    const errors = patchPodTemplates(inv, targets, dryRun, 'resource requirements updated', 'failed to patch resources update to pod template ', (spec) => {
      const containers = [...selectContainers(spec.containers, selector), ...selectContainers(spec.initContainers, selector)];
      if (containers.length === 0) return `unable to find container named ${selector}`;
      for (const c of containers) {
        const resources = (c.resources ??= {});
        if (limitsText) resources.limits = { ...(resources.limits ?? {}), ...limits };
        if (requestsText) resources.requests = { ...(resources.requests ?? {}), ...requests };
      }
      return undefined;
    });
    return finish(inv, errors);
  },
};
