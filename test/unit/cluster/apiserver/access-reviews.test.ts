/** authorization.k8s.io/v1 access reviews and authentication.k8s.io/v1 SelfSubjectReview. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../src/shared/api/meta.js';
import type { AuthorizationAttributes, Authorizer, RuleResolver } from '../../../../src/main/cluster/apiserver/auth/authorizer.js';
import type { UserInfo } from '../../../../src/main/cluster/apiserver/auth/user.js';
import { builtinResources } from '../../../../src/main/cluster/apiserver/registry/index.js';
import { type TestCluster, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';

const AUTHZ = 'authorization.k8s.io/v1';
const ref = (resource: string, group = 'authorization.k8s.io'): { group: string; version: string; resource: string } => ({ group, version: 'v1', resource });
const SSAR = ref('selfsubjectaccessreviews');
const SAR = ref('subjectaccessreviews');
const LSAR = ref('localsubjectaccessreviews');
const SSRR = ref('selfsubjectrulesreviews');
const SSR = ref('selfsubjectreviews', 'authentication.k8s.io');

const JANE: UserInfo = { username: 'jane', uid: 'jane-uid', groups: ['dev', 'system:authenticated'], extra: { scopes: ['read'] } };

/** jane may read pods in `default`; anyone may create reviews; `blocked` is denied outright. */
const seen: AuthorizationAttributes[] = [];
const authorizer: Authorizer = {
  authorize(a) {
    seen.push(a);
    if (a.user.username === 'system:apiserver') return { decision: 'Allow', reason: '' };
    if (a.apiGroup === 'authorization.k8s.io' || a.apiGroup === 'authentication.k8s.io') return { decision: 'Allow', reason: '' };
    if (a.user.username === 'blocked') return { decision: 'Deny', reason: 'blocked by policy' };
    if (a.resourceRequest && a.user.username === 'jane' && a.resource === 'pods' && a.namespace === 'default' && a.verb === 'get') {
      return { decision: 'Allow', reason: 'RBAC: allowed by RoleBinding "read/default" of Role "reader" to User "jane"' };
    }
    if (!a.resourceRequest && a.path === '/healthz' && a.user.groups.includes('dev')) return { decision: 'Allow', reason: '' };
    return { decision: 'NoOpinion', reason: '' };
  },
};

const ruleResolver: RuleResolver = {
  rulesFor: (user, namespace) => ({
    resourceRules: user.username === 'jane' && namespace === 'default' ? [{ verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: [] }] : [],
    nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }],
    incomplete: false,
  }),
};

let cluster: TestCluster;

