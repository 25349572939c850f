/**
 * Bound service-account tokens: the JWTs TokenRequest issues (`kubectl create token`, the
 * kubelet's projected volumes) and the authenticator that accepts them (bearer tokens, TokenReview).
 *
 * The claims are kube-apiserver 1.32's (pkg/serviceaccount/claims.go): `aud`, `exp`, `iat`, `iss`,
 * `jti`, `nbf`, `sub` and the private `kubernetes.io` claim (namespace, serviceaccount, and the
 * pod / secret / node the token is bound to), keys sorted as go-jose's builder marshals them.
 *
 * Honest difference: a real cluster signs with RS256 and kubeadm's `/etc/kubernetes/pki/sa.key`.
 * The lab is offline and must be deterministic for a seed, so it signs with HS256 under a key
 * drawn from the API server's seeded stream `service-account-key`. Tokens look and decode like
 * real ones (header `{"alg":"HS256","kid":"…"}`), and editing a claim breaks the signature.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { KubeObject } from '../../../../shared/api/meta.js';
import type { Random } from '../../../base/random.js';
import { serviceAccountUser, type UserInfo } from './user.js';

/** kubeadm's `--service-account-issuer`; also the API server's default audience. */
export const SERVICE_ACCOUNT_ISSUER = 'https://kubernetes.default.svc.cluster.local';

/** `--api-audiences`: unset in kubeadm, so the issuer. */
export const API_AUDIENCES: readonly string[] = [SERVICE_ACCOUNT_ISSUER];

/** The label of the API server's seeded stream the signing key comes from. */
export const SERVICE_ACCOUNT_KEY_STREAM = 'service-account-key';

/** go-jose's DefaultLeeway: exp, nbf and iat are judged with a minute of slack. */
const LEEWAY_MS = 60_000;

/** user.Info extra keys of a service-account token (k8s.io/apiserver/pkg/authentication/serviceaccount). */
export const CREDENTIAL_ID_KEY = 'authentication.kubernetes.io/credential-id';
export const POD_NAME_KEY = 'authentication.kubernetes.io/pod-name';
export const POD_UID_KEY = 'authentication.kubernetes.io/pod-uid';
export const NODE_NAME_KEY = 'authentication.kubernetes.io/node-name';
export const NODE_UID_KEY = 'authentication.kubernetes.io/node-uid';

const keys = new WeakMap<Random, Buffer>();

/**
 * The signing key. Contract: pass the Random the ApiServer was constructed with (`ctx.random`);
 * the key is drawn from its fork `service-account-key`, and forking never moves the parent, so
 * the API server (TokenRequest, TokenReview) and the lab's bearer-token authenticator derive the
 * same 32 bytes without sharing state.
 */
export function serviceAccountSigningKey(apiServerRandom: Random): Buffer {
  let key = keys.get(apiServerRandom);
  if (!key) {
    const stream = apiServerRandom.fork(SERVICE_ACCOUNT_KEY_STREAM);
    key = Buffer.from(Array.from({ length: 32 }, () => stream.int(0, 255)));
    keys.set(apiServerRandom, key);
  }
  return key;
}

/** The key id a verifier can look for: base64url(sha256(key)), as long as a real `kid`. */
function keyId(key: Buffer): string {
  return createHash('sha256').update(key).update('kid').digest('base64url');
}

export interface BoundObject {
  name: string;
  uid: string;
}

export interface TokenIssue {
  key: Buffer;
  serviceAccount: { namespace: string; name: string; uid: string };
  audiences: readonly string[];
  expirationSeconds: number;
  /** Lab time in ms; `iat` and `nbf`. */
  now: number;
  /** The `jti` claim (ServiceAccountTokenJTI, on by default since 1.30). */
  jti: string;
  pod?: BoundObject;
  secret?: BoundObject;
  node?: BoundObject;
}

interface Claims {
  aud?: string[];
  exp?: number;
  iat?: number;
  iss?: string;
  jti?: string;
  nbf?: number;
  sub?: string;
  'kubernetes.io'?: {
    namespace?: string;
    serviceaccount?: { name?: string; uid?: string };
    pod?: BoundObject;
    secret?: BoundObject;
    node?: BoundObject;
  };
}

/** Go's json.Marshal of a map: keys sorted at every level (go-jose merges the claim sets as maps). */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

function sign(key: Buffer, signingInput: string): string {
  return createHmac('sha256', key).update(signingInput).digest('base64url');
}

/** Issue a token; `expiry` (ms) is what TokenRequest reports as status.expirationTimestamp. */
export function issueServiceAccountToken(issue: TokenIssue): { token: string; expiry: number } {
  const seconds = Math.floor(issue.now / 1000);
  const exp = seconds + issue.expirationSeconds;
  const claims: Claims = {
    aud: [...issue.audiences],
    exp,
    iat: seconds,
    iss: SERVICE_ACCOUNT_ISSUER,
    jti: issue.jti,
    'kubernetes.io': {
      namespace: issue.serviceAccount.namespace,
      serviceaccount: { name: issue.serviceAccount.name, uid: issue.serviceAccount.uid },
      ...(issue.pod ? { pod: issue.pod } : {}),
      ...(issue.secret ? { secret: issue.secret } : {}),
      ...(issue.node ? { node: issue.node } : {}),
    },
    nbf: seconds,
    sub: `system:serviceaccount:${issue.serviceAccount.namespace}:${issue.serviceAccount.name}`,
  };
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', kid: keyId(issue.key) })).toString('base64url');
  const payload = Buffer.from(sortedJson(claims)).toString('base64url');
  return { token: `${header}.${payload}.${sign(issue.key, `${header}.${payload}`)}`, expiry: exp * 1000 };
}

