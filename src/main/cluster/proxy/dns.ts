/**
 * Cluster DNS as CoreDNS's `kubernetes` plugin answers it with kubeadm's Corefile
 * (`kubernetes cluster.local in-addr.arpa ip6.arpa { pods insecure; ttl 30 }`), plus the stub
 * resolver a Pod with dnsPolicy ClusterFirst uses (search path `<ns>.svc.cluster.local
 * svc.cluster.local cluster.local`, `options ndots:5`).
 *
 * Records:
 * - `<svc>.<ns>.svc.<domain>`: A = the cluster IP; for a headless Service, one A per ready
 *   endpoint (all endpoints with publishNotReadyAddresses); ExternalName: a CNAME.
 * - `<host>.<svc>.<ns>.svc.<domain>`: an endpoint by its hostname (StatefulSet Pods, `web-0`) or,
 *   without one, by its dashed IP.
 * - `_<port>._<proto>.<svc>.<ns>.svc.<domain>`: SRV for a named port (`0 <100/n> <port> <target>`);
 *   the target is the Service name, or each endpoint's name for a headless Service.
 * - `<a-b-c-d>.<ns>.pod.<domain>`: A a.b.c.d (pods insecure: not checked against Pods).
 * - `<reversed IP>.in-addr.arpa`: PTR to the Service owning a cluster IP, or to the endpoint's name
 *   under every Service whose EndpointSlices list the address.
 * Anything else in the cluster domain is NXDOMAIN; other names go upstream (NXDOMAIN offline).
 */
import type { Service } from '../../../shared/api/core.js';
import { LABEL_SERVICE_NAME } from '../../../shared/api/discovery.js';
import { dashed, parseIPv4, reverseName } from './ipv4.js';
import type { NetworkState } from './network-state.js';

export type DnsType = 'A' | 'AAAA' | 'SRV' | 'PTR' | 'CNAME';
export type DnsRcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL';

export interface SrvData {
  priority: number;
  weight: number;
  port: number;
  target: string;
}

export interface DnsRecord {
  /** Fully qualified, with the trailing dot. */
  name: string;
  type: 'A' | 'SRV' | 'PTR' | 'CNAME';
  ttl: number;
  /** The address, the target name, or SRV's `priority weight port target` as dig prints it. */
  data: string;
  srv?: SrvData;
}

export interface DnsResponse {
  /** The question, fully qualified. */
  name: string;
  type: DnsType;
  rcode: DnsRcode;
  answers: DnsRecord[];
  /** Addresses of SRV targets, as CoreDNS adds them. */
  additionals: DnsRecord[];
}

export interface DnsOptions {
  /** --cluster-domain (kubelet) / the kubernetes plugin's zone. */
  clusterDomain?: string;
  /** The kubernetes plugin's `ttl` (kubeadm: 30). */
  ttl?: number;
  /** Names outside the cluster domain (CoreDNS `forward . /etc/resolv.conf`); offline default: NXDOMAIN. */
  upstream?: (name: string, type: DnsType) => DnsResponse | undefined;
}

export interface ResolveOptions {
  /** The asking Pod's namespace (first search domain). */
  namespace: string;
  type?: DnsType;
  ndots?: number;
}

export interface Resolution {
  /** The answer that ended the search (or the last failure). */
  response: DnsResponse;
  /** Every name queried, in order, with its rcode and whether it had answers. */
  tried: Array<{ name: string; rcode: DnsRcode; answered: boolean }>;
}

interface DnsEndpoint {
  ip: string;
  name: string;
  ports: Array<{ name: string; port: number; protocol: string }>;
}

export class ClusterDns {
  readonly domain: string;
  private readonly ttl: number;

  constructor(
    private readonly state: NetworkState,
    private readonly options: DnsOptions = {},
  ) {
    this.domain = (options.clusterDomain ?? 'cluster.local').toLowerCase();
    this.ttl = options.ttl ?? 30;
  }

  /** A ClusterFirst Pod's search path. */
  searchPath(namespace: string): string[] {
    return [`${namespace}.svc.${this.domain}`, `svc.${this.domain}`, this.domain];
  }

  /** The /etc/resolv.conf kubelet writes for a ClusterFirst Pod. */
  resolvConf(namespace: string, nameserver: string): string {
    return `search ${this.searchPath(namespace).join(' ')}\nnameserver ${nameserver}\noptions ndots:5\n`;
  }

  /** What a resolver library does with a name: the search path and ndots, then the answer. */
  resolve(name: string, options: ResolveOptions): Resolution {
    const type = options.type ?? 'A';
    const ndots = options.ndots ?? 5;
    let candidates: string[];
    if (name.endsWith('.')) {
      candidates = [name];
    } else {
      const dots = name.split('.').length - 1;
      const searched = this.searchPath(options.namespace).map((domain) => `${name}.${domain}.`);
      candidates = dots >= ndots ? [`${name}.`, ...searched] : [...searched, `${name}.`];
    }
    const tried: Resolution['tried'] = [];
    let last: DnsResponse | undefined;
    for (const candidate of candidates) {
      const response = this.query(candidate, type);
      const answered = response.rcode === 'NOERROR' && response.answers.length > 0;
      tried.push({ name: response.name, rcode: response.rcode, answered });
      last = response;
      if (answered) break;
    }
    return { response: last!, tried };
  }

