/**
 * RoleBindings (namespaced; a Role or ClusterRole) and ClusterRoleBindings (a ClusterRole only):
 * roleRef.apiGroup and User/Group subjects' apiGroup defaulted, roleRef immutable, subjects
 * validated as kube-apiserver does, and the NAME ROLE AGE (+ wide subjects) printer.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import type { RoleBinding } from '../../../../shared/api/rbac.js';
import type { FieldError } from '../errors.js';
import { decodeError, goStruct } from './decoding.js';
import { bindingPrinter } from './rbac-columns.js';
import { ROLE_REF, SUBJECTS, defaultBinding, validateRoleRef, validateRoleRefUnchanged, validateSubjects } from './rbac-validation.js';
import { ALL_VERBS, type ResourceDefinition } from './resource.js';
import { validateObjectMeta } from './validation.js';

const RBAC = 'rbac.authorization.k8s.io';

const ROLE_BINDING = goStruct('RoleBinding', { subjects: SUBJECTS, roleRef: ROLE_REF });
const CLUSTER_ROLE_BINDING = goStruct('ClusterRoleBinding', { subjects: SUBJECTS, roleRef: ROLE_REF });

function validator(namespaced: boolean): (obj: KubeObject) => FieldError[] {
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  return (obj) => {
    const binding = obj as RoleBinding;
    return [
      ...validateObjectMeta(obj, { namespaced, nameRule: 'path' }),
      ...validateRoleRef(binding.roleRef, kinds),
      ...validateSubjects(binding.subjects, namespaced),
    ];
  };
}

function updateValidator(namespaced: boolean): (obj: KubeObject, old: KubeObject) => FieldError[] {
  const validate = validator(namespaced);
  return (obj, old) => [...validate(obj), ...validateRoleRefUnchanged((obj as RoleBinding).roleRef, (old as RoleBinding).roleRef)];
}

export const roleBindingResource: ResourceDefinition = {
  group: RBAC,
  version: 'v1',
  kind: 'RoleBinding',
  plural: 'rolebindings',
  singular: 'rolebinding',
  namespaced: true,
  shortNames: [],
  categories: [],
  storagePrefix: 'rolebindings',
  verbs: ALL_VERBS,
  subresources: [],
  strategy: {
    decode: (obj) => decodeError(obj, ROLE_BINDING),
    applyDefaults: (obj) => defaultBinding(obj as RoleBinding),
    validate: validator(true),
    validateUpdate: updateValidator(true),
  },
  printer: bindingPrinter(
    'roleBinding',
    'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error. This field is immutable.',
  ),
};

export const clusterRoleBindingResource: ResourceDefinition = {
  group: RBAC,
  version: 'v1',
  kind: 'ClusterRoleBinding',
  plural: 'clusterrolebindings',
  singular: 'clusterrolebinding',
  namespaced: false,
  shortNames: [],
  categories: [],
  storagePrefix: 'clusterrolebindings',
  verbs: ALL_VERBS,
  subresources: [],
  strategy: {
    decode: (obj) => decodeError(obj, CLUSTER_ROLE_BINDING),
    applyDefaults: (obj) => defaultBinding(obj as RoleBinding),
    validate: validator(false),
    validateUpdate: updateValidator(false),
  },
  printer: bindingPrinter(
    'clusterRoleBinding',
    'RoleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error. This field is immutable.',
  ),
};
