/**
 * `rollout pause`, `resume` and `restart`: change each object with the kind's ObjectPauser,
 * ObjectResumer or ObjectRestarter, send the difference as a strategic merge patch (field
 * manager `kubectl-rollout`) and print `deployment.apps/web paused`; the kind's refusals are
 * reported as `error: deployments.apps "web" is already paused` after the others are done.
 */
import type { KubeObject } from '../../../../../shared/api/meta.js';
import { KubectlError } from '../../../errors.js';
import { PRINT_FLAGS, printObjects, validateOutputFormat } from '../../../print-flags.js';
import { resourceRef } from '../../../resource-resolver.js';
import type { Subcommand } from '../../../command-group.js';
import { TARGET_FLAGS, findTargets, groupResource } from '../targets.js';
import { calculatePatch, isEmptyPatch } from '../two-way-patch.js';

export interface RolloutChange {
  /** `paused`: printed after a successful patch. */
  operation: string;
  /** Change the copy, or return why the kind refuses (`is already paused`). */
  mutate(kind: string, copy: KubeObject & { spec: Record<string, unknown> }, now: number): string | undefined;
  /** What an empty patch means: an operation to print (`already paused`) or an error for the name. */
  unchanged: { operation: string } | { error: (name: string) => string };
}

export function patchingSubcommand(change: RolloutChange): Subcommand {
  return {
    flags: [...TARGET_FLAGS, ...PRINT_FLAGS, { name: 'field-manager', type: 'string' }],
    run: async (inv, args) => {
      validateOutputFormat(inv);
      if (args.length === 0 && inv.flags.strings('filename').length === 0) throw new KubectlError('error: required resource not specified\n');
      const targets = findTargets(inv, args, { allowEmptySelector: true });
      if (targets.length === 0) {
        inv.err(`No resources found in ${inv.namespace} namespace.\n`);
        return 0;
      }
      const errors: string[] = [];
      const fieldManager = inv.flags.string('field-manager', 'kubectl-rollout');
      for (const target of targets) {
        let refusal: string | undefined;
        const { patch } = calculatePatch(target.object as KubeObject & { spec: Record<string, unknown> }, (copy) => {
          refusal = change.mutate(target.resource.kind, copy, inv.env.now());
        });
        if (refusal !== undefined) {
          errors.push(`error: ${groupResource(target.resource)} "${target.name}" ${refusal}\n`);
          continue;
        }
        if (isEmptyPatch(patch)) {
          if ('operation' in change.unchanged) printObjects(inv, [target.object], change.unchanged.operation);
          else errors.push(`error: ${change.unchanged.error(target.name)}\n`);
          continue;
        }
        const patched = inv.client().patch(resourceRef(target.resource), target.namespace, target.name, 'strategic', patch, { query: { fieldManager } });
        if (!patched.ok) {
          errors.push(`error: failed to patch: ${patched.status.message ?? ''}\n`);
          continue;
        }
        printObjects(inv, [patched.value], change.operation);
      }
      for (const e of errors) inv.err(e);
      return errors.length > 0 ? 1 : 0;
    },
  };
}