  /** One query, answered as CoreDNS would. */
  query(rawName: string, type: DnsType): DnsResponse {
    const name = (rawName.endsWith('.') ? rawName : `${rawName}.`).toLowerCase();
    const bare = name.slice(0, -1);
    if (bare.endsWith('.in-addr.arpa')) return this.reverse(name, type);
    if (bare !== this.domain && !bare.endsWith(`.${this.domain}`)) {
      return this.options.upstream?.(name, type) ?? this.response(name, type, 'NXDOMAIN');
    }
    const labels = bare === this.domain ? [] : bare.slice(0, -(this.domain.length + 1)).split('.');
    const zone = labels.at(-1);
    if (zone === 'svc') return this.serviceQuery(name, type, labels.slice(0, -1));
    if (zone === 'pod' && labels.length === 3) return this.podQuery(name, type, labels[0]!, labels[1]!);
    // The zone apex and `svc.`/`pod.` themselves exist (SOA/NS only).
    return this.response(name, type, labels.length <= 1 && (labels.length === 0 || zone === 'svc' || zone === 'pod') ? 'NOERROR' : 'NXDOMAIN');
  }

  private response(name: string, type: DnsType, rcode: DnsRcode, answers: DnsRecord[] = [], additionals: DnsRecord[] = []): DnsResponse {
    return { name, type, rcode, answers, additionals };
  }

  private record(name: string, type: DnsRecord['type'], data: string, srv?: SrvData): DnsRecord {
    return { name, type, ttl: this.ttl, data, ...(srv ? { srv } : {}) };
  }

  private namespaceExists(namespace: string): boolean {
    return this.state.namespaces.get(namespace) !== undefined;
  }

  private podQuery(name: string, type: DnsType, label: string, namespace: string): DnsResponse {
    const ip = label.replaceAll('-', '.');
    if (parseIPv4(ip) === undefined || !this.namespaceExists(namespace)) return this.response(name, type, 'NXDOMAIN');
    return this.response(name, type, 'NOERROR', type === 'A' ? [this.record(name, 'A', ip)] : []);
  }

  private serviceQuery(name: string, type: DnsType, labels: string[]): DnsResponse {
    if (labels.length === 1) return this.response(name, type, this.namespaceExists(labels[0]!) ? 'NOERROR' : 'NXDOMAIN');
    if (labels.length < 2 || labels.length > 4) return this.response(name, type, 'NXDOMAIN');
    const namespace = labels.at(-1)!;
    const service = this.state.services.get(`${namespace}/${labels.at(-2)!}`);
    if (!service) return this.response(name, type, 'NXDOMAIN');
    const serviceName = `${service.metadata.name ?? ''}.${namespace}.svc.${this.domain}.`;
    if (service.spec.type === 'ExternalName') {
      if (labels.length !== 2) return this.response(name, type, 'NXDOMAIN');
      return this.response(name, type, 'NOERROR', [this.record(name, 'CNAME', `${service.spec.externalName ?? ''}.`)]);
    }
    const headless = (service.spec.clusterIP ?? '') === 'None';
    if (labels.length === 4) return this.srvQuery(name, type, service, serviceName, headless, labels[0]!, labels[1]!);
    const endpoints = headless || labels.length === 3 ? this.dnsEndpoints(service) : [];
    if (labels.length === 3) {
      const endpoint = endpoints.find((e) => e.name === labels[0]);
      if (!endpoint) return this.response(name, type, 'NXDOMAIN');
      return this.response(name, type, 'NOERROR', type === 'A' ? [this.record(name, 'A', endpoint.ip)] : []);
    }
    if (headless && endpoints.length === 0) return this.response(name, type, 'NXDOMAIN');
    if (type === 'A') {
      const ips = headless ? endpoints.map((e) => e.ip) : [service.spec.clusterIP ?? ''];
      return this.response(name, type, 'NOERROR', ips.map((ip) => this.record(name, 'A', ip)));
    }
    if (type === 'SRV') return this.srvRecords(name, type, service, serviceName, headless, undefined, undefined);
    return this.response(name, type, 'NOERROR');
  }

  private srvQuery(name: string, type: DnsType, service: Service, serviceName: string, headless: boolean, portLabel: string, protoLabel: string): DnsResponse {
    if (!portLabel.startsWith('_') || !protoLabel.startsWith('_')) return this.response(name, type, 'NXDOMAIN');
    const response = this.srvRecords(name, 'SRV', service, serviceName, headless, portLabel.slice(1), protoLabel.slice(1));
    if (response.answers.length === 0) return this.response(name, type, 'NXDOMAIN');
    return type === 'SRV' ? response : this.response(name, type, 'NOERROR');
  }

