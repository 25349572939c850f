/** RBAC enforced by the API server: the Forbidden messages kube-apiserver 1.32 returns, bindings taking effect, impersonation. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClusterRole, RoleBinding, Subject } from '../../../../../src/shared/api/rbac.js';
import type { UserInfo } from '../../../../../src/main/cluster/apiserver/auth/user.js';
import type { ApiClient } from '../../../../../src/main/cluster/client/api-client.js';
import { CLUSTER_ROLES, CLUSTER_ROLE_BINDINGS, NODES, PODS, ROLE_BINDINGS, SECRETS } from '../../../../../src/main/cluster/client/resources.js';
import { type TestCluster, createPod, expectOk, expectStatus } from '../../../helpers/cluster.js';
import { rbacCluster } from './rbac-cluster.js';

const RBAC = 'rbac.authorization.k8s.io';
const JANE: UserInfo = { username: 'jane', groups: ['system:authenticated'] };

let cluster: TestCluster;
let admin: ApiClient;
let jane: ApiClient;

beforeEach(() => {
  cluster = rbacCluster();
  admin = cluster.client('kubectl');
  jane = cluster.client('kubectl', JANE);
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function clusterRole(name: string, rules: ClusterRole['rules']): void {
  expectOk(admin.create(CLUSTER_ROLES, undefined, { apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: { name }, rules } as ClusterRole));
}

function roleBinding(namespace: string, name: string, role: string, subjects: Subject[]): void {
  expectOk(
    admin.create(ROLE_BINDINGS, namespace, { apiVersion: `${RBAC}/v1`, kind: 'RoleBinding', metadata: { name }, roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: role }, subjects } as RoleBinding),
  );
}

function clusterRoleBinding(name: string, role: string, subjects: Subject[]): void {
  expectOk(
    admin.create(CLUSTER_ROLE_BINDINGS, undefined, {
      apiVersion: `${RBAC}/v1`,
      kind: 'ClusterRoleBinding',
      metadata: { name },
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: role },
      subjects,
    } as RoleBinding),
  );
}

const JANE_SUBJECT: Subject = { apiGroup: RBAC, kind: 'User', name: 'jane' };
const POD_READER = [{ verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods'] }];

describe('RBAC through the API server', () => {
  it('refuses an unbound user as kube-apiserver 1.32 does, then allows once a RoleBinding grants it', () => {
    const denied = expectStatus(jane.list(PODS, 'default'));
    expect(denied.code).toBe(403);
    expect(denied.reason).toBe('Forbidden');
    expect(denied.message).toBe('pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"');
    clusterRole('pod-reader', POD_READER);
    roleBinding('default', 'jane-reads-pods', 'pod-reader', [JANE_SUBJECT]);
    expect(expectOk(jane.list(PODS, 'default')).items).toEqual([]);
    createPod(admin, 'web', { namespace: 'kube-system' });
    expect(expectStatus(jane.get(PODS, 'kube-system', 'web')).message).toBe(
      'pods "web" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "kube-system"',
    );
  });

  it('words a cluster-scoped refusal "at the cluster scope" and a write by its verb', () => {
    expect(expectStatus(jane.list(NODES)).message).toBe('nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope');
    expect(expectStatus(jane.create(SECRETS, 'default', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } })).message).toBe(
      'secrets is forbidden: User "jane" cannot create resource "secrets" in API group "" in the namespace "default"',
    );
  });

  it('appends the RBAC reason when a binding references a missing ClusterRole', () => {
    roleBinding('default', 'dangling', 'ghost', [JANE_SUBJECT]);
    expect(expectStatus(jane.list(PODS, 'default')).message).toBe(
      'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default": RBAC: clusterrole.rbac.authorization.k8s.io "ghost" not found',
    );
  });

  it('grants a ClusterRoleBinding everywhere, subresources only when named', () => {
    clusterRole('pod-reader', POD_READER);
    clusterRoleBinding('jane-reads-pods', 'pod-reader', [JANE_SUBJECT]);
    createPod(admin, 'web', { namespace: 'kube-system' });
    expectOk(jane.list(PODS));
    expectOk(jane.get(PODS, 'kube-system', 'web'));
    const status = expectStatus(jane.request({ verb: 'update', group: '', version: 'v1', resource: 'pods', subresource: 'status', namespace: 'kube-system', name: 'web', body: {} }));
    expect(status.message).toBe('pods "web" is forbidden: User "jane" cannot update resource "pods/status" in API group "" in the namespace "kube-system"');
  });

  it('refuses watches too', () => {
    expect(expectStatus(jane.watch(PODS, 'default', {}, () => undefined)).message).toBe(
      'pods is forbidden: User "jane" cannot watch resource "pods" in API group "" in the namespace "default"',
    );
  });

  it('lets system:masters and the loopback client do anything without bindings', () => {
    const masters = cluster.client('kubectl', { username: 'root', groups: ['system:masters', 'system:authenticated'] });
    expectOk(masters.list(NODES));
    expectOk(admin.list(NODES));
  });
});

describe('impersonation under RBAC', () => {
  it('refuses to impersonate without the impersonate verb, as kube-apiserver words it', () => {
    const asJohn = jane.impersonating({ user: 'john' });
    expect(expectStatus(asJohn.list(PODS, 'default')).message).toBe('users "john" is forbidden: User "jane" cannot impersonate resource "users" in API group "" at the cluster scope');
  });

  it('runs as the impersonated user once allowed, and RBAC judges that user', () => {
    clusterRole('impersonator', [{ verbs: ['impersonate'], apiGroups: [''], resources: ['users', 'groups'] }]);
    clusterRoleBinding('jane-impersonates', 'impersonator', [JANE_SUBJECT]);
    const asJohn = jane.impersonating({ user: 'john' });
    expect(expectStatus(asJohn.list(PODS, 'default')).message).toBe('pods is forbidden: User "john" cannot list resource "pods" in API group "" in the namespace "default"');
    clusterRole('pod-reader', POD_READER);
    roleBinding('default', 'john-reads', 'pod-reader', [{ apiGroup: RBAC, kind: 'User', name: 'john' }]);
    expectOk(asJohn.list(PODS, 'default'));
  });

  it('checks each impersonated group by name', () => {
    clusterRole('impersonate-john', [{ verbs: ['impersonate'], apiGroups: [''], resources: ['users'], resourceNames: ['john'] }]);
    clusterRoleBinding('jane-impersonates', 'impersonate-john', [JANE_SUBJECT]);
    expect(expectStatus(jane.impersonating({ user: 'john', groups: ['system:masters'] }).list(NODES)).message).toBe(
      'groups "system:masters" is forbidden: User "jane" cannot impersonate resource "groups" in API group "" at the cluster scope',
    );
  });
});
