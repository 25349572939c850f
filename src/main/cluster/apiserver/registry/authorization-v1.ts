/**
 * authorization.k8s.io/v1: the access reviews behind `kubectl auth can-i` (SelfSubjectAccessReview,
 * SelfSubjectRulesReview for `--list`), SubjectAccessReview (webhooks, `--as`-less checks for
 * another user) and LocalSubjectAccessReview (the same, inside one namespace). Create-only, never
 * stored: each answers with the review and its status, from the server's own authorizer, as
 * kube-apiserver 1.32 does (pkg/registry/authorization, pkg/apis/authorization/validation).
 *
 * Validation failures read like kube-apiserver's, quirks included: the internal object has no
 * kind, so the message starts `.authorization.k8s.io "" is invalid: …`. Not modelled: the 1.32
 * fieldSelector / labelSelector attributes (AuthorizeWithSelectors).
 */
import type {
  NonResourceAttributes,
  ResourceAttributes,
  SelfSubjectAccessReview,
  SelfSubjectRulesReview,
  SubjectAccessReview,
  SubjectAccessReviewStatus,
} from '../../../../shared/api/authentication.js';
import type { KubeObject, ObjectMeta } from '../../../../shared/api/meta.js';
import type { AuthorizationAttributes } from '../auth/authorizer.js';
import type { UserInfo } from '../auth/user.js';
import { type FieldError, type GoLiteral, badRequest, goLiteral, invalid, invalidValue } from '../errors.js';
import type { ApiResult } from '../types.js';
import { GO_STRING, decodeError, goMap, goSlice, goStruct, type GoStruct } from './decoding.js';
import { goStringMap } from './go-value.js';
import type { ResourceDefinition, StrategyContext } from './resource.js';

const GROUP = 'authorization.k8s.io';

const RESOURCE_ATTRIBUTES = goStruct('ResourceAttributes', {
  namespace: GO_STRING,
  verb: GO_STRING,
  group: GO_STRING,
  version: GO_STRING,
  resource: GO_STRING,
  subresource: GO_STRING,
  name: GO_STRING,
});
const NON_RESOURCE_ATTRIBUTES = goStruct('NonResourceAttributes', { path: GO_STRING, verb: GO_STRING });
const SUBJECT_SPEC = goStruct('SubjectAccessReviewSpec', {
  resourceAttributes: RESOURCE_ATTRIBUTES,
  nonResourceAttributes: NON_RESOURCE_ATTRIBUTES,
  user: GO_STRING,
  groups: goSlice(GO_STRING),
  extra: goMap(goSlice(GO_STRING)),
  uid: GO_STRING,
});

function reviewOf(kind: string, spec: GoStruct): GoStruct {
  return goStruct(kind, { spec });
}

/** `%#v` of the internal ResourceAttributes / NonResourceAttributes a field error quotes. */
function goNonResource(attributes: NonResourceAttributes): GoLiteral {
  return goLiteral(`authorization.NonResourceAttributes{Path:${JSON.stringify(attributes.path ?? '')}, Verb:${JSON.stringify(attributes.verb ?? '')}}`);
}

/** `%#v` of metav1.ObjectMeta, written the way the lab's other Go renderings are (go-value.ts). */
function goObjectMeta(meta: ObjectMeta): GoLiteral {
  const q = (s: string | undefined): string => JSON.stringify(s ?? '');
  const finalizers = meta.finalizers ? `[]string{${meta.finalizers.map((f) => JSON.stringify(f)).join(', ')}}` : '[]string(nil)';
  return goLiteral(
    `v1.ObjectMeta{Name:${q(meta.name)}, GenerateName:${q(meta.generateName)}, Namespace:${q(meta.namespace)}, SelfLink:"", UID:${q(meta.uid)}, ` +
      `ResourceVersion:${q(meta.resourceVersion)}, Generation:${meta.generation ?? 0}, ` +
      'CreationTimestamp:v1.Time{Time:time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)}, DeletionTimestamp:<nil>, DeletionGracePeriodSeconds:(*int64)(nil), ' +
      `Labels:${goStringMap(meta.labels)}, Annotations:${goStringMap(meta.annotations)}, OwnerReferences:[]v1.OwnerReference(nil), ` +
      `Finalizers:${finalizers}, ManagedFields:[]v1.ManagedFieldsEntry(nil)}`,
  );
}

