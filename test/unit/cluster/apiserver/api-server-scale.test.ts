import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Deployment } from '../../../../src/shared/api/apps.js';
import type { Scale } from '../../../../src/shared/api/autoscaling.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { DAEMON_SETS, DEPLOYMENTS, REPLICA_SETS, type ResourceRef, STATEFUL_SETS } from '../../../../src/main/cluster/client/resources.js';
import { type TestCluster, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';
import { daemonSetManifest, deploymentManifest, replicaSetManifest, statefulSetManifest } from '../../helpers/workloads.js';

let cluster: TestCluster;
let client: ApiClient;

beforeEach(() => {
  cluster = makeCluster();
  client = cluster.client('kubectl');
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function getScale(ref: ResourceRef, name: string) {
  return client.request<Scale>({ verb: 'get', ...ref, namespace: 'default', name, subresource: 'scale' });
}

function putScale(ref: ResourceRef, name: string, body: unknown) {
  return client.request<Scale>({ verb: 'update', ...ref, namespace: 'default', name, subresource: 'scale', body });
}

describe('the scale subresource (autoscaling/v1 Scale)', () => {
  it.each<[string, ResourceRef, () => unknown]>([
    ['deployments', DEPLOYMENTS, () => client.create(DEPLOYMENTS, 'default', deploymentManifest('web', { replicas: 3 }))],
    ['replicasets', REPLICA_SETS, () => client.create(REPLICA_SETS, 'default', replicaSetManifest('web', { replicas: 3 }))],
    ['statefulsets', STATEFUL_SETS, () => client.create(STATEFUL_SETS, 'default', statefulSetManifest('web', { replicas: 3 }))],
  ])('GET %s/scale shows spec.replicas, status.replicas and the selector as a string', (_resource, ref, make) => {
    const created = expectOk(make() as ReturnType<typeof client.create>);
    expect(expectOk(getScale(ref, 'web'))).toEqual({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name: 'web',
        namespace: 'default',
        uid: created.metadata.uid,
        resourceVersion: created.metadata.resourceVersion,
        creationTimestamp: created.metadata.creationTimestamp,
      },
      spec: { replicas: 3 },
      status: { replicas: 0, selector: 'app=web' },
    });
  });

  it('merge-patching the Scale, as kubectl scale does, updates the workload and bumps its generation', () => {
    expectOk(client.create(DEPLOYMENTS, 'default', deploymentManifest('web', { replicas: 3 })));
    const since = cluster.tracer.lastSeq;
    const scale = expectOk(client.patch<Scale>(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { replicas: 5 } }, { subresource: 'scale' }));
    const trace = cluster.tracer.recent(since);
    const deployment = expectOk(client.get<Deployment>(DEPLOYMENTS, 'default', 'web'));
    expect(deployment.spec.replicas).toBe(5);
    expect(deployment.metadata.generation).toBe(2);
    expect(scale.spec).toEqual({ replicas: 5 });
    expect(scale.metadata.resourceVersion).toBe(deployment.metadata.resourceVersion);
    expect(trace).toEqual([
      expect.objectContaining({ from: 'kube-apiserver', to: 'etcd', verb: 'put', key: '/registry/deployments/default/web' }),
      expect.objectContaining({ from: 'kubectl', verb: 'patch', resource: 'deployments', subresource: 'scale', name: 'web', code: 200 }),
    ]);
  });

  it('PUT of a Scale takes its replicas; replicas 0 is left out of the Scale (omitempty)', () => {
    expectOk(client.create(STATEFUL_SETS, 'default', statefulSetManifest('db', { replicas: 2 })));
    const current = expectOk(getScale(STATEFUL_SETS, 'db'));
    const scaled = expectOk(putScale(STATEFUL_SETS, 'db', { ...current, spec: { replicas: 0 } }));
    expect(scaled.spec).toEqual({});
    expect(expectOk(client.get<Deployment>(STATEFUL_SETS, 'default', 'db')).spec.replicas).toBe(0);
  });

  it('refuses a stale resourceVersion with the workload’s Conflict', () => {
    expectOk(client.create(DEPLOYMENTS, 'default', deploymentManifest('web')));
    const stale = expectOk(getScale(DEPLOYMENTS, 'web'));
    expectOk(client.patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { replicas: 2 } }));
    expect(expectStatus(putScale(DEPLOYMENTS, 'web', { ...stale, spec: { replicas: 4 } }))).toMatchObject({
      code: 409,
      message: 'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    });
  });

  it('validates the Scale itself', () => {
    expectOk(client.create(DEPLOYMENTS, 'default', deploymentManifest('web')));
    const status = expectStatus(client.patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { replicas: -1 } }, { subresource: 'scale' }));
    expect(status).toMatchObject({
      code: 422,
      message: 'Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      details: { name: 'web', group: 'autoscaling', kind: 'Scale' },
    });
    expect(expectStatus(client.patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { replicas: 'three' } }, { subresource: 'scale' }))).toMatchObject({
      code: 400,
      message: 'Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal string into Go struct field ScaleSpec.spec.replicas of type int32',
    });
  });

  it('refuses a Scale named differently from the URL', () => {
    expectOk(client.create(DEPLOYMENTS, 'default', deploymentManifest('web')));
    const scale = expectOk(getScale(DEPLOYMENTS, 'web'));
    expect(expectStatus(putScale(DEPLOYMENTS, 'web', { ...scale, metadata: { ...scale.metadata, name: 'api' } }))).toMatchObject({
      code: 400,
      message: 'the name of the object (api) does not match the name on the URL (web)',
    });
  });

  it('checks a uid precondition against the workload', () => {
    expectOk(client.create(DEPLOYMENTS, 'default', deploymentManifest('web')));
    const scale = expectOk(getScale(DEPLOYMENTS, 'web'));
    const status = expectStatus(putScale(DEPLOYMENTS, 'web', { ...scale, metadata: { ...scale.metadata, uid: 'other' } }));
    expect(status.message).toBe(`Operation cannot be fulfilled on deployments/scale.apps "web": Precondition failed: UID in precondition: other, UID in object meta: ${scale.metadata.uid}`);
  });

  it('answers NotFound for a missing workload, and for kinds without a scale subresource', () => {
    expect(expectStatus(getScale(DEPLOYMENTS, 'ghost')).message).toBe('deployments.apps "ghost" not found');
    expectOk(client.create(DAEMON_SETS, 'default', daemonSetManifest('agent')));
    expect(expectStatus(getScale(DAEMON_SETS, 'agent'))).toMatchObject({ code: 404, message: 'the server could not find the requested resource' });
  });

  it('applies a JSON patch to the Scale, and refuses server-side apply (not supported here) with 415', () => {
    expectOk(client.create(DEPLOYMENTS, 'default', deploymentManifest('web')));
    const scale = expectOk(client.patch<Scale>(DEPLOYMENTS, 'default', 'web', 'json', [{ op: 'replace', path: '/spec/replicas', value: 2 }], { subresource: 'scale' }));
    expect(scale.spec.replicas).toBe(2);
    expect(expectStatus(client.patch(DEPLOYMENTS, 'default', 'web', 'apply', { spec: { replicas: 3 } }, { subresource: 'scale' })).code).toBe(415);
  });
});
