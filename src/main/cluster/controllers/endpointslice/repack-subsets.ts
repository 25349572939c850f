/**
 * endpoints.RepackSubsets (pkg/api/v1/endpoints): the Endpoints controller builds one subset per
 * address and port; this merges them into the fewest subsets — addresses that offer the same set of
 * ports together, an address counted ready if it is ready for any use of the port — and sorts them:
 * addresses by IP (byte order), then by target uid. Kubernetes orders ports and subsets by an MD5
 * of their Go dump; the lab orders ports by name, number and protocol, and subsets by their first
 * address, then ports — the same whenever there is one subset and one port.
 */
import type { EndpointAddress, EndpointPort, EndpointSubset } from '../../../../shared/api/core.js';
import { compareStrings } from './pod-endpoints.js';

/** A sentinel for subsets without ports (headless Services without ports). */
const NO_PORT = '\u0000';

function addressKey(address: EndpointAddress): string {
  return `${address.ip}\u0000${address.targetRef?.uid ?? ''}`;
}

function portKey(port: EndpointPort): string {
  return JSON.stringify([port.name ?? '', port.port, port.protocol ?? '', port.appProtocol ?? null]);
}

/** LessEndpointAddress. */
function compareAddresses(a: EndpointAddress, b: EndpointAddress): number {
  const byIP = compareStrings(a.ip, b.ip);
  if (byIP !== 0) return byIP;
  return compareStrings(a.targetRef?.uid ?? '', b.targetRef?.uid ?? '');
}

function comparePorts(a: EndpointPort, b: EndpointPort): number {
  return compareStrings(a.name ?? '', b.name ?? '') || a.port - b.port || compareStrings(a.protocol ?? '', b.protocol ?? '');
}

export function repackSubsets(subsets: readonly EndpointSubset[]): EndpointSubset[] {
  const addresses = new Map<string, EndpointAddress>();
  const ports = new Map<string, EndpointPort | undefined>();
  /** port → address key → ready */
  const readyByPort = new Map<string, Map<string, boolean>>();
  const record = (address: EndpointAddress, port: string, ready: boolean): void => {
    const key = addressKey(address);
    if (!addresses.has(key)) addresses.set(key, address);
    let set = readyByPort.get(port);
    if (!set) readyByPort.set(port, (set = new Map()));
    if (set.get(key) !== true) set.set(key, ready);
  };
  for (const subset of subsets) {
    const subsetPorts = subset.ports?.length ? subset.ports.map((p) => [portKey(p), p] as const) : [[NO_PORT, undefined] as const];
    for (const [key, port] of subsetPorts) {
      ports.set(key, port);
      for (const address of subset.addresses ?? []) record(address, key, true);
      for (const address of subset.notReadyAddresses ?? []) record(address, key, false);
    }
  }
  // Ports that map to the same addresses (with the same readiness) share a subset.
  const groups = new Map<string, { set: Map<string, boolean>; ports: EndpointPort[] }>();
  for (const [key, set] of readyByPort) {
    const signature = [...set].map(([address, ready]) => `${address}\u0000${ready}`).sort().join('\u0001');
    let group = groups.get(signature);
    if (!group) groups.set(signature, (group = { set, ports: [] }));
    const port = ports.get(key);
    if (port) group.ports.push(port);
  }
  const result: EndpointSubset[] = [];
  for (const { set, ports: groupPorts } of groups.values()) {
    const ready: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const [key, isReady] of set) (isReady ? ready : notReady).push(addresses.get(key)!);
    ready.sort(compareAddresses);
    notReady.sort(compareAddresses);
    groupPorts.sort(comparePorts);
    const subset: EndpointSubset = {};
    if (ready.length > 0) subset.addresses = ready;
    if (notReady.length > 0) subset.notReadyAddresses = notReady;
    if (groupPorts.length > 0) subset.ports = groupPorts;
    result.push(subset);
  }
  const first = (s: EndpointSubset): string => (s.addresses?.[0] ?? s.notReadyAddresses?.[0])?.ip ?? '';
  const portsOf = (s: EndpointSubset): string => (s.ports ?? []).map(portKey).join(',');
  return result.sort((a, b) => compareStrings(first(a), first(b)) || compareStrings(portsOf(a), portsOf(b)));
}
