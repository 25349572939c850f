/**
 * PodTopologySpread's system default constraints (defaultingType: System): the selector from a
 * Pod's Services and controller (helper.DefaultSelector), and the scores kube-scheduler 1.32 gives
 * with {zone, maxSkew 3} and {hostname, maxSkew 5} — hostname counted per node, zone skipped on
 * nodes without the label, log(domains + 2) weights, NormalizeScore's max + min − score.
 */
import { describe, expect, it } from 'vitest';
import type { Node, Pod, Service } from '../../../../../src/shared/api/core.js';
import type { ReplicaSet, StatefulSet } from '../../../../../src/shared/api/apps.js';
import type { ReplicationController } from '../../../../../src/shared/api/replication-controller.js';
import type { OwnerReference } from '../../../../../src/shared/api/meta.js';
import { CycleState, type Snapshot } from '../../../../../src/main/cluster/scheduler/framework.js';
import { NO_WORKLOADS, type WorkloadListers, defaultSelector } from '../../../../../src/main/cluster/scheduler/plugins/default-selector.js';
import { makePodTopologySpread } from '../../../../../src/main/cluster/scheduler/plugins/pod-topology-spread.js';
import { SchedulerCache } from '../../../../../src/main/cluster/scheduler/scheduler-cache.js';

const owner = (kind: string, name: string, apiVersion = kind === 'ReplicationController' ? 'v1' : 'apps/v1'): OwnerReference => ({
  apiVersion,
  kind,
  name,
  uid: `uid-${name}`,
  controller: true,
});

function pod(name: string, labels: Record<string, string>, extra: { owner?: OwnerReference; namespace?: string; spec?: Partial<Pod['spec']> } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: extra.namespace ?? 'default', labels, ...(extra.owner ? { ownerReferences: [extra.owner] } : {}) },
    spec: { containers: [{ name: 'c', image: 'nginx' }], ...extra.spec },
  };
}

function node(name: string, labels: Record<string, string> = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
    spec: {},
    status: { allocatable: { cpu: '2', memory: '4Gi', pods: '110' } },
  };
}

const replicaSet = (name: string, matchLabels: Record<string, string>): ReplicaSet =>
  ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, namespace: 'default' }, spec: { selector: { matchLabels }, template: {} } }) as ReplicaSet;

/** Listers over fixed objects in namespace default. */
function workloads(objects: { services?: Service[]; rcs?: ReplicationController[]; rss?: ReplicaSet[]; sss?: StatefulSet[] }): WorkloadListers {
  const find = <T extends { metadata: { name?: string } }>(list: T[] | undefined, namespace: string, name: string): T | undefined =>
    namespace === 'default' ? list?.find((o) => o.metadata.name === name) : undefined;
  return {
    services: (namespace) => (namespace === 'default' ? (objects.services ?? []) : []),
    replicationController: (namespace, name) => find(objects.rcs, namespace, name),
    replicaSet: (namespace, name) => find(objects.rss, namespace, name),
    statefulSet: (namespace, name) => find(objects.sss, namespace, name),
  };
}

function cluster(nodes: Node[], bound: Array<[Pod, string]> = []): SchedulerCache {
  const cache = new SchedulerCache();
  for (const n of nodes) cache.setNode(n);
  for (const [p, n] of bound) cache.setPod(`${p.metadata.namespace ?? 'default'}/${p.metadata.name ?? ''}`, p, n);
  return cache;
}

/** PreScore over every node of the snapshot, then raw Score and NormalizeScore: 'skip' or [raw, normalized]. */
function scores(listers: WorkloadListers, p: Pod, snapshot: Snapshot): 'skip' | { raw: number[]; normalized: number[] } {
  const plugin = makePodTopologySpread(listers);
  const state = new CycleState();
  if (plugin.preScore!(p, state, snapshot.list(), snapshot) === 'skip') return 'skip';
  const raw = snapshot.list().map((info) => plugin.score(p, info, state));
  const normalized = [...raw];
  plugin.normalizeScore!(normalized, state);
  return { raw, normalized };
}

const WEB_RS = workloads({ rss: [replicaSet('web-abc', { app: 'web' })] });
const web = (name: string): Pod => pod(name, { app: 'web' }, { owner: owner('ReplicaSet', 'web-abc') });

describe('defaultSelector (helper.DefaultSelector)', () => {
  const service = (name: string, selector?: Record<string, string>): Service =>
    ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: selector ? { selector } : {} }) as Service;

  it("merges the selectors of the Services that select the Pod, and narrows them by its ReplicaSet's selector", () => {
    const listers = workloads({
      services: [service('web', { app: 'web' }), service('tier', { tier: 'front' }), service('other', { app: 'db' }), service('headless')],
      rss: [{ ...replicaSet('web-abc', {}), spec: { selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'pod-template-hash', operator: 'Exists' }] }, template: {} } } as unknown as ReplicaSet],
    });
    const selector = defaultSelector(pod('w', { app: 'web', tier: 'front', 'pod-template-hash': 'abc' }, { owner: owner('ReplicaSet', 'web-abc') }), listers);
    expect(selector.empty).toBe(false);
    expect(selector.matches({ app: 'web', tier: 'front', 'pod-template-hash': 'x' })).toBe(true);
    expect(selector.matches({ app: 'web', tier: 'front' })).toBe(false);
    expect(selector.matches({ app: 'web', 'pod-template-hash': 'x' })).toBe(false);
  });

  it('uses ReplicationController and StatefulSet selectors; other owners, unknown controllers and bare Pods add nothing', () => {
    const listers = workloads({
      rcs: [{ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'legacy', namespace: 'default' }, spec: { selector: { app: 'legacy' } } }],
      sss: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'db' } } } } as unknown as StatefulSet],
    });
    expect(defaultSelector(pod('l', { app: 'legacy' }, { owner: owner('ReplicationController', 'legacy') }), listers).matches({ app: 'legacy' })).toBe(true);
    expect(defaultSelector(pod('l', { app: 'legacy' }, { owner: owner('ReplicationController', 'legacy') }), listers).matches({ app: 'other' })).toBe(false);
    expect(defaultSelector(pod('d', { app: 'db' }, { owner: owner('StatefulSet', 'db') }), listers).matches({ app: 'db' })).toBe(true);
    expect(defaultSelector(pod('j', { app: 'job' }, { owner: owner('Job', 'j', 'batch/v1') }), listers).empty).toBe(true);
    expect(defaultSelector(pod('x', { app: 'x' }, { owner: owner('ReplicaSet', 'gone') }), listers).empty).toBe(true);
    expect(defaultSelector(pod('d', { app: 'db' }, { owner: owner('StatefulSet', 'db', 'apps/v1beta1') }), listers).empty).toBe(true);
    expect(defaultSelector(pod('bare', { app: 'db' }), listers).empty).toBe(true);
  });
});