/** What the verifier reads from the cluster: the stored objects a token names. */
export interface TokenLookup {
  serviceAccount(namespace: string, name: string): KubeObject | undefined;
  pod(namespace: string, name: string): KubeObject | undefined;
  secret(namespace: string, name: string): KubeObject | undefined;
  node(name: string): KubeObject | undefined;
}

/**
 * The verdict. `reason` is the service-account authenticator's error; none means the token is not
 * one of ours (not a JWT, another issuer), about which it has no opinion.
 */
export type TokenVerification = { ok: true; user: UserInfo; audiences: string[] } | { ok: false; reason?: string };

function decodeSegment(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Go's %q of a []string: `["a" "b"]`. */
function quotedList(values: readonly string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(' ')}]`;
}

/**
 * Authenticate a bearer token as kube-apiserver's service-account JWT authenticator does
 * (pkg/serviceaccount/jwt.go and claims.go): issuer, signature, time claims with a minute of
 * leeway, audiences, then the service account (and bound pod, secret, node) must still exist with
 * the uid the token names.
 */
export function verifyServiceAccountToken(
  token: string,
  key: Buffer,
  now: number,
  lookup: TokenLookup,
  requestedAudiences: readonly string[] = API_AUDIENCES,
): TokenVerification {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false };
  const [headerPart = '', payloadPart = '', signature = ''] = parts;
  const header = decodeSegment(headerPart);
  const claims = decodeSegment(payloadPart) as Claims | undefined;
  if (typeof header !== 'object' || header === null || typeof claims !== 'object' || claims === null) return { ok: false };
  // hasCorrectIssuer: a JWT from another issuer is left to other authenticators.
  if (claims.iss !== SERVICE_ACCOUNT_ISSUER) return { ok: false };
  const expected = Buffer.from(sign(key, `${headerPart}.${payloadPart}`));
  const actual = Buffer.from(signature);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    return { ok: false, reason: 'go-jose/go-jose: error in cryptographic primitive' };
  }
  if (claims.nbf !== undefined && now + LEEWAY_MS < claims.nbf * 1000) return { ok: false, reason: 'service account token is not valid yet' };
  if (claims.exp !== undefined && now - LEEWAY_MS > claims.exp * 1000) return { ok: false, reason: 'service account token has expired' };
  if (claims.iat !== undefined && now + LEEWAY_MS < claims.iat * 1000) return { ok: false, reason: 'service account token is issued in the future' };

  const k8s = claims['kubernetes.io'] ?? {};
  const namespace = k8s.namespace ?? '';
  const saName = k8s.serviceaccount?.name ?? '';
  const saUid = k8s.serviceaccount?.uid ?? '';
  const serviceAccount = lookup.serviceAccount(namespace, saName);
  if (!serviceAccount) return { ok: false, reason: 'service account token has been invalidated' };
  if (serviceAccount.metadata.deletionTimestamp && Date.parse(serviceAccount.metadata.deletionTimestamp) < now - LEEWAY_MS) {
    return { ok: false, reason: `service account ${namespace}/${saName} has been deleted` };
  }
  if (serviceAccount.metadata.uid !== saUid) {
    return { ok: false, reason: `service account UID (${serviceAccount.metadata.uid ?? ''}) does not match claim (${saUid})` };
  }
  const bound: Array<[string, BoundObject | undefined, (name: string) => KubeObject | undefined]> = [
    ['secret', k8s.secret, (name) => lookup.secret(namespace, name)],
    ['pod', k8s.pod, (name) => lookup.pod(namespace, name)],
    ['node', k8s.node, (name) => lookup.node(name)],
  ];
  for (const [what, ref, get] of bound) {
    if (!ref) continue;
    const object = get(ref.name);
    if (!object) return { ok: false, reason: 'service account token has been invalidated' };
    if (object.metadata.uid !== ref.uid) return { ok: false, reason: `${what} UID (${object.metadata.uid ?? ''}) does not match claim (${ref.uid})` };
  }

  // Not every validator checks audiences, so jwt.go does: the token's must meet the requested ones.
  const tokenAudiences = claims.aud ?? [...API_AUDIENCES];
  const audiences = tokenAudiences.filter((a) => requestedAudiences.includes(a));
  if (audiences.length === 0) {
    return { ok: false, reason: `token audiences ${quotedList(tokenAudiences)} is invalid for the target audiences ${quotedList(requestedAudiences)}` };
  }

  const user = serviceAccountUser(namespace, saName, saUid);
  const extra: Record<string, string[]> = {};
  if (k8s.pod) {
    extra[POD_NAME_KEY] = [k8s.pod.name];
    extra[POD_UID_KEY] = [k8s.pod.uid];
  }
  if (claims.jti) extra[CREDENTIAL_ID_KEY] = [`JTI=${claims.jti}`];
  if (k8s.node) {
    extra[NODE_NAME_KEY] = [k8s.node.name];
    if (k8s.node.uid) extra[NODE_UID_KEY] = [k8s.node.uid];
  }
  return { ok: true, user: Object.keys(extra).length > 0 ? { ...user, extra } : user, audiences };
}

/**
 * The bearer-token authenticator's error as TokenReview and the `Unable to authenticate the
 * request` log show it: `[invalid bearer token, service account token has expired]`, or just
 * `invalid bearer token` when no authenticator recognised the token.
 */
export function bearerTokenError(reason: string | undefined): string {
  return reason ? `[invalid bearer token, ${reason}]` : 'invalid bearer token';
}
