import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/shared/api/core.js';
import { Informer, type InformerChange } from '../../../../src/main/cluster/client/informer.js';
import { PODS } from '../../../../src/main/cluster/client/resources.js';
import type { RequestQuery, WatchEventObject } from '../../../../src/main/cluster/apiserver/types.js';
import { gone } from '../../../../src/main/cluster/apiserver/errors.js';
import { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import type { ResourceRef } from '../../../../src/main/cluster/client/resources.js';
import { type TestCluster, createPod, expectOk, makeCluster } from '../../helpers/cluster.js';

/** A client whose watches can be muted (a dropped connection) and then expired with 410 Gone. */
class FlakyClient extends ApiClient {
  mute = false;
  watches = 0;
  private onEvent: ((event: WatchEventObject) => void) | undefined;

  constructor(cluster: TestCluster) {
    super(cluster.api, 'flaky');
  }

  override watch(ref: ResourceRef, namespace: string | undefined, query: RequestQuery, onEvent: (event: WatchEventObject) => void, name?: string) {
    this.watches++;
    this.onEvent = onEvent;
    return super.watch(ref, namespace, query, (event) => {
      if (!this.mute) onEvent(event);
    }, name);
  }

  expire(): void {
    this.onEvent?.({ type: 'ERROR', object: gone('too old resource version') });
  }
}

let cluster: TestCluster;

beforeEach(() => {
  cluster = makeCluster();
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function informer(options: ConstructorParameters<typeof Informer<Pod>>[2] = {}): { informer: Informer<Pod>; changes: string[] } {
  const inf = cluster.disposables.add(new Informer<Pod>(cluster.client('informer'), PODS, options));
  const changes: string[] = [];
  inf.onDidChange((c: InformerChange<Pod>) => changes.push(`${c.type} ${c.object.metadata.name ?? ''}`));
  return { informer: inf, changes };
}

describe('Informer', () => {
  it('lists, then follows changes through its watch', () => {
    const client = cluster.client('kubectl');
    createPod(client, 'a');
    const { informer: inf, changes } = informer();
    expect(inf.hasSynced).toBe(false);
    inf.start();
    expect(inf.hasSynced).toBe(true);
    expect(changes).toEqual(['add a']);
    const b = createPod(client, 'b');
    expectOk(client.update(PODS, 'default', { ...b, metadata: { ...b.metadata, labels: { x: 'y' } } }));
    expectOk(client.delete(PODS, 'default', 'a'));
    cluster.settle();
    expect(changes).toEqual(['add a', 'add b', 'update b', 'delete a']);
    expect(inf.list().map((p) => p.metadata.name)).toEqual(['b']);
    expect(inf.get('default/b')?.metadata.labels).toEqual({ x: 'y' });
    expect(inf.get('default/a')).toBeUndefined();
  });

  it('does not replay the listed objects a second time through the watch', () => {
    const client = cluster.client('kubectl');
    createPod(client, 'a');
    const { informer: inf, changes } = informer();
    inf.start();
    cluster.settle();
    expect(changes).toEqual(['add a']);
  });

  it('honours a field selector', () => {
    const client = cluster.client('kubectl');
    createPod(client, 'mine', { nodeName: 'node01' });
    createPod(client, 'theirs', { nodeName: 'node02' });
    const { informer: inf } = informer({ query: { fieldSelector: 'spec.nodeName=node01' } });
    inf.start();
    createPod(client, 'later', { nodeName: 'node01' });
    cluster.settle();
    expect(inf.list().map((p) => p.metadata.name).sort()).toEqual(['later', 'mine']);
  });

  it('re-lists after its watch ends with 410 Gone and reports the difference', () => {
    const client = cluster.client('kubectl');
    createPod(client, 'a');
    createPod(client, 'b');
    const flaky = new FlakyClient(cluster);
    const inf = cluster.disposables.add(new Informer<Pod>(flaky, PODS));
    const changes: string[] = [];
    inf.onDidChange((c) => changes.push(`${c.type} ${c.object.metadata.name ?? ''}`));
    inf.start();
    // While the watch is "disconnected", the cluster changes; the informer has not seen it.
    flaky.mute = true;
    expectOk(client.delete(PODS, 'default', 'a'));
    createPod(client, 'c');
    cluster.settle();
    expect(inf.list().map((p) => p.metadata.name).sort()).toEqual(['a', 'b']);
    flaky.mute = false;
    flaky.expire();
    expect(inf.list().map((p) => p.metadata.name).sort()).toEqual(['b', 'c']);
    expect(changes).toEqual(['add a', 'add b', 'update b', 'add c', 'delete a']);
    expect(flaky.watches).toBe(2);
  });

  it('stops updating after dispose', () => {
    const client = cluster.client('kubectl');
    const { informer: inf, changes } = informer();
    inf.start();
    inf.dispose();
    createPod(client, 'a');
    cluster.settle();
    expect(changes).toEqual([]);
    expect(inf.list()).toEqual([]);
  });
});
