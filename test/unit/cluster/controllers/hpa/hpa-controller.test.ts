import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rfc3339 } from '../../../../../src/main/base/duration.js';
import { HPA_SYNC_PERIOD_MS, HorizontalPodAutoscalerController } from '../../../../../src/main/cluster/controllers/hpa/hpa-controller.js';
import type { TestCluster } from '../../../helpers/cluster.js';
import { type FakeUsage, START, createDeployment, createHpa, hpaEvents, hpaStatus, makeHpaCluster, replicasOf, runningPod } from './hpa-fixture.js';

let cluster: TestCluster;
let usage: FakeUsage;

beforeEach(() => {
  ({ cluster, usage } = makeHpaCluster());
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function start(): HorizontalPodAutoscalerController {
  const controller = cluster.disposables.add(new HorizontalPodAutoscalerController(cluster.client('kube-controller-manager'), cluster.clock));
  controller.start();
  return controller;
}

/** Advance to just after the n-th sync of an HPA created at START. */
function toSync(n: number): void {
  cluster.clock.advance(START + n * HPA_SYNC_PERIOD_MS - cluster.clock.now());
  cluster.settle();
}

function web(replicas: number, cpu: number[]): void {
  createDeployment(cluster, 'web', replicas);
  cpu.forEach((milli, i) => {
    runningPod(cluster, `web-${i}`, 'web');
    usage.cpu.set(`web-${i}`, milli);
  });
}

describe('HorizontalPodAutoscalerController', () => {
  it('waits one sync period (15s), then scales up by the utilization ratio and reports it as Kubernetes does', () => {
    web(2, [90, 90]);
    createHpa(cluster, 'web');
    start();
    cluster.clock.advance(HPA_SYNC_PERIOD_MS - 1);
    expect(replicasOf(cluster, 'web')).toBe(2);
    expect(hpaStatus(cluster, 'web')?.conditions).toBeUndefined();
    toSync(1);
    expect(replicasOf(cluster, 'web')).toBe(4);
    const at = rfc3339(START + HPA_SYNC_PERIOD_MS);
    expect(hpaStatus(cluster, 'web')).toEqual({
      lastScaleTime: at,
      currentReplicas: 2,
      desiredReplicas: 4,
      currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 90, averageValue: '90m' } } }],
      conditions: [
        { type: 'AbleToScale', status: 'True', lastTransitionTime: at, reason: 'SucceededRescale', message: 'the HPA controller was able to update the target scale to 4' },
        { type: 'ScalingActive', status: 'True', lastTransitionTime: at, reason: 'ValidMetricFound', message: 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)' },
        { type: 'ScalingLimited', status: 'False', lastTransitionTime: at, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' },
      ],
    });
    expect(hpaEvents(cluster)).toEqual(['Normal SuccessfulRescale: New size: 4; reason: cpu resource utilization (percentage of request) above target']);
  });

  it('settles: once the target matches, a further sync writes nothing', () => {
    web(2, [90, 90]);
    createHpa(cluster, 'web');
    start();
    toSync(2);
    // Still 2 Pods, now 4 replicas: ceil(1.8 × 2 ready Pods) = 4, the current size.
    expect(hpaStatus(cluster, 'web')).toMatchObject({ currentReplicas: 4, desiredReplicas: 4 });
    expect(hpaStatus(cluster, 'web')?.conditions?.[0]).toMatchObject({ reason: 'ReadyForNewScale', message: 'recommended size matches current size' });
    const revision = cluster.revision();
    toSync(3);
    expect(cluster.revision()).toBe(revision);
  });

  it('keeps usage within the 10% tolerance at the current size (54% of a 50% target)', () => {
    web(3, [54, 54, 54]);
    createHpa(cluster, 'web');
    start();
    toSync(1);
    expect(replicasOf(cluster, 'web')).toBe(3);
    expect(hpaStatus(cluster, 'web')).toMatchObject({ currentReplicas: 3, desiredReplicas: 3 });
    expect(hpaStatus(cluster, 'web')).not.toHaveProperty('lastScaleTime');
  });

  it('at exactly 55% of a 50% target the float ratio (1.1000000000000000888) is outside the tolerance, as in Go: it scales', () => {
    web(3, [55, 55, 55]);
    createHpa(cluster, 'web');
    start();
    toSync(1);
    expect(replicasOf(cluster, 'web')).toBe(4);
  });

  it('holds a scale-down for the 5-minute stabilization window (ScaleDownStabilized), then scales down', () => {
    web(4, [10, 10, 10, 10]);
    createHpa(cluster, 'web');
    start();
    toSync(1);
    expect(replicasOf(cluster, 'web')).toBe(4);
    expect(hpaStatus(cluster, 'web')?.conditions?.[0]).toMatchObject({
      type: 'AbleToScale',
      status: 'True',
      reason: 'ScaleDownStabilized',
      message: 'recent recommendations were higher than current one, applying the highest recent recommendation',
    });
    toSync(21); // 315s: the first recommendation (4, at 15s) is exactly at the cutoff, still counted
    expect(replicasOf(cluster, 'web')).toBe(4);
    toSync(22);
    expect(replicasOf(cluster, 'web')).toBe(1);
    expect(hpaEvents(cluster)).toEqual(['Normal SuccessfulRescale: New size: 1; reason: All metrics below target']);
  });

  it('an averageValue target scales by raw usage and reports it as averageValue', () => {
    web(2, [200, 200]);
    createHpa(cluster, 'web', { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: '100m' } } }] });
    start();
    toSync(1);
    expect(replicasOf(cluster, 'web')).toBe(4);
    expect(hpaStatus(cluster, 'web')?.currentMetrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', current: { averageValue: '200m' } } }]);
    expect(hpaEvents(cluster)).toEqual(['Normal SuccessfulRescale: New size: 4; reason: cpu resource above target']);
  });

  it('limits a scale-up to the behavior policy and says so (ScalingLimited ScaleUpLimit)', () => {
    web(2, [100, 100]);
    createHpa(cluster, 'web', { behavior: { scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } } });
    start();
    toSync(1);
    expect(replicasOf(cluster, 'web')).toBe(3);
    expect(hpaStatus(cluster, 'web')?.conditions?.[2]).toMatchObject({
      type: 'ScalingLimited',
      status: 'True',
      reason: 'ScaleUpLimit',
      message: 'the desired replica count is increasing faster than the maximum scale rate',
    });
    // Within the 60s period the one Pod already added uses up the policy.
    toSync(2);
    expect(replicasOf(cluster, 'web')).toBe(3);
    toSync(5);
    expect(replicasOf(cluster, 'web')).toBe(4);
  });

  it('without metrics: FailedGetResourceMetric, FailedComputeMetricsReplicas and ScalingActive False, no scaling', () => {
    web(2, []);
    runningPod(cluster, 'web-0', 'web');
    createHpa(cluster, 'web');
    start();
    toSync(1);
    expect(replicasOf(cluster, 'web')).toBe(2);
    const inner = 'failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API';
    expect(hpaEvents(cluster)).toEqual([
      `Warning FailedGetResourceMetric: ${inner}`,
      `Warning FailedComputeMetricsReplicas: invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${inner}`,
    ]);
    const status = hpaStatus(cluster, 'web');
    expect(status).toMatchObject({ currentReplicas: 2, desiredReplicas: 0, currentMetrics: [{ type: '' }] });
    expect(status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale"],
      ['ScalingActive', 'False', 'FailedGetResourceMetric', `the HPA was unable to compute the replica count: ${inner}`],
    ]);
  });

  it('a missing target: FailedGetScale with the API error', () => {
    createHpa(cluster, 'web');
    start();
    toSync(1);
    expect(hpaEvents(cluster)).toEqual(['Warning FailedGetScale: deployments.apps "web" not found']);
    expect(hpaStatus(cluster, 'web')?.conditions).toEqual([
      {
        type: 'AbleToScale',
        status: 'False',
        lastTransitionTime: rfc3339(START + HPA_SYNC_PERIOD_MS),
        reason: 'FailedGetScale',
        message: 'the HPA controller was unable to get the target\'s current scale: deployments.apps "web" not found',
      },
    ]);
  });

  it('brings a target above maxReplicas down to it', () => {
    web(12, [50]);
    createHpa(cluster, 'web');
    start();
    toSync(1);
    expect(replicasOf(cluster, 'web')).toBe(10);
    expect(hpaEvents(cluster)).toEqual(['Normal SuccessfulRescale: New size: 10; reason: Current number of replicas above Spec.MaxReplicas']);
  });

  it('a target scaled to zero disables scaling (ScalingDisabled)', () => {
    web(0, []);
    createHpa(cluster, 'web');
    start();
    toSync(1);
    expect(hpaStatus(cluster, 'web')?.conditions?.[1]).toMatchObject({
      type: 'ScalingActive',
      status: 'False',
      reason: 'ScalingDisabled',
      message: 'scaling is disabled since the replica count of the target is zero',
    });
    expect(replicasOf(cluster, 'web')).toBe(0);
    expect(hpaEvents(cluster)).toEqual([]);
  });

  it('a restarted controller converges to the same state without writing', () => {
    web(2, [90, 90]);
    createHpa(cluster, 'web');
    const first = start();
    toSync(2);
    first.dispose();
    const revision = cluster.revision();
    start();
    toSync(4);
    expect(cluster.revision()).toBe(revision);
  });
});

