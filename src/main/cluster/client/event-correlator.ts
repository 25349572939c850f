/**
 * client-go's EventCorrelator (tools/record/events_cache.go), which every core/v1 event recorder
 * runs before writing: an exact repeat (same source, object, type, reason and message) becomes a
 * count bump on the Event already written; the 10th distinct message with the same reason about
 * the same object within 10 minutes becomes one "(combined from similar events): …" Event that
 * later ones bump; and a token bucket per source and object (burst 25, one more every 5 minutes)
 * drops the rest. Each cache keeps its 4,096 most recently used entries.
 */
import type { CoreEvent } from '../../../shared/api/core.js';

/** maxLruCacheEntries. */
const CACHE_SIZE = 4096;
/** defaultAggregateMaxEvents / defaultAggregateIntervalInSeconds. */
const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_INTERVAL_MS = 600_000;
/** defaultSpamBurst / defaultSpamQPS. */
const SPAM_BURST = 25;
const SPAM_QPS = 1 / 300;

export interface CorrelatorOptions {
  /** Group similar events (EventAggregatorByReasonFunc). */
  aggregate: boolean;
  /** Rate-limit events per source and object (EventSourceObjectSpamFilter). */
  spamFilter: boolean;
}

export interface Correlation {
  /** The Event to write: new, or (`update`) the remembered one with its count bumped. */
  event: CoreEvent;
  /** Patch `count`, `lastTimestamp` and `message` of the Event named `event.metadata.name`. */
  update: boolean;
  /** The spam filter dropped it. */
  skip: boolean;
  /** The logger's key, to learn the name the server finally gave the Event. */
  key: string;
}

interface Observation {
  count: number;
  firstTimestamp: string | undefined;
  name: string;
}

/** A map that forgets its least recently used entry beyond `size` (groupcache's lru.Cache). */
class LruMap<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly size: number) {}

  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.size) this.map.delete(this.map.keys().next().value as string);
  }
}

/** x/time/rate's token bucket as flowcontrol's TryAccept uses it: starts full. */
class TokenBucket {
  private tokens = SPAM_BURST;

  constructor(private last: number) {}

  tryAccept(now: number): boolean {
    this.tokens = Math.min(SPAM_BURST, this.tokens + (Math.max(0, now - this.last) / 1000) * SPAM_QPS);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

function objectKeyParts(event: CoreEvent): string[] {
  const o = event.involvedObject;
  return [event.source?.component ?? '', event.source?.host ?? '', o.kind ?? '', o.namespace ?? '', o.name ?? '', o.uid ?? '', o.apiVersion ?? ''];
}

/** getEventKey: source, object (with fieldPath), type, reason and message. */
function eventKey(event: CoreEvent): string {
  const o = event.involvedObject;
  const [component, host, kind, namespace, name, uid, apiVersion] = objectKeyParts(event);
  return [component, host, kind, namespace, name, o.fieldPath ?? '', uid, apiVersion, event.type ?? '', event.reason ?? '', event.message ?? ''].join('');
}

export class EventCorrelator {
  private readonly aggregates = new LruMap<{ localKeys: Set<string>; last: number }>(CACHE_SIZE);
  private readonly observations = new LruMap<Observation>(CACHE_SIZE);
  private readonly buckets = new LruMap<TokenBucket>(CACHE_SIZE);

  constructor(private readonly options: CorrelatorOptions) {}

  /**
   * EventCorrelate: aggregate, observe (count repeats), then filter. `now` in milliseconds; `newName`
   * names an Event about to be created (a repeat keeps the remembered one's name).
   */
  correlate(incoming: CoreEvent, now: number, newName: () => string): Correlation {
    const { event, key } = this.options.aggregate ? this.aggregate(incoming, now) : { event: incoming, key: eventKey(incoming) };
    const last = this.observations.get(key);
    const repeat = last !== undefined && last.count > 0;
    const observed: CoreEvent = { ...event, metadata: { name: repeat ? last.name : newName(), namespace: event.metadata.namespace } };
    if (repeat) {
      observed.firstTimestamp = last.firstTimestamp;
      observed.count = last.count + 1;
    }
    this.observations.set(key, { count: observed.count ?? 1, firstTimestamp: observed.firstTimestamp ?? undefined, name: observed.metadata.name ?? '' });
    return { event: observed, update: (observed.count ?? 1) > 1, skip: this.options.spamFilter && !this.accept(observed, now), key };
  }

  /** The server gave the Event another name (a taken name was retried): later repeats patch that one. */
  named(key: string, name: string): void {
    const last = this.observations.get(key);
    if (last) last.name = name;
  }

  /** EventAggregate: the 10th distinct message within the interval turns into a combined Event. */
  private aggregate(event: CoreEvent, now: number): { event: CoreEvent; key: string } {
    const aggregateKey = [...objectKeyParts(event), event.type ?? '', event.reason ?? '', event.reportingComponent ?? '', event.reportingInstance ?? ''].join('');
    let record = this.aggregates.get(aggregateKey);
    if (!record || now - record.last > AGGREGATE_INTERVAL_MS) record = { localKeys: new Set(), last: now };
    record.localKeys.add(event.message ?? '');
    record.last = now;
    this.aggregates.set(aggregateKey, record);
    if (record.localKeys.size < AGGREGATE_MAX_EVENTS) return { event, key: eventKey(event) };
    // Do not grow the set beyond the maximum (PopAny).
    record.localKeys.delete(record.localKeys.values().next().value as string);
    const combined: CoreEvent = {
      apiVersion: event.apiVersion,
      kind: event.kind,
      metadata: { namespace: event.metadata.namespace },
      involvedObject: event.involvedObject,
      reason: event.reason,
      message: `(combined from similar events): ${event.message ?? ''}`,
      source: event.source,
      firstTimestamp: event.lastTimestamp,
      lastTimestamp: event.lastTimestamp,
      count: 1,
      type: event.type,
      eventTime: null,
      reportingComponent: '',
      reportingInstance: '',
    };
    return { event: combined, key: aggregateKey };
  }

  /** EventSourceObjectSpamFilter: false when this source has used up its budget for the object. */
  private accept(event: CoreEvent, now: number): boolean {
    const key = objectKeyParts(event).join('');
    let bucket = this.buckets.get(key);
    if (!bucket) bucket = new TokenBucket(now);
    const accepted = bucket.tryAccept(now);
    this.buckets.set(key, bucket);
    return accepted;
  }
}
