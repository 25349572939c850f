/**
 * The cluster as the network sees it: one set of informers (Services, EndpointSlices, Endpoints,
 * Pods, Namespaces, Nodes, NetworkPolicies) with the indexes kube-proxy, CoreDNS and the
 * NetworkPolicy enforcer look things up by — a Service by name, cluster IP or node port, a Pod by
 * IP, a node by address, policies by namespace. Every lookup is a map read; a Service's ports and
 * endpoints are rebuilt only after one of its own objects changed.
 */
import type { Endpoints, Namespace, Node, Pod, Service } from '../../../shared/api/core.js';
import { type EndpointSlice, LABEL_SERVICE_NAME } from '../../../shared/api/discovery.js';
import type { KubeObject, LabelSelector } from '../../../shared/api/meta.js';
import { type Disposable, DisposableStore } from '../../../shared/lifecycle.js';
import type { ApiClient } from '../client/api-client.js';
import { Informer, type InformerChange, objectKey } from '../client/informer.js';
import { ENDPOINTS, ENDPOINT_SLICES, NAMESPACES, NETWORK_POLICIES, NODES, PODS, SERVICES } from '../client/resources.js';
import { type ServicePortInfo, buildServicePorts, hasClusterIP, isProxied } from './service-ports.js';

export interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}

export interface NetworkPolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}

export interface NetworkPolicy extends KubeObject {
  spec?: {
    podSelector?: LabelSelector;
    policyTypes?: string[];
    ingress?: Array<{ from?: NetworkPolicyPeer[]; ports?: NetworkPolicyPort[] }>;
    egress?: Array<{ to?: NetworkPolicyPeer[]; ports?: NetworkPolicyPort[] }>;
  };
}

/** Add `key` to the set under `index`, creating it. */
function addTo(map: Map<string, Set<string>>, index: string, key: string): void {
  let set = map.get(index);
  if (!set) map.set(index, (set = new Set()));
  set.add(key);
}

function removeFrom(map: Map<string, Set<string>>, index: string, key: string): void {
  const set = map.get(index);
  if (!set) return;
  set.delete(key);
  if (set.size === 0) map.delete(index);
}

function clusterIPsOf(service: Service): string[] {
  return service.spec.clusterIPs ?? (service.spec.clusterIP ? [service.spec.clusterIP] : []);
}

/** spec.externalIPs and status.loadBalancer.ingress[].ip: addresses kube-proxy captures for the Service. */
function externalAddressesOf(service: Service): string[] {
  return [...(service.spec.externalIPs ?? []), ...(service.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '').filter((ip) => ip !== '')];
}

export function nodeInternalIP(node: Node): string | undefined {
  return node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
}

export class NetworkState implements Disposable {
  private readonly disposables = new DisposableStore();
  readonly services: Informer<Service>;
  readonly slices: Informer<EndpointSlice>;
  readonly endpoints: Informer<Endpoints>;
  readonly pods: Informer<Pod>;
  readonly namespaces: Informer<Namespace>;
  readonly nodes: Informer<Node>;
  readonly policies: Informer<NetworkPolicy>;

  private readonly slicesByService = new Map<string, Set<string>>();
  private readonly portCache = new Map<string, ServicePortInfo[]>();
  private readonly clusterIPs = new Map<string, string>();
  private readonly nodePorts = new Map<string, string>();
  private readonly podsByIP = new Map<string, string>();
  private readonly nodesByIP = new Map<string, string>();
  private readonly hostNetworkByNode = new Map<string, Set<string>>();
  private readonly slicesByIP = new Map<string, Set<string>>();
  private readonly externalIPs = new Map<string, Set<string>>();
  private readonly policiesByNamespace = new Map<string, Set<string>>();
  private started = false;

