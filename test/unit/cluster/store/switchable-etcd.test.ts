/** The etcd endpoint pointed at restored data: requests follow, open watches end so watchers re-list. */
import { describe, expect, it } from 'vitest';
import { MvccStore } from '../../../../src/main/cluster/store/mvcc-store.js';
import { SwitchableEtcd } from '../../../../src/main/cluster/store/switchable-etcd.js';

describe('SwitchableEtcd', () => {
  it('serves from the restored store and ends every open watch with a compacted error', () => {
    const live = new MvccStore();
    live.put('/registry/configmaps/default/before', '{}');
    const backup = live.snapshot();
    live.put('/registry/configmaps/default/after', '{}');
    const etcd = new SwitchableEtcd(live);
    const errors: string[] = [];
    const events: string[] = [];
    const watch = etcd.watch('/registry/', { prefix: true }, { onEvents: (e) => events.push(...e.map((x) => x.kv.key)), onError: (e) => errors.push(e.code) });
    etcd.switchTo(MvccStore.restore(backup));
    expect(errors).toEqual(['compacted']);
    expect(etcd.range('/registry/configmaps/', { prefix: true }).kvs.map((kv) => kv.key)).toEqual(['/registry/configmaps/default/before']);
    // The old member's watch is gone: writes to it reach nobody; the new store's writes need a new watch.
    live.put('/registry/configmaps/default/ghost', '{}');
    etcd.put('/registry/configmaps/default/new', '{}');
    expect(events).toEqual([]);
    watch.dispose();
  });
});
