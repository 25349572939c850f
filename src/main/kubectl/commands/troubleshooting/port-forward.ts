/**
 * `kubectl port-forward TYPE/NAME [LOCAL_PORT:]REMOTE_PORT…`: kubectl 1.32's PortForwardOptions —
 * the Pod (the most active one of a workload or Service), named and Service ports translated to
 * the container port, the Pod must be Running, then client-go's PortForwarder: POST
 * `pods/<name>/portforward` (the upgrade), listen on each local port (`Forwarding from
 * 127.0.0.1:8080 -> 80` and `[::1]`), and for every connection a program on the workstation makes
 * there (`curl localhost:8080`) `Handling connection for 8080` and a stream to the Pod's port. It
 * runs until Ctrl+C (or `kill %1` as a job); a failed stream or the Pod going away breaks the
 * connection: `error: lost connection to pod`.
 */
import type { Pod, Service, ServicePort } from '../../../../shared/api/core.js';
import { DisposableStore } from '../../../../shared/lifecycle.js';
import { klogLine } from '../../../base/klog.js';
import type { ForwardedAnswer, ForwardedRequest, PortForwardStream } from '../../../cluster/apiserver/registry/pod-portforward.js';
import type { ApiClient } from '../../../cluster/client/api-client.js';
import { PODS } from '../../../cluster/client/resources.js';
import { KubectlError, formatStatusError } from '../../errors.js';
import type { LocalListener } from '../../environment.js';
import type { FlagSpec } from '../../flags.js';
import { KUBECTL_PID } from '../../print-flags.js';
import type { Invocation } from '../../invocation.js';
import { POLL_INTERVAL_MS, waitLabTime } from './blocking.js';
import { attachablePod, getNamedObject } from './pod-target.js';

export const PORT_FORWARD_FLAGS: FlagSpec[] = [
  { name: 'address', type: 'stringArray' },
  { name: 'pod-running-timeout', type: 'duration' },
];

/** splitPort: `8080:80` → local 8080, remote 80; `80` → both 80; `:80` → a random local port. */
function splitPort(port: string): { local: string; remote: string } {
  const parts = port.split(':');
  if (parts.length === 2) return { local: parts[0]!, remote: parts[1]! };
  return { local: parts[0]!, remote: parts[0]! };
}

/** util.LookupContainerPortNumberByName. */
function containerPortByName(pod: Pod, name: string): number {
  for (const c of pod.spec.containers) for (const p of c.ports ?? []) if (p.name === name) return p.containerPort;
  throw new KubectlError(`error: Pod '${pod.metadata.name ?? ''}' does not have a named port '${name}'\n`);
}

/** convertPodNamedPortToNumber. */
function podPorts(ports: string[], pod: Pod): string[] {
  return ports.map((port) => {
    const { local, remote } = splitPort(port);
    if (remote === '') throw new KubectlError('error: remote port cannot be empty\n');
    const number = /^\d+$/.test(remote) ? remote : String(containerPortByName(pod, remote));
    return local !== remote ? `${local}:${number}` : number;
  });
}

/** translateServicePortToTargetPort: a Service port becomes the Pod's target port. */
function servicePorts(ports: string[], service: Service, pod: Pod): string[] {
  const name = service.metadata.name ?? '';
  const servicePortsList = (service.spec.ports ?? []) as ServicePort[];
  return ports.map((port) => {
    const { local, remote } = splitPort(port);
    let number = Number(remote);
    if (!/^\d+$/.test(remote)) {
      const named = servicePortsList.find((p) => p.name === remote);
      if (!named) throw new KubectlError(`error: Service '${name}' does not have a named port '${remote}'\n`);
      number = named.port;
    }
    const servicePort = servicePortsList.find((p) => p.port === number);
    if (!servicePort) throw new KubectlError(`error: Service ${name} does not have a service port ${number}\n`);
    const target = servicePort.targetPort;
    const containerPort = typeof target === 'string' ? containerPortByName(pod, target) : target || servicePort.port;
    const remotePort = String(containerPort);
    const localPort = local === remote ? String(number) : local;
    return localPort !== remotePort ? `${localPort}:${remotePort}` : remotePort;
  });
}

