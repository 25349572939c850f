/**
 * What the API server knows about one resource: its names (for discovery and kubectl's short
 * names), where it lives in etcd, and its strategy (decoding, defaulting, allocation, validation,
 * status handling, graceful deletion) and table printer — the per-kind pieces of kube-apiserver's
 * registry.
 */
import type { KubeObject, Status, TableColumnDefinition } from '../../../../shared/api/meta.js';
import type { Random } from '../../../base/random.js';
import type { FieldError } from '../errors.js';
import type { AuthorizationAttributes, AuthorizationResult, RuleResolver } from '../auth/authorizer.js';
import type { UserInfo } from '../auth/user.js';
import type { ApiRequest, ApiResult } from '../types.js';

/** kube-apiserver flags that registries read. */
export interface RegistryConfig {
  /** --service-cluster-ip-range */
  serviceClusterIPRange: string;
  /** --service-node-port-range */
  serviceNodePortRange: string;
}

export const DEFAULT_REGISTRY_CONFIG: RegistryConfig = {
  serviceClusterIPRange: '10.96.0.0/12',
  serviceNodePortRange: '30000-32767',
};

export interface StrategyContext {
  now(): number;
  random: Random;
  readonly config: RegistryConfig;
  /**
   * An independent seeded stream for one allocator (`service-cluster-ip-allocator` …), as kube-apiserver's
   * allocators own their rand source: drawing from it never shifts uids or generated names.
   */
  stream(label: string): Random;
  /** Every stored object of a resource, all namespaces: what an allocator sees as taken. */
  list(group: string, resource: string): KubeObject[];
  /** The stored objects of a resource in one namespace (all when undefined). */
  listIn(group: string, resource: string, namespace: string | undefined): KubeObject[];
  /** One stored object, or undefined. */
  get(group: string, resource: string, namespace: string | undefined, name: string): KubeObject | undefined;
  /**
   * A request the API server makes of itself (the loopback client, `system:apiserver`): it passes
   * authorization and admission plugins see it as that user. Used by subresources (eviction deletes
   * the Pod) and admission (ResourceQuota writes `status.used`).
   */
  internal(request: Omit<ApiRequest, 'user' | 'agent'>): ApiResult<unknown>;
  /** The server's authorizer, for the access reviews. */
  authorize(attributes: AuthorizationAttributes): AuthorizationResult;
  /** The server's rule resolver, for SelfSubjectRulesReview. */
  readonly rules: RuleResolver;
}

/**
 * A subresource served by code rather than storage: `pods/eviction`, `pods/log`,
 * `serviceaccounts/token`. The parent object has been read (404 before this when missing).
 */
export interface SubresourceHandler {
  /** The verbs it answers (`create` for eviction and token, `get` for log). */
  readonly verbs: readonly string[];
  handle(request: ApiRequest & { user: UserInfo }, parent: KubeObject, ctx: StrategyContext): ApiResult<unknown>;
}

/**
 * A resource with no storage (SelfSubjectAccessReview, metrics.k8s.io PodMetrics): each verb is
 * answered by code. Create-only reviews return the object with its status filled in.
 */
export interface VirtualResource {
  create?(request: ApiRequest & { user: UserInfo }, body: KubeObject, ctx: StrategyContext): ApiResult<unknown>;
  get?(request: ApiRequest & { user: UserInfo }, ctx: StrategyContext): ApiResult<unknown>;
  list?(request: ApiRequest & { user: UserInfo }, ctx: StrategyContext): ApiResult<unknown>;
}

/** An object the API server deletes together with another (a Service's Endpoints). */
export interface DependentRef {
  group: string;
  resource: string;
  namespace?: string;
  name: string;
}

