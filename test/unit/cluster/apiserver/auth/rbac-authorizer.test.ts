/** The RBAC authorizer's decisions and reasons, against plain in-memory roles and bindings. */
import { describe, expect, it } from 'vitest';
import type { ClusterRole, PolicyRule, Role, RoleBinding, Subject } from '../../../../../src/shared/api/rbac.js';
import type { AuthorizationAttributes } from '../../../../../src/main/cluster/apiserver/auth/authorizer.js';
import { RbacAuthorizer, aggregateErrors } from '../../../../../src/main/cluster/apiserver/auth/rbac-authorizer.js';
import type { RbacReader } from '../../../../../src/main/cluster/apiserver/auth/rbac-reader.js';
import { kubeApiserverAuthorizer, unionRuleResolver } from '../../../../../src/main/cluster/apiserver/auth/union-authorizer.js';
import { type UserInfo, serviceAccountUser } from '../../../../../src/main/cluster/apiserver/auth/user.js';

const RBAC = 'rbac.authorization.k8s.io';

interface Policy {
  clusterRoles?: Record<string, PolicyRule[]>;
  roles?: Record<string, PolicyRule[]>; // "namespace/name"
  clusterRoleBindings?: Array<[string, string, Subject[]]>; // name, clusterrole, subjects
  roleBindings?: Array<[string, string, 'Role' | 'ClusterRole', string, Subject[]]>; // namespace, name, kind, role, subjects
}

function reader(policy: Policy): RbacReader {
  const binding = (name: string, namespace: string | undefined, kind: string, role: string, subjects: Subject[]): RoleBinding => ({
    apiVersion: `${RBAC}/v1`,
    kind: namespace ? 'RoleBinding' : 'ClusterRoleBinding',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    roleRef: { apiGroup: RBAC, kind, name: role },
    subjects,
  });
  return {
    clusterRoleBindings: () => (policy.clusterRoleBindings ?? []).map(([name, role, subjects]) => binding(name, undefined, 'ClusterRole', role, subjects)),
    roleBindings: (namespace) =>
      (policy.roleBindings ?? []).filter(([ns]) => ns === namespace).map(([ns, name, kind, role, subjects]) => binding(name, ns, kind, role, subjects)),
    clusterRole: (name) => {
      const rules = policy.clusterRoles?.[name];
      return rules ? ({ metadata: { name }, rules } as ClusterRole) : undefined;
    },
    role: (namespace, name) => {
      const rules = policy.roles?.[`${namespace}/${name}`];
      return rules ? ({ metadata: { name, namespace }, rules } as Role) : undefined;
    },
  };
}

const JANE: UserInfo = { username: 'jane', groups: ['dev', 'system:authenticated'] };
const user = (name: string): Subject => ({ apiGroup: RBAC, kind: 'User', name });
const group = (name: string): Subject => ({ apiGroup: RBAC, kind: 'Group', name });
const sa = (name: string, namespace?: string): Subject => ({ kind: 'ServiceAccount', name, ...(namespace ? { namespace } : {}) });

function res(verb: string, resource: string, extra: Partial<AuthorizationAttributes> = {}, who: UserInfo = JANE): AuthorizationAttributes {
  const [name, sub] = resource.split('/');
  return { user: who, verb, resourceRequest: true, apiGroup: '', resource: name, ...(sub ? { subresource: sub } : {}), namespace: 'default', ...extra };
}

function path(verb: string, p: string, who: UserInfo = JANE): AuthorizationAttributes {
  return { user: who, verb, resourceRequest: false, path: p };
}

const rule = (verbs: string[], apiGroups: string[], resources: string[], resourceNames?: string[]): PolicyRule => ({
  verbs,
  apiGroups,
  resources,
  ...(resourceNames ? { resourceNames } : {}),
});

