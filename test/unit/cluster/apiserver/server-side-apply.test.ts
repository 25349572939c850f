/** managedFields on every write, and server-side apply with ownership and conflicts, as kube-apiserver 1.32 does them. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject, ManagedFieldsEntry } from '../../../../src/shared/api/meta.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { CONFIG_MAPS, DEPLOYMENTS, PODS, SERVICES } from '../../../../src/main/cluster/client/resources.js';
import { type TestCluster, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';

let cluster: TestCluster;
let kubectl: ApiClient;

beforeEach(() => {
  cluster = makeCluster({ start: Date.parse('2025-01-01T00:00:00Z') });
  kubectl = cluster.client('kubectl/v1.32.0 (linux/amd64) kubernetes/70d3cc9');
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

const T0 = '2025-01-01T00:00:00Z';

function deployment(fields: { replicas?: number; image?: string } = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      replicas: fields.replicas ?? 1,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: fields.image ?? 'nginx' }] } },
    },
  };
}

function apply(body: unknown, query: { fieldManager?: string; force?: boolean; dryRun?: 'All' } = { fieldManager: 'kubectl' }, name = 'web') {
  return kubectl.patch(DEPLOYMENTS, 'default', name, 'apply', body, { query });
}

function managers(object: KubeObject): Array<Pick<ManagedFieldsEntry, 'manager' | 'operation' | 'subresource'>> {
  return (object.metadata.managedFields ?? []).map((e) => ({ manager: e.manager, operation: e.operation, ...(e.subresource ? { subresource: e.subresource } : {}) }));
}

function fieldsOf(object: KubeObject, manager: string, operation: 'Apply' | 'Update' = 'Update'): unknown {
  return object.metadata.managedFields?.find((e) => e.manager === manager && e.operation === operation)?.fieldsV1;
}

function getDeployment(): KubeObject {
  return expectOk(kubectl.get(DEPLOYMENTS, 'default', 'web'));
}

describe('managedFields of Update operations', () => {
  it('records a create with the scheme defaults as the creator’s fields, as kube-apiserver 1.32 does for kubectl create deployment', () => {
    const created = expectOk(kubectl.create(DEPLOYMENTS, 'default', deployment(), { fieldManager: 'kubectl-create' }));
    expect(created.metadata.managedFields).toEqual([
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'apps/v1',
        time: T0,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:progressDeadlineSeconds': {},
            'f:replicas': {},
            'f:revisionHistoryLimit': {},
            'f:selector': {},
            'f:strategy': { 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} }, 'f:type': {} },
            'f:template': {
              'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
              'f:spec': {
                'f:containers': {
                  'k:{"name":"nginx"}': {
                    '.': {},
                    'f:image': {},
                    'f:imagePullPolicy': {},
                    'f:name': {},
                    'f:resources': {},
                    'f:terminationMessagePath': {},
                    'f:terminationMessagePolicy': {},
                  },
                },
                'f:dnsPolicy': {},
                'f:restartPolicy': {},
                'f:schedulerName': {},
                'f:securityContext': {},
                'f:terminationGracePeriodSeconds': {},
              },
            },
          },
        },
      },
    ]);
  });

  it('gives a Pod’s creator the fields scheme defaulting filled in (dnsPolicy, enableServiceLinks, imagePullPolicy …), as kubectl run’s entry shows', () => {
    const pod = expectOk(
      kubectl.create<KubeObject>(PODS, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } }, { fieldManager: 'kubectl-run' }),
    );
    expect(pod.metadata.managedFields).toEqual([
      {
        manager: 'kubectl-run',
        operation: 'Update',
        apiVersion: 'v1',
        time: '2025-01-01T00:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:spec': {
            'f:containers': {
              'k:{"name":"web"}': { '.': {}, 'f:image': {}, 'f:imagePullPolicy': {}, 'f:name': {}, 'f:resources': {}, 'f:terminationMessagePath': {}, 'f:terminationMessagePolicy': {} },
            },
            'f:dnsPolicy': {},
            'f:enableServiceLinks': {},
            'f:restartPolicy': {},
            'f:schedulerName': {},
            'f:securityContext': {},
            'f:terminationGracePeriodSeconds': {},
          },
        },
      },
    ]);
  });

  it('names the manager after the User-Agent’s product when no fieldManager is sent', () => {
    const created = expectOk(kubectl.create(CONFIG_MAPS, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } }));
    expect(created.metadata.managedFields).toEqual([
      { manager: 'kubectl', operation: 'Update', apiVersion: 'v1', time: T0, fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { '.': {}, 'f:a': {} } } },
    ]);
  });

  it('records a Service’s ports by port and protocol and its selector as one atomic field, as for kubectl expose', () => {
    const created = expectOk(
      kubectl.create(SERVICES, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort: 8080 }], selector: { app: 'web' } } }, { fieldManager: 'kubectl-expose' }),
    );
    expect(fieldsOf(created, 'kubectl-expose')).toEqual({
      'f:spec': {
        'f:internalTrafficPolicy': {},
        'f:ports': { '.': {}, 'k:{"port":80,"protocol":"TCP"}': { '.': {}, 'f:port': {}, 'f:protocol': {}, 'f:targetPort': {} } },
        'f:selector': {},
        'f:sessionAffinity': {},
        'f:type': {},
      },
    });
  });

  it('moves a changed field from its owner to the updater, and keeps one entry per manager', () => {
    expectOk(kubectl.create(DEPLOYMENTS, 'default', deployment(), { fieldManager: 'kubectl-create' }));
    cluster.clock.advance(60_000);
    const live = getDeployment();
    (live.spec as { replicas: number }).replicas = 3;
    const updated = expectOk(kubectl.update(DEPLOYMENTS, 'default', live, { fieldManager: 'kubectl-edit' }));
    expect(managers(updated)).toEqual([
      { manager: 'kubectl-create', operation: 'Update' },
      { manager: 'kubectl-edit', operation: 'Update' },
    ]);
    expect(fieldsOf(updated, 'kubectl-edit')).toEqual({ 'f:spec': { 'f:replicas': {} } });
    expect((fieldsOf(updated, 'kubectl-create') as { 'f:spec': Record<string, unknown> })['f:spec']['f:replicas']).toBeUndefined();
    expect(updated.metadata.managedFields?.[1]?.time).toBe('2025-01-01T00:01:00Z');
  });

  it('records a /status write under subresource status, and a no-op update changes nothing', () => {
    expectOk(kubectl.create(DEPLOYMENTS, 'default', deployment(), { fieldManager: 'kubectl-create' }));
    const controller = cluster.client('kube-controller-manager/v1.32.0');
    const live = getDeployment();
    live.status = { replicas: 1, observedGeneration: 1 };
    const updated = expectOk(controller.updateStatus(DEPLOYMENTS, 'default', live));
    const status = updated.metadata.managedFields?.find((e) => e.manager === 'kube-controller-manager');
    expect(status).toEqual({
      manager: 'kube-controller-manager',
      operation: 'Update',
      apiVersion: 'apps/v1',
      time: T0,
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:status': { 'f:observedGeneration': {}, 'f:replicas': {} } },
      subresource: 'status',
    });
    const revision = cluster.revision();
    expectOk(kubectl.update(DEPLOYMENTS, 'default', getDeployment(), { fieldManager: 'kubectl-edit' }));
    expect(cluster.revision()).toBe(revision);
  });

  it('records kubectl scale under subresource scale', () => {
    expectOk(kubectl.create(DEPLOYMENTS, 'default', deployment(), { fieldManager: 'kubectl-create' }));
    const scaled = expectOk(kubectl.patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { replicas: 4 } }, { subresource: 'scale' }));
    expect(scaled).toMatchObject({ kind: 'Scale' });
    expect(getDeployment().metadata.managedFields?.find((e) => e.manager === 'kubectl')).toMatchObject({ subresource: 'scale', fieldsV1: { 'f:spec': { 'f:replicas': {} } } });
  });

  it('clears every entry when a client replaces managedFields with [{}]', () => {
    expectOk(kubectl.create(DEPLOYMENTS, 'default', deployment(), { fieldManager: 'kubectl-create' }));
    const cleared = expectOk(kubectl.patch(DEPLOYMENTS, 'default', 'web', 'json', [{ op: 'replace', path: '/metadata/managedFields', value: [{}] }]));
    expect(cleared.metadata.managedFields).toBeUndefined();
  });

  it('keeps the stored entries when an update sends none', () => {
    expectOk(kubectl.create(DEPLOYMENTS, 'default', deployment(), { fieldManager: 'kubectl-create' }));
    const live = getDeployment();
    delete live.metadata.managedFields;
    live.metadata.labels = { app: 'web', tier: 'front' };
    const updated = expectOk(kubectl.update(DEPLOYMENTS, 'default', live, { fieldManager: 'kubectl-label' }));
    expect(managers(updated)).toEqual([
      { manager: 'kubectl-create', operation: 'Update' },
      { manager: 'kubectl-label', operation: 'Update' },
    ]);
    expect(fieldsOf(updated, 'kubectl-label')).toEqual({ 'f:metadata': { 'f:labels': { 'f:tier': {} } } });
  });
});

describe('server-side apply', () => {
  it('requires a field manager with kube-apiserver’s 422', () => {
    const status = expectStatus(apply(deployment(), {}));
    expect(status).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      details: { group: 'meta.k8s.io', kind: 'PatchOptions', causes: [{ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' }] },
    });
  });

  it('refuses force on a non-apply patch', () => {
    expectOk(kubectl.create(DEPLOYMENTS, 'default', deployment()));
    const status = expectStatus(kubectl.patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { replicas: 2 } }, { query: { force: true } }));
    expect(status.message).toBe('PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch');
  });

  it.each<[string, unknown, string]>([
    ['without an apiVersion', { kind: 'Deployment', metadata: { name: 'web' } }, 'Incorrect version specified in apply patch. Specified patch version: , expected: apps/v1'],
    ['with managedFields', { ...deployment(), metadata: { name: 'web', managedFields: [] } }, 'metadata.managedFields must be nil'],
    ['naming another object', { ...deployment(), metadata: { name: 'other' } }, 'the name of the object (other) does not match the name on the URL (web)'],
  ])('refuses a body %s with a 400', (_name, body, message) => {
    const status = expectStatus(apply(body));
    expect(status).toMatchObject({ code: 400, reason: 'BadRequest', message });
  });

  it('creates a missing object (201) and owns only the fields it applied', () => {
    const result = apply(deployment());
    expect(result.ok && result.code).toBe(201);
    const created = getDeployment();
    expect((created.spec as { strategy: { type: string } }).strategy.type).toBe('RollingUpdate');
    expect(created.metadata.managedFields).toEqual([
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        time: T0,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:selector': {},
            'f:template': {
              'f:metadata': { 'f:labels': { 'f:app': {} } },
              'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
            },
          },
        },
      },
    ]);
  });

  it('updates the live object (200) and leaves the other fields alone: the defaulted imagePullPolicy stays Always', () => {
    expectOk(apply(deployment()));
    const result = apply(deployment({ image: 'nginx:1.27' }));
    expect(result.ok && result.code).toBe(200);
    const live = getDeployment() as KubeObject & { spec: { template: { spec: { containers: Array<{ image: string; imagePullPolicy: string }> } } } };
    expect(live.spec.template.spec.containers[0]).toMatchObject({ image: 'nginx:1.27', imagePullPolicy: 'Always' });
    expect(live.metadata.generation).toBe(2);
  });

  it('conflicts with kubectl scale’s ownership of replicas, in kube-apiserver’s words', () => {
    expectOk(apply(deployment()));
    expectOk(kubectl.patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { replicas: 5 } }, { query: { fieldManager: 'kubectl-edit' } }));
    const status = expectStatus(apply(deployment({ replicas: 2 })));
    expect(status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.replicas',
      reason: 'Conflict',
      details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-edit" using apps/v1', field: '.spec.replicas' }] },
      code: 409,
    });
  });

  it('names the scale subresource in a conflict with kubectl scale', () => {
    expectOk(apply(deployment()));
    expectOk(kubectl.patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { replicas: 4 } }, { subresource: 'scale' }));
    expect(expectStatus(apply(deployment({ replicas: 2 }))).message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas',
    );
  });

  it('lists several conflicts by manager', () => {
    expectOk(kubectl.create(DEPLOYMENTS, 'default', deployment(), { fieldManager: 'kubectl-client-side-apply' }));
    const status = expectStatus(apply(deployment({ replicas: 2, image: 'nginx:1.27' })));
    expect(status.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image',
    );
    expect(status.details?.causes?.map((c) => c.field)).toEqual(['.spec.replicas', '.spec.template.spec.containers[name="nginx"].image']);
  });

  it('does not conflict when the applied value equals the live one: both own it', () => {
    expectOk(kubectl.create(DEPLOYMENTS, 'default', deployment({ replicas: 2 }), { fieldManager: 'kubectl-create' }));
    expectOk(apply(deployment({ replicas: 2 })));
    const live = getDeployment();
    expect((fieldsOf(live, 'kubectl', 'Apply') as { 'f:spec': Record<string, unknown> })['f:spec']['f:replicas']).toEqual({});
    expect((fieldsOf(live, 'kubectl-create') as { 'f:spec': Record<string, unknown> })['f:spec']['f:replicas']).toEqual({});
  });

  it('lets manager "kubectl" take over client-side-applied fields whose live values match last-applied, and keeps the annotation current', () => {
    const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
    const csa = deployment();
    csa.metadata.annotations = { [LAST_APPLIED]: JSON.stringify(deployment()) + '\n' };
    expectOk(kubectl.create(DEPLOYMENTS, 'default', csa, { fieldManager: 'kubectl-client-side-apply' }));
    expect(expectStatus(apply(deployment({ replicas: 2 }), { fieldManager: 'ci' })).message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
    );
    const applied = expectOk(apply(deployment({ replicas: 2 })));
    expect((applied.spec as { replicas: number }).replicas).toBe(2);
    expect(applied.metadata.annotations?.[LAST_APPLIED]).toBe(
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"labels":{"app":"web"},"name":"web"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx","name":"nginx"}]}}}}\n',
    );
  });

  it('still conflicts for "kubectl" when the live value has moved away from last-applied', () => {
    const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
    const csa = deployment();
    csa.metadata.annotations = { [LAST_APPLIED]: JSON.stringify(deployment()) + '\n' };
    expectOk(kubectl.create(DEPLOYMENTS, 'default', csa, { fieldManager: 'kubectl-client-side-apply' }));
    expectOk(kubectl.patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { replicas: 5 } }, { query: { fieldManager: 'kubectl-client-side-apply' } }));
    expect(expectStatus(apply(deployment({ replicas: 2 }))).message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
    );
  });

  it('takes ownership with force', () => {
    expectOk(apply(deployment()));
    expectOk(kubectl.patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { replicas: 5 } }, { query: { fieldManager: 'kubectl-edit' } }));
    const forced = expectOk(apply(deployment({ replicas: 2 }), { fieldManager: 'kubectl', force: true }));
    expect((forced.spec as { replicas: number }).replicas).toBe(2);
    expect(managers(forced)).toEqual([{ manager: 'kubectl', operation: 'Apply' }]);
  });

  it('removes a field the applier owned alone and no longer applies', () => {
    const withEnv = deployment();
    const container = { name: 'nginx', image: 'nginx', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] };
    (withEnv.spec as { template: { spec: { containers: unknown[] } } }).template.spec.containers = [container];
    expectOk(apply(withEnv));
    container.env = [{ name: 'B', value: '2' }];
    expectOk(apply(withEnv));
    const live = getDeployment() as KubeObject & { spec: { template: { spec: { containers: Array<{ env: unknown[] }> } } } };
    expect(live.spec.template.spec.containers[0]?.env).toEqual([{ name: 'B', value: '2' }]);
  });

  it('keeps a field another manager also owns when the applier drops it', () => {
    const labelled = deployment();
    labelled.metadata.labels = { app: 'web', tier: 'front' };
    expectOk(apply(labelled));
    expectOk(apply(labelled, { fieldManager: 'other' }));
    expectOk(apply(deployment()));
    expect(getDeployment().metadata.labels).toEqual({ app: 'web', tier: 'front' });
  });

  it('merges associative lists by key: another applier’s container stays', () => {
    expectOk(apply(deployment()));
    const sidecar = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'busybox' }] } } },
    };
    expectOk(apply(sidecar, { fieldManager: 'mesh' }));
    const live = getDeployment() as KubeObject & { spec: { template: { spec: { containers: Array<{ name: string }> } } } };
    expect(live.spec.template.spec.containers.map((c) => c.name)).toEqual(['nginx', 'sidecar']);
  });

  it('applies to a Pod and a ConfigMap too', () => {
    const pod = kubectl.patch(PODS, 'default', 'p', 'apply', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }, { query: { fieldManager: 'kubectl' } });
    expect(pod.ok && pod.code).toBe(201);
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1', b: '2' } };
    expectOk(kubectl.patch(CONFIG_MAPS, 'default', 'c', 'apply', cm, { query: { fieldManager: 'kubectl' } }));
    const updated = expectOk(kubectl.patch(CONFIG_MAPS, 'default', 'c', 'apply', { ...cm, data: { a: '3' } }, { query: { fieldManager: 'kubectl' } }));
    expect(updated.data).toEqual({ a: '3' });
    expect(fieldsOf(updated, 'kubectl', 'Apply')).toEqual({ 'f:data': { 'f:a': {} } });
  });

  it('writes nothing on a dry run', () => {
    const revision = cluster.revision();
    expectOk(apply(deployment(), { fieldManager: 'kubectl', dryRun: 'All' }));
    expect(cluster.revision()).toBe(revision);
  });
});
