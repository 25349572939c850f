/**
 * `kubectl rollout undo`: put back the pod template of an earlier revision (the previous one, or
 * `--to-revision`). A Deployment gets a JSON patch replacing its template and annotations; a
 * DaemonSet or StatefulSet gets its ControllerRevision's data as a strategic merge patch.
 */
import type { Deployment } from '../../../../../shared/api/apps.js';
import type { PodTemplateSpec } from '../../../../../shared/api/core.js';
import type { KubeObject } from '../../../../../shared/api/meta.js';
import { KubectlError } from '../../../errors.js';
import type { Invocation } from '../../../invocation.js';
import { DRY_RUN_FLAG, type DryRun, PRINT_FLAGS, dryRunOf, dryRunQuery, printObjects, validateOutputFormat } from '../../../print-flags.js';
import { resourceRef } from '../../../resource-resolver.js';
import type { Subcommand } from '../../../command-group.js';
import { describePodTemplate } from '../pod-template-description.js';
import { TARGET_FLAGS, type Target, findTargets } from '../targets.js';
import { type Revision, revisionsOf } from '../workload-history.js';

const HASH_LABEL = 'pod-template-hash';

/** Deployment annotations a rollback keeps from the Deployment rather than the ReplicaSet. */
const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

export const ROLLOUT_UNDO: Subcommand = {
  flags: [...TARGET_FLAGS, ...PRINT_FLAGS, DRY_RUN_FLAG, { name: 'to-revision', type: 'int' }],
  run: async (inv, args) => {
    const dryRun = dryRunOf(inv);
    validateOutputFormat(inv);
    if (args.length === 0 && inv.flags.strings('filename').length === 0) throw new KubectlError('error: required resource not specified\n');
    const toRevision = inv.flags.number('to-revision', 0);
    for (const target of findTargets(inv, args, { allowEmptySelector: true })) {
      const result = rollback(inv, target, toRevision, dryRun);
      printObjects(inv, [target.object], result, dryRun);
    }
    return 0;
  },
};

function notFound(revision: number): KubectlError {
  return new KubectlError(`error: unable to find specified revision ${revision} in history\n`);
}

function withoutHash(template: PodTemplateSpec): PodTemplateSpec {
  const copy = structuredClone(template);
  if (copy.metadata?.labels) delete copy.metadata.labels[HASH_LABEL];
  return copy;
}

/** apiequality.Semantic.DeepEqual, with absent and empty treated as Go's zero values are. */
function sameTemplate(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  const normalize = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.length === 0 ? undefined : value.map(normalize);
    if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value)
        .map(([k, v]) => [k, normalize(v)] as const)
        .filter(([, v]) => v !== undefined && v !== null && v !== '' && v !== false && v !== 0)
        .sort(([x], [y]) => (x < y ? -1 : 1));
      return entries.length === 0 ? undefined : Object.fromEntries(entries);
    }
    return value;
  };
  return JSON.stringify(normalize(withoutHash(a))) === JSON.stringify(normalize(withoutHash(b)));
}

/** The revision to go back to: `--to-revision`, or the one before the newest. */
function pick(revisions: Revision[], toRevision: number, noPrevious: () => KubectlError): Revision {
  if (toRevision > 0) {
    const found = revisions.find((r) => r.revision === toRevision);
    if (!found) throw notFound(toRevision);
    return found;
  }
  const previous = revisions[revisions.length - 2];
  if (!previous) throw noPrevious();
  return previous;
}

/** Rollbacker.Rollback: the operation kubectl prints after the object's name. */
function rollback(inv: Invocation, target: Target, toRevision: number, dryRun: DryRun): string {
  if (toRevision < 0) throw notFound(toRevision);
  const client = inv.client();
  const revisions = revisionsOf(client, target.resource.kind, target.object);
  if (!revisions) {
    const kind = target.resource.group ? `${target.resource.kind}.${target.resource.group}` : target.resource.kind;
    throw new KubectlError(`error: no rollbacker has been implemented for "${kind}"\n`);
  }
  const current = target.object as KubeObject & { spec: { template: PodTemplateSpec; paused?: boolean } };
  const isDeployment = target.resource.kind === 'Deployment';
  if (!isDeployment && toRevision === 0 && revisions.length <= 1) throw new KubectlError('error: no last revision to roll back to\n');
  const chosen = pick(revisions, toRevision, () => new KubectlError(`error: no rollout history found for deployment "${target.name}"\n`));
  const template = isDeployment ? (chosen.source as unknown as { spec: { template: PodTemplateSpec } }).spec.template : chosen.template;
  if (dryRun === 'client') return describePodTemplate(template);
  if (isDeployment && current.spec.paused) {
    throw new KubectlError("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n");
  }
  if (sameTemplate(template, current.spec.template)) return `skipped rollback (current template already matches revision ${chosen.revision})`;
  const ref = resourceRef(target.resource);
  const query = dryRunQuery(dryRun);
  const patched = isDeployment
    ? client.patch(ref, target.namespace, target.name, 'json', deploymentPatch(current as Deployment, chosen.source, withoutHash(template)), { query })
    : client.patch(ref, target.namespace, target.name, 'strategic', (chosen.source as { data?: unknown }).data, { query });
  if (!patched.ok) throw new KubectlError(`error: failed restoring revision ${chosen.revision}: ${patched.status.message ?? ''}\n`);
  return 'rolled back';
}

/** getDeploymentPatch: replace the template and the annotations (the ReplicaSet's, minus bookkeeping). */
function deploymentPatch(deployment: Deployment, replicaSet: KubeObject, template: PodTemplateSpec): unknown[] {
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(deployment.metadata.annotations ?? {})) if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(replicaSet.metadata.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  return [
    { op: 'replace', path: '/spec/template', value: template },
    { op: 'replace', path: '/metadata/annotations', value: annotations },
  ];
}