/** apiequality.Semantic.DeepEqual(metav1.ObjectMeta{}, meta) with managedFields (and optionally namespace) ignored. */
function metaIsEmpty(meta: ObjectMeta, ignoreNamespace: boolean): boolean {
  const nonEmpty = (v: unknown): boolean =>
    v !== undefined && v !== null && v !== '' && v !== 0 && !(Array.isArray(v) && v.length === 0) && !(typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);
  return Object.entries(meta).every(([key, value]) => key === 'managedFields' || (ignoreNamespace && key === 'namespace') || !nonEmpty(value));
}

interface AttributesSpec {
  resourceAttributes?: ResourceAttributes | null;
  nonResourceAttributes?: NonResourceAttributes | null;
}

/** The checks SubjectAccessReviewSpec and SelfSubjectAccessReviewSpec share. */
function validateAttributes(spec: AttributesSpec): FieldError[] {
  const errors: FieldError[] = [];
  if (spec.resourceAttributes && spec.nonResourceAttributes) {
    errors.push(invalidValue('spec.nonResourceAttributes', goNonResource(spec.nonResourceAttributes), 'cannot be specified in combination with resourceAttributes'));
  }
  if (!spec.resourceAttributes && !spec.nonResourceAttributes) {
    errors.push(invalidValue('spec.resourceAttributes', null, 'exactly one of nonResourceAttributes or resourceAttributes must be specified'));
  }
  return errors;
}

function validateSubjectSpec(spec: SubjectAccessReview['spec'] = {}): FieldError[] {
  const errors = validateAttributes(spec);
  if (!spec.user && (spec.groups ?? []).length === 0) errors.push(invalidValue('spec.user', spec.user ?? '', 'at least one of user or group must be specified'));
  return errors;
}

/** authorizationutil.ResourceAttributesFrom / NonResourceAttributesFrom. */
function attributesFor(user: UserInfo, spec: AttributesSpec): AuthorizationAttributes {
  const r = spec.resourceAttributes;
  if (r) {
    return {
      user,
      verb: r.verb ?? '',
      resourceRequest: true,
      apiGroup: r.group ?? '',
      apiVersion: r.version ?? '',
      resource: r.resource ?? '',
      subresource: r.subresource || undefined,
      namespace: r.namespace || undefined,
      name: r.name || undefined,
    };
  }
  const n = spec.nonResourceAttributes ?? {};
  return { user, verb: n.verb ?? '', resourceRequest: false, path: n.path ?? '' };
}

/** SubjectAccessReviewStatus: `allowed` always, the rest omitempty. */
function decide(ctx: StrategyContext, attributes: AuthorizationAttributes): SubjectAccessReviewStatus {
  const result = ctx.authorize(attributes);
  const status: SubjectAccessReviewStatus = { allowed: result.decision === 'Allow' };
  if (result.decision === 'Deny') status.denied = true;
  if (result.reason) status.reason = result.reason;
  return status;
}

/** The review as sent, with its status: metadata stays as sent, with `creationTimestamp: null`. */
function answer<T extends KubeObject>(review: T, status: unknown): ApiResult<unknown> {
  return { ok: true, code: 201, value: { ...review, metadata: { ...review.metadata, creationTimestamp: review.metadata.creationTimestamp ?? null }, status } };
}

function refuse(errors: FieldError[]): ApiResult<unknown> {
  return { ok: false, status: invalid('', GROUP, '', errors) };
}

function reviewResource(kind: string, plural: string, namespaced: boolean, decodeAs: GoStruct, create: NonNullable<ResourceDefinition['virtual']>['create']): ResourceDefinition {
  return {
    group: GROUP,
    version: 'v1',
    kind,
    plural,
    singular: kind.toLowerCase(),
    namespaced,
    shortNames: [],
    categories: [],
    storagePrefix: plural,
    verbs: ['create'],
    subresources: [],
    strategy: { decode: (obj) => decodeError(obj, decodeAs) },
    virtual: { create },
  };
}

export const localSubjectAccessReviewResource = reviewResource('LocalSubjectAccessReview', 'localsubjectaccessreviews', true, reviewOf('LocalSubjectAccessReview', SUBJECT_SPEC), (request, body, ctx) => {
  const review = body as SubjectAccessReview;
  const spec = review.spec ?? {};
  const errors = validateSubjectSpec(spec);
  if (!metaIsEmpty(review.metadata, true)) errors.push(invalidValue('metadata', goObjectMeta(review.metadata), 'must be empty except for namespace'));
  const namespace = review.metadata.namespace ?? '';
  if (spec.resourceAttributes && (spec.resourceAttributes.namespace ?? '') !== namespace) {
    errors.push(invalidValue('spec.resourceAttributes.namespace', spec.resourceAttributes.namespace ?? '', 'must match metadata.namespace'));
  }
  if (spec.nonResourceAttributes) errors.push(invalidValue('spec.nonResourceAttributes', goNonResource(spec.nonResourceAttributes), 'disallowed on this kind of request'));
  if (errors.length > 0) return refuse(errors);
  if (!request.namespace) return { ok: false, status: badRequest('namespace is required on this type: ') };
  return answer(review, decide(ctx, attributesFor(subjectOf(spec), spec)));
});

