/**
 * `kubectl port-forward TYPE/NAME [LOCAL_PORT:]REMOTE_PORT…`: kubectl 1.32's PortForwardOptions —
 * the Pod (the most active one of a workload or Service), named and Service ports translated to
 * the container port, the Pod must be Running, then `Forwarding from 127.0.0.1:8080 -> 80` (and
 * `[::1]`) per port, and it runs until Ctrl+C, which ends it with status 0.
 *
 * What is forwarded in the lab: nothing reaches the workstation yet. The API server serves no
 * `pods/portforward` stream and the bastion's shell has no network client, so the command shows
 * the listeners kubectl opens and holds them until Ctrl+C. The seam for a workstation network
 * (`curl localhost:8080` reaching the Pod while this runs) is the loop below: each printed
 * address and local port forwards to `pod`'s remote port for as long as the wait lasts.
 */
import type { Pod, Service, ServicePort } from '../../../../shared/api/core.js';
import type { ApiClient } from '../../../cluster/client/api-client.js';
import { PODS } from '../../../cluster/client/resources.js';
import { KubectlError, formatStatusError } from '../../errors.js';
import type { FlagSpec } from '../../flags.js';
import type { Invocation } from '../../invocation.js';
import { pollUntilInterrupted } from './blocking.js';
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

  const addresses = listenAddresses(inv.flags.has('address') ? inv.flags.strings('address').flatMap((a) => a.split(',')) : ['localhost']);
  for (const port of ports) {
    const { local, remote } = splitPort(port);
    const remotePort = Number(remote);
    const localPort = local === '' || local === '0' ? ephemeralPort(pod, remotePort) : Number(local);
    for (const address of addresses) {
      inv.out(`Forwarding from ${address.includes(':') ? `[${address}]` : address}:${localPort} -> ${remotePort}\n`);
    }
  }
  // Held until Ctrl+C, or until the Pod goes away (the stream to it breaks).
  const interrupted = await pollUntilInterrupted(inv, () => !client.get<Pod>(PODS, pod.metadata.namespace, pod.metadata.name ?? '').ok);
  if (!interrupted) throw new KubectlError('error: lost connection to pod\n');
  return 0;
}
