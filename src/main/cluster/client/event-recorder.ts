/**
 * Records core/v1 Events about an object, as client-go's EventRecorder does: names are
 * `<object>.<hex time>`, and a repeat of the same reason and message bumps `count` and
 * `lastTimestamp` on the existing Event instead of creating another.
 */
import type { CoreEvent } from '../../../shared/api/core.js';
import type { KubeObject } from '../../../shared/api/meta.js';
import type { Clock } from '../../base/clock.js';
import { rfc3339 } from '../../base/duration.js';
import type { ApiClient } from './api-client.js';
import { EVENTS } from './resources.js';

export interface EventSource {
  component: string;
  host?: string;
}

export class EventRecorder {
  private readonly seen = new Map<string, string>();
  private counter = 0;

  constructor(
    private readonly client: ApiClient,
    private readonly clock: Clock,
    private readonly source: EventSource,
  ) {}

  event(object: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
    const meta = object.metadata;
    const namespace = meta.namespace || 'default';
    const now = rfc3339(this.clock.now());
    const aggregateKey = [meta.uid, fieldPath ?? '', type, reason, message].join('\u0000');
    const existingName = this.seen.get(aggregateKey);
    if (existingName) {
      const existing = this.client.get<CoreEvent>(EVENTS, namespace, existingName);
      if (existing.ok) {
        const updated: CoreEvent = { ...existing.value, count: (existing.value.count ?? 1) + 1, lastTimestamp: now };
        if (this.client.update(EVENTS, namespace, updated).ok) return;
      }
    }
    // Names must be unique even for events in the same millisecond.
    const stamp = (BigInt(Math.floor(this.clock.now())) * 1_000_000n + BigInt(this.counter++ % 1_000_000)).toString(16);
    const name = `${meta.name ?? ''}.${stamp}`;
    const event: CoreEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
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
    if (this.client.create(EVENTS, namespace, event).ok) this.seen.set(aggregateKey, name);
  }
}
