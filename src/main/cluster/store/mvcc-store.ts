/**
 * The etcd stand-in: a multi-version key-value store with one global revision, per-key
 * create/mod revision and version, range reads at a past revision, watches that replay history,
 * compaction and snapshots. Single-threaded and synchronous; watch events are delivered through
 * an injected dispatcher so a writer never re-enters itself. Stored versions are frozen and handed
 * out as they are (no copy per read or per watcher), so one revision of a key is one object that
 * readers may cache decodings against.
 */
import { type Disposable, toDisposable } from '../../../shared/lifecycle.js';
import { SortedMap } from './sorted-map.js';
import {
  type Compare,
  CompactedError,
  DuplicateKeyError,
  type EtcdClient,
  FutureRevisionError,
  type KeyValue,
  type RangeOptions,
  type RangeResult,
  type StoreSnapshot,
  type StoreStatus,
  type TxnOp,
  type TxnOpResult,
  type TxnRequest,
  type TxnResponse,
  type WatchEvent,
  type WatchHandlers,
  type WatchOptions,
} from './etcd-client.js';

/** One stored version of a key; `kv` undefined marks a deletion (tombstone). */
interface Revisioned {
  revision: number;
  kv: KeyValue | undefined;
}

interface Watcher {
  key: string;
  prefix: boolean;
  handlers: WatchHandlers;
  active: boolean;
  /** The first revision to deliver: a watch from a future revision waits for it, as etcd's does. */
  fromRevision: number;
}

export type Dispatcher = (deliver: () => void) => void;

const immediate: Dispatcher = (deliver) => deliver();

export class MvccStore implements EtcdClient {
  private revision = 1;
  private compactRevision = 0;
  private readonly history = new Map<string, Revisioned[]>();
  /**
   * Every key with history, sorted, for ordered prefix ranges; its values are the same version
   * arrays as `history`'s (compaction trims them in place).
   */
  private readonly keys = new SortedMap<Revisioned[]>();
  /** Events per revision since the last compaction, for watch replay. */
  private readonly log: Array<{ revision: number; events: WatchEvent[] }> = [];
  private readonly watchers = new Set<Watcher>();

  constructor(private readonly dispatch: Dispatcher = immediate) {}

  static restore(snapshot: StoreSnapshot, dispatch?: Dispatcher): MvccStore {
    const store = new MvccStore(dispatch);
    store.revision = snapshot.revision;
    store.compactRevision = snapshot.compactRevision;
    for (const kv of [...snapshot.kvs].sort((a, b) => compareKeys(a.key, b.key))) {
      const versions = [{ revision: kv.modRevision, kv: Object.freeze({ ...kv }) }];
      store.history.set(kv.key, versions);
      store.keys.insert(kv.key, versions);
    }
    // History before the snapshot is gone, exactly as after a compaction at its revision.
    store.compactRevision = Math.max(store.compactRevision, snapshot.revision);
    return store;
  }

  range(key: string, options: RangeOptions = {}): RangeResult {
    const at = options.revision && options.revision > 0 ? options.revision : this.revision;
    if (at > this.revision) throw new FutureRevisionError();
    if (options.revision && options.revision > 0 && at < this.compactRevision) {
      throw new CompactedError(this.compactRevision);
    }
    const kvs: KeyValue[] = [];
    let count = 0;
    const limit = options.limit ?? 0;
    const histories = options.prefix ? this.keys.valuesWithPrefix(key) : [this.history.get(key) ?? []];
    for (let i = 0; i < histories.length; i++) {
      const kv = versionAt(histories[i]!, at);
      if (!kv) continue;
      count++;
      if (options.countOnly) continue;
      if (limit > 0 && kvs.length >= limit) continue;
      kvs.push(kv);
    }
    return { kvs, count, more: limit > 0 && count > kvs.length, revision: this.revision };
  }

  put(key: string, value: string): { revision: number; prevKv?: KeyValue } {
    const result = this.txn({ compare: [], success: [{ put: { key, value } }], failure: [] });
    const put = result.results[0] as { put: { revision: number; prevKv?: KeyValue } };
    return { revision: result.revision, prevKv: put.put.prevKv };
  }

