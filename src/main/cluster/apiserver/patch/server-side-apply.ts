/**
 * Server-side apply (`PATCH` with `application/apply-patch+yaml`), as kube-apiserver 1.32's field
 * manager and structured-merge-diff v4 do it: the applied configuration is merged into the live
 * object, fields the applier set before and leaves out now are removed unless someone else owns
 * them, and a change to a field another manager owns is a conflict unless forced.
 */
import type { KubeObject, Status, StatusCause } from '../../../../shared/api/meta.js';
import { canonicalJson } from '../../../base/canonical-json.js';
import { type FieldError, badRequest, invalid } from '../errors.js';
import { type FieldPath, FieldSet, pathString } from './field-set.js';
import { type Managers, type ManagerEntry, decodeManagedFields, managerId, setManagedFields, stripMeta, withoutManagedFields } from './managed-fields.js';
import { compare, filterComparison, merge, removeUnowned, toFieldSet } from './typed-value.js';

export interface ApplyOperation {
  kind: string;
  /** The resource's group/version: an apply body must name it. */
  apiVersion: string;
  manager: string;
  force: boolean;
  /** RFC 3339, second precision. */
  time: string;
  ignored: FieldSet;
}

export type ApplyResult = { ok: true; value: KubeObject } | { ok: false; status: Status };

/**
 * ValidatePatchOptions for an apply: `force` only with apply (checked by the caller for other
 * patch types), and a field manager is required.
 */
export function validateApplyOptions(fieldManager: string | undefined): Status | undefined {
  if (fieldManager) return undefined;
  return invalidPatchOptions({ type: 'FieldValueRequired', field: 'fieldManager', detail: 'Required value: is required for apply patch' });
}

/** `force` on a JSON, merge or strategic patch: the 422 ValidatePatchOptions gives. */
export function forceNotAllowed(): Status {
  return invalidPatchOptions({ type: 'FieldValueForbidden', field: 'force', detail: 'Forbidden: may not be specified for non-apply patch' });
}

/** `PatchOptions.meta.k8s.io "" is invalid: …`; the options have no name, so details carry none. */
function invalidPatchOptions(error: FieldError): Status {
  const status = invalid('PatchOptions', 'meta.k8s.io', '', [error]);
  if (status.details) delete status.details.name;
  return status;
}

/**
 * Apply `config` to `live` (undefined: the object does not exist and the apply creates it).
 * The result carries its new managedFields; defaults are the caller's (the write path applies them).
 */
export function serverSideApply(live: KubeObject | undefined, body: unknown, op: ApplyOperation): ApplyResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, status: badRequest('the body of the request was in an unknown format') };
  }
  const config = body as KubeObject;
  if (config.apiVersion !== op.apiVersion) {
    const sent = config.apiVersion ?? '';
    return {
      ok: false,
      status: badRequest(`Incorrect version specified in apply patch. Specified patch version: ${sent}, expected: ${op.apiVersion}`),
    };
  }
  if (config.metadata?.managedFields !== undefined) return { ok: false, status: badRequest('metadata.managedFields must be nil') };
  const managers: Managers = decodeManagedFields(live?.metadata.managedFields) ?? new Map();
  const before: KubeObject = live ? withoutManagedFields(live) : { metadata: {} };
  let merged = merge(op.kind, before, config) as KubeObject;
  const applier: ManagerEntry = { manager: op.manager, operation: 'Apply', apiVersion: op.apiVersion, set: toFieldSet(op.kind, config).recursiveDifference(op.ignored) };
  const id = managerId(applier);
  const last = managers.get(id);
  managers.set(id, { ...applier, ...(last?.time ? { time: last.time } : {}) });
  if (last && !last.set.empty()) {
    const owned = [...managers.values()].reduce((all, m) => all.union(m.set), new FieldSet());
    merged = removeUnowned(op.kind, merged, last.set, owned) as KubeObject;
  }
  const diff = filterComparison(compare(op.kind, before, merged), op.ignored);
  const changed = diff.modified.union(diff.added);
  const conflicts: Array<{ id: string; path: FieldPath }> = [];
  for (const [other, entry] of managers) {
    if (other === id) continue;
    for (const path of entry.set.intersection(changed).paths()) conflicts.push({ id: other, path });
  }
  if (conflicts.length > 0 && !op.force) {
    // lastAppliedManager: kubectl's own server-side apply may take over what its client-side apply
    // set, as long as the live object still has the values of the last-applied configuration.
    const allowed = op.manager === KUBECTL_MANAGER && live ? allowedByLastApplied(op.kind, before) : undefined;
    const remaining = allowed ? conflicts.filter((c) => !allowed.has(c.path)) : conflicts;
    if (remaining.length > 0) return { ok: false, status: applyConflict(remaining) };
  }
  for (const [other, entry] of managers) {
    if (other === id) entry.set = stripMeta(entry.set);
    else entry.set = entry.set.difference(changed).difference(diff.removed);
    if (entry.set.empty()) managers.delete(other);
  }
  const applied = managers.get(id);
  // The time moves only when the object changed (managedFieldsUpdater.Apply).
  if (applied && (!live || !diff.added.empty() || !diff.modified.empty() || !diff.removed.empty())) applied.time = op.time;
  setManagedFields(merged, managers);
  if (op.manager === KUBECTL_MANAGER) syncLastApplied(merged, config);
  return { ok: true, value: merged };
}

