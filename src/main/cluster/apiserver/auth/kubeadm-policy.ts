/**
 * The RBAC objects `kubeadm init` 1.32 adds on top of kube-apiserver's bootstrap policy: the
 * `kubeadm:cluster-admins` group bound to cluster-admin (admin.conf's user is in it), the node
 * bootstrap-token bindings (CSR creation and auto-approval, `kubeadm:get-nodes`), kube-proxy's
 * service account as node-proxier, and the kube-system Roles that let joining nodes read the
 * kubeadm and kubelet ConfigMaps. kubeadm labels none of them.
 */
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding } from '../../../../shared/api/rbac.js';
import { subject, type RbacPolicy } from './bootstrap-policy.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const API_VERSION = `${RBAC_GROUP}/v1`;
/** The group bootstrap tokens authenticate into (kubeadm's default token group). */
export const BOOTSTRAP_TOKEN_GROUP = 'system:bootstrappers:kubeadm:default-node-token';
export const KUBEADM_CLUSTER_ADMINS_GROUP = 'kubeadm:cluster-admins';

type SubjectSpec = Parameters<typeof subject>[0];

function readConfigMap(name: string): PolicyRule[] {
  return [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: [name] }];
}

function binding(kind: 'ClusterRoleBinding' | 'RoleBinding', name: string, roleKind: 'ClusterRole' | 'Role', role: string, subjects: SubjectSpec[], namespace?: string): RoleBinding {
  return {
    apiVersion: API_VERSION,
    kind,
    metadata: { name, ...(namespace ? { namespace } : {}) },
    roleRef: { apiGroup: RBAC_GROUP, kind: roleKind, name: role },
    subjects: subjects.map(subject),
  };
}

export function kubeadmClusterRoles(): ClusterRole[] {
  return [{ apiVersion: API_VERSION, kind: 'ClusterRole', metadata: { name: 'kubeadm:get-nodes' }, rules: [{ verbs: ['get'], apiGroups: [''], resources: ['nodes'] }] }];
}

export function kubeadmClusterRoleBindings(): ClusterRoleBinding[] {
  return [
    binding('ClusterRoleBinding', 'kubeadm:cluster-admins', 'ClusterRole', 'cluster-admin', [`Group:${KUBEADM_CLUSTER_ADMINS_GROUP}`]),
    binding('ClusterRoleBinding', 'kubeadm:get-nodes', 'ClusterRole', 'kubeadm:get-nodes', [`Group:${BOOTSTRAP_TOKEN_GROUP}`]),
    binding('ClusterRoleBinding', 'kubeadm:kubelet-bootstrap', 'ClusterRole', 'system:node-bootstrapper', [`Group:${BOOTSTRAP_TOKEN_GROUP}`]),
    binding('ClusterRoleBinding', 'kubeadm:node-autoapprove-bootstrap', 'ClusterRole', 'system:certificates.k8s.io:certificatesigningrequests:nodeclient', [
      `Group:${BOOTSTRAP_TOKEN_GROUP}`,
    ]),
    binding('ClusterRoleBinding', 'kubeadm:node-autoapprove-certificate-rotation', 'ClusterRole', 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', [
      'Group:system:nodes',
    ]),
    binding('ClusterRoleBinding', 'kubeadm:node-proxier', 'ClusterRole', 'system:node-proxier', ['ServiceAccount:kube-system/kube-proxy']),
  ];
}

export function kubeadmRoles(): Role[] {
  const role = (namespace: string, name: string, configMap: string): Role => ({ apiVersion: API_VERSION, kind: 'Role', metadata: { name, namespace }, rules: readConfigMap(configMap) });
  return [
    role('kube-public', 'kubeadm:bootstrap-signer-clusterinfo', 'cluster-info'),
    role('kube-system', 'kube-proxy', 'kube-proxy'),
    role('kube-system', 'kubeadm:kubelet-config', 'kubelet-config'),
    role('kube-system', 'kubeadm:nodes-kubeadm-config', 'kubeadm-config'),
  ];
}

export function kubeadmRoleBindings(): RoleBinding[] {
  const nodesAndTokens: SubjectSpec[] = ['Group:system:nodes', `Group:${BOOTSTRAP_TOKEN_GROUP}`];
  return [
    binding('RoleBinding', 'kubeadm:bootstrap-signer-clusterinfo', 'Role', 'kubeadm:bootstrap-signer-clusterinfo', ['User:system:anonymous'], 'kube-public'),
    binding('RoleBinding', 'kube-proxy', 'Role', 'kube-proxy', [`Group:${BOOTSTRAP_TOKEN_GROUP}`], 'kube-system'),
    binding('RoleBinding', 'kubeadm:kubelet-config', 'Role', 'kubeadm:kubelet-config', nodesAndTokens, 'kube-system'),
    binding('RoleBinding', 'kubeadm:nodes-kubeadm-config', 'Role', 'kubeadm:nodes-kubeadm-config', nodesAndTokens, 'kube-system'),
  ];
}

/** Everything `kubeadm init` creates for RBAC (its bootstrap-token, upload-config and addon phases). */
export function kubeadmPolicy(): RbacPolicy {
  return { clusterRoles: kubeadmClusterRoles(), clusterRoleBindings: kubeadmClusterRoleBindings(), roles: kubeadmRoles(), roleBindings: kubeadmRoleBindings() };
}
