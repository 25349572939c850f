/** `kubectl set selector TYPE NAME key=value,…`: replace a Service's selector. */
import { RECORD_FLAG } from '../../../flags.js';
import type { KubeObject } from '../../../../../shared/api/meta.js';
import { KubectlError } from '../../../errors.js';
import { dryRunOf, validateOutputFormat } from '../../../print-flags.js';
import { type LabelSelectorRequirement, parseToLabelSelector } from '../../create/simple-objects.js';
import type { Subcommand } from '../../../command-group.js';
import { findTargets, requireResources } from '../targets.js';
import { LOCAL_NEEDS_FILENAME, SET_FLAGS, finish, patchObjects } from './patch-objects.js';

/** A requirement as Go's %v prints a LabelSelectorRequirement: `{app In [a b]}`. */
function formatRequirement(requirement: LabelSelectorRequirement): string {
  return `{${requirement.key} ${requirement.operator} [${(requirement.values ?? []).join(' ')}]}`;
}

export const SET_SELECTOR: Subcommand = {
  flags: [...SET_FLAGS.filter((f) => f.name !== 'selector' && f.name !== 'kustomize'), { name: 'resource-version', type: 'string' }, RECORD_FLAG],
  run: async (inv, args) => {
    const dryRun = dryRunOf(inv);
    validateOutputFormat(inv);
    if (args.length === 0) throw new KubectlError('error: one selector is required\n');
    const selector = parseToLabelSelector(args[args.length - 1]!);
    const expressions = selector.matchExpressions ?? [];
    const resources = args.slice(0, -1);
    requireResources(inv, resources);
    const local = inv.flags.bool('local');
    if (local && resources.length > 0) throw new KubectlError(LOCAL_NEEDS_FILENAME);
    const targets = findTargets(inv, resources, { allowEmptySelector: inv.flags.bool('all'), local });
    const resourceVersion = inv.flags.string('resource-version');
    const errors = patchObjects(
      inv,
      targets,
      dryRun,
      'selector updated',
      undefined,
      (copy: KubeObject) => {
        if (expressions.length > 0) return `match expression [${expressions.map(formatRequirement).join(' ')}] not supported on this object`;
        if (copy.kind !== 'Service') return 'setting a selector is only supported for Services';
        if (resourceVersion) copy.metadata.resourceVersion = resourceVersion;
        (copy as KubeObject & { spec: { selector?: Record<string, string> } }).spec.selector = { ...selector.matchLabels };
        return undefined;
      },
      { sendEmpty: true },
    );
    return finish(inv, errors);
  },
};
