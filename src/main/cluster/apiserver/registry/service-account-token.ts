/**
 * `POST /api/v1/namespaces/<ns>/serviceaccounts/<name>/token` (kubectl create token): the
 * TokenRequest subresource of kube-apiserver 1.32 (pkg/registry/core/serviceaccount/storage/token.go).
 * It validates the request, optionally binds the token to a Pod, Secret or Node (a Pod's node is
 * named in the token too), defaults the audiences to the API server's, and answers with the
 * TokenRequest carrying the signed token and its expiry. Nothing is stored.
 */
import type { BoundObjectReference, TokenRequest } from '../../../../shared/api/authentication.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { rfc3339 } from '../../../base/duration.js';
import { API_AUDIENCES, type BoundObject, issueServiceAccountToken, serviceAccountSigningKey } from '../auth/tokens.js';
import { type FieldError, badRequest, conflict, invalid, invalidValue, notFound } from '../errors.js';
import type { ApiResult } from '../types.js';
import { GO_STRING, decodeError, goSlice, goStruct } from './decoding.js';
import type { StrategyContext, SubresourceHandler } from './resource.js';

const GROUP = 'authentication.k8s.io';
const API_VERSION = `${GROUP}/v1`;

/** authentication.MinTokenAgeSec, and the v1 default (SetDefaults_TokenRequestSpec). */
const MIN_EXPIRATION_SECONDS = 600;
const DEFAULT_EXPIRATION_SECONDS = 3600;

const TOKEN_REQUEST = goStruct('TokenRequest', {
  spec: goStruct('TokenRequestSpec', {
    audiences: goSlice(GO_STRING),
    expirationSeconds: { kind: 'int64' },
    boundObjectRef: goStruct('BoundObjectReference', { kind: GO_STRING, apiVersion: GO_STRING, name: GO_STRING, uid: GO_STRING }),
  }),
});

/** ValidateTokenRequest (pkg/apis/authentication/validation). */
function validateTokenRequest(expirationSeconds: number): FieldError[] {
  const errors: FieldError[] = [];
  if (expirationSeconds < MIN_EXPIRATION_SECONDS) {
    errors.push(invalidValue('spec.expirationSeconds', expirationSeconds, 'may not specify a duration less than 10 minutes'));
  }
  if (expirationSeconds > 2 ** 32) {
    errors.push(invalidValue('spec.expirationSeconds', expirationSeconds, 'may not specify a duration larger than 2^32 seconds'));
  }
  return errors;
}

/** schema.GroupVersionKind.String(): `/v1, Kind=ConfigMap`. */
function gvkString(ref: BoundObjectReference): { group: string; text: string } {
  const apiVersion = ref.apiVersion ?? '';
  const slash = apiVersion.indexOf('/');
  const group = slash >= 0 ? apiVersion.slice(0, slash) : '';
  const version = slash >= 0 ? apiVersion.slice(slash + 1) : apiVersion;
  return { group, text: `${group}/${version}, Kind=${ref.kind ?? ''}` };
}

type Bound = { pod?: BoundObject; secret?: BoundObject; node?: BoundObject };

