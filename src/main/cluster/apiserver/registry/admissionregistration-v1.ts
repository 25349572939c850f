/**
 * admissionregistration.k8s.io/v1: Mutating- and ValidatingWebhookConfigurations,
 * ValidatingAdmissionPolicies (GA in 1.30, with a status subresource) and their bindings — all
 * cluster-scoped and in the `api-extensions` category. The lab stores them (scheme defaulting, the
 * main validation rules, kube-apiserver's printers) but its admission chain does not call webhooks
 * nor evaluate CEL.
 */
import type { KubeObject, LabelSelector } from '../../../../shared/api/meta.js';
import { labelSelectorAsSelector } from '../../../base/label-selector.js';
import { type FieldError, notSupported, required } from '../errors.js';
import { defineResource } from './define-resource.js';
import { age } from './printing.js';
import { type ResourceDefinition, column } from './resource.js';
import { validateDns1123Subdomain, validateObjectMeta } from './validation.js';
import { ageColumn, nameColumn } from './workload-columns.js';

const GROUP = 'admissionregistration.k8s.io';
const CATEGORIES = ['api-extensions'];

interface Rule {
  apiGroups?: string[];
  apiVersions?: string[];
  resources?: string[];
  operations?: string[];
  scope?: string;
}

interface Webhook {
  name?: string;
  clientConfig?: { url?: string; service?: { namespace?: string; name?: string; path?: string; port?: number }; caBundle?: string };
  rules?: Rule[];
  failurePolicy?: string;
  matchPolicy?: string;
  namespaceSelector?: LabelSelector;
  objectSelector?: LabelSelector;
  sideEffects?: string;
  timeoutSeconds?: number;
  admissionReviewVersions?: string[];
  reinvocationPolicy?: string;
}

interface WebhookConfiguration extends KubeObject {
  webhooks?: Webhook[];
}

interface MatchResources {
  namespaceSelector?: LabelSelector;
  objectSelector?: LabelSelector;
  resourceRules?: Rule[];
  matchPolicy?: string;
}

interface ValidatingAdmissionPolicy extends KubeObject {
  spec?: {
    paramKind?: { apiVersion?: string; kind?: string };
    matchConstraints?: MatchResources;
    validations?: unknown[];
    auditAnnotations?: unknown[];
    failurePolicy?: string;
  };
}

interface ValidatingAdmissionPolicyBinding extends KubeObject {
  spec?: {
    policyName?: string;
    paramRef?: { name?: string; namespace?: string; selector?: LabelSelector };
    matchResources?: MatchResources;
    validationActions?: string[];
  };
}

const SIDE_EFFECTS = ['None', 'NoneOnDryRun'];
const REVIEW_VERSIONS = ['v1', 'v1beta1'];

/** SetDefaults_Rule: scope `*`. */
function defaultRules(rules: Rule[] | undefined): void {
  for (const rule of rules ?? []) rule.scope ??= '*';
}

/** SetDefaults_{Validating,Mutating}Webhook. */
function defaultWebhooks(obj: KubeObject, mutating: boolean): void {
  for (const webhook of (obj as WebhookConfiguration).webhooks ?? []) {
    webhook.failurePolicy ??= 'Fail';
    webhook.matchPolicy ??= 'Equivalent';
    webhook.namespaceSelector ??= {};
    webhook.objectSelector ??= {};
    webhook.timeoutSeconds ??= 10;
    if (mutating) webhook.reinvocationPolicy ??= 'Never';
    if (webhook.clientConfig?.service) webhook.clientConfig.service.port ??= 443;
    defaultRules(webhook.rules);
  }
}

