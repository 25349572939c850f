/**
 * The list cache on its own: built from one scan per resource, kept in key order by the writes it
 * is told of, trusted only while the revision chain is unbroken, and sliced by namespace prefix.
 */
import { describe, expect, it } from 'vitest';
import { ListCache } from '../../../../src/main/cluster/apiserver/list-cache.js';
import type { KeyValue } from '../../../../src/main/cluster/store/etcd-client.js';

const PREFIX = '/registry/pods/';

/** A tiny store: key → stored version, with a revision counter and a scan counter. */
function store(keys: string[], revision: number) {
  const kvs = new Map<string, KeyValue>(keys.map((key) => [key, { key, value: '{}', createRevision: 1, modRevision: 1, version: 1 }]));
  const state = { revision, scans: 0, reads: 0 };
  return {
    state,
    put(key: string): void {
      state.revision++;
      kvs.set(key, { key, value: '{}', createRevision: state.revision, modRevision: state.revision, version: 1 });
    },
    remove(key: string): void {
      state.revision++;
      kvs.delete(key);
    },
    scan: (): KeyValue[] => {
      state.scans++;
      return [...kvs.values()].filter((kv) => kv.key.startsWith(PREFIX)).sort((a, b) => (a.key < b.key ? -1 : 1));
    },
    read: (key: string): KeyValue | undefined => {
      state.reads++;
      return kvs.get(key);
    },
  };
}

describe('ListCache', () => {
  it('builds a resource once and slices it by namespace prefix (ns-a does not reach into ns-ab)', () => {
    const s = store([`${PREFIX}ns-ab/x`, `${PREFIX}ns-a/b`, `${PREFIX}ns-a/a`, `${PREFIX}default/z`], 4);
    const cache = new ListCache(4);
    const keys = (prefix: string): string[] => cache.entries(PREFIX, prefix, prefix, s.state.revision, s.scan, s.read).map((e) => e.key);
    expect(keys(`${PREFIX}ns-a/`)).toEqual([`${PREFIX}ns-a/a`, `${PREFIX}ns-a/b`]);
    expect(keys(PREFIX)).toEqual([`${PREFIX}default/z`, `${PREFIX}ns-a/a`, `${PREFIX}ns-a/b`, `${PREFIX}ns-ab/x`]);
    expect(s.state.scans).toBe(1);
    // From a continue token's start key on.
    expect(cache.entries(PREFIX, PREFIX, `${PREFIX}ns-a/b`, 4, s.scan, s.read).map((e) => e.key)).toEqual([`${PREFIX}ns-a/b`, `${PREFIX}ns-ab/x`]);
  });

  it('follows recorded writes in key order and reads a written key once, at the next list', () => {
    const s = store([`${PREFIX}d/b`], 1);
    const cache = new ListCache(1);
    const list = () => cache.entries(PREFIX, PREFIX, PREFIX, s.state.revision, s.scan, s.read);
    const first = list()[0]!;
    s.put(`${PREFIX}d/a`);
    cache.record(PREFIX, `${PREFIX}d/a`, true, s.state.revision);
    s.put(`${PREFIX}d/b`);
    cache.record(PREFIX, `${PREFIX}d/b`, true, s.state.revision);
    const listed = list();
    expect(listed.map((e) => [e.key, e.kv?.modRevision])).toEqual([
      [`${PREFIX}d/a`, 2],
      [`${PREFIX}d/b`, 3],
    ]);
    // A written key is a new entry (nothing derived from the old version survives).
    expect(listed[1]).not.toBe(first);
    expect(s.state.reads).toBe(2);
    list();
    expect(s.state.reads).toBe(2);
    s.remove(`${PREFIX}d/a`);
    cache.record(PREFIX, `${PREFIX}d/a`, false, s.state.revision);
    expect(list().map((e) => e.key)).toEqual([`${PREFIX}d/b`]);
    expect(s.state.scans).toBe(1);
  });

  it('drops everything when a revision was not recorded (another etcd client wrote) and rebuilds from a scan', () => {
    const s = store([`${PREFIX}d/a`], 1);
    const cache = new ListCache(1);
    const list = () => cache.entries(PREFIX, PREFIX, PREFIX, s.state.revision, s.scan, s.read).map((e) => e.key);
    list();
    s.put(`${PREFIX}d/foreign`); // not recorded
    expect(list()).toEqual([`${PREFIX}d/a`, `${PREFIX}d/foreign`]);
    expect(s.state.scans).toBe(2);
    // A recorded write after an unseen one breaks the chain too.
    s.put(`${PREFIX}d/unseen`);
    s.put(`${PREFIX}d/seen`);
    cache.record(PREFIX, `${PREFIX}d/seen`, true, s.state.revision);
    expect(list()).toEqual([`${PREFIX}d/a`, `${PREFIX}d/foreign`, `${PREFIX}d/seen`, `${PREFIX}d/unseen`]);
    expect(s.state.scans).toBe(3);
    expect(cache.size).toBe(1);
  });
});
