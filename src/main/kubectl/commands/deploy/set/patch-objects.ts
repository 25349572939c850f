/**
 * What the `kubectl set` subcommands share: the flags, finding the objects
 * (or `--local` files), reaching each one's pod spec (UpdatePodSpecForObject), and sending each
 * change as a strategic merge patch (field manager `kubectl-set`) — or, for `--local` and
 * `--dry-run=client`, printing the changed object — with `deployment.apps/web image updated`.
 */
import type { Container, PodSpec } from '../../../../../shared/api/core.js';
import type { KubeObject } from '../../../../../shared/api/meta.js';
import { recordChangeCause } from '../../../change-cause.js';
import { KubectlError, formatStatusError } from '../../../errors.js';
import type { FlagSpec } from '../../../flags.js';
import type { Invocation } from '../../../invocation.js';
import { DRY_RUN_FLAG, type DryRun, PRINT_FLAGS, dryRunQuery, printObjects } from '../../../print-flags.js';
import { resourceRef } from '../../../resource-resolver.js';
import { TARGET_FLAGS, type Target, findTargets } from '../targets.js';
import { inStructOrder } from '../typed-object.js';
import { calculatePatch, isEmptyPatch } from '../two-way-patch.js';

export const SET_FLAGS: FlagSpec[] = [
  ...TARGET_FLAGS,
  ...PRINT_FLAGS,
  DRY_RUN_FLAG,
  { name: 'all', type: 'bool' },
  { name: 'local', type: 'bool' },
  { name: 'field-manager', type: 'string' },
];

/** The pod spec inside a Pod, a workload's template or a CronJob's job template. */
export function podSpecOf(object: KubeObject): PodSpec | undefined {
  const spec = (object as { spec?: Record<string, unknown> }).spec;
  if (!spec) return undefined;
  switch (object.kind) {
    case 'Pod':
      return spec as unknown as PodSpec;
    case 'ReplicationController':
    case 'ReplicaSet':
    case 'Deployment':
    case 'DaemonSet':
    case 'StatefulSet':
    case 'Job':
      return (spec.template as { spec?: PodSpec } | undefined)?.spec;
    case 'CronJob':
      return (spec.jobTemplate as { spec?: { template?: { spec?: PodSpec } } } | undefined)?.spec?.template?.spec;
    default:
      return undefined;
  }
}

/** selectContainers: the containers whose names match the `-c` glob. */
export function selectContainers(containers: Container[] | undefined, pattern: string): Container[] {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return (containers ?? []).filter((c) => regex.test(c.name));
}

/** What every `set` subcommand says when `--local` is given objects by name. */
export const LOCAL_NEEDS_FILENAME =
  "error: you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n";

/**
 * The resources `set env` and `set serviceaccount` look up: with `--local` their builder reads only
 * the -f files, so named resources are ignored (and are no source of objects either).
 */
export function namedUnlessLocal(inv: Invocation, resources: string[]): string[] {
  return inv.flags.bool('local') ? [] : resources;
}

/** Validate's shared checks, then the objects to change. */
export function setTargets(inv: Invocation, resources: string[], dryRun: DryRun): Target[] {
  const local = inv.flags.bool('local');
  if (inv.flags.bool('all') && inv.flags.string('selector')) throw new KubectlError('error: cannot set --all and --selector at the same time\n');
  if (local && dryRun === 'server') throw new KubectlError('error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?\n');
  if (local && resources.length > 0) throw new KubectlError(LOCAL_NEEDS_FILENAME);
  return findTargets(inv, resources, { allowEmptySelector: inv.flags.bool('all'), local });
}

/**
 * Why an object was not changed: a message reported on its own (`unable to find container named
 * "x"`), or an error of the object's patch, reported with its name (`deployments/web …`).
 */
export type Refusal = string | { objectError: string };

/**
 * CalculatePatches and the patch loop: `change` edits a copy and returns why it could not, if it
 * could not. Returns the errors to report after everything else.
 */
export function patchObjects(
  inv: Invocation,
  targets: Target[],
  dryRun: DryRun,
  operation: string,
  /** How a failed patch is reported, before the server's message (`failed to patch …: `); none: as the API error. */
  failure: string | undefined,
  change: (copy: KubeObject) => Refusal | undefined,
  /** `set serviceaccount` sends even an empty patch. */
  options: { sendEmpty?: boolean } = {},
): string[] {
  const errors: string[] = [];
  const local = inv.flags.bool('local');
  for (const target of targets) {
    let refusal: Refusal | undefined;
    const { modified, patch } = calculatePatch(target.object, (copy) => {
      refusal = change(copy);
      // Recorded for `rollout history` with the change itself (unless the object was refused).
      if (typeof refusal !== 'object') recordChangeCause(inv, copy);
    });
    if (typeof refusal === 'object') {
      errors.push(`error: ${target.resource.name}/${target.name} ${refusal.objectError}\n`);
      continue;
    }
    if (refusal !== undefined) errors.push(`error: ${refusal}\n`);
    if (isEmptyPatch(patch) && (!options.sendEmpty || refusal !== undefined)) continue;
    if (local || dryRun === 'client') {
      // The builder's typed object: `-o json` shows it in Go's struct order.
      printObjects(inv, [inStructOrder(modified)], operation, dryRun, { inFieldOrder: true });
      continue;
    }
    const fieldManager = inv.flags.string('field-manager', 'kubectl-set');
    const patched = inv.client().patch(resourceRef(target.resource), target.namespace, target.name, 'strategic', patch, {
      query: { ...dryRunQuery(dryRun), ...(fieldManager ? { fieldManager } : {}) },
    });
    if (!patched.ok) {
      errors.push(failure === undefined ? formatStatusError(patched.status) : `error: ${failure}${patched.status.message ?? ''}\n`);
      continue;
    }
    printObjects(inv, [patched.value], operation, dryRun);
  }
  return errors;
}

/** patchObjects for the pod spec inside each object (UpdatePodSpecForObject). */
export function patchPodTemplates(
  inv: Invocation,
  targets: Target[],
  dryRun: DryRun,
  operation: string,
  failure: string,
  change: (spec: PodSpec, object: KubeObject) => Refusal | undefined,
  options: { sendEmpty?: boolean } = {},
): string[] {
  return patchObjects(
    inv,
    targets,
    dryRun,
    operation,
    failure,
    (copy) => {
      const spec = podSpecOf(copy);
      return spec ? change(spec, copy) : { objectError: `the object is not a pod or does not have a pod template: *v1.${copy.kind ?? ''}` };
    },
    options,
  );
}

/** Print the errors gathered and give the exit status. */
export function finish(inv: Invocation, errors: string[]): number {
  for (const e of errors) inv.err(e);
  return errors.length > 0 ? 1 : 0;
}