describe('RuleAllows, as rbac.RuleAllows matches a single rule', () => {
  const cases: Array<[string, PolicyRule, AuthorizationAttributes, boolean]> = [
    ['an exact verb, group and resource', rule(['get'], [''], ['pods']), res('get', 'pods'), true],
    ['another verb', rule(['get'], [''], ['pods']), res('list', 'pods'), false],
    ['verb *', rule(['*'], [''], ['pods']), res('deletecollection', 'pods'), true],
    ['another API group', rule(['get'], ['apps'], ['pods']), res('get', 'pods'), false],
    ['apiGroups *', rule(['get'], ['*'], ['deployments']), res('get', 'deployments', { apiGroup: 'apps' }), true],
    ['resources * (subresources too)', rule(['get'], [''], ['*']), res('get', 'pods/log'), true],
    ['a resource rule does not cover its subresources', rule(['get'], [''], ['pods']), res('get', 'pods/log'), false],
    ['resource/subresource exactly', rule(['get'], [''], ['pods/log']), res('get', 'pods/log'), true],
    ['a subresource rule does not cover the resource', rule(['get'], [''], ['pods/log']), res('get', 'pods'), false],
    ['*/subresource for any resource', rule(['get'], ['*'], ['*/scale']), res('get', 'deployments/scale', { apiGroup: 'apps' }), true],
    ['*/subresource needs that subresource', rule(['get'], ['*'], ['*/scale']), res('get', 'deployments/status', { apiGroup: 'apps' }), false],
    ['pods/* is no wildcard in RBAC', rule(['get'], [''], ['pods/*']), res('get', 'pods/log'), false],
    ['a listed resourceName', rule(['get'], [''], ['configmaps'], ['a', 'b']), res('get', 'configmaps', { name: 'b' }), true],
    ['an unlisted resourceName', rule(['get'], [''], ['configmaps'], ['a']), res('get', 'configmaps', { name: 'c' }), false],
    ['resourceNames refuse a request without a name (list)', rule(['list'], [''], ['configmaps'], ['a']), res('list', 'configmaps'), false],
    ['a non-resource URL exactly', { verbs: ['get'], nonResourceURLs: ['/healthz'] }, path('get', '/healthz'), true],
    ['a non-resource URL prefix with *', { verbs: ['get'], nonResourceURLs: ['/healthz/*'] }, path('get', '/healthz/etcd'), true],
    ['a non-resource prefix does not cover the bare path', { verbs: ['get'], nonResourceURLs: ['/healthz/*'] }, path('get', '/healthz'), false],
    ['nonResourceURLs *', { verbs: ['get'], nonResourceURLs: ['*'] }, path('get', '/metrics'), true],
    ['a non-resource rule never allows a resource request', { verbs: ['*'], nonResourceURLs: ['*'] }, res('get', 'pods'), false],
    ['a resource rule never allows a non-resource path', rule(['*'], ['*'], ['*']), path('get', '/healthz'), false],
  ];
  it.each(cases)('%s', (_name, r, attributes, allowed) => {
    const authorizer = new RbacAuthorizer(reader({ clusterRoles: { r: [r] }, clusterRoleBindings: [['b', 'r', [user('jane')]]] }));
    expect(authorizer.authorize(attributes).decision).toBe(allowed ? 'Allow' : 'NoOpinion');
  });
});

