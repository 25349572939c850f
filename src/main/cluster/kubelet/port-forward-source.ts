/**
 * Port forwarding through the kubelets: `kubeletPortForwardSource` is the source the API server's
 * `pods/portforward` upgrades to. The kubelet of the Pod's node holds the connection; each data
 * stream connects to localhost:PORT inside the Pod's sandbox (containerd's PortForward), where the
 * container's simulated server answers as it does for Service traffic — from 127.0.0.1. Nothing
 * listening there is containerd's dial error on the stream's error channel; the connection breaks
 * once the sandbox is gone.
 */
import type { Pod } from '../../../shared/api/core.js';
import type { ExecHost } from './exec-source.js';
import { httpFromRuntime } from './exec-source.js';
import type { PodRuntime } from './pod-runtime.js';
import type { HttpAnswer } from './servers.js';

type ForwardRequest = { path: string; host: string; client: string; userAgent: string };

/** The structural shape of pod-portforward's PortForwardStream (the kubelet does not import the API server). */
export interface KubeletPortForwardStream {
  forward(port: number, request?: ForwardRequest): { ok: true; answer: HttpAnswer | undefined } | { ok: false; message: string };
  closed(): boolean;
}

export interface PortForwardSourceOptions {
  /** The CRI sandbox ID of a Pod (as `crictl pods` shows it). */
  sandboxId(uid: string): string;
  /** The sandbox's network namespace path (`/var/run/netns/cni-…`). */
  netns(uid: string): string;
}

/** Whether a running container of the Pod accepts connections on `port`. */
function listens(runtime: PodRuntime, port: number): boolean {
  return runtime.containers.some((c) => c.phase === 'running' && c.process !== undefined && (c.process.program.acceptsAny === true || c.process.ctx.listening.has(port)));
}

export function kubeletPortForwardSource(kubelets: () => Iterable<ExecHost>, options: PortForwardSourceOptions) {
  const find = (nodeName: string | undefined): ExecHost | undefined => {
    for (const kubelet of kubelets()) if (kubelet.nodeName === nodeName) return kubelet;
    return undefined;
  };
  return {
    open(pod: Pod): { ok: true; stream: KubeletPortForwardStream } | { ok: false; message: string } {
      const key = `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
      const uid = pod.metadata.uid ?? '';
      const kubelet = find(pod.spec.nodeName);
      const sandbox = (): PodRuntime | undefined => {
        const runtime = kubelet?.runtimeOf(key, uid);
        return runtime && !runtime.stopped && !runtime.ipReleased ? runtime : undefined;
      };
      // The kubelet's GetPortForward: the Pod must be one it runs.
      if (!sandbox()) return { ok: false, message: 'pod does not exist' };
      const id = options.sandboxId(uid);
      return {
        ok: true,
        stream: {
          forward(port, request) {
            const runtime = sandbox();
            if (runtime && listens(runtime, port)) return { ok: true, answer: request && httpFromRuntime(runtime, port, { ...request, client: '127.0.0.1' }) };
            return {
              ok: false,
              message:
                `error forwarding port ${port} to pod ${id}, uid : failed to execute portforward in network namespace "${options.netns(uid)}": ` +
                `failed to connect to localhost:${port} inside namespace "${id}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused ` +
                'IPv6 dial tcp6: address localhost: no suitable address found ',
            };
          },
          closed: () => sandbox() === undefined,
        },
      };
    },
  };
}
