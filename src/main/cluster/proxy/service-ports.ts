/**
 * What kube-proxy makes of a Service and its EndpointSlices: one entry per Service port with the
 * addresses it forwards to (proxy.ServicePortMap + EndpointsMap). Endpoints come from the
 * Service's EndpointSlices (`kubernetes.io/service-name`); a Service with no slices at all falls back
 * to its core/v1 Endpoints object, so Services whose slices nobody writes still work in the lab.
 */
import type { EndpointAddress, Endpoints, ObjectReference, Service, ServicePort } from '../../../shared/api/core.js';
import type { EndpointSlice } from '../../../shared/api/discovery.js';
import { type ServiceChains, endpointChain, serviceChains, servicePortName } from './chain-names.js';

export interface ProxyEndpoint {
  ip: string;
  port: number;
  /** `ip:port`, the string kube-proxy hashes and sorts by. */
  address: string;
  nodeName?: string;
  hostname?: string;
  targetRef?: ObjectReference;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** KUBE-SEP-… */
  chain: string;
}

export interface ServicePortInfo {
  namespace: string;
  service: string;
  /** The port's name ('' when unnamed). */
  portName: string;
  /** ServicePortName.String(): `ns/name:port`. */
  name: string;
  protocol: string;
  /** '' or 'None' for headless Services: kube-proxy writes no rules for them. */
  clusterIP: string;
  port: number;
  targetPort: number | string;
  nodePort?: number;
  externalIPs: string[];
  loadBalancerIPs: string[];
  /** Seconds of ClientIP affinity, or undefined for sessionAffinity None. */
  affinitySeconds?: number;
  externalPolicyLocal: boolean;
  internalPolicyLocal: boolean;
  chains: ServiceChains;
  /** Every endpoint of this port, sorted by `ip:port` (kube-proxy's order). */
  endpoints: ProxyEndpoint[];
}

/** Default ClientIP affinity timeout (v1.DefaultClientIPServiceAffinitySeconds: 3 hours). */
const DEFAULT_AFFINITY_SECONDS = 10800;

export function hasClusterIP(service: Service): boolean {
  const ip = service.spec.clusterIP ?? '';
  return ip !== '' && ip !== 'None';
}

/** kube-proxy ignores ExternalName Services and those claimed by another proxy. */
export function isProxied(service: Service): boolean {
  if (service.spec.type === 'ExternalName') return false;
  return !service.metadata.labels?.['service.kubernetes.io/service-proxy-name'];
}

function sliceEndpoints(slices: readonly EndpointSlice[], port: ServicePort, protocol: string): Array<Omit<ProxyEndpoint, 'chain' | 'address'>> {
  const out: Array<Omit<ProxyEndpoint, 'chain' | 'address'>> = [];
  for (const slice of slices) {
    if (slice.addressType !== 'IPv4') continue;
    const match = (slice.ports ?? []).find((p) => (p.name ?? '') === (port.name ?? '') && (p.protocol ?? 'TCP') === protocol);
    if (!match?.port) continue;
    for (const endpoint of slice.endpoints ?? []) {
      const ip = endpoint.addresses?.[0];
      if (!ip) continue;
      // A missing condition means ready/serving; terminating defaults to false (EndpointConditions).
      const ready = endpoint.conditions?.ready ?? true;
      out.push({
        ip,
        port: match.port,
        nodeName: endpoint.nodeName,
        hostname: endpoint.hostname,
        targetRef: endpoint.targetRef,
        ready,
        serving: endpoint.conditions?.serving ?? ready,
        terminating: endpoint.conditions?.terminating ?? false,
      });
    }
  }
  return out;
}

function legacyEndpoints(endpoints: Endpoints, port: ServicePort, protocol: string): Array<Omit<ProxyEndpoint, 'chain' | 'address'>> {
  const out: Array<Omit<ProxyEndpoint, 'chain' | 'address'>> = [];
  const add = (address: EndpointAddress, portNumber: number, ready: boolean): void => {
    out.push({ ip: address.ip, port: portNumber, nodeName: address.nodeName, hostname: address.hostname, targetRef: address.targetRef, ready, serving: ready, terminating: false });
  };
  for (const subset of endpoints.subsets ?? []) {
    const match = (subset.ports ?? []).find((p) => (p.name ?? '') === (port.name ?? '') && (p.protocol ?? 'TCP') === protocol);
    if (!match) continue;
    for (const address of subset.addresses ?? []) add(address, match.port, true);
    for (const address of subset.notReadyAddresses ?? []) add(address, match.port, false);
  }
  return out;
}

/** The Service's ports with their endpoints; `slices` are the Service's own (by label). */
export function buildServicePorts(service: Service, slices: readonly EndpointSlice[], endpoints: Endpoints | undefined): ServicePortInfo[] {
  const namespace = service.metadata.namespace ?? 'default';
  const serviceName = service.metadata.name ?? '';
  const spec = service.spec;
  const affinitySeconds = spec.sessionAffinity === 'ClientIP' ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_SECONDS) : undefined;
  const loadBalancerIPs = (service.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '').filter((ip) => ip !== '');
  return (spec.ports ?? []).map((port) => {
    const protocol = port.protocol ?? 'TCP';
    const name = servicePortName(namespace, serviceName, port.name);
    const raw = slices.length > 0 ? sliceEndpoints(slices, port, protocol) : endpoints ? legacyEndpoints(endpoints, port, protocol) : [];
    // The EndpointSliceCache merges duplicates (an address in two slices) and sorts by ip:port.
    const byAddress = new Map<string, ProxyEndpoint>();
    for (const e of raw) {
      const address = `${e.ip}:${e.port}`;
      const existing = byAddress.get(address);
      if (existing && (existing.ready || !e.ready)) continue;
      byAddress.set(address, { ...e, address, chain: endpointChain(name, protocol, address) });
    }
    const sorted = [...byAddress.values()].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
    return {
      namespace,
      service: serviceName,
      portName: port.name ?? '',
      name,
      protocol,
      clusterIP: spec.clusterIP ?? '',
      port: port.port,
      targetPort: port.targetPort ?? port.port,
      nodePort: port.nodePort,
      externalIPs: spec.externalIPs ?? [],
      loadBalancerIPs,
      affinitySeconds,
      externalPolicyLocal: (spec.type === 'NodePort' || spec.type === 'LoadBalancer') && spec.externalTrafficPolicy === 'Local',
      internalPolicyLocal: spec.internalTrafficPolicy === 'Local',
      chains: serviceChains(name, protocol),
      endpoints: sorted,
    };
  });
}

export interface CategorizedEndpoints {
  /** Used with Cluster traffic policy. */
  cluster: ProxyEndpoint[];
  /** This node's, used with Local traffic policy. */
  local: ProxyEndpoint[];
  /** Whether the Service has any usable endpoint anywhere. */
  hasEndpoints: boolean;
}

/**
 * proxy.CategorizeEndpoints (topology hints aside): ready endpoints, or — when none is ready —
 * those still serving while terminating (ProxyTerminatingEndpoints), separately for the whole
 * cluster and for this node.
 */
export function categorizeEndpoints(info: ServicePortInfo, nodeName: string): CategorizedEndpoints {
  const usable = (list: ProxyEndpoint[]): ProxyEndpoint[] => {
    const ready = list.filter((e) => e.ready);
    return ready.length > 0 ? ready : list.filter((e) => e.serving && e.terminating);
  };
  const cluster = usable(info.endpoints);
  const local = usable(info.endpoints.filter((e) => e.nodeName === nodeName));
  return { cluster, local, hasEndpoints: cluster.length > 0 || local.length > 0 };
}