describe('subjects and scopes, as kube-apiserver RBAC binds them', () => {
  const podsReader = { 'pod-reader': [rule(['get', 'list'], [''], ['pods'])] };
  const cases: Array<[string, Policy, AuthorizationAttributes, boolean]> = [
    ['a ClusterRoleBinding grants in every namespace', { clusterRoles: podsReader, clusterRoleBindings: [['b', 'pod-reader', [user('jane')]]] }, res('list', 'pods', { namespace: 'team-a' }), true],
    ['a ClusterRoleBinding grants cluster-wide lists', { clusterRoles: podsReader, clusterRoleBindings: [['b', 'pod-reader', [user('jane')]]] }, res('list', 'pods', { namespace: undefined }), true],
    ['a User subject names someone else', { clusterRoles: podsReader, clusterRoleBindings: [['b', 'pod-reader', [user('john')]]] }, res('list', 'pods'), false],
    ['a Group subject matches a member', { clusterRoles: podsReader, clusterRoleBindings: [['b', 'pod-reader', [group('dev')]]] }, res('list', 'pods'), true],
    [
      'a RoleBinding to a ClusterRole grants only in its namespace',
      { clusterRoles: podsReader, roleBindings: [['team-a', 'b', 'ClusterRole', 'pod-reader', [user('jane')]]] },
      res('list', 'pods', { namespace: 'team-b' }),
      false,
    ],
    [
      'a RoleBinding to a ClusterRole grants in its namespace',
      { clusterRoles: podsReader, roleBindings: [['team-a', 'b', 'ClusterRole', 'pod-reader', [user('jane')]]] },
      res('list', 'pods', { namespace: 'team-a' }),
      true,
    ],
    [
      'a RoleBinding never grants cluster-scoped requests',
      { clusterRoles: podsReader, roleBindings: [['team-a', 'b', 'ClusterRole', 'pod-reader', [user('jane')]]] },
      res('list', 'pods', { namespace: undefined }),
      false,
    ],
    ['a RoleBinding to a Role in its namespace', { roles: { 'team-a/r': podsReader['pod-reader'] }, roleBindings: [['team-a', 'b', 'Role', 'r', [user('jane')]]] }, res('get', 'pods', { namespace: 'team-a' }), true],
    [
      'a RoleBinding ServiceAccount subject defaults to the binding namespace',
      { clusterRoles: podsReader, roleBindings: [['team-a', 'b', 'ClusterRole', 'pod-reader', [sa('builder')]]] },
      res('get', 'pods', { namespace: 'team-a' }, serviceAccountUser('team-a', 'builder')),
      true,
    ],
    [
      'a defaulted ServiceAccount subject does not match the same name elsewhere',
      { clusterRoles: podsReader, roleBindings: [['team-a', 'b', 'ClusterRole', 'pod-reader', [sa('builder')]]] },
      res('get', 'pods', { namespace: 'team-a' }, serviceAccountUser('team-b', 'builder')),
      false,
    ],
    [
      'a ClusterRoleBinding ServiceAccount subject needs its namespace',
      { clusterRoles: podsReader, clusterRoleBindings: [['b', 'pod-reader', [sa('builder')]]] },
      res('get', 'pods', {}, serviceAccountUser('default', 'builder')),
      false,
    ],
    [
      'a ClusterRoleBinding ServiceAccount subject with a namespace',
      { clusterRoles: podsReader, clusterRoleBindings: [['b', 'pod-reader', [sa('builder', 'ci')]]] },
      res('get', 'pods', { namespace: 'prod' }, serviceAccountUser('ci', 'builder')),
      true,
    ],
    ['the service-account groups', { clusterRoles: podsReader, clusterRoleBindings: [['b', 'pod-reader', [group('system:serviceaccounts:ci')]]] }, res('get', 'pods', {}, serviceAccountUser('ci', 'x')), true],
  ];
  it.each(cases)('%s', (_name, policy, attributes, allowed) => {
    expect(new RbacAuthorizer(reader(policy)).authorize(attributes).decision).toBe(allowed ? 'Allow' : 'NoOpinion');
  });
});

describe('reasons, worded as kube-apiserver RBAC words them', () => {
  it('names the ClusterRoleBinding, its ClusterRole and the matching subject when it allows', () => {
    const authorizer = new RbacAuthorizer(reader({ clusterRoles: { view: [rule(['get'], [''], ['pods'])] }, clusterRoleBindings: [['jane-view', 'view', [user('john'), group('dev')]]] }));
    expect(authorizer.authorize(res('get', 'pods'))).toEqual({ decision: 'Allow', reason: 'RBAC: allowed by ClusterRoleBinding "jane-view" of ClusterRole "view" to Group "dev"' });
  });

  it('names a RoleBinding as name/namespace and a ServiceAccount as name/namespace', () => {
    const authorizer = new RbacAuthorizer(reader({ roles: { 'ci/deployer': [rule(['create'], ['apps'], ['deployments'])] }, roleBindings: [['ci', 'deploy', 'Role', 'deployer', [sa('bot')]]] }));
    expect(authorizer.authorize(res('create', 'deployments', { apiGroup: 'apps', namespace: 'ci' }, serviceAccountUser('ci', 'bot'))).reason).toBe(
      'RBAC: allowed by RoleBinding "deploy/ci" of Role "deployer" to ServiceAccount "bot/ci"',
    );
  });

  it('gives no reason when nothing applies', () => {
    expect(new RbacAuthorizer(reader({})).authorize(res('get', 'pods'))).toEqual({ decision: 'NoOpinion', reason: '' });
  });

  it('reports a binding to a missing ClusterRole as the lister NotFound error', () => {
    const authorizer = new RbacAuthorizer(reader({ clusterRoleBindings: [['b', 'ghost', [user('jane')]]] }));
    expect(authorizer.authorize(res('get', 'pods'))).toEqual({ decision: 'NoOpinion', reason: 'RBAC: clusterrole.rbac.authorization.k8s.io "ghost" not found' });
  });

  it('aggregates several distinct errors as [a, b] and repeats none', () => {
    const authorizer = new RbacAuthorizer(
      reader({
        clusterRoleBindings: [
          ['b1', 'ghost', [user('jane')]],
          ['b2', 'ghost', [group('dev')]],
        ],
        roleBindings: [['default', 'rb', 'Role', 'missing', [user('jane')]]],
      }),
    );
    expect(authorizer.authorize(res('get', 'pods')).reason).toBe('RBAC: [clusterrole.rbac.authorization.k8s.io "ghost" not found, role.rbac.authorization.k8s.io "missing" not found]');
  });

  it('still allows through another binding when one role is missing', () => {
    const authorizer = new RbacAuthorizer(
      reader({
        clusterRoles: { view: [rule(['get'], [''], ['pods'])] },
        clusterRoleBindings: [
          ['a', 'ghost', [user('jane')]],
          ['b', 'view', [user('jane')]],
        ],
      }),
    );
    expect(authorizer.authorize(res('get', 'pods')).decision).toBe('Allow');
  });

  it.each([
    [[], ''],
    [['x'], 'x'],
    [['x', 'x'], 'x'],
    [['x', 'y', 'x'], '[x, y]'],
  ])('utilerrors aggregate of %j is %j', (errors, text) => {
    expect(aggregateErrors(errors)).toBe(text);
  });
});

