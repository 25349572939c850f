import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Pod } from '../../../../src/shared/api/core.js';
import { LabelIndex } from '../../../../src/main/cluster/apiserver/watch-cache.js';
import { parseLabelSelector } from '../../../../src/main/cluster/apiserver/selectors.js';
import { NAMESPACES, PODS } from '../../../../src/main/cluster/client/resources.js';
import type { RequestQuery } from '../../../../src/main/cluster/apiserver/types.js';
import { type TestCluster, createPod, expectOk, makeCluster } from '../../helpers/cluster.js';

let cluster: TestCluster;

beforeEach(() => {
  cluster = makeCluster();
  expectOk(cluster.client().create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } }));
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function names(query: RequestQuery, namespace?: string): { names: string[]; rv: string; cont?: string } {
  const list = expectOk(cluster.client().list<Pod>(PODS, namespace, query));
  return { names: list.items.map((p) => `${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`), rv: list.metadata.resourceVersion, cont: list.metadata.continue };
}

/** The same list as a plain scan would answer: every Pod read, then filtered here. */
function expected(selector: string, namespace?: string): string[] {
  const parsed = parseLabelSelector(selector);
  if (!parsed.ok) throw new Error(parsed.error);
  return expectOk(cluster.client().list<Pod>(PODS, namespace))
    .items.filter((p) => parsed.selector.matches(p.metadata.labels))
    .map((p) => `${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`);
}

function populate(): void {
  const client = cluster.client();
  for (let i = 0; i < 60; i++) {
    createPod(client, `p-${String(i).padStart(2, '0')}`, { namespace: i % 3 === 0 ? 'other' : 'default', labels: { app: i % 10 === 0 ? 'rare' : 'common', shard: String(i % 4) } });
  }
}

const SELECTORS = ['app=rare', 'app==rare', 'app in (rare,none)', 'app=rare,shard=0', 'app=rare,shard!=0', 'shard in (1,2),app=rare', 'app=missing', 'app=common', 'app', '!app', 'app!=common'];

describe('the label index behind selective lists', () => {
  it.each(SELECTORS)('answers %s exactly as a scan does, in every namespace and one', (selector) => {
    populate();
    expect(names({ labelSelector: selector }).names).toEqual(expected(selector));
    expect(names({ labelSelector: selector }, 'default').names).toEqual(expected(selector, 'default'));
  });

  it('reads only the candidate keys, never scanning the resource, once the index is warm', () => {
    populate();
    names({ labelSelector: 'app=rare' });
    const range = vi.spyOn(cluster.store, 'range');
    expect(names({ labelSelector: 'app=rare' }, 'default').names).toEqual(['default/p-10', 'default/p-20', 'default/p-40', 'default/p-50']);
    expect(range.mock.calls.filter(([, options]) => options?.prefix === true)).toEqual([]);
    expect(range.mock.calls.length).toBeLessThanOrEqual(6);
    range.mockRestore();
  });

  it('follows relabels and deletes', () => {
    populate();
    const client = cluster.client();
    const pod = expectOk(client.get<Pod>(PODS, 'default', 'p-10'));
    expectOk(client.update(PODS, 'default', { ...pod, metadata: { ...pod.metadata, labels: { app: 'common' } } }));
    const other = expectOk(client.get<Pod>(PODS, 'default', 'p-01'));
    expectOk(client.update(PODS, 'default', { ...other, metadata: { ...other.metadata, labels: { app: 'rare' } } }));
    expectOk(client.delete(PODS, 'default', 'p-20', { gracePeriodSeconds: 0 }));
    expect(names({ labelSelector: 'app=rare' }).names).toEqual(['default/p-01', 'default/p-40', 'default/p-50', 'other/p-00', 'other/p-30']);
    expect(names({ labelSelector: 'app=rare' }).names).toEqual(expected('app=rare'));
  });

  it('pages with limit and continue the same way', () => {
    populate();
    const first = names({ labelSelector: 'app=rare', limit: 2 });
    expect(first.names).toEqual(['default/p-10', 'default/p-20']);
    expect(first.cont).toBeDefined();
    const second = names({ labelSelector: 'app=rare', limit: 2, continue: first.cont });
    expect(second.names).toEqual(['default/p-40', 'default/p-50']);
    expect(second.rv).toBe(first.rv);
    const third = names({ labelSelector: 'app=rare', limit: 2, continue: second.cont });
    expect(third.names).toEqual(['other/p-00', 'other/p-30']);
    expect(third.cont).toBeUndefined();
  });

  it('keeps a continued list at its resourceVersion even after new writes', () => {
    populate();
    const first = names({ labelSelector: 'app=rare', limit: 3 });
    createPod(cluster.client(), 'p-15', { labels: { app: 'rare' } });
    const second = names({ labelSelector: 'app=rare', limit: 10, continue: first.cont });
    // The snapshot at the first page's revision: p-15 did not exist yet.
    expect(second.names).toEqual(['default/p-50', 'other/p-00', 'other/p-30']);
    expect(second.rv).toBe(first.rv);
  });

  it('notices a write it did not make (another etcd client) and rebuilds', () => {
    populate();
    expect(names({ labelSelector: 'app=rare' }).names).toHaveLength(6);
    const pod = expectOk(cluster.client().get<Pod>(PODS, 'default', 'p-01'));
    const stored = { ...pod, metadata: { ...pod.metadata, labels: { app: 'rare' } } };
    delete stored.metadata.resourceVersion;
    cluster.store.put('/registry/pods/default/p-01', JSON.stringify(stored));
    expect(names({ labelSelector: 'app=rare' }).names).toContain('default/p-01');
    expect(names({ labelSelector: 'app=rare' }).names).toEqual(expected('app=rare'));
  });
});

