/**
 * Flag parsing of the control-plane binaries (kube-apiserver, kube-controller-manager,
 * kube-scheduler) as their static Pods run them: a misspelt flag makes the binary exit 1 at once
 * with cobra's `Error: unknown flag: --x` (component-base prints it without klog's decoration when
 * it fails before logging starts), so the container crash-loops.
 *
 * Their real flag sets are hundreds long; the lab knows kubeadm's flags and common extras, and
 * rejects a flag it does not know only when it is a near miss (edit distance ≤ 2) of one it does —
 * the typo a learner makes — so a valid flag the list lacks never breaks a component.
 */

const COMMON = ['v', 'vmodule', 'feature-gates', 'profiling', 'kubeconfig', 'bind-address', 'secure-port', 'tls-cert-file', 'tls-private-key-file', 'leader-elect', 'leader-elect-lease-duration', 'leader-elect-renew-deadline', 'leader-elect-retry-period', 'authentication-kubeconfig', 'authorization-kubeconfig', 'client-ca-file', 'requestheader-client-ca-file', 'logging-format', 'master', 'config'];

const FLAGS: Record<string, readonly string[]> = {
  'kube-scheduler': [...COMMON, 'write-config-to', 'pod-max-in-unschedulable-pods-duration', 'kube-api-qps', 'kube-api-burst'],
  'kube-controller-manager': [
    ...COMMON, 'allocate-node-cidrs', 'cluster-cidr', 'cluster-name', 'cluster-signing-cert-file', 'cluster-signing-key-file', 'controllers', 'root-ca-file',
    'service-account-private-key-file', 'service-cluster-ip-range', 'use-service-account-credentials', 'node-monitor-grace-period', 'node-monitor-period',
    'node-cidr-mask-size', 'terminated-pod-gc-threshold', 'concurrent-deployment-syncs', 'concurrent-replicaset-syncs', 'horizontal-pod-autoscaler-sync-period',
    'cluster-signing-duration', 'configure-cloud-routes', 'cloud-provider', 'requestheader-allowed-names',
  ],
  'kube-apiserver': [
    ...COMMON, 'advertise-address', 'allow-privileged', 'authorization-mode', 'enable-admission-plugins', 'disable-admission-plugins', 'enable-bootstrap-token-auth',
    'etcd-cafile', 'etcd-certfile', 'etcd-keyfile', 'etcd-servers', 'kubelet-client-certificate', 'kubelet-client-key', 'kubelet-preferred-address-types',
    'proxy-client-cert-file', 'proxy-client-key-file', 'requestheader-allowed-names', 'requestheader-extra-headers-prefix', 'requestheader-group-headers',
    'requestheader-username-headers', 'service-account-issuer', 'service-account-key-file', 'service-account-signing-key-file', 'service-cluster-ip-range',
    'service-node-port-range', 'audit-log-path', 'audit-policy-file', 'audit-log-maxage', 'audit-log-maxbackup', 'audit-log-maxsize', 'encryption-provider-config',
    'runtime-config', 'anonymous-auth', 'token-auth-file', 'oidc-issuer-url', 'oidc-client-id', 'event-ttl', 'max-requests-inflight', 'tls-cipher-suites',
    'etcd-prefix', 'apiserver-count', 'endpoint-reconciler-type', 'kubelet-certificate-authority',
  ],
};

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The flag `argv` misspells for control-plane `binary` (e.g. `--kubeconfigg`), if any. */
export function unknownComponentFlag(binary: string, argv: readonly string[]): string | undefined {
  const known = FLAGS[binary];
  if (!known) return undefined;
  for (const arg of argv.slice(1)) {
    if (!arg.startsWith('--')) continue;
    const name = arg.slice(2).split('=')[0]!;
    if (known.includes(name)) continue;
    if (known.some((k) => distance(k, name) <= 2)) return `--${name}`;
  }
  return undefined;
}