describe('the kube-apiserver chain', () => {
  it('lets system:masters through with no RBAC binding at all, giving no reason', () => {
    const authorizer = kubeApiserverAuthorizer(new RbacAuthorizer(reader({})));
    expect(authorizer.authorize(res('delete', 'nodes', { namespace: undefined }, { username: 'admin', groups: ['system:masters'] }))).toEqual({ decision: 'Allow', reason: '' });
    expect(authorizer.authorize(res('delete', 'nodes', { namespace: undefined })).decision).toBe('NoOpinion');
  });

  it('passes RBAC reasons on when nobody allows', () => {
    const authorizer = kubeApiserverAuthorizer(new RbacAuthorizer(reader({ clusterRoleBindings: [['b', 'ghost', [user('jane')]]] })));
    expect(authorizer.authorize(res('get', 'pods')).reason).toBe('RBAC: clusterrole.rbac.authorization.k8s.io "ghost" not found');
  });
});

describe('rulesFor, as SelfSubjectRulesReview lists them', () => {
  it('lists cluster-binding rules then the namespace RoleBindings', () => {
    const authorizer = new RbacAuthorizer(
      reader({
        clusterRoles: {
          basic: [rule(['create'], ['authorization.k8s.io'], ['selfsubjectrulesreviews']), { verbs: ['get'], nonResourceURLs: ['/api', '/api/*'] }],
          edit: [rule(['update'], [''], ['configmaps'], ['settings'])],
        },
        clusterRoleBindings: [['basic', 'basic', [group('system:authenticated')]]],
        roleBindings: [
          ['team-a', 'edit', 'ClusterRole', 'edit', [user('jane')]],
          ['team-a', 'broken', 'Role', 'gone', [user('jane')]],
        ],
      }),
    );
    expect(authorizer.rulesFor(JANE, 'team-a')).toEqual({
      resourceRules: [
        { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectrulesreviews'], resourceNames: [] },
        { verbs: ['update'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['settings'] },
      ],
      nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/api', '/api/*'] }],
      incomplete: false,
      evaluationError: 'role.rbac.authorization.k8s.io "gone" not found',
    });
    expect(authorizer.rulesFor(JANE, 'team-b').resourceRules).toHaveLength(1);
  });

  it('unions resolvers: rules in order, incomplete if any is, errors aggregated', () => {
    const a = new RbacAuthorizer(reader({ clusterRoles: { r: [rule(['get'], [''], ['pods'])] }, clusterRoleBindings: [['b', 'r', [user('jane')]], ['c', 'x', [user('jane')]]] }));
    const incomplete = { rulesFor: () => ({ resourceRules: [], nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }], incomplete: true, evaluationError: 'node: boom' }) };
    expect(unionRuleResolver(a, incomplete).rulesFor(JANE, 'default')).toEqual({
      resourceRules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: [] }],
      nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }],
      incomplete: true,
      evaluationError: '[clusterrole.rbac.authorization.k8s.io "x" not found, node: boom]',
    });
  });
});
