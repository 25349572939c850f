import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../../../src/shared/api/core.js';
import type { KubeObject, Status } from '../../../../src/shared/api/meta.js';
import { EVENTS, NAMESPACES, NODES, PODS } from '../../../../src/main/cluster/client/resources.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import {
  type TestCluster,
  createNode,
  createPod,
  expectOk,
  expectStatus,
  makeCluster,
  recordWatch,
  summarize,
} from '../../helpers/cluster.js';

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

const names = (items: KubeObject[]): string[] => items.map((i) => i.metadata.name ?? '');

function listPods(query: Parameters<ApiClient['list']>[2] = {}): string[] {
  return names(expectOk(client.list<Pod>(PODS, 'default', query)).items);
}

describe('list', () => {
  it('lists a namespace, sorted by name, with the current revision as resourceVersion', () => {
    createPod(client, 'c');
    createPod(client, 'a');
    createPod(client, 'b', { namespace: 'kube-system' });
    const list = expectOk(client.list(PODS, 'default'));
    expect(list.kind).toBe('PodList');
    expect(list.apiVersion).toBe('v1');
    expect(names(list.items)).toEqual(['a', 'c']);
    expect(list.metadata.resourceVersion).toBe(String(cluster.revision()));
    expect(list.items.every((i) => i.metadata.resourceVersion !== undefined)).toBe(true);
  });

  it('lists all namespaces without a namespace', () => {
    createPod(client, 'a');
    createPod(client, 'b', { namespace: 'kube-system' });
    expect(names(expectOk(client.list(PODS)).items)).toEqual(['a', 'b']);
  });

  it('does not mix up namespaces that share a prefix', () => {
    expectOk(client.create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default2' } }));
    createPod(client, 'a');
    createPod(client, 'b', { namespace: 'default2' });
    expect(listPods()).toEqual(['a']);
  });

  it('pages with limit and continue at a consistent revision', () => {
    for (const n of ['a', 'b', 'c', 'd', 'e']) createPod(client, n);
    const first = expectOk(client.list(PODS, 'default', { limit: 2 }));
    expect(names(first.items)).toEqual(['a', 'b']);
    expect(first.metadata.continue).toBeTruthy();
    // A change after the first page is not seen by later pages.
    createPod(client, 'bb');
    expectOk(client.delete(PODS, 'default', 'd'));
    const second = expectOk(client.list(PODS, 'default', { limit: 2, continue: first.metadata.continue }));
    expect(names(second.items)).toEqual(['c', 'd']);
    expect(second.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
    const third = expectOk(client.list(PODS, 'default', { limit: 2, continue: second.metadata.continue }));
    expect(names(third.items)).toEqual(['e']);
    expect(third.metadata.continue).toBeUndefined();
  });

  it('counts only matching objects against the limit', () => {
    createPod(client, 'a', { labels: { app: 'x' } });
    createPod(client, 'b');
    createPod(client, 'c', { labels: { app: 'x' } });
    createPod(client, 'd', { labels: { app: 'x' } });
    const first = expectOk(client.list(PODS, 'default', { limit: 2, labelSelector: 'app=x' }));
    expect(names(first.items)).toEqual(['a', 'c']);
    const second = expectOk(client.list(PODS, 'default', { limit: 2, labelSelector: 'app=x', continue: first.metadata.continue }));
    expect(names(second.items)).toEqual(['d']);
  });

  it('refuses a malformed continue token', () => {
    expect(expectStatus(client.list(PODS, 'default', { continue: 'not-a-token' })).code).toBe(400);
  });

  it('answers 410 Gone for a continue token older than the compaction', () => {
    for (const n of ['a', 'b', 'c']) createPod(client, n);
    const first = expectOk(client.list(PODS, 'default', { limit: 1 }));
    createPod(client, 'd');
    cluster.store.compact(cluster.revision());
    const status = expectStatus(client.list(PODS, 'default', { limit: 1, continue: first.metadata.continue }));
    expect(status).toMatchObject({ code: 410, reason: 'Expired' });
  });
});

describe('label selectors', () => {
  beforeEach(() => {
    createPod(client, 'web-prod', { labels: { app: 'web', env: 'prod', tier: 'frontend' } });
    createPod(client, 'web-dev', { labels: { app: 'web', env: 'dev' } });
    createPod(client, 'db', { labels: { app: 'db', env: 'prod', replicas: '3' } });
    createPod(client, 'cache', { labels: { app: 'cache', replicas: '10' } });
    createPod(client, 'bare');
  });

  it.each([
    ['app=web', ['web-dev', 'web-prod']],
    ['app==web', ['web-dev', 'web-prod']],
    ['app!=web', ['bare', 'cache', 'db']],
    ['app=web,env=prod', ['web-prod']],
    ['env in (prod,dev)', ['db', 'web-dev', 'web-prod']],
    ['env notin (prod)', ['bare', 'cache', 'web-dev']],
    ['tier', ['web-prod']],
    ['!env', ['bare', 'cache']],
    ['app,!tier', ['cache', 'db', 'web-dev']],
    ['replicas>5', ['cache']],
    ['replicas<5', ['db']],
    ['app in (web), env!=dev', ['web-prod']],
    ['', ['bare', 'cache', 'db', 'web-dev', 'web-prod']],
  ])('%j selects %j', (selector, expected) => {
    expect(listPods({ labelSelector: selector })).toEqual(expected);
  });

  it('answers a malformed selector with 400 and the parser message', () => {
    expect(expectStatus(client.list(PODS, 'default', { labelSelector: 'app in web' }))).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: "unable to parse requirement: found 'web' expected: '('",
    });
    expect(expectStatus(client.list(PODS, 'default', { labelSelector: '=web' })).message).toBe("found '=', expected: !, identifier, or 'end of string'");
  });
});

