/**
 * Lists served as the watch cache serves them: Events found through the `involvedObject.name`
 * index (whichever API version wrote them), and objects a watcher already has shared, frozen.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreEvent, Pod } from '../../../../src/shared/api/core.js';
import type { KubeObject } from '../../../../src/shared/api/meta.js';
import { EVENTS, EVENTS_V1, PODS } from '../../../../src/main/cluster/client/resources.js';
import { type TestCluster, createPod, expectOk, makeCluster } from '../../helpers/cluster.js';

let cluster: TestCluster;
beforeEach(() => {
  cluster = makeCluster();
});
afterEach(() => cluster.dispose());

function coreEvent(name: string, involved: string, kind = 'Pod'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name },
    involvedObject: { kind, name: involved, namespace: 'default' },
    reason: 'Pulled',
    message: name,
    type: 'Normal',
    source: { component: 'kubelet' },
  } as unknown as KubeObject;
}

function eventNames(fieldSelector: string, namespace: string | undefined = 'default'): string[] {
  return expectOk(cluster.client().list<CoreEvent>(EVENTS, namespace, { fieldSelector })).items.map((e) => e.metadata.name ?? '');
}

describe('list through the Event field index', () => {
  it('finds the Events about one object, following updates, deletions and events.k8s.io writes', () => {
    const client = cluster.client();
    expectOk(client.create(EVENTS, 'default', coreEvent('web.2', 'web')));
    expectOk(client.create(EVENTS, 'default', coreEvent('db.1', 'db')));
    expectOk(client.create(EVENTS, 'default', coreEvent('web.1', 'web')));
    expectOk(client.create(EVENTS, 'default', coreEvent('web-node', 'web', 'Node')));
    expectOk(
      client.create(EVENTS_V1, 'default', {
        apiVersion: 'events.k8s.io/v1',
        kind: 'Event',
        metadata: { name: 'web.3' },
        eventTime: '2024-01-01T00:00:00.000000Z',
        regarding: { kind: 'Pod', name: 'web', namespace: 'default' },
        reason: 'Scheduled',
        action: 'Binding',
        reportingController: 'default-scheduler',
        reportingInstance: 'default-scheduler-controlplane',
        type: 'Normal',
      } as unknown as KubeObject),
    );
    expect(eventNames('involvedObject.name=web')).toEqual(['web-node', 'web.1', 'web.2', 'web.3']);
    expect(eventNames('involvedObject.kind=Pod,involvedObject.name=web')).toEqual(['web.1', 'web.2', 'web.3']);
    expect(eventNames('involvedObject.name=web', 'kube-system')).toEqual([]);
    expect(eventNames('involvedObject.name=web', undefined)).toEqual(['web-node', 'web.1', 'web.2', 'web.3']);
    expect(eventNames('involvedObject.name!=web')).toEqual(['db.1']);

    expectOk(client.patch(EVENTS, 'default', 'web.2', 'merge', { involvedObject: { name: 'db' } }));
    expectOk(client.delete(EVENTS, 'default', 'web.1'));
    expect(eventNames('involvedObject.name=web')).toEqual(['web-node', 'web.3']);
    expect(eventNames('involvedObject.name=db')).toEqual(['db.1', 'web.2']);
    // The events.k8s.io view filters on its own field names.
    const v1 = expectOk(cluster.client().list(EVENTS_V1, 'default', { fieldSelector: 'regarding.name=db' }));
    expect(v1.items.map((e) => e.metadata.name)).toEqual(['db.1', 'web.2']);

    // The one-hour TTL removes them through etcd; the index forgets them too.
    cluster.clock.advance(61 * 60_000);
    expect(eventNames('involvedObject.name=db')).toEqual([]);
    expectOk(client.create(EVENTS, 'default', coreEvent('db.2', 'db')));
    expect(eventNames('involvedObject.name=db')).toEqual(['db.2']);
  });
});

describe('lists share the watch cache objects', () => {
  it('returns the object a watcher was handed, frozen, and the same object to every list of a version', () => {
    const client = cluster.client();
    const before = createPod(client, 'web');
    const first = expectOk(client.list<Pod>(PODS, 'default')).items[0]!;
    expect(Object.isFrozen(first)).toBe(true);
    expect(expectOk(client.list<Pod>(PODS)).items[0]).toBe(first);
    const seen: KubeObject[] = [];
    const watch = expectOk(client.watch(PODS, 'default', { resourceVersion: before.metadata.resourceVersion }, (e) => seen.push(e.object as KubeObject)));
    expectOk(client.patch(PODS, 'default', 'web', 'merge', { metadata: { labels: { app: 'web' } } }));
    cluster.settle();
    watch.dispose();
    const listed = expectOk(client.list<Pod>(PODS, 'default')).items[0]!;
    expect(listed).toBe(seen[0]);
    expect(listed).not.toBe(first);
    expect(Object.isFrozen(listed)).toBe(true);
    expect(listed.metadata.labels).toEqual({ app: 'web' });
    expect(expectOk(client.list<Pod>(PODS, 'default', { labelSelector: 'app=web' })).items[0]).toBe(seen[0]);
  });
});
