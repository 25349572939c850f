import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../../../../src/shared/api/core.js';
import { CycleState, type FilterPlugin, type NodeInfo, type Snapshot } from '../../../../../src/main/cluster/scheduler/framework.js';
import { BalancedAllocation } from '../../../../../src/main/cluster/scheduler/plugins/balanced-allocation.js';
import { InterPodAffinity } from '../../../../../src/main/cluster/scheduler/plugins/inter-pod-affinity.js';
import { NodeAffinity } from '../../../../../src/main/cluster/scheduler/plugins/node-affinity.js';
import { NodePorts } from '../../../../../src/main/cluster/scheduler/plugins/node-ports.js';
import { NodeResourcesFit, podRequests } from '../../../../../src/main/cluster/scheduler/plugins/node-resources-fit.js';
import { PodTopologySpread } from '../../../../../src/main/cluster/scheduler/plugins/pod-topology-spread.js';
import { TaintToleration } from '../../../../../src/main/cluster/scheduler/plugins/taint-toleration.js';
import { SchedulerCache } from '../../../../../src/main/cluster/scheduler/scheduler-cache.js';
import { numFeasibleNodesToFind } from '../../../../../src/main/cluster/scheduler/scheduler.js';

function pod(name: string, spec: Partial<Pod['spec']> = {}, labels?: Record<string, string>): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ...(labels ? { labels } : {}) },
    spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
  };
}

function node(name: string, labels: Record<string, string> = {}, spec: Node['spec'] = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
    spec,
    status: { allocatable: { cpu: '2', memory: '4Gi', pods: '110' } },
  };
}

/** A cache with these nodes and Pods bound to them. */
function cluster(nodes: Node[], bound: Array<[Pod, string]> = []): SchedulerCache {
  const cache = new SchedulerCache();
  for (const n of nodes) cache.setNode(n);
  for (const [p, n] of bound) cache.setPod(`default/${p.metadata.name ?? ''}`, p, n);
  return cache;
}

/** Run PreFilter then Filter on every node: the verdicts by node (undefined = fits). */
function verdicts(plugin: FilterPlugin, p: Pod, snapshot: Snapshot): Record<string, string | undefined> | 'skip' {
  const state = new CycleState();
  const pre = plugin.preFilter?.(p, state, snapshot);
  if (pre === 'skip') return 'skip';
  const out: Record<string, string | undefined> = {};
  for (const info of snapshot.list()) out[info.node.metadata.name ?? ''] = plugin.filter(p, info, state)?.reasons.join('; ');
  return out;
}

const ZONES = [node('node01', { zone: 'a' }), node('node02', { zone: 'b' }), node('node03', { zone: 'c' })];

describe('NodePorts', () => {
  const web = (name: string, hostPort: number, protocol = 'TCP'): Pod =>
    pod(name, { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort, protocol }] }] });

  it('skips Pods without host ports (PreFilter Skip)', () => {
    expect(verdicts(NodePorts, pod('p'), cluster(ZONES))).toBe('skip');
  });

  it("rejects a node where the host port is taken: node(s) didn't have free ports for the requested pod ports", () => {
    const snapshot = cluster(ZONES, [[web('a', 8080), 'node01']]);
    expect(verdicts(NodePorts, web('b', 8080), snapshot)).toEqual({
      node01: "node(s) didn't have free ports for the requested pod ports",
      node02: undefined,
      node03: undefined,
    });
    // Another protocol on the same port does not conflict.
    expect(verdicts(NodePorts, web('c', 8080, 'UDP'), snapshot)).toEqual({ node01: undefined, node02: undefined, node03: undefined });
  });
});