/** validateValidatingWebhook / validateMutatingWebhook: the checks a learner's manifest meets first. */
function validateWebhook(webhook: Webhook, field: string): FieldError[] {
  const errors: FieldError[] = [];
  const name = webhook.name ?? '';
  if (!name) errors.push(required(`${field}.name`));
  else {
    errors.push(...validateDns1123Subdomain(name, `${field}.name`));
    if (name.split('.').length < 3) errors.push({ type: 'FieldValueInvalid', field: `${field}.name`, detail: `Invalid value: "${name}": should be a domain with at least three segments separated by dots` });
  }
  if (webhook.sideEffects === undefined) errors.push(required(`${field}.sideEffects`, `must specify one of ${SIDE_EFFECTS.join(', ')}`));
  else if (!SIDE_EFFECTS.includes(webhook.sideEffects)) errors.push(notSupported(`${field}.sideEffects`, webhook.sideEffects, SIDE_EFFECTS));
  const versions = webhook.admissionReviewVersions ?? [];
  if (!versions.some((v) => REVIEW_VERSIONS.includes(v))) errors.push(required(`${field}.admissionReviewVersions`, `must specify one of ${REVIEW_VERSIONS.join(', ')}`));
  const config = webhook.clientConfig ?? {};
  if ((config.url === undefined) === (config.service === undefined)) errors.push(required(`${field}.clientConfig`, 'exactly one of url or service is required'));
  return errors;
}

function validateWebhookConfiguration(obj: KubeObject): FieldError[] {
  const errors = validateObjectMeta(obj, { namespaced: false, nameRule: 'subdomain' });
  ((obj as WebhookConfiguration).webhooks ?? []).forEach((webhook, i) => errors.push(...validateWebhook(webhook, `webhooks[${i}]`)));
  return errors;
}

const webhooksColumn = column('Webhooks', 'integer', 'Webhooks indicates the number of webhooks registered in this configuration');

function webhookConfiguration(kind: string, plural: string, mutating: boolean): ResourceDefinition {
  return defineResource({
    group: GROUP,
    version: 'v1',
    kind,
    plural,
    singular: plural.slice(0, -1),
    namespaced: false,
    categories: CATEGORIES,
    strategy: {
      tracksGeneration: true,
      applyDefaults: (obj) => defaultWebhooks(obj, mutating),
      validate: validateWebhookConfiguration,
      validateUpdate: (obj) => validateWebhookConfiguration(obj),
    },
    printer: {
      columns: [nameColumn, webhooksColumn, ageColumn],
      cells: (obj, now) => [obj.metadata.name ?? '', ((obj as WebhookConfiguration).webhooks ?? []).length, age(obj.metadata.creationTimestamp, now)],
    },
  });
}

/** SetDefaults_MatchResources. */
function defaultMatchResources(match: MatchResources | undefined): void {
  if (!match) return;
  match.matchPolicy ??= 'Equivalent';
  match.namespaceSelector ??= {};
  match.objectSelector ??= {};
  defaultRules(match.resourceRules);
}

function validatePolicy(obj: KubeObject): FieldError[] {
  const spec = (obj as ValidatingAdmissionPolicy).spec ?? {};
  const errors = validateObjectMeta(obj, { namespaced: false, nameRule: 'subdomain' });
  if (!spec.matchConstraints) errors.push(required('spec.matchConstraints'));
  else if ((spec.matchConstraints.resourceRules ?? []).length === 0) errors.push(required('spec.matchConstraints.resourceRules'));
  if ((spec.validations ?? []).length === 0 && (spec.auditAnnotations ?? []).length === 0) {
    errors.push(required('spec.validations', 'validations or auditAnnotations must contain at least one item'));
  }
  return errors;
}

const VALIDATION_ACTIONS = ['Audit', 'Deny', 'Warn'];

function validatePolicyBinding(obj: KubeObject): FieldError[] {
  const spec = (obj as ValidatingAdmissionPolicyBinding).spec ?? {};
  const errors = validateObjectMeta(obj, { namespaced: false, nameRule: 'subdomain' });
  if (!spec.policyName) errors.push(required('spec.policyName'));
  const actions = spec.validationActions ?? [];
  if (actions.length === 0) errors.push(required('spec.validationActions'));
  actions.forEach((action, i) => {
    if (!VALIDATION_ACTIONS.includes(action)) errors.push(notSupported(`spec.validationActions[${i}]`, action, VALIDATION_ACTIONS));
  });
  return errors;
}

