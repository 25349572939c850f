/**
 * What the Endpoints, EndpointSlice and mirroring controllers share about Pods and Services
 * (pkg/controller/util/endpoint and endpointslice/util in Kubernetes 1.32): which Pods belong in a
 * Service's endpoints, how a Service port's targetPort resolves against a Pod's container ports,
 * when an endpoint carries a hostname, and an index of a kind's objects by namespace so that a
 * Service's sync reads only its own namespace.
 */
import type { Pod, Service, ServicePort } from '../../../../shared/api/core.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import type { Disposable } from '../../../../shared/lifecycle.js';
import { canonicalJson } from '../../../base/canonical-json.js';
import { type Informer, objectKey } from '../../client/informer.js';

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/**
 * ShouldPodBeInEndpoints: never terminal (Succeeded/Failed) Pods nor Pods without an IP yet;
 * Pods being deleted only when `includeTerminating`.
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!pod.status?.podIP && (pod.status?.podIPs?.length ?? 0) === 0) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp !== undefined) return false;
  return true;
}

/**
 * podutil.FindPort: a numeric targetPort is used as is; a named one is looked up among the
 * containers' ports (and restartable init containers', the sidecars) with the same protocol.
 * Undefined when the Pod has no such port: the Pod is then left out for that port.
 */
export function findPort(pod: Pod, servicePort: ServicePort): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  if (/^[0-9]+$/.test(target)) return Number(target);
  const protocol = servicePort.protocol ?? 'TCP';
  const containers = [...pod.spec.containers, ...(pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')];
  for (const container of containers) {
    for (const port of container.ports ?? []) {
      if (port.name === target && (port.protocol ?? 'TCP') === protocol) return port.containerPort;
    }
  }
  return undefined;
}

/** The Pod fields endpoints reflect (podEndpointsChanged): an update that changes none needs no sync. */
export function endpointFingerprint(pod: Pod): string {
  return canonicalJson([
    pod.metadata.labels ?? {},
    pod.metadata.deletionTimestamp ?? null,
    pod.status?.phase ?? null,
    pod.status?.podIPs ?? pod.status?.podIP ?? null,
    isPodReady(pod),
    pod.spec.nodeName ?? null,
    pod.spec.hostname ?? null,
    pod.spec.subdomain ?? null,
  ]);
}

/** ShouldSetHostname: a Pod with spec.hostname whose spec.subdomain names this Service. */
export function shouldSetHostname(pod: Pod, service: Service): boolean {
  const hostname = pod.spec.hostname;
  return typeof hostname === 'string' && hostname !== '' && pod.spec.subdomain === service.metadata.name && pod.metadata.namespace === service.metadata.namespace;
}

/** helper.IsServiceIPSet: false for headless (`None`) and unallocated Services. */
export function isServiceIPSet(service: Service): boolean {
  const ip = service.spec.clusterIP;
  return ip !== undefined && ip !== '' && ip !== 'None';
}

/** labels.Set(selector).AsSelectorPreValidated().Matches: every selector label equal (an empty selector matches all). */
export function selectorMatches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  for (const key in selector) {
    if (labels?.[key] !== selector[key]) return false;
  }
  return true;
}

/** The first IPv4 address of a Pod (the lab's Pods are single-stack IPv4). */
export function podIPv4(pod: Pod): string | undefined {
  const ips = pod.status?.podIPs?.map((p) => p.ip) ?? (pod.status?.podIP ? [pod.status.podIP] : []);
  return ips.find((ip) => !ip.includes(':'));
}

/** Go's bytes.Compare on strings (not locale order): "10.0.0.10" < "10.0.0.2". */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * An informer's objects by namespace, and by `label=value` within a namespace, kept current from its
 * events (a cache.Indexer): a Service's sync reads only the Pods that carry one of its selector's
 * labels instead of every Pod.
 */
/** The Services of the Pod's namespace whose selector matches it: whom a Pod change concerns. */
export function servicesSelecting(services: NamespaceIndex<Service>, pod: Pod): Service[] {
  return [...services.in(pod.metadata.namespace ?? '')].filter((service) => {
    const selector = service.spec.selector;
    return selector !== undefined && selector !== null && selectorMatches(selector, pod.metadata.labels);
  });
}

export class NamespaceIndex<T extends KubeObject> implements Disposable {
  private readonly byNamespace = new Map<string, Map<string, T>>();
  private readonly byLabel = new Map<string, Map<string, Set<string>>>();
  private readonly subscription: Disposable;

  constructor(informer: Informer<T>) {
    this.subscription = informer.onDidChange((change) => {
      const namespace = change.object.metadata.namespace ?? '';
      const key = objectKey(change.object);
      const objects = this.byNamespace.get(namespace);
      const previous = objects?.get(key);
      if (previous) this.unindexLabels(namespace, key, previous.metadata.labels);
      if (change.type === 'delete') {
        objects?.delete(key);
        if (objects?.size === 0) this.byNamespace.delete(namespace);
        return;
      }
      if (objects) objects.set(key, change.object);
      else this.byNamespace.set(namespace, new Map([[key, change.object]]));
      this.indexLabels(namespace, key, change.object.metadata.labels);
    });
  }

  private indexLabels(namespace: string, key: string, labels: Record<string, string> | undefined): void {
    if (!labels) return;
    let index = this.byLabel.get(namespace);
    if (!index) this.byLabel.set(namespace, (index = new Map()));
    for (const name in labels) {
      const pair = `${name}=${labels[name]}`;
      const keys = index.get(pair);
      if (keys) keys.add(key);
      else index.set(pair, new Set([key]));
    }
  }

  private unindexLabels(namespace: string, key: string, labels: Record<string, string> | undefined): void {
    const index = this.byLabel.get(namespace);
    if (!index || !labels) return;
    for (const name in labels) {
      const pair = `${name}=${labels[name]}`;
      const keys = index.get(pair);
      keys?.delete(key);
      if (keys?.size === 0) index.delete(pair);
    }
  }

  /** The namespace's objects (the cache's own: copy before changing). */
  in(namespace: string): Iterable<T> {
    return this.byNamespace.get(namespace)?.values() ?? [];
  }

  /** The namespace's objects a map selector matches (an empty selector matches all). */
  selecting(namespace: string, selector: Record<string, string>): T[] {
    const objects = this.byNamespace.get(namespace);
    if (!objects) return [];
    const pairs = Object.keys(selector).map((name) => `${name}=${selector[name]}`);
    if (pairs.length === 0) return [...objects.values()];
    // Start from the rarest label=value pair, then check the whole selector.
    let smallest: Set<string> | undefined;
    for (const pair of pairs) {
      const keys = this.byLabel.get(namespace)?.get(pair);
      if (!keys) return [];
      if (!smallest || keys.size < smallest.size) smallest = keys;
    }
    const result: T[] = [];
    for (const key of smallest!) {
      const object = objects.get(key);
      if (object && selectorMatches(selector, object.metadata.labels)) result.push(object);
    }
    return result;
  }

  dispose(): void {
    this.subscription.dispose();
    this.byNamespace.clear();
    this.byLabel.clear();
  }
}
