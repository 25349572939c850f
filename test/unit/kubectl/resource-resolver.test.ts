/** What the user typed to a served resource, as kubectl's RESTMapper resolves it from discovery. */
import { describe, expect, it } from 'vitest';
import type { DiscoveredResource } from '../../../src/main/cluster/apiserver/api-server.js';
import { resolveResource, resourceRef, typeName } from '../../../src/main/kubectl/resource-resolver.js';

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