describe('NodeResourcesFit requests', () => {
  it('counts init containers one at a time, sidecars alongside, and the Pod overhead', () => {
    const p = pod('p', {
      containers: [{ name: 'app', resources: { requests: { cpu: '200m', memory: '100Mi' } } }],
      initContainers: [
        { name: 'sidecar', restartPolicy: 'Always', resources: { requests: { cpu: '100m' } } },
        { name: 'migrate', resources: { requests: { cpu: '1', memory: '50Mi' } } },
      ],
      overhead: { cpu: '10m', memory: '1Mi' },
    });
    // max(200m + 100m sidecar, 100m sidecar + 1 init) + 10m overhead
    expect(podRequests(p)).toEqual({ milliCPU: 1110, memory: 101 * 2 ** 20 });
  });

  it('reports Too many pods, Insufficient cpu and Insufficient memory in that order', () => {
    const info: NodeInfo = {
      node: node('n'),
      pods: [],
      requested: { milliCPU: 1900, memory: 4 * 2 ** 30, pods: 110 },
      allocatable: { milliCPU: 2000, memory: 4 * 2 ** 30, pods: 110 },
    };
    expect(NodeResourcesFit.filter(pod('p', { containers: [{ name: 'c', resources: { requests: { cpu: '200m', memory: '1' } } }] }), info)?.reasons).toEqual([
      'Too many pods',
      'Insufficient cpu',
      'Insufficient memory',
    ]);
  });

  it('scores LeastAllocated with request-less Pods counted as 100m / 200Mi', () => {
    const snapshot = cluster([node('empty'), node('busy')], [[pod('x', { containers: [{ name: 'c', resources: { requests: { cpu: '1', memory: '2Gi' } } }] }), 'busy']]);
    const state = new CycleState();
    const [busy, empty] = snapshot.list();
    // empty: cpu (2000-100)/2000 = 95, memory (4096-200)/4096 = 95 → 95; busy: cpu 45, memory 45 → 45.
    expect(NodeResourcesFit.score(pod('p'), empty!, state)).toBe(95);
    expect(NodeResourcesFit.score(pod('p'), busy!, state)).toBe(45);
  });
});

describe('NodeResourcesBalancedAllocation', () => {
  it('prefers the node where cpu and memory end up equally used, and skips best-effort Pods', () => {
    const p = pod('p', { containers: [{ name: 'c', resources: { requests: { cpu: '1', memory: '1Gi' } } }] });
    const snapshot = cluster([node('a'), node('b')], [[pod('x', { containers: [{ name: 'c', resources: { requests: { memory: '2Gi' } } }] }), 'b']]);
    const state = new CycleState();
    expect(BalancedAllocation.preScore!(p, state, snapshot.list(), snapshot)).toBeUndefined();
    // a: cpu 1/2, memory 1/4 → 1 − 0.125 → 87; b: cpu 1/2, memory 3/4 → 87; equal use scores 100.
    expect(snapshot.list().map((i) => BalancedAllocation.score(p, i, state))).toEqual([87, 87]);
    const even = pod('e', { containers: [{ name: 'c', resources: { requests: { cpu: '1', memory: '2Gi' } } }] });
    expect(BalancedAllocation.score(even, snapshot.get('a')!)).toBe(100);
    expect(BalancedAllocation.preScore!(pod('be'), new CycleState(), snapshot.list(), snapshot)).toBe('skip');
  });
});

