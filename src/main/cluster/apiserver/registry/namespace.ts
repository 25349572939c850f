/**
 * Namespaces: the `kubernetes` finalizer, the metadata.name label and the Active/Terminating phase.
 * Deleting one marks it Terminating; it is removed once the namespace controller has emptied it and
 * taken its finalizer off through `namespaces/<name>/finalize` (the only way to change
 * `spec.finalizers`).
 */
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
    returnDeletedObject: true,
    hasStatusSubresource: true,
    prepareForCreate(obj) {
      const ns = obj as Namespace;
      ns.metadata.labels = { ...ns.metadata.labels, 'kubernetes.io/metadata.name': ns.metadata.name ?? '' };
      ns.spec = { finalizers: ['kubernetes'] };
      ns.status = { phase: 'Active' };
    },
    prepareForUpdate(obj, old) {
      obj.metadata.labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': obj.metadata.name ?? '' };
      // namespaceStrategy.PrepareForUpdate: spec.finalizers change only through `finalize`.
      const ns = obj as Namespace;
      const finalizers = (old as Namespace).spec?.finalizers;
      if (finalizers) ns.spec = { ...ns.spec, finalizers: [...finalizers] };
      else if (ns.spec) delete ns.spec.finalizers;
    },
    beginDelete(obj) {
      // The namespace REST's Delete: the first request sets the Terminating phase.
      const ns = obj as Namespace;
      ns.status = { ...ns.status, phase: 'Terminating' };
    },
    specFinalizers: (obj) => (obj as Namespace).spec?.finalizers ?? [],
    subresourceUpdates: {
      // namespaceFinalizeStrategy: the object as sent, but the stored status.
      finalize: {
        prepare(obj, old) {
          const status = (old as Namespace).status;
          if (status) (obj as Namespace).status = structuredClone(status);
          else delete (obj as Namespace).status;
        },
      },
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
