/** `kubectl set image`: `TYPE NAME container=image…` (`*` for every container), init containers too. */
import { RECORD_FLAG } from '../../../flags.js';
import { dryRunOf, validateOutputFormat } from '../../../print-flags.js';
import type { Subcommand } from '../../../command-group.js';
import { aggregateError, requireResources } from '../targets.js';
import { parsePairs, resourcesAndPairs } from '../../../resource-pairs.js';
import { SET_FLAGS, finish, patchPodTemplates, setTargets } from './patch-objects.js';

export const SET_IMAGE: Subcommand = {
  flags: [...SET_FLAGS, RECORD_FLAG],
  run: async (inv, args) => {
    const dryRun = dryRunOf(inv);
    validateOutputFormat(inv);
    const { resources, pairs } = resourcesAndPairs(args, 'image');
    const images = parsePairs(pairs, 'image', false).set;
    requireResources(inv, resources);
    const targets = setTargets(inv, resources, dryRun);
    const problems: string[] = [];
    if (images.size < 1) problems.push('at least one image update is required');
    else if (images.size > 1 && images.has('*')) problems.push('all containers are already specified by *, but saw more than one container_name=container_image pairs');
    const invalid = aggregateError(problems);
    if (invalid) throw invalid;
    const errors = patchPodTemplates(inv, targets, dryRun, 'image updated', 'failed to patch image update to pod template: ', (spec) => {
      const missing: string[] = [];
      for (const [name, image] of images) {
        let found = false;
        for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
          if (name === '*' || c.name === name) {
            c.image = image;
            found = true;
          }
        }
        if (!found) missing.push(`unable to find container named "${name}"`);
      }
      return missing.length > 0 ? missing.join('\nerror: ') : undefined;
    });
    return finish(inv, errors);
  },
};