describe('NodeAffinity', () => {
  const nodes = [node('node01', { disk: 'ssd', cores: '8' }), node('node02', { disk: 'hdd', cores: '4' }), node('node03', { cores: 'many' })];

  it('skips Pods with neither nodeSelector nor required affinity', () => {
    expect(verdicts(NodeAffinity, pod('p'), cluster(nodes))).toBe('skip');
  });

  it.each([
    ['In', { key: 'disk', operator: 'In', values: ['ssd'] }, ['node01']],
    ['NotIn', { key: 'disk', operator: 'NotIn', values: ['ssd'] }, ['node02', 'node03']],
    ['Exists', { key: 'disk', operator: 'Exists' }, ['node01', 'node02']],
    ['DoesNotExist', { key: 'disk', operator: 'DoesNotExist' }, ['node03']],
    ['Gt (integers only)', { key: 'cores', operator: 'Gt', values: ['4'] }, ['node01']],
    ['Lt', { key: 'cores', operator: 'Lt', values: ['8'] }, ['node02']],
  ])('required term with %s', (_name, expression, fits) => {
    const p = pod('p', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [expression] }] } } } });
    const result = verdicts(NodeAffinity, p, cluster(nodes)) as Record<string, string | undefined>;
    expect(Object.keys(result).filter((n) => result[n] === undefined)).toEqual(fits);
    const rejected = Object.values(result).filter((v) => v !== undefined);
    expect(new Set(rejected)).toEqual(new Set(["node(s) didn't match Pod's node affinity/selector"]));
  });

  it('ORs the terms and matches metadata.name fields', () => {
    const p = pod('p', {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node03'] }] }, { matchExpressions: [{ key: 'disk', operator: 'In', values: ['hdd'] }] }],
          },
        },
      },
    });
    const result = verdicts(NodeAffinity, p, cluster(nodes)) as Record<string, string | undefined>;
    expect(Object.keys(result).filter((n) => result[n] === undefined)).toEqual(['node02', 'node03']);
  });

  it('scores preferred terms by their summed weights, normalized to 100', () => {
    const p = pod('p', {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 80, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
            { weight: 20, preference: { matchExpressions: [{ key: 'cores', operator: 'Exists' }] } },
          ],
        },
      },
    });
    const infos = cluster(nodes).list();
    const scores = infos.map((i) => NodeAffinity.score(p, i));
    expect(scores).toEqual([100, 20, 20]);
    NodeAffinity.normalizeScore!(scores, new CycleState());
    expect(scores).toEqual([100, 20, 20]);
  });
});

describe('TaintToleration scoring', () => {
  it('prefers nodes with fewer untolerated PreferNoSchedule taints', () => {
    const infos = cluster([
      node('clean'),
      node('one', {}, { taints: [{ key: 'a', effect: 'PreferNoSchedule' }] }),
      node('two', {}, { taints: [{ key: 'a', effect: 'PreferNoSchedule' }, { key: 'b', effect: 'PreferNoSchedule' }] }),
    ]).list();
    const scores = infos.map((i) => TaintToleration.score(pod('p'), i));
    expect(scores).toEqual([0, 1, 2]);
    TaintToleration.normalizeScore!(scores, new CycleState());
    expect(scores).toEqual([100, 50, 0]);
    const tolerant = pod('t', { tolerations: [{ key: 'a', operator: 'Exists', effect: 'PreferNoSchedule' }] });
    expect(infos.map((i) => TaintToleration.score(tolerant, i))).toEqual([0, 0, 1]);
  });
});

describe('InterPodAffinity', () => {
  const db = pod('db', {}, { app: 'db' });
  const term = { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'zone' };

  it("places a Pod next to what it requires: node(s) didn't match pod affinity rules", () => {
    const p = pod('web', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } });
    expect(verdicts(InterPodAffinity, p, cluster(ZONES, [[db, 'node02']]))).toEqual({
      node01: "node(s) didn't match pod affinity rules",
      node02: undefined,
      node03: "node(s) didn't match pod affinity rules",
    });
  });

  it('lets the first Pod of a self-selecting group go anywhere', () => {
    const first = pod('db-0', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } }, { app: 'db' });
    expect(verdicts(InterPodAffinity, first, cluster(ZONES))).toEqual({ node01: undefined, node02: undefined, node03: undefined });
  });

  it("keeps a Pod out of a domain it is anti-affine to: node(s) didn't match pod anti-affinity rules", () => {
    const p = pod('db-1', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } }, { app: 'db' });
    expect(verdicts(InterPodAffinity, p, cluster(ZONES, [[db, 'node01']]))).toEqual({
      node01: "node(s) didn't match pod anti-affinity rules",
      node02: undefined,
      node03: undefined,
    });
  });

  it("honours bound Pods' anti-affinity: node(s) didn't satisfy existing pods anti-affinity rules", () => {
    const loner = pod('loner', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } } });
    expect(verdicts(InterPodAffinity, pod('web', {}, { app: 'web' }), cluster(ZONES, [[loner, 'node03']]))).toEqual({
      node01: undefined,
      node02: undefined,
      node03: "node(s) didn't satisfy existing pods anti-affinity rules",
    });
  });

  it('skips when nothing requires affinity anywhere', () => {
    expect(verdicts(InterPodAffinity, pod('p'), cluster(ZONES, [[db, 'node01']]))).toBe('skip');
  });

  it('scores preferred anti-affinity domains lowest', () => {
    const p = pod('web', { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] } } });
    const snapshot = cluster(ZONES, [[db, 'node01']]);
    const state = new CycleState();
    expect(InterPodAffinity.preScore!(p, state, snapshot.list(), snapshot)).toBeUndefined();
    const scores = snapshot.list().map((i) => InterPodAffinity.score(p, i, state));
    expect(scores).toEqual([-100, 0, 0]);
    InterPodAffinity.normalizeScore!(scores, state);
    expect(scores).toEqual([0, 100, 100]);
  });
});

