import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreEvent, Node, Pod, Taint, Toleration } from '../../../../../src/shared/api/core.js';
import { TaintEvictionController } from '../../../../../src/main/cluster/controllers/node-lifecycle/taint-eviction.js';
import { EVENTS, NODES, PODS } from '../../../../../src/main/cluster/client/resources.js';
import { type TestCluster, createNode, expectOk, makeCluster, podManifest } from '../../../helpers/cluster.js';

let cluster: TestCluster;

beforeEach(() => {
  cluster = makeCluster();
  createNode(cluster.client(), 'node01');
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function start(): void {
  cluster.disposables.add(new TaintEvictionController(cluster.client('taint-eviction-controller'), cluster.clock)).start();
  cluster.settle();
}

function pod(name: string, tolerations?: Toleration[]): Pod {
  const manifest = podManifest(name, { nodeName: 'node01' });
  if (tolerations) manifest.spec.tolerations = tolerations;
  return expectOk(cluster.client().create<Pod>(PODS, 'default', manifest));
}

function getPod(name: string): Pod | undefined {
  const got = cluster.client().get<Pod>(PODS, 'default', name);
  return got.ok ? got.value : undefined;
}

function taint(...taints: Taint[]): void {
  const node = expectOk(cluster.client().get<Node>(NODES, undefined, 'node01'));
  expectOk(cluster.client().update(NODES, undefined, { ...node, spec: { ...node.spec, taints } }));
  cluster.settle();
}

function events(): string[] {
  return expectOk(cluster.client().list<CoreEvent>(EVENTS, 'default')).items.map((e) => `${e.reason ?? ''} ${e.source?.component ?? ''}: ${e.message ?? ''}`);
}

const UNREACHABLE: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2025-01-01T00:00:00Z' };

describe('TaintEvictionController', () => {
  it('deletes a Pod that does not tolerate a NoExecute taint at once, with TaintManagerEviction and DisruptionTarget', () => {
    pod('web', []);
    start();
    taint({ key: 'maintenance', effect: 'NoExecute' });
    const deleted = getPod('web')!;
    expect(deleted.metadata.deletionTimestamp).toBe('2025-01-01T00:00:30Z');
    expect(deleted.status!.conditions).toContainEqual({
      lastProbeTime: null,
      lastTransitionTime: '2025-01-01T00:00:00Z',
      message: 'Taint manager: deleting due to NoExecute taint',
      reason: 'DeletionByTaintManager',
      status: 'True',
      type: 'DisruptionTarget',
    });
    expect(events()).toEqual(['TaintManagerEviction taint-eviction-controller: Marking for deletion Pod default/web']);
  });

  it('keeps a Pod for its tolerationSeconds (300 s by DefaultTolerationSeconds), counted from when the taint was seen', () => {
    pod('web');
    expect(getPod('web')!.spec.tolerations).toContainEqual({ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
    start();
    cluster.clock.advance(10_000);
    taint(UNREACHABLE);
    cluster.clock.advance(299_000);
    expect(getPod('web')!.metadata.deletionTimestamp).toBeUndefined();
    cluster.clock.advance(1_000);
    expect(getPod('web')!.metadata.deletionTimestamp).toBeDefined();
    expect(getPod('web')!.status!.conditions!.find((c) => c.type === 'DisruptionTarget')!.lastTransitionTime).toBe('2025-01-01T00:05:10Z');
    // Fired once: nothing more happens while the taint stays.
    const revision = cluster.revision();
    cluster.clock.advance(600_000);
    expect(cluster.revision()).toBe(revision);
  });

  it('never evicts a Pod that tolerates the taint without tolerationSeconds', () => {
    pod('agent', [{ operator: 'Exists' }]);
    start();
    taint(UNREACHABLE);
    cluster.clock.advance(3_600_000);
    expect(getPod('agent')!.metadata.deletionTimestamp).toBeUndefined();
    expect(events()).toEqual([]);
  });

  it('cancels a pending eviction when the taint goes (Cancelling deletion of Pod …)', () => {
    pod('web');
    start();
    taint(UNREACHABLE);
    cluster.clock.advance(60_000);
    taint();
    cluster.clock.advance(600_000);
    expect(getPod('web')!.metadata.deletionTimestamp).toBeUndefined();
    expect(events()).toEqual(['TaintManagerEviction taint-eviction-controller: Cancelling deletion of Pod default/web']);
  });
});
