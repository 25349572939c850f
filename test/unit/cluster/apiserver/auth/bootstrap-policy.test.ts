/** kube-apiserver 1.32's bootstrap RBAC policy (plus kubeadm's), created through the API and aggregated. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClusterRole, PolicyRule } from '../../../../../src/shared/api/rbac.js';
import type { AuthorizationAttributes } from '../../../../../src/main/cluster/apiserver/auth/authorizer.js';
import { bootstrapPolicy, type RbacPolicy } from '../../../../../src/main/cluster/apiserver/auth/bootstrap-policy.js';
import { kubeadmPolicy } from '../../../../../src/main/cluster/apiserver/auth/kubeadm-policy.js';
import { RbacAuthorizer } from '../../../../../src/main/cluster/apiserver/auth/rbac-authorizer.js';
import { readerFromStore } from '../../../../../src/main/cluster/apiserver/auth/rbac-reader.js';
import { KUBEADM_ADMIN, KUBE_CONTROLLER_MANAGER, KUBE_PROXY, KUBE_SCHEDULER, nodeUser, serviceAccountUser, type UserInfo } from '../../../../../src/main/cluster/apiserver/auth/user.js';
import { ClusterRoleAggregationController } from '../../../../../src/main/cluster/controllers/clusterrole-aggregation.js';
import { CLUSTER_ROLES, CLUSTER_ROLE_BINDINGS, ROLES, ROLE_BINDINGS } from '../../../../../src/main/cluster/client/resources.js';
import { type TestCluster, expectOk, makeCluster } from '../../../helpers/cluster.js';

let cluster: TestCluster;

function install(policy: RbacPolicy): void {
  const client = cluster.client('kube-apiserver');
  for (const role of policy.clusterRoles) expectOk(client.create(CLUSTER_ROLES, undefined, role));
  for (const binding of policy.clusterRoleBindings) expectOk(client.create(CLUSTER_ROLE_BINDINGS, undefined, binding));
  for (const role of policy.roles) expectOk(client.create(ROLES, role.metadata.namespace, role));
  for (const binding of policy.roleBindings) expectOk(client.create(ROLE_BINDINGS, binding.metadata.namespace, binding));
}

beforeEach(() => {
  cluster = makeCluster();
  install(bootstrapPolicy());
  install(kubeadmPolicy());
  cluster.disposables.add(new ClusterRoleAggregationController(cluster.client('kube-controller-manager'), cluster.clock)).start();
  cluster.settle();
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function clusterRole(name: string): ClusterRole {
  return expectOk(cluster.client().get<ClusterRole>(CLUSTER_ROLES, undefined, name));
}

function allows(user: UserInfo, verb: string, resource: string, extra: Partial<AuthorizationAttributes> = {}): boolean {
  const [name, subresource] = resource.split('/');
  const authorizer = new RbacAuthorizer(readerFromStore(cluster.store));
  return authorizer.authorize({ user, verb, resourceRequest: true, apiGroup: '', resource: name, ...(subresource ? { subresource } : {}), ...extra }).decision === 'Allow';
}

function canGetPath(user: UserInfo, path: string): boolean {
  return new RbacAuthorizer(readerFromStore(cluster.store)).authorize({ user, verb: 'get', resourceRequest: false, path }).decision === 'Allow';
}

const sameRules = (a: PolicyRule[] | undefined): PolicyRule[] => a ?? [];

describe('bootstrap policy objects', () => {
  it('labels every role and binding rbac-defaults with autoupdate "true"', () => {
    const policy = bootstrapPolicy();
    for (const obj of [...policy.clusterRoles, ...policy.clusterRoleBindings, ...policy.roles, ...policy.roleBindings]) {
      expect(obj.metadata.labels?.['kubernetes.io/bootstrapping']).toBe('rbac-defaults');
      expect(obj.metadata.annotations).toEqual({ 'rbac.authorization.kubernetes.io/autoupdate': 'true' });
    }
  });

  it('returns fresh copies on every call', () => {
    const first = bootstrapPolicy();
    first.clusterRoles[0]!.metadata.name = 'changed';
    first.clusterRoles[1]!.rules!.pop();
    const second = bootstrapPolicy();
    expect(second.clusterRoles[0]!.metadata.name).toBe('admin');
    expect(second.clusterRoles[1]!.rules).toHaveLength(2);
  });

  it('binds every controller role to its kube-system service account', () => {
    const policy = bootstrapPolicy();
    const binding = policy.clusterRoleBindings.find((b) => b.metadata.name === 'system:controller:deployment-controller');
    expect(binding?.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:controller:deployment-controller' });
    expect(binding?.subjects).toEqual([{ kind: 'ServiceAccount', name: 'deployment-controller', namespace: 'kube-system' }]);
    const controllerRoles = policy.clusterRoles.filter((r) => r.metadata.name?.startsWith('system:controller:'));
    const controllerBindings = policy.clusterRoleBindings.filter((b) => b.metadata.name?.startsWith('system:controller:'));
    expect(controllerBindings.map((b) => b.metadata.name)).toEqual(controllerRoles.map((r) => r.metadata.name));
  });

  it('gives cluster-admin everything, resources and non-resource URLs', () => {
    expect(clusterRole('cluster-admin').rules).toEqual([
      { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
      { verbs: ['*'], nonResourceURLs: ['*'] },
    ]);
  });
});

describe('aggregated admin, edit and view, as kube-controller-manager fills them', () => {
  it('gives view exactly the system:aggregate-to-view rules', () => {
    expect(clusterRole('view').rules).toEqual(clusterRole('system:aggregate-to-view').rules);
    expect(clusterRole('view').aggregationRule).toEqual({ clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }] });
  });

  it('gives edit the aggregate-to-edit rules then view’s (roles by name)', () => {
    expect(clusterRole('edit').rules).toEqual([...sameRules(clusterRole('system:aggregate-to-edit').rules), ...sameRules(clusterRole('view').rules)]);
  });

  it('gives admin edit’s rules then the aggregate-to-admin ones', () => {
    expect(clusterRole('admin').rules).toEqual([...sameRules(clusterRole('edit').rules), ...sameRules(clusterRole('system:aggregate-to-admin').rules)]);
  });

  it('is stable: a second controller writes nothing', () => {
    const revision = cluster.revision();
    cluster.disposables.add(new ClusterRoleAggregationController(cluster.client('kube-controller-manager'), cluster.clock)).start();
    cluster.settle();
    expect(cluster.revision()).toBe(revision);
  });
});

describe('what the bootstrap bindings allow', () => {
  const JANE: UserInfo = { username: 'jane', groups: ['system:authenticated'] };
  const ANONYMOUS: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

  it.each<[string, UserInfo, string, string, Partial<AuthorizationAttributes>, boolean]>([
    ['any authenticated user may create a SelfSubjectAccessReview (system:basic-user)', JANE, 'create', 'selfsubjectaccessreviews', { apiGroup: 'authorization.k8s.io' }, true],
    ['but may not list pods', JANE, 'list', 'pods', { namespace: 'default' }, false],
    ['kubeadm’s kubernetes-admin is cluster-admin through kubeadm:cluster-admins', KUBEADM_ADMIN, 'delete', 'nodes', {}, true],
    ['the scheduler binds pods', KUBE_SCHEDULER, 'create', 'pods/binding', { namespace: 'default' }, true],
    ['the scheduler may not delete nodes', KUBE_SCHEDULER, 'delete', 'nodes', {}, false],
    ['the scheduler takes its lease by name only', KUBE_SCHEDULER, 'update', 'leases', { apiGroup: 'coordination.k8s.io', namespace: 'kube-system', name: 'kube-scheduler' }, true],
    ['not another lease outside kube-system', KUBE_SCHEDULER, 'update', 'leases', { apiGroup: 'coordination.k8s.io', namespace: 'default', name: 'other' }, false],
    ['the scheduler’s leader-locking Role covers any lease in kube-system', KUBE_SCHEDULER, 'update', 'leases', { apiGroup: 'coordination.k8s.io', namespace: 'kube-system' }, true],
    ['the controller manager lists everything', KUBE_CONTROLLER_MANAGER, 'list', 'deployments', { apiGroup: 'apps' }, true],
    ['kube-proxy watches EndpointSlices', KUBE_PROXY, 'watch', 'endpointslices', { apiGroup: 'discovery.k8s.io' }, true],
    ['the deployment controller’s service account writes ReplicaSets', serviceAccountUser('kube-system', 'deployment-controller'), 'create', 'replicasets', { apiGroup: 'apps', namespace: 'default' }, true],
    ['a node renews node-autoapproval (selfnodeclient) through kubeadm', nodeUser('node01'), 'create', 'certificatesigningrequests/selfnodeclient', { apiGroup: 'certificates.k8s.io' }, true],
    ['a node gets nothing from the empty system:node binding', nodeUser('node01'), 'list', 'secrets', { namespace: 'default' }, false],
  ])('%s', (_name, user, verb, resource, extra, allowed) => {
    expect(allows(user, verb, resource, extra)).toBe(allowed);
  });

  it.each<[string, UserInfo, string, boolean]>([
    ['anonymous users may read /healthz (system:public-info-viewer)', ANONYMOUS, '/healthz', true],
    ['anonymous users may not read /apis (system:discovery binds authenticated users only)', ANONYMOUS, '/apis', false],
    ['authenticated users read discovery', JANE, '/apis/apps/v1', true],
    ['nobody but system:monitoring reads /metrics', JANE, '/metrics', false],
    ['system:monitoring reads /metrics', { username: 'prometheus', groups: ['system:monitoring'] }, '/metrics', true],
  ])('%s', (_name, user, path, allowed) => {
    expect(canGetPath(user, path)).toBe(allowed);
  });

  it('lets a RoleBinding to view read pods but not secrets, and one to edit read secrets', () => {
    const bind = (namespace: string, role: string): void => {
      expectOk(
        cluster.client().create(ROLE_BINDINGS, namespace, {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'RoleBinding',
          metadata: { name: `jane-${role}` },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
          subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'jane' }],
        }),
      );
    };
    bind('default', 'view');
    bind('kube-public', 'edit');
    expect(allows(JANE, 'list', 'pods', { namespace: 'default' })).toBe(true);
    expect(allows(JANE, 'get', 'pods/log', { namespace: 'default' })).toBe(true);
    expect(allows(JANE, 'get', 'secrets', { namespace: 'default' })).toBe(false);
    expect(allows(JANE, 'get', 'secrets', { namespace: 'kube-public' })).toBe(true);
    expect(allows(JANE, 'create', 'deployments', { apiGroup: 'apps', namespace: 'kube-public' })).toBe(true);
    expect(allows(JANE, 'create', 'rolebindings', { apiGroup: 'rbac.authorization.k8s.io', namespace: 'kube-public' })).toBe(false);
  });
});
