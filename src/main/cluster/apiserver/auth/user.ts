/**
 * Who is asking: the authenticated identity kube-apiserver attaches to a request (user.Info), and
 * the well-known names Kubernetes gives its users and groups.
 */
export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

export const SYSTEM_MASTERS = 'system:masters';
export const AUTHENTICATED = 'system:authenticated';
export const UNAUTHENTICATED = 'system:unauthenticated';
export const NODES_GROUP = 'system:nodes';
export const SERVICE_ACCOUNTS_GROUP = 'system:serviceaccounts';

/** kube-apiserver's loopback identity: what the server's own requests run as. */
export const LOOPBACK_USER: UserInfo = { username: 'system:apiserver', groups: [SYSTEM_MASTERS, AUTHENTICATED] };

/** kubeadm's admin.conf user (1.29+): bound to cluster-admin through `kubeadm:cluster-admins`. */
export const KUBEADM_ADMIN: UserInfo = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', AUTHENTICATED] };

export const KUBE_SCHEDULER: UserInfo = { username: 'system:kube-scheduler', groups: [AUTHENTICATED] };
export const KUBE_CONTROLLER_MANAGER: UserInfo = { username: 'system:kube-controller-manager', groups: [AUTHENTICATED] };
export const KUBE_PROXY: UserInfo = { username: 'system:kube-proxy', groups: [AUTHENTICATED] };

export function nodeUser(node: string): UserInfo {
  return { username: `system:node:${node}`, groups: [NODES_GROUP, AUTHENTICATED] };
}

export function serviceAccountUser(namespace: string, name: string, uid?: string): UserInfo {
  return {
    username: `system:serviceaccount:${namespace}:${name}`,
    ...(uid ? { uid } : {}),
    groups: [SERVICE_ACCOUNTS_GROUP, `${SERVICE_ACCOUNTS_GROUP}:${namespace}`, AUTHENTICATED],
  };
}

/** `system:serviceaccount:<ns>:<name>` → its namespace and name. */
export function parseServiceAccountUsername(username: string): { namespace: string; name: string } | undefined {
  const match = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(username);
  return match ? { namespace: match[1] ?? '', name: match[2] ?? '' } : undefined;
}

/** The node a `system:node:<name>` user (in group system:nodes) speaks for. */
export function nodeNameOf(user: UserInfo): string | undefined {
  if (!user.groups.includes(NODES_GROUP)) return undefined;
  return user.username.startsWith('system:node:') ? user.username.slice('system:node:'.length) : undefined;
}
