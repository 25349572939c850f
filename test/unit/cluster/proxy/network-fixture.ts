/**
 * A cluster with the network's view of it: nodes with addresses, running Pods with IPs,
 * Services and EndpointSlices written directly (as the kubelet and the EndpointSlice controller
 * would), and a started NetworkModel reading it all through informers.
 */
import type { Container, Node, Pod, Service, ServiceSpec } from '../../../../src/shared/api/core.js';
import type { Endpoint, EndpointPort, EndpointSlice } from '../../../../src/shared/api/discovery.js';
import type { KubeObject } from '../../../../src/shared/api/meta.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { ENDPOINT_SLICES, NETWORK_POLICIES, NODES, PODS, SERVICES } from '../../../../src/main/cluster/client/resources.js';
import { NetworkModel } from '../../../../src/main/cluster/proxy/network-model.js';
import { type TestCluster, createNode, expectOk, makeCluster } from '../../helpers/cluster.js';

export const CLUSTER_CIDR = '172.16.0.0/16';

export interface NetworkCluster {
  cluster: TestCluster;
  admin: ApiClient;
  network: NetworkModel;
}

export function makeNetworkCluster(options: { seed?: number; namespaces?: string[] } = {}): NetworkCluster {
  const cluster = makeCluster({ seed: options.seed, namespaces: options.namespaces });
  const admin = cluster.client('test');
  const network = cluster.disposables.add(
    new NetworkModel({ client: cluster.client('network'), clock: cluster.clock, random: cluster.random.fork('network'), clusterCIDR: CLUSTER_CIDR }),
  );
  network.start();
  return { cluster, admin, network };
}

export function addNode(admin: ApiClient, name: string, address: string): Node {
  const node = createNode(admin, name);
  return expectOk(admin.updateStatus<Node>(NODES, undefined, { ...node, status: { ...node.status, addresses: [{ type: 'InternalIP', address }, { type: 'Hostname', address: name }] } }));
}

export interface RunPodOptions {
  namespace?: string;
  node: string;
  ip: string;
  labels?: Record<string, string>;
  image?: string;
  ports?: Container['ports'];
  hostname?: string;
  subdomain?: string;
  hostNetwork?: boolean;
}

/** A Pod bound to `node` and Running with `ip`, as its kubelet would report it. */
export function runPod(admin: ApiClient, name: string, options: RunPodOptions): Pod {
  const namespace = options.namespace ?? 'default';
  const created = expectOk(
    admin.create<Pod>(PODS, namespace, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace, ...(options.labels ? { labels: options.labels } : {}) },
      spec: {
        nodeName: options.node,
        ...(options.hostname ? { hostname: options.hostname } : {}),
        ...(options.subdomain ? { subdomain: options.subdomain } : {}),
        ...(options.hostNetwork ? { hostNetwork: true } : {}),
        containers: [{ name: 'main', image: options.image ?? 'busybox:1.36', ...(options.ports ? { ports: options.ports } : {}) }],
      },
    }),
  );
  return expectOk(admin.updateStatus<Pod>(PODS, namespace, { ...created, status: { phase: 'Running', podIP: options.ip, podIPs: [{ ip: options.ip }] } }));
}

export function createService(admin: ApiClient, name: string, spec: ServiceSpec, namespace = 'default'): Service {
  return expectOk(admin.create<Service>(SERVICES, namespace, { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec }));
}

/** The EndpointSlice the controller would write for `service` (name `<service>-abcde`). */
export function writeSlice(admin: ApiClient, service: string, endpoints: Endpoint[], ports: EndpointPort[], namespace = 'default'): EndpointSlice {
  const name = `${service}-abcde`;
  const body: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name, namespace, labels: { 'kubernetes.io/service-name': service, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } },
    addressType: 'IPv4',
    endpoints,
    ports,
  };
  const existing = admin.get<EndpointSlice>(ENDPOINT_SLICES, namespace, name);
  if (existing.ok) return expectOk(admin.update<EndpointSlice>(ENDPOINT_SLICES, namespace, { ...body, metadata: { ...existing.value.metadata, ...body.metadata } }));
  return expectOk(admin.create<EndpointSlice>(ENDPOINT_SLICES, namespace, body));
}

/** A ready endpoint for a Pod. */
export function endpointFor(ip: string, node: string, pod: string, extra: Partial<Endpoint> = {}): Endpoint {
  return { addresses: [ip], conditions: { ready: true, serving: true, terminating: false }, nodeName: node, targetRef: { kind: 'Pod', namespace: 'default', name: pod }, ...extra };
}

export function createPolicy(admin: ApiClient, policy: KubeObject): void {
  expectOk(admin.create(NETWORK_POLICIES, policy.metadata.namespace ?? 'default', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', ...policy }));
}
