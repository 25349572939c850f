/** Custom resources served from an established CRD: CRUD, schema validation, pruning, defaults, generation, subresources, versions, tables. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomResourceDefinition, JSONSchemaProps } from '../../../../../src/shared/api/apiextensions.js';
import type { KubeObject } from '../../../../../src/shared/api/meta.js';
import type { ApiClient } from '../../../../../src/main/cluster/client/api-client.js';
import { builtinResources } from '../../../../../src/main/cluster/apiserver/registry/index.js';
import { type TestCluster, expectOk, expectStatus, makeCluster } from '../../../helpers/cluster.js';

const CRDS = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' };
const V1 = { group: 'stable.example.com', version: 'v1', resource: 'crontabs' };
const V1BETA1 = { group: 'stable.example.com', version: 'v1beta1', resource: 'crontabs' };

const SCHEMA: JSONSchemaProps = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['cronSpec'],
      properties: {
        cronSpec: { type: 'string', pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$' },
        image: { type: 'string', minLength: 1, maxLength: 20 },
        replicas: { type: 'integer', minimum: 1, maximum: 10, default: 1 },
        policy: { type: 'string', enum: ['Allow', 'Forbid'] },
        port: { 'x-kubernetes-int-or-string': true },
        tags: { type: 'array', maxItems: 2, items: { type: 'string' } },
        schedule: { type: 'object', properties: { at: { type: 'string', format: 'date-time' } } },
        extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        template: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
      },
    },
    status: { type: 'object', properties: { replicas: { type: 'integer' }, selector: { type: 'string' } } },
  },
};

function crontabCrd(): CustomResourceDefinition {
  const version = (name: string, storage: boolean): NonNullable<NonNullable<CustomResourceDefinition['spec']>['versions']>[number] => ({
    name,
    served: true,
    storage,
    schema: { openAPIV3Schema: SCHEMA },
    subresources: { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.selector' } },
    additionalPrinterColumns: [
      { name: 'Spec', type: 'string', jsonPath: '.spec.cronSpec' },
      { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
      { name: 'Tags', type: 'string', jsonPath: '.spec.tags' },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    ],
  });
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'crontabs.stable.example.com' },
    spec: {
      group: 'stable.example.com',
      names: { plural: 'crontabs', kind: 'CronTab', shortNames: ['ct'] },
      scope: 'Namespaced',
      versions: [version('v1beta1', false), version('v1', true)],
    },
  };
}

function crontab(name: string, spec: Record<string, unknown>, apiVersion = 'stable.example.com/v1'): KubeObject {
  return { apiVersion, kind: 'CronTab', metadata: { name }, spec };
}

let cluster: TestCluster;
let client: ApiClient;

beforeEach(() => {
  cluster = makeCluster({ resources: builtinResources });
  client = cluster.client('kubectl');
  expectOk(client.create(CRDS, undefined, crontabCrd()));
  cluster.settle();
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

describe('serving custom resources', () => {
  it('creates, reads, lists and deletes them under /registry/<group>/<plural>, with generation 1 and schema defaults', () => {
    const created = expectOk(client.create(V1, 'default', crontab('nightly', { cronSpec: '0 3 * * *', image: 'backup' })));
    expect(created.metadata.generation).toBe(1);
    expect(created.spec).toEqual({ cronSpec: '0 3 * * *', image: 'backup', replicas: 1 });
    const stored = JSON.parse(cluster.store.range('/registry/stable.example.com/crontabs/default/nightly').kvs[0]!.value) as KubeObject;
    expect(stored.apiVersion).toBe('stable.example.com/v1');
    const list = expectOk(client.list(V1, 'default'));
    expect(list.kind).toBe('CronTabList');
    expect(list.items.map((i) => i.metadata.name)).toEqual(['nightly']);
    // The custom resource storage does not set ReturnDeletedObject: a Status names what was deleted.
    expect(expectOk(client.delete(V1, 'default', 'nightly'))).toStrictEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: { name: 'nightly', group: 'stable.example.com', kind: 'crontabs', uid: created.metadata.uid },
    });
    expect(cluster.store.range('/registry/stable.example.com/crontabs/default/nightly').kvs).toHaveLength(0);
  });

  it('serves every served version from the storage version, rewriting apiVersion only (conversion None)', () => {
    expectOk(client.create(V1BETA1, 'default', crontab('weekly', { cronSpec: '0 0 * * 0' }, 'stable.example.com/v1beta1')));
    const stored = JSON.parse(cluster.store.range('/registry/stable.example.com/crontabs/default/weekly').kvs[0]!.value) as KubeObject;
    expect(stored.apiVersion).toBe('stable.example.com/v1');
    expect(expectOk(client.get(V1BETA1, 'default', 'weekly')).apiVersion).toBe('stable.example.com/v1beta1');
    expect(expectOk(client.get(V1, 'default', 'weekly')).apiVersion).toBe('stable.example.com/v1');
    // Discovery lists the preferred (GA) version first, so kubectl resolves `crontabs` to v1.
    expect(client.discovery().filter((r) => r.name === 'crontabs').map((r) => [r.version, r.subresources])).toEqual([
      ['v1', ['status', 'scale']],
      ['v1beta1', ['status', 'scale']],
    ]);
  });

  it('refuses an update without a resourceVersion, as the CR strategy allows no unconditional update', () => {
    const created = expectOk(client.create(V1, 'default', crontab('nightly', { cronSpec: '0 3 * * *' })));
    const body = structuredClone(created);
    delete body.metadata.resourceVersion;
    const status = expectStatus(client.update(V1, 'default', body));
    expect(status.message).toBe('CronTab.stable.example.com "nightly" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update');
  });

  it('bumps generation for spec changes but not for metadata or /status writes (status subresource)', () => {
    let current = expectOk(client.create(V1, 'default', crontab('nightly', { cronSpec: '0 3 * * *' })));
    current = expectOk(client.update(V1, 'default', { ...current, metadata: { ...current.metadata, labels: { a: 'b' } } }));
    expect(current.metadata.generation).toBe(1);
    current = expectOk(client.update(V1, 'default', { ...current, spec: { cronSpec: '0 4 * * *' } }));
    expect(current.metadata.generation).toBe(2);
    current = expectOk(client.updateStatus(V1, 'default', { ...current, status: { replicas: 1 } }));
    expect([current.metadata.generation, current.status]).toEqual([2, { replicas: 1 }]);
    // The main endpoint ignores status; /status ignores everything else.
    current = expectOk(client.update(V1, 'default', { ...current, status: { replicas: 9 } }));
    expect(current.status).toEqual({ replicas: 1 });
  });

  it('drops a status sent on create when the status subresource is enabled', () => {
    const created = expectOk(client.create(V1, 'default', { ...crontab('nightly', { cronSpec: '0 3 * * *' }), status: { replicas: 3 } }));
    expect(created.status).toBeUndefined();
  });

  it('serves /scale as an autoscaling/v1 Scale from the CRD paths, and writes replicas back', () => {
    const created = expectOk(client.create(V1, 'default', crontab('nightly', { cronSpec: '0 3 * * *', replicas: 2 })));
    expectOk(client.updateStatus(V1, 'default', { ...created, status: { replicas: 2, selector: 'app=cron' } }));
    const scale = expectOk(client.request<KubeObject>({ verb: 'get', ...V1, namespace: 'default', name: 'nightly', subresource: 'scale' }));
    expect(scale).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 2 }, status: { replicas: 2, selector: 'app=cron' } });
    const scaled = expectOk(
      client.request<KubeObject>({ verb: 'patch', ...V1, namespace: 'default', name: 'nightly', subresource: 'scale', patchType: 'merge', body: { spec: { replicas: 5 } } }),
    );
    expect(scaled.spec).toEqual({ replicas: 5 });
    const after = expectOk(client.get(V1, 'default', 'nightly'));
    expect([(after.spec as { replicas: number }).replicas, after.metadata.generation]).toEqual([5, 2]);
  });
});

describe('schema validation with kube-apiserver 1.32 messages', () => {
  const cases: Array<{ name: string; spec: Record<string, unknown>; errors: string[] }> = [
    {
      name: 'a value of the wrong type (the sent JSON type is quoted)',
      spec: { cronSpec: '* * * * *', replicas: 'three' },
      errors: ['spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"'],
    },
    { name: 'a missing required field', spec: { image: 'x' }, errors: ['spec.cronSpec: Required value'] },
    {
      name: 'a value outside the enum',
      spec: { cronSpec: '* * * * *', policy: 'Replace' },
      errors: ['spec.policy: Unsupported value: "Replace": supported values: "Allow", "Forbid"'],
    },
    {
      name: 'a number below the minimum',
      spec: { cronSpec: '* * * * *', replicas: 0 },
      errors: ['spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1'],
    },
    {
      name: 'a number above the maximum',
      spec: { cronSpec: '* * * * *', replicas: 11 },
      errors: ['spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10'],
    },
    {
      name: 'a string that does not match the pattern',
      spec: { cronSpec: 'hourly' },
      errors: ["spec.cronSpec: Invalid value: \"hourly\": spec.cronSpec in body should match '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'"],
    },
    {
      name: 'a string shorter than minLength',
      spec: { cronSpec: '* * * * *', image: '' },
      errors: ['spec.image: Invalid value: "": spec.image in body should be at least 1 chars long'],
    },
    {
      name: 'too many items',
      spec: { cronSpec: '* * * * *', tags: ['a', 'b', 'c'] },
      errors: ['spec.tags: Too many: 3: must have at most 2 items'],
    },
    {
      name: 'an item of the wrong type',
      spec: { cronSpec: '* * * * *', tags: [1] },
      errors: ['spec.tags[0]: Invalid value: "integer": spec.tags[0] in body must be of type string: "integer"'],
    },
    {
      name: 'a malformed date-time',
      spec: { cronSpec: '* * * * *', schedule: { at: 'tomorrow' } },
      errors: ['spec.schedule.at: Invalid value: "tomorrow": spec.schedule.at in body must be of type date-time: "tomorrow"'],
    },
    {
      name: 'a boolean where int-or-string is expected',
      spec: { cronSpec: '* * * * *', port: true },
      errors: ['spec.port: Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"'],
    },
  ];
  for (const c of cases) {
    it(`refuses ${c.name}`, () => {
      const status = expectStatus(client.create(V1, 'default', crontab('bad', c.spec)));
      expect(status.code).toBe(422);
      expect(status.details?.causes?.map((cause) => `${cause.field ?? ''}: ${cause.message ?? ''}`)).toEqual(c.errors);
      if (c.errors.length === 1) expect(status.message).toBe(`CronTab.stable.example.com "bad" is invalid: ${c.errors[0]}`);
    });
  }

  it('accepts int-or-string values of either kind, preserved unknown fields and embedded resources', () => {
    const spec = { cronSpec: '* * * * *', port: 'http', extra: { anything: { goes: [1, 2] } }, template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { x: 1 } } };
    const created = expectOk(client.create(V1, 'default', crontab('ok', spec)));
    expect(created.spec).toEqual({ ...spec, replicas: 1 });
    expectOk(client.create(V1, 'default', crontab('ok2', { cronSpec: '* * * * *', port: 8080 })));
  });

  it('requires apiVersion and kind in an x-kubernetes-embedded-resource object', () => {
    const status = expectStatus(client.create(V1, 'default', crontab('bad', { cronSpec: '* * * * *', template: { spec: {} } })));
    expect(status.details?.causes?.map((c) => `${c.field ?? ''}: ${c.message ?? ''}`)).toEqual([
      'spec.template.apiVersion: Required value: must not be empty',
      'spec.template.kind: Required value: must not be empty',
    ]);
  });

  it('validates metadata.name as a DNS subdomain', () => {
    const status = expectStatus(client.create(V1, 'default', crontab('Bad_Name', { cronSpec: '* * * * *' })));
    expect(status.details?.causes?.[0]?.field).toBe('metadata.name');
  });
});

describe('pruning and strict field validation', () => {
  it('drops fields the schema does not specify', () => {
    const created = expectOk(client.create(V1, 'default', { ...crontab('nightly', { cronSpec: '* * * * *', colour: 'red' }), top: 1 }));
    expect(created.spec).toEqual({ cronSpec: '* * * * *', replicas: 1 });
    expect(created.top).toBeUndefined();
  });

  it('reports them with fieldValidation=Strict, as kube-apiserver does', () => {
    const status = expectStatus(client.create(V1, 'default', crontab('nightly', { cronSpec: '* * * * *', colour: 'red', tagz: [] }), { fieldValidation: 'Strict' }));
    expect([status.code, status.message]).toEqual([
      400,
      'CronTab in version "v1" cannot be handled as a CronTab: strict decoding error: unknown field "spec.colour", unknown field "spec.tagz"',
    ]);
  });
});

describe('server-side printing', () => {
  it('prints NAME then the additionalPrinterColumns with typed cells', () => {
    expectOk(client.create(V1, 'default', crontab('nightly', { cronSpec: '0 3 * * *', tags: ['db', 'prod'] })));
    cluster.clock.advance(90_000);
    const table = expectOk(client.listTable(V1, 'default'));
    expect(table.columnDefinitions.map((c) => [c.name, c.type, c.format])).toEqual([
      ['Name', 'string', 'name'],
      ['Spec', 'string', ''],
      ['Replicas', 'integer', ''],
      ['Tags', 'string', ''],
      ['Age', 'date', ''],
    ]);
    expect(table.rows[0]?.cells).toEqual(['nightly', '0 3 * * *', 1, '["db","prod"]', '90s']);
  });

  it('prints NAME and AGE when a version declares no columns', () => {
    const crd = expectOk(client.get<CustomResourceDefinition>(CRDS, undefined, 'crontabs.stable.example.com'));
    for (const v of crd.spec!.versions!) delete v.additionalPrinterColumns;
    expectOk(client.update(CRDS, undefined, crd));
    cluster.settle();
    expectOk(client.create(V1, 'default', crontab('nightly', { cronSpec: '0 3 * * *' })));
    cluster.clock.advance(3_600_000);
    const table = expectOk(client.listTable(V1, 'default'));
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Age']);
    expect(table.rows[0]?.cells).toEqual(['nightly', '60m']);
  });
});

describe('other verbs and scopes', () => {
  it('watches custom resources and deletes them as a collection', () => {
    const events: string[] = [];
    const watch = expectOk(client.watch(V1, 'default', {}, (e) => events.push(`${e.type} ${(e.object as KubeObject).metadata.name ?? ''}`)));
    cluster.disposables.add(watch);
    expectOk(client.create(V1, 'default', crontab('a', { cronSpec: '* * * * *' })));
    expectOk(client.create(V1, 'default', crontab('b', { cronSpec: '* * * * *' })));
    cluster.settle();
    const deleted = expectOk(client.request<{ items: KubeObject[] }>({ verb: 'deletecollection', ...V1, namespace: 'default' }));
    expect(deleted.items.map((i) => i.metadata.name)).toEqual(['a', 'b']);
    cluster.settle();
    expect(events).toEqual(['ADDED a', 'ADDED b', 'DELETED a', 'DELETED b']);
  });

  it('serves a cluster-scoped CRD without namespaces in keys or objects', () => {
    const crd = crontabCrd();
    crd.metadata.name = 'clustertabs.stable.example.com';
    crd.spec = { ...crd.spec, scope: 'Cluster', names: { plural: 'clustertabs', kind: 'ClusterTab' } };
    expectOk(client.create(CRDS, undefined, crd));
    cluster.settle();
    const ref = { group: 'stable.example.com', version: 'v1', resource: 'clustertabs' };
    const created = expectOk(client.create(ref, undefined, { apiVersion: 'stable.example.com/v1', kind: 'ClusterTab', metadata: { name: 'one', namespace: 'default' }, spec: { cronSpec: '* * * * *' } }));
    expect(created.metadata.namespace).toBeUndefined();
    expect(cluster.store.range('/registry/stable.example.com/clustertabs/one').kvs).toHaveLength(1);
    expect(client.discovery().find((r) => r.name === 'clustertabs')?.namespaced).toBe(false);
  });

  it('refuses objects in a namespace that does not exist (NamespaceLifecycle)', () => {
    const status = expectStatus(client.create(V1, 'nowhere', crontab('a', { cronSpec: '* * * * *' })));
    expect([status.code, status.message]).toEqual([404, 'namespaces "nowhere" not found']);
  });
});