/** The local port of `:80`: the kernel's pick among the ephemeral ports, fixed here for the Pod. */
function ephemeralPort(pod: Pod, remote: number): number {
  let h = remote;
  for (const ch of `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return 32768 + (h % 28232);
}

/** The addresses listened on: `localhost` is both loopbacks. */
function listenAddresses(addresses: string[]): string[] {
  return addresses.flatMap((a) => (a === 'localhost' ? ['127.0.0.1', '::1'] : [a]));
}

export async function runPortForward(inv: Invocation): Promise<number> {
  const args = inv.flags.positional;
  if (args.length < 2) throw inv.usageError('TYPE/NAME and list of ports are required for port-forward');
  const client: ApiClient = inv.client();
  const named = getNamedObject(inv, client, args[0]!);
  if (!named.ok) throw new KubectlError(formatStatusError(named.status));
  const target = await attachablePod(inv, client, named.value, inv.flags.number('pod-running-timeout', 60_000));
  const object = named.value.object;
  const ports = object.kind === 'Service' ? servicePorts(args.slice(1), object as Service, target) : podPorts(args.slice(1), target);

  const got = client.get<Pod>(PODS, target.metadata.namespace, target.metadata.name ?? '');
  if (!got.ok) throw new KubectlError(formatStatusError(got.status));
  const pod = got.value;
  if (pod.status?.phase !== 'Running') throw new KubectlError(`error: unable to forward port because pod is not running. Current status=${pod.status?.phase ?? ''}\n`);

  // ForwardPorts: the upgraded connection first, then the listeners.
  const upgraded = client.request<PortForwardStream>({ verb: 'create', ...PODS, subresource: 'portforward', namespace: pod.metadata.namespace, name: pod.metadata.name });
  if (!upgraded.ok) throw new KubectlError(`error: error upgrading connection: ${upgraded.status.message ?? ''}\n`);
  const stream = upgraded.value;
  const lost = new AbortController();
  const listeners = new DisposableStore();
  try {
    const addresses = listenAddresses(inv.flags.has('address') ? inv.flags.strings('address').flatMap((a) => a.split(',')) : ['localhost']);
    const forwarded = ports.map((port) => {
      const { local, remote } = splitPort(port);
      const remotePort = Number(remote);
      return { local: local === '' || local === '0' ? ephemeralPort(pod, remotePort) : Number(local), remote: remotePort };
    });
    let listening = false;
    for (const port of forwarded) {
      const answer: LocalListener = (request) => handleConnection(inv, stream, port, request.probe ? undefined : request, lost);
      const listener = inv.env.listen?.(port.local, answer);
      if (inv.env.listen && !listener) {
        const errors = addresses.map((a) => `unable to create listener: Error listen tcp${a.includes(':') ? 6 : 4} ${hostPort(a, port.local)}: bind: address already in use`);
        inv.err(`Unable to listen on port ${port.local}: Listeners failed to create with the following errors: [${errors.join(' ')}]\n`);
        continue;
      }
      if (listener) listeners.add(listener);
      listening = true;
      for (const address of addresses) inv.out(`Forwarding from ${hostPort(address, port.local)} -> ${port.remote}\n`);
    }
    if (!listening) throw new KubectlError(`error: unable to listen on any of the requested ports: [${forwarded.map((p) => `{${p.local} ${p.remote}}`).join(' ')}]\n`);
    // Held until Ctrl+C, or until the connection to the Pod breaks; the ports close at once.
    const wake = AbortSignal.any([inv.ctx.signal, lost.signal]);
    wake.addEventListener('abort', () => listeners.dispose(), { once: true });
    while (!wake.aborted) {
      if (await waitLabTime(inv, POLL_INTERVAL_MS, wake, () => stream.closed())) lost.abort();
    }
  } finally {
    listeners.dispose();
  }
  if (lost.signal.aborted && !inv.ctx.signal.aborted) throw new KubectlError('error: lost connection to pod\n');
  return 0;
}

/** net.JoinHostPort. */
function hostPort(address: string, port: number): string {
  return `${address.includes(':') ? `[${address}]` : address}:${port}`;
}

/** client-go's handleConnection: one data stream per local connection; an error on it closes the connection to the Pod. */
function handleConnection(inv: Invocation, stream: PortForwardStream, port: { local: number; remote: number }, request: ForwardedRequest | undefined, lost: AbortController): ForwardedAnswer | undefined {
  if (lost.signal.aborted || inv.ctx.signal.aborted) return undefined;
  inv.out(`Handling connection for ${port.local}\n`);
  const forwarded = stream.forward(port.remote, request);
  if (forwarded.ok) return forwarded.answer;
  const err = `an error occurred forwarding ${port.local} -> ${port.remote}: ${forwarded.message}`;
  inv.err(`${klogLine('E', inv.env.now(), 0, KUBECTL_PID, 'portforward.go:413', `"Unhandled Error" err=${JSON.stringify(err)}`)}\n`);
  lost.abort();
  return undefined;
}
