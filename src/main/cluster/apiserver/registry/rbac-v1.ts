/** The rbac.authorization.k8s.io group's v1 resources, in discovery order (by plural name). */
import type { ResourceDefinition } from './resource.js';
import { clusterRoleBindingResource, roleBindingResource } from './role-binding.js';
import { clusterRoleResource, roleResource } from './role.js';

export const rbacV1Resources: readonly ResourceDefinition[] = [clusterRoleBindingResource, clusterRoleResource, roleBindingResource, roleResource];