  delete(key: string, options: { prefix?: boolean } = {}): { revision: number; deleted: number; prevKvs: KeyValue[] } {
    const result = this.txn({ compare: [], success: [{ delete: { key, prefix: options.prefix } }], failure: [] });
    const del = result.results[0] as { delete: { deleted: number; prevKvs: KeyValue[] } };
    return { revision: result.revision, ...del.delete };
  }

  txn(request: TxnRequest): TxnResponse {
    for (const branch of [request.success, request.failure]) {
      if (branch.length < 2) continue;
      const written = branch.flatMap((op) => ('put' in op ? [op.put.key] : 'delete' in op && !op.delete.prefix ? [op.delete.key] : []));
      if (new Set(written).size !== written.length) throw new DuplicateKeyError();
    }
    const succeeded = request.compare.every((c) => this.evaluate(c));
    const ops = succeeded ? request.success : request.failure;
    const writes = ops.some((op) => 'put' in op || 'delete' in op);
    const nextRevision = this.revision + 1;
    const events: WatchEvent[] = [];
    const results: TxnOpResult[] = ops.map((op) => this.apply(op, nextRevision, events));
    // A transaction that changed nothing (e.g. deleting a missing key) does not bump the revision.
    if (writes && events.length > 0) {
      this.revision = nextRevision;
      this.log.push({ revision: nextRevision, events });
      this.notify(events, nextRevision);
    }
    return { succeeded, revision: this.revision, results };
  }

  watch(key: string, options: WatchOptions, handlers: WatchHandlers): Disposable {
    const start = options.startRevision ?? 0;
    const watcher: Watcher = { key, prefix: options.prefix ?? false, handlers, active: true, fromRevision: start };
    if (start > 0 && start < this.compactRevision) {
      const compactRevision = this.compactRevision;
      this.dispatch(() => {
        if (watcher.active) handlers.onError?.({ code: 'compacted', compactRevision });
      });
      return toDisposable(() => {
        watcher.active = false;
      });
    }
    if (start > 0 && start <= this.revision) {
      const replay = this.log
        .filter((entry) => entry.revision >= start)
        .map((entry) => ({ revision: entry.revision, events: entry.events.filter((e) => matches(watcher, e.kv.key)) }))
        .filter((entry) => entry.events.length > 0);
      for (const entry of replay) {
        this.dispatch(() => {
          if (watcher.active) handlers.onEvents(entry.events, entry.revision);
        });
      }
    }
    this.watchers.add(watcher);
    return toDisposable(() => {
      watcher.active = false;
      this.watchers.delete(watcher);
    });
  }

  compact(revision: number): void {
    if (revision <= this.compactRevision) throw new CompactedError(this.compactRevision);
    if (revision > this.revision) throw new FutureRevisionError();
    for (const [key, versions] of this.history) {
      // Keep the newest version at or before the compaction point if it is live, and everything after.
      let keepFrom = versions.findIndex((v) => v.revision > revision);
      if (keepFrom === -1) keepFrom = versions.length;
      const atCompaction = keepFrom > 0 ? versions[keepFrom - 1] : undefined;
      // Trimmed in place: the sorted index holds the same array.
      versions.splice(0, keepFrom);
      if (atCompaction?.kv) versions.unshift(atCompaction);
      if (versions.length === 0) this.history.delete(key);
    }
    this.keys.retain((_, versions) => versions.length > 0);
    const firstKept = this.log.findIndex((entry) => entry.revision >= revision);
    this.log.splice(0, firstKept === -1 ? this.log.length : firstKept);
    this.compactRevision = revision;
  }

  status(): StoreStatus {
    let keys = 0;
    let dbSize = 0;
    for (const versions of this.history.values()) {
      const latest = versions[versions.length - 1]?.kv;
      if (latest) {
        keys++;
        dbSize += latest.key.length + latest.value.length;
      }
    }
    return { revision: this.revision, compactRevision: this.compactRevision, keys, dbSize };
  }

  snapshot(): StoreSnapshot {
    return {
      format: 'kubelab-etcd-snapshot/v1',
      revision: this.revision,
      compactRevision: this.compactRevision,
      kvs: this.range('', { prefix: true }).kvs,
    };
  }

