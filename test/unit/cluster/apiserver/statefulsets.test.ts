import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StatefulSet } from '../../../../src/shared/api/apps.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { STATEFUL_SETS } from '../../../../src/main/cluster/client/resources.js';
import { type TestCluster, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';
import { defaultedTemplate, statefulSetManifest } from '../../helpers/workloads.js';

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

function create(manifest: StatefulSet): StatefulSet {
  return expectOk(client.create<StatefulSet>(STATEFUL_SETS, 'default', manifest));
}

function invalidMessage(manifest: StatefulSet): string | undefined {
  return expectStatus(client.create(STATEFUL_SETS, 'default', manifest)).message;
}

describe('StatefulSet defaulting (SetDefaults_StatefulSet)', () => {
  it('fills a minimal manifest as kube-apiserver 1.32 stores it', () => {
    const manifest = statefulSetManifest('db');
    delete manifest.spec.serviceName;
    const created = create(manifest);
    expect(created.spec).toEqual({
      replicas: 1,
      selector: { matchLabels: { app: 'db' } },
      template: defaultedTemplate('db'),
      // No omitempty on serviceName in 1.32.
      serviceName: '',
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    });
    expect(created.status).toEqual({ availableReplicas: 0, replicas: 0 });
    expect(created.metadata.generation).toBe(1);
  });

  it('leaves an explicit RollingUpdate without rollingUpdate, and OnDelete, alone', () => {
    expect(create(statefulSetManifest('a', { updateStrategy: { type: 'RollingUpdate' } })).spec.updateStrategy).toEqual({ type: 'RollingUpdate' });
    expect(create(statefulSetManifest('b', { updateStrategy: { type: 'OnDelete' } })).spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });

  it('types and defaults the volume claim templates', () => {
    const created = create(
      statefulSetManifest('db', { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] }),
    );
    expect(created.spec.volumeClaimTemplates).toEqual([
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'data', creationTimestamp: null },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
        status: { phase: 'Pending' },
      },
    ]);
  });

  it('drops rollingUpdate.maxUnavailable: MaxUnavailableStatefulSet is an alpha gate, off in 1.32', () => {
    expect(create(statefulSetManifest('db', { updateStrategy: { rollingUpdate: { maxUnavailable: 2 } } })).spec.updateStrategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { partition: 0 },
    });
  });
});

