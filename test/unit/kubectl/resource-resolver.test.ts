/** What the user typed to a served resource, as kubectl's RESTMapper resolves it from discovery. */
import { describe, expect, it } from 'vitest';
import type { DiscoveredResource } from '../../../src/main/cluster/apiserver/api-server.js';
import { KubectlError } from '../../../src/main/kubectl/errors.js';
import { manifestResource, resolveResource, resourceOfKind, resourceRef, splitApiVersion, typeName } from '../../../src/main/kubectl/resource-resolver.js';

function resource(fields: Partial<DiscoveredResource> & Pick<DiscoveredResource, 'kind' | 'name'>): DiscoveredResource {
  return {
    group: '',
    version: 'v1',
    singularName: fields.kind.toLowerCase(),
    namespaced: true,
    shortNames: [],
    categories: [],
    verbs: [],
    subresources: [],
    subresourceDetails: [],
    ...fields,
  };
}

const DISCOVERY: DiscoveredResource[] = [
  resource({ kind: 'Pod', name: 'pods', shortNames: ['po'] }),
  resource({ kind: 'Node', name: 'nodes', shortNames: ['no'], namespaced: false }),
  resource({ kind: 'Deployment', name: 'deployments', group: 'apps', shortNames: ['deploy'] }),
  // events.k8s.io serves Events too; kubectl prefers the core group.
  resource({ kind: 'Event', name: 'events', group: 'events.k8s.io', shortNames: ['ev'] }),
  resource({ kind: 'Event', name: 'events', shortNames: ['ev'] }),
  resource({ kind: 'Lease', name: 'leases', group: 'coordination.k8s.io' }),
];

describe('resolveResource', () => {
  it.each(['po', 'pods', 'pod', 'Pod', 'PODS', 'pods.v1', 'pod.v1', 'po.v1'])('resolves %j to core/v1 pods', (typed) => {
    expect(resolveResource(typed, DISCOVERY)).toMatchObject({ group: '', version: 'v1', name: 'pods' });
  });

  it.each(['deploy', 'deployments', 'deployment.apps', 'deployments.apps', 'deploy.v1.apps', 'Deployment'])('resolves %j to apps deployments', (typed) => {
    expect(resolveResource(typed, DISCOVERY)).toMatchObject({ group: 'apps', name: 'deployments' });
  });

  it('prefers the core group when several groups serve a name', () => {
    expect(resolveResource('events', DISCOVERY)?.group).toBe('');
    expect(resolveResource('ev', DISCOVERY)?.group).toBe('');
    expect(resolveResource('events.events.k8s.io', DISCOVERY)?.group).toBe('events.k8s.io');
    expect(resolveResource('leases.coordination.k8s.io', DISCOVERY)?.name).toBe('leases');
  });

  it.each(['foos', 'pods.v2', 'pods.apps', 'deployments.v1', 'p', ''])('finds nothing for %j', (typed) => {
    expect(resolveResource(typed, DISCOVERY)).toBeUndefined();
  });
});

describe('typeName and resourceRef', () => {
  it('names core types by kind and others with their group', () => {
    expect(typeName(DISCOVERY[0]!)).toBe('pod');
    expect(typeName(DISCOVERY[2]!)).toBe('deployment.apps');
    expect(typeName(DISCOVERY[5]!)).toBe('lease.coordination.k8s.io');
  });

  it('refers to the resource by group, version and plural', () => {
    expect(resourceRef(DISCOVERY[2]!)).toEqual({ group: 'apps', version: 'v1', resource: 'deployments' });
  });
});

describe('a manifest\'s apiVersion and kind', () => {
  it('splits the apiVersion into group and version, the core group having none', () => {
    expect(splitApiVersion('apps/v1')).toEqual({ group: 'apps', version: 'v1' });
    expect(splitApiVersion('v1')).toEqual({ group: '', version: 'v1' });
  });

  it('maps to the resource served for exactly that group, version and kind', () => {
    expect(resourceOfKind({ apiVersion: 'apps/v1', kind: 'Deployment' }, DISCOVERY)?.name).toBe('deployments');
    expect(resourceOfKind({ apiVersion: 'events.k8s.io/v1', kind: 'Event' }, DISCOVERY)?.group).toBe('events.k8s.io');
    expect(resourceOfKind({ apiVersion: 'v1', kind: 'Event' }, DISCOVERY)?.group).toBe('');
    expect(resourceOfKind({ apiVersion: 'apps/v1beta1', kind: 'Deployment' }, DISCOVERY)).toBeUndefined();
    expect(resourceOfKind({ apiVersion: 'v1', kind: 'Deployment' }, DISCOVERY)).toBeUndefined();
  });

  it('fails with the mapper\'s error, naming the object and its source', () => {
    const object = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'ns' } };
    expect(manifestResource({ apiVersion: 'v1', kind: 'Pod', metadata: {} }, 'pod.yaml', DISCOVERY).name).toBe('pods');
    let thrown: unknown;
    try {
      manifestResource(object, 'w.yaml', DISCOVERY);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(KubectlError);
    expect((thrown as KubectlError).text).toBe(
      'error: resource mapping not found for name: "w" namespace: "ns" from "w.yaml": no matches for kind "Widget" in version "example.com/v1"\nensure CRDs are installed first\n',
    );
  });
});