/** Look up the object a token is bound to, as the handler does before issuing. */
function resolveBinding(ref: BoundObjectReference, serviceAccount: string, namespace: string, ctx: StrategyContext): ApiResult<Bound> {
  const gvk = gvkString(ref);
  const name = ref.name ?? '';
  let object: KubeObject | undefined;
  const bound: Bound = {};
  if (gvk.group === '' && ref.kind === 'Pod') {
    object = ctx.get('', 'pods', namespace, name);
    if (!object) return { ok: false, status: notFound({ group: '', resource: 'pods' }, name) };
    const spec = object.spec as { serviceAccountName?: string; nodeName?: string } | undefined;
    if ((spec?.serviceAccountName ?? '') !== serviceAccount) {
      return { ok: false, status: badRequest(`cannot bind token for serviceaccount ${JSON.stringify(serviceAccount)} to pod running with different serviceaccount name.`) };
    }
    bound.pod = { name, uid: object.metadata.uid ?? '' };
    // ServiceAccountTokenPodNodeInfo: the Pod's node goes into the token when it can be read.
    const node = spec?.nodeName ? ctx.get('', 'nodes', undefined, spec.nodeName) : undefined;
    if (node) bound.node = { name: node.metadata.name ?? '', uid: node.metadata.uid ?? '' };
  } else if (gvk.group === '' && ref.kind === 'Secret') {
    object = ctx.get('', 'secrets', namespace, name);
    if (!object) return { ok: false, status: notFound({ group: '', resource: 'secrets' }, name) };
    bound.secret = { name, uid: object.metadata.uid ?? '' };
  } else if (gvk.group === '' && ref.kind === 'Node') {
    object = ctx.get('', 'nodes', undefined, name);
    if (!object) return { ok: false, status: notFound({ group: '', resource: 'nodes' }, name) };
    bound.node = { name, uid: object.metadata.uid ?? '' };
  } else {
    return { ok: false, status: badRequest(`cannot bind token to object of type ${gvk.text}`) };
  }
  if (ref.uid && ref.uid !== object.metadata.uid) {
    return {
      ok: false,
      status: conflict(
        { group: gvk.group, resource: ref.kind ?? '' },
        name,
        `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`,
      ),
    };
  }
  return { ok: true, code: 200, value: bound };
}

export const serviceAccountTokenHandler: SubresourceHandler = {
  verbs: ['create'],
  handle(request, serviceAccount, ctx) {
    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return { ok: false, status: badRequest('the body of the request was in an unknown format') };
    }
    const sent = structuredClone(body) as TokenRequest;
    const decodeFailure = decodeError(sent, TOKEN_REQUEST);
    if (decodeFailure) return { ok: false, status: badRequest(`TokenRequest in version "v1" cannot be handled as a TokenRequest: ${decodeFailure}`) };
    const name = serviceAccount.metadata.name ?? '';
    const namespace = serviceAccount.metadata.namespace ?? '';
    const spec = sent.spec ?? {};
    const expirationSeconds = spec.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS;
    const errors = validateTokenRequest(expirationSeconds);
    if (errors.length > 0) return { ok: false, status: invalid('TokenRequest', GROUP, '', errors) };
    // The body's name and namespace, when given, must be the service account's.
    const meta = sent.metadata ?? {};
    if (meta.name && meta.name !== name) {
      return { ok: false, status: invalid('TokenRequest', GROUP, name, [invalidValue('metadata.name', meta.name, 'must match the service account name if specified')]) };
    }
    if (meta.namespace && meta.namespace !== namespace) {
      return {
        ok: false,
        status: invalid('TokenRequest', GROUP, name, [invalidValue('metadata.namespace', meta.namespace, 'must match the service account namespace if specified')]),
      };
    }
    const ref = spec.boundObjectRef ?? null;
    let bound: Bound = {};
    if (ref) {
      const resolved = resolveBinding(ref, name, namespace, ctx);
      if (!resolved.ok) return resolved;
      bound = resolved.value;
    }
    const audiences = spec.audiences && spec.audiences.length > 0 ? spec.audiences : [...API_AUDIENCES];
    const now = ctx.now();
    const issued = issueServiceAccountToken({
      key: serviceAccountSigningKey(ctx.random),
      serviceAccount: { namespace, name, uid: serviceAccount.metadata.uid ?? '' },
      audiences,
      expirationSeconds,
      now,
      jti: ctx.stream('service-account-token-jti').uuid(),
      ...bound,
    });
    const response: TokenRequest = {
      kind: 'TokenRequest',
      apiVersion: API_VERSION,
      metadata: { name, namespace, creationTimestamp: rfc3339(now) },
      // No omitempty on these: `boundObjectRef: null` shows in `kubectl create token -o yaml`.
      spec: { audiences, boundObjectRef: ref, expirationSeconds },
      status: { token: issued.token, expirationTimestamp: rfc3339(issued.expiry) },
    };
    return { ok: true, code: 201, value: response };
  },
};
