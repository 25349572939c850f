/**
 * Records core/v1 Events about an object, as client-go's EventRecorder does: names are
 * `<object>.<hex time>`, and a repeat of the same reason and message bumps `count` and
 * `lastTimestamp` on the existing Event instead of creating another — with a PATCH from the
 * recorder's own memory of what it sent (client-go's correlator cache), never a read, so a
 * component whose role may only create and patch Events still aggregates them.
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

/** client-go's correlator cache size (maxLruCacheEntries). */
const MAX_REMEMBERED = 4096;

export class EventRecorder {
  private readonly seen = new Map<string, { name: string; count: number }>();
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
    const remembered = this.seen.get(aggregateKey);
    if (remembered) {
      const count = remembered.count + 1;
      if (this.client.patch(EVENTS, namespace, remembered.name, 'strategic', { count, lastTimestamp: now }).ok) {
        this.remember(aggregateKey, { name: remembered.name, count });
        return;
      }
    }
    const name = this.nextName(meta.name ?? '');
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
    // client-go names events by the nanosecond; on a virtual clock two recorders can meet in the same
    // millisecond, so a name already taken moves on to the next one (deterministically).
    for (let attempt = 0; attempt < 8; attempt++) {
      const created = this.client.create(EVENTS, namespace, event);
      if (created.ok) {
        this.remember(aggregateKey, { name: event.metadata.name ?? '', count: 1 });
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

  /** Most recently used last; the oldest entry goes once the cache is full. */
  private remember(key: string, entry: { name: string; count: number }): void {
    this.seen.delete(key);
    this.seen.set(key, entry);
    if (this.seen.size > MAX_REMEMBERED) this.seen.delete(this.seen.keys().next().value as string);
  }
}
