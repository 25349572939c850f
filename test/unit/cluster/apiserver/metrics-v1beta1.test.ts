/** metrics.k8s.io/v1beta1: NodeMetrics and PodMetrics served from the simulated usage, metrics-server's wording. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NodeMetrics, PodMetrics } from '../../../../src/shared/api/metrics.js';
import { rfc3339 } from '../../../../src/main/base/duration.js';
import { parseQuantity } from '../../../../src/main/base/quantity.js';
import { SeededRandom } from '../../../../src/main/base/random.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { NODE_METRICS, PODS, POD_METRICS } from '../../../../src/main/cluster/client/resources.js';
import { builtinResources } from '../../../../src/main/cluster/apiserver/registry/index.js';
import { metricsResources } from '../../../../src/main/cluster/apiserver/registry/metrics-v1beta1.js';
import { clientWorkloadView } from '../../../../src/main/cluster/metrics/client-workload-view.js';
import { SimulatedUsage } from '../../../../src/main/cluster/metrics/simulated-usage.js';
import { formatCpuNanocores, formatMemoryKib } from '../../../../src/main/cluster/metrics/usage-quantity.js';
import { type TestCluster, createNode, createPod, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';

const START = Date.parse('2026-01-01T00:00:00Z');

let cluster: TestCluster;
let client: ApiClient;
let source: SimulatedUsage;
/** metrics-server's client, made once the server exists. */
let reader: ApiClient;