  private apply(op: TxnOp, revision: number, events: WatchEvent[]): TxnOpResult {
    if ('range' in op) return { range: this.range(op.range.key, op.range.options) };
    if ('put' in op) {
      const { key, value } = op.put;
      const prevKv = this.valueAt(key, this.revision);
      const kv: KeyValue = Object.freeze({
        key,
        value,
        createRevision: prevKv ? prevKv.createRevision : revision,
        modRevision: revision,
        version: prevKv ? prevKv.version + 1 : 1,
      });
      this.record(key, { revision, kv });
      events.push({ type: 'PUT', kv, prevKv });
      return { put: { revision, prevKv } };
    }
    const prevKvs: KeyValue[] = [];
    for (const k of this.keysInRange(op.delete.key, op.delete.prefix ?? false)) {
      const prevKv = this.valueAt(k, this.revision);
      if (!prevKv) continue;
      prevKvs.push(prevKv);
      this.record(k, { revision, kv: undefined });
      events.push({
        type: 'DELETE',
        kv: Object.freeze({ key: k, value: '', createRevision: 0, modRevision: revision, version: 0 }),
        prevKv,
      });
    }
    return { delete: { deleted: prevKvs.length, prevKvs } };
  }

  private record(key: string, entry: Revisioned): void {
    let versions = this.history.get(key);
    if (!versions) {
      versions = [];
      this.history.set(key, versions);
      this.keys.insert(key, versions);
    }
    versions.push(entry);
  }

  private valueAt(key: string, revision: number): KeyValue | undefined {
    const versions = this.history.get(key);
    return versions ? versionAt(versions, revision) : undefined;
  }

  private keysInRange(key: string, prefix: boolean): readonly string[] {
    if (!prefix) return this.history.has(key) ? [key] : [];
    return this.keys.keysWithPrefix(key);
  }

  private evaluate(compare: Compare): boolean {
    const kv = this.valueAt(compare.key, this.revision);
    let actual: number | string;
    switch (compare.target) {
      case 'version':
        actual = kv?.version ?? 0;
        break;
      case 'create':
        actual = kv?.createRevision ?? 0;
        break;
      case 'mod':
        actual = kv?.modRevision ?? 0;
        break;
      case 'value':
        actual = kv?.value ?? '';
        break;
    }
    switch (compare.result) {
      case '=':
        return actual === compare.value;
      case '!=':
        return actual !== compare.value;
      case '<':
        return actual < compare.value;
      case '>':
        return actual > compare.value;
    }
  }

  /**
   * One dispatch per transaction delivers to every interested watcher in turn (what one dispatch per
   * watcher, queued back to back, did); a watcher whose handler throws does not keep the others from
   * their events, and the first error is rethrown once all have had them.
   */
  private notify(events: WatchEvent[], revision: number): void {
    // Most transactions write one key: every interested watcher shares the one-event list.
    const single = events.length === 1 ? events : undefined;
    const deliveries: Array<{ watcher: Watcher; events: WatchEvent[] }> = [];
    for (const watcher of this.watchers) {
      if (revision < watcher.fromRevision) continue;
      const mine = single ? (matches(watcher, single[0]!.kv.key) ? single : []) : events.filter((e) => matches(watcher, e.kv.key));
      if (mine.length > 0) deliveries.push({ watcher, events: mine });
    }
    if (deliveries.length > 0) this.dispatch(() => deliver(deliveries, revision));
  }
}

function deliver(deliveries: ReadonlyArray<{ watcher: Watcher; events: WatchEvent[] }>, revision: number): void {
  let failure: { error: unknown } | undefined;
  for (const { watcher, events } of deliveries) {
    if (!watcher.active) continue;
    try {
      watcher.handlers.onEvents(events, revision);
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure) throw failure.error;
}

function matches(watcher: Watcher, key: string): boolean {
  return watcher.prefix ? key.startsWith(watcher.key) : key === watcher.key;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A key's value at a revision: its newest version at or before it (undefined: absent or deleted). */
function versionAt(versions: readonly Revisioned[], revision: number): KeyValue | undefined {
  for (let i = versions.length - 1; i >= 0; i--) {
    const v = versions[i]!;
    if (v.revision <= revision) return v.kv;
  }
  return undefined;
}
