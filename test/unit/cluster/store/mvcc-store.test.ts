import { describe, expect, it } from 'vitest';
import { CompactedError, DuplicateKeyError, FutureRevisionError, type WatchEvent } from '../../../../src/main/cluster/store/etcd-client.js';
import { type Dispatcher, MvccStore } from '../../../../src/main/cluster/store/mvcc-store.js';

/** A dispatcher that holds deliveries until `flush()`, like the lab's zero-delay clock tasks. */
function deferred(): { dispatch: Dispatcher; flush(): number } {
  const queue: Array<() => void> = [];
  return {
    dispatch: (deliver) => {
      queue.push(deliver);
    },
    flush() {
      let n = 0;
      while (queue.length > 0) {
        queue.shift()!();
        n++;
      }
      return n;
    },
  };
}

interface Seen {
  revision: number;
  events: Array<{ type: WatchEvent['type']; key: string; value: string; prev?: string }>;
}

function collector(): { seen: Seen[]; errors: unknown[]; handlers: Parameters<MvccStore['watch']>[2] } {
  const seen: Seen[] = [];
  const errors: unknown[] = [];
  return {
    seen,
    errors,
    handlers: {
      onEvents: (events, revision) =>
        seen.push({
          revision,
          events: events.map((e) => ({ type: e.type, key: e.kv.key, value: e.kv.value, ...(e.prevKv ? { prev: e.prevKv.value } : {}) })),
        }),
      onError: (error) => errors.push(error),
    },
  };
}

describe('MvccStore revisions', () => {
  it('starts at revision 1 with an empty keyspace', () => {
    const store = new MvccStore();
    expect(store.status()).toEqual({ revision: 1, compactRevision: 0, keys: 0, dbSize: 0 });
    expect(store.range('/', { prefix: true })).toEqual({ kvs: [], count: 0, more: false, revision: 1 });
  });

  it('bumps the revision once per write and tracks create/mod revision and version', () => {
    const store = new MvccStore();
    expect(store.put('/a', '1').revision).toBe(2);
    expect(store.put('/b', 'x').revision).toBe(3);
    expect(store.put('/a', '2').revision).toBe(4);
    expect(store.put('/a', '3').revision).toBe(5);
    const a = store.range('/a').kvs[0];
    expect(a).toEqual({ key: '/a', value: '3', createRevision: 2, modRevision: 5, version: 3 });
    expect(store.range('/b').kvs[0]).toMatchObject({ createRevision: 3, modRevision: 3, version: 1 });
  });

  it('returns the previous value from put', () => {
    const store = new MvccStore();
    expect(store.put('/a', '1').prevKv).toBeUndefined();
    expect(store.put('/a', '2').prevKv).toMatchObject({ value: '1', modRevision: 2, version: 1 });
  });

  it('deletes a key with one revision and restarts its version and createRevision when recreated', () => {
    const store = new MvccStore();
    store.put('/a', '1');
    store.put('/a', '2');
    const deleted = store.delete('/a');
    expect(deleted).toMatchObject({ revision: 4, deleted: 1 });
    expect(deleted.prevKvs.map((kv) => kv.value)).toEqual(['2']);
    expect(store.range('/a').kvs).toEqual([]);
    store.put('/a', 'again');
    expect(store.range('/a').kvs[0]).toMatchObject({ createRevision: 5, modRevision: 5, version: 1 });
  });

  it('does not bump the revision when deleting a missing key', () => {
    const store = new MvccStore();
    store.put('/a', '1');
    expect(store.delete('/nope')).toEqual({ revision: 2, deleted: 0, prevKvs: [] });
    expect(store.status().revision).toBe(2);
  });

  it('deletes a whole prefix in one revision', () => {
    const store = new MvccStore();
    store.put('/registry/pods/default/a', '1');
    store.put('/registry/pods/default/b', '2');
    store.put('/registry/pods/other/c', '3');
    const result = store.delete('/registry/pods/default/', { prefix: true });
    expect(result).toMatchObject({ revision: 5, deleted: 2 });
    expect(store.range('/registry/pods/', { prefix: true }).kvs.map((kv) => kv.key)).toEqual(['/registry/pods/other/c']);
  });
});

