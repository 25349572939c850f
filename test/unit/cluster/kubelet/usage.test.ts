/**
 * metrics-server's numbers from the kubelets' containers: an idle server uses a few millicores and
 * its image's working set, a busy loop its cpu limit, a sleeping script next to nothing; a sample
 * holds for the 15 s scrape interval, a container needs a whole interval of running before it has
 * metrics, and a node is its Pods plus the system's overhead.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Container, Pod } from '../../../../src/shared/api/core.js';
import { parseQuantity } from '../../../../src/main/base/quantity.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { PODS } from '../../../../src/main/cluster/client/resources.js';
import type { Kubelet } from '../../../../src/main/cluster/kubelet/kubelet.js';
import { isBusyLoop } from '../../../../src/main/cluster/kubelet/usage.js';
import { clientWorkloadView } from '../../../../src/main/cluster/metrics/client-workload-view.js';
import { kubeletUsageSource } from '../../../../src/main/cluster/metrics/kubelet-usage.js';
import type { MetricsSource } from '../../../../src/main/cluster/metrics/metrics-source.js';
import { type TestCluster, expectOk, makeCluster } from '../../helpers/cluster.js';
import { startIpam, startKubelet } from '../../helpers/kubelet.js';

let cluster: TestCluster;
let client: ApiClient;
let kubelet: Kubelet;
let metrics: MetricsSource;

function source(seed: string): MetricsSource {
  return kubeletUsageSource(() => [kubelet], { view: clientWorkloadView(() => client), random: cluster.random.fork(seed), now: () => cluster.clock.now() });
}

beforeEach(() => {
  cluster = makeCluster();
  client = cluster.client('kubectl');
  startIpam(cluster);
  kubelet = startKubelet(cluster, 'node01', { preloadedImages: ['busybox:1.36', 'nginx:1.25'] });
  metrics = source('metrics-server');
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function run(name: string, container: Partial<Container>): void {
  expectOk(
    client.create<Pod>(PODS, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name },
      spec: { nodeName: 'node01', containers: [{ name, image: 'busybox:1.36', ...container }] },
    }),
  );
}

function advance(ms: number): void {
  for (let t = 0; t < ms; t += 1_000) {
    cluster.clock.advance(1_000);
    cluster.settle();
  }
}

function cores(cpu: string | undefined): number {
  return parseQuantity(cpu) ?? Number.NaN;
}

describe('kubeletUsageSource', () => {
  it('an idle nginx uses 1–5 millicores and about its 7 MiB working set', () => {
    run('web', { image: 'nginx:1.25' });
    advance(40_000);
    const usage = metrics.podUsage('default', 'web');
    expect(usage?.window).toBe('15s');
    const [container] = usage?.containers ?? [];
    expect(container?.name).toBe('web');
    expect(cores(container?.usage.cpu)).toBeGreaterThanOrEqual(0.001);
    expect(cores(container?.usage.cpu)).toBeLessThanOrEqual(0.005);
    const memory = parseQuantity(container?.usage.memory) ?? 0;
    expect(memory / (7 * 1024 * 1024)).toBeGreaterThan(0.94);
    expect(memory / (7 * 1024 * 1024)).toBeLessThan(1.06);
  });

  it('a busy loop uses its cpu limit; a sleeping script next to nothing', () => {
    run('spin', { command: ['sh', '-c', 'while true; do :; done'], resources: { limits: { cpu: '500m' } } });
    run('nap', { command: ['sh', '-c', 'while true; do sleep 10; done'] });
    advance(40_000);
    const spin = cores(metrics.podUsage('default', 'spin')?.containers[0]?.usage.cpu);
    expect(spin).toBeGreaterThan(0.48);
    expect(spin).toBeLessThanOrEqual(0.5);
    expect(cores(metrics.podUsage('default', 'nap')?.containers[0]?.usage.cpu)).toBeLessThan(0.001);
  });

  it('no metrics until a container has run for a whole 15 s scrape interval', () => {
    run('web', { image: 'nginx:1.25' });
    advance(5_000);
    expect(metrics.podUsage('default', 'web')).toBeUndefined();
    advance(30_000);
    expect(metrics.podUsage('default', 'web')).toBeDefined();
    expect(metrics.podUsage('default', 'ghost')).toBeUndefined();
  });

  it('a sample holds for its scrape and is the same for the same seed; the next scrape draws anew', () => {
    run('web', { image: 'nginx:1.25' });
    advance(40_000);
    const first = metrics.podUsage('default', 'web');
    cluster.clock.advance(1);
    expect(metrics.podUsage('default', 'web')).toEqual(first);
    expect(source('metrics-server').podUsage('default', 'web')).toEqual(first);
    advance(15_000);
    const next = metrics.podUsage('default', 'web');
    expect(next?.timestamp).not.toBe(first?.timestamp);
    expect(next?.containers).not.toEqual(first?.containers);
  });

  it('a node is its Pods plus 50–150m and 300–600 MiB of system overhead', () => {
    run('spin', { command: ['sh', '-c', 'while true; do :; done'], resources: { limits: { cpu: '1' } } });
    advance(40_000);
    const node = metrics.nodeUsage('node01');
    const pod = cores(metrics.podUsage('default', 'spin')?.containers[0]?.usage.cpu);
    const cpu = cores(node?.usage.cpu);
    expect(cpu - pod).toBeGreaterThanOrEqual(0.05);
    expect(cpu - pod).toBeLessThanOrEqual(0.15);
    const memory = parseQuantity(node?.usage.memory) ?? 0;
    expect(memory).toBeGreaterThan(300 * 1024 * 1024);
    expect(memory).toBeLessThan(601 * 1024 * 1024);
    expect(metrics.nodeUsage('node02')).toBeUndefined();
  });

  it('reading metrics writes nothing', () => {
    run('web', { image: 'nginx:1.25' });
    advance(40_000);
    const before = cluster.revision();
    metrics.podUsage('default', 'web');
    metrics.nodeUsage('node01');
    expect(cluster.revision()).toBe(before);
  });
});

describe('isBusyLoop', () => {
  it.each([
    [['sh', '-c', 'while true; do :; done'], true],
    [['sh', '-c', 'while true; do echo hi; sleep 1; done'], false],
    [['yes'], true],
    [['sleep', '3600'], false],
    [['stress', '--cpu', '1'], true],
  ])('%j → %s', (argv, busy) => {
    expect(isBusyLoop(argv)).toBe(busy);
  });
});