describe('LabelIndex', () => {
  it('declines selectors without an equality or set requirement, and too-broad candidates', () => {
    const index = new LabelIndex(1, true);
    for (let i = 0; i < 10; i++) index.record('/registry/pods/', `/registry/pods/ns/p${i}`, { app: i === 0 ? 'rare' : 'common' }, i + 2);
    const requirements = (text: string) => {
      const parsed = parseLabelSelector(text);
      if (!parsed.ok) throw new Error(parsed.error);
      return parsed.selector.requirements;
    };
    const scan = () => [];
    expect(index.candidates('/registry/pods/', '/registry/pods/', requirements('app'), 11, scan)).toBeUndefined();
    expect(index.candidates('/registry/pods/', '/registry/pods/', requirements('app=common'), 11, scan)).toBeUndefined();
    expect(index.candidates('/registry/pods/', '/registry/pods/', requirements('app=rare'), 11, scan)).toEqual(['/registry/pods/ns/p0']);
    expect(index.size).toBe(10);
  });
});

describe('LabelIndex ownership', () => {
  it('keeps its own copy of the labels, so a caller changing a returned object cannot corrupt it', () => {
    const index = new LabelIndex(1, true);
    const labels: Record<string, string> = { app: 'a' };
    index.record('/registry/pods/', '/registry/pods/ns/p', labels, 2);
    for (const [i, name] of ['q', 'r', 's'].entries()) index.record('/registry/pods/', `/registry/pods/ns/${name}`, { app: 'c' }, 3 + i);
    labels.app = 'b';
    index.record('/registry/pods/', '/registry/pods/ns/p', { app: 'b' }, 6);
    const select = (text: string): string[] | undefined => {
      const parsed = parseLabelSelector(text);
      if (!parsed.ok) throw new Error(parsed.error);
      return index.candidates('/registry/pods/', '/registry/pods/', parsed.selector.requirements, 6, () => []);
    };
    expect(select('app=b')).toEqual(['/registry/pods/ns/p']);
    expect(select('app=a')).toEqual([]);
  });
});
