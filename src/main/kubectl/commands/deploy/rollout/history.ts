/**
 * `kubectl rollout history`: the `REVISION  CHANGE-CAUSE` table of a Deployment (from its
 * ReplicaSets) or DaemonSet/StatefulSet (from ControllerRevisions), one revision's pod template
 * with `--revision=N`, or the revision objects themselves with `-o`.
 */
import { KubectlError } from '../../../errors.js';
import type { Invocation } from '../../../invocation.js';
import { PRINT_FLAGS, objectTypeName, printObjects, validateOutputFormat } from '../../../print-flags.js';
import { DESCRIBE_OPTIONS, tabwrite } from '../../../printers/tabwriter.js';
import type { Subcommand } from '../../../command-group.js';
import { describePodTemplate } from '../pod-template-description.js';
import { TARGET_FLAGS, type Target, findTargets } from '../targets.js';
import { type Revision, revisionsOf } from '../workload-history.js';

export const ROLLOUT_HISTORY: Subcommand = {
  flags: [...TARGET_FLAGS, ...PRINT_FLAGS, { name: 'revision', type: 'int' }],
  run: async (inv, args) => {
    if (args.length === 0 && inv.flags.strings('filename').length === 0) throw new KubectlError('error: required resource not specified\n');
    const revision = inv.flags.number('revision', 0);
    if (revision < 0) throw new KubectlError(`error: revision must be a positive integer: ${revision}\n`);
    validateOutputFormat(inv);
    for (const target of findTargets(inv, args, { allowEmptySelector: true })) {
      const revisions = historyOf(inv, target);
      if (inv.flags.has('output')) {
        const shown = revision > 0 ? revisions.filter((r) => r.revision === revision) : revisions;
        // Each object printed on its own; YAMLPrinter separates them with `---`.
        shown.forEach((r, i) => {
          if (i > 0 && inv.flags.string('output') === 'yaml') inv.out('---\n');
          printObjects(inv, [r.source], '');
        });
        continue;
      }
      inv.out(`${objectTypeName(target.object)}/${target.name} ${revision > 0 ? `with revision #${revision}` : ''}\n${viewHistory(revisions, revision)}\n`);
    }
    return 0;
  },
};

function historyOf(inv: Invocation, target: Target): Revision[] {
  const revisions = revisionsOf(inv.client(), target.resource.kind, target.object);
  if (!revisions) {
    const kind = target.resource.group ? `${target.resource.kind}.${target.resource.group}` : target.resource.kind;
    throw new KubectlError(`error: no history viewer has been implemented for "${kind}"\n`);
  }
  return revisions;
}

/** ViewHistory: the table, one revision's template, or "No rollout history found.". */
function viewHistory(revisions: Revision[], revision: number): string {
  if (revisions.length === 0) return 'No rollout history found.';
  if (revision > 0) {
    const found = revisions.find((r) => r.revision === revision);
    if (!found) throw new KubectlError('error: unable to find the specified revision\n');
    return describePodTemplate(found.template);
  }
  const rows = revisions.map((r) => `${r.revision}\t${r.changeCause || '<none>'}\n`);
  return tabwrite(`REVISION\tCHANGE-CAUSE\n${rows.join('')}`, DESCRIBE_OPTIONS);
}
