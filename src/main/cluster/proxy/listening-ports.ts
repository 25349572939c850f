/**
 * Which ports a simulated process listens on: a container's declared ports, or what its image's
 * server listens on by default (nginx on 80 whether or not the Pod spec says so), and the
 * daemons every node runs. A connection to an address where nothing listens is answered with a
 * TCP RST: `connection refused`.
 */
import type { Pod } from '../../../shared/api/core.js';

/** Default listening ports by image repository (last path element, tag ignored). */
const IMAGE_PORTS: Record<string, readonly string[]> = {
  nginx: ['80/TCP'],
  httpd: ['80/TCP'],
  redis: ['6379/TCP'],
  etcd: ['2379/TCP', '2380/TCP', '2381/TCP'],
  'kube-apiserver': ['6443/TCP'],
  'kube-controller-manager': ['10257/TCP'],
  'kube-scheduler': ['10259/TCP'],
  'kube-proxy': ['10249/TCP', '10256/TCP'],
  coredns: ['53/UDP', '53/TCP', '8080/TCP', '8181/TCP', '9153/TCP'],
};

/** sshd and kubelet on every node; kube-proxy's healthz (host network). */
const NODE_PORTS = new Set(['22/TCP', '10250/TCP', '10256/TCP']);

function imageName(image: string | undefined): string {
  const path = (image ?? '').split('@')[0]!;
  const last = path.split('/').at(-1) ?? '';
  return last.split(':')[0]!;
}

/** Whether some container of the running Pod listens on `port`/`protocol`. */
export function podListens(pod: Pod, port: number, protocol: string): boolean {
  const id = `${port}/${protocol}`;
  return pod.spec.containers.some(
    (c) => (c.ports ?? []).some((p) => p.containerPort === port && (p.protocol ?? 'TCP') === protocol) || (IMAGE_PORTS[imageName(c.image)] ?? []).includes(id),
  );
}

/** Whether the node itself (its daemons, or a hostNetwork Pod on it) listens on `port`/`protocol`. */
export function nodeListens(hostNetworkPods: readonly Pod[], port: number, protocol: string): boolean {
  return NODE_PORTS.has(`${port}/${protocol}`) || hostNetworkPods.some((p) => p.status?.phase === 'Running' && podListens(p, port, protocol));
}