/** The PARAMREF cell: namespace/name, `*` for a name without a namespace, or the selector. */
function paramRefCell(ref: NonNullable<ValidatingAdmissionPolicyBinding['spec']>['paramRef']): string {
  if (!ref) return '<unset>';
  if (ref.name) return `${ref.namespace || '*'}/${ref.name}`;
  if (ref.selector) {
    const selector = labelSelectorAsSelector(ref.selector);
    return selector.ok ? selector.selector.toString() : '<unset>';
  }
  return '<unset>';
}

export const mutatingWebhookConfigurationResource = webhookConfiguration('MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', true);
export const validatingWebhookConfigurationResource = webhookConfiguration('ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', false);

export const validatingAdmissionPolicyResource = defineResource({
  group: GROUP,
  version: 'v1',
  kind: 'ValidatingAdmissionPolicy',
  plural: 'validatingadmissionpolicies',
  singular: 'validatingadmissionpolicy',
  namespaced: false,
  categories: CATEGORIES,
  subresources: ['status'],
  strategy: {
    tracksGeneration: true,
    hasStatusSubresource: true,
    applyDefaults(obj) {
      const spec = (obj as ValidatingAdmissionPolicy).spec;
      if (!spec) return;
      spec.failurePolicy ??= 'Fail';
      defaultMatchResources(spec.matchConstraints);
    },
    validate: validatePolicy,
    validateUpdate: (obj) => validatePolicy(obj),
  },
  printer: {
    columns: [
      nameColumn,
      column('Validations', 'integer', 'Validations indicates the number of validation rules defined in this configuration'),
      column('ParamKind', 'string', 'ParamKind specifies the kind of resources used to parameterize this policy'),
      ageColumn,
    ],
    cells: (obj, now) => {
      const spec = (obj as ValidatingAdmissionPolicy).spec ?? {};
      const paramKind = spec.paramKind ? `${spec.paramKind.apiVersion ?? ''}/${spec.paramKind.kind ?? ''}` : '<unset>';
      return [obj.metadata.name ?? '', (spec.validations ?? []).length, paramKind, age(obj.metadata.creationTimestamp, now)];
    },
  },
});

export const validatingAdmissionPolicyBindingResource = defineResource({
  group: GROUP,
  version: 'v1',
  kind: 'ValidatingAdmissionPolicyBinding',
  plural: 'validatingadmissionpolicybindings',
  singular: 'validatingadmissionpolicybinding',
  namespaced: false,
  categories: CATEGORIES,
  strategy: {
    tracksGeneration: true,
    applyDefaults(obj) {
      defaultMatchResources((obj as ValidatingAdmissionPolicyBinding).spec?.matchResources);
    },
    validate: validatePolicyBinding,
    validateUpdate: (obj) => validatePolicyBinding(obj),
  },
  printer: {
    columns: [
      nameColumn,
      column('PolicyName', 'string', 'PolicyName indicates the policy definition which the policy binding binded to'),
      column('ParamRef', 'string', 'ParamRef indicates the param resource which sets the configration param'),
      ageColumn,
    ],
    cells: (obj, now) => {
      const spec = (obj as ValidatingAdmissionPolicyBinding).spec ?? {};
      return [obj.metadata.name ?? '', spec.policyName ?? '', paramRefCell(spec.paramRef), age(obj.metadata.creationTimestamp, now)];
    },
  },
});

/** In discovery order (by plural). */
export const admissionregistrationV1Resources: readonly ResourceDefinition[] = [
  mutatingWebhookConfigurationResource,
  validatingAdmissionPolicyResource,
  validatingAdmissionPolicyBindingResource,
  validatingWebhookConfigurationResource,
];