describe('field selectors', () => {
  beforeEach(() => {
    createPod(client, 'a', { nodeName: 'node01' });
    createPod(client, 'b', { nodeName: 'node02' });
    createPod(client, 'c');
  });

  it.each([
    ['spec.nodeName=node01', ['a']],
    ['spec.nodeName==node01', ['a']],
    ['spec.nodeName!=node01', ['b', 'c']],
    ['spec.nodeName=', ['c']],
    ['metadata.name=b', ['b']],
    ['metadata.namespace=default,metadata.name!=a', ['b', 'c']],
    ['status.phase=Pending', ['a', 'b', 'c']],
    ['status.phase=Running', []],
  ])('%j selects %j', (selector, expected) => {
    expect(listPods({ fieldSelector: selector })).toEqual(expected);
  });

  it('rejects a field the kind does not support', () => {
    expect(expectStatus(client.list(PODS, 'default', { fieldSelector: 'spec.image=nginx' }))).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: 'field label not supported: spec.image',
    });
  });

  it('rejects a term without an operator', () => {
    expect(expectStatus(client.list(PODS, 'default', { fieldSelector: 'spec.nodeName' })).message).toBe(
      "invalid selector: 'spec.nodeName'; can't understand 'spec.nodeName'",
    );
  });

  it('supports the per-kind fields of nodes, namespaces and events', () => {
    createNode(client, 'n1');
    createNode(client, 'n2', { unschedulable: true });
    expect(names(expectOk(client.list<Node>(NODES, undefined, { fieldSelector: 'spec.unschedulable=true' })).items)).toEqual(['n2']);
    expect(names(expectOk(client.list(NAMESPACES, undefined, { fieldSelector: 'status.phase=Active,metadata.name=default' })).items)).toEqual(['default']);
    expectOk(
      client.create(EVENTS, 'default', {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'a.1' },
        involvedObject: { kind: 'Pod', name: 'a', namespace: 'default' },
        reason: 'Scheduled',
        type: 'Normal',
      }),
    );
    expect(names(expectOk(client.list(EVENTS, 'default', { fieldSelector: 'involvedObject.name=a,type=Normal' })).items)).toEqual(['a.1']);
    expect(expectOk(client.list(EVENTS, 'default', { fieldSelector: 'involvedObject.name=b' })).items).toEqual([]);
    expect(expectStatus(client.list(NAMESPACES, undefined, { fieldSelector: 'metadata.namespace=x' })).message).toBe(
      'field label not supported: metadata.namespace',
    );
  });
});