  constructor(client: ApiClient) {
    const d = this.disposables;
    this.services = d.add(new Informer<Service>(client, SERVICES));
    this.slices = d.add(new Informer<EndpointSlice>(client, ENDPOINT_SLICES));
    this.endpoints = d.add(new Informer<Endpoints>(client, ENDPOINTS));
    this.pods = d.add(new Informer<Pod>(client, PODS));
    this.namespaces = d.add(new Informer<Namespace>(client, NAMESPACES));
    this.nodes = d.add(new Informer<Node>(client, NODES));
    this.policies = d.add(new Informer<NetworkPolicy>(client, NETWORK_POLICIES));
    d.add(this.services.onDidChange((c) => this.onService(c)));
    d.add(this.slices.onDidChange((c) => this.onSlice(c)));
    d.add(this.endpoints.onDidChange((c) => this.portCache.delete(objectKey(c.object))));
    d.add(this.pods.onDidChange((c) => this.onPod(c)));
    d.add(this.nodes.onDidChange((c) => this.onNode(c)));
    d.add(this.policies.onDidChange((c) => this.onPolicy(c)));
  }

  /** List and watch everything (a no-op once started). */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const informer of [this.namespaces, this.nodes, this.pods, this.services, this.slices, this.endpoints, this.policies]) informer.start();
  }

  private onService(change: InformerChange<Service>): void {
    const key = objectKey(change.object);
    this.portCache.delete(key);
    for (const service of [change.old, change.object]) {
      if (!service) continue;
      for (const ip of clusterIPsOf(service)) if (this.clusterIPs.get(ip) === key) this.clusterIPs.delete(ip);
      for (const ip of externalAddressesOf(service)) removeFrom(this.externalIPs, ip, key);
      for (const port of service.spec.ports ?? []) {
        const id = `${port.nodePort ?? 0}/${port.protocol ?? 'TCP'}`;
        if (this.nodePorts.get(id) === key) this.nodePorts.delete(id);
      }
    }
    if (change.type === 'delete') return;
    const service = change.object;
    if (hasClusterIP(service)) for (const ip of clusterIPsOf(service)) this.clusterIPs.set(ip, key);
    for (const ip of externalAddressesOf(service)) addTo(this.externalIPs, ip, key);
    for (const port of service.spec.ports ?? []) if (port.nodePort) this.nodePorts.set(`${port.nodePort}/${port.protocol ?? 'TCP'}`, key);
  }

  private onSlice(change: InformerChange<EndpointSlice>): void {
    const key = objectKey(change.object);
    for (const slice of [change.old, change.object]) {
      const owner = slice?.metadata.labels?.[LABEL_SERVICE_NAME];
      if (!slice || !owner) continue;
      const serviceKey = `${slice.metadata.namespace ?? ''}/${owner}`;
      this.portCache.delete(serviceKey);
      removeFrom(this.slicesByService, serviceKey, key);
    }
    for (const endpoint of change.old?.endpoints ?? []) for (const ip of endpoint.addresses ?? []) removeFrom(this.slicesByIP, ip, key);
    const owner = change.object.metadata.labels?.[LABEL_SERVICE_NAME];
    if (change.type === 'delete') {
      for (const endpoint of change.object.endpoints ?? []) for (const ip of endpoint.addresses ?? []) removeFrom(this.slicesByIP, ip, key);
      return;
    }
    if (owner) addTo(this.slicesByService, `${change.object.metadata.namespace ?? ''}/${owner}`, key);
    for (const endpoint of change.object.endpoints ?? []) for (const ip of endpoint.addresses ?? []) addTo(this.slicesByIP, ip, key);
  }

  private onPod(change: InformerChange<Pod>): void {
    const key = objectKey(change.object);
    const oldIP = change.old?.status?.podIP;
    if (oldIP && this.podsByIP.get(oldIP) === key) this.podsByIP.delete(oldIP);
    const ip = change.object.status?.podIP;
    if (change.old?.spec.nodeName) removeFrom(this.hostNetworkByNode, change.old.spec.nodeName, key);
    if (change.type === 'delete') {
      if (change.object.spec.nodeName) removeFrom(this.hostNetworkByNode, change.object.spec.nodeName, key);
      if (ip && this.podsByIP.get(ip) === key) this.podsByIP.delete(ip);
      return;
    }
    if (change.object.spec.hostNetwork === true && change.object.spec.nodeName) addTo(this.hostNetworkByNode, change.object.spec.nodeName, key);
    // hostNetwork Pods share their node's address: traffic to it is the node's.
    if (ip && change.object.spec.hostNetwork !== true) this.podsByIP.set(ip, key);
  }

  private onNode(change: InformerChange<Node>): void {
    const name = change.object.metadata.name ?? '';
    const oldIP = change.old ? nodeInternalIP(change.old) : undefined;
    if (oldIP && this.nodesByIP.get(oldIP) === name) this.nodesByIP.delete(oldIP);
    const ip = nodeInternalIP(change.object);
    if (change.type === 'delete') {
      if (ip && this.nodesByIP.get(ip) === name) this.nodesByIP.delete(ip);
      return;
    }
    if (ip) this.nodesByIP.set(ip, name);
  }

  private onPolicy(change: InformerChange<NetworkPolicy>): void {
    const namespace = change.object.metadata.namespace ?? '';
    const key = objectKey(change.object);
    if (change.type === 'delete') removeFrom(this.policiesByNamespace, namespace, key);
    else addTo(this.policiesByNamespace, namespace, key);
  }

  /** The EndpointSlices labelled with the Service's name. */
  slicesFor(serviceKey: string): EndpointSlice[] {
    const out: EndpointSlice[] = [];
    for (const key of this.slicesByService.get(serviceKey) ?? []) {
      const slice = this.slices.get(key);
      if (slice) out.push(slice);
    }
    return out.sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
  }

  /** The ports kube-proxy programs for a Service (`ns/name`), built once per change. */
  servicePorts(serviceKey: string): ServicePortInfo[] {
    const cached = this.portCache.get(serviceKey);
    if (cached) return cached;
    const service = this.services.get(serviceKey);
    if (!service || !isProxied(service)) return [];
    const ports = buildServicePorts(service, this.slicesFor(serviceKey), this.endpoints.get(serviceKey));
    this.portCache.set(serviceKey, ports);
    return ports;
  }

  /** Every proxied Service port with a cluster IP, sorted by ServicePortName. */
  allServicePorts(): ServicePortInfo[] {
    const out: ServicePortInfo[] = [];
    for (const service of this.services.list()) {
      if (!hasClusterIP(service)) continue;
      out.push(...this.servicePorts(objectKey(service)));
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.protocol < b.protocol ? -1 : 1));
  }

  serviceByClusterIP(ip: string): Service | undefined {
    const key = this.clusterIPs.get(ip);
    return key ? this.services.get(key) : undefined;
  }

  serviceByNodePort(port: number, protocol: string): Service | undefined {
    const key = this.nodePorts.get(`${port}/${protocol}`);
    return key ? this.services.get(key) : undefined;
  }

  /** Services with `ip` among their external IPs or load-balancer ingress IPs. */
  servicesByExternalIP(ip: string): Service[] {
    const out: Service[] = [];
    for (const key of this.externalIPs.get(ip) ?? []) {
      const service = this.services.get(key);
      if (service) out.push(service);
    }
    return out;
  }

  /** EndpointSlices listing `ip` among their endpoints' addresses. */
  slicesWithAddress(ip: string): EndpointSlice[] {
    const out: EndpointSlice[] = [];
    for (const key of this.slicesByIP.get(ip) ?? []) {
      const slice = this.slices.get(key);
      if (slice) out.push(slice);
    }
    return out.sort((a, b) => (objectKey(a) < objectKey(b) ? -1 : 1));
  }

  podByIP(ip: string): Pod | undefined {
    const key = this.podsByIP.get(ip);
    return key ? this.pods.get(key) : undefined;
  }

  hostNetworkPodsOn(nodeName: string): Pod[] {
    const out: Pod[] = [];
    for (const key of this.hostNetworkByNode.get(nodeName) ?? []) {
      const pod = this.pods.get(key);
      if (pod) out.push(pod);
    }
    return out;
  }

  nodeByIP(ip: string): Node | undefined {
    const name = this.nodesByIP.get(ip);
    return name ? this.nodes.get(name) : undefined;
  }

  policiesIn(namespace: string): NetworkPolicy[] {
    const out: NetworkPolicy[] = [];
    for (const key of this.policiesByNamespace.get(namespace) ?? []) {
      const policy = this.policies.get(key);
      if (policy) out.push(policy);
    }
    return out.sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
