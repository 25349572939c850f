/**
 * What the RBAC authorizer reads: ClusterRoles, Roles and their bindings (kube-apiserver reads them
 * from informer caches). Adapters build it from the server's StrategyContext, from any
 * list/get pair, or straight from etcd (what the lab hands the authorizer at boot, so authorizing
 * a request never goes back through the API server and its trace).
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import { RBAC_GROUP, type ClusterRole, type ClusterRoleBinding, type Role, type RoleBinding } from '../../../../shared/api/rbac.js';
import type { EtcdClient, KeyValue } from '../../store/etcd-client.js';

export interface RbacReader {
  clusterRoleBindings(): ClusterRoleBinding[];
  roleBindings(namespace: string): RoleBinding[];
  clusterRole(name: string): ClusterRole | undefined;
  role(namespace: string, name: string): Role | undefined;
}

export type ListFn = (group: string, resource: string, namespace: string | undefined) => KubeObject[];
export type GetFn = (group: string, resource: string, namespace: string | undefined, name: string) => KubeObject | undefined;

export function readerFromLookup(list: ListFn, get: GetFn): RbacReader {
  return {
    clusterRoleBindings: () => list(RBAC_GROUP, 'clusterrolebindings', undefined) as ClusterRoleBinding[],
    roleBindings: (namespace) => list(RBAC_GROUP, 'rolebindings', namespace) as RoleBinding[],
    clusterRole: (name) => get(RBAC_GROUP, 'clusterroles', undefined, name) as ClusterRole | undefined,
    role: (namespace, name) => get(RBAC_GROUP, 'roles', namespace, name) as Role | undefined,
  };
}

/** From a StrategyContext (admission plugins, reviews). */
export function readerFromContext(ctx: { listIn: ListFn; get: GetFn }): RbacReader {
  return readerFromLookup(
    (group, resource, namespace) => ctx.listIn(group, resource, namespace),
    (group, resource, namespace, name) => ctx.get(group, resource, namespace, name),
  );
}

/** Straight from etcd's `/registry/<resource>/[<namespace>/]<name>` keys, as the registry stores them. */
export function readerFromStore(etcd: Pick<EtcdClient, 'range'>): RbacReader {
  // Like an informer cache: each key's value is parsed once per revision of that key, since every
  // request is authorized and roles and bindings rarely change. Callers never mutate what they get.
  const parsed = new Map<string, { modRevision: number; object: KubeObject }>();
  const decode = (kv: KeyValue): KubeObject => {
    const cached = parsed.get(kv.key);
    if (cached?.modRevision === kv.modRevision) return cached.object;
    const object = JSON.parse(kv.value) as KubeObject;
    parsed.set(kv.key, { modRevision: kv.modRevision, object });
    return object;
  };
  const list = (prefix: string): KubeObject[] => etcd.range(prefix, { prefix: true }).kvs.map(decode);
  const get = (key: string): KubeObject | undefined => {
    const kv = etcd.range(key).kvs[0];
    if (!kv) {
      parsed.delete(key);
      return undefined;
    }
    return decode(kv);
  };
  return {
    clusterRoleBindings: () => list('/registry/clusterrolebindings/') as ClusterRoleBinding[],
    roleBindings: (namespace) => list(`/registry/rolebindings/${namespace}/`) as RoleBinding[],
    clusterRole: (name) => get(`/registry/clusterroles/${name}`) as ClusterRole | undefined,
    role: (namespace, name) => get(`/registry/roles/${namespace}/${name}`) as Role | undefined,
  };
}
