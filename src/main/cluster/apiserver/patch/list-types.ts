/**
 * The schema facts server-side apply needs and the generated JSON schema does not carry: which
 * lists are associative (`x-kubernetes-list-type: map` with their `x-kubernetes-list-map-keys`),
 * which are sets, and which structs and maps are atomic (`+structType=atomic`, `+mapType=atomic`),
 * written down from k8s.io/api 1.32 for the kinds the lab serves. Every other list is atomic
 * (replaced whole), every other object granular.
 *
 * Places are given by field names from the object's root; list items add nothing
 * (`spec.template.spec.containers.ports`), as in `shared/api/merge-keys.ts`.
 */

export type ListType =
  | { type: 'map'; keys: readonly string[]; defaults?: Readonly<Record<string, unknown>> }
  | { type: 'set' }
  | { type: 'atomic' };

const NAME: ListType = { type: 'map', keys: ['name'] };
const TYPE: ListType = { type: 'map', keys: ['type'] };
const ATOMIC: ListType = { type: 'atomic' };

/** Lists found under a Pod spec (a Pod's `spec`, or any `template.spec`). */
const POD_SPEC_LISTS: Readonly<Record<string, ListType>> = {
  containers: NAME,
  initContainers: NAME,
  ephemeralContainers: NAME,
  volumes: NAME,
  imagePullSecrets: NAME,
  hostAliases: { type: 'map', keys: ['ip'] },
  topologySpreadConstraints: { type: 'map', keys: ['topologyKey', 'whenUnsatisfiable'] },
  resourceClaims: NAME,
  schedulingGates: NAME,
};

/** Lists found under a container. */
const CONTAINER_LISTS: Readonly<Record<string, ListType>> = {
  env: NAME,
  volumeMounts: { type: 'map', keys: ['mountPath'] },
  volumeDevices: { type: 'map', keys: ['devicePath'] },
  ports: { type: 'map', keys: ['containerPort', 'protocol'], defaults: { protocol: 'TCP' } },
};

const CONTAINER_FIELDS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** The list type of the list at `path` in an object of `kind`. */
export function listTypeAt(kind: string, path: readonly string[]): ListType {
  const field = path[path.length - 1] ?? '';
  const parent = path.slice(0, -1);
  const parentField = parent[parent.length - 1] ?? '';
  if (field === 'finalizers') return parent.length === 1 && parent[0] === 'metadata' ? { type: 'set' } : ATOMIC;
  if (field === 'ownerReferences') return { type: 'map', keys: ['uid'] };
  if (field === 'claims' && parentField === 'resources') return NAME;
  if (CONTAINER_FIELDS.has(parentField) && CONTAINER_LISTS[field]) return CONTAINER_LISTS[field];
  if (isPodSpec(kind, parent) && POD_SPEC_LISTS[field]) return POD_SPEC_LISTS[field];
  if (kind === 'Service' && path.join('.') === 'spec.ports') {
    return { type: 'map', keys: ['port', 'protocol'], defaults: { protocol: 'TCP' } };
  }
  if (kind === 'ServiceAccount' && path.join('.') === 'secrets') return NAME;
  if (parent.length === 1 && parent[0] === 'status') {
    if (field === 'conditions') return kind === 'Job' ? ATOMIC : TYPE;
    if (field === 'addresses' && kind === 'Node') return TYPE;
    if (field === 'podIPs' && kind === 'Pod') return { type: 'map', keys: ['ip'] };
  }
  if (kind === 'Node' && path.join('.') === 'spec.podCIDRs') return { type: 'set' };
  return ATOMIC;
}

/** `spec` of a Pod, or any `template.spec` (workloads, PodTemplates, a CronJob's job template). */
function isPodSpec(kind: string, path: readonly string[]): boolean {
  if (path.length === 1 && path[0] === 'spec') return kind === 'Pod';
  return path.length >= 2 && path[path.length - 1] === 'spec' && path[path.length - 2] === 'template';
}

/** Structs and maps owned as a whole: a LabelSelector, a nodeSelector, key references … */
const ATOMIC_OBJECT_FIELDS = new Set([
  'selector',
  'nodeSelector',
  'labelSelector',
  'namespaceSelector',
  'podSelector',
  'configMapKeyRef',
  'secretKeyRef',
  'fieldRef',
  'resourceFieldRef',
  'requiredDuringSchedulingIgnoredDuringExecution',
  'scaleTargetRef',
  'roleRef',
]);

/** The object at `path` is atomic: replaced whole by an apply, owned as one field. */
export function isAtomicObject(path: readonly string[]): boolean {
  return ATOMIC_OBJECT_FIELDS.has(path[path.length - 1] ?? '');
}

/** An item of the list at `path` is itself atomic (OwnerReference, LocalObjectReference, ObjectReference). */
export function isAtomicItem(kind: string, path: readonly string[]): boolean {
  const field = path[path.length - 1] ?? '';
  if (field === 'ownerReferences') return true;
  if (kind === 'ServiceAccount' && path.join('.') === 'secrets') return true;
  return field === 'imagePullSecrets' && listTypeAt(kind, path).type === 'map';
}
