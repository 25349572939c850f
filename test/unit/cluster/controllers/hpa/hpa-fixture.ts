/**
 * A test cluster serving metrics.k8s.io from a settable source (each Pod's CPU in millicores), with
 * Pods that a Deployment's selector picks — Running and Ready long enough for their CPU samples to
 * count — so the HPA's arithmetic can be driven exactly.
 */
import type { HorizontalPodAutoscaler } from '../../../../../src/shared/api/autoscaling.js';
import type { CoreEvent, Pod } from '../../../../../src/shared/api/core.js';
import { rfc3339 } from '../../../../../src/main/base/duration.js';
import { VIRTUAL_EPOCH } from '../../../../../src/main/base/clock.js';
import { builtinResources } from '../../../../../src/main/cluster/apiserver/registry/index.js';
import { metricsResources } from '../../../../../src/main/cluster/apiserver/registry/metrics-v1beta1.js';
import { DEPLOYMENTS, EVENTS, HORIZONTAL_POD_AUTOSCALERS, PODS } from '../../../../../src/main/cluster/client/resources.js';
import type { MetricsSource, PodUsage } from '../../../../../src/main/cluster/metrics/metrics-source.js';
import { METRIC_RESOLUTION_MS } from '../../../../../src/main/cluster/metrics/simulated-usage.js';
import { type TestCluster, expectOk, makeCluster, podManifest } from '../../../helpers/cluster.js';
import { deploymentManifest } from '../../../helpers/workloads.js';
import type { Deployment } from '../../../../../src/shared/api/apps.js';

/** An hour after the epoch: Pods started at the epoch are past the CPU initialization period. */
export const START = VIRTUAL_EPOCH + 60 * 60 * 1000;

/** Usage by Pod name, millicores; a Pod not in the map has no metrics yet. */
export class FakeUsage implements MetricsSource {
  readonly cpu = new Map<string, number>();
  constructor(private readonly now: () => number) {}
  nodeUsage(): undefined {
    return undefined;
  }
  podUsage(_namespace: string, name: string): PodUsage | undefined {
    const cpu = this.cpu.get(name);
    if (cpu === undefined) return undefined;
    const scrape = Math.floor(this.now() / METRIC_RESOLUTION_MS) * METRIC_RESOLUTION_MS;
    return { timestamp: rfc3339(scrape), window: '15s', containers: [{ name: 'app', usage: { cpu: `${cpu * 1_000_000}n`, memory: '10240Ki' } }] };
  }
}

export interface HpaCluster {
  cluster: TestCluster;
  usage: FakeUsage;
}

export function makeHpaCluster(): HpaCluster {
  let now = (): number => START;
  const usage = new FakeUsage(() => now());
  const cluster = makeCluster({ start: START, resources: [...builtinResources, ...metricsResources(usage)] });
  now = () => cluster.clock.now();
  return { cluster, usage };
}

export function createDeployment(cluster: TestCluster, name: string, replicas: number): Deployment {
  const manifest = deploymentManifest(name, { replicas });
  manifest.spec.template.spec.containers = [{ name: 'app', image: 'nginx:1.25', resources: { requests: { cpu: '100m' } } }];
  return expectOk(cluster.client().create<Deployment>(DEPLOYMENTS, 'default', manifest));
}

/** A Running Pod of the Deployment `app`, Ready since the epoch (or Pending). */
export function runningPod(cluster: TestCluster, name: string, app: string, options: { phase?: 'Running' | 'Pending' } = {}): Pod {
  const client = cluster.client();
  const manifest = podManifest(name, { labels: { app }, cpu: '100m', nodeName: 'node01' });
  manifest.spec.containers[0]!.name = 'app';
  const created = expectOk(client.create<Pod>(PODS, 'default', manifest));
  const epoch = rfc3339(VIRTUAL_EPOCH);
  const running = (options.phase ?? 'Running') === 'Running';
  return expectOk(
    client.updateStatus<Pod>(PODS, 'default', {
      ...created,
      status: {
        phase: options.phase ?? 'Running',
        ...(running ? { startTime: epoch } : {}),
        conditions: [{ type: 'Ready', status: running ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: epoch }],
      },
    }),
  );
}

export function createHpa(cluster: TestCluster, name: string, spec: Partial<HorizontalPodAutoscaler['spec']> = {}): HorizontalPodAutoscaler {
  return expectOk(
    cluster.client().create<HorizontalPodAutoscaler>(HORIZONTAL_POD_AUTOSCALERS, 'default', {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
        minReplicas: 1,
        maxReplicas: 10,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
        ...spec,
      },
    }),
  );
}

export function hpaStatus(cluster: TestCluster, name: string): HorizontalPodAutoscaler['status'] {
  return expectOk(cluster.client().get<HorizontalPodAutoscaler>(HORIZONTAL_POD_AUTOSCALERS, 'default', name)).status;
}

export function replicasOf(cluster: TestCluster, name: string): number | undefined {
  return expectOk(cluster.client().get<Deployment>(DEPLOYMENTS, 'default', name)).spec.replicas;
}

export function hpaEvents(cluster: TestCluster): string[] {
  return expectOk(cluster.client().list<CoreEvent>(EVENTS, 'default'))
    .items.filter((e) => e.involvedObject.kind === 'HorizontalPodAutoscaler')
    .map((e) => `${e.type ?? ''} ${e.reason ?? ''}: ${e.message ?? ''}`);
}
