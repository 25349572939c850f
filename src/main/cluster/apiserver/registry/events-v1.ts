/**
 * events.k8s.io/v1 Events: a second version of the core Events resource, stored as core v1
 * Events under /registry/events (so `kubectl get events` sees what an EventRecorder writes through
 * either API). Validation is kube-apiserver's strict one for this version (ValidateEventCreate /
 * ValidateEventUpdate with the events.k8s.io request version); its field paths are the internal
 * ones (`message`, `involvedObject`), as kube-apiserver reports them.
 */
import type { ObjectReference } from '../../../../shared/api/core.js';
import type { EventsV1Event, StoredEvent } from '../../../../shared/api/events.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { type FieldError, goLiteral, invalidValue, required } from '../errors.js';
import { eventFromStorage, eventToStorage } from './event-conversion.js';
import { EVENT_TTL_SECONDS, eventResource } from './event.js';
import { eventCells } from './event-printing.js';
import { ALL_VERBS, type ResourceDefinition } from './resource.js';
import { validateDns1123Subdomain, validateObjectMeta, validateQualifiedName } from './validation.js';
import { semanticEqual } from './workload-validation.js';

const REPORTING_INSTANCE_LENGTH_LIMIT = 128;
const ACTION_LENGTH_LIMIT = 128;
const REASON_LENGTH_LIMIT = 128;
const NOTE_LENGTH_LIMIT = 1024;

function tooManyCharacters(field: string, limit: number): FieldError {
  return invalidValue(field, '', `can have at most ${limit} characters`);
}

/** legacyValidateEvent: what every Event must satisfy, whichever version wrote it. */
function legacyValidate(e: StoredEvent): FieldError[] {
  const errors: FieldError[] = [];
  const namespace = e.metadata.namespace ?? '';
  const involvedNamespace = e.involvedObject?.namespace ?? '';
  if (!e.eventTime) {
    const mismatch = involvedNamespace ? namespace !== involvedNamespace : namespace !== '' && namespace !== 'default';
    if (mismatch) errors.push(invalidValue('involvedObject.namespace', involvedNamespace, 'does not match event.namespace'));
  } else {
    if (!involvedNamespace && namespace !== 'default' && namespace !== 'kube-system') {
      errors.push(invalidValue('involvedObject.namespace', involvedNamespace, 'does not match event.namespace'));
    }
    const controller = e.reportingComponent ?? '';
    if (!controller) errors.push(required('reportingController'));
    errors.push(...validateQualifiedName(controller, 'reportingController'));
    const instance = e.reportingInstance ?? '';
    if (!instance) errors.push(required('reportingInstance'));
    if (instance.length > REPORTING_INSTANCE_LENGTH_LIMIT) errors.push(tooManyCharacters('reportingInstance', REPORTING_INSTANCE_LENGTH_LIMIT));
    const action = e.action ?? '';
    if (!action) errors.push(required('action'));
    if (action.length > ACTION_LENGTH_LIMIT) errors.push(tooManyCharacters('action', ACTION_LENGTH_LIMIT));
    const reason = e.reason ?? '';
    if (!reason) errors.push(required('reason'));
    if (reason.length > REASON_LENGTH_LIMIT) errors.push(tooManyCharacters('reason', REASON_LENGTH_LIMIT));
    if ((e.message ?? '').length > NOTE_LENGTH_LIMIT) errors.push(tooManyCharacters('message', NOTE_LENGTH_LIMIT));
  }
  errors.push(...validateDns1123Subdomain(namespace, 'namespace'));
  return errors;
}

function validateSeries(e: StoredEvent): FieldError[] {
  if (!e.series) return [];
  const errors: FieldError[] = [];
  if ((e.series.count ?? 0) < 2) errors.push(invalidValue('series.count', '', 'should be at least 2'));
  if (!e.series.lastObservedTime) errors.push(required('series.lastObservedTime'));
  return errors;
}

function validateCreate(obj: KubeObject): FieldError[] {
  const e = eventToStorage(obj) as StoredEvent;
  const errors = legacyValidate(e);
  errors.push(...validateObjectMeta(e, { namespaced: true, nameRule: 'subdomain' }), ...validateSeries(e));
  if (!e.eventTime) errors.push(required('eventTime'));
  if (e.type !== 'Normal' && e.type !== 'Warning') errors.push(invalidValue('type', '', `has invalid value: ${e.type ?? ''}`));
  if (e.firstTimestamp) errors.push(invalidValue('firstTimestamp', '', 'needs to be unset'));
  if (e.lastTimestamp) errors.push(invalidValue('lastTimestamp', '', 'needs to be unset'));
  if (e.count) errors.push(invalidValue('count', '', 'needs to be unset'));
  if (e.source?.component || e.source?.host) errors.push(invalidValue('source', '', 'needs to be unset'));
  return errors;
}

/** `%#v` of a core.ObjectReference, as ValidateImmutableField prints it. */
function goObjectReference(ref: ObjectReference | undefined): string {
  const r = ref ?? {};
  const fields: Array<[string, string | undefined]> = [
    ['Kind', r.kind],
    ['Namespace', r.namespace],
    ['Name', r.name],
    ['UID', r.uid],
    ['APIVersion', r.apiVersion],
    ['ResourceVersion', r.resourceVersion],
    ['FieldPath', r.fieldPath],
  ];
  return `core.ObjectReference{${fields.map(([name, value]) => `${name}:${JSON.stringify(value ?? '')}`).join(', ')}}`;
}

