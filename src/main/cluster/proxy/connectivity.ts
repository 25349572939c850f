/**
 * A simulated connection (what `curl`, `wget` or `nc` in a Pod or on a node would experience):
 * the destination is translated by the kube-proxy rules of the node the packet enters (the
 * source's node for a cluster IP, the addressed node for a node port), one backend is picked the
 * way the rules pick it (ClientIP affinity, else the `statistic --mode random` cascade on a seeded
 * stream), NetworkPolicies are applied to the translated connection, and the backend must listen.
 *
 * Outcomes follow the packets: a Service port with no endpoints hits kube-proxy's REJECT
 * (`connection refused`, at once); a Local-policy port without local endpoints hits its DROP, a
 * NetworkPolicy drops, and an address nobody owns never answers (all three time out); a backend
 * with nothing listening answers with a RST (`connection refused`).
 */
import type { Pod } from '../../../shared/api/core.js';
import type { Clock } from '../../base/clock.js';
import type { Random } from '../../base/random.js';
import { nodeListens, podListens } from './listening-ports.js';
import { type NetworkState, nodeInternalIP } from './network-state.js';
import { type PolicyDecision, type PolicyEndpoint, evaluateNetworkPolicies } from './network-policy.js';
import { type ProxyEndpoint, type ServicePortInfo, categorizeEndpoints } from './service-ports.js';

/**
 * Where a connection starts. A Pod's `ip` is its sandbox's address as the container runtime knows
 * it: the network works from the moment the CNI set it up, before the kubelet reports it (a
 * container's first command, an init container waiting for a Service).
 */
export type ConnectionSource = { pod: { namespace: string; name: string; ip?: string } } | { node: string } | { external: string };

export interface ConnectRequest {
  from: ConnectionSource;
  /** The IP address connected to (names are resolved first, with dns.ts). */
  address: string;
  port: number;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
}

export type ConnectError = 'ECONNREFUSED' | 'ETIMEDOUT' | 'EHOSTUNREACH';

export interface ConnectResult {
  ok: boolean;
  error?: ConnectError;
  /** `connected`, or the socket error as a Go or C program prints it after `connect: `. */
  message: string;
  /** How the address was reached. */
  via: 'ClusterIP' | 'NodePort' | 'ExternalIP' | 'PodIP' | 'NodeIP' | 'Unknown';
  /** The source address the backend sees (after any masquerade). */
  sourceIP?: string;
  /** The node whose rules translated the connection. */
  node?: string;
  /** ServicePortName (`ns/name:port`) when a Service was addressed. */
  service?: string;
  /** The chains the packet went through, e.g. KUBE-SERVICES → KUBE-SVC-… → KUBE-SEP-…. */
  chains: string[];
  backend?: { ip: string; port: number; pod?: { namespace: string; name: string }; node?: string };
  policy?: PolicyDecision;
}

/**
 * Whether a running Pod accepts connections on `port`/`protocol`, from the simulated container
 * runtime (a server that has not finished starting does not listen yet); undefined: unknown.
 */
export type ListeningProbe = (pod: Pod, port: number, protocol: string) => boolean | undefined;

const REFUSED = 'connect: connection refused';
const TIMED_OUT = 'connect: connection timed out';

interface Source {
  ip: string;
  node?: string;
  pod?: Pod;
  /** The node itself (or a hostNetwork Pod): `--src-type LOCAL`. */
  isNode: boolean;
}

export class Connectivity {
  /** xt_recent's lists per node: `node|client|service port` → endpoint and last seen. */
  private readonly affinity = new Map<string, { address: string; seen: number }>();

  constructor(
    private readonly state: NetworkState,
    private readonly clock: Clock,
    private readonly random: Random,
    /** Whether kube-proxy runs on a node: without it, nothing there translates Service addresses. */
    private readonly proxied: (nodeName: string) => boolean = () => true,
    /** What the Pod's processes really listen on, when the runtime knows (else listening-ports.ts guesses). */
    private readonly listening?: ListeningProbe,
  ) {}

