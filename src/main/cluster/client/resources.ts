/** Group/version/resource triples the components use, like client-go's typed clients. */

export interface ResourceRef {
  group: string;
  version: string;
  resource: string;
}

export const NAMESPACES: ResourceRef = { group: '', version: 'v1', resource: 'namespaces' };
export const NODES: ResourceRef = { group: '', version: 'v1', resource: 'nodes' };
export const PODS: ResourceRef = { group: '', version: 'v1', resource: 'pods' };
export const EVENTS: ResourceRef = { group: '', version: 'v1', resource: 'events' };
export const LEASES: ResourceRef = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' };
