/**
 * The API server's request and response shapes: a REST request as kube-apiserver sees it after
 * routing (verb, group/version/resource, namespace, name, subresource, query), so the in-process
 * client and the HTTPS front end feed the same code.
 */
import type { KubeObject, Status, Table } from '../../../shared/api/meta.js';
import type { UserInfo } from './auth/user.js';

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export type { UserInfo } from './auth/user.js';

/** Impersonate-User / Impersonate-Group / Impersonate-Uid (kubectl `--as`, `--as-group`, `--as-uid`). */
export interface Impersonation {
  user: string;
  groups?: string[];
  uid?: string;
}

export interface RequestQuery {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  /** `All` for a dry run. */
  dryRun?: 'All';
  fieldManager?: string;
  /** Server-side apply: take ownership of conflicting fields. */
  force?: boolean;
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  /** Ask for server-side printing (`Accept: application/json;as=Table;…`). */
  asTable?: boolean;
  /** Include the object in table rows (`includeObject=Object`); default metadata only. */
  includeObject?: 'None' | 'Metadata' | 'Object';
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
  /** pods/log options. */
  container?: string;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  timestamps?: boolean;
  follow?: boolean;
  /** pods/log: RFC 3339 time of the oldest line wanted; the most bytes to return. */
  sinceTime?: string;
  limitBytes?: number;
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  /** Deprecated: true orphans dependents, false deletes them in the background (and a 202 answers a deletion that is not yet done). */
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: string[];
}

export interface ApiRequest {
  verb: Verb;
  /** '' for the core group. */
  group: string;
  version: string;
  /** Plural resource name, e.g. `pods`. */
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  body?: unknown;
  patchType?: PatchType;
  query?: RequestQuery;
  deleteOptions?: DeleteOptions;
  /** The authenticated user; unset means the server's own loopback identity. */
  user?: UserInfo;
  impersonate?: Impersonation;
  /** Who sent it, for the trace: `kubectl`, `kube-scheduler`, `kubelet/node01` … */
  agent?: string;
}

export type ApiResult<T = KubeObject> = { ok: true; code: number; value: T; warnings?: string[] } | { ok: false; status: Status };

export type ListResult = ApiResult<{ apiVersion: string; kind: string; metadata: { resourceVersion: string; continue?: string }; items: KubeObject[] }>;

export type TableResult = ApiResult<Table>;

export interface WatchEventObject {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject | Status;
}