  connect(request: ConnectRequest): ConnectResult {
    const protocol = request.protocol ?? 'TCP';
    const source = this.source(request.from);
    if ('error' in source) return { ok: false, error: 'EHOSTUNREACH', message: source.error, via: 'Unknown', chains: [] };
    let address = request.address;
    if (address === '127.0.0.1' || address === 'localhost') {
      if (source.pod && !source.isNode) return this.deliver(source, { ip: source.ip, port: request.port }, protocol, { via: 'PodIP', chains: [] }, source.ip);
      address = source.ip;
    }

    // Cluster IPs exist only in nodes' rules: from outside the cluster nothing answers.
    const service = source.node ? this.state.serviceByClusterIP(address) : undefined;
    if (service && source.node && this.proxied(source.node)) {
      const key = `${service.metadata.namespace ?? ''}/${service.metadata.name ?? ''}`;
      const info = this.state.servicePorts(key).find((p) => p.port === request.port && p.protocol === protocol);
      if (!info) return { ok: false, error: 'ETIMEDOUT', message: TIMED_OUT, via: 'ClusterIP', node: source.node, chains: [] };
      return this.viaClusterIP(source, source.node, info, protocol);
    }

    const node = this.state.nodeByIP(address);
    // External and load-balancer IPs are captured in KUBE-SERVICES of the node the packet is on:
    // the source's own node, or the node that owns the address for traffic from outside.
    const capturingNode = source.node ?? node?.metadata.name;
    const capturing = capturingNode && this.proxied(capturingNode) ? capturingNode : undefined;
    const external = capturing ? this.externalServicePort(address, request.port, protocol) : undefined;
    if (external && capturing) return this.viaExternal(source, capturing, external, protocol, 'ExternalIP', ['KUBE-SERVICES']);

    if (node) {
      const nodeName = node.metadata.name ?? '';
      // Without kube-proxy on that node nothing listens on the node port: the node answers RST.
      const nodePortService = this.proxied(nodeName) ? this.state.serviceByNodePort(request.port, protocol) : undefined;
      const info = nodePortService
        ? this.state.servicePorts(`${nodePortService.metadata.namespace ?? ''}/${nodePortService.metadata.name ?? ''}`).find((p) => p.nodePort === request.port && p.protocol === protocol)
        : undefined;
      if (info) return this.viaExternal(source, nodeName, info, protocol, 'NodePort', ['KUBE-SERVICES', 'KUBE-NODEPORTS']);
      return this.deliver(source, { ip: address, port: request.port }, protocol, { via: 'NodeIP', chains: [] }, source.ip);
    }

    if (this.state.podByIP(address)) return this.deliver(source, { ip: address, port: request.port }, protocol, { via: 'PodIP', chains: [] }, source.ip);
    return { ok: false, error: 'ETIMEDOUT', message: TIMED_OUT, via: 'Unknown', chains: [] };
  }

  private source(from: ConnectionSource): Source | { error: string } {
    if ('pod' in from) {
      const pod = this.state.pods.get(`${from.pod.namespace}/${from.pod.name}`);
      const sandbox = from.pod.ip;
      const ip = pod?.status?.podIP ?? sandbox;
      if (!pod || !ip || (pod.status?.phase !== 'Running' && sandbox === undefined)) return { error: `pod ${from.pod.namespace}/${from.pod.name} is not running` };
      return { ip, node: pod.spec.nodeName, pod, isNode: pod.spec.hostNetwork === true };
    }
    if ('node' in from) {
      const node = this.state.nodes.get(from.node);
      const ip = node ? nodeInternalIP(node) : undefined;
      if (!ip) return { error: `node ${from.node} has no address` };
      return { ip, node: from.node, isNode: true };
    }
    return { ip: from.external, isNode: false };
  }

  private viaClusterIP(source: Source, nodeName: string, info: ServicePortInfo, protocol: string): ConnectResult {
    const base = { via: 'ClusterIP' as const, node: nodeName, service: info.name };
    const { cluster, local, hasEndpoints } = categorizeEndpoints(info, nodeName);
    if (!hasEndpoints) return { ...base, ok: false, error: 'ECONNREFUSED', message: REFUSED, chains: ['KUBE-SERVICES'] };
    const endpoints = info.internalPolicyLocal ? local : cluster;
    if (endpoints.length === 0) return { ...base, ok: false, error: 'ETIMEDOUT', message: TIMED_OUT, chains: ['KUBE-SERVICES'] };
    const chain = info.internalPolicyLocal ? info.chains.local : info.chains.cluster;
    const endpoint = this.pick(nodeName, source.ip, info, endpoints);
    // Hairpin (a Pod reaching itself through its Service) and off-cluster sources are masqueraded.
    const masquerade = endpoint.ip === source.ip || source.isNode;
    const seenAs = masquerade ? (this.nodeIP(nodeName) ?? source.ip) : source.ip;
    return this.deliver(source, { ip: endpoint.ip, port: endpoint.port }, protocol, { ...base, chains: ['KUBE-SERVICES', chain, endpoint.chain] }, seenAs);
  }

  private externalServicePort(address: string, port: number, protocol: string): ServicePortInfo | undefined {
    for (const service of this.state.servicesByExternalIP(address)) {
      const key = `${service.metadata.namespace ?? ''}/${service.metadata.name ?? ''}`;
      const info = this.state
        .servicePorts(key)
        .find((p) => p.port === port && p.protocol === protocol && (p.externalIPs.includes(address) || p.loadBalancerIPs.includes(address)));
      if (info) return info;
    }
    return undefined;
  }

