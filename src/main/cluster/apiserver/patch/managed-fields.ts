/**
 * metadata.managedFields, as kube-apiserver 1.32's field manager keeps them: decoding and encoding
 * the entries (one per manager, operation, apiVersion and subresource), and the bookkeeping of an
 * Update operation (create, update, non-apply patch): the fields the write added or changed become
 * the writer's, and leave every other manager.
 */
import type { KubeObject, ManagedFieldsEntry } from '../../../../shared/api/meta.js';
import { FieldSet, fieldElement } from './field-set.js';
import { compare, filterComparison } from './typed-value.js';

export interface ManagerEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  subresource?: string;
  time?: string;
  set: FieldSet;
  /** The stored fieldsV1 and the set decoded from it: re-encoding an untouched set reuses it. */
  stored?: { set: FieldSet; fieldsV1: unknown };
}

/** Managers by identity (BuildManagerIdentifier). */
export type Managers = Map<string, ManagerEntry>;

/**
 * The identity of a manager: its name, operation and subresource, and for updaters the
 * apiVersion (an applier stays one manager whatever version it applies with). Its JSON form is
 * what conflicts print managers from.
 */
export function managerId(entry: Pick<ManagerEntry, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  return JSON.stringify({
    ...(entry.manager ? { manager: entry.manager } : {}),
    operation: entry.operation,
    ...(entry.operation === 'Update' ? { apiVersion: entry.apiVersion } : {}),
    ...(entry.subresource ? { subresource: entry.subresource } : {}),
  });
}

/** Paths the field manager never records (StripMetaManager), removed from the writer's set only. */
const STRIPPED = FieldSet.of(
  [['apiVersion'], ['kind'], ['metadata'], ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion'].map((n) => ['metadata', n])].map(
    (p) => p.map(fieldElement),
  ),
);

export function stripMeta(set: FieldSet): FieldSet {
  return set.difference(STRIPPED);
}

/**
 * DecodeManagedFields: undefined when an entry is not valid (an operation other than Apply or
 * Update, no apiVersion, a fieldsType other than FieldsV1).
 */
export function decodeManagedFields(entries: unknown): Managers | undefined {
  const managers: Managers = new Map();
  if (entries === undefined || entries === null) return managers;
  if (!Array.isArray(entries)) return undefined;
  for (const raw of entries as ManagedFieldsEntry[]) {
    if (typeof raw !== 'object' || raw === null) return undefined;
    if (raw.operation !== 'Apply' && raw.operation !== 'Update') return undefined;
    if (!raw.apiVersion || raw.fieldsType !== 'FieldsV1') return undefined;
    const set = FieldSet.fromFieldsV1(raw.fieldsV1);
    const entry: ManagerEntry = {
      manager: raw.manager ?? '',
      operation: raw.operation,
      apiVersion: raw.apiVersion,
      ...(raw.subresource ? { subresource: raw.subresource } : {}),
      ...(raw.time ? { time: raw.time } : {}),
      set,
      stored: { set, fieldsV1: raw.fieldsV1 },
    };
    const id = managerId(entry);
    if (managers.has(id)) return undefined;
    managers.set(id, entry);
  }
  return managers;
}

/** Entries as kube-apiserver stores them: Apply before Update, then by time, manager, apiVersion, subresource. */
export function encodeManagedFields(managers: Managers): ManagedFieldsEntry[] {
  const seconds = (t: string | undefined): number => (t ? Date.parse(t) : 0);
  const cmp = (a: string | undefined, b: string | undefined): number => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);
  return [...managers.values()]
    .filter((e) => !e.set.empty())
    .sort((p, q) => cmp(p.operation, q.operation) || seconds(p.time) - seconds(q.time) || cmp(p.manager, q.manager) || cmp(p.apiVersion, q.apiVersion) || cmp(p.subresource, q.subresource))
    .map((e) => ({
      ...(e.manager ? { manager: e.manager } : {}),
      operation: e.operation,
      apiVersion: e.apiVersion,
      ...(e.time ? { time: e.time } : {}),
      fieldsType: 'FieldsV1',
      fieldsV1: e.stored?.set === e.set ? e.stored.fieldsV1 : e.set.toFieldsV1(),
      ...(e.subresource ? { subresource: e.subresource } : {}),
    }));
}

/** Writes the managers into the object; no entries means no `managedFields` at all. */
export function setManagedFields(object: KubeObject, managers: Managers): void {
  const entries = encodeManagedFields(managers);
  if (entries.length > 0) object.metadata.managedFields = entries;
  else delete object.metadata.managedFields;
}

/** A copy without managedFields: what the field manager compares and merges. */
export function withoutManagedFields(object: KubeObject): KubeObject {
  const copy = { ...object, metadata: { ...object.metadata } };
  delete copy.metadata.managedFields;
  return copy;
}

/** Managed fields sent as `[{}]`: the documented way to clear them all. */
function isReset(entries: unknown): boolean {
  return Array.isArray(entries) && entries.length === 1 && typeof entries[0] === 'object' && entries[0] !== null && Object.keys(entries[0] as object).length === 0;
}

