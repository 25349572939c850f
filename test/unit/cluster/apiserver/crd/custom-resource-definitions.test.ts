/** apiextensions.k8s.io/v1 CustomResourceDefinitions: defaults, validation, status, establishment, discovery, deletion. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomResourceDefinition } from '../../../../../src/shared/api/apiextensions.js';
import type { KubeObject } from '../../../../../src/shared/api/meta.js';
import type { ApiClient } from '../../../../../src/main/cluster/client/api-client.js';
import { builtinResources } from '../../../../../src/main/cluster/apiserver/registry/index.js';
import { type TestCluster, expectOk, expectStatus, makeCluster } from '../../../helpers/cluster.js';

const CRDS = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' };
const WIDGETS = { group: 'example.com', version: 'v1', resource: 'widgets' };

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

function widgetCrd(overrides: Partial<CustomResourceDefinition['spec']> = {}): CustomResourceDefinition {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      names: { plural: 'widgets', kind: 'Widget', shortNames: ['wd'], categories: ['all'] },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } },
        },
      ],
      ...overrides,
    },
  };
}

function stored(name: string): CustomResourceDefinition {
  return expectOk(client.get<CustomResourceDefinition>(CRDS, undefined, name));
}

describe('creating a CustomResourceDefinition', () => {
  it('defaults singular and listKind from the kind and conversion to None, as SetDefaults_CustomResourceDefinitionSpec does', () => {
    const created = expectOk(client.create<CustomResourceDefinition>(CRDS, undefined, widgetCrd()));
    expect(created.spec?.names).toMatchObject({ singular: 'widget', listKind: 'WidgetList' });
    expect(created.spec?.conversion).toEqual({ strategy: 'None' });
    expect(created.metadata.generation).toBe(1);
    // The create response carries the reset status: names are not accepted yet.
    expect(created.status).toEqual({ conditions: null, acceptedNames: { plural: '', kind: '' }, storedVersions: ['v1'] });
    expect(cluster.store.range('/registry/apiextensions.k8s.io/customresourcedefinitions/widgets.example.com').kvs).toHaveLength(1);
  });

  it('accepts the names and establishes the CRD on the next clock tick, as the naming and establishing controllers do', () => {
    expectOk(client.create(CRDS, undefined, widgetCrd()));
    expect(client.discovery().some((r) => r.name === 'widgets')).toBe(false);
    cluster.settle();
    const crd = stored('widgets.example.com');
    expect(crd.status?.acceptedNames).toEqual({ plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList', shortNames: ['wd'], categories: ['all'] });
    expect(crd.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['NamesAccepted', 'True', 'NoConflicts', 'no conflicts found'],
      ['Established', 'True', 'InitialNamesAccepted', 'the initial names have been accepted'],
    ]);
    expect(crd.status?.conditions?.[0]?.lastTransitionTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const discovered = client.discovery().find((r) => r.name === 'widgets');
    expect(discovered).toEqual({
      group: 'example.com',
      version: 'v1',
      kind: 'Widget',
      name: 'widgets',
      singularName: 'widget',
      namespaced: true,
      shortNames: ['wd'],
      categories: ['all'],
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      subresources: [],
      subresourceDetails: [],
    });
  });

  it('refuses names another CRD of the group already holds, with NamesAccepted False and no serving', () => {
    expectOk(client.create(CRDS, undefined, widgetCrd()));
    cluster.settle();
    const twin = widgetCrd({ names: { plural: 'gadgets', kind: 'Widget' } });
    twin.metadata.name = 'gadgets.example.com';
    expectOk(client.create(CRDS, undefined, twin));
    cluster.settle();
    const crd = stored('gadgets.example.com');
    expect(crd.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      // Every name is checked and the last conflict found is reported (kind, then listKind).
      ['NamesAccepted', 'False', 'ListKindConflict', '"WidgetList" is already in use'],
      ['Established', 'False', 'NotAccepted', 'not all names are accepted'],
    ]);
    expect(client.discovery().some((r) => r.name === 'gadgets')).toBe(false);
    // Once the holder is gone, the naming controller accepts the names after all.
    expectOk(client.delete(CRDS, undefined, 'widgets.example.com'));
    cluster.settle();
    expect(stored('gadgets.example.com').status?.conditions?.map((c) => [c.type, c.status])).toEqual([
      ['NamesAccepted', 'True'],
      ['Established', 'True'],
    ]);
    expect(client.discovery().some((r) => r.name === 'gadgets')).toBe(true);
  });

  it('prints NAME and CREATED AT (RFC3339), as the default table convertor does', () => {
    expectOk(client.create(CRDS, undefined, widgetCrd()));
    const table = expectOk(client.listTable(CRDS));
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Created At']);
    expect(table.rows[0]?.cells).toEqual(['widgets.example.com', expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)]);
  });
});

describe('CustomResourceDefinition validation (kube-apiserver 1.32 wording)', () => {
  const cases: Array<{ name: string; crd: () => CustomResourceDefinition; message: string }> = [
    {
      name: 'a name that is not plural.group',
      crd: () => ({ ...widgetCrd(), metadata: { name: 'foo.example.com' } }),
      message: 'CustomResourceDefinition.apiextensions.k8s.io "foo.example.com" is invalid: metadata.name: Invalid value: "foo.example.com": must be spec.names.plural+"."+spec.group',
    },
    {
      name: 'a version without a schema',
      crd: () => widgetCrd({ versions: [{ name: 'v1', served: true, storage: true }] }),
      message: 'CustomResourceDefinition.apiextensions.k8s.io "widgets.example.com" is invalid: spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required',
    },
    {
      name: 'an unknown scope',
      crd: () => widgetCrd({ scope: 'Global' }),
      message: 'CustomResourceDefinition.apiextensions.k8s.io "widgets.example.com" is invalid: spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced"',
    },
    {
      name: 'a group without a dot',
      crd: () => ({ ...widgetCrd({ group: 'example' }), metadata: { name: 'widgets.example' } }),
      message: 'CustomResourceDefinition.apiextensions.k8s.io "widgets.example" is invalid: spec.group: Invalid value: "example": should be a domain with at least one dot',
    },
    {
      name: 'a schema field without a type',
      crd: () => widgetCrd({ versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: {} } } } }] }),
      message:
        'CustomResourceDefinition.apiextensions.k8s.io "widgets.example.com" is invalid: spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields',
    },
    {
      name: 'a printer column of an unknown type',
      crd: () =>
        widgetCrd({
          versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } }, additionalPrinterColumns: [{ name: 'Size', type: 'int', jsonPath: '.spec.size' }] }],
        }),
      message:
        'CustomResourceDefinition.apiextensions.k8s.io "widgets.example.com" is invalid: spec.versions[0].additionalPrinterColumns[0].type: Invalid value: "int": must be one of boolean,date,integer,number,string',
    },
    {
      name: 'a protected group without the approval annotation',
      crd: () => ({ ...widgetCrd({ group: 'things.k8s.io' }), metadata: { name: 'widgets.things.k8s.io' } }),
      message:
        'CustomResourceDefinition.apiextensions.k8s.io "widgets.things.k8s.io" is invalid: metadata.annotations[api-approved.kubernetes.io]: Required value: protected groups must have approval annotation "api-approved.kubernetes.io", see https://github.com/kubernetes/enhancements/pull/1111',
    },
  ];
  for (const c of cases) {
    it(`refuses ${c.name}`, () => {
      const status = expectStatus(client.create(CRDS, undefined, c.crd()));
      expect(status.code).toBe(422);
      expect(status.message).toBe(c.message);
    });
  }

  it('requires exactly one storage version', () => {
    const crd = widgetCrd();
    crd.spec!.versions!.push({ name: 'v2', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } });
    const status = expectStatus(client.create(CRDS, undefined, crd));
    // The status keeps the first storage version, so storedVersions misses the second one too.
    expect(status.details?.causes?.map((c) => [c.field, c.message?.replace(/^Invalid value: .*: /, '')])).toEqual([
      ['spec.versions', 'must have exactly one version marked as storage version'],
      ['status.storedVersions', 'must have the storage version v2'],
    ]);
  });

  it('keeps scope and kind once established, and group and plural always', () => {
    expectOk(client.create(CRDS, undefined, widgetCrd()));
    cluster.settle();
    const crd = stored('widgets.example.com');
    crd.spec!.scope = 'Cluster';
    crd.spec!.names!.kind = 'Gizmo';
    crd.spec!.names!.listKind = 'GizmoList';
    const status = expectStatus(client.update(CRDS, undefined, crd));
    expect(status.details?.causes?.map((c) => `${c.field ?? ''}: ${c.message ?? ''}`)).toEqual([
      'spec.scope: Invalid value: "Cluster": field is immutable',
      'spec.names.kind: Invalid value: "Gizmo": field is immutable',
    ]);
  });
});

describe('updating a CustomResourceDefinition', () => {
  it('records a new storage version in status.storedVersions and serves added versions', () => {
    expectOk(client.create(CRDS, undefined, widgetCrd()));
    cluster.settle();
    const crd = stored('widgets.example.com');
    crd.spec!.versions = [
      { ...crd.spec!.versions![0]!, storage: false },
      { name: 'v2', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } } },
    ];
    const updated = expectOk(client.update<CustomResourceDefinition>(CRDS, undefined, crd));
    expect([updated.metadata.generation, updated.status?.storedVersions]).toEqual([2, ['v1', 'v2']]);
    cluster.settle();
    expect(client.discovery().filter((r) => r.name === 'widgets').map((r) => r.version)).toEqual(['v2', 'v1']);
  });

  it('refuses to drop a version that is still in storedVersions', () => {
    expectOk(client.create(CRDS, undefined, widgetCrd()));
    cluster.settle();
    const crd = stored('widgets.example.com');
    crd.spec!.versions = [{ name: 'v2', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } }];
    const status = expectStatus(client.update(CRDS, undefined, crd));
    expect(status.details?.causes?.map((c) => `${c.field ?? ''}: ${c.message ?? ''}`)).toEqual([
      'status.storedVersions[0]: Invalid value: "v1": missing from spec.versions; v1 was previously a storage version, and must remain in spec.versions until a storage migration ensures no data remains persisted in v1 and removes v1 from status.storedVersions',
    ]);
  });
});

describe('deleting a CustomResourceDefinition', () => {
  it('marks it Terminating with the cleanup finalizer, deletes its custom resources, then stops serving them', () => {
    expectOk(client.create(CRDS, undefined, widgetCrd()));
    cluster.settle();
    for (const name of ['a', 'b']) {
      expectOk(client.create(WIDGETS, 'default', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name }, spec: { size: 1 } }));
    }
    const marked = expectOk(client.delete<CustomResourceDefinition>(CRDS, undefined, 'widgets.example.com'));
    expect(marked.metadata.deletionTimestamp).toBeDefined();
    expect(marked.metadata.finalizers).toEqual(['customresourcecleanup.apiextensions.k8s.io']);
    expect(marked.status?.conditions?.find((c) => c.type === 'Terminating')).toMatchObject({
      status: 'True',
      reason: 'InstanceDeletionPending',
      message: 'CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon',
    });
    // Meanwhile new objects are refused, as the crdHandler does.
    const refused = expectStatus(client.create(WIDGETS, 'default', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'c' } }));
    expect([refused.code, refused.reason, refused.message]).toEqual([405, 'MethodNotAllowed', 'create not allowed while custom resource definition is terminating']);
    cluster.settle();
    expect(cluster.store.range('/registry/example.com/widgets/', { prefix: true }).kvs).toHaveLength(0);
    expect(expectStatus(client.get(CRDS, undefined, 'widgets.example.com')).code).toBe(404);
    expect(client.discovery().some((r) => r.name === 'widgets')).toBe(false);
    const gone = expectStatus(client.list(WIDGETS, 'default'));
    expect([gone.code, gone.message]).toEqual([404, 'the server could not find the requested resource']);
  });

  it('waits for custom resources that have finalizers of their own', () => {
    expectOk(client.create(CRDS, undefined, widgetCrd()));
    cluster.settle();
    expectOk(client.create(WIDGETS, 'default', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'held', finalizers: ['example.com/hold'] } }));
    expectOk(client.delete(CRDS, undefined, 'widgets.example.com'));
    cluster.clock.advance(20_000);
    expect(stored('widgets.example.com').metadata.deletionTimestamp).toBeDefined();
    const held = expectOk(client.get(WIDGETS, 'default', 'held'));
    expect(held.metadata.deletionTimestamp).toBeDefined();
    expectOk(client.update(WIDGETS, 'default', { ...held, metadata: { ...held.metadata, finalizers: [] } } as KubeObject));
    cluster.clock.advance(5_000);
    expect(expectStatus(client.get(CRDS, undefined, 'widgets.example.com')).code).toBe(404);
  });
});
