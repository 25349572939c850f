/**
 * rbac.authorization.k8s.io/v1 kinds (Role, ClusterRole, RoleBinding, ClusterRoleBinding): only the
 * fields the lab reads or writes; the generated schema has the full shapes.
 */
import type { KubeObject, LabelSelector } from './meta.js';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

export interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Role extends KubeObject {
  rules?: PolicyRule[];
}

export interface AggregationRule {
  clusterRoleSelectors?: LabelSelector[];
}

export interface ClusterRole extends Role {
  aggregationRule?: AggregationRule;
}

export interface RoleRef {
  apiGroup?: string;
  kind?: string;
  name?: string;
}

export interface Subject {
  kind?: string;
  apiGroup?: string;
  name?: string;
  namespace?: string;
}

export interface RoleBinding extends KubeObject {
  roleRef?: RoleRef;
  subjects?: Subject[];
}

export type ClusterRoleBinding = RoleBinding;
