/**
 * Shared rbac.authorization.k8s.io/v1 rules (pkg/apis/rbac/validation and pkg/apis/rbac/v1
 * defaults): policy rules, role references and subjects, with kube-apiserver's exact messages.
 */
import { RBAC_GROUP, type PolicyRule, type RoleRef, type Subject } from '../../../../shared/api/rbac.js';
import { type FieldError, goLiteral, goStringSlice, invalidValue, notSupported, required } from '../errors.js';
import { GO_STRING, type GoType, goSlice, goStruct } from './decoding.js';
import { validateDns1123Subdomain } from './validation.js';

export const POLICY_RULES: GoType = goSlice(
  goStruct('PolicyRule', {
    verbs: goSlice(GO_STRING),
    apiGroups: goSlice(GO_STRING),
    resources: goSlice(GO_STRING),
    resourceNames: goSlice(GO_STRING),
    nonResourceURLs: goSlice(GO_STRING),
  }),
);

export const ROLE_REF: GoType = goStruct('RoleRef', { apiGroup: GO_STRING, kind: GO_STRING, name: GO_STRING });

export const SUBJECTS: GoType = goSlice(goStruct('Subject', { kind: GO_STRING, apiGroup: GO_STRING, name: GO_STRING, namespace: GO_STRING }));

const count = (values: readonly string[] | undefined): number => (Array.isArray(values) ? values.length : 0);

/** ValidatePolicyRule: verbs always; non-resource URLs only cluster-wide and alone; else groups and resources. */
export function validatePolicyRule(rule: PolicyRule, namespaced: boolean, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (count(rule.verbs) === 0) errors.push(required(`${path}.verbs`, 'verbs must contain at least one value'));
  if (count(rule.nonResourceURLs) > 0) {
    const urls = goStringSlice(rule.nonResourceURLs);
    if (namespaced) errors.push(invalidValue(`${path}.nonResourceURLs`, urls, 'namespaced rules cannot apply to non-resource URLs'));
    if (count(rule.apiGroups) > 0 || count(rule.resources) > 0 || count(rule.resourceNames) > 0) {
      errors.push(invalidValue(`${path}.nonResourceURLs`, urls, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errors;
  }
  if (count(rule.apiGroups) === 0) errors.push(required(`${path}.apiGroups`, 'resource rules must supply at least one api group'));
  if (count(rule.resources) === 0) errors.push(required(`${path}.resources`, 'resource rules must supply at least one resource'));
  return errors;
}

export function validatePolicyRules(rules: PolicyRule[] | undefined, namespaced: boolean): FieldError[] {
  return (rules ?? []).flatMap((rule, i) => validatePolicyRule(rule ?? {}, namespaced, `rules[${i}]`));
}

/** ValidateRBACName (path.IsValidPathSegmentName) as a list of messages. */
export function rbacNameErrors(name: string): string[] {
  if (name === '.') return ["may not be '.'"];
  if (name === '..') return ["may not be '..'"];
  return ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
}

/** The roleRef checks of ValidateRoleBinding / ValidateClusterRoleBinding. */
export function validateRoleRef(ref: RoleRef | undefined, kinds: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  const apiGroup = ref?.apiGroup ?? '';
  const kind = ref?.kind ?? '';
  const name = ref?.name ?? '';
  if (apiGroup !== RBAC_GROUP) errors.push(notSupported('roleRef.apiGroup', apiGroup, [RBAC_GROUP]));
  if (!kinds.includes(kind)) errors.push(notSupported('roleRef.kind', kind, [...kinds]));
  if (!name) errors.push(required('roleRef.name'));
  else errors.push(...rbacNameErrors(name).map((m) => invalidValue('roleRef.name', name, m)));
  return errors;
}

/** ValidateRoleBindingSubject: a ServiceAccount of the core group (namespaced when cluster-wide), or a User or Group of RBAC's. */
export function validateSubject(subject: Subject, namespaced: boolean, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const name = subject.name ?? '';
  const apiGroup = subject.apiGroup ?? '';
  if (!name) errors.push(required(`${path}.name`));
  switch (subject.kind) {
    case 'ServiceAccount':
      if (name) errors.push(...validateDns1123Subdomain(name, `${path}.name`));
      if (apiGroup) errors.push(notSupported(`${path}.apiGroup`, apiGroup, ['']));
      if (!namespaced && !subject.namespace) errors.push(required(`${path}.namespace`));
      break;
    case 'User':
    case 'Group':
      if (apiGroup !== RBAC_GROUP) errors.push(notSupported(`${path}.apiGroup`, apiGroup, [RBAC_GROUP]));
      break;
    default:
      errors.push(notSupported(`${path}.kind`, subject.kind ?? '', ['ServiceAccount', 'User', 'Group']));
  }
  return errors;
}

export function validateSubjects(subjects: Subject[] | undefined, namespaced: boolean): FieldError[] {
  return (subjects ?? []).flatMap((subject, i) => validateSubject(subject ?? {}, namespaced, `subjects[${i}]`));
}

/** SetDefaults_RoleBinding / _ClusterRoleBinding and SetDefaults_Subject. */
export function defaultBinding(binding: { roleRef?: RoleRef; subjects?: Subject[] }): void {
  binding.roleRef ??= {};
  if (!binding.roleRef.apiGroup) binding.roleRef.apiGroup = RBAC_GROUP;
  for (const subject of binding.subjects ?? []) {
    if (subject && !subject.apiGroup && (subject.kind === 'User' || subject.kind === 'Group')) subject.apiGroup = RBAC_GROUP;
  }
}

/** ValidateRoleBindingUpdate's immutability check, printing the internal RoleRef as `%#v` does. */
export function validateRoleRefUnchanged(next: RoleRef | undefined, prev: RoleRef | undefined): FieldError[] {
  const a = next ?? {};
  const b = prev ?? {};
  if (a.apiGroup === b.apiGroup && a.kind === b.kind && a.name === b.name) return [];
  const literal = `rbac.RoleRef{APIGroup:${JSON.stringify(a.apiGroup ?? '')}, Kind:${JSON.stringify(a.kind ?? '')}, Name:${JSON.stringify(a.name ?? '')}}`;
  return [invalidValue('roleRef', goLiteral(literal), 'cannot change roleRef')];
}
