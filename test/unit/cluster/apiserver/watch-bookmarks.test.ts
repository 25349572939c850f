import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigMap } from '../../../../src/shared/api/core.js';
import { CONFIG_MAPS } from '../../../../src/main/cluster/client/resources.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import type { WatchEventObject } from '../../../../src/main/cluster/apiserver/types.js';
import { type TestCluster, expectOk, makeCluster, recordWatch } from '../../helpers/cluster.js';

let cluster: TestCluster;
let client: ApiClient;

beforeEach(() => {
  cluster = makeCluster();
  client = cluster.client('kubectl');
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function create(name: string): ConfigMap {
  return expectOk(client.create<ConfigMap>(CONFIG_MAPS, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } }));
}

const bookmarks = (events: WatchEventObject[]): WatchEventObject[] => events.filter((e) => e.type === 'BOOKMARK');

describe('watch bookmarks (allowWatchBookmarks)', () => {
  it('sends a BOOKMARK about every minute: the watched kind with only the current resourceVersion', () => {
    create('a');
    const events = recordWatch(cluster, CONFIG_MAPS, 'default', { allowWatchBookmarks: true });
    cluster.clock.advance(59_000);
    expect(bookmarks(events)).toEqual([]);
    create('b');
    cluster.clock.advance(1_000);
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'ADDED', 'BOOKMARK']);
    expect(events[2]!.object).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { resourceVersion: String(cluster.revision()) } });
    cluster.clock.advance(120_000);
    expect(bookmarks(events)).toHaveLength(3);
  });

  it('a bookmark never runs ahead of an event the watcher has not received yet', () => {
    // A write in the same instant as the bookmark timer, just before it: its event is still queued.
    cluster.clock.schedule(60_000, () => create('late'));
    const events = recordWatch(cluster, CONFIG_MAPS, 'default', { allowWatchBookmarks: true });
    cluster.clock.advance(60_000);
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'BOOKMARK']);
    expect(events[1]!.object.metadata?.resourceVersion).toBe(events[0]!.object.metadata?.resourceVersion);
  });

  it('sends none unless asked, stops on dispose, and never keeps the clock busy', () => {
    const plain = recordWatch(cluster, CONFIG_MAPS, 'default');
    const events: WatchEventObject[] = [];
    const watch = expectOk(client.watch(CONFIG_MAPS, 'default', { allowWatchBookmarks: true }, (e) => events.push(e)));
    cluster.settle();
    expect(cluster.clock.nextDue({ foregroundOnly: true })).toBeUndefined();
    cluster.clock.advance(60_000);
    expect(events).toHaveLength(1);
    watch.dispose();
    cluster.clock.advance(600_000);
    expect(events).toHaveLength(1);
    expect(plain).toEqual([]);
  });
});
