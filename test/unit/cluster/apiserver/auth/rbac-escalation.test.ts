/** RBAC escalation prevention: the rule arithmetic and the refusals kube-apiserver 1.32 gives through the API. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClusterRole, PolicyRule, Role, RoleBinding, Subject } from '../../../../../src/shared/api/rbac.js';
import { RbacEscalationAdmission } from '../../../../../src/main/cluster/apiserver/admission/rbac-escalation.js';
import { compactRules, compactString, confirmNoEscalation, covers } from '../../../../../src/main/cluster/apiserver/auth/rbac-escalation.js';
import type { UserInfo } from '../../../../../src/main/cluster/apiserver/auth/user.js';
import type { ApiClient } from '../../../../../src/main/cluster/client/api-client.js';
import { CLUSTER_ROLES, CLUSTER_ROLE_BINDINGS, ROLES, ROLE_BINDINGS } from '../../../../../src/main/cluster/client/resources.js';
import { type TestCluster, expectOk, expectStatus } from '../../../helpers/cluster.js';
import { rbacCluster } from './rbac-cluster.js';

const RBAC = 'rbac.authorization.k8s.io';
const JANE: UserInfo = { username: 'jane', groups: ['system:authenticated'] };
const rule = (verbs: string[], apiGroups: string[], resources: string[], resourceNames?: string[]): PolicyRule => ({
  verbs,
  apiGroups,
  resources,
  ...(resourceNames ? { resourceNames } : {}),
});

describe('Covers, as rbac/validation checks owned against granted rules', () => {
  it.each<[string, PolicyRule[], PolicyRule[], boolean]>([
    ['the same rule', [rule(['get'], [''], ['pods'])], [rule(['get'], [''], ['pods'])], true],
    ['a verb not held', [rule(['get'], [''], ['pods'])], [rule(['get', 'delete'], [''], ['pods'])], false],
    ['verbs spread over several owned rules', [rule(['get'], [''], ['pods']), rule(['list'], [''], ['pods'])], [rule(['get', 'list'], [''], ['pods'])], true],
    ['* on everything', [rule(['*'], ['*'], ['*'])], [rule(['delete'], ['apps'], ['deployments/scale'])], true],
    ['*/scale covers deployments/scale', [rule(['get'], ['apps'], ['*/scale'])], [rule(['get'], ['apps'], ['deployments/scale'])], true],
    ['pods does not cover pods/log', [rule(['get'], [''], ['pods'])], [rule(['get'], [''], ['pods/log'])], false],
    ['any name covers a named rule', [rule(['get'], [''], ['configmaps'])], [rule(['get'], [''], ['configmaps'], ['a'])], true],
    ['a named rule does not cover every name', [rule(['get'], [''], ['configmaps'], ['a'])], [rule(['get'], [''], ['configmaps'])], false],
    ['a URL prefix covers URLs under it', [{ verbs: ['get'], nonResourceURLs: ['/healthz/*'] }], [{ verbs: ['get'], nonResourceURLs: ['/healthz/etcd'] }], true],
    ['a URL is not covered by a resource rule', [rule(['*'], ['*'], ['*'])], [{ verbs: ['get'], nonResourceURLs: ['/metrics'] }], false],
  ])('%s', (_name, owned, wanted, covered) => {
    expect(covers(owned, wanted).covered).toBe(covered);
  });

  it('compacts the missing verbs of one resource into one rule and prints them as CompactString does', () => {
    const { missing } = covers([], [rule(['get', 'list'], [''], ['pods', 'secrets']), { verbs: ['get'], nonResourceURLs: ['/metrics'] }]);
    expect(compactRules(missing).map(compactString).sort()).toEqual([
      '{APIGroups:[""], Resources:["pods"], Verbs:["get" "list"]}',
      '{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}',
      '{NonResourceURLs:["/metrics"], Verbs:["get"]}',
    ]);
    expect(compactString(rule(['get'], [''], ['configmaps'], ['a']))).toBe('{APIGroups:[""], Resources:["configmaps"], ResourceNames:["a"], Verbs:["get"]}');
  });

  it('words the refusal with the user, the groups as Go quotes them and each missing rule on its own line', () => {
    const user = { username: 'system:serviceaccount:dev:developer', groups: ['system:serviceaccounts', 'system:serviceaccounts:dev', 'system:authenticated'] };
    expect(confirmNoEscalation(user, [], undefined, [rule(['*'], [''], ['*'])])).toBe(
      'user "system:serviceaccount:dev:developer" (groups=["system:serviceaccounts" "system:serviceaccounts:dev" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["*"], Verbs:["*"]}',
    );
    expect(confirmNoEscalation(user, [rule(['*'], ['*'], ['*'])], undefined, [rule(['get'], [''], ['pods'])])).toBeUndefined();
  });
});

