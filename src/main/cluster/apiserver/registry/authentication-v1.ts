/**
 * authentication.k8s.io/v1: TokenReview (is this bearer token valid, and whose is it?) and
 * SelfSubjectReview (`kubectl auth whoami`). Both are create-only and never stored, as in
 * kube-apiserver 1.32 (pkg/registry/authentication/{tokenreview,selfsubjectreview}).
 */
import type { SelfSubjectReview, TokenReview, UserInfoV1 } from '../../../../shared/api/authentication.js';
import { rfc3339 } from '../../../base/duration.js';
import { API_AUDIENCES, bearerTokenError, serviceAccountSigningKey, verifyServiceAccountToken, type TokenLookup } from '../auth/tokens.js';
import type { UserInfo } from '../auth/user.js';
import { badRequest } from '../errors.js';
import { GO_STRING, decodeError, goMap, goSlice, goStruct } from './decoding.js';
import type { ResourceDefinition, StrategyContext } from './resource.js';

const GROUP = 'authentication.k8s.io';
const API_VERSION = `${GROUP}/v1`;

const TOKEN_REVIEW = goStruct('TokenReview', { spec: goStruct('TokenReviewSpec', { token: GO_STRING, audiences: goSlice(GO_STRING) }) });

/** authentication/v1 UserInfo: every field omitempty, so an empty extra map is left out. */
export function userInfoV1(user: UserInfo): UserInfoV1 {
  const info: UserInfoV1 = { username: user.username };
  if (user.uid) info.uid = user.uid;
  if (user.groups.length > 0) info.groups = [...user.groups];
  if (user.extra && Object.keys(user.extra).length > 0) info.extra = structuredClone(user.extra);
  return info;
}

/** What the token authenticator reads: the stored objects, through the server context. */
export function tokenLookup(ctx: StrategyContext): TokenLookup {
  return {
    serviceAccount: (namespace, name) => ctx.get('', 'serviceaccounts', namespace, name),
    pod: (namespace, name) => ctx.get('', 'pods', namespace, name),
    secret: (namespace, name) => ctx.get('', 'secrets', namespace, name),
    node: (name) => ctx.get('', 'nodes', undefined, name),
  };
}

export const tokenReviewResource: ResourceDefinition = {
  group: GROUP,
  version: 'v1',
  kind: 'TokenReview',
  plural: 'tokenreviews',
  singular: 'tokenreview',
  namespaced: false,
  shortNames: [],
  categories: [],
  storagePrefix: 'tokenreviews',
  verbs: ['create'],
  subresources: [],
  strategy: { decode: (obj) => decodeError(obj, TOKEN_REVIEW) },
  virtual: {
    create(_request, body, ctx) {
      const review = body as TokenReview;
      const token = review.spec?.token ?? '';
      if (!token) return { ok: false, status: badRequest('token is required for TokenReview in authentication') };
      const audiences = review.spec?.audiences && review.spec.audiences.length > 0 ? review.spec.audiences : [...API_AUDIENCES];
      const verdict = verifyServiceAccountToken(token, serviceAccountSigningKey(ctx.random), ctx.now(), tokenLookup(ctx), audiences);
      // TokenReviewStatus: authenticated, audiences and error are omitempty; user is a struct, so `{}`.
      const status: NonNullable<TokenReview['status']> = verdict.ok
        ? { authenticated: true, user: userInfoV1(verdict.user), audiences: verdict.audiences }
        : { user: {}, error: bearerTokenError(verdict.reason) };
      const response: TokenReview = {
        kind: 'TokenReview',
        apiVersion: API_VERSION,
        metadata: { ...review.metadata, creationTimestamp: review.metadata.creationTimestamp ?? null },
        spec: review.spec ?? {},
        status,
      };
      return { ok: true, code: 201, value: response };
    },
  },
};

export const selfSubjectReviewResource: ResourceDefinition = {
  group: GROUP,
  version: 'v1',
  kind: 'SelfSubjectReview',
  plural: 'selfsubjectreviews',
  singular: 'selfsubjectreview',
  namespaced: false,
  shortNames: [],
  categories: [],
  storagePrefix: 'selfsubjectreviews',
  verbs: ['create'],
  subresources: [],
  strategy: { decode: (obj) => decodeError(obj, goStruct('SelfSubjectReview', { status: goStruct('SelfSubjectReviewStatus', { userInfo: goStruct('UserInfo', { extra: goMap(goSlice(GO_STRING)) }) }) })) },
  virtual: {
    create(request, _body, ctx) {
      // A new object, whatever was sent: only the creation time and the requester.
      const response: SelfSubjectReview = {
        kind: 'SelfSubjectReview',
        apiVersion: API_VERSION,
        metadata: { creationTimestamp: rfc3339(ctx.now()) },
        status: { userInfo: userInfoV1(request.user) },
      };
      return { ok: true, code: 201, value: response };
    },
  },
};

/** The group's resources in discovery order (by plural name). */
export const authenticationV1Resources: readonly ResourceDefinition[] = [selfSubjectReviewResource, tokenReviewResource];
