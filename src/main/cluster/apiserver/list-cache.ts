/**
 * The watch cache's store, as lists read it: per resource, its current objects in key order. A list
 * walks one array instead of ranging over etcd's history and looking each version's decoding up —
 * kube-apiserver serves lists from its watch cache the same way (ConsistentListFromCache, on by
 * default since 1.31). An entry also keeps what the resource's table printer derived from its
 * object: a stored version never changes (a write makes a new entry), so a table listed again only
 * formats the ages, and the rows' data sit together in memory instead of across the whole heap.
 *
 * Kept exact by revision, as the label index is: the API server reports each of its writes with
 * the revision it made. The cache is trusted only while that chain is unbroken and matches the
 * store's current revision; a write it did not see (another etcd client, a restored snapshot)
 * drops it, and the next list of a resource rebuilds that resource from a scan.
 */
import type { KubeObject } from '../../../shared/api/meta.js';
import type { KeyValue } from '../store/etcd-client.js';
import type { FilterFacts } from './filter-index.js';

/** One stored object of a cached resource, and what was derived from it (each for whom it was made). */
export interface CacheEntry {
  readonly key: string;
  /** The stored version; read from the store by the first list after the write that made it. */
  kv: KeyValue | undefined;
  /** The version decoded for `decodedFor` (a resource definition). */
  object: KubeObject | undefined;
  decodedFor: unknown;
  /** The table printer's time-independent facts of `object`, made by `printedBy`. */
  rowFacts: unknown;
  printedBy: unknown;
  /** The row's PartialObjectMetadata (a Table's default `includeObject`). */
  partial: KubeObject | undefined;
  /** The labels and selectable fields selectors read, for `filteredFor` (a resource definition). */
  filterFacts: FilterFacts | undefined;
  filteredFor: unknown;
}

export function cacheEntry(key: string, kv: KeyValue | undefined): CacheEntry {
  return { key, kv, object: undefined, decodedFor: undefined, rowFacts: undefined, printedBy: undefined, partial: undefined, filterFacts: undefined, filteredFor: undefined };
}

interface CachedResource {
  /** Sorted as etcd orders keys, parallel to `entries`. */
  keys: string[];
  entries: CacheEntry[];
  /** Entries written since the last list, whose stored version is still to be read. */
  unread: number;
}

/** The first index whose key is not below `key`. */
function lowerBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class ListCache {
  private readonly resources = new Map<string, CachedResource>();
  /** The store revision the cache reflects. */
  private revision: number;

  constructor(startRevision: number) {
    this.revision = startRevision;
  }

  /** The API server wrote `key` under `resourcePrefix` (`exists` false: deleted) and etcd answered with `revision`. */
  record(resourcePrefix: string, key: string, exists: boolean, revision: number): void {
    if (revision !== this.revision + 1) {
      this.reset(revision);
      return;
    }
    this.revision = revision;
    const cached = this.resources.get(resourcePrefix);
    if (!cached) return;
    const i = lowerBound(cached.keys, key);
    const found = cached.keys[i] === key;
    if (exists) cached.unread++;
    if (exists && found) cached.entries[i] = cacheEntry(key, undefined);
    else if (exists) {
      cached.keys.splice(i, 0, key);
      cached.entries.splice(i, 0, cacheEntry(key, undefined));
    } else if (found) {
      cached.keys.splice(i, 1);
      cached.entries.splice(i, 1);
    }
  }

  /**
   * The entries under `prefix` (a resource's or one namespace's), from `startKey` on, at the
   * store's `currentRevision`, each with its stored version. `scan` lists the whole resource for a
   * (re)build; `read` reads one key written since.
   */
  entries(
    resourcePrefix: string,
    prefix: string,
    startKey: string,
    currentRevision: number,
    scan: () => readonly KeyValue[],
    read: (key: string) => KeyValue | undefined,
  ): CacheEntry[] {
    if (currentRevision !== this.revision) this.reset(currentRevision);
    let cached = this.resources.get(resourcePrefix);
    if (!cached) {
      const kvs = scan();
      cached = { keys: kvs.map((kv) => kv.key), entries: kvs.map((kv) => cacheEntry(kv.key, kv)), unread: 0 };
      this.resources.set(resourcePrefix, cached);
    }
    const from = lowerBound(cached.keys, startKey > prefix ? startKey : prefix);
    // Keys are ASCII paths: everything under the prefix sorts below the prefix followed by U+FFFF.
    const to = lowerBound(cached.keys, `${prefix}\uffff`);
    const entries = cached.entries.slice(from, to);
    if (cached.unread === 0) return entries;
    for (const entry of cached.entries) {
      if (entry.kv) continue;
      entry.kv = read(entry.key);
      if (entry.kv) continue;
      // Not stored after all (never while the chain holds): rebuild the resource from the store.
      this.resources.delete(resourcePrefix);
      return this.entries(resourcePrefix, prefix, startKey, currentRevision, scan, read);
    }
    cached.unread = 0;
    return entries;
  }

  private reset(revision: number): void {
    this.resources.clear();
    this.revision = revision;
  }

  /** Cached resources, for tests. */
  get size(): number {
    return this.resources.size;
  }
}
