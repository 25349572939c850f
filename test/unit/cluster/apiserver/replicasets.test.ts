import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReplicaSet } from '../../../../src/shared/api/apps.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { REPLICA_SETS } from '../../../../src/main/cluster/client/resources.js';
import { type TestCluster, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';
import { defaultedTemplate, replicaSetManifest } from '../../helpers/workloads.js';

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

function create(manifest: ReplicaSet): ReplicaSet {
  return expectOk(client.create<ReplicaSet>(REPLICA_SETS, 'default', manifest));
}

describe('ReplicaSet defaulting', () => {
  it('defaults replicas to 1 and starts with status.replicas 0 (no omitempty)', () => {
    const created = create(replicaSetManifest('web'));
    expect(created.spec).toEqual({ replicas: 1, selector: { matchLabels: { app: 'web' } }, template: defaultedTemplate('web') });
    expect(created.status).toEqual({ replicas: 0 });
    expect(created.metadata.generation).toBe(1);
  });
});

describe('ReplicaSet validation', () => {
  it.each<[string, Partial<ReplicaSet['spec']>, string]>([
    ['negative replicas', { replicas: -2 }, 'spec.replicas: Invalid value: -2: must be greater than or equal to 0'],
    ['negative minReadySeconds', { minReadySeconds: -1 }, 'spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0'],
    [
      // ValidateReplicaSetSpec borrows the Deployment's words.
      'an empty selector, in the Deployment wording',
      { selector: { matchLabels: {} } },
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    ],
    [
      'In without values',
      { selector: { matchExpressions: [{ key: 'app', operator: 'In' }] } },
      "[spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn', spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:\"app\", Operator:\"In\", Values:[]string(nil)}}}: invalid label selector]",
    ],
  ])('refuses %s', (_name, spec, details) => {
    expect(expectStatus(client.create(REPLICA_SETS, 'default', replicaSetManifest('web', spec))).message).toBe(`ReplicaSet.apps "web" is invalid: ${details}`);
  });

  it('refuses a selector of the wrong shape while decoding', () => {
    const manifest = { ...replicaSetManifest('web'), spec: { ...replicaSetManifest('web').spec, selector: { matchLabels: ['app=web'] } } };
    expect(expectStatus(client.create(REPLICA_SETS, 'default', manifest)).message).toBe(
      'ReplicaSet in version "v1" cannot be handled as a ReplicaSet: json: cannot unmarshal array into Go struct field LabelSelector.spec.selector.matchLabels of type map[string]string',
    );
  });

  it('refuses a new selector on update', () => {
    const created = create(replicaSetManifest('web'));
    const status = expectStatus(
      client.update(REPLICA_SETS, 'default', { ...created, spec: { ...created.spec, selector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] } } }),
    );
    expect(status.message).toBe(
      'ReplicaSet.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"Exists", Values:[]string(nil)}}}: field is immutable',
    );
  });

  it('bumps the generation on a spec change only', () => {
    create(replicaSetManifest('web'));
    expect(expectOk(client.patch<ReplicaSet>(REPLICA_SETS, 'default', 'web', 'merge', { metadata: { annotations: { a: 'b' } } })).metadata.generation).toBe(1);
    expect(expectOk(client.patch<ReplicaSet>(REPLICA_SETS, 'default', 'web', 'merge', { spec: { replicas: 2 } })).metadata.generation).toBe(2);
  });

  it('validates status counters against each other', () => {
    const created = create(replicaSetManifest('web'));
    expect(expectStatus(client.updateStatus(REPLICA_SETS, 'default', { ...created, status: { replicas: 2, readyReplicas: 1, availableReplicas: 2 } })).message).toBe(
      'ReplicaSet.apps "web" is invalid: status.availableReplicas: Invalid value: 2: cannot be greater than readyReplicas',
    );
  });
});

describe('ReplicaSet field selector, storage and printing', () => {
  it('selects by status.replicas, and refuses fields it does not have', () => {
    const a = create(replicaSetManifest('a'));
    create(replicaSetManifest('b'));
    expectOk(client.updateStatus(REPLICA_SETS, 'default', { ...a, status: { replicas: 1 } }));
    expect(expectOk(client.list(REPLICA_SETS, 'default', { fieldSelector: 'status.replicas=1' })).items.map((i) => i.metadata.name)).toEqual(['a']);
    expect(expectOk(client.list(REPLICA_SETS, 'default', { fieldSelector: 'status.replicas!=1' })).items.map((i) => i.metadata.name)).toEqual(['b']);
    expect(expectStatus(client.list(REPLICA_SETS, 'default', { fieldSelector: 'spec.replicas=1' })).message).toBe('field label not supported: spec.replicas');
  });

  it('is stored at /registry/replicasets/<namespace>/<name> and discovered as rs', () => {
    create(replicaSetManifest('web'));
    expect(cluster.store.range('/registry/replicasets/default/web').kvs).toHaveLength(1);
    expect(client.discovery().find((r) => r.name === 'replicasets')).toMatchObject({ shortNames: ['rs'], categories: ['all'], subresources: ['scale', 'status'] });
  });

  it('prints NAME DESIRED CURRENT READY AGE, and CONTAINERS IMAGES SELECTOR wide', () => {
    create(replicaSetManifest('web-7d9f8b', { replicas: 2 }));
    const table = expectOk(client.listTable(REPLICA_SETS, 'default'));
    expect(table.columnDefinitions.map((c) => `${c.name}:${c.type}:${c.priority}`)).toEqual([
      'Name:string:0',
      'Desired:integer:0',
      'Current:integer:0',
      'Ready:integer:0',
      'Age:string:0',
      'Containers:string:1',
      'Images:string:1',
      'Selector:string:1',
    ]);
    expect(table.rows[0]!.cells).toEqual(['web-7d9f8b', 2, 0, 0, '0s', 'nginx', 'nginx:1.25', 'app=web-7d9f8b']);
  });
});
