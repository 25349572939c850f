/**
 * The lab's data plane in one object, for the commands that use the network (`kubectl exec … curl`,
 * `nslookup`, `wget`, `iptables-save` on a node): cluster DNS, connections through each node's
 * kube-proxy rules with NetworkPolicies applied, and the rules themselves. One per lab, reading the
 * cluster through its own informers; each node's KubeProxy is a view on it.
 *
 *   const network = new NetworkModel({ client, clock, random: random.fork('network'), clusterCIDR: '172.16.0.0/16' });
 *   network.start();
 *   network.resolve('web', 'default');                                  // → 10.96.x.y
 *   network.connect({ from: { pod: { namespace: 'default', name: 'client' } }, address: '10.96.x.y', port: 80 });
 *   network.rules('node01');                                            // iptables-save text
 */
import { type Disposable, DisposableStore } from '../../../shared/lifecycle.js';
import type { Clock } from '../../base/clock.js';
import type { Random } from '../../base/random.js';
import type { ApiClient } from '../client/api-client.js';
import { type ConnectRequest, type ConnectResult, Connectivity, type ListeningProbe } from './connectivity.js';
import { ClusterDns, type DnsOptions, type DnsType, type Resolution } from './dns.js';
import { renderIptablesSave } from './iptables-rules.js';
import { NetworkState } from './network-state.js';

export interface NetworkModelOptions {
  /** Lists and watches Services, EndpointSlices, Endpoints, Pods, Namespaces, Nodes, NetworkPolicies. */
  client: ApiClient;
  clock: Clock;
  /** Backend choice (kube-proxy's random statistic match). */
  random: Random;
  /** The Pod network (--cluster-cidr): kube-proxy masquerades Service traffic from elsewhere. */
  clusterCIDR: string;
  clusterDomain?: string;
  /** The cluster DNS Service address when no `kube-system/kube-dns` Service exists (kubelet's --cluster-dns). */
  clusterDNS?: string;
  upstream?: DnsOptions['upstream'];
  /**
   * Translate Service addresses only on nodes whose KubeProxy is running (the lab: true). Unset,
   * every node behaves as if kube-proxy ran there (tests of the data plane alone).
   */
  requireKubeProxy?: boolean;
  /** The container runtime's view of listening ports (the kubelets'); default: images' usual ports. */
  listening?: ListeningProbe;
}

export class NetworkModel implements Disposable {
  private readonly disposables = new DisposableStore();
  readonly state: NetworkState;
  readonly dns: ClusterDns;
  private readonly connectivity: Connectivity;
  private readonly proxiedNodes = new Set<string>();

  constructor(private readonly options: NetworkModelOptions) {
    this.state = this.disposables.add(new NetworkState(options.client));
    this.dns = new ClusterDns(this.state, { clusterDomain: options.clusterDomain, upstream: options.upstream });
    this.connectivity = new Connectivity(this.state, options.clock, options.random, (node) => this.hasKubeProxy(node), options.listening);
  }

  /** Called by a node's KubeProxy while it runs; dispose when it stops. */
  attachKubeProxy(nodeName: string): Disposable {
    this.proxiedNodes.add(nodeName);
    return { dispose: () => this.proxiedNodes.delete(nodeName) };
  }

  hasKubeProxy(nodeName: string): boolean {
    return this.options.requireKubeProxy !== true || this.proxiedNodes.has(nodeName);
  }

  /** Start the informers (idempotent). */
  start(): void {
    this.state.start();
  }

  /** A name looked up from a ClusterFirst Pod in `namespace` (search path, ndots:5). */
  resolve(name: string, fromNamespace: string, type: DnsType = 'A'): Resolution {
    return this.dns.resolve(name, { namespace: fromNamespace, type });
  }

  /**
   * A lookup as a Pod makes it: the query goes to the nameserver (10.96.0.10:53/UDP) through the
   * Pod's node's rules and NetworkPolicies first, so a cluster without CoreDNS endpoints or an
   * egress policy without DNS gives nslookup's `;; connection timed out; no servers could be
   * reached` (`reached: false`, with the failed connection) instead of an answer.
   */
  lookupFromPod(name: string, pod: { namespace: string; name: string; ip?: string }, type: DnsType = 'A'): { reached: true; resolution: Resolution } | { reached: false; connection: ConnectResult } {
    const connection = this.connect({ from: { pod }, address: this.nameserver(), port: 53, protocol: 'UDP' });
    if (!connection.ok) return { reached: false, connection };
    return { reached: true, resolution: this.resolve(name, pod.namespace, type) };
  }

  /** The nameserver in Pods' resolv.conf: the kube-dns Service's cluster IP. */
  nameserver(): string {
    return this.state.services.get('kube-system/kube-dns')?.spec.clusterIP ?? this.options.clusterDNS ?? '10.96.0.10';
  }

  /** /etc/resolv.conf of a ClusterFirst Pod in `namespace`. */
  resolvConf(namespace: string): string {
    return this.dns.resolvConf(namespace, this.nameserver());
  }

  connect(request: ConnectRequest): ConnectResult {
    return this.connectivity.connect(request);
  }

  /** `iptables-save` on `nodeName`. */
  rules(nodeName: string): string {
    const servicePorts = this.hasKubeProxy(nodeName) ? this.state.allServicePorts() : [];
    return renderIptablesSave({ nodeName, clusterCIDR: this.options.clusterCIDR, servicePorts, now: this.options.clock.now() });
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