describe('escalation prevention through the API server', () => {
  let cluster: TestCluster;
  let admin: ApiClient;
  let jane: ApiClient;

  beforeEach(() => {
    cluster = rbacCluster([new RbacEscalationAdmission()]);
    admin = cluster.client('kubectl');
    jane = cluster.client('kubectl', JANE);
    // jane may manage RBAC objects and read pods, nothing more.
    grant('rbac-manager', [rule(['create', 'get', 'update', 'patch'], [RBAC], ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings']), rule(['get', 'list', 'watch'], [''], ['pods'])]);
  });

  afterEach(() => {
    expect(cluster.taskErrors).toEqual([]);
    cluster.dispose();
  });

  const JANE_SUBJECT: Subject = { apiGroup: RBAC, kind: 'User', name: 'jane' };

  function clusterRole(name: string, rules: PolicyRule[]): ClusterRole {
    return { apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: { name }, rules };
  }

  function grant(name: string, rules: PolicyRule[]): void {
    expectOk(admin.create(CLUSTER_ROLES, undefined, clusterRole(name, rules)));
    expectOk(
      admin.create(CLUSTER_ROLE_BINDINGS, undefined, {
        apiVersion: `${RBAC}/v1`,
        kind: 'ClusterRoleBinding',
        metadata: { name: `jane-${name}` },
        roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name },
        subjects: [JANE_SUBJECT],
      } as RoleBinding),
    );
  }

  function role(name: string, rules: PolicyRule[]): Role {
    return { apiVersion: `${RBAC}/v1`, kind: 'Role', metadata: { name }, rules };
  }

  function roleBinding(name: string, kind: 'Role' | 'ClusterRole', roleName: string): RoleBinding {
    return { apiVersion: `${RBAC}/v1`, kind: 'RoleBinding', metadata: { name }, roleRef: { apiGroup: RBAC, kind, name: roleName }, subjects: [{ apiGroup: RBAC, kind: 'User', name: 'john' }] };
  }

  it('lets a user grant a Role with rules they hold', () => {
    expectOk(jane.create(ROLES, 'default', role('pod-reader', [rule(['get', 'list'], [''], ['pods'])])));
  });

  it('refuses a Role with rules the user does not hold, as kube-apiserver words it', () => {
    const status = expectStatus(jane.create(ROLES, 'default', role('pod-admin', [rule(['get', 'delete'], [''], ['pods'])])));
    expect(status.code).toBe(403);
    expect(status.message).toBe(
      'roles.rbac.authorization.k8s.io "pod-admin" is forbidden: user "jane" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}',
    );
    expect(status.details).toEqual({ name: 'pod-admin', group: RBAC, kind: 'roles' });
  });

  it('refuses an update that adds a rule the user does not hold', () => {
    const created = expectOk(jane.create<Role>(ROLES, 'default', role('pod-reader', [rule(['get'], [''], ['pods'])])));
    const status = expectStatus(jane.update(ROLES, 'default', { ...created, rules: [rule(['get', 'list', 'create'], ['', 'apps'], ['pods'])] } as Role));
    expect(status.message).toBe(
      'roles.rbac.authorization.k8s.io "pod-reader" is forbidden: user "jane" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["create"]}\n{APIGroups:["apps"], Resources:["pods"], Verbs:["get" "list" "create"]}',
    );
  });

  it('checks patches the same way', () => {
    expectOk(jane.create<Role>(ROLES, 'default', role('pod-reader', [rule(['get'], [''], ['pods'])])));
    const status = expectStatus(jane.patch(ROLES, 'default', 'pod-reader', 'merge', { rules: [rule(['delete'], [''], ['pods'])] }));
    expect(status.message).toBe(
      'roles.rbac.authorization.k8s.io "pod-reader" is forbidden: user "jane" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}',
    );
  });

  it('lets an update touching only finalizers and ownerReferences through, as the garbage collector needs (IsOnlyMutatingGCFields)', () => {
    const stored = expectOk(admin.create<Role>(ROLES, 'default', role('secrets', [rule(['get'], [''], ['secrets'])])));
    const gcOnly = expectOk(jane.update<Role>(ROLES, 'default', { ...stored, metadata: { ...stored.metadata, finalizers: ['example.com/keep'] } }));
    expect(expectStatus(jane.update(ROLES, 'default', { ...gcOnly, metadata: { ...gcOnly.metadata, labels: { team: 'a' } } })).message).toContain(
      'is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["secrets"], Verbs:["get"]}',
    );
  });

  it('allows any rules with the escalate verb', () => {
    grant('escalator', [rule(['escalate'], [RBAC], ['roles'])]);
    expectOk(jane.create(ROLES, 'default', role('anything', [rule(['*'], ['*'], ['*'])])));
  });

  it('lets system:masters grant anything', () => {
    const root = cluster.client('kubectl', { username: 'root', groups: ['system:masters'] });
    expectOk(root.create(CLUSTER_ROLES, undefined, clusterRole('anything', [rule(['*'], ['*'], ['*'])])));
  });

  it('refuses an aggregationRule to anyone without * on everything', () => {
    const status = expectStatus(
      jane.create(CLUSTER_ROLES, undefined, { ...clusterRole('agg', []), aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'example.com/agg': 'true' } }] } }),
    );
    expect(status.message).toBe('clusterroles.rbac.authorization.k8s.io "agg" is forbidden: must have cluster-admin privileges to use an aggregationRule');
  });

  it('refuses to bind a role whose rules the user does not hold, and allows it with the bind verb on that role', () => {
    expectOk(admin.create(CLUSTER_ROLES, undefined, clusterRole('secret-reader', [rule(['get'], [''], ['secrets'])])));
    expect(expectStatus(jane.create(ROLE_BINDINGS, 'default', roleBinding('john-secrets', 'ClusterRole', 'secret-reader'))).message).toBe(
      'rolebindings.rbac.authorization.k8s.io "john-secrets" is forbidden: user "jane" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["secrets"], Verbs:["get"]}',
    );
    grant('binder', [rule(['bind'], [RBAC], ['clusterroles'], ['secret-reader'])]);
    expectOk(jane.create(ROLE_BINDINGS, 'default', roleBinding('john-secrets', 'ClusterRole', 'secret-reader')));
  });

  it('lets a user bind a role whose rules they hold', () => {
    expectOk(admin.create(CLUSTER_ROLES, undefined, clusterRole('pod-reader', [rule(['get'], [''], ['pods'])])));
    expectOk(jane.create(ROLE_BINDINGS, 'default', roleBinding('john-pods', 'ClusterRole', 'pod-reader')));
  });

  it('refuses to bind a missing role with the registry’s NotFound', () => {
    expect(expectStatus(jane.create(ROLE_BINDINGS, 'default', roleBinding('dangling', 'ClusterRole', 'ghost'))).message).toBe(
      'rolebindings.rbac.authorization.k8s.io "dangling" is forbidden: clusterroles.rbac.authorization.k8s.io "ghost" not found',
    );
    expect(expectStatus(jane.create(ROLE_BINDINGS, 'default', roleBinding('dangling', 'Role', 'ghost'))).message).toBe(
      'rolebindings.rbac.authorization.k8s.io "dangling" is forbidden: roles.rbac.authorization.k8s.io "ghost" not found',
    );
  });
});