describe('MvccStore range', () => {
  function populated(): MvccStore {
    const store = new MvccStore();
    for (const key of ['/registry/pods/default/c', '/registry/pods/default/a', '/registry/pods/kube-system/x', '/registry/pods/default/b', '/registry/minions/node01']) {
      store.put(key, key.slice(key.lastIndexOf('/') + 1));
    }
    return store;
  }

  it('reads one key exactly, not as a prefix', () => {
    const store = populated();
    expect(store.range('/registry/pods/default/a').kvs.map((kv) => kv.value)).toEqual(['a']);
    expect(store.range('/registry/pods/default/').kvs).toEqual([]);
  });

  it('returns prefix ranges sorted by key', () => {
    const store = populated();
    const result = store.range('/registry/pods/', { prefix: true });
    expect(result.kvs.map((kv) => kv.key)).toEqual([
      '/registry/pods/default/a',
      '/registry/pods/default/b',
      '/registry/pods/default/c',
      '/registry/pods/kube-system/x',
    ]);
    expect(result).toMatchObject({ count: 4, more: false, revision: 6 });
  });

  it('limits the result and says there is more', () => {
    const store = populated();
    const result = store.range('/registry/pods/', { prefix: true, limit: 2 });
    expect(result.kvs.map((kv) => kv.value)).toEqual(['a', 'b']);
    expect(result.count).toBe(4);
    expect(result.more).toBe(true);
    expect(store.range('/registry/pods/', { prefix: true, limit: 4 }).more).toBe(false);
  });

  it('counts without returning values', () => {
    const store = populated();
    expect(store.range('/registry/pods/default/', { prefix: true, countOnly: true })).toMatchObject({ kvs: [], count: 3 });
  });

  it('reads as of a past revision', () => {
    const store = new MvccStore();
    store.put('/a', 'v1'); // 2
    store.put('/b', 'b1'); // 3
    store.put('/a', 'v2'); // 4
    store.delete('/b'); // 5
    const at3 = store.range('/', { prefix: true, revision: 3 });
    expect(at3.kvs.map((kv) => [kv.key, kv.value])).toEqual([
      ['/a', 'v1'],
      ['/b', 'b1'],
    ]);
    expect(at3.revision).toBe(5);
    expect(store.range('/a', { revision: 2 }).kvs[0]).toMatchObject({ value: 'v1', version: 1 });
    expect(store.range('/', { prefix: true, revision: 1 }).kvs).toEqual([]);
    expect(store.range('/', { prefix: true }).kvs.map((kv) => kv.value)).toEqual(['v2']);
  });

  it('refuses a future revision', () => {
    const store = new MvccStore();
    store.put('/a', '1');
    expect(() => store.range('/a', { revision: 3 })).toThrow(FutureRevisionError);
    expect(() => store.range('/a', { revision: 3 })).toThrow('mvcc: required revision is a future revision');
  });

  it('hands out frozen versions that cannot change the store, the same object for the same revision', () => {
    const store = new MvccStore();
    store.put('/a', '1');
    const kv = store.range('/a').kvs[0]!;
    expect(() => {
      kv.value = 'mutated';
    }).toThrow(TypeError);
    expect(store.range('/a').kvs[0]!.value).toBe('1');
    expect(store.range('/a').kvs[0]).toBe(kv);
    store.put('/a', '2');
    expect(store.range('/a', { revision: kv.modRevision }).kvs[0]).toBe(kv);
    expect(store.range('/a').kvs[0]).not.toBe(kv);
  });
});