  /** SRV records of the Service's (matching) named ports; CoreDNS weighs n targets 100/n each. */
  private srvRecords(name: string, type: DnsType, service: Service, serviceName: string, headless: boolean, portName: string | undefined, protocol: string | undefined): DnsResponse {
    const targets: Array<{ port: number; target: string; ip: string }> = [];
    const wanted = (p: { name?: string; protocol?: string }): boolean =>
      (portName === undefined || (p.name ?? '') === portName) && (protocol === undefined || (p.protocol ?? 'TCP').toLowerCase() === protocol);
    if (headless) {
      for (const endpoint of this.dnsEndpoints(service)) {
        for (const port of endpoint.ports) if (wanted(port)) targets.push({ port: port.port, target: `${endpoint.name}.${serviceName}`, ip: endpoint.ip });
      }
    } else {
      for (const port of service.spec.ports ?? []) if (wanted(port)) targets.push({ port: port.port, target: serviceName, ip: service.spec.clusterIP ?? '' });
    }
    const weight = targets.length > 0 ? Math.floor(100 / targets.length) : 0;
    const answers = targets.map((t) => this.record(name, 'SRV', `0 ${weight} ${t.port} ${t.target}`, { priority: 0, weight, port: t.port, target: t.target }));
    const seen = new Set<string>();
    const additionals = targets.filter((t) => !seen.has(t.target) && seen.add(t.target)).map((t) => this.record(t.target, 'A', t.ip));
    return this.response(name, type, 'NOERROR', answers, additionals);
  }

  /** The Service's endpoints as DNS names them: by hostname, else by dashed IP. */
  private dnsEndpoints(service: Service): DnsEndpoint[] {
    const key = `${service.metadata.namespace ?? ''}/${service.metadata.name ?? ''}`;
    const publishNotReady = service.spec.publishNotReadyAddresses === true;
    const byIP = new Map<string, DnsEndpoint>();
    const add = (ip: string, hostname: string | undefined, ports: DnsEndpoint['ports']): void => {
      const existing = byIP.get(ip);
      if (existing) existing.ports.push(...ports);
      else byIP.set(ip, { ip, name: hostname ?? dashed(ip), ports: [...ports] });
    };
    const slices = this.state.slicesFor(key);
    if (slices.length > 0) {
      for (const slice of slices) {
        if (slice.addressType !== 'IPv4') continue;
        const ports = (slice.ports ?? []).filter((p) => p.port !== undefined).map((p) => ({ name: p.name ?? '', port: p.port!, protocol: p.protocol ?? 'TCP' }));
        for (const endpoint of slice.endpoints ?? []) {
          const ip = endpoint.addresses?.[0];
          if (ip && (publishNotReady || (endpoint.conditions?.ready ?? true))) add(ip, endpoint.hostname, ports);
        }
      }
    } else {
      for (const subset of this.state.endpoints.get(key)?.subsets ?? []) {
        const ports = (subset.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' }));
        const addresses = [...(subset.addresses ?? []), ...(publishNotReady ? (subset.notReadyAddresses ?? []) : [])];
        for (const address of addresses) add(address.ip, address.hostname, ports);
      }
    }
    return [...byIP.values()].sort((a, b) => (parseIPv4(a.ip) ?? 0) - (parseIPv4(b.ip) ?? 0));
  }

  /** serviceRecordForIP: a cluster IP names its Service; an endpoint address names the endpoint under each Service listing it. */
  private reverse(name: string, type: DnsType): DnsResponse {
    const octets = name.slice(0, -'.in-addr.arpa.'.length).split('.');
    const ip = [...octets].reverse().join('.');
    const targets: string[] = [];
    if (octets.length === 4 && reverseName(ip) === name) {
      const service = this.state.serviceByClusterIP(ip);
      if (service) targets.push(`${service.metadata.name ?? ''}.${service.metadata.namespace ?? ''}.svc.${this.domain}.`);
      else {
        for (const slice of this.state.slicesWithAddress(ip)) {
          const serviceName = slice.metadata.labels?.[LABEL_SERVICE_NAME];
          if (!serviceName) continue;
          for (const endpoint of slice.endpoints ?? []) {
            if (!endpoint.addresses?.includes(ip) || !(endpoint.conditions?.ready ?? true)) continue;
            const target = `${endpoint.hostname ?? dashed(ip)}.${serviceName}.${slice.metadata.namespace ?? ''}.svc.${this.domain}.`;
            if (!targets.includes(target)) targets.push(target);
          }
        }
      }
    }
    if (targets.length === 0) return this.options.upstream?.(name, type) ?? this.response(name, type, 'NXDOMAIN');
    return this.response(name, type, 'NOERROR', type === 'PTR' ? targets.map((t) => this.record(name, 'PTR', t)) : []);
  }
}
