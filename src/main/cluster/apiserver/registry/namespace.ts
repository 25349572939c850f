/** Namespaces: the `kubernetes` finalizer, the metadata.name label and the Active/Terminating phase. */
import type { Namespace } from '../../../../shared/api/core.js';
import { age } from './printing.js';
import { type ResourceDefinition, column } from './resource.js';
import { validateObjectMeta } from './validation.js';

export const namespaceResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Namespace',
  plural: 'namespaces',
  singular: 'namespace',
  namespaced: false,
  shortNames: ['ns'],
  categories: [],
  storagePrefix: 'namespaces',
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  subresources: ['finalize', 'status'],
  strategy: {
    hasStatusSubresource: true,
    prepareForCreate(obj) {
      const ns = obj as Namespace;
      ns.metadata.labels = { ...ns.metadata.labels, 'kubernetes.io/metadata.name': ns.metadata.name ?? '' };
      ns.spec = { finalizers: ['kubernetes'] };
      ns.status = { phase: 'Active' };
    },
    prepareForUpdate(obj) {
      obj.metadata.labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': obj.metadata.name ?? '' };
    },
    validate: (obj) => validateObjectMeta(obj, { namespaced: false, nameRule: 'label' }),
    selectableField(obj, field) {
      if (field === 'status.phase') return (obj as Namespace).status?.phase ?? '';
      return undefined;
    },
    selectableFields: ['status.phase'],
  },
  printer: {
    columns: [
      column('Name', 'string', 'Name must be unique within a namespace.', 0, 'name'),
      column('Status', 'string', 'The status of the namespace'),
      column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
    ],
    cells: (obj, now) => [obj.metadata.name ?? '', (obj as Namespace).status?.phase ?? '', age(obj.metadata.creationTimestamp, now)],
  },
};