const KUBECTL_MANAGER = 'kubectl';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * The fields of the last-applied configuration whose live values still match it: conflicts on
 * them are no conflicts for kubectl (allowedConflictsFromLastApplied).
 */
function allowedByLastApplied(kind: string, live: KubeObject): FieldSet | undefined {
  const text = live.metadata.annotations?.[LAST_APPLIED];
  if (!text) return undefined;
  let lastApplied: unknown;
  try {
    lastApplied = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof lastApplied !== 'object' || lastApplied === null || Array.isArray(lastApplied)) return undefined;
  const diff = compare(kind, lastApplied, live);
  return toFieldSet(kind, lastApplied).difference(diff.modified).difference(diff.added).difference(diff.removed);
}

/**
 * lastAppliedUpdater: when kubectl applies server-side to an object that has a client-side
 * last-applied annotation, the server keeps it current (the configuration as JSON, without the
 * annotation itself), so that going back to client-side apply still works.
 */
function syncLastApplied(object: KubeObject, config: KubeObject): void {
  const annotations = object.metadata.annotations;
  if (annotations?.[LAST_APPLIED] === undefined) return;
  const applied = structuredClone(config);
  const own = { ...(applied.metadata?.annotations ?? {}) };
  delete own[LAST_APPLIED];
  if (Object.keys(own).length > 0) applied.metadata.annotations = own;
  else if (applied.metadata) delete applied.metadata.annotations;
  annotations[LAST_APPLIED] = canonicalJson(applied) + '\n';
}

/**
 * NewConflictError: 409 Conflict with one FieldManagerConflict cause per field, worded as
 * apimachinery's internal/conflict.go does.
 */
export function applyConflict(conflicts: ReadonlyArray<{ id: string; path: FieldPath }>): Status {
  const sorted = [...conflicts].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const causes: StatusCause[] = sorted.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${printManager(c.id)}`, field: pathString(c.path) }));
  let message: string;
  if (sorted.length === 1) {
    const only = sorted[0]!;
    message = `Apply failed with 1 conflict: conflict with ${printManager(only.id)}: ${pathString(only.path)}`;
  } else {
    const lines: string[] = [];
    let current: string | undefined;
    for (const c of sorted) {
      if (c.id !== current) {
        current = c.id;
        lines.push(`conflicts with ${printManager(c.id)}:`);
      }
      lines.push(`- ${pathString(c.path)}`);
    }
    message = `Apply failed with ${sorted.length} conflicts: ${lines.join('\n')}`;
  }
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Conflict', details: { causes }, code: 409 };
}

/** printManager: `"kubectl-edit"`, `"kubectl" with subresource "scale"`, then ` using apps/v1` for updaters. */
function printManager(id: string): string {
  const entry = JSON.parse(id) as { manager?: string; operation: string; apiVersion?: string; subresource?: string };
  let text = JSON.stringify(entry.manager ?? '');
  if (entry.subresource) text += ` with subresource ${JSON.stringify(entry.subresource)}`;
  if (entry.operation === 'Update') text += ` using ${entry.apiVersion ?? ''}`;
  return text;
}
