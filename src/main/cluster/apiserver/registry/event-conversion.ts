/**
 * Conversion between events.k8s.io/v1 Events and the core v1 Events they are stored as
 * (pkg/apis/events/v1 conversion): `note`↔`message`, `regarding`↔`involvedObject`,
 * `reportingController`↔`reportingComponent`, the `deprecated*` fields↔the old ones. Empty
 * values come out as Go's encoder writes them (`deprecatedSource: {}`, null timestamps).
 */
import type { EventsV1Event, StoredEvent } from '../../../../shared/api/events.js';
import type { KubeObject } from '../../../../shared/api/meta.js';

function set<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined | '' | 0): void {
  if (value !== undefined && value !== '' && value !== 0) target[key] = value as T[K];
}

export function eventToStorage(obj: KubeObject): KubeObject {
  const e = obj as EventsV1Event;
  const stored: StoredEvent = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: e.metadata,
    involvedObject: e.regarding ?? {},
  };
  set(stored, 'reason', e.reason);
  set(stored, 'message', e.note);
  stored.source = e.deprecatedSource ?? {};
  stored.firstTimestamp = e.deprecatedFirstTimestamp ?? null;
  stored.lastTimestamp = e.deprecatedLastTimestamp ?? null;
  set(stored, 'count', e.deprecatedCount);
  set(stored, 'type', e.type);
  stored.eventTime = e.eventTime ?? null;
  if (e.series) stored.series = e.series;
  set(stored, 'action', e.action);
  if (e.related) stored.related = e.related;
  // Core v1 writes both reporting fields even when empty (no omitempty).
  stored.reportingComponent = e.reportingController ?? '';
  stored.reportingInstance = e.reportingInstance ?? '';
  return stored;
}

export function eventFromStorage(obj: KubeObject): KubeObject {
  const s = obj as StoredEvent;
  const event: EventsV1Event = { apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: s.metadata, eventTime: s.eventTime ?? null };
  if (s.series) event.series = s.series;
  set(event, 'reportingController', s.reportingComponent);
  set(event, 'reportingInstance', s.reportingInstance);
  set(event, 'action', s.action);
  set(event, 'reason', s.reason);
  event.regarding = s.involvedObject ?? {};
  if (s.related) event.related = s.related;
  set(event, 'note', s.message);
  set(event, 'type', s.type);
  event.deprecatedSource = s.source ?? {};
  event.deprecatedFirstTimestamp = s.firstTimestamp ?? null;
  event.deprecatedLastTimestamp = s.lastTimestamp ?? null;
  set(event, 'deprecatedCount', s.count);
  return event;
}