describe('HorizontalPodAutoscalerController, other metric types', () => {
  it('a ContainerResource metric scales by that container alone and reports ContainerResource status', () => {
    web(2, [90, 90]);
    createHpa(cluster, 'web', { metrics: [{ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', target: { type: 'Utilization', averageUtilization: 50 } } }] });
    start();
    toSync(1);
    expect(replicasOf(cluster, 'web')).toBe(4);
    expect(hpaStatus(cluster, 'web')?.currentMetrics).toEqual([
      { type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', current: { averageUtilization: 90, averageValue: '90m' } } },
    ]);
    expect(hpaEvents(cluster)).toEqual(['Normal SuccessfulRescale: New size: 4; reason: cpu container resource utilization (percentage of request) above target']);
  });

  it('a ContainerResource metric naming a container the Pods lack fails with the metrics client error', () => {
    web(2, [90, 90]);
    createHpa(cluster, 'web', { metrics: [{ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'sidecar', target: { type: 'Utilization', averageUtilization: 50 } } }] });
    start();
    toSync(1);
    expect(hpaEvents(cluster)[0]).toBe(
      'Warning FailedGetContainerResourceMetric: failed to get cpu utilization: unable to get metrics for resource cpu: failed to get container metrics: container sidecar not present in metrics for pod default/web-0',
    );
    expect(hpaStatus(cluster, 'web')?.conditions?.[1]).toMatchObject({ type: 'ScalingActive', status: 'False', reason: 'FailedGetContainerResourceMetric' });
  });

  it('a Pods metric fails without a custom metrics adapter, and a working Resource metric still scales up', () => {
    web(2, [90, 90]);
    createHpa(cluster, 'web', {
      metrics: [
        { type: 'Pods', pods: { metric: { name: 'requests_per_second' }, target: { type: 'AverageValue', averageValue: '10' } } },
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } },
      ],
    });
    start();
    toSync(1);
    expect(hpaEvents(cluster)).toEqual([
      'Warning FailedGetPodsMetric: unable to get metric requests_per_second: unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered',
      'Normal SuccessfulRescale: New size: 4; reason: cpu resource utilization (percentage of request) above target',
    ]);
    expect(hpaStatus(cluster, 'web')?.currentMetrics?.[0]).toEqual({ type: '' });
  });
});
