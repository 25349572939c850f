/** serviceaccounts/token (TokenRequest), the service-account JWT, and TokenReview. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenRequest, TokenReview } from '../../../../src/shared/api/authentication.js';
import type { KubeObject } from '../../../../src/shared/api/meta.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { PODS, SECRETS, SERVICE_ACCOUNTS } from '../../../../src/main/cluster/client/resources.js';
import { builtinResources } from '../../../../src/main/cluster/apiserver/registry/index.js';
import {
  SERVICE_ACCOUNT_ISSUER,
  issueServiceAccountToken,
  serviceAccountSigningKey,
  verifyServiceAccountToken,
  type TokenLookup,
} from '../../../../src/main/cluster/apiserver/auth/tokens.js';
import { SeededRandom } from '../../../../src/main/base/random.js';
import type { ApiResult } from '../../../../src/main/cluster/apiserver/types.js';
import { type TestCluster, createNode, createPod, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';

const TOKEN_REVIEWS = { group: 'authentication.k8s.io', version: 'v1', resource: 'tokenreviews' };

let cluster: TestCluster;
let client: ApiClient;
let sa: KubeObject;

beforeEach(() => {
  cluster = makeCluster({ resources: builtinResources });
  client = cluster.client('kubectl');
  sa = expectOk(client.create(SERVICE_ACCOUNTS, 'default', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } }));
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function requestToken(spec: Record<string, unknown> = {}, name = 'robot', extra: Partial<TokenRequest> = {}): ApiResult<TokenRequest> {
  return client.request<TokenRequest>({
    verb: 'create',
    group: '',
    version: 'v1',
    resource: 'serviceaccounts',
    subresource: 'token',
    namespace: 'default',
    name,
    body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', metadata: {}, spec, ...extra },
  });
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

function review(token: string, audiences?: string[]): TokenReview {
  return expectOk(
    client.create<TokenReview>(TOKEN_REVIEWS, undefined, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', metadata: {}, spec: { token, ...(audiences ? { audiences } : {}) } }),
  );
}

describe('TokenRequest (kubectl create token)', () => {
  it('answers like kube-apiserver 1.32: the account as metadata, defaulted spec with boundObjectRef null, token and expiry', () => {
    const result = requestToken();
    expect(result.ok && result.code).toBe(201);
    const tr = expectOk(result);
    const now = cluster.clock.now();
    expect(tr.metadata).toEqual({ name: 'robot', namespace: 'default', creationTimestamp: new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', 'Z') });
    expect(tr.spec).toEqual({ audiences: [SERVICE_ACCOUNT_ISSUER], boundObjectRef: null, expirationSeconds: 3600 });
    expect(Date.parse(tr.status!.expirationTimestamp!)).toBe(Math.floor(now / 1000) * 1000 + 3600_000);
  });

  it('issues a JWT with the HS256 header and kube-apiserver claims, keys sorted as go-jose marshals them', () => {
    const tr = expectOk(requestToken({ audiences: ['vault'] }));
    const [header] = tr.status!.token!.split('.');
    expect(Object.keys(JSON.parse(Buffer.from(header!, 'base64url').toString('utf8')) as object)).toEqual(['alg', 'kid']);
    const claims = claimsOf(tr.status!.token!);
    expect(Object.keys(claims)).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'kubernetes.io', 'nbf', 'sub']);
    const iat = Math.floor(cluster.clock.now() / 1000);
    expect(claims).toMatchObject({
      aud: ['vault'],
      iss: 'https://kubernetes.default.svc.cluster.local',
      sub: 'system:serviceaccount:default:robot',
      iat,
      nbf: iat,
      exp: iat + 3600,
      'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'robot', uid: sa.metadata.uid } },
    });
  });

  it('takes the body kubectl create token sends (nulls everywhere) and defaults it', () => {
    const body = {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: { audiences: null, expirationSeconds: null, boundObjectRef: null },
      status: { token: '', expirationTimestamp: null },
    };
    const tr = expectOk(client.request<TokenRequest>({ verb: 'create', group: '', version: 'v1', resource: 'serviceaccounts', subresource: 'token', namespace: 'default', name: 'robot', body }));
    expect(tr.spec).toEqual({ audiences: [SERVICE_ACCOUNT_ISSUER], boundObjectRef: null, expirationSeconds: 3600 });
    expect(review(tr.status!.token!).status?.authenticated).toBe(true);
  });

  it('refuses an expirationSeconds that is not a number with the codec\'s 400', () => {
    const status = expectStatus(requestToken({ expirationSeconds: '1h' }));
    expect([status.code, status.message]).toEqual([
      400,
      'TokenRequest in version "v1" cannot be handled as a TokenRequest: json: cannot unmarshal string into Go struct field TokenRequestSpec.spec.expirationSeconds of type int64',
    ]);
  });

  it.each([
    [10, 'spec.expirationSeconds: Invalid value: 10: may not specify a duration less than 10 minutes'],
    [2 ** 32 + 1, 'spec.expirationSeconds: Invalid value: 4294967297: may not specify a duration larger than 2^32 seconds'],
  ])('refuses expirationSeconds %s as ValidateTokenRequest does', (seconds, error) => {
    expect(expectStatus(requestToken({ expirationSeconds: seconds })).message).toBe(`TokenRequest.authentication.k8s.io "" is invalid: ${error}`);
  });

  it('refuses a body naming another service account', () => {
    expect(expectStatus(requestToken({}, 'robot', { metadata: { name: 'other' } })).message).toBe(
      'TokenRequest.authentication.k8s.io "robot" is invalid: metadata.name: Invalid value: "other": must match the service account name if specified',
    );
  });

  it('answers 404 for a missing service account', () => {
    const status = expectStatus(requestToken({}, 'ghost'));
    expect([status.code, status.message]).toEqual([404, 'serviceaccounts "ghost" not found']);
  });

  it('refuses any verb but create on the subresource', () => {
    const status = expectStatus(client.request({ verb: 'get', group: '', version: 'v1', resource: 'serviceaccounts', subresource: 'token', namespace: 'default', name: 'robot' }));
    expect([status.code, status.reason]).toEqual([405, 'MethodNotAllowed']);
  });

  it('binds to a Pod running as the account, naming its node in the token', () => {
    const node = createNode(client, 'node01');
    const pod = expectOk(
      client.create(PODS, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'app' }, spec: { serviceAccountName: 'robot', nodeName: 'node01', containers: [{ name: 'c', image: 'nginx' }] } }),
    );
    const tr = expectOk(requestToken({ boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'app' } }));
    expect(claimsOf(tr.status!.token!)['kubernetes.io']).toEqual({
      namespace: 'default',
      node: { name: 'node01', uid: node.metadata.uid },
      pod: { name: 'app', uid: pod.metadata.uid },
      serviceaccount: { name: 'robot', uid: sa.metadata.uid },
    });
    const user = review(tr.status!.token!).status!.user!;
    expect(user.extra).toMatchObject({
      'authentication.kubernetes.io/pod-name': ['app'],
      'authentication.kubernetes.io/pod-uid': [pod.metadata.uid],
      'authentication.kubernetes.io/node-name': ['node01'],
    });
  });

  it.each<[string, Record<string, unknown>, number, string]>([
    ['a Pod of another account', { kind: 'Pod', apiVersion: 'v1', name: 'other-sa' }, 400, 'cannot bind token for serviceaccount "robot" to pod running with different serviceaccount name.'],
    ['a missing Pod', { kind: 'Pod', apiVersion: 'v1', name: 'nope' }, 404, 'pods "nope" not found'],
    ['a ConfigMap', { kind: 'ConfigMap', apiVersion: 'v1', name: 'x' }, 400, 'cannot bind token to object of type /v1, Kind=ConfigMap'],
    [
      'a Pod of another account even by uid (the account is checked first)',
      { kind: 'Pod', apiVersion: 'v1', name: 'other-sa', uid: 'old' },
      400,
      'cannot bind token for serviceaccount "robot" to pod running with different serviceaccount name.',
    ],
  ])('refuses to bind to %s', (_what, ref, code, message) => {
    createPod(client, 'other-sa');
    const status = expectStatus(requestToken({ boundObjectRef: ref }));
    expect([status.code, status.message]).toEqual([code, message]);
  });

  it('refuses a Secret reference whose uid is not the stored one, as a Conflict', () => {
    expectOk(client.create(SECRETS, 'default', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }));
    const status = expectStatus(requestToken({ boundObjectRef: { kind: 'Secret', apiVersion: 'v1', name: 's', uid: 'stale' } }));
    expect([status.code, status.message]).toEqual([
      409,
      'Operation cannot be fulfilled on Secret "s": the UID in the bound object reference (stale) does not match the UID in record. The object might have been deleted and then recreated',
    ]);
  });

  it('signs deterministically for a seed', () => {
    const again = makeCluster({ resources: builtinResources });
    try {
      const other = again.client('kubectl');
      expectOk(other.create(SERVICE_ACCOUNTS, 'default', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } }));
      const body = { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', metadata: {}, spec: {} };
      const first = expectOk(requestToken()).status!.token;
      const second = expectOk(other.request<TokenRequest>({ verb: 'create', group: '', version: 'v1', resource: 'serviceaccounts', subresource: 'token', namespace: 'default', name: 'robot', body })).status!.token;
      expect(second).toBe(first);
    } finally {
      again.dispose();
    }
  });
});

describe('TokenReview', () => {
  it('authenticates a fresh token as the service account, with the credential id', () => {
    const token = expectOk(requestToken()).status!.token!;
    const jti = claimsOf(token).jti as string;
    const result = review(token);
    expect(result.spec).toEqual({ token });
    expect(result.metadata.creationTimestamp).toBeNull();
    expect(result.status).toEqual({
      authenticated: true,
      user: {
        username: 'system:serviceaccount:default:robot',
        uid: sa.metadata.uid,
        groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
        extra: { 'authentication.kubernetes.io/credential-id': [`JTI=${jti}`] },
      },
      audiences: [SERVICE_ACCOUNT_ISSUER],
    });
  });

  it('fails an expired token with kube-apiserver\'s error, once the minute of leeway is over', () => {
    const token = expectOk(requestToken({ expirationSeconds: 600 })).status!.token!;
    cluster.clock.advance(660_000);
    expect(review(token).status?.authenticated).toBe(true);
    cluster.clock.advance(1_000);
    expect(review(token).status).toEqual({ user: {}, error: '[invalid bearer token, service account token has expired]' });
  });

  it('fails a token of a deleted or recreated service account', () => {
    const token = expectOk(requestToken()).status!.token!;
    expectOk(client.delete(SERVICE_ACCOUNTS, 'default', 'robot'));
    expect(review(token).status?.error).toBe('[invalid bearer token, service account token has been invalidated]');
    const recreated = expectOk(client.create(SERVICE_ACCOUNTS, 'default', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } }));
    expect(review(token).status?.error).toBe(`[invalid bearer token, service account UID (${recreated.metadata.uid ?? ''}) does not match claim (${sa.metadata.uid ?? ''})]`);
  });

  it('fails a token whose claims were edited (the signature no longer matches)', () => {
    const token = expectOk(requestToken()).status!.token!;
    const [header, payload, signature] = token.split('.');
    const claims = claimsOf(token);
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'system:serviceaccount:kube-system:admin' })).toString('base64url');
    expect(payload).not.toBe(forged);
    expect(review(`${header}.${forged}.${signature}`).status?.error).toBe('[invalid bearer token, go-jose/go-jose: error in cryptographic primitive]');
  });

  it('answers `invalid bearer token` for a token no authenticator recognises', () => {
    expect(review('not-a-jwt').status).toEqual({ user: {}, error: 'invalid bearer token' });
  });

  it('checks the audiences asked for against the token\'s', () => {
    const token = expectOk(requestToken({ audiences: ['vault'] })).status!.token!;
    expect(review(token).status?.error).toBe('[invalid bearer token, token audiences ["vault"] is invalid for the target audiences ["https://kubernetes.default.svc.cluster.local"]]');
    expect(review(token, ['vault', 'other']).status).toMatchObject({ authenticated: true, audiences: ['vault'] });
  });

  it('wants a token', () => {
    const status = expectStatus(client.create(TOKEN_REVIEWS, undefined, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', metadata: {}, spec: {} }));
    expect([status.code, status.message]).toEqual([400, 'token is required for TokenReview in authentication']);
  });
});

describe('service-account tokens (auth/tokens.ts)', () => {
  const lookup = (objects: Record<string, KubeObject>): TokenLookup => ({
    serviceAccount: (ns, name) => objects[`sa/${ns}/${name}`],
    pod: (ns, name) => objects[`pod/${ns}/${name}`],
    secret: (ns, name) => objects[`secret/${ns}/${name}`],
    node: (name) => objects[`node/${name}`],
  });
  const account = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot', namespace: 'dev', uid: 'u-1' } };

  it('derives the same key from the API server random however often it is asked, and another for another seed', () => {
    const random = new SeededRandom(7);
    const key = serviceAccountSigningKey(random);
    expect(serviceAccountSigningKey(random).equals(key)).toBe(true);
    expect(serviceAccountSigningKey(new SeededRandom(7)).equals(key)).toBe(true);
    expect(serviceAccountSigningKey(new SeededRandom(8)).equals(key)).toBe(false);
  });

  it('verifies what it issued, and nothing signed with another key', () => {
    const key = serviceAccountSigningKey(new SeededRandom(1));
    const { token } = issueServiceAccountToken({ key, serviceAccount: { namespace: 'dev', name: 'robot', uid: 'u-1' }, audiences: [SERVICE_ACCOUNT_ISSUER], expirationSeconds: 600, now: 0, jti: 'j' });
    const objects = lookup({ 'sa/dev/robot': account });
    expect(verifyServiceAccountToken(token, key, 1_000, objects)).toMatchObject({ ok: true, user: { username: 'system:serviceaccount:dev:robot', uid: 'u-1' } });
    expect(verifyServiceAccountToken(token, serviceAccountSigningKey(new SeededRandom(2)), 1_000, objects)).toEqual({
      ok: false,
      reason: 'go-jose/go-jose: error in cryptographic primitive',
    });
  });

  it('refuses a token used before its nbf (beyond the leeway)', () => {
    const key = serviceAccountSigningKey(new SeededRandom(1));
    const { token } = issueServiceAccountToken({ key, serviceAccount: { namespace: 'dev', name: 'robot', uid: 'u-1' }, audiences: [SERVICE_ACCOUNT_ISSUER], expirationSeconds: 600, now: 120_000, jti: 'j' });
    expect(verifyServiceAccountToken(token, key, 0, lookup({ 'sa/dev/robot': account }))).toEqual({ ok: false, reason: 'service account token is not valid yet' });
  });

  it('has no opinion about a JWT from another issuer', () => {
    const other = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ iss: 'https://accounts.example.com' })).toString('base64url')}.x`;
    expect(verifyServiceAccountToken(other, Buffer.alloc(32), 0, lookup({}))).toEqual({ ok: false });
  });

  it('fails a token bound to a node that is gone', () => {
    const key = serviceAccountSigningKey(new SeededRandom(1));
    const { token } = issueServiceAccountToken({
      key,
      serviceAccount: { namespace: 'dev', name: 'robot', uid: 'u-1' },
      audiences: [SERVICE_ACCOUNT_ISSUER],
      expirationSeconds: 600,
      now: 0,
      jti: 'j',
      node: { name: 'node01', uid: 'n-1' },
    });
    expect(verifyServiceAccountToken(token, key, 0, lookup({ 'sa/dev/robot': account }))).toEqual({ ok: false, reason: 'service account token has been invalidated' });
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node01', uid: 'n-2' } };
    expect(verifyServiceAccountToken(token, key, 0, lookup({ 'sa/dev/robot': account, 'node/node01': node }))).toEqual({
      ok: false,
      reason: 'node UID (n-2) does not match claim (n-1)',
    });
  });
});