  /** Node ports and external IPs: KUBE-EXT-… then the cluster (or, with Local policy, local) chain. */
  private viaExternal(source: Source, nodeName: string, info: ServicePortInfo, protocol: string, via: 'NodePort' | 'ExternalIP', entry: string[]): ConnectResult {
    const base = { via, node: nodeName, service: info.name };
    const nodeAddress = this.nodeIP(nodeName) ?? source.ip;
    const { cluster, local, hasEndpoints } = categorizeEndpoints(info, nodeName);
    if (!hasEndpoints) return { ...base, ok: false, error: 'ECONNREFUSED', message: REFUSED, chains: ['KUBE-EXTERNAL-SERVICES'] };
    // KUBE-EXT-…: Pod traffic and the node's own go to the cluster chain; the rest, with
    // externalTrafficPolicy Local, only to this node's endpoints and keeps its source address.
    const shortCircuit = source.pod !== undefined || (source.isNode && source.node === nodeName);
    const useLocal = info.externalPolicyLocal && !shortCircuit;
    const endpoints = useLocal ? local : cluster;
    if (endpoints.length === 0) return { ...base, ok: false, error: 'ETIMEDOUT', message: TIMED_OUT, chains: [...entry, info.chains.external] };
    const chain = useLocal ? info.chains.local : info.chains.cluster;
    const endpoint = this.pick(nodeName, source.ip, info, endpoints);
    const masquerade = !info.externalPolicyLocal || source.isNode || endpoint.ip === source.ip;
    const seenAs = masquerade ? nodeAddress : source.ip;
    return this.deliver(source, { ip: endpoint.ip, port: endpoint.port }, protocol, { ...base, chains: [...entry, info.chains.external, chain, endpoint.chain] }, seenAs);
  }

  /** ClientIP affinity (xt_recent --rcheck --seconds … --reap), else the probability cascade. */
  private pick(nodeName: string, clientIP: string, info: ServicePortInfo, endpoints: readonly ProxyEndpoint[]): ProxyEndpoint {
    const now = this.clock.now();
    const key = `${nodeName}|${clientIP}|${info.name}/${info.protocol}`;
    if (info.affinitySeconds !== undefined) {
      const remembered = this.affinity.get(key);
      const endpoint = remembered && now - remembered.seen <= info.affinitySeconds * 1000 ? endpoints.find((e) => e.address === remembered.address) : undefined;
      if (endpoint) {
        this.affinity.set(key, { address: endpoint.address, seen: now });
        return endpoint;
      }
    }
    let chosen = endpoints.at(-1)!;
    for (let i = 0; i < endpoints.length - 1; i++) {
      if (this.random.next() < 1 / (endpoints.length - i)) {
        chosen = endpoints[i]!;
        break;
      }
    }
    if (info.affinitySeconds !== undefined) this.affinity.set(key, { address: chosen.address, seen: now });
    return chosen;
  }

  private nodeIP(nodeName: string): string | undefined {
    const node = this.state.nodes.get(nodeName);
    return node ? nodeInternalIP(node) : undefined;
  }

  /** The translated connection reaches `target`: policies, then whether anything listens. */
  private deliver(
    source: Source,
    target: { ip: string; port: number },
    protocol: string,
    base: Pick<ConnectResult, 'via' | 'node' | 'service' | 'chains'>,
    seenAs: string,
  ): ConnectResult {
    const pod = this.state.podByIP(target.ip);
    const node = pod ? undefined : this.state.nodeByIP(target.ip);
    const backend = {
      ip: target.ip,
      port: target.port,
      ...(pod ? { pod: { namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '' }, node: pod.spec.nodeName } : {}),
      ...(node ? { node: node.metadata.name } : {}),
    };
    const result = { ...base, sourceIP: seenAs, backend };
    if (!pod && !node) return { ...result, ok: false, error: 'ETIMEDOUT', message: TIMED_OUT };

    const masqueraded = seenAs !== source.ip;
    const from: PolicyEndpoint = masqueraded ? { ip: seenAs } : { ip: source.ip, pod: source.isNode ? undefined : source.pod, namespace: this.namespaceOf(source.pod) };
    const to: PolicyEndpoint = { ip: target.ip, pod, namespace: this.namespaceOf(pod) };
    const policy = evaluateNetworkPolicies(this.state, from, to, target.port, protocol, {
      sourceIsDestinationNode: pod !== undefined && source.isNode && !masqueraded && source.node === pod.spec.nodeName,
    });
    if (!policy.allowed) return { ...result, ok: false, error: 'ETIMEDOUT', message: TIMED_OUT, policy };

    const listening = pod
      ? pod.status?.phase === 'Running' && (this.listening?.(pod, target.port, protocol) ?? podListens(pod, target.port, protocol))
      : nodeListens(this.hostNetworkPods(node?.metadata.name ?? ''), target.port, protocol);
    if (!listening) return { ...result, ok: false, error: 'ECONNREFUSED', message: REFUSED, policy };
    return { ...result, ok: true, message: 'connected', policy };
  }

  private namespaceOf(pod: Pod | undefined): PolicyEndpoint['namespace'] {
    return pod ? this.state.namespaces.get(pod.metadata.namespace ?? '') : undefined;
  }

  private hostNetworkPods(nodeName: string): Pod[] {
    return this.state.hostNetworkPodsOn(nodeName);
  }
}
