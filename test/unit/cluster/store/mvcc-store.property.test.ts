/**
 * Property tests of the MVCC store against a plain model: random put / delete / compare-and-swap
 * txn / compact sequences over a small key space, checked for etcd's revision, version and
 * history rules and for watch replay matching the final keyspace.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Compare,
  type CompareResult,
  type CompareTarget,
  CompactedError,
  FutureRevisionError,
  type KeyValue,
  type TxnOp,
  type WatchEvent,
} from '../../../../src/main/cluster/store/etcd-client.js';
import { type Dispatcher, MvccStore } from '../../../../src/main/cluster/store/mvcc-store.js';

const FC = { seed: 42, numRuns: 300 };

const KEYS = ['/a', '/ab', '/b', '/c'];
const key = fc.constantFrom(...KEYS);
const value = fc.constantFrom('1', '2', '3');

type SimpleOp = { put: { key: string; value: string } } | { delete: { key: string } };

type Op =
  | { kind: 'put'; key: string; value: string }
  | { kind: 'delete'; key: string; prefix: boolean }
  | {
      kind: 'txn';
      key: string;
      target: CompareTarget;
      result: CompareResult;
      /** Compare against the key's current value of `target` (a likely success) or a random number. */
      fresh: boolean;
      expected: number;
      success: SimpleOp[];
      failure: SimpleOp[];
    }
  | { kind: 'compact'; at: number }
  | { kind: 'flush' }
  | { kind: 'watch' };

const simpleOp: fc.Arbitrary<SimpleOp> = fc.oneof(
  fc.record({ put: fc.record({ key, value }) }),
  fc.record({ delete: fc.record({ key }) }),
);
/** etcd refuses a txn naming one key twice ("duplicate key given in txn request"); so do we here. */
const distinctOps = fc.uniqueArray(simpleOp, { maxLength: 3, selector: (op) => ('put' in op ? op.put.key : op.delete.key) });

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('put' as const), key, value }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), key: fc.constantFrom(...KEYS, '/', '/x'), prefix: fc.boolean() }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('txn' as const),
      key,
      target: fc.constantFrom<CompareTarget>('mod', 'mod', 'version', 'create'),
      result: fc.constantFrom<CompareResult>('=', '=', '!=', '<', '>'),
      fresh: fc.boolean(),
      expected: fc.nat(30),
      success: distinctOps,
      failure: distinctOps,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('compact' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('flush' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('watch' as const) }) },
);

/** Holds deliveries until flushed, like the lab's zero-delay clock tasks. */
function deferred(): { dispatch: Dispatcher; flush(): void } {
  const queue: Array<() => void> = [];
  return {
    dispatch: (deliver) => {
      queue.push(deliver);
    },
    flush() {
      while (queue.length > 0) queue.shift()!();
    },
  };
}

/** The model: the keyspace after each revision, built by etcd's rules alone. */
class Model {
  revision = 1;
  compactRevision = 0;
  current = new Map<string, KeyValue>();
  readonly states = new Map<number, Map<string, KeyValue>>([[1, new Map()]]);

  field(k: string, target: CompareTarget): number {
    const kv = this.current.get(k);
    if (target === 'mod') return kv?.modRevision ?? 0;
    if (target === 'create') return kv?.createRevision ?? 0;
    return kv?.version ?? 0;
  }

  evaluate(c: Compare): boolean {
    const actual = this.field(c.key, c.target as CompareTarget);
    const expected = c.value as number;
    switch (c.result) {
      case '=':
        return actual === expected;
      case '!=':
        return actual !== expected;
      case '<':
        return actual < expected;
      case '>':
        return actual > expected;
    }
  }

