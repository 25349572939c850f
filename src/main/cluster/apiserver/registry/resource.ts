/**
 * What the API server knows about one resource: its names (for discovery and kubectl's short
 * names), where it lives in etcd, and its strategy (defaulting, validation, status handling,
 * graceful deletion) and table printer — the per-kind pieces of kube-apiserver's registry.
 */
import type { KubeObject, TableColumnDefinition } from '../../../../shared/api/meta.js';
import type { Random } from '../../../base/random.js';
import type { FieldError } from '../errors.js';

export interface StrategyContext {
  now(): number;
  random: Random;
}

export interface Strategy {
  /** Spec changes bump metadata.generation (Deployments …); Pods and Nodes do not track it. */
  readonly tracksGeneration?: boolean;
  /** Has a `/status` subresource: the main endpoint ignores status changes, `/status` ignores the rest. */
  readonly hasStatusSubresource?: boolean;
  /**
   * AllowUnconditionalUpdate: an update that names no resourceVersion overwrites whatever is stored.
   * True for every built-in kind (Pods, Nodes …); set false to demand a resourceVersion.
   */
  readonly allowUnconditionalUpdate?: boolean;
  /** Defaults and admission mutations on create (mutates `obj`). */
  prepareForCreate?(obj: KubeObject, ctx: StrategyContext): void;
  /** Mutations on update of the main resource (mutates `obj`; `old` is read-only). */
  prepareForUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  validate?(obj: KubeObject): FieldError[];
  validateUpdate?(obj: KubeObject, old: KubeObject): FieldError[];
  /** Seconds of graceful deletion to apply, or undefined to delete at once. */
  gracePeriod?(obj: KubeObject, requested: number | undefined): number | undefined;
  /** Value of a field selector path for this kind (beyond metadata.name / metadata.namespace). */
  selectableField?(obj: KubeObject, field: string): string | undefined;
  /** Field selector paths this kind supports (for the "field label not supported" error). */
  readonly selectableFields?: readonly string[];
}

export interface TablePrinter {
  columns: TableColumnDefinition[];
  cells(obj: KubeObject, now: number): Array<string | number | boolean | null>;
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
}

export function apiVersionOf(def: Pick<ResourceDefinition, 'group' | 'version'>): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export function column(name: string, type: string, description: string, priority = 0, format = ''): TableColumnDefinition {
  return { name, type, format, description, priority };
}
