/**
 * `kubectl replace -f FILE`: a PUT of each manifest (its resourceVersion taken from the live object
 * when it names none), `pod/x replaced`; with `--force` the objects are deleted, waited for and
 * created again. `--save-config` records the last-applied annotation as `kubectl apply` would.
 */
import { canonicalJson } from '../../../base/canonical-json.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import type { KubectlCommand } from '../../command.js';
import { KubectlError, withSource } from '../../errors.js';
import type { FlagSpec } from '../../flags.js';
import type { Invocation } from '../../invocation.js';
import { DRY_RUN_FLAG, PRINT_FLAGS, dryRunOf, dryRunQuery, printObjects, validateOutputFormat } from '../../print-flags.js';
import { LAST_APPLIED, fieldValidationOf } from '../apply.js';
import { type Target, type VisitError, collectTargets, reportErrors } from './targets.js';

const REPLACE_FLAGS: FlagSpec[] = [
  ...PRINT_FLAGS,
  DRY_RUN_FLAG,
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'force', type: 'bool' },
  { name: 'grace-period', type: 'int' },
  { name: 'timeout', type: 'duration' },
  { name: 'cascade', type: 'string', noOptDefault: 'background' },
  { name: 'wait', type: 'bool' },
  { name: 'save-config', type: 'bool' },
  { name: 'validate', type: 'string', noOptDefault: 'strict' },
  { name: 'raw', type: 'string' },
  { name: 'subresource', type: 'string' },
  { name: 'field-manager', type: 'string' },
];

/** util.CreateOrUpdateAnnotation: with --save-config, the object's own JSON in the annotation. */
function withSavedConfig(inv: Invocation, object: KubeObject): KubeObject {
  if (!inv.flags.bool('save-config')) return object;
  const copy = structuredClone(object);
  const annotations = { ...(copy.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  copy.metadata.annotations = annotations;
  copy.metadata.annotations = { ...annotations, [LAST_APPLIED]: canonicalJson(copy) + '\n' };
  return copy;
}

function manifestObject(target: Target): KubeObject {
  const object = structuredClone(target.object);
  object.metadata ??= {};
  if (target.namespace) object.metadata.namespace = target.namespace;
  return object;
}

async function forceReplace(inv: Invocation, targets: Target[], failures: VisitError[]): Promise<void> {
  const client = inv.client();
  const grace = inv.flags.number('grace-period', -1);
  const cascade = inv.flags.string('cascade', 'background');
  const propagationPolicy = cascade === 'orphan' ? 'Orphan' : cascade === 'foreground' ? 'Foreground' : 'Background';
  const deleted: Target[] = [];
  for (const target of targets) {
    const result = client.delete(target.ref, target.namespace, target.name, { ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}), propagationPolicy });
    if (!result.ok) {
      if (result.status.code !== 404) failures.push({ status: result.status });
      continue;
    }
    inv.out(`${target.resource.group ? `${target.resource.kind.toLowerCase()}.${target.resource.group}` : target.resource.kind.toLowerCase()} "${target.name}" deleted\n`);
    deleted.push(target);
  }
  const timeout = inv.flags.number('timeout', 0) || 5 * 60_000;
  const gone = (): boolean => deleted.every((t) => !client.get(t.ref, t.namespace, t.name).ok);
  if (!(await inv.env.waitUntil(gone, timeout, inv.ctx.signal))) {
    if (!inv.ctx.signal.aborted) failures.push({ message: 'timed out waiting for the condition' });
    return;
  }
  for (const target of targets) {
    const created = client.create(target.ref, target.namespace, withSavedConfig(inv, manifestObject(target)), {
      fieldManager: inv.flags.string('field-manager') || 'kubectl-replace',
      fieldValidation: fieldValidationOf(inv),
    });
    if (!created.ok) failures.push({ status: created.status });
    else printObjects(inv, [created.value], 'replaced');
  }
}

async function runReplace(inv: Invocation): Promise<number> {
  const dryRun = dryRunOf(inv);
  validateOutputFormat(inv);
  const force = inv.flags.bool('force');
  if (inv.flags.has('grace-period') && inv.flags.number('grace-period', -1) >= 0 && !force) throw new KubectlError('error: --grace-period must have --force specified\n');
  if (inv.flags.number('timeout', 0) !== 0 && !force) throw new KubectlError('error: --timeout must have --force specified\n');
  if (force && dryRun !== 'none') throw new KubectlError('error: --dry-run can not be used when --force is set\n');
  if (inv.flags.strings('filename').length === 0) throw new KubectlError('error: must specify one of -f and -k\n');
  if (inv.flags.string('raw')) throw new KubectlError('error: --raw is not supported in this lab yet\n');
  const client = inv.client();
  const { targets, errors } = collectTargets(inv, client, [], { latest: false });
  const failures: VisitError[] = [...errors];
  if (force) {
    await forceReplace(inv, targets, failures);
    return reportErrors(inv, failures);
  }
  const subresource = inv.flags.string('subresource') || undefined;
  for (const target of targets) {
    const object = withSavedConfig(inv, manifestObject(target));
    if (dryRun === 'client') {
      printObjects(inv, [object], 'replaced', dryRun);
      continue;
    }
    // Helper.Replace with overwrite: a manifest without a resourceVersion replaces whatever is current.
    if (!object.metadata.resourceVersion) {
      const live = client.get(target.ref, target.namespace, target.name);
      if (!live.ok) {
        failures.push({ status: withSource(live.status, 'replacing', target.source ?? '') });
        continue;
      }
      object.metadata.resourceVersion = live.value.metadata.resourceVersion;
    }
    const replaced = client.request<KubeObject>({
      verb: 'update',
      ...target.ref,
      subresource,
      namespace: target.namespace,
      name: target.name,
      body: object,
      query: { fieldManager: inv.flags.string('field-manager') || 'kubectl-replace', fieldValidation: fieldValidationOf(inv), ...dryRunQuery(dryRun) },
    });
    if (!replaced.ok) failures.push({ status: withSource(replaced.status, 'replacing', target.source ?? '') });
    else printObjects(inv, [replaced.value], 'replaced', dryRun);
  }
  return reportErrors(inv, failures);
}

export const REPLACE_COMMAND: KubectlCommand = { flags: REPLACE_FLAGS, run: runReplace };