  /** Apply writes at the next revision; returns whether anything changed. */
  write(ops: Array<SimpleOp | { delete: { key: string; prefix: boolean } }>): boolean {
    const next = this.revision + 1;
    const state = new Map(this.current);
    let changed = false;
    for (const o of ops) {
      if ('put' in o) {
        const prev = state.get(o.put.key);
        state.set(o.put.key, {
          key: o.put.key,
          value: o.put.value,
          createRevision: prev ? prev.createRevision : next,
          modRevision: next,
          version: prev ? prev.version + 1 : 1,
        });
        changed = true;
      } else {
        const prefix = 'prefix' in o.delete && o.delete.prefix;
        for (const k of [...state.keys()]) {
          if (prefix ? k.startsWith(o.delete.key) : k === o.delete.key) {
            state.delete(k);
            changed = true;
          }
        }
      }
    }
    if (changed) {
      this.revision = next;
      this.current = state;
      this.states.set(next, state);
    }
    return changed;
  }
}

function sorted(state: Map<string, KeyValue>): KeyValue[] {
  return [...state.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** A watcher folding its events into a map, checking etcd's event shape on the way. */
function folder(): {
  state: Map<string, KeyValue>;
  revisions: number[];
  errors: unknown[];
  handlers: Parameters<MvccStore['watch']>[2];
} {
  const state = new Map<string, KeyValue>();
  const revisions: number[] = [];
  const errors: unknown[] = [];
  return {
    state,
    revisions,
    errors,
    handlers: {
      onEvents: (events: WatchEvent[], revision: number) => {
        revisions.push(revision);
        for (const e of events) {
          expect(e.kv.modRevision).toBe(revision);
          if (e.type === 'PUT') {
            expect(e.prevKv).toEqual(state.get(e.kv.key));
            state.set(e.kv.key, e.kv);
          } else {
            expect(e.prevKv).toEqual(state.get(e.kv.key));
            state.delete(e.kv.key);
          }
        }
      },
      onError: (error) => errors.push(error),
    },
  };
}

describe('MvccStore (property)', () => {
  it('matches a model of etcd for random put/delete/txn/compact sequences', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const { dispatch, flush } = deferred();
        const store = new MvccStore(dispatch);
        const model = new Model();
        const live = folder();
        store.watch('', { prefix: true, startRevision: 0 }, live.handlers);
        /** Watchers from revision 1 started mid-sequence: replay, or `compacted` if history is gone. */
        const replays: Array<{ compactedAtStart: boolean; watch: ReturnType<typeof folder> }> = [];

        for (const o of ops) {
          const before = store.status().revision;
          switch (o.kind) {
            case 'put': {
              const prev = model.current.get(o.key);
              const result = store.put(o.key, o.value);
              model.write([{ put: { key: o.key, value: o.value } }]);
              expect(result).toEqual({ revision: model.revision, prevKv: prev });
              break;
            }
            case 'delete': {
              const prev = sorted(model.current).filter((kv) => (o.prefix ? kv.key.startsWith(o.key) : kv.key === o.key));
              const result = store.delete(o.key, { prefix: o.prefix });
              model.write([{ delete: { key: o.key, prefix: o.prefix } }]);
              expect(result).toEqual({ revision: model.revision, deleted: prev.length, prevKvs: prev });
              break;
            }
            case 'txn': {
              const compare: Compare = {
                key: o.key,
                target: o.target,
                result: o.result,
                value: o.fresh ? model.field(o.key, o.target) : o.expected,
              };
              const succeeded = model.evaluate(compare);
              const result = store.txn({ compare: [compare], success: o.success as TxnOp[], failure: o.failure as TxnOp[] });
              model.write(succeeded ? o.success : o.failure);
              expect(result.succeeded).toBe(succeeded);
              expect(result.revision).toBe(model.revision);
              break;
            }
            case 'compact': {
              const lo = model.compactRevision + 1;
              if (lo > model.revision) {
                expect(() => store.compact(model.revision)).toThrow(CompactedError);
                break;
              }
              const at = Math.min(model.revision, lo + Math.floor(o.at * (model.revision - lo + 1)));
              store.compact(at);
              model.compactRevision = at;
              expect(() => store.compact(at)).toThrow(CompactedError);
              break;
            }
            case 'flush':
              flush();
              break;
            case 'watch': {
              const watch = folder();
              replays.push({ compactedAtStart: model.compactRevision > 1, watch });
              store.watch('', { prefix: true, startRevision: 1 }, watch.handlers);
              break;
            }
          }
          // The revision moves by exactly one per write that changed something, and never otherwise.
          const after = store.status();
          expect(after.revision).toBe(model.revision);
          expect(after.revision - before).toBeLessThanOrEqual(1);
          expect(after.compactRevision).toBe(model.compactRevision);
          expect(store.range('', { prefix: true }).kvs).toEqual(sorted(model.current));
        }
        flush();

        // Every retained past revision reads exactly as the model was then; older ones are compacted.
        for (let r = 1; r <= model.revision; r++) {
          const state = model.states.get(r) ?? undefined;
          if (r < model.compactRevision) {
            expect(() => store.range('', { prefix: true, revision: r })).toThrow(CompactedError);
            continue;
          }
          // A revision no write produced (there are none: each bump is a write) would be a model bug.
          expect(state).toBeDefined();
          expect(store.range('', { prefix: true, revision: r }).kvs).toEqual(sorted(state!));
          for (const k of KEYS) {
            expect(store.range(k, { revision: r }).kvs).toEqual(state!.has(k) ? [state!.get(k)] : []);
          }
        }
        expect(() => store.range('', { prefix: true, revision: model.revision + 1 })).toThrow(FutureRevisionError);

        const final = new Map(store.range('', { prefix: true }).kvs.map((kv) => [kv.key, kv]));
        expect(live.errors).toEqual([]);
        expect(live.state).toEqual(final);
        expect(live.revisions).toEqual([...live.revisions].sort((a, b) => a - b));
        expect(new Set(live.revisions).size).toBe(live.revisions.length);
        for (const { compactedAtStart, watch } of replays) {
          if (compactedAtStart) {
            expect(watch.errors).toHaveLength(1);
            expect(watch.revisions).toEqual([]);
          } else {
            expect(watch.errors).toEqual([]);
            expect(watch.state).toEqual(final);
          }
        }

        // A fresh replay from the start: everything, or `compacted` once history before it is gone.
        const fresh = folder();
        store.watch('', { prefix: true, startRevision: 1 }, fresh.handlers);
        flush();
        if (model.compactRevision > 1) {
          expect(fresh.errors).toEqual([{ code: 'compacted', compactRevision: model.compactRevision }]);
        } else {
          expect(fresh.state).toEqual(final);
        }
        if (model.compactRevision > 0) {
          // The compacted revision still reads; a watch after it, folded onto that read, ends final.
          const base = folder();
          for (const kv of store.range('', { prefix: true, revision: model.compactRevision }).kvs) base.state.set(kv.key, kv);
          store.watch('', { prefix: true, startRevision: model.compactRevision + 1 }, base.handlers);
          // Watching from exactly the compaction revision still replays it (etcd refuses only older).
          const exact = folder();
          for (const kv of model.states.get(model.compactRevision - 1)?.values() ?? []) exact.state.set(kv.key, kv);
          store.watch('', { prefix: true, startRevision: model.compactRevision }, exact.handlers);
          const older = folder();
          store.watch('', { prefix: true, startRevision: model.compactRevision - 1 }, older.handlers);
          flush();
          expect(base.state).toEqual(final);
          expect(exact.errors).toEqual([]);
          if (model.compactRevision > 1) expect(exact.state).toEqual(final);
          if (model.compactRevision > 1) {
            expect(older.errors).toEqual([{ code: 'compacted', compactRevision: model.compactRevision }]);
            expect(older.revisions).toEqual([]);
          }
        }

        // A snapshot restores the same keyspace, with its history compacted away.
        const restored = MvccStore.restore(store.snapshot());
        expect(restored.range('', { prefix: true }).kvs).toEqual(sorted(model.current));
        expect(restored.status().revision).toBe(model.revision);
      }),
      FC,
    );
  });
});
