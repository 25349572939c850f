/**
 * `kubectl scale`: set spec.replicas through each object's `scale` subresource — a merge patch,
 * or with `--current-replicas`/`--resource-version` a GET, the precondition check and a PUT of
 * the Scale — and print `deployment.apps/web scaled`.
 */
import type { Scale } from '../../../../shared/api/autoscaling.js';
import type { KubectlCommand } from '../../command.js';
import { patchChangeCause } from '../../change-cause.js';
import { KubectlError, formatStatusError } from '../../errors.js';
import { RECORD_FLAG } from '../../flags.js';
import type { Invocation } from '../../invocation.js';
import { DRY_RUN_FLAG, type DryRun, PRINT_FLAGS, dryRunOf, dryRunQuery, printObjects, validateOutputFormat } from '../../print-flags.js';
import { resourceRef } from '../../resource-resolver.js';
import { checkRequiredFlags } from '../create/subcommand.js';
import { TARGET_FLAGS, type Target, findTargets, requireResources } from './targets.js';

interface Precondition {
  size: number;
  resourceVersion: string;
}

export const SCALE: KubectlCommand = {
  flags: [
    ...TARGET_FLAGS,
    ...PRINT_FLAGS,
    DRY_RUN_FLAG,
    { name: 'all', type: 'bool' },
    { name: 'replicas', type: 'int' },
    { name: 'current-replicas', type: 'int' },
    { name: 'resource-version', type: 'string' },
    { name: 'timeout', type: 'duration' },
    RECORD_FLAG,
  ],
  run: async (inv) => {
    checkRequiredFlags(inv, ['replicas']);
    const dryRun = dryRunOf(inv);
    validateOutputFormat(inv);
    const replicas = inv.flags.number('replicas', 0);
    const currentReplicas = inv.flags.number('current-replicas', -1);
    if (replicas < 0) throw new KubectlError('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n');
    if (currentReplicas < -1) throw new KubectlError('error: The --current-replicas must specify an integer of -1 or greater\n');
    const args = inv.flags.positional;
    requireResources(inv, args);
    const targets = findTargets(inv, args, { allowEmptySelector: inv.flags.bool('all') });
    const resourceVersion = inv.flags.string('resource-version');
    if (resourceVersion && targets.length > 1) throw new KubectlError('error: cannot use --resource-version with multiple resources\n');
    if (targets.length === 0) throw new KubectlError('error: no objects passed to scale\n');
    const precondition = currentReplicas !== -1 || resourceVersion ? { size: currentReplicas, resourceVersion } : undefined;
    for (const target of targets) {
      if (dryRun !== 'client') {
        scaleOne(inv, target, replicas, precondition, dryRun);
        patchChangeCause(inv, resourceRef(target.resource), target.namespace, target.name, dryRunQuery(dryRun));
      }
      printObjects(inv, [target.object], 'scaled', dryRun);
    }
    return 0;
  },
};

/** genericScaler.ScaleSimple. */
function scaleOne(inv: Invocation, target: Target, replicas: number, precondition: Precondition | undefined, dryRun: DryRun): void {
  const client = inv.client();
  const ref = resourceRef(target.resource);
  const options = { subresource: 'scale', query: dryRunQuery(dryRun) };
  if (!precondition) {
    const patched = client.patch(ref, target.namespace, target.name, 'merge', { spec: { replicas } }, options);
    if (!patched.ok) throw new KubectlError(formatStatusError(patched.status));
    return;
  }
  const got = client.request<Scale>({ verb: 'get', ...ref, subresource: 'scale', namespace: target.namespace, name: target.name });
  if (!got.ok) throw new KubectlError(formatStatusError(got.status));
  const scale = got.value;
  const current = scale.spec?.replicas ?? 0;
  if (precondition.size !== -1 && current !== precondition.size) throw new KubectlError(`error: Expected replicas to be ${precondition.size}, was ${current}\n`);
  const rv = scale.metadata.resourceVersion ?? '';
  if (precondition.resourceVersion && rv !== precondition.resourceVersion) {
    throw new KubectlError(`error: Expected resource version to be ${precondition.resourceVersion}, was ${rv}\n`);
  }
  const updated = client.request<Scale>({
    verb: 'update',
    ...ref,
    subresource: 'scale',
    namespace: target.namespace,
    name: target.name,
    body: { ...scale, spec: { ...scale.spec, replicas } },
    query: dryRunQuery(dryRun),
  });
  if (!updated.ok) throw new KubectlError(formatStatusError(updated.status));
}
