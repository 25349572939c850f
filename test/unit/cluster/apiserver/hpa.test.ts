/** HorizontalPodAutoscalers: v2 defaults and validation, the status reset, the printer, and the v1 view of the same objects. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerV1, MetricSpec } from '../../../../src/shared/api/autoscaling.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { HORIZONTAL_POD_AUTOSCALERS, HORIZONTAL_POD_AUTOSCALERS_V1 } from '../../../../src/main/cluster/client/resources.js';
import { builtinResources } from '../../../../src/main/cluster/apiserver/registry/index.js';
import { formatHpaTargets } from '../../../../src/main/cluster/apiserver/registry/hpa.js';
import { type TestCluster, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';

let cluster: TestCluster;
let client: ApiClient;

beforeEach(() => {
  cluster = makeCluster({ resources: builtinResources });
  client = cluster.client('kubectl');
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function hpa(name: string, spec: Partial<HorizontalPodAutoscaler['spec']> = {}): HorizontalPodAutoscaler {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5, ...spec },
  };
}

const cpu = (averageUtilization: number): MetricSpec => ({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization } } });

describe('HorizontalPodAutoscaler autoscaling/v2', () => {
  it('defaults minReplicas to 1 and the metrics to 80% CPU, leaves behavior unset, and starts with an empty status', () => {
    const created = expectOk(client.create<HorizontalPodAutoscaler>(HORIZONTAL_POD_AUTOSCALERS, 'default', { ...hpa('web'), status: { desiredReplicas: 7 } }));
    expect(created.spec.minReplicas).toBe(1);
    expect(created.spec.metrics).toEqual([cpu(80)]);
    expect(created.spec.behavior).toBeUndefined();
    expect(created.status).toEqual({ currentMetrics: null, desiredReplicas: 0 });
    expect(cluster.store.range('/registry/horizontalpodautoscalers/default/web').kvs).toHaveLength(1);
  });

  it('fills in every unset scaling rule once a behavior is given, as SetDefaults_HorizontalPodAutoscalerBehavior does', () => {
    const created = expectOk(
      client.create<HorizontalPodAutoscaler>(HORIZONTAL_POD_AUTOSCALERS, 'default', hpa('web', { behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } })),
    );
    expect(created.spec.behavior).toEqual({
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Max',
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 15 },
          { type: 'Percent', value: 100, periodSeconds: 15 },
        ],
      },
      scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    });
  });

  it.each<[string, Partial<HorizontalPodAutoscaler['spec']>, string]>([
    [
      'maxReplicas 0 (below the defaulted minReplicas too)',
      { maxReplicas: 0 },
      '[spec.maxReplicas: Invalid value: 0: must be greater than 0, spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`]',
    ],
    [
      'minReplicas above maxReplicas',
      { minReplicas: 6, maxReplicas: 5 },
      'spec.maxReplicas: Invalid value: 5: must be greater than or equal to `minReplicas`',
    ],
    ['minReplicas 0', { minReplicas: 0 }, '[spec.minReplicas: Invalid value: 0: must be greater than or equal to 1, spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas]'],
    ['a scale target without kind and name', { scaleTargetRef: { kind: '', name: '' } }, '[spec.scaleTargetRef.kind: Required value, spec.scaleTargetRef.name: Required value]'],
    ['a scale target name with a slash', { scaleTargetRef: { kind: 'Deployment', name: 'a/b' } }, `spec.scaleTargetRef.name: Invalid value: "a/b": may not contain '/'`],
    ['a utilization of 0', { metrics: [cpu(0)] }, 'spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0'],
    [
      'a Resource metric without its source',
      { metrics: [{ type: 'Resource' }] },
      'spec.metrics[0].resource: Required value: must populate information for the given metric source',
    ],
    [
      'an unknown metric type',
      { metrics: [{ type: 'Cpu' }] },
      '[spec.metrics[0].type: Unsupported value: "Cpu": supported values: "ContainerResource", "External", "Object", "Pods", "Resource", spec.metrics[0].type: Unsupported value: "Cpu": supported values: "ContainerResource", "External", "Object", "Pods", "Resource"]',
    ],
    [
      'a policy of period 0',
      { behavior: { scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 0 }] } } },
      'spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 0: must be greater than zero',
    ],
    [
      'a stabilization window above an hour',
      { behavior: { scaleDown: { stabilizationWindowSeconds: 3601 } } },
      'spec.behavior.scaleDown.stabilizationWindowSeconds: Invalid value: 3601: must be less than or equal to 3600',
    ],
    [
      'an unknown selectPolicy',
      { behavior: { scaleDown: { selectPolicy: 'Avg' } } },
      'spec.behavior.scaleDown.selectPolicy: Unsupported value: "Avg": supported values: "Disabled", "Max", "Min"',
    ],
  ])('refuses %s as kube-apiserver 1.32 does', (_name, spec, detail) => {
    const status = expectStatus(client.create(HORIZONTAL_POD_AUTOSCALERS, 'default', hpa('web', spec)));
    expect(status.message).toBe(`HorizontalPodAutoscaler.autoscaling "web" is invalid: ${detail}`);
  });

  it('keeps status out of the main endpoint and takes it through /status', () => {
    const created = expectOk(client.create<HorizontalPodAutoscaler>(HORIZONTAL_POD_AUTOSCALERS, 'default', hpa('web')));
    const status = { currentReplicas: 2, desiredReplicas: 3, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 30 } } }] };
    const updated = expectOk(client.updateStatus<HorizontalPodAutoscaler>(HORIZONTAL_POD_AUTOSCALERS, 'default', { ...created, status }));
    expect(updated.status).toEqual(status);
    const ignored = expectOk(client.update<HorizontalPodAutoscaler>(HORIZONTAL_POD_AUTOSCALERS, 'default', { ...updated, status: { desiredReplicas: 9 } }));
    expect(ignored.status).toEqual(status);
    const negative = expectStatus(client.updateStatus(HORIZONTAL_POD_AUTOSCALERS, 'default', { ...updated, status: { desiredReplicas: -1 } }));
    expect(negative.message).toBe('HorizontalPodAutoscaler.autoscaling "web" is invalid: status.desiredReplicas: Invalid value: -1: must be greater than or equal to 0');
  });

  it('prints NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE', () => {
    const created = expectOk(client.create<HorizontalPodAutoscaler>(HORIZONTAL_POD_AUTOSCALERS, 'default', hpa('web')));
    expectOk(client.create(HORIZONTAL_POD_AUTOSCALERS, 'default', hpa('api', { minReplicas: 2, metrics: [cpu(50), { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '200Mi' } } }] })));
    expectOk(
      client.updateStatus(HORIZONTAL_POD_AUTOSCALERS, 'default', {
        ...created,
        status: { currentReplicas: 2, desiredReplicas: 2, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 30 } } }] },
      }),
    );
    const table = expectOk(client.listTable(HORIZONTAL_POD_AUTOSCALERS, 'default'));
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Reference', 'Targets', 'MinPods', 'MaxPods', 'Replicas', 'Age']);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['api', 'Deployment/web', 'cpu: <unknown>/50%, memory: <unknown>/200Mi', '2', 5, 0, '0s'],
      ['web', 'Deployment/web', 'cpu: 30%/80%', '1', 5, 2, '0s'],
    ]);
  });

  it.each<[string, MetricSpec[], string]>([
    ['no metrics', [], '<none>'],
    ['three metrics', [cpu(50), cpu(60), cpu(70)], 'cpu: <unknown>/50%, cpu: <unknown>/60% + 1 more...'],
    ['a utilization without a target', [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } }], 'cpu: <unknown>/<auto>'],
    ['a Pods metric (unnamed)', [{ type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '10' } } }], '<unknown>/10'],
    [
      'an External average',
      [{ type: 'External', external: { metric: { name: 'queue' }, target: { type: 'AverageValue', averageValue: '30' } } }],
      '<unknown>/30 (avg)',
    ],
  ])('formats TARGETS for %s', (_name, metrics, text) => {
    expect(formatHpaTargets(metrics, [])).toBe(text);
  });

  it('is served with short name hpa in category all', () => {
    const served = cluster.api.discovery().filter((r) => r.name === 'horizontalpodautoscalers');
    expect(served.map((r) => [r.version, r.shortNames, r.categories, r.subresources])).toEqual([
      ['v2', ['hpa'], ['all'], ['status']],
      ['v1', ['hpa'], ['all'], ['status']],
    ]);
  });
});

describe('HorizontalPodAutoscaler autoscaling/v1', () => {
  it('creates through v1 and reads the same object through v2 (the CPU target as a Resource metric)', () => {
    const v1: HorizontalPodAutoscalerV1 = {
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 4, targetCPUUtilizationPercentage: 60 },
    };
    const created = expectOk(client.create<HorizontalPodAutoscalerV1>(HORIZONTAL_POD_AUTOSCALERS_V1, 'default', v1));
    expect(created.spec).toEqual({ scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 4, targetCPUUtilizationPercentage: 60 });
    expect(created.status).toEqual({ currentReplicas: 0, desiredReplicas: 0 });
    expect(created.metadata.resourceVersion).toBeDefined();
    const v2 = expectOk(client.get<HorizontalPodAutoscaler>(HORIZONTAL_POD_AUTOSCALERS, 'default', 'web'));
    expect(v2.apiVersion).toBe('autoscaling/v2');
    expect(v2.spec.metrics).toEqual([cpu(60)]);
    expect(v2.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
  });

  it('shows a v2 HPA through v1: the default CPU target, other metrics and the behavior in annotations', () => {
    const memory: MetricSpec = { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '200Mi' } } };
    expectOk(client.create(HORIZONTAL_POD_AUTOSCALERS, 'default', hpa('plain')));
    expectOk(client.create(HORIZONTAL_POD_AUTOSCALERS, 'default', hpa('mixed', { metrics: [cpu(50), memory], behavior: { scaleUp: { selectPolicy: 'Min' } } })));
    const plain = expectOk(client.get<HorizontalPodAutoscalerV1>(HORIZONTAL_POD_AUTOSCALERS_V1, 'default', 'plain'));
    expect(plain.spec.targetCPUUtilizationPercentage).toBe(80);
    expect(plain.metadata.annotations).toBeUndefined();
    const mixed = expectOk(client.get<HorizontalPodAutoscalerV1>(HORIZONTAL_POD_AUTOSCALERS_V1, 'default', 'mixed'));
    expect(mixed.spec.targetCPUUtilizationPercentage).toBe(50);
    // v1's hidden metric shapes, and the internal behavior type marshalled with Go's field names.
    expect(mixed.metadata.annotations).toEqual({
      'autoscaling.alpha.kubernetes.io/metrics': '[{"type":"Resource","resource":{"name":"memory","targetAverageValue":"200Mi"}}]',
      'autoscaling.alpha.kubernetes.io/behavior':
        '{"ScaleUp":{"StabilizationWindowSeconds":0,"SelectPolicy":"Min","Policies":[{"Type":"Pods","Value":4,"PeriodSeconds":15},{"Type":"Percent","Value":100,"PeriodSeconds":15}]},"ScaleDown":{"StabilizationWindowSeconds":null,"SelectPolicy":"Max","Policies":[{"Type":"Percent","Value":100,"PeriodSeconds":15}]}}',
    });
    // An update through v1 that keeps the annotations keeps the metric and the behavior.
    expectOk(client.update(HORIZONTAL_POD_AUTOSCALERS_V1, 'default', { ...mixed, spec: { ...mixed.spec, maxReplicas: 8 } }));
    const v2 = expectOk(client.get<HorizontalPodAutoscaler>(HORIZONTAL_POD_AUTOSCALERS, 'default', 'mixed'));
    expect(v2.spec.maxReplicas).toBe(8);
    expect(v2.spec.metrics).toEqual([memory, cpu(50)]);
    expect(v2.spec.behavior?.scaleUp?.selectPolicy).toBe('Min');
    expect(v2.metadata.annotations).toBeUndefined();
  });

  it('keeps every current metric and the conditions in annotations, the CPU utilization in status', () => {
    const created = expectOk(client.create<HorizontalPodAutoscaler>(HORIZONTAL_POD_AUTOSCALERS, 'default', hpa('web')));
    expectOk(
      client.updateStatus(HORIZONTAL_POD_AUTOSCALERS, 'default', {
        ...created,
        status: {
          currentReplicas: 2,
          desiredReplicas: 3,
          currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageValue: '120m', averageUtilization: 60 } } }],
          conditions: [{ type: 'AbleToScale', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'ReadyForNewScale', message: 'recommended size matches current size' }],
        },
      }),
    );
    const v1 = expectOk(client.get<HorizontalPodAutoscalerV1>(HORIZONTAL_POD_AUTOSCALERS_V1, 'default', 'web'));
    expect(v1.status).toEqual({ currentReplicas: 2, desiredReplicas: 3, currentCPUUtilizationPercentage: 60 });
    expect(v1.metadata.annotations).toEqual({
      'autoscaling.alpha.kubernetes.io/current-metrics': '[{"type":"Resource","resource":{"name":"cpu","currentAverageUtilization":60,"currentAverageValue":"120m"}}]',
      'autoscaling.alpha.kubernetes.io/conditions':
        '[{"type":"AbleToScale","status":"True","lastTransitionTime":"2026-01-01T00:00:00Z","reason":"ReadyForNewScale","message":"recommended size matches current size"}]',
    });
    // A v1 status write that keeps the annotations keeps the raw value and the conditions.
    expectOk(client.updateStatus(HORIZONTAL_POD_AUTOSCALERS_V1, 'default', { ...v1, status: { ...v1.status!, desiredReplicas: 4 } }));
    const v2 = expectOk(client.get<HorizontalPodAutoscaler>(HORIZONTAL_POD_AUTOSCALERS, 'default', 'web'));
    expect(v2.status?.desiredReplicas).toBe(4);
    expect(v2.status?.currentMetrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', current: { averageValue: '120m', averageUtilization: 60 } } }]);
    expect(v2.status?.conditions?.map((c) => c.reason)).toEqual(['ReadyForNewScale']);
  });

  it('validates a v1 object with the internal field paths', () => {
    const status = expectStatus(
      client.create(HORIZONTAL_POD_AUTOSCALERS_V1, 'default', {
        apiVersion: 'autoscaling/v1',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'web' },
        spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 3, targetCPUUtilizationPercentage: 0 },
      }),
    );
    expect(status.message).toBe('HorizontalPodAutoscaler.autoscaling "web" is invalid: spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0');
  });
});