describe('MvccStore txn', () => {
  it('runs the success branch when every compare holds (create-if-absent)', () => {
    const store = new MvccStore();
    const txn = store.txn({
      compare: [{ key: '/a', target: 'create', result: '=', value: 0 }],
      success: [{ put: { key: '/a', value: 'first' } }],
      failure: [{ range: { key: '/a' } }],
    });
    expect(txn.succeeded).toBe(true);
    expect(txn.revision).toBe(2);
    const again = store.txn({
      compare: [{ key: '/a', target: 'create', result: '=', value: 0 }],
      success: [{ put: { key: '/a', value: 'second' } }],
      failure: [{ range: { key: '/a' } }],
    });
    expect(again.succeeded).toBe(false);
    expect(again.revision).toBe(2);
    expect(again.results[0]).toMatchObject({ range: { kvs: [{ value: 'first' }] } });
    expect(store.range('/a').kvs[0]!.value).toBe('first');
  });

  it('compare-and-swaps on modRevision', () => {
    const store = new MvccStore();
    const { revision } = store.put('/a', '1');
    store.put('/a', '2');
    const stale = store.txn({ compare: [{ key: '/a', target: 'mod', result: '=', value: revision }], success: [{ put: { key: '/a', value: 'stale' } }], failure: [] });
    expect(stale.succeeded).toBe(false);
    expect(store.range('/a').kvs[0]!.value).toBe('2');
    const fresh = store.txn({ compare: [{ key: '/a', target: 'mod', result: '=', value: 3 }], success: [{ put: { key: '/a', value: 'fresh' } }], failure: [] });
    expect(fresh.succeeded).toBe(true);
    expect(fresh.revision).toBe(4);
  });

  it('compares version, value and ordering operators', () => {
    const store = new MvccStore();
    store.put('/a', 'x');
    store.put('/a', 'y');
    const holds = (compare: Parameters<MvccStore['txn']>[0]['compare'][number]): boolean =>
      store.txn({ compare: [compare], success: [], failure: [] }).succeeded;
    expect(holds({ key: '/a', target: 'version', result: '=', value: 2 })).toBe(true);
    expect(holds({ key: '/a', target: 'version', result: '>', value: 1 })).toBe(true);
    expect(holds({ key: '/a', target: 'version', result: '<', value: 2 })).toBe(false);
    expect(holds({ key: '/a', target: 'value', result: '=', value: 'y' })).toBe(true);
    expect(holds({ key: '/a', target: 'value', result: '!=', value: 'y' })).toBe(false);
    expect(holds({ key: '/missing', target: 'version', result: '=', value: 0 })).toBe(true);
    expect(holds({ key: '/missing', target: 'mod', result: '=', value: 0 })).toBe(true);
  });

  it('requires every compare to hold', () => {
    const store = new MvccStore();
    store.put('/a', '1');
    const txn = store.txn({
      compare: [
        { key: '/a', target: 'value', result: '=', value: '1' },
        { key: '/b', target: 'create', result: '>', value: 0 },
      ],
      success: [{ put: { key: '/c', value: 'yes' } }],
      failure: [{ put: { key: '/c', value: 'no' } }],
    });
    expect(txn.succeeded).toBe(false);
    expect(store.range('/c').kvs[0]!.value).toBe('no');
  });

  it('applies several writes in one revision', () => {
    const store = new MvccStore();
    const txn = store.txn({ compare: [], success: [{ put: { key: '/a', value: '1' } }, { put: { key: '/b', value: '2' } }], failure: [] });
    expect(txn.revision).toBe(2);
    expect(store.range('/', { prefix: true }).kvs.map((kv) => kv.modRevision)).toEqual([2, 2]);
  });

  it('does not bump the revision for a read-only transaction', () => {
    const store = new MvccStore();
    store.put('/a', '1');
    const txn = store.txn({ compare: [], success: [{ range: { key: '/a' } }], failure: [] });
    expect(txn.revision).toBe(2);
    expect(store.status().revision).toBe(2);
  });
});