/** time.Time's String(), which metav1.Time and MicroTime print with: `2026-01-01 00:00:05.5 +0000 UTC`. */
function goTime(value: string | null | undefined): string {
  const ms = value ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) return '0001-01-01 00:00:00 +0000 UTC';
  const iso = new Date(ms).toISOString();
  // Microseconds survive in MicroTime: take the fraction from the text, trailing zeros dropped.
  const fraction = /\.(\d+)/.exec(value ?? '')?.[1]?.replace(/0+$/, '') ?? '';
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction ? `.${fraction}` : ''} +0000 UTC`;
}

function validateUpdate(obj: KubeObject, oldObj: KubeObject): FieldError[] {
  const next = eventToStorage(obj) as StoredEvent;
  const old = eventToStorage(oldObj) as StoredEvent;
  const errors = legacyValidate(next);
  if (!semanticEqual(next.series, old.series)) errors.push(...validateSeries(next));
  const immutable = (field: keyof StoredEvent & string, render: (value: unknown) => unknown = (v) => v ?? ''): void => {
    if (!semanticEqual(next[field] ?? undefined, old[field] ?? undefined)) errors.push(invalidValue(field, render(next[field]), 'field is immutable'));
  };
  immutable('involvedObject', (v) => goLiteral(goObjectReference(v as ObjectReference | undefined)));
  immutable('reason');
  immutable('message');
  immutable('source', (v) => goLiteral(`core.EventSource{Component:${JSON.stringify((v as StoredEvent['source'])?.component ?? '')}, Host:${JSON.stringify((v as StoredEvent['source'])?.host ?? '')}}`));
  // Times compare as instants (Semantic.DeepEqual), whatever their spelling.
  const sameTime = (a: string | null | undefined, b: string | null | undefined): boolean => (a ? Date.parse(a) : 0) === (b ? Date.parse(b) : 0);
  for (const field of ['firstTimestamp', 'lastTimestamp'] as const) {
    if (!sameTime(next[field], old[field])) errors.push(invalidValue(field, goLiteral(goTime(next[field])), 'field is immutable'));
  }
  immutable('count', (v) => v ?? 0);
  immutable('type');
  if (!sameTime(next.eventTime, old.eventTime)) errors.push(invalidValue('eventTime', goLiteral(goTime(next.eventTime)), 'field is immutable'));
  immutable('action');
  // field.Invalid dereferences a pointer, and writes a nil one as "null".
  immutable('related', (v) => (v ? goLiteral(goObjectReference(v as ObjectReference)) : 'null'));
  // Reported under this version's names, as ValidateEventUpdate spells them.
  if ((next.reportingComponent ?? '') !== (old.reportingComponent ?? '')) errors.push(invalidValue('reportingController', next.reportingComponent ?? '', 'field is immutable'));
  if ((next.reportingInstance ?? '') !== (old.reportingInstance ?? '')) errors.push(invalidValue('reportingInstance', next.reportingInstance ?? '', 'field is immutable'));
  return errors;
}

function normalize(obj: KubeObject): void {
  const converted = eventFromStorage(eventToStorage(obj));
  for (const key of Object.keys(obj)) delete obj[key];
  Object.assign(obj, converted);
}

/** The field selectors events.k8s.io/v1 accepts, converted to the stored Event's fields. */
function selectableField(obj: KubeObject, field: string): string | undefined {
  const e = obj as EventsV1Event;
  const regarding = e.regarding ?? {};
  switch (field) {
    case 'regarding.kind':
      return regarding.kind ?? '';
    case 'regarding.namespace':
      return regarding.namespace ?? '';
    case 'regarding.name':
      return regarding.name ?? '';
    case 'regarding.uid':
      return regarding.uid ?? '';
    case 'regarding.apiVersion':
      return regarding.apiVersion ?? '';
    case 'regarding.resourceVersion':
      return regarding.resourceVersion ?? '';
    case 'regarding.fieldPath':
      return regarding.fieldPath ?? '';
    case 'reason':
      return e.reason ?? '';
    case 'reportingController':
      return e.reportingController ?? '';
    case 'source':
      // Still accepted by the field label conversion: the old source, else the reporting controller.
      return e.deprecatedSource?.component || e.reportingController || '';
    case 'type':
      return e.type ?? '';
    default:
      return undefined;
  }
}

export const eventsV1EventResource: ResourceDefinition = {
  group: 'events.k8s.io',
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
  conversion: { toStorage: eventToStorage, fromStorage: eventFromStorage },
  strategy: {
    // kube-apiserver's --event-ttl default: every write attaches a fresh one-hour etcd lease.
    ttlSeconds: EVENT_TTL_SECONDS,
    // The object answered is the stored one read back: Go's empty values filled in.
    prepareForCreate: normalize,
    prepareForUpdate: normalize,
    validate: validateCreate,
    validateUpdate,
    selectableField,
    selectableFields: [
      'regarding.kind',
      'regarding.namespace',
      'regarding.name',
      'regarding.uid',
      'regarding.apiVersion',
      'regarding.resourceVersion',
      'regarding.fieldPath',
      'reason',
      'reportingController',
      'source',
      'type',
    ],
  },
  printer: { columns: eventResource.printer?.columns ?? [], cells: eventCells },
};

export const eventsV1Resources: readonly ResourceDefinition[] = [eventsV1EventResource];