describe('StatefulSet validation', () => {
  it.each<[string, Partial<StatefulSet['spec']>, string]>([
    ['negative replicas', { replicas: -1 }, 'spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    ['an unknown podManagementPolicy', { podManagementPolicy: 'Random' }, `spec.podManagementPolicy: Invalid value: "Random": must be 'OrderedReady' or 'Parallel'`],
    [
      'an unknown update strategy',
      { updateStrategy: { type: 'Canary' } },
      `spec.updateStrategy: Invalid value: apps.StatefulSetUpdateStrategy{Type:"Canary", RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}: must be 'RollingUpdate' or 'OnDelete'`,
    ],
    [
      'OnDelete with rollingUpdate',
      { updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 1 } } },
      `spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:1, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate'`,
    ],
    ['a negative partition', { updateStrategy: { rollingUpdate: { partition: -1 } } }, 'spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0'],
    [
      'an unknown claim retention policy',
      { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Keep' } },
      'spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"',
    ],
    ['a negative ordinals.start', { ordinals: { start: -1 } }, 'spec.ordinals.start: Invalid value: -1: must be greater than or equal to 0'],
    [
      'an empty selector',
      { selector: {} },
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset',
    ],
    [
      'a selector that misses the template labels',
      { selector: { matchLabels: { app: 'cache' } } },
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"db"}: `selector` does not match template `labels`',
    ],
    [
      'a restartPolicy other than Always',
      { template: { metadata: { labels: { app: 'db' } }, spec: { restartPolicy: 'OnFailure', containers: [{ name: 'db', image: 'postgres:16' }] } } },
      'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
    ],
  ])('refuses %s', (_name, spec, details) => {
    expect(invalidMessage(statefulSetManifest('db', spec))).toBe(`StatefulSet.apps "db" is invalid: ${details}`);
  });

  it('needs a selector, and without one no template labels match', () => {
    const manifest = statefulSetManifest('db');
    delete manifest.spec.selector;
    expect(invalidMessage(manifest)).toBe(
      'StatefulSet.apps "db" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"db"}: `selector` does not match template `labels`]',
    );
  });

  it('takes only DNS labels as names, since they become Pod hostnames', () => {
    expect(invalidMessage(statefulSetManifest('db.v1'))).toContain('StatefulSet.apps "db.v1" is invalid: metadata.name: Invalid value: "db.v1": a lowercase RFC 1123 label must consist of');
  });

  it("accepts a template without an image: 1.32 does not validate a StatefulSet's Pod spec (the controller fails later)", () => {
    const created = create(statefulSetManifest('db', { template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db' }] } } }));
    expect(created.spec.template.spec.containers[0]!.image).toBeUndefined();
  });
});

describe('StatefulSet updates', () => {
  const forbidden =
    "StatefulSet.apps \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

  it.each<[string, Record<string, unknown>]>([
    ['serviceName', { serviceName: 'other' }],
    ['podManagementPolicy', { podManagementPolicy: 'Parallel' }],
    ['revisionHistoryLimit (mutable only from 1.33)', { revisionHistoryLimit: 3 }],
    ['volumeClaimTemplates', { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }] }],
  ])('forbids changing %s', (_field, spec) => {
    create(statefulSetManifest('db'));
    expect(expectStatus(client.patch(STATEFUL_SETS, 'default', 'db', 'merge', { spec })).message).toBe(forbidden);
  });

  it('allows replicas, template, updateStrategy, minReadySeconds, ordinals and the retention policy, bumping the generation', () => {
    create(statefulSetManifest('db'));
    const patched = expectOk(
      client.patch<StatefulSet>(STATEFUL_SETS, 'default', 'db', 'merge', {
        spec: {
          replicas: 3,
          minReadySeconds: 5,
          ordinals: { start: 1 },
          updateStrategy: { rollingUpdate: { partition: 2 } },
          persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete' },
          template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
        },
      }),
    );
    expect(patched.metadata.generation).toBe(2);
    expect(patched.spec.template.spec.containers[0]!.image).toBe('nginx:1.27');
  });

  it('refuses a changed selector as a forbidden update', () => {
    create(statefulSetManifest('db'));
    expect(expectStatus(client.patch(STATEFUL_SETS, 'default', 'db', 'merge', { spec: { selector: { matchLabels: { app: 'db', x: 'y' } }, template: { metadata: { labels: { app: 'db', x: 'y' } } } } })).message).toBe(forbidden);
  });
});

describe('StatefulSet storage and printing', () => {
  it('is stored at /registry/statefulsets/<namespace>/<name> and discovered as sts', () => {
    create(statefulSetManifest('db'));
    expect(cluster.store.range('/registry/statefulsets/default/db').kvs).toHaveLength(1);
    expect(client.discovery().find((r) => r.name === 'statefulsets')).toMatchObject({ shortNames: ['sts'], categories: ['all'], subresources: ['scale', 'status'] });
  });

  it('prints NAME READY AGE, and CONTAINERS IMAGES wide', () => {
    const created = create(statefulSetManifest('db', { replicas: 3 }));
    expectOk(client.updateStatus(STATEFUL_SETS, 'default', { ...created, status: { replicas: 2, readyReplicas: 1, availableReplicas: 1 } }));
    cluster.clock.advance(3_600_000);
    const table = expectOk(client.listTable(STATEFUL_SETS, 'default'));
    expect(table.columnDefinitions.map((c) => `${c.name}:${c.priority}`)).toEqual(['Name:0', 'Ready:0', 'Age:0', 'Containers:1', 'Images:1']);
    expect(table.rows[0]!.cells).toEqual(['db', '1/3', '60m', 'nginx', 'nginx:1.25']);
  });
});