beforeEach(() => {
  seen.length = 0;
  cluster = makeCluster({ resources: builtinResources, authorizer, ruleResolver });
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

const as = (user: UserInfo): ReturnType<TestCluster['client']> => cluster.client('kubectl', user);

function review(kind: string, spec: unknown, metadata: KubeObject['metadata'] = {}): KubeObject {
  return { apiVersion: AUTHZ, kind, metadata, spec };
}

describe('SelfSubjectAccessReview (kubectl auth can-i)', () => {
  it('asks the authorizer about the requester and echoes the spec with its status', () => {
    const spec = { resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods', name: 'web' } };
    const result = as(JANE).create(SSAR, undefined, review('SelfSubjectAccessReview', spec, { creationTimestamp: null }));
    expect(result.ok && result.code).toBe(201);
    expect(expectOk(result)).toEqual({
      apiVersion: AUTHZ,
      kind: 'SelfSubjectAccessReview',
      metadata: { creationTimestamp: null },
      spec,
      status: { allowed: true, reason: 'RBAC: allowed by RoleBinding "read/default" of Role "reader" to User "jane"' },
    });
    expect(seen.at(-1)).toEqual({ user: JANE, verb: 'get', resourceRequest: true, apiGroup: '', apiVersion: '', resource: 'pods', subresource: undefined, namespace: 'default', name: 'web' });
    expect(cluster.store.range('/registry/selfsubjectaccessreviews', { prefix: true }).kvs).toEqual([]);
  });

  it.each<[string, UserInfo, Record<string, unknown>, Record<string, unknown>]>([
    ['no opinion: not allowed, not denied', JANE, { resourceAttributes: { namespace: 'default', verb: 'delete', resource: 'pods' } }, { allowed: false }],
    ['an explicit deny', { username: 'blocked', groups: [] }, { resourceAttributes: { verb: 'get', resource: 'pods' } }, { allowed: false, denied: true, reason: 'blocked by policy' }],
    ['a non-resource path', JANE, { nonResourceAttributes: { path: '/healthz', verb: 'get' } }, { allowed: true }],
  ])('reports %s', (_name, user, spec, status) => {
    expect((expectOk(as(user).create(SSAR, undefined, review('SelfSubjectAccessReview', spec))) as { status?: unknown }).status).toEqual(status);
  });

  it.each<[string, Record<string, unknown>, KubeObject['metadata'], string]>([
    ['no attributes', {}, {}, 'spec.resourceAttributes: Invalid value: null: exactly one of nonResourceAttributes or resourceAttributes must be specified'],
    [
      'both kinds of attributes',
      { resourceAttributes: { verb: 'get' }, nonResourceAttributes: { path: '/healthz', verb: 'get' } },
      {},
      'spec.nonResourceAttributes: Invalid value: authorization.NonResourceAttributes{Path:"/healthz", Verb:"get"}: cannot be specified in combination with resourceAttributes',
    ],
    [
      'a name in metadata',
      { resourceAttributes: { verb: 'get' } },
      { name: 'x' },
      'metadata: Invalid value: v1.ObjectMeta{Name:"x", GenerateName:"", Namespace:"", SelfLink:"", UID:"", ResourceVersion:"", Generation:0, CreationTimestamp:v1.Time{Time:time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)}, DeletionTimestamp:<nil>, DeletionGracePeriodSeconds:(*int64)(nil), Labels:map[string]string(nil), Annotations:map[string]string(nil), OwnerReferences:[]v1.OwnerReference(nil), Finalizers:[]string(nil), ManagedFields:[]v1.ManagedFieldsEntry(nil)}: must be empty',
    ],
  ])('refuses %s with the kind-less Invalid message of kube-apiserver 1.32', (_name, spec, metadata, error) => {
    const status = expectStatus(as(JANE).create(SSAR, undefined, review('SelfSubjectAccessReview', spec, metadata)));
    expect([status.code, status.reason, status.message]).toEqual([422, 'Invalid', `.authorization.k8s.io "" is invalid: ${error}`]);
  });

  it.each(['get', 'list', 'delete'] as const)('refuses %s with the router\'s 405: the reviews only answer create', (verb) => {
    const status = expectStatus(as(JANE).request({ verb, ...SSAR, name: verb === 'list' ? undefined : 'x' }));
    expect([status.code, status.reason, status.message]).toEqual([405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource']);
  });

  it('refuses a watch the same way', () => {
    const status = expectStatus(as(JANE).watch(SSAR, undefined, {}, () => undefined));
    expect([status.code, status.message]).toEqual([405, 'the server does not allow this method on the requested resource']);
  });

  it('is discovered with the create verb only', () => {
    const found = cluster.client().discovery().filter((r) => r.group === 'authorization.k8s.io' || r.group === 'authentication.k8s.io');
    expect(found.map((r) => [r.kind, r.name, r.namespaced, r.verbs])).toEqual([
      ['SelfSubjectReview', 'selfsubjectreviews', false, ['create']],
      ['TokenReview', 'tokenreviews', false, ['create']],
      ['LocalSubjectAccessReview', 'localsubjectaccessreviews', true, ['create']],
      ['SelfSubjectAccessReview', 'selfsubjectaccessreviews', false, ['create']],
      ['SelfSubjectRulesReview', 'selfsubjectrulesreviews', false, ['create']],
      ['SubjectAccessReview', 'subjectaccessreviews', false, ['create']],
    ]);
  });
});

describe('SubjectAccessReview', () => {
  it('asks about the user, groups, uid and extra in the spec, not the requester', () => {
    const spec = { user: 'jane', uid: 'jane-uid', groups: ['dev'], extra: { scopes: ['read'] }, resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods' } };
    const result = expectOk(cluster.client('webhook', { username: 'blocked', groups: [] }).create(SAR, undefined, review('SubjectAccessReview', spec))) as { status?: { allowed: boolean } };
    expect(result.status?.allowed).toBe(true);
    expect(seen.at(-1)?.user).toEqual({ username: 'jane', uid: 'jane-uid', groups: ['dev'], extra: { scopes: ['read'] } });
  });

  it('refuses a review about nobody, listing every error as kube-apiserver does', () => {
    expect(expectStatus(cluster.client().create(SAR, undefined, review('SubjectAccessReview', {}))).message).toBe(
      '.authorization.k8s.io "" is invalid: [spec.resourceAttributes: Invalid value: null: exactly one of nonResourceAttributes or resourceAttributes must be specified, spec.user: Invalid value: "": at least one of user or group must be specified]',
    );
  });

  it('accepts a group alone as the subject', () => {
    expect(expectOk(cluster.client().create(SAR, undefined, review('SubjectAccessReview', { groups: ['dev'], nonResourceAttributes: { path: '/healthz', verb: 'get' } })))).toMatchObject({
      status: { allowed: true },
    });
  });
});

describe('LocalSubjectAccessReview', () => {
  it('answers within the namespace of the request', () => {
    const spec = { user: 'jane', resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods' } };
    const result = expectOk(cluster.client().create(LSAR, 'default', review('LocalSubjectAccessReview', spec)));
    expect(result).toMatchObject({ metadata: { namespace: 'default', creationTimestamp: null }, status: { allowed: true } });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['another namespace in the attributes', { user: 'jane', resourceAttributes: { namespace: 'kube-system', verb: 'get' } }, 'spec.resourceAttributes.namespace: Invalid value: "kube-system": must match metadata.namespace'],
    [
      'non-resource attributes',
      { user: 'jane', nonResourceAttributes: { path: '/healthz', verb: 'get' } },
      'spec.nonResourceAttributes: Invalid value: authorization.NonResourceAttributes{Path:"/healthz", Verb:"get"}: disallowed on this kind of request',
    ],
  ])('refuses %s', (_name, spec, error) => {
    expect(expectStatus(cluster.client().create(LSAR, 'default', review('LocalSubjectAccessReview', spec))).message).toBe(`.authorization.k8s.io "" is invalid: ${error}`);
  });
});

describe('SelfSubjectRulesReview (kubectl auth can-i --list)', () => {
  it('lists the requester\'s rules in spec.namespace as a new object', () => {
    const result = expectOk(as(JANE).create(SSRR, undefined, review('SelfSubjectRulesReview', { namespace: 'default' })));
    expect(result).toEqual({
      apiVersion: AUTHZ,
      kind: 'SelfSubjectRulesReview',
      metadata: { creationTimestamp: null },
      spec: {},
      status: {
        resourceRules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }],
        nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }],
        incomplete: false,
      },
    });
  });

  it('wants a namespace', () => {
    const status = expectStatus(as(JANE).create(SSRR, undefined, review('SelfSubjectRulesReview', {})));
    expect([status.code, status.message]).toEqual([400, 'no namespace on request']);
  });
});

describe('SelfSubjectReview (kubectl auth whoami)', () => {
  it('tells the requester who they are, stamped with the creation time', () => {
    const result = expectOk(as(JANE).create(SSR, undefined, { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview', metadata: {} }));
    expect(result).toEqual({
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'SelfSubjectReview',
      metadata: { creationTimestamp: new Date(Math.floor(cluster.clock.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z') },
      status: { userInfo: { username: 'jane', uid: 'jane-uid', groups: ['dev', 'system:authenticated'], extra: { scopes: ['read'] } } },
    });
  });

  it('answers for the impersonated user under --as', () => {
    const client = cluster.client('kubectl').impersonating({ user: 'system:serviceaccount:default:robot' });
    const result = expectOk(client.create(SSR, undefined, { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview', metadata: {} })) as { status?: { userInfo?: unknown } };
    expect(result.status?.userInfo).toEqual({
      username: 'system:serviceaccount:default:robot',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
    });
  });
});
