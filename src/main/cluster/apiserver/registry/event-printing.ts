/**
 * kube-apiserver's printEvent, one table for both versions of Event (it prints the internal type
 * both convert to): here the events.k8s.io view, which core v1 Events are converted to first.
 */
import type { EventsV1Event } from '../../../../shared/api/events.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { eventFromStorage } from './event-conversion.js';
import { age } from './printing.js';

/**
 * printEvent: the same table as core Events. A series reports its last observation and count; a
 * singleton of the new API has no count and shows 1.
 */
export function eventCells(obj: KubeObject, now: number): Array<string | number> {
  const e = obj as EventsV1Event;
  const first = e.deprecatedFirstTimestamp ? age(e.deprecatedFirstTimestamp, now) : age(e.eventTime, now);
  let last = e.deprecatedLastTimestamp ? age(e.deprecatedLastTimestamp, now) : first;
  let count = e.deprecatedCount || 1;
  if (e.series) {
    last = age(e.series.lastObservedTime, now);
    count = e.series.count;
  }
  const regarding = e.regarding ?? {};
  // formatEventSource: the old source fields, else the reporting controller and instance.
  const component = e.deprecatedSource?.component || e.reportingController || '';
  const instance = e.deprecatedSource?.host || e.reportingInstance || '';
  const source = instance ? `${component}, ${instance}` : component;
  return [
    last,
    e.type ?? '',
    e.reason ?? '',
    regarding.name ? `${(regarding.kind ?? '').toLowerCase()}/${regarding.name}` : (regarding.kind ?? '').toLowerCase(),
    regarding.fieldPath ?? '',
    source,
    (e.note ?? '').trim(),
    first,
    count,
    e.metadata.name ?? '',
  ];
}

/** The same row for a core v1 Event. */
export function coreEventCells(obj: KubeObject, now: number): Array<string | number> {
  return eventCells(eventFromStorage(obj), now);
}
