/**
 * events.k8s.io/v1 Event: the newer view of the objects core v1 calls Events (one resource in
 * etcd, two API versions). `note` is core's `message`, `regarding` its `involvedObject`.
 */
import type { ObjectReference } from './core.js';
import type { KubeObject } from './meta.js';

export interface EventSeries {
  count: number;
  lastObservedTime: string;
}

export interface EventsV1Event extends KubeObject {
  eventTime: string | null;
  series?: EventSeries;
  reportingController?: string;
  reportingInstance?: string;
  action?: string;
  reason?: string;
  regarding?: ObjectReference;
  related?: ObjectReference;
  note?: string;
  type?: string;
  deprecatedSource?: { component?: string; host?: string };
  deprecatedFirstTimestamp?: string | null;
  deprecatedLastTimestamp?: string | null;
  deprecatedCount?: number;
}

/** The core v1 Event as stored, with the fields events.k8s.io/v1 added to it. */
export interface StoredEvent extends KubeObject {
  involvedObject?: ObjectReference;
  reason?: string;
  message?: string;
  source?: { component?: string; host?: string };
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  count?: number;
  type?: string;
  eventTime?: string | null;
  series?: EventSeries;
  action?: string;
  related?: ObjectReference;
  reportingComponent?: string;
  reportingInstance?: string;
}
