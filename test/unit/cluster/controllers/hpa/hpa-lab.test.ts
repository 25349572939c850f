/**
 * The HPA controller inside the whole lab: kube-controller-manager's `horizontal-pod-autoscaler`
 * service account under RBAC, usage from the lab's simulated metrics-server. The seeded usage sits
 * at 20–80% of requests, so against an 80% target the HPA computes a replica count (ScalingActive
 * ValidMetricFound) and never scales above the current size.
 */
import { afterEach, expect, it } from 'vitest';
import type { HorizontalPodAutoscaler } from '../../../../../src/shared/api/autoscaling.js';
import type { Deployment } from '../../../../../src/shared/api/apps.js';
import { DisposableStore } from '../../../../../src/shared/lifecycle.js';
import { DEPLOYMENTS, HORIZONTAL_POD_AUTOSCALERS } from '../../../../../src/main/cluster/client/resources.js';
import { Lab } from '../../../../../src/main/lab/lab.js';
import { expectOk } from '../../../helpers/cluster.js';
import { deploymentManifest } from '../../../helpers/workloads.js';

const disposables = new DisposableStore();
afterEach(() => disposables.dispose());

it('an HPA in the lab reads metrics.k8s.io through RBAC and reports ValidMetricFound', async () => {
  const lab = disposables.add(new Lab({ seed: 1, virtualClock: true }));
  const kubectl = lab.client('kubectl');
  const manifest = deploymentManifest('web', { replicas: 3 });
  manifest.spec.template.spec.containers[0]!.resources = { requests: { cpu: '100m' } };
  expectOk(kubectl.create(DEPLOYMENTS, 'default', manifest));
  expectOk(
    kubectl.create(HORIZONTAL_POD_AUTOSCALERS, 'default', {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 3, maxReplicas: 10 },
    }),
  );
  const active = (): boolean =>
    expectOk(kubectl.get<HorizontalPodAutoscaler>(HORIZONTAL_POD_AUTOSCALERS, 'default', 'web')).status?.conditions?.some((c) => c.type === 'ScalingActive' && c.reason === 'ValidMetricFound') ?? false;
  expect(await lab.waitUntil(active, 10 * 60_000)).toBe(true);
  const hpa = expectOk(kubectl.get<HorizontalPodAutoscaler>(HORIZONTAL_POD_AUTOSCALERS, 'default', 'web'));
  expect(hpa.status?.currentMetrics?.[0]?.resource?.current.averageUtilization).toBeLessThanOrEqual(80);
  expect(hpa.status?.conditions?.find((c) => c.type === 'AbleToScale')?.status).toBe('True');
  expect(expectOk(kubectl.get<Deployment>(DEPLOYMENTS, 'default', 'web')).spec.replicas).toBe(3);
  expect(lab.componentErrors).toEqual([]);
});