describe('MvccStore watch', () => {
  it('delivers new events through the dispatcher, never inside the write', () => {
    const d = deferred();
    const store = new MvccStore(d.dispatch);
    const c = collector();
    store.watch('/a', {}, c.handlers);
    store.put('/a', '1');
    expect(c.seen).toEqual([]);
    expect(d.flush()).toBe(1);
    expect(c.seen).toEqual([{ revision: 2, events: [{ type: 'PUT', key: '/a', value: '1' }] }]);
  });

  it('delivers a write to every watcher in one dispatch, even past a watcher that throws', () => {
    const d = deferred();
    const store = new MvccStore(d.dispatch);
    const first = collector();
    const second = collector();
    store.watch('/a', {}, first.handlers);
    store.watch('/a', {}, {
      onEvents: () => {
        throw new Error('broken watcher');
      },
    });
    store.watch('/a', {}, second.handlers);
    store.put('/a', '1');
    expect(() => d.flush()).toThrow('broken watcher');
    expect(first.seen.map((s) => s.revision)).toEqual([2]);
    expect(second.seen.map((s) => s.revision)).toEqual([2]);
  });

  it('carries the previous value and marks deletions', () => {
    const store = new MvccStore();
    const c = collector();
    store.watch('/a', {}, c.handlers);
    store.put('/a', '1');
    store.put('/a', '2');
    store.delete('/a');
    expect(c.seen).toEqual([
      { revision: 2, events: [{ type: 'PUT', key: '/a', value: '1' }] },
      { revision: 3, events: [{ type: 'PUT', key: '/a', value: '2', prev: '1' }] },
      { revision: 4, events: [{ type: 'DELETE', key: '/a', value: '', prev: '2' }] },
    ]);
  });

  it('filters by key or by prefix', () => {
    const store = new MvccStore();
    const exact = collector();
    const prefix = collector();
    store.watch('/registry/pods/default/a', {}, exact.handlers);
    store.watch('/registry/pods/default/', { prefix: true }, prefix.handlers);
    store.put('/registry/pods/default/a', '1');
    store.put('/registry/pods/default/ab', '2');
    store.put('/registry/pods/other/a', '3');
    store.put('/registry/minions/n', '4');
    expect(exact.seen.map((s) => s.events.map((e) => e.key))).toEqual([['/registry/pods/default/a']]);
    expect(prefix.seen.map((s) => s.events.map((e) => e.key))).toEqual([['/registry/pods/default/a'], ['/registry/pods/default/ab']]);
  });

  it('delivers only the matching events of a multi-key transaction', () => {
    const store = new MvccStore();
    const c = collector();
    store.watch('/x/', { prefix: true }, c.handlers);
    store.txn({ compare: [], success: [{ put: { key: '/x/1', value: 'a' } }, { put: { key: '/y/1', value: 'b' } }, { put: { key: '/x/2', value: 'c' } }], failure: [] });
    expect(c.seen).toEqual([
      {
        revision: 2,
        events: [
          { type: 'PUT', key: '/x/1', value: 'a' },
          { type: 'PUT', key: '/x/2', value: 'c' },
        ],
      },
    ]);
  });

  it('replays history from startRevision (inclusive), then continues live', () => {
    const d = deferred();
    const store = new MvccStore(d.dispatch);
    store.put('/a', '1'); // 2
    store.put('/b', 'x'); // 3
    store.put('/a', '2'); // 4
    const c = collector();
    store.watch('/a', { startRevision: 3 }, c.handlers);
    store.put('/a', '3'); // 5
    d.flush();
    expect(c.seen.map((s) => [s.revision, s.events[0]!.value])).toEqual([
      [4, '2'],
      [5, '3'],
    ]);
  });

  it('waits for a future startRevision instead of delivering earlier events', () => {
    const store = new MvccStore();
    store.put('/a', '1'); // 2
    const c = collector();
    store.watch('/a', { startRevision: 5 }, c.handlers);
    store.put('/a', '2'); // 3
    store.put('/a', '3'); // 4
    store.put('/a', '4'); // 5
    expect(c.seen.map((s) => s.revision)).toEqual([5]);
  });

  it('stops delivering after dispose, including deliveries already queued', () => {
    const d = deferred();
    const store = new MvccStore(d.dispatch);
    const c = collector();
    const watch = store.watch('/a', {}, c.handlers);
    store.put('/a', '1');
    watch.dispose();
    store.put('/a', '2');
    d.flush();
    expect(c.seen).toEqual([]);
  });
});

