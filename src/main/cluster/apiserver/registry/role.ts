/**
 * Roles (namespaced) and ClusterRoles: policy rules validated as kube-apiserver does
 * (non-resource URLs only cluster-wide), a ClusterRole's aggregationRule accepted and its
 * selectors checked, and the NAME / CREATED AT printer. The RBAC authorizer
 * (auth/rbac-authorizer.ts) enforces them; escalation prevention is admission/rbac-escalation.ts.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import type { ClusterRole, Role } from '../../../../shared/api/rbac.js';
import { type FieldError, required } from '../errors.js';
import { decodeError, goSlice, goStruct, GO_STRING } from './decoding.js';
import { ROLE_PRINTER } from './rbac-columns.js';
import { POLICY_RULES, validatePolicyRules } from './rbac-validation.js';
import { ALL_VERBS, type ResourceDefinition } from './resource.js';
import { validateObjectMeta } from './validation.js';
import { validateLabelSelector } from './workload-validation.js';

const RBAC = 'rbac.authorization.k8s.io';

const ROLE = goStruct('Role', { rules: POLICY_RULES });
const CLUSTER_ROLE = goStruct('ClusterRole', {
  rules: POLICY_RULES,
  aggregationRule: goStruct('AggregationRule', {
    clusterRoleSelectors: goSlice(
      goStruct('LabelSelector', {
        matchExpressions: goSlice(goStruct('LabelSelectorRequirement', { key: GO_STRING, operator: { kind: 'string', name: 'v1.LabelSelectorOperator' }, values: goSlice(GO_STRING) })),
      }),
    ),
  }),
});

function validateRole(obj: KubeObject): FieldError[] {
  return [...validateObjectMeta(obj, { namespaced: true, nameRule: 'path' }), ...validatePolicyRules((obj as Role).rules, true)];
}

function validateClusterRole(obj: KubeObject): FieldError[] {
  const role = obj as ClusterRole;
  const errors = [...validateObjectMeta(obj, { namespaced: false, nameRule: 'path' }), ...validatePolicyRules(role.rules, false)];
  const aggregation = role.aggregationRule;
  if (aggregation) {
    const selectors = aggregation.clusterRoleSelectors ?? [];
    if (selectors.length === 0) {
      errors.push(required('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
    }
    selectors.forEach((selector, i) => errors.push(...validateLabelSelector(selector, `aggregationRule.clusterRoleSelectors[${i}]`)));
  }
  return errors;
}

export const roleResource: ResourceDefinition = {
  group: RBAC,
  version: 'v1',
  kind: 'Role',
  plural: 'roles',
  singular: 'role',
  namespaced: true,
  shortNames: [],
  categories: [],
  storagePrefix: 'roles',
  verbs: ALL_VERBS,
  subresources: [],
  strategy: { decode: (obj) => decodeError(obj, ROLE), validate: validateRole },
  printer: ROLE_PRINTER,
};

export const clusterRoleResource: ResourceDefinition = {
  group: RBAC,
  version: 'v1',
  kind: 'ClusterRole',
  plural: 'clusterroles',
  singular: 'clusterrole',
  namespaced: false,
  shortNames: [],
  categories: [],
  storagePrefix: 'clusterroles',
  verbs: ALL_VERBS,
  subresources: [],
  strategy: { decode: (obj) => decodeError(obj, CLUSTER_ROLE), validate: validateClusterRole },
  printer: ROLE_PRINTER,
};
