/**
 * The watch cache's label index: for each `key=value` label, the etcd keys of the objects carrying
 * it, so a list with an equality (`app=web`) or set (`app in (a,b)`) selector visits only those
 * keys instead of the whole resource — kube-apiserver's watch cache serves such lists from memory
 * with indexers for the same reason.
 *
 * Kept exact by revision: the API server reports each of its writes with the revision it made. The
 * index is trusted only while that chain is unbroken and matches the store's current revision;
 * a write it did not see (another etcd client, a restored snapshot) drops it, and the next list
 * of a resource rebuilds that resource's part from a scan.
 */
import type { LabelRequirement } from './selectors.js';

/** What a rebuild needs of each stored object of a resource. */
export interface IndexedObject {
  key: string;
  labels: Record<string, string> | undefined;
}

/** Beyond this share of a resource's objects, walking the candidates costs more than a scan. */
const MAX_CANDIDATE_SHARE = 0.5;

function pair(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

export class LabelIndex {
  private readonly keysByLabel = new Map<string, Set<string>>();
  private readonly labelsByKey = new Map<string, Record<string, string> | undefined>();
  private readonly countByResource = new Map<string, number>();
  /** Resources (by etcd prefix) whose every object is indexed; `all` while nothing was missed. */
  private complete: 'all' | Set<string>;
  /** The store revision the index reflects. */
  private revision: number;

  /** `storeEmpty`: the store held nothing when the server started, so every object will pass `record`. */
  constructor(startRevision: number, storeEmpty: boolean) {
    this.revision = startRevision;
    this.complete = storeEmpty ? 'all' : new Set();
  }

  private isComplete(resourcePrefix: string): boolean {
    return this.complete === 'all' || this.complete.has(resourcePrefix);
  }

  private reset(revision: number): void {
    this.keysByLabel.clear();
    this.labelsByKey.clear();
    this.countByResource.clear();
    this.complete = new Set();
    this.revision = revision;
  }

  /** The API server wrote `key` (labels, or null when deleted) and etcd answered with `revision`. */
  record(resourcePrefix: string, key: string, labels: Record<string, string> | undefined | null, revision: number): void {
    if (revision !== this.revision + 1) {
      this.reset(revision);
      return;
    }
    this.revision = revision;
    if (this.isComplete(resourcePrefix)) this.apply(resourcePrefix, key, labels);
  }

  private apply(resourcePrefix: string, key: string, labels: Record<string, string> | undefined | null): void {
    const existed = this.labelsByKey.has(key);
    const old = this.labelsByKey.get(key);
    for (const [k, v] of Object.entries(old ?? {})) {
      if (labels && labels[k] === v) continue;
      const keys = this.keysByLabel.get(pair(k, v));
      keys?.delete(key);
      if (keys?.size === 0) this.keysByLabel.delete(pair(k, v));
    }
    if (labels === null) {
      if (existed) {
        this.labelsByKey.delete(key);
        this.countByResource.set(resourcePrefix, (this.countByResource.get(resourcePrefix) ?? 1) - 1);
      }
      return;
    }
    for (const [k, v] of Object.entries(labels ?? {})) {
      if (old && old[k] === v) continue;
      const id = pair(k, v);
      let keys = this.keysByLabel.get(id);
      if (!keys) this.keysByLabel.set(id, (keys = new Set()));
      keys.add(key);
    }
    // A copy: the written object goes back to the caller, who may change it in place.
    this.labelsByKey.set(key, labels ? { ...labels } : labels);
    if (!existed) this.countByResource.set(resourcePrefix, (this.countByResource.get(resourcePrefix) ?? 0) + 1);
  }

  /**
   * The keys under `prefix` (sorted as etcd orders them) that can match `requirements`, at the
   * store's `currentRevision`; undefined when a scan is the better (or only correct) way: no
   * equality or set requirement, or too many candidates. `scan` lists a resource for a rebuild.
   */
  candidates(
    resourcePrefix: string,
    prefix: string,
    requirements: readonly LabelRequirement[],
    currentRevision: number,
    scan: () => Iterable<IndexedObject>,
  ): string[] | undefined {
    const narrowing = requirements.filter((r) => r.op === '=' || r.op === 'in');
    if (narrowing.length === 0) return undefined;
    if (currentRevision !== this.revision) this.reset(currentRevision);
    if (!this.isComplete(resourcePrefix)) {
      for (const object of scan()) this.apply(resourcePrefix, object.key, object.labels);
      (this.complete as Set<string>).add(resourcePrefix);
    }
    let best: Set<string>[] | undefined;
    let bestSize = Infinity;
    for (const requirement of narrowing) {
      const values = requirement.op === '=' ? [requirement.value] : requirement.op === 'in' ? requirement.values : [];
      const sets = values.map((v) => this.keysByLabel.get(pair(requirement.key, v))).filter((s): s is Set<string> => s !== undefined);
      const size = sets.reduce((n, s) => n + s.size, 0);
      if (size >= bestSize) continue;
      bestSize = size;
      best = sets;
    }
    if (!best) return [];
    if (bestSize > (this.countByResource.get(resourcePrefix) ?? 0) * MAX_CANDIDATE_SHARE) return undefined;
    // A key carries one value per label, so an `in` union holds no duplicates.
    return best
      .flatMap((s) => [...s])
      .filter((k) => k.startsWith(prefix))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Indexed objects, for tests and memory accounting. */
  get size(): number {
    return this.labelsByKey.size;
  }
}
