/** coordination.k8s.io Leases: node heartbeats live in `kube-node-lease`. */
import type { Lease } from '../../../../shared/api/core.js';
import { age } from './printing.js';
import { ALL_VERBS, type ResourceDefinition, column } from './resource.js';
import { validateObjectMeta } from './validation.js';

export const leaseResource: ResourceDefinition = {
  group: 'coordination.k8s.io',
  version: 'v1',
  kind: 'Lease',
  plural: 'leases',
  singular: 'lease',
  namespaced: true,
  shortNames: [],
  categories: [],
  storagePrefix: 'leases',
  verbs: ALL_VERBS,
  subresources: [],
  strategy: {
    prepareForCreate(obj) {
      (obj as Lease).spec ??= {};
    },
    validate: (obj) => validateObjectMeta(obj, { namespaced: true, nameRule: 'subdomain' }),
  },
  printer: {
    columns: [
      column('Name', 'string', 'Name must be unique within a namespace.', 0, 'name'),
      column('Holder', 'string', 'holderIdentity contains the identity of the holder of a current lease.'),
      column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
    ],
    cells: (obj, now) => [obj.metadata.name ?? '', (obj as Lease).spec.holderIdentity ?? '', age(obj.metadata.creationTimestamp, now)],
  },
};