describe('MvccStore compaction', () => {
  function history(): MvccStore {
    const store = new MvccStore();
    store.put('/a', 'a1'); // 2
    store.put('/b', 'b1'); // 3
    store.put('/a', 'a2'); // 4
    store.delete('/b'); // 5
    store.put('/a', 'a3'); // 6
    return store;
  }

  it('keeps the state at and after the compaction revision', () => {
    const store = history();
    store.compact(4);
    expect(store.status().compactRevision).toBe(4);
    expect(store.range('/a', { revision: 4 }).kvs[0]!.value).toBe('a2');
    expect(store.range('/', { prefix: true, revision: 5 }).kvs.map((kv) => kv.value)).toEqual(['a2']);
    expect(store.range('/a').kvs[0]).toMatchObject({ value: 'a3', version: 3, createRevision: 2 });
  });

  it('makes reads before the compaction revision fail', () => {
    const store = history();
    store.compact(4);
    expect(() => store.range('/a', { revision: 3 })).toThrow(CompactedError);
    expect(() => store.range('/a', { revision: 3 })).toThrow('mvcc: required revision has been compacted');
    let caught: unknown;
    try {
      store.range('/a', { revision: 2 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CompactedError);
    expect((caught as CompactedError).compactRevision).toBe(4);
  });

  it('drops keys that were deleted before the compaction revision', () => {
    const store = history();
    store.compact(6);
    expect(store.range('/', { prefix: true, revision: 6 }).kvs.map((kv) => kv.key)).toEqual(['/a']);
    expect(store.status().keys).toBe(1);
  });

  it('ends a watch from before the compaction with a compacted error', () => {
    const store = history();
    store.compact(5);
    const c = collector();
    store.watch('/a', { startRevision: 3 }, c.handlers);
    expect(c.errors).toEqual([{ code: 'compacted', compactRevision: 5 }]);
    store.put('/a', 'later');
    expect(c.seen).toEqual([]);
  });

  it('still replays from the compaction revision itself', () => {
    const store = history();
    store.compact(5);
    const c = collector();
    store.watch('/', { prefix: true, startRevision: 5 }, c.handlers);
    expect(c.errors).toEqual([]);
    expect(c.seen.map((s) => [s.revision, s.events[0]!.type])).toEqual([
      [5, 'DELETE'],
      [6, 'PUT'],
    ]);
  });

  it('refuses to compact backwards or into the future', () => {
    const store = history();
    store.compact(4);
    expect(() => store.compact(4)).toThrow(CompactedError);
    expect(() => store.compact(3)).toThrow(CompactedError);
    expect(() => store.compact(7)).toThrow(FutureRevisionError);
  });
});

describe('MvccStore snapshot and restore', () => {
  it('snapshots the current keyspace, sorted, with its revision', () => {
    const store = new MvccStore();
    store.put('/b', '2');
    store.put('/a', '1');
    store.put('/c', '3');
    store.delete('/c');
    const snapshot = store.snapshot();
    expect(snapshot.format).toBe('kubelab-etcd-snapshot/v1');
    expect(snapshot.revision).toBe(5);
    expect(snapshot.kvs.map((kv) => [kv.key, kv.value, kv.modRevision])).toEqual([
      ['/a', '1', 3],
      ['/b', '2', 2],
    ]);
  });

  it('restores the same keys, metadata and revision, and keeps counting from there', () => {
    const store = new MvccStore();
    store.put('/a', '1');
    store.put('/a', '2');
    store.put('/b', 'x');
    const restored = MvccStore.restore(JSON.parse(JSON.stringify(store.snapshot())));
    expect(restored.range('/', { prefix: true })).toEqual(store.range('/', { prefix: true }));
    expect(restored.status()).toMatchObject({ revision: 4, keys: 2 });
    expect(restored.put('/a', '3').revision).toBe(5);
    expect(restored.range('/a').kvs[0]).toMatchObject({ version: 3, createRevision: 2 });
    // The original is untouched by writes to the copy.
    expect(store.range('/a').kvs[0]!.value).toBe('2');
  });

  it('has no history before the snapshot: old reads and watches are compacted', () => {
    const store = new MvccStore();
    store.put('/a', '1');
    store.put('/a', '2');
    const restored = MvccStore.restore(store.snapshot());
    expect(restored.status().compactRevision).toBe(3);
    expect(() => restored.range('/a', { revision: 2 })).toThrow(CompactedError);
    const c = collector();
    restored.watch('/a', { startRevision: 2 }, c.handlers);
    expect(c.errors).toHaveLength(1);
  });

  it('restores keys in order so prefix ranges still work', () => {
    const store = new MvccStore();
    for (const key of ['/p/c', '/p/a', '/q/z', '/p/b']) store.put(key, key);
    const restored = MvccStore.restore({ ...store.snapshot(), kvs: [...store.snapshot().kvs].reverse() });
    expect(restored.range('/p/', { prefix: true }).kvs.map((kv) => kv.key)).toEqual(['/p/a', '/p/b', '/p/c']);
  });
});

describe('MvccStore txn with the same key twice', () => {
  it('is refused as etcd refuses it, and changes nothing', () => {
    const store = new MvccStore();
    store.put('/a', '1');
    const before = store.status().revision;
    expect(() =>
      store.txn({ compare: [], success: [{ put: { key: '/a', value: '2' } }, { delete: { key: '/a' } }], failure: [] }),
    ).toThrow(new DuplicateKeyError());
    expect(store.status().revision).toBe(before);
    expect(store.range('/a').kvs[0]?.value).toBe('1');
  });
});