/** The user a SubjectAccessReview asks about. */
function subjectOf(spec: NonNullable<SubjectAccessReview['spec']>): UserInfo {
  return { username: spec.user ?? '', ...(spec.uid ? { uid: spec.uid } : {}), groups: [...(spec.groups ?? [])], ...(spec.extra ? { extra: spec.extra } : {}) };
}

export const selfSubjectAccessReviewResource = reviewResource(
  'SelfSubjectAccessReview',
  'selfsubjectaccessreviews',
  false,
  reviewOf('SelfSubjectAccessReview', goStruct('SelfSubjectAccessReviewSpec', { resourceAttributes: RESOURCE_ATTRIBUTES, nonResourceAttributes: NON_RESOURCE_ATTRIBUTES })),
  (request, body, ctx) => {
    const review = body as SelfSubjectAccessReview;
    const spec = review.spec ?? {};
    const errors = validateAttributes(spec);
    if (!metaIsEmpty(review.metadata, false)) errors.push(invalidValue('metadata', goObjectMeta(review.metadata), 'must be empty'));
    if (errors.length > 0) return refuse(errors);
    return answer(review, decide(ctx, attributesFor(request.user, spec)));
  },
);

export const selfSubjectRulesReviewResource = reviewResource(
  'SelfSubjectRulesReview',
  'selfsubjectrulesreviews',
  false,
  reviewOf('SelfSubjectRulesReview', goStruct('SelfSubjectRulesReviewSpec', { namespace: GO_STRING })),
  (request, body, ctx) => {
    const namespace = (body as SelfSubjectRulesReview).spec?.namespace ?? '';
    if (!namespace) return { ok: false, status: badRequest('no namespace on request') };
    const rules = ctx.rules.rulesFor(request.user, namespace);
    // A new object: the spec is not echoed, and the rule lists are never null.
    const status: NonNullable<SelfSubjectRulesReview['status']> = {
      resourceRules: rules.resourceRules.map((r) => ({
        verbs: [...r.verbs],
        ...(r.apiGroups.length > 0 ? { apiGroups: [...r.apiGroups] } : {}),
        ...(r.resources.length > 0 ? { resources: [...r.resources] } : {}),
        ...(r.resourceNames.length > 0 ? { resourceNames: [...r.resourceNames] } : {}),
      })),
      nonResourceRules: rules.nonResourceRules.map((r) => ({ verbs: [...r.verbs], ...(r.nonResourceURLs.length > 0 ? { nonResourceURLs: [...r.nonResourceURLs] } : {}) })),
      incomplete: rules.incomplete,
      ...(rules.evaluationError ? { evaluationError: rules.evaluationError } : {}),
    };
    const response: SelfSubjectRulesReview = {
      kind: 'SelfSubjectRulesReview',
      apiVersion: `${GROUP}/v1`,
      metadata: { creationTimestamp: null },
      spec: {},
      status,
    };
    return { ok: true, code: 201, value: response };
  },
);

export const subjectAccessReviewResource = reviewResource('SubjectAccessReview', 'subjectaccessreviews', false, reviewOf('SubjectAccessReview', SUBJECT_SPEC), (_request, body, ctx) => {
  const review = body as SubjectAccessReview;
  const spec = review.spec ?? {};
  const errors = validateSubjectSpec(spec);
  if (!metaIsEmpty(review.metadata, false)) errors.push(invalidValue('metadata', goObjectMeta(review.metadata), 'must be empty'));
  if (errors.length > 0) return refuse(errors);
  return answer(review, decide(ctx, attributesFor(subjectOf(spec), spec)));
});

/** The group's resources in discovery order (by plural name). */
export const authorizationV1Resources: readonly ResourceDefinition[] = [
  localSubjectAccessReviewResource,
  selfSubjectAccessReviewResource,
  selfSubjectRulesReviewResource,
  subjectAccessReviewResource,
];