export interface Strategy {
  /** Spec changes bump metadata.generation (Deployments …); Pods and Nodes do not track it. */
  readonly tracksGeneration?: boolean;
  /** Has a `/status` subresource: the main endpoint ignores status changes, `/status` ignores the rest. */
  readonly hasStatusSubresource?: boolean;
  /**
   * `/status` also writes metadata.annotations (deploymentStatusStrategy keeps only spec and labels:
   * the deployment controller records `deployment.kubernetes.io/revision` this way, without a new
   * generation).
   */
  readonly statusUpdatesAnnotations?: boolean;
  /**
   * AllowUnconditionalUpdate: an update that names no resourceVersion overwrites whatever is stored.
   * True for every built-in kind (Pods, Nodes …); set false to demand a resourceVersion.
   */
  readonly allowUnconditionalUpdate?: boolean;
  /**
   * Objects live this many seconds after their last write, then etcd's lease expires and deletes
   * them (Events: kube-apiserver's `--event-ttl`, 1 h).
   */
  readonly ttlSeconds?: number;
  /**
   * The Store's ReturnDeletedObject: a delete that removes the object from storage answers with the
   * object rather than a Status naming it (`{"status":"Success","details":{name,group,kind:<plural>,uid}}`).
   * Set by the registries of Pods, Services, ServiceAccounts, Namespaces, PodTemplates, PVs, PVCs,
   * ResourceQuotas, StorageClasses, VolumeAttachments, CSIDrivers and CSINodes.
   */
  readonly returnDeletedObject?: boolean;
  /**
   * Decoding the v1 JSON into the stored form (Secret `stringData` into `data`, base64 checks):
   * returns Go's decode error text (`illegal base64 data at input byte 4`) for a 400, or undefined.
   */
  decode?(obj: KubeObject): string | undefined;
  /**
   * The kind's own unknown-field pruning, in place of the generated schema's (custom resources prune
   * by their CRD's structural schema): removes the fields and returns their paths (`spec.foo`).
   */
  pruneUnknownFields?(obj: KubeObject): string[];
  /**
   * The REST storage's Delete override, on the first delete of an object (before the deletion is
   * stored): finalizers and conditions to add — a CRD gets `customresourcecleanup.apiextensions.k8s.io`.
   */
  beginDelete?(obj: KubeObject, ctx: StrategyContext): void;
  /** Scheme defaulting (SetDefaults_<Kind>) whenever a body is decoded: creates and updates, `/status` too. */
  applyDefaults?(obj: KubeObject): void;
  /**
   * The registry's BeginCreate hook, before PrepareForCreate and validation: allocations from
   * shared pools (Service cluster IPs and node ports). A Status refuses the request.
   */
  beginCreate?(obj: KubeObject, ctx: StrategyContext): Status | undefined;
  /** BeginUpdate: allocations on update (after the patch is applied), before PrepareForUpdate. */
  beginUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): Status | undefined;
  /** Defaults and admission mutations on create (mutates `obj`). */
  prepareForCreate?(obj: KubeObject, ctx: StrategyContext): void;
  /** Mutations on update of the main resource (mutates `obj`; `old` is read-only). */
  prepareForUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  validate?(obj: KubeObject): FieldError[];
  validateUpdate?(obj: KubeObject, old: KubeObject): FieldError[];
  /** Validation of a `/status` update (the main resource's rules do not apply there). */
  validateStatusUpdate?(obj: KubeObject, old: KubeObject): FieldError[];
  /**
   * Update strategies of writable subresources (CSR `status` and `approval`): PrepareForUpdate on
   * the merged object, and ValidateUpdate in place of the main resource's (or validateStatusUpdate).
   * A subresource other than `status` named here receives the whole object sent; its `prepare`
   * keeps from `old` whatever that subresource may not change.
   */
  readonly subresourceUpdates?: Readonly<Record<string, SubresourceUpdateStrategy>>;
  /**
   * Finalizers kept outside metadata (a Namespace's `spec.finalizers`): the first delete only marks
   * the object and later ones delete it once these and metadata's are gone, and an update that
   * empties both deletes it (namespace storage's Delete and ShouldDeleteNamespaceDuringUpdate).
   */
  specFinalizers?(obj: KubeObject): readonly string[];
  /** AfterDelete: objects removed together with this one once it is gone from storage. */
  dependents?(obj: KubeObject): DependentRef[];
  /** Seconds of graceful deletion to apply, or undefined to delete at once. */
  gracePeriod?(obj: KubeObject, requested: number | undefined): number | undefined;
  /** Value of a field selector path for this kind (beyond metadata.name / metadata.namespace). */
  selectableField?(obj: KubeObject, field: string): string | undefined;
  /** Field selector paths this kind supports (for the "field label not supported" error). */
  readonly selectableFields?: readonly string[];
  /**
   * Selectable fields the watch cache keeps an index of (its indexers, e.g. Events by
   * `involvedObject.name`), so an equality field selector on one visits only its candidates.
   */
  readonly indexedFields?: readonly string[];
}

export interface SubresourceUpdateStrategy {
  prepare?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  validate?(obj: KubeObject, old: KubeObject): FieldError[];
}

export type TableCells = Array<string | number | boolean | null>;

export interface TablePrinter {
  columns: TableColumnDefinition[];
  cells(obj: KubeObject, now: number): TableCells;
  /**
   * Optionally, `cells` in two steps, for lists served from the list cache: what an object shows
   * whatever the time (made once per stored version and kept with it), then the cells at `now`.
   */
  rowFacts?(obj: KubeObject): unknown;
  cellsFrom?(facts: unknown, now: number): TableCells;
}

/** A printer whose time-independent work is done once per stored version (see TablePrinter). */
export function splitPrinter<F>(columns: TableColumnDefinition[], rowFacts: (obj: KubeObject) => F, cellsFrom: (facts: F, now: number) => TableCells): TablePrinter {
  return {
    columns,
    cells: (obj, now) => cellsFrom(rowFacts(obj), now),
    rowFacts,
    cellsFrom: cellsFrom as (facts: unknown, now: number) => TableCells,
  };
}

export interface ResourceDefinition {
  group: string;
  version: string;
  kind: string;
  /** Plural, lowercase: the REST path segment (`pods`). */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  /** etcd key segment: `/registry/<storagePrefix>/…` (Nodes live under `minions`). */
  storagePrefix: string;
  verbs: string[];
  subresources: string[];
  strategy: Strategy;
  printer?: TablePrinter;
  /** Subresources answered by code, by name (`eviction`, `log`, `token`). */
  subresourceHandlers?: Readonly<Record<string, SubresourceHandler>>;
  /** Set for resources that are never stored: every verb goes to this code. */
  virtual?: VirtualResource;
  /**
   * Set when this version is a view of objects stored in another version's form (events.k8s.io/v1
   * Events are core v1 Events in etcd): applied when reading from and writing to storage.
   */
  conversion?: StorageConversion;
}

/** Conversion between a served version and the form its objects are stored in. */
export interface StorageConversion {
  toStorage(obj: KubeObject): KubeObject;
  fromStorage(obj: KubeObject): KubeObject;
}

export function apiVersionOf(def: Pick<ResourceDefinition, 'group' | 'version'>): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export function column(name: string, type: string, description: string, priority = 0, format = ''): TableColumnDefinition {
  return { name, type, format, description, priority };
}
