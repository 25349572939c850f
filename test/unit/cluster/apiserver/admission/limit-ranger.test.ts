/** LimitRanger admission: container defaults with their annotation, and min/max/ratio enforcement for Containers, Pods and claims. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../../../../src/shared/api/core.js';
import type { ApiClient } from '../../../../../src/main/cluster/client/api-client.js';
import { LIMIT_RANGES, PERSISTENT_VOLUME_CLAIMS, PODS } from '../../../../../src/main/cluster/client/resources.js';
import type { LimitRange, LimitRangeItem } from '../../../../../src/main/cluster/apiserver/registry/core-v1-policy.js';
import { type TestCluster, expectOk, expectStatus, podManifest } from '../../../helpers/cluster.js';
import { admissionCluster } from './admission-cluster.js';

let cluster: TestCluster;
let client: ApiClient;

beforeEach(() => {
  cluster = admissionCluster();
  client = cluster.client('kubectl');
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function limitRange(name: string, ...limits: LimitRangeItem[]): void {
  expectOk(client.create<LimitRange>(LIMIT_RANGES, 'default', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name }, spec: { limits } }));
}

function pod(name: string, resources: Array<{ requests?: Record<string, string>; limits?: Record<string, string> }>): Pod {
  const manifest = podManifest(name, { containers: resources.length });
  manifest.spec.containers.forEach((c, i) => (c.resources = resources[i]));
  return manifest;
}

describe('LimitRanger defaults', () => {
  it('sets default requests and limits and says so in kubernetes.io/limit-ranger, as kube-apiserver 1.32 does', () => {
    limitRange('defaults', { type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '250m', memory: '128Mi' } });
    const created = expectOk(client.create<Pod>(PODS, 'default', podManifest('nginx')));
    expect(created.spec.containers[0]!.resources).toEqual({ requests: { cpu: '250m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
    expect(created.metadata.annotations?.['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx');
  });

  it('keeps what a container states and names only what it filled in', () => {
    limitRange('defaults', { type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '250m', memory: '128Mi' } });
    const created = expectOk(client.create<Pod>(PODS, 'default', pod('web', [{ requests: { cpu: '100m' }, limits: { cpu: '200m', memory: '200Mi' } }])));
    expect(created.spec.containers[0]!.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '200m', memory: '200Mi' } });
    expect(created.metadata.annotations?.['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: memory request for container web');
  });

  it('takes the default limit from max when none is given (SetDefaults_LimitRangeItem)', () => {
    limitRange('max-only', { type: 'Container', max: { cpu: '1' } });
    const created = expectOk(client.create<Pod>(PODS, 'default', podManifest('nginx')));
    expect(created.spec.containers[0]!.resources).toEqual({ requests: { cpu: '1' }, limits: { cpu: '1' } });
  });

  it('sets nothing and adds no annotation in a namespace without LimitRanges', () => {
    const created = expectOk(client.create<Pod>(PODS, 'default', podManifest('nginx')));
    expect(created.metadata.annotations).toBeUndefined();
  });
});

describe('LimitRanger enforcement', () => {
  it.each<[string, LimitRangeItem[], Pod, string]>([
    ['a container limit over max', [{ type: 'Container', max: { cpu: '500m' } }], pod('x', [{ limits: { cpu: '1' } }]), 'maximum cpu usage per Container is 500m, but limit is 1'],
    ['a container request under min', [{ type: 'Container', min: { memory: '100Mi' } }], pod('x', [{ requests: { memory: '50Mi' } }]), 'minimum memory usage per Container is 100Mi, but request is 50Mi'],
    [
      'a limit to request ratio over the maximum',
      [{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }],
      pod('x', [{ requests: { cpu: '100m' }, limits: { cpu: '400m' } }]),
      'cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000',
    ],
    [
      'a ratio with no limit at all',
      [{ type: 'Container', maxLimitRequestRatio: { memory: '2' } }],
      pod('x', [{ requests: { memory: '64Mi' } }]),
      'memory max limit to request ratio per Container is 2, but no limit is specified or limit is 0',
    ],
    ['a Pod whose containers together exceed max', [{ type: 'Pod', max: { memory: '1Gi' } }], pod('x', [{ limits: { memory: '600Mi' } }, { limits: { memory: '600Mi' } }]), 'maximum memory usage per Pod is 1Gi, but limit is 1200Mi'],
    ['a Pod with no limit under a Pod max', [{ type: 'Pod', max: { cpu: '2' } }], pod('x', [{}]), 'maximum cpu usage per Pod is 2.  No limit is specified'],
    [
      'several violations at once, aggregated',
      [{ type: 'Container', min: { memory: '100Mi' } }, { type: 'Pod', max: { cpu: '1' } }],
      pod('x', [{ requests: { memory: '50Mi', cpu: '2' }, limits: { cpu: '2' } }]),
      '[minimum memory usage per Container is 100Mi, but request is 50Mi, maximum cpu usage per Pod is 1, but limit is 2]',
    ],
  ])('refuses %s with the 1.32 message', (_name, limits, body, why) => {
    limitRange('limits', ...limits);
    const status = expectStatus(client.create(PODS, 'default', body));
    expect(status.code).toBe(403);
    expect(status.reason).toBe('Forbidden');
    expect(status.message).toBe(`pods "x" is forbidden: ${why}`);
  });

  it('admits a Pod within every bound', () => {
    limitRange('limits', { type: 'Container', min: { cpu: '100m' }, max: { cpu: '1' }, maxLimitRequestRatio: { cpu: '4' } });
    expectOk(client.create(PODS, 'default', pod('ok', [{ requests: { cpu: '250m' }, limits: { cpu: '1' } }])));
  });

  it.each([
    ['over max', { type: 'PersistentVolumeClaim', max: { storage: '2Gi' } }, '5Gi', 'maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi'],
    ['under min', { type: 'PersistentVolumeClaim', min: { storage: '1Gi' } }, '500Mi', 'minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi'],
  ])('refuses a claim %s', (_name, item, storage, why) => {
    limitRange('storage', item);
    const claim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } } } };
    expect(expectStatus(client.create(PERSISTENT_VOLUME_CLAIMS, 'default', claim)).message).toBe(`persistentvolumeclaims "data" is forbidden: ${why}`);
  });
});
