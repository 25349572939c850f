/** rbac.authorization.k8s.io/v1: Roles, ClusterRoles and their bindings — validation, defaults, printers, storage. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClusterRole, Role, RoleBinding, Subject } from '../../../../src/shared/api/rbac.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { CLUSTER_ROLES, CLUSTER_ROLE_BINDINGS, ROLES, ROLE_BINDINGS } from '../../../../src/main/cluster/client/resources.js';
import { type TestCluster, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';
import { KubectlLab } from '../../kubectl/lab.js';

let cluster: TestCluster;
let client: ApiClient;

beforeEach(() => {
  cluster = makeCluster();
  client = cluster.client('kubectl');
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

const RBAC = 'rbac.authorization.k8s.io/v1';

function role(name: string, fields: Partial<Role>): Role {
  return { apiVersion: RBAC, kind: 'Role', metadata: { name }, ...fields };
}

function clusterRole(name: string, fields: Partial<ClusterRole>): ClusterRole {
  return { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name }, ...fields };
}

function binding(kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, fields: Partial<RoleBinding>): RoleBinding {
  return { apiVersion: RBAC, kind, metadata: { name }, ...fields };
}

function stored<T>(key: string): T {
  return JSON.parse(cluster.store.range(key).kvs[0]!.value) as T;
}

const READ_PODS = { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] };

describe('Role and ClusterRole', () => {
  it('stores them under /registry/roles/<namespace>/<name> and /registry/clusterroles/<name>', () => {
    expectOk(client.create(ROLES, 'default', role('x', { rules: [READ_PODS] })));
    expectOk(client.create(CLUSTER_ROLES, undefined, clusterRole('x', { rules: [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }] })));
    expect(stored<Role>('/registry/roles/default/x').rules).toEqual([READ_PODS]);
    expect(stored<ClusterRole>('/registry/clusterroles/x').rules).toEqual([{ nonResourceURLs: ['/healthz'], verbs: ['get'] }]);
  });

  it.each<[string, Role, string]>([
    ['a rule without verbs', role('r', { rules: [{ apiGroups: [''], resources: ['pods'] }] }), 'rules[0].verbs: Required value: verbs must contain at least one value'],
    ['a resource rule without apiGroups', role('r', { rules: [{ resources: ['pods'], verbs: ['get'] }] }), 'rules[0].apiGroups: Required value: resource rules must supply at least one api group'],
    ['a resource rule without resources', role('r', { rules: [{ apiGroups: [''], verbs: ['get'] }] }), 'rules[0].resources: Required value: resource rules must supply at least one resource'],
    [
      'non-resource URLs in a namespaced Role',
      role('r', { rules: [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }] }),
      'rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs',
    ],
    ['a name with a slash', role('a/b', { rules: [READ_PODS] }), `metadata.name: Invalid value: "a/b": may not contain '/' or '%'`],
  ])('refuses a Role with %s', (_name, body, error) => {
    expect(expectStatus(client.create(ROLES, 'default', body)).message).toBe(`Role.rbac.authorization.k8s.io "${body.metadata.name}" is invalid: ${error}`);
  });

  it('refuses a ClusterRole rule mixing resources and non-resource URLs', () => {
    const body = clusterRole('c', { rules: [{ nonResourceURLs: ['/healthz', '/livez'], resources: ['pods'], verbs: ['get'] }] });
    expect(expectStatus(client.create(CLUSTER_ROLES, undefined, body)).message).toBe(
      'ClusterRole.rbac.authorization.k8s.io "c" is invalid: rules[0].nonResourceURLs: Invalid value: []string{"/healthz", "/livez"}: rules cannot apply to both regular resources and non-resource URLs',
    );
  });

  it('accepts an aggregationRule, and wants at least one selector in it', () => {
    const aggregate = { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate-to-monitoring': 'true' } }] };
    expectOk(client.create(CLUSTER_ROLES, undefined, clusterRole('monitoring', { aggregationRule: aggregate })));
    expect(stored<ClusterRole>('/registry/clusterroles/monitoring').aggregationRule).toEqual(aggregate);
    expect(expectStatus(client.create(CLUSTER_ROLES, undefined, clusterRole('empty', { aggregationRule: {} }))).message).toBe(
      'ClusterRole.rbac.authorization.k8s.io "empty" is invalid: aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil',
    );
  });

  it('prints NAME and CREATED AT (RFC3339)', () => {
    const created = expectOk(client.create(ROLES, 'default', role('pod-reader', { rules: [READ_PODS] })));
    const table = expectOk(client.listTable(ROLES, 'default'));
    expect(table.columnDefinitions.map((c) => [c.name, c.type])).toEqual([
      ['Name', 'string'],
      ['Created At', 'date'],
    ]);
    const at = table.rows[0]!.cells[1] as string;
    expect(at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(at)).toBe(Date.parse(created.metadata.creationTimestamp!));
    expect(expectOk(client.listTable(CLUSTER_ROLES)).columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Created At']);
  });
});

describe('RoleBinding and ClusterRoleBinding', () => {
  const subjects: Subject[] = [
    { kind: 'User', name: 'jane' },
    { kind: 'Group', name: 'devs' },
    { kind: 'ServiceAccount', name: 'builder', namespace: 'ci' },
  ];

  it('defaults roleRef.apiGroup and User/Group apiGroups, stored under /registry/rolebindings/<namespace>/<name>', () => {
    const created = expectOk(client.create<RoleBinding>(ROLE_BINDINGS, 'default', binding('RoleBinding', 'read', { roleRef: { kind: 'Role', name: 'pod-reader' }, subjects })));
    expect(created.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' });
    expect(created.subjects).toEqual([
      { kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' },
      { kind: 'Group', name: 'devs', apiGroup: 'rbac.authorization.k8s.io' },
      { kind: 'ServiceAccount', name: 'builder', namespace: 'ci' },
    ]);
    expect(stored<RoleBinding>('/registry/rolebindings/default/read').roleRef).toEqual(created.roleRef);
    expectOk(client.create(ROLE_BINDINGS, 'default', binding('RoleBinding', 'view', { roleRef: { kind: 'ClusterRole', name: 'view' } })));
    expectOk(client.create(CLUSTER_ROLE_BINDINGS, undefined, binding('ClusterRoleBinding', 'admins', { roleRef: { kind: 'ClusterRole', name: 'cluster-admin' }, subjects })));
    expect(stored<RoleBinding>('/registry/clusterrolebindings/admins').roleRef?.name).toBe('cluster-admin');
  });

  it.each<[string, Partial<RoleBinding>, string]>([
    ['an unknown roleRef kind', { roleRef: { kind: 'Foo', name: 'x' } }, 'roleRef.kind: Unsupported value: "Foo": supported values: "Role", "ClusterRole"'],
    ['a roleRef of another group', { roleRef: { apiGroup: 'rbac', kind: 'Role', name: 'x' } }, 'roleRef.apiGroup: Unsupported value: "rbac": supported values: "rbac.authorization.k8s.io"'],
    ['a roleRef without a name', { roleRef: { kind: 'Role' } }, 'roleRef.name: Required value'],
    ['a User of another group', { roleRef: { kind: 'Role', name: 'x' }, subjects: [{ kind: 'User', name: 'jane', apiGroup: 'v1' }] }, 'subjects[0].apiGroup: Unsupported value: "v1": supported values: "rbac.authorization.k8s.io"'],
    ['a ServiceAccount with an apiGroup', { roleRef: { kind: 'Role', name: 'x' }, subjects: [{ kind: 'ServiceAccount', name: 'sa', apiGroup: 'rbac.authorization.k8s.io' }] }, 'subjects[0].apiGroup: Unsupported value: "rbac.authorization.k8s.io": supported values: ""'],
    ['an unknown subject kind', { roleRef: { kind: 'Role', name: 'x' }, subjects: [{ kind: 'Robot', name: 'r2' }] }, 'subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"'],
    ['a subject without a name', { roleRef: { kind: 'Role', name: 'x' }, subjects: [{ kind: 'Group' }] }, 'subjects[0].name: Required value'],
  ])('refuses a RoleBinding with %s', (_name, fields, error) => {
    expect(expectStatus(client.create(ROLE_BINDINGS, 'default', binding('RoleBinding', 'b', fields))).message).toBe(`RoleBinding.rbac.authorization.k8s.io "b" is invalid: ${error}`);
  });

  it.each<[string, Partial<RoleBinding>, string]>([
    ['a Role', { roleRef: { kind: 'Role', name: 'x' } }, 'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"'],
    ['a ServiceAccount without a namespace', { roleRef: { kind: 'ClusterRole', name: 'x' }, subjects: [{ kind: 'ServiceAccount', name: 'sa' }] }, 'subjects[0].namespace: Required value'],
  ])('refuses a ClusterRoleBinding to %s', (_name, fields, error) => {
    expect(expectStatus(client.create(CLUSTER_ROLE_BINDINGS, undefined, binding('ClusterRoleBinding', 'b', fields))).message).toBe(`ClusterRoleBinding.rbac.authorization.k8s.io "b" is invalid: ${error}`);
  });

  it('keeps roleRef immutable, subjects not', () => {
    const created = expectOk(client.create<RoleBinding>(ROLE_BINDINGS, 'default', binding('RoleBinding', 'b', { roleRef: { kind: 'Role', name: 'a' } })));
    expect(expectStatus(client.update(ROLE_BINDINGS, 'default', { ...created, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'b' } })).message).toBe(
      'RoleBinding.rbac.authorization.k8s.io "b" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"b"}: cannot change roleRef',
    );
    expectOk(client.update(ROLE_BINDINGS, 'default', { ...created, subjects: [{ kind: 'User', name: 'jane' }] }));
  });

  it('prints NAME ROLE AGE, and USERS GROUPS SERVICEACCOUNTS wide', () => {
    expectOk(client.create(ROLE_BINDINGS, 'default', binding('RoleBinding', 'read', { roleRef: { kind: 'Role', name: 'pod-reader' }, subjects })));
    expectOk(client.create(CLUSTER_ROLE_BINDINGS, undefined, binding('ClusterRoleBinding', 'admins', { roleRef: { kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [...subjects, { kind: 'User', name: 'joe' }] })));
    const table = expectOk(client.listTable(ROLE_BINDINGS, 'default'));
    expect(table.columnDefinitions.map((c) => [c.name, c.priority])).toEqual([
      ['Name', 0],
      ['Role', 0],
      ['Age', 0],
      ['Users', 1],
      ['Groups', 1],
      ['ServiceAccounts', 1],
    ]);
    expect(table.rows.map((r) => r.cells)).toEqual([['read', 'Role/pod-reader', '0s', 'jane', 'devs', 'ci/builder']]);
    expect(expectOk(client.listTable(CLUSTER_ROLE_BINDINGS)).rows.map((r) => r.cells)).toEqual([['admins', 'ClusterRole/cluster-admin', '0s', 'jane, joe', 'devs', 'ci/builder']]);
  });
});

describe('RBAC through kubectl', () => {
  it('applies a Role and lists ClusterRoles', async () => {
    const lab = new KubectlLab();
    try {
      const applied = await lab.run(`kubectl apply -f - <<'EOF'
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: pod-reader
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list"]
EOF`);
      expect(applied.output).toBe('role.rbac.authorization.k8s.io/pod-reader created\n');
      const roles = await lab.run('kubectl get roles');
      expect(roles.stdout).toMatch(/^NAME\s+CREATED AT\npod-reader\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/);
      const clusterRoles = await lab.run('kubectl get clusterroles');
      expect(clusterRoles.status).toBe(0);
    } finally {
      lab.dispose();
    }
  });
});
