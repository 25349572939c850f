/**
 * Records core/v1 Events about an object, as client-go's EventRecorder does: names are
 * `<object>.<hex time>`, and every event goes through client-go's EventCorrelator first — a repeat
 * bumps `count` and `lastTimestamp` on the existing Event with a PATCH from the recorder's own
 * memory (never a read, so a component whose role may only create and patch Events still
 * aggregates them), similar events are combined and a source's flood about one object is dropped.
 * kube-scheduler records through the events.k8s.io/v1 library instead, which only counts repeats.
 */
import type { CoreEvent } from '../../../shared/api/core.js';
import type { KubeObject } from '../../../shared/api/meta.js';
import type { Clock } from '../../base/clock.js';
import { rfc3339 } from '../../base/duration.js';
import type { ApiClient } from './api-client.js';
import { type CorrelatorOptions, EventCorrelator } from './event-correlator.js';
import { EVENTS } from './resources.js';

export interface EventSource {
  component: string;
  host?: string;
}

/** client-go's core/v1 recorder: the whole correlator. */
const CORE_V1: CorrelatorOptions = { aggregate: true, spamFilter: true };

export class EventRecorder {
  private readonly correlator: EventCorrelator;
  private counter = 0;

  constructor(
    private readonly client: ApiClient,
    private readonly clock: Clock,
    private readonly source: EventSource,
    correlation: CorrelatorOptions = CORE_V1,
  ) {
    this.correlator = new EventCorrelator(correlation);
  }

  event(object: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
    const meta = object.metadata;
    const namespace = meta.namespace || 'default';
    const now = rfc3339(this.clock.now());
    const fresh: CoreEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { namespace },
      involvedObject: {
        apiVersion: object.apiVersion,
        kind: object.kind,
        name: meta.name,
        namespace: meta.namespace,
        uid: meta.uid,
        resourceVersion: meta.resourceVersion,
        ...(fieldPath ? { fieldPath } : {}),
      },
      reason,
      message,
      source: { component: this.source.component, ...(this.source.host ? { host: this.source.host } : {}) },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: this.source.component,
      reportingInstance: this.source.host ?? '',
    };
    const correlated = this.correlator.correlate(fresh, this.clock.now(), () => this.nextName(meta.name ?? ''));
    if (correlated.skip) return;
    const event = correlated.event;
    if (correlated.update) {
      const patched = this.client.patch(EVENTS, namespace, event.metadata.name ?? '', 'strategic', { count: event.count, lastTimestamp: now, message: event.message });
      // Only an Event gone meanwhile (its TTL ran out) is created again, under the same name.
      if (patched.ok || patched.status.code !== 404) return;
    }
    // client-go names events by the nanosecond; on a virtual clock two recorders can meet in the same
    // millisecond, so a name already taken moves on to the next one (deterministically).
    for (let attempt = 0; attempt < 8; attempt++) {
      const created = this.client.create(EVENTS, namespace, event);
      if (created.ok) {
        this.correlator.named(correlated.key, event.metadata.name ?? '');
        return;
      }
      if (created.status.reason !== 'AlreadyExists') return;
      event.metadata.name = this.nextName(meta.name ?? '');
    }
  }

  /** `<object>.<hex nanoseconds>`: the simulated millisecond plus a counter in the nanosecond digits. */
  private nextName(objectName: string): string {
    const stamp = (BigInt(Math.floor(this.clock.now())) * 1_000_000n + BigInt(this.counter++ % 1_000_000)).toString(16);
    return `${objectName}.${stamp}`;
  }
}