beforeEach(() => {
  // The view reads through a client of the server the metrics API is part of.
  source = new SimulatedUsage(clientWorkloadView(() => reader), new SeededRandom(7), () => cluster.clock.now());
  cluster = makeCluster({ resources: [...builtinResources, ...metricsResources(source)], start: START });
  client = cluster.client('kubectl');
  reader = cluster.client('metrics-server');
  createNode(client, 'node-1', { labels: { zone: 'a' } });
  createNode(client, 'node-2', { ready: false });
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

/** A pod the kubelet started at `startedAt`. */
function runningPod(name: string, labels: Record<string, string>, startedAt = START): void {
  const pod = createPod(client, name, { nodeName: 'node-1', cpu: '200m', memory: '128Mi', labels });
  expectOk(client.updateStatus(PODS, 'default', { ...pod, status: { phase: 'Running', startTime: rfc3339(startedAt) } }));
}

describe('metrics.k8s.io/v1beta1', () => {
  it('serves PodMetrics per container, in nanocores and KiB, within the requests', () => {
    runningPod('web', { app: 'web' });
    cluster.clock.advance(30_000);
    const metrics = expectOk(client.get<PodMetrics>(POD_METRICS, 'default', 'web'));
    expect(metrics).toMatchObject({
      kind: 'PodMetrics',
      apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, creationTimestamp: '2026-01-01T00:00:30Z' },
      timestamp: '2026-01-01T00:00:30Z',
      window: '15s',
    });
    expect(metrics.containers).toHaveLength(1);
    const usage = metrics.containers[0]!.usage;
    expect(usage.cpu).toMatch(/^\d+[num]?$/);
    expect(usage.memory).toMatch(/^\d+(Ki|Mi)$/);
    const cores = parseQuantity(usage.cpu)!;
    expect(cores).toBeGreaterThanOrEqual(0.2 * 0.2);
    expect(cores).toBeLessThanOrEqual(0.2 * 0.8);
    // The same scrape answers the same; the next one draws again.
    expect(expectOk(client.get<PodMetrics>(POD_METRICS, 'default', 'web')).containers).toEqual(metrics.containers);
    cluster.clock.advance(15_000);
    expect(expectOk(client.get<PodMetrics>(POD_METRICS, 'default', 'web')).containers).not.toEqual(metrics.containers);
  });

  it('answers metrics-server NotFound for a pod without metrics yet and the core NotFound for a missing pod', () => {
    runningPod('new', {}, START);
    const notYet = expectStatus(client.get(POD_METRICS, 'default', 'new'));
    expect(notYet.message).toBe('podmetrics.metrics.k8s.io "default/new" not found');
    expect(notYet.code).toBe(404);
    expect(expectStatus(client.get(POD_METRICS, 'default', 'ghost')).message).toBe('pods "ghost" not found');
  });

  it('lists PodMetrics by label selector, skipping pods without metrics', () => {
    runningPod('web-1', { app: 'web' });
    runningPod('web-2', { app: 'web' });
    runningPod('api', { app: 'api' });
    createPod(client, 'pending', { labels: { app: 'web' } });
    cluster.clock.advance(20_000);
    const all = expectOk(client.list<PodMetrics>(POD_METRICS, 'default'));
    expect(all.kind).toBe('PodMetricsList');
    expect(all.items.map((m) => m.metadata.name)).toEqual(['api', 'web-1', 'web-2']);
    const web = expectOk(client.list<PodMetrics>(POD_METRICS, 'default', { labelSelector: 'app=web' }));
    expect(web.items.map((m) => m.metadata.name)).toEqual(['web-1', 'web-2']);
    expect(expectStatus(client.list(POD_METRICS, 'default', { fieldSelector: 'spec.nodeName=node-1' })).message).toBe(
      'field label not supported: spec.nodeName',
    );
  });

  it('serves NodeMetrics for Ready nodes: the pods plus system overhead', () => {
    runningPod('web', {});
    cluster.clock.advance(15_000);
    const node = expectOk(client.get<NodeMetrics>(NODE_METRICS, undefined, 'node-1'));
    expect(node.metadata.labels).toEqual({ 'kubernetes.io/hostname': 'node-1', zone: 'a' });
    const pod = expectOk(client.get<PodMetrics>(POD_METRICS, 'default', 'web'));
    const overhead = parseQuantity(node.usage.cpu)! - parseQuantity(pod.containers[0]!.usage.cpu)!;
    expect(overhead).toBeGreaterThanOrEqual(0.05 - 1e-9);
    expect(overhead).toBeLessThanOrEqual(0.15 + 1e-9);
    expect(expectStatus(client.get(NODE_METRICS, undefined, 'node-2')).message).toBe('nodemetrics.metrics.k8s.io "node-2" not found');
    expect(expectStatus(client.get(NODE_METRICS, undefined, 'node-9')).message).toBe('nodes "node-9" not found');
    const listed = expectOk(client.list<NodeMetrics>(NODE_METRICS, undefined, { labelSelector: 'zone=a' }));
    expect(listed.items.map((m) => m.metadata.name)).toEqual(['node-1']);
  });

  it("prints metrics-server's table: NAME, cpu, memory, WINDOW", () => {
    runningPod('web', {});
    cluster.clock.advance(15_000);
    const table = expectOk(client.listTable(POD_METRICS, 'default'));
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'cpu', 'memory', 'Window']);
    const pod = expectOk(client.get<PodMetrics>(POD_METRICS, 'default', 'web'));
    expect(table.rows.map((r) => r.cells)).toEqual([['web', pod.containers[0]!.usage.cpu, pod.containers[0]!.usage.memory, '15s']]);
  });

  it('prints no columns for an empty list, as metrics-server takes them from the first row', () => {
    const table = expectOk(client.listTable(POD_METRICS, 'kube-system'));
    expect(table.columnDefinitions).toEqual([]);
    expect(table.rows).toEqual([]);
  });

  it.each<[number, string]>([
    [2318163, '2318163n'],
    [40_000_000, '40m'],
    [2_000_000_000, '2'],
    [5_000, '5u'],
    [0, '0'],
  ])('writes %d nanocores as Quantity.String() does: %s', (nanocores, text) => {
    expect(formatCpuNanocores(nanocores)).toBe(text);
  });

  it.each<[number, string]>([
    [18524, '18524Ki'],
    [131072, '128Mi'],
    [2 * 1024 * 1024, '2Gi'],
  ])('writes %d KiB as Quantity.String() does: %s', (kib, text) => {
    expect(formatMemoryKib(kib)).toBe(text);
  });

  it('serves get and list only', () => {
    expect(expectStatus(client.create(POD_METRICS, 'default', { apiVersion: 'metrics.k8s.io/v1beta1', kind: 'PodMetrics', metadata: { name: 'x' } })).code).toBe(405);
    expect(cluster.api.discovery().filter((r) => r.group === 'metrics.k8s.io').map((r) => [r.name, r.kind, r.namespaced, r.verbs])).toEqual([
      ['nodes', 'NodeMetrics', false, ['get', 'list']],
      ['pods', 'PodMetrics', true, ['get', 'list']],
    ]);
  });
});