describe('watch', () => {
  it('without a resourceVersion starts with ADDED for what exists, then follows changes', () => {
    createPod(client, 'a');
    const events = recordWatch(cluster, PODS, 'default');
    expect(events).toEqual([]);
    cluster.settle();
    expect(summarize(events)).toEqual(['ADDED a']);
    const b = createPod(client, 'b');
    expectOk(client.update(PODS, 'default', { ...b, metadata: { ...b.metadata, labels: { x: 'y' } } }));
    expectOk(client.delete(PODS, 'default', 'a'));
    cluster.settle();
    expect(summarize(events)).toEqual(['ADDED a', 'ADDED b', 'MODIFIED b', 'DELETED a']);
  });

  it('delivers each object with the resourceVersion of its change', () => {
    const events = recordWatch(cluster, PODS, 'default');
    const a = createPod(client, 'a');
    expectOk(client.delete(PODS, 'default', 'a'));
    const deleteRevision = cluster.revision();
    cluster.settle();
    expect(events.map((e) => (e.object as KubeObject).metadata.resourceVersion)).toEqual([a.metadata.resourceVersion, String(deleteRevision)]);
  });

  it('hands every watcher of a change the same decoded object, frozen under test (receivers must copy before changing it)', () => {
    const first = recordWatch(cluster, PODS, 'default', { resourceVersion: String(cluster.revision()) });
    const second = recordWatch(cluster, PODS, undefined, { resourceVersion: String(cluster.revision()) });
    createPod(client, 'a');
    cluster.settle();
    expect(first).toHaveLength(1);
    expect(second[0]!.object).toBe(first[0]!.object);
    expect(Object.isFrozen((first[0]!.object as KubeObject).metadata)).toBe(true);
  });

  it('replays every change after a given resourceVersion', () => {
    createPod(client, 'a');
    const rv = expectOk(client.list(PODS, 'default')).metadata.resourceVersion;
    createPod(client, 'b');
    expectOk(client.delete(PODS, 'default', 'a'));
    const events = recordWatch(cluster, PODS, 'default', { resourceVersion: rv });
    cluster.settle();
    expect(summarize(events)).toEqual(['ADDED b', 'DELETED a']);
  });

  it('sends nothing for a resourceVersion that is current', () => {
    createPod(client, 'a');
    const events = recordWatch(cluster, PODS, 'default', { resourceVersion: String(cluster.revision()) });
    cluster.settle();
    expect(events).toEqual([]);
  });

  it('answers a compacted resourceVersion with an ERROR 410 event', () => {
    createPod(client, 'a');
    const old = String(cluster.revision() - 1);
    createPod(client, 'b');
    cluster.store.compact(cluster.revision());
    const events = recordWatch(cluster, PODS, 'default', { resourceVersion: old });
    cluster.settle();
    expect(events).toHaveLength(1);
    expect(events[0]!.type).toBe('ERROR');
    expect(events[0]!.object as Status).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
  });

  it('watches one namespace only', () => {
    const events = recordWatch(cluster, PODS, 'kube-system');
    createPod(client, 'a');
    createPod(client, 'b', { namespace: 'kube-system' });
    cluster.settle();
    expect(summarize(events)).toEqual(['ADDED b']);
  });

  it('watches a single object by name', () => {
    const events = recordWatch(cluster, PODS, 'default', {}, 'b');
    createPod(client, 'a');
    createPod(client, 'b');
    createPod(client, 'bc');
    cluster.settle();
    expect(summarize(events)).toEqual(['ADDED b']);
  });

  it('with a label selector: entering is ADDED, leaving is DELETED (with the object as last seen)', () => {
    const events = recordWatch(cluster, PODS, 'default', { labelSelector: 'app=web' });
    const pod = createPod(client, 'p', { labels: { app: 'other' } });
    const entered = expectOk(client.update<Pod>(PODS, 'default', { ...pod, metadata: { ...pod.metadata, labels: { app: 'web' } } }));
    const touched = expectOk(client.update<Pod>(PODS, 'default', { ...entered, metadata: { ...entered.metadata, annotations: { a: 'b' } } }));
    const left = expectOk(client.update<Pod>(PODS, 'default', { ...touched, metadata: { ...touched.metadata, labels: { app: 'gone' } } }));
    expectOk(client.delete(PODS, 'default', 'p'));
    cluster.settle();
    expect(summarize(events)).toEqual(['ADDED p', 'MODIFIED p', 'DELETED p']);
    const deleted = events[2]!.object as Pod;
    expect(deleted.metadata.labels).toEqual({ app: 'web' });
    expect(deleted.metadata.resourceVersion).toBe(left.metadata.resourceVersion);
  });

  it('with a field selector: a Pod bound to the node appears as ADDED', () => {
    createPod(client, 'p');
    const events = recordWatch(cluster, PODS, undefined, { fieldSelector: 'spec.nodeName=node01' });
    cluster.settle();
    expect(events).toEqual([]);
    expectOk(client.bind('default', 'p', 'node01'));
    cluster.settle();
    expect(summarize(events)).toEqual(['ADDED p']);
    expect((events[0]!.object as Pod).spec.nodeName).toBe('node01');
  });

  it('refuses a malformed selector up front', () => {
    const result = client.watch(PODS, 'default', { fieldSelector: 'spec.image=x' }, () => undefined);
    expect(expectStatus(result).message).toBe('field label not supported: spec.image');
  });

  it('stops delivering after dispose', () => {
    const seen: string[] = [];
    const watch = expectOk(client.watch(PODS, 'default', {}, (e) => seen.push(e.type)));
    createPod(client, 'a');
    watch.dispose();
    cluster.settle();
    createPod(client, 'b');
    cluster.settle();
    expect(seen).toEqual([]);
  });

  it('a no-op update produces no event', () => {
    const pod = createPod(client, 'a');
    const events = recordWatch(cluster, PODS, 'default', { resourceVersion: pod.metadata.resourceVersion });
    expectOk(client.update(PODS, 'default', structuredClone(pod)));
    cluster.settle();
    expect(events).toEqual([]);
  });
});
