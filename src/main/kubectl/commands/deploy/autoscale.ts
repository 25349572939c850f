/**
 * `kubectl autoscale`: an autoscaling/v1 HorizontalPodAutoscaler for each scalable object, built
 * as kubectl 1.32 builds it (`--min`, `--max`, `--cpu-percent`, `--name`), created with field
 * manager `kubectl-autoscale`, or only printed for `--dry-run=client`.
 */
import { RECORD_FLAG } from '../../flags.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { HORIZONTAL_POD_AUTOSCALERS_V1 } from '../../../cluster/client/resources.js';
import type { KubectlCommand } from '../../command.js';
import { recordChangeCause } from '../../change-cause.js';
import { KubectlError, formatStatusError } from '../../errors.js';
import type { Invocation } from '../../invocation.js';
import { toJsonInFieldOrder } from '../../printers/json-printer.js';
import { DRY_RUN_FLAG, PRINT_FLAGS, dryRunOf, dryRunQuery, printObjects, validateOutputFormat } from '../../print-flags.js';
import { checkRequiredFlags, objectMeta, saveConfig } from '../create/subcommand.js';
import { TARGET_FLAGS, type Target, findTargets, requireResources } from './targets.js';

export const AUTOSCALE: KubectlCommand = {
  flags: [
    ...TARGET_FLAGS.filter((f) => f.name !== 'selector'),
    ...PRINT_FLAGS,
    DRY_RUN_FLAG,
    { name: 'min', type: 'int' },
    { name: 'max', type: 'int' },
    { name: 'cpu-percent', type: 'int' },
    { name: 'name', type: 'string' },
    { name: 'save-config', type: 'bool' },
    { name: 'field-manager', type: 'string' },
    RECORD_FLAG,
  ],
  run: async (inv) => {
    checkRequiredFlags(inv, ['max']);
    const dryRun = dryRunOf(inv);
    const min = inv.flags.number('min', -1);
    const max = inv.flags.number('max', -1);
    if (max < 1) throw new KubectlError(`error: --max=MAXPODS is required and must be at least 1, max: ${max}\n`);
    if (max < min) throw new KubectlError(`error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}\n`);
    validateOutputFormat(inv);
    const args = inv.flags.positional;
    requireResources(inv, args);
    const targets = findTargets(inv, args, { allowEmptySelector: false });
    if (targets.length === 0) throw new KubectlError('error: no objects passed to autoscale\n');
    for (const target of targets) {
      if (!target.resource.subresources.includes('scale')) {
        const { group, version, name } = target.resource;
        throw new KubectlError(`error: cannot autoscale a ${target.resource.kind}: could not find scale subresource for ${group}/${version}, Resource=${name} in discovery information\n`);
      }
      const hpa = buildAutoscaler(inv, target, min, max);
      recordChangeCause(inv, hpa);
      if (dryRun === 'client') {
        // A typed object: -o json keeps the Go structs' field order.
        if (inv.flags.string('output') === 'json') inv.out(toJsonInFieldOrder(hpa));
        else printObjects(inv, [hpa], 'created', dryRun);
        continue;
      }
      saveConfig(inv, hpa);
      const fieldManager = inv.flags.string('field-manager', 'kubectl-autoscale');
      const created = inv.client().create(HORIZONTAL_POD_AUTOSCALERS_V1, inv.namespace, hpa, { ...dryRunQuery(dryRun), ...(fieldManager ? { fieldManager } : {}) });
      if (!created.ok) throw new KubectlError(formatStatusError(created.status));
      printObjects(inv, [created.value], 'autoscaled', dryRun);
    }
    return 0;
  },
};

/** createHorizontalPodAutoscaler, its fields in the Go structs' order. */
function buildAutoscaler(inv: Invocation, target: Target, min: number, max: number): KubeObject {
  const cpuPercent = inv.flags.number('cpu-percent', -1);
  const { group, version, kind } = target.resource;
  return {
    kind: 'HorizontalPodAutoscaler',
    apiVersion: 'autoscaling/v1',
    metadata: objectMeta(inv.flags.string('name') || target.name, ''),
    spec: {
      scaleTargetRef: { kind, name: target.name, apiVersion: group ? `${group}/${version}` : version },
      ...(min > 0 ? { minReplicas: min } : {}),
      maxReplicas: max,
      ...(cpuPercent >= 0 ? { targetCPUUtilizationPercentage: cpuPercent } : {}),
    },
    status: { currentReplicas: 0, desiredReplicas: 0 },
  };
}
