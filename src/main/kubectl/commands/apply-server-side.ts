/**
 * `kubectl apply --server-side`: the manifest goes to the API server as an apply patch
 * (`application/apply-patch+yaml`) under a field manager; the server merges it and tracks who owns
 * what. Conflicts come back with kubectl 1.32's advice appended.
 */
import type { KubeObject, ManagedFieldsEntry, Status } from '../../../shared/api/meta.js';
import type { ApiClient } from '../../cluster/client/api-client.js';
import type { ResourceRef } from '../../cluster/client/resources.js';
import { KubectlError, formatStatusError } from '../errors.js';
import type { Invocation } from '../invocation.js';
import { type DryRun, dryRunQuery, dryRunSuffix } from '../print-flags.js';

/** FieldManagerClientSideApply and FieldManagerServerSideApply. */
export const CLIENT_SIDE_APPLY_MANAGER = 'kubectl-client-side-apply';
export const SERVER_SIDE_APPLY_MANAGER = 'kubectl';

/** What kubectl appends to an apply conflict. */
const CONFLICT_ADVICE = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`;

/** GetApplyFieldManagerFlag: `--field-manager` when given, else kubectl's default for the mode. */
export function applyFieldManager(inv: Invocation, serverSide: boolean): string {
  const given = inv.flags.has('field-manager') ? inv.flags.string('field-manager') : '';
  if (given) return given;
  return serverSide ? SERVER_SIDE_APPLY_MANAGER : CLIENT_SIDE_APPLY_MANAGER;
}

/** ApplyOptions.Validate's checks of the flag combinations. */
export function validateApplyFlags(inv: Invocation, dryRun: DryRun): void {
  const serverSide = inv.flags.bool('server-side');
  if (inv.flags.bool('force-conflicts') && !serverSide) throw new KubectlError('error: --force-conflicts only works with --server-side\n');
  if (!serverSide) return;
  if (dryRun === 'client') {
    throw new KubectlError("error: --dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)\n");
  }
  if (inv.flags.bool('force')) throw new KubectlError('error: --force cannot be used with --server-side\n');
}

export interface ServerSideApplyTarget {
  client: ApiClient;
  ref: ResourceRef;
  namespace: string | undefined;
  name: string;
  /** `deployment.apps/web` */
  label: string;
  object: KubeObject;
  fieldValidation: 'Strict' | 'Warn' | 'Ignore';
  dryRun: DryRun;
}

/** One object: `deployment.apps/web serverside-applied`, or the error. Returns the exit status. */
export function serverSideApplyOne(inv: Invocation, target: ServerSideApplyTarget): number {
  const dryRun = target.dryRun === 'server';
  const manager = applyFieldManager(inv, true);
  const send = (): ReturnType<ApiClient['patch']> =>
    target.client.patch(target.ref, target.namespace, target.name, 'apply', target.object, {
      query: {
        fieldManager: manager,
        force: inv.flags.bool('force-conflicts'),
        fieldValidation: target.fieldValidation,
        ...dryRunQuery(target.dryRun),
      },
    });
  let result = send();
  // After a real apply, kubectl moves what its client-side apply owned over to this manager
  // and applies again, so that fields dropped from the manifest are finally removed.
  if (result.ok && !dryRun && migrateFromClientSideApply(inv, target, manager, result.value)) result = send();
  if (!result.ok) {
    reportFailure(inv, result.status);
    return 1;
  }
  inv.out(`${target.label} serverside-applied${dryRunSuffix(target.dryRun)}\n`);
  return 0;
}

function reportFailure(inv: Invocation, status: Status): void {
  if (status.reason === 'Conflict' && status.details?.causes?.some((c) => c.reason === 'FieldManagerConflict')) {
    inv.err(`error: ${status.message ?? ''}\n${CONFLICT_ADVICE}\n`);
  } else {
    inv.err(formatStatusError(status));
  }
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** fieldManagerLastAppliedAnnotation: keeps the annotation owned once kubectl owns the rest. */
const LAST_APPLIED_MANAGER = 'kubectl-last-applied';

function ownsLastApplied(entry: ManagedFieldsEntry): boolean {
  const fields = entry.fieldsV1 as Record<string, Record<string, Record<string, unknown> | undefined> | undefined> | undefined;
  return fields?.['f:metadata']?.['f:annotations']?.[`f:${LAST_APPLIED}`] !== undefined;
}

/**
 * saveLastApplyAnnotationIfNecessary and migrateToSSAIfNecessary (csaupgrade): the Update
 * managers that own the last-applied annotation (client-side apply) are merged into this
 * manager's Apply entry. True when managedFields were rewritten.
 */
function migrateFromClientSideApply(inv: Invocation, target: ServerSideApplyTarget, manager: string, applied: KubeObject): boolean {
  let object = applied;
  const annotation = object.metadata.annotations?.[LAST_APPLIED];
  const entries = (): ManagedFieldsEntry[] => object.metadata.managedFields ?? [];
  if (manager === SERVER_SIDE_APPLY_MANAGER && annotation !== undefined && !entries().some((e) => e.operation === 'Apply' && ownsLastApplied(e))) {
    const justAnnotation = {
      apiVersion: object.apiVersion,
      kind: object.kind,
      metadata: { name: target.name, ...(target.namespace ? { namespace: target.namespace } : {}), annotations: { [LAST_APPLIED]: annotation } },
    };
    const saved = target.client.patch(target.ref, target.namespace, target.name, 'apply', justAnnotation, { query: { fieldManager: LAST_APPLIED_MANAGER } });
    if (!saved.ok) {
      inv.err(`Warning: failed to migrate kubectl.kubernetes.io/last-applied-configuration for Server-Side Apply. This is non-fatal and will be retried next time you apply. Error: ${saved.status.message ?? ''}\n`);
      return false;
    }
    object = saved.value;
  }
  const csaManagers = new Set(entries().filter((e) => e.operation === 'Update' && ownsLastApplied(e)).map((e) => e.manager ?? ''));
  if (csaManagers.size === 0) return false;
  let upgraded = entries().map((e) => structuredClone(e));
  for (const csa of csaManagers) upgraded = upgradeManager(upgraded, csa, manager);
  const patched = target.client.patch(target.ref, target.namespace, target.name, 'json', [
    { op: 'test', path: '/metadata/resourceVersion', value: object.metadata.resourceVersion },
    { op: 'replace', path: '/metadata/managedFields', value: upgraded },
  ]);
  if (!patched.ok) {
    inv.err(`Warning: failed to migrate managedfields for Server-Side Apply. This is non-fatal and will be retried next time you apply. Error: ${patched.status.message ?? ''}\n`);
    return false;
  }
  return true;
}

/** csaupgrade's upgradedManagedFields: the client-side manager's fields join the Apply entry (which it becomes if there is none). */
function upgradeManager(entries: ManagedFieldsEntry[], csa: string, ssa: string): ManagedFieldsEntry[] {
  const isCsa = (e: ManagedFieldsEntry): boolean => e.manager === csa && e.operation === 'Update' && !e.subresource;
  let target = entries.find((e) => e.manager === ssa && e.operation === 'Apply' && !e.subresource);
  if (!target) {
    target = entries.find(isCsa);
    if (!target) return entries;
    target.operation = 'Apply';
    target.manager = ssa;
  }
  const source = entries.find((e) => isCsa(e) && e.apiVersion === target.apiVersion);
  if (source) target.fieldsV1 = unionFields(target.fieldsV1, source.fieldsV1);
  return entries.filter((e) => !isCsa(e));
}

/** The union of two FieldsV1 trees: a path owned on one side (`{}` or `.`) stays owned. */
function unionFields(a: unknown, b: unknown): Record<string, unknown> {
  const left = (typeof a === 'object' && a !== null ? a : {}) as Record<string, unknown>;
  const right = (typeof b === 'object' && b !== null ? b : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].filter((k) => k !== '.').sort();
  const owned = (v: Record<string, unknown>, present: boolean): boolean => present && (Object.keys(v).length === 0 || '.' in v);
  if (keys.length > 0 && (owned(left, a !== undefined) || owned(right, b !== undefined))) out['.'] = {};
  for (const key of keys) out[key] = unionFields(left[key], right[key]);
  return out;
}