describe('PodTopologySpread', () => {
  const spread = (maxSkew: number, minDomains?: number): Partial<Pod['spec']> => ({
    topologySpreadConstraints: [
      { maxSkew, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, ...(minDomains ? { minDomains } : {}) },
    ],
  });
  const web = (name: string): Pod => pod(name, {}, { app: 'web' });

  it("allows only the emptier zones once the skew would exceed maxSkew: node(s) didn't match pod topology spread constraints", () => {
    const snapshot = cluster(ZONES, [
      [web('w1'), 'node01'],
      [web('w2'), 'node02'],
    ]);
    expect(verdicts(PodTopologySpread, pod('w3', spread(1), { app: 'web' }), snapshot)).toEqual({
      node01: "node(s) didn't match pod topology spread constraints",
      node02: "node(s) didn't match pod topology spread constraints",
      node03: undefined,
    });
  });

  it('treats the global minimum as 0 while fewer than minDomains domains exist', () => {
    const snapshot = cluster(ZONES, [
      [web('w1'), 'node01'],
      [web('w2'), 'node02'],
      [web('w3'), 'node03'],
    ]);
    expect(verdicts(PodTopologySpread, pod('w4', spread(1), { app: 'web' }), snapshot)).toEqual({ node01: undefined, node02: undefined, node03: undefined });
    expect(verdicts(PodTopologySpread, pod('w4', spread(1, 4), { app: 'web' }), snapshot)).toEqual({
      node01: "node(s) didn't match pod topology spread constraints",
      node02: "node(s) didn't match pod topology spread constraints",
      node03: "node(s) didn't match pod topology spread constraints",
    });
  });

  it('rejects nodes without the topology label as unresolvable', () => {
    const snapshot = cluster([...ZONES, node('bare')]);
    const state = new CycleState();
    PodTopologySpread.preFilter!(pod('w', spread(1), { app: 'web' }), state, snapshot);
    expect(PodTopologySpread.filter(pod('w', spread(1), { app: 'web' }), snapshot.get('bare')!, state)).toEqual({
      code: 'UnschedulableAndUnresolvable',
      plugin: 'PodTopologySpread',
      reasons: ["node(s) didn't match pod topology spread constraints (missing required label)"],
    });
  });

  it('scores ScheduleAnyway constraints towards the emptier domain', () => {
    const soft: Partial<Pod['spec']> = { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } }] };
    const snapshot = cluster(ZONES, [
      [web('w1'), 'node01'],
      [web('w2'), 'node01'],
      [web('w3'), 'node02'],
    ]);
    const p = pod('w4', soft, { app: 'web' });
    const state = new CycleState();
    expect(PodTopologySpread.preScore!(p, state, snapshot.list(), snapshot)).toBeUndefined();
    const scores = snapshot.list().map((i) => PodTopologySpread.score(p, i, state));
    PodTopologySpread.normalizeScore!(scores, state);
    expect(scores[2]).toBe(100);
    expect(scores[2]! > scores[1]! && scores[1]! > scores[0]!).toBe(true);
  });
});

describe('numFeasibleNodesToFind (adaptive percentageOfNodesToScore)', () => {
  it.each([
    [3, 3],
    [99, 99],
    [100, 100],
    [500, 230],
    [1000, 420],
    [5000, 500],
    [6000, 300],
  ])('%i nodes → %i', (nodes, wanted) => {
    expect(numFeasibleNodesToFind(nodes)).toBe(wanted);
  });
});