describe('PodTopologySpread system default constraints', () => {
  it('leaves Pods without Service or controller unscored (PreScore Skip), and Pods with their own constraints to those', () => {
    const snapshot = cluster([node('node01'), node('node02')], [[web('w1'), 'node01']]);
    expect(scores(WEB_RS, pod('bare', { app: 'web' }), snapshot)).toBe('skip');
    expect(scores(NO_WORKLOADS, web('w2'), snapshot)).toBe('skip');
    const hard = { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }] };
    expect(scores(WEB_RS, pod('w3', { app: 'web' }, { owner: owner('ReplicaSet', 'web-abc'), spec: hard }), snapshot)).toBe('skip');
  });

  it('scores kubeadm nodes (hostname label, no zone) by hostname alone: round(count × ln(nodes + 2) + 4)', () => {
    const two = cluster([node('node01'), node('node02')], [[web('w1'), 'node01']]);
    expect(scores(WEB_RS, web('w2'), two)).toEqual({ raw: [5, 4], normalized: [80, 100] });
    const three = cluster(
      [node('node01'), node('node02'), node('node03')],
      [
        [web('w1'), 'node01'],
        [web('w2'), 'node01'],
        [web('w3'), 'node02'],
      ],
    );
    // ln 5 = 1.609: 2 → 7.22, 1 → 5.61, 0 → 4.
    expect(scores(WEB_RS, web('w4'), three)).toEqual({ raw: [7, 6, 4], normalized: [57, 71, 100] });
  });

  it('counts only live Pods of the namespace that the selector matches', () => {
    const gone = { ...web('old'), metadata: { ...web('old').metadata, deletionTimestamp: '2025-01-01T00:00:00Z' } };
    const snapshot = cluster(
      [node('node01'), node('node02')],
      [
        [gone, 'node01'],
        [pod('db', { app: 'db' }), 'node01'],
        [pod('elsewhere', { app: 'web' }, { namespace: 'other' }), 'node01'],
      ],
    );
    expect(scores(WEB_RS, web('w'), snapshot)).toEqual({ raw: [4, 4], normalized: [100, 100] });
  });

  it('adds zone counts where nodes carry the zone label: ln(zones + 2) per zone Pod, plus maxSkew − 1 = 2', () => {
    const zone = (z: string) => ({ 'topology.kubernetes.io/zone': z });
    const snapshot = cluster([node('node01', zone('a')), node('node02', zone('a')), node('node03', zone('b'))], [[web('w1'), 'node01']]);
    // node01: zone 1×ln4 + 2 + host 1×ln5 + 4 = 9.0; node02: 3.39 + 4 = 7.4; node03: 2 + 4.
    expect(scores(WEB_RS, web('w2'), snapshot)).toEqual({ raw: [9, 7, 6], normalized: [66, 88, 100] });
  });

  it("does not count the zone's Pods on nodes the Pod's node selector rules out (nodeAffinityPolicy Honor)", () => {
    const labels = (z: string, disk: string) => ({ 'topology.kubernetes.io/zone': z, disk });
    const snapshot = cluster(
      [node('node01', labels('a', 'hdd')), node('node02', labels('a', 'ssd')), node('node03', labels('b', 'ssd'))],
      [
        [web('w1'), 'node01'],
        [web('w2'), 'node01'],
      ],
    );
    const p = { ...web('w3'), spec: { ...web('w3').spec, nodeSelector: { disk: 'ssd' } } };
    const plugin = makePodTopologySpread(WEB_RS);
    const state = new CycleState();
    const feasible = snapshot.list().slice(1);
    expect(plugin.preScore!(p, state, feasible, snapshot)).toBeUndefined();
    // Both feasible nodes: no zone Pods counted (node01 is out), no hostname Pods.
    expect(feasible.map((info) => plugin.score(p, info, state))).toEqual([6, 6]);
  });

  it('gives 0 to nodes missing a topology key of the Pod\'s own ScheduleAnyway constraints', () => {
    const soft = { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'rack', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } }] };
    const snapshot = cluster([node('node01', { rack: 'r1' }), node('bare'), node('node02', { rack: 'r2' })], [[web('w1'), 'node01']]);
    expect(scores(WEB_RS, pod('w2', { app: 'web' }, { spec: soft }), snapshot)).toEqual({ raw: [-1, 1, 0], normalized: [0, 0, 100] });
  });
});
