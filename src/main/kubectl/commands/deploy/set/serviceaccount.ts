/** `kubectl set serviceaccount TYPE NAME SERVICE_ACCOUNT`: the pod template's serviceAccountName. */
import { RECORD_FLAG } from '../../../flags.js';
import { KubectlError } from '../../../errors.js';
import { dryRunOf, validateOutputFormat } from '../../../print-flags.js';
import type { Subcommand } from '../../../command-group.js';
import { requireResources } from '../targets.js';
import { SET_FLAGS, finish, namedUnlessLocal, patchPodTemplates, setTargets } from './patch-objects.js';

export const SET_SERVICE_ACCOUNT: Subcommand = {
  flags: [...SET_FLAGS.filter((f) => f.name !== 'selector'), RECORD_FLAG],
  run: async (inv, args) => {
    const dryRun = dryRunOf(inv);
    validateOutputFormat(inv);
    if (args.length === 0) throw new KubectlError('error: serviceaccount is required\n');
    const serviceAccount = args[args.length - 1]!;
    const resources = namedUnlessLocal(inv, args.slice(0, -1));
    requireResources(inv, resources);
    const targets = setTargets(inv, resources, dryRun);
    const errors = patchPodTemplates(
      inv,
      targets,
      dryRun,
      'serviceaccount updated',
      'failed to patch ServiceAccountName ',
      (spec) => {
        spec.serviceAccountName = serviceAccount;
        return undefined;
      },
      { sendEmpty: true },
    );
    return finish(inv, errors);
  },
};
