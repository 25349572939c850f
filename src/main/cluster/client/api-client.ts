/**
 * The in-process API client: what client-go is to a Kubernetes component. Every component
 * (scheduler, controllers, kubelets, kubectl, lesson checks) talks to the cluster only through it,
 * under its own agent name so the trace shows who asked.
 */
import type { KubeObject, Table } from '../../../shared/api/meta.js';
import type { Disposable } from '../../../shared/lifecycle.js';
import type { ApiServer, DiscoveredResource } from '../apiserver/api-server.js';
import type { ApiRequest, ApiResult, DeleteOptions, Impersonation, PatchType, RequestQuery, UserInfo, WatchEventObject } from '../apiserver/types.js';
import type { ResourceRef } from './resources.js';

export interface ListValue<T extends KubeObject = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string; continue?: string };
  items: T[];
}

export class ApiClient {
  constructor(
    private readonly server: ApiServer,
    /** Shown in the trace: `kubectl`, `kube-scheduler`, `kubelet/node01` … */
    readonly agent: string,
    /** The identity its credentials authenticate as; unset: the server's loopback (superuser) identity. */
    readonly user?: UserInfo,
    /** `--as` / `--as-group`: every request asks to run as someone else. */
    readonly impersonation?: Impersonation,
    /**
     * Where informers list and watch: kube-controller-manager's shared informers run under the
     * manager's own identity while each controller writes with its service account's.
     */
    readonly informerClient?: ApiClient,
    /** Told each warning the server answers with (client-go's WarningHandler); unset: ignored. */
    readonly warningHandler?: (warning: string) => void,
  ) {}

  /** A client for the same server under another name (e.g. a kubelet per node), same identity. */
  as(agent: string): ApiClient {
    return new ApiClient(this.server, agent, this.user, this.impersonation, this.informerClient, this.warningHandler);
  }

  /** The same client authenticated as another user. */
  withUser(user: UserInfo): ApiClient {
    return new ApiClient(this.server, this.agent, user, this.impersonation, this.informerClient, this.warningHandler);
  }

  /** The same client impersonating someone (kubectl `--as`, `--as-group`). */
  impersonating(impersonation: Impersonation | undefined): ApiClient {
    return new ApiClient(this.server, this.agent, this.user, impersonation, this.informerClient, this.warningHandler);
  }

  /** The same client whose informers list and watch through `informers` (shared informers). */
  withSharedInformers(informers: ApiClient): ApiClient {
    return new ApiClient(this.server, this.agent, this.user, this.impersonation, informers, this.warningHandler);
  }

  /** The same client, handing the server's warnings to `handler`. */
  withWarningHandler(handler: (warning: string) => void): ApiClient {
    return new ApiClient(this.server, this.agent, this.user, this.impersonation, this.informerClient, handler);
  }

  discovery(): DiscoveredResource[] {
    return this.server.discovery();
  }

  request<T = unknown>(request: Omit<ApiRequest, 'agent'>): ApiResult<T> {
    const result = this.server.handle({ ...request, agent: this.agent, user: this.user, impersonate: this.impersonation }) as ApiResult<T>;
    if (result.ok && result.warnings && this.warningHandler) result.warnings.forEach(this.warningHandler);
    return result;
  }

  get<T extends KubeObject = KubeObject>(ref: ResourceRef, namespace: string | undefined, name: string): ApiResult<T> {
    return this.request<T>({ verb: 'get', ...ref, namespace, name });
  }

  getTable(ref: ResourceRef, namespace: string | undefined, name: string): ApiResult<Table> {
    return this.request<Table>({ verb: 'get', ...ref, namespace, name, query: { asTable: true } });
  }

  list<T extends KubeObject = KubeObject>(ref: ResourceRef, namespace?: string, query: RequestQuery = {}): ApiResult<ListValue<T>> {
    return this.request<ListValue<T>>({ verb: 'list', ...ref, namespace, query });
  }

  listTable(ref: ResourceRef, namespace?: string, query: RequestQuery = {}): ApiResult<Table> {
    return this.request<Table>({ verb: 'list', ...ref, namespace, query: { ...query, asTable: true } });
  }

  create<T extends KubeObject = KubeObject>(ref: ResourceRef, namespace: string | undefined, body: KubeObject, query: RequestQuery = {}): ApiResult<T> {
    return this.request<T>({ verb: 'create', ...ref, namespace, body, query });
  }

  update<T extends KubeObject = KubeObject>(ref: ResourceRef, namespace: string | undefined, body: KubeObject, query: RequestQuery = {}): ApiResult<T> {
    return this.request<T>({ verb: 'update', ...ref, namespace, name: body.metadata.name, body, query });
  }

  updateStatus<T extends KubeObject = KubeObject>(ref: ResourceRef, namespace: string | undefined, body: KubeObject): ApiResult<T> {
    return this.request<T>({ verb: 'update', ...ref, subresource: 'status', namespace, name: body.metadata.name, body });
  }

  patch<T extends KubeObject = KubeObject>(
    ref: ResourceRef,
    namespace: string | undefined,
    name: string,
    patchType: PatchType,
    body: unknown,
    options: { subresource?: string; query?: RequestQuery } = {},
  ): ApiResult<T> {
    return this.request<T>({ verb: 'patch', ...ref, namespace, name, patchType, body, subresource: options.subresource, query: options.query });
  }

  /**
   * The answer is the object while it is being deleted (grace period, finalizers) or when its registry
   * returns deleted objects (Pods, Services, Namespaces …); otherwise a Success Status naming it.
   */
  delete<T extends KubeObject = KubeObject>(ref: ResourceRef, namespace: string | undefined, name: string, options: DeleteOptions = {}): ApiResult<T> {
    return this.request<T>({ verb: 'delete', ...ref, namespace, name, deleteOptions: options });
  }

  /** POST pods/<name>/binding: how the scheduler assigns a Pod to a node. */
  bind(namespace: string, name: string, node: string): ApiResult<unknown> {
    return this.request({
      verb: 'create',
      group: '',
      version: 'v1',
      resource: 'pods',
      subresource: 'binding',
      namespace,
      name,
      body: { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace }, target: { apiVersion: 'v1', kind: 'Node', name: node } },
    });
  }

  watch(ref: ResourceRef, namespace: string | undefined, query: RequestQuery, onEvent: (event: WatchEventObject) => void, name?: string): ApiResult<Disposable> {
    return this.server.watch({ verb: 'watch', ...ref, namespace, name, query, agent: this.agent, user: this.user, impersonate: this.impersonation }, onEvent);
  }
}