/**
 * decodeLiveOrNew: the managers a write starts from. A subresource write always keeps the stored
 * ones; `[{}]` clears them; otherwise the ones the client sent, if any decode, else the stored ones.
 */
export function startingManagers(live: KubeObject | undefined, sent: KubeObject, subresource: string | undefined): Managers {
  const stored = (): Managers => decodeManagedFields(live?.metadata.managedFields) ?? new Map();
  if (subresource) return stored();
  if (isReset(sent.metadata.managedFields)) return new Map();
  const fromRequest = decodeManagedFields(sent.metadata.managedFields);
  if (!fromRequest || fromRequest.size === 0) return stored();
  return fromRequest;
}

/**
 * The fields that exist in Go's zero value of a kind and so are never "added" by a create:
 * non-pointer structs (`spec`, `spec.template`, `spec.strategy` …) are `{}`, slices without
 * omitempty (`containers`) are null. This is what gives `f:spec` no `.` and a container its
 * `f:resources: {}`.
 */
const ZERO_STRUCTS = [
  'spec',
  'status',
  'spec.template',
  'spec.template.metadata',
  'spec.template.spec',
  'spec.strategy',
  'spec.updateStrategy',
  'spec.jobTemplate',
  'spec.jobTemplate.spec',
  'spec.jobTemplate.spec.template',
  'spec.jobTemplate.spec.template.metadata',
  'spec.jobTemplate.spec.template.spec',
  'status.loadBalancer',
];
const ZERO_NULLS = [
  'spec.containers',
  'spec.template.spec.containers',
  'spec.jobTemplate.spec.template.spec.containers',
  'spec.template.metadata.creationTimestamp',
  'spec.jobTemplate.metadata.creationTimestamp',
  'spec.jobTemplate.spec.template.metadata.creationTimestamp',
];

const ZERO_STRUCT_PATHS = ZERO_STRUCTS.map((p) => p.split('.'));
const ZERO_NULL_PATHS = ZERO_NULLS.map((p) => p.split('.'));

export function zeroValueOf(object: KubeObject): KubeObject {
  const zero: KubeObject = { metadata: {} };
  const present = (path: string[]): boolean => {
    let node: unknown = object;
    for (const name of path) {
      if (typeof node !== 'object' || node === null) return false;
      node = (node as Record<string, unknown>)[name];
    }
    return node !== undefined;
  };
  const set = (path: string[], value: unknown): void => {
    let node = zero as Record<string, unknown>;
    for (const name of path.slice(0, -1)) {
      const next = node[name];
      if (typeof next !== 'object' || next === null) return;
      node = next as Record<string, unknown>;
    }
    node[path[path.length - 1]!] = value;
  };
  for (const p of ZERO_STRUCT_PATHS) if (present(p)) set(p, {});
  for (const p of ZERO_NULL_PATHS) if (present(p)) set(p, null);
  return zero;
}

export interface UpdateOperation {
  kind: string;
  manager: string;
  apiVersion: string;
  subresource?: string;
  /** RFC 3339, second precision. */
  time: string;
  /** The strategy's reset fields: changes there are nobody's (status on the main resource …). */
  ignored: FieldSet;
}

/**
 * FieldManager.Update: `next` (the object about to be written, defaults applied) gets its
 * managedFields. `live` is the stored object, undefined for a create.
 */
export function recordUpdate(live: KubeObject | undefined, next: KubeObject, op: UpdateOperation): void {
  const managers = startingManagers(live, next, op.subresource);
  const before = live ? withoutManagedFields(live) : zeroValueOf(next);
  const diff = filterComparison(compare(op.kind, before, withoutManagedFields(next)), op.ignored);
  const changed = diff.modified.union(diff.added);
  for (const [id, entry] of managers) {
    entry.set = entry.set.difference(changed).difference(diff.removed);
    if (entry.set.empty()) managers.delete(id);
  }
  const own = stripMeta(changed.difference(diff.removed));
  if (!own.empty()) {
    const entry: ManagerEntry = {
      manager: op.manager,
      operation: 'Update',
      apiVersion: op.apiVersion,
      ...(op.subresource ? { subresource: op.subresource } : {}),
      time: op.time,
      set: own,
    };
    const id = managerId(entry);
    const previous = managers.get(id);
    managers.set(id, { ...entry, set: previous ? own.union(previous.set) : own });
  }
  setManagedFields(next, managers);
}

/** The manager of a request: `fieldManager`, else the User-Agent's product (`kubectl/v1.32.0` → `kubectl`). */
export function managerOf(fieldManager: string | undefined, agent: string | undefined): string {
  if (fieldManager) return fieldManager;
  return (agent ?? '').split('/')[0] ?? '';
}

/** Reset fields: the main resource of a kind with `/status` never records status; `/status` never records spec. */
export function resetFields(hasStatusSubresource: boolean | undefined, subresource: string | undefined): FieldSet {
  if (subresource === 'status') return FieldSet.of([[fieldElement('spec')]]);
  return hasStatusSubresource ? FieldSet.of([[fieldElement('status')]]) : new FieldSet();
}
