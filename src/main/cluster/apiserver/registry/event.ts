/** core/v1 Events: what `kubectl describe` lists at the bottom and `kubectl get events` prints. */
import type { CoreEvent } from '../../../../shared/api/core.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { coreEventCells } from './event-printing.js';
import { ALL_VERBS, type ResourceDefinition, column } from './resource.js';
import { validateObjectMeta } from './validation.js';

function selectableField(obj: KubeObject, field: string): string | undefined {
  const event = obj as CoreEvent;
  const involved = event.involvedObject ?? {};
  switch (field) {
    case 'involvedObject.kind':
      return involved.kind ?? '';
    case 'involvedObject.namespace':
      return involved.namespace ?? '';
    case 'involvedObject.name':
      return involved.name ?? '';
    case 'involvedObject.uid':
      return involved.uid ?? '';
    case 'involvedObject.apiVersion':
      return involved.apiVersion ?? '';
    case 'involvedObject.resourceVersion':
      return involved.resourceVersion ?? '';
    case 'involvedObject.fieldPath':
      return involved.fieldPath ?? '';
    case 'reason':
      return event.reason ?? '';
    case 'reportingComponent':
      return event.reportingComponent ?? '';
    case 'source':
      return event.source?.component ?? '';
    case 'type':
      return event.type ?? '';
    default:
      return undefined;
  }
}

/** kube-apiserver's `--event-ttl` (1 h). */
export const EVENT_TTL_SECONDS = 3600;

export const eventResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Event',
  plural: 'events',
  singular: 'event',
  namespaced: true,
  shortNames: ['ev'],
  categories: [],
  storagePrefix: 'events',
  verbs: ALL_VERBS,
  subresources: [],
  strategy: {
    // kube-apiserver's --event-ttl default: every write attaches a fresh one-hour etcd lease.
    ttlSeconds: EVENT_TTL_SECONDS,
    validate: (obj) => validateObjectMeta(obj, { namespaced: true, nameRule: 'subdomain' }),
    selectableField,
    // describe asks for one object's Events by name (and kind, namespace, uid).
    indexedFields: ['involvedObject.name'],
    selectableFields: [
      'involvedObject.kind',
      'involvedObject.namespace',
      'involvedObject.name',
      'involvedObject.uid',
      'involvedObject.apiVersion',
      'involvedObject.resourceVersion',
      'involvedObject.fieldPath',
      'reason',
      'reportingComponent',
      'source',
      'type',
    ],
  },
  printer: {
    columns: [
      column('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
      column('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
      column('Reason', 'string', "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
      column('Object', 'string', 'The object that this event is about.'),
      column('Subobject', 'string', 'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement.', 1),
      column('Source', 'string', 'The component reporting this event. Should be a short machine understandable string.', 1),
      column('Message', 'string', 'A human-readable description of the status of this operation.'),
      column('First Seen', 'string', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', 1),
      column('Count', 'string', 'The number of times this event has occurred.', 1),
      column('Name', 'string', 'Name must be unique within a namespace.', 1, 'name'),
    ],
    cells: coreEventCells,
  },
};
