/** `kubectl set selector TYPE NAME key=value,…`: replace a Service's selector. */
import type { KubeObject } from '../../../../../shared/api/meta.js';
import { KubectlError } from '../../../errors.js';
import { dryRunOf, validateOutputFormat } from '../../../print-flags.js';
import type { Subcommand } from '../command-group.js';
import { findTargets, requireResources } from '../targets.js';
import { SET_FLAGS, finish, patchObjects } from './patch-objects.js';

interface ParsedSelector {
  matchLabels: Record<string, string>;
  /** MatchExpressions as Go's %v prints them (`{tier Exists []}`): a Service cannot take them. */
  expressions: string[];
}

/** metav1.ParseToLabelSelector for equality, existence and inequality terms. */
function parseSelector(text: string): ParsedSelector {
  const parsed: ParsedSelector = { matchLabels: {}, expressions: [] };
  for (const term of text.split(',').map((t) => t.trim()).filter(Boolean)) {
    const equal = /^([^=!\s]+)\s*==?\s*([^=!\s]*)$/.exec(term);
    const notEqual = /^([^=!\s]+)\s*!=\s*([^=!\s]*)$/.exec(term);
    if (equal) parsed.matchLabels[equal[1]!] = equal[2]!;
    else if (notEqual) parsed.expressions.push(`{${notEqual[1]!} NotIn [${notEqual[2]!}]}`);
    else if (term.startsWith('!')) parsed.expressions.push(`{${term.slice(1)} DoesNotExist []}`);
    else parsed.expressions.push(`{${term} Exists []}`);
  }
  return parsed;
}

export const SET_SELECTOR: Subcommand = {
  flags: [...SET_FLAGS.filter((f) => f.name !== 'selector'), { name: 'resource-version', type: 'string' }, { name: 'record', type: 'bool' }],
  run: async (inv, args) => {
    const dryRun = dryRunOf(inv);
    validateOutputFormat(inv);
    if (args.length === 0) throw new KubectlError('error: one selector is required\n');
    const selector = parseSelector(args[args.length - 1]!);
    const resources = args.slice(0, -1);
    requireResources(inv, resources);
    const local = inv.flags.bool('local');
    const targets = findTargets(inv, resources, { allowEmptySelector: inv.flags.bool('all'), local });
    const resourceVersion = inv.flags.string('resource-version');
    const errors = patchObjects(
      inv,
      targets,
      dryRun,
      'selector updated',
      undefined,
      (copy: KubeObject) => {
        if (selector.expressions.length > 0) return `match expression [${selector.expressions.join(' ')}] not supported on this object`;
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
