import { describe, expect, it } from 'vitest';
import type { Node, Pod, Taint, Toleration } from '../../../../../src/shared/api/core.js';
import type { NodeInfo } from '../../../../../src/main/cluster/scheduler/framework.js';
import { NodeAffinity } from '../../../../../src/main/cluster/scheduler/plugins/node-affinity.js';
import { NodeName } from '../../../../../src/main/cluster/scheduler/plugins/node-name.js';
import { NodeResourcesFit, podRequests } from '../../../../../src/main/cluster/scheduler/plugins/node-resources-fit.js';
import { NodeUnschedulable } from '../../../../../src/main/cluster/scheduler/plugins/node-unschedulable.js';
import { TaintToleration, tolerates } from '../../../../../src/main/cluster/scheduler/plugins/taint-toleration.js';

function pod(spec: Partial<Pod['spec']> = {}): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec } };
}

function requesting(cpu?: string, memory?: string): Pod {
  const requests: Record<string, string> = {};
  if (cpu) requests.cpu = cpu;
  if (memory) requests.memory = memory;
  return pod({ containers: [{ name: 'c', image: 'nginx', resources: { requests } }] });
}

function info(spec: Node['spec'] = {}, labels: Record<string, string> = {}, used = { milliCPU: 0, memory: 0, pods: 0 }): NodeInfo {
  return {
    node: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node01', labels }, spec },
    pods: [],
    requested: used,
    allocatable: { milliCPU: 2000, memory: 4 * 2 ** 30, pods: 110 },
  };
}

describe('tolerates', () => {
  const taint: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
  it.each<[Toleration, boolean]>([
    [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }, true],
    [{ key: 'dedicated', value: 'gpu' }, true],
    [{ key: 'dedicated', operator: 'Equal', value: 'cpu' }, false],
    [{ key: 'dedicated', operator: 'Exists' }, true],
    [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, false],
    [{ key: 'other', operator: 'Exists' }, false],
    [{ operator: 'Exists' }, true],
    [{ operator: 'Exists', effect: 'NoSchedule' }, true],
    [{ operator: 'Exists', effect: 'PreferNoSchedule' }, false],
  ])('%j tolerates dedicated=gpu:NoSchedule: %s', (toleration, expected) => {
    expect(tolerates(toleration, taint)).toBe(expected);
  });

  it('matches a taint without value to an Equal toleration without value', () => {
    expect(tolerates({ key: 'k', operator: 'Equal' }, { key: 'k', effect: 'NoSchedule' })).toBe(true);
  });
});

describe('TaintToleration', () => {
  it('keeps out Pods that do not tolerate a NoSchedule or NoExecute taint, naming the taint', () => {
    const node = info({ taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] });
    expect(TaintToleration.filter(pod(), node)).toEqual({
      code: 'UnschedulableAndUnresolvable',
      reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
      plugin: 'TaintToleration',
    });
    const withValue = info({ taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }] });
    expect(TaintToleration.filter(pod(), withValue)?.reasons).toEqual(['node(s) had untolerated taint {dedicated: gpu}']);
  });

  it('ignores PreferNoSchedule taints and tolerated taints', () => {
    expect(TaintToleration.filter(pod(), info({ taints: [{ key: 'soft', effect: 'PreferNoSchedule' }] }))).toBeUndefined();
    const tolerant = pod({ tolerations: [{ key: 'dedicated', operator: 'Exists' }] });
    expect(TaintToleration.filter(tolerant, info({ taints: [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] }))).toBeUndefined();
  });
});

describe('NodeUnschedulable', () => {
  it('keeps Pods off a cordoned node unless they tolerate node.kubernetes.io/unschedulable', () => {
    expect(NodeUnschedulable.filter(pod(), info({ unschedulable: true }))).toEqual({
      code: 'UnschedulableAndUnresolvable',
      reasons: ['node(s) were unschedulable'],
      plugin: 'NodeUnschedulable',
    });
    expect(NodeUnschedulable.filter(pod(), info())).toBeUndefined();
    const tolerant = pod({ tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] });
    expect(NodeUnschedulable.filter(tolerant, info({ unschedulable: true }))).toBeUndefined();
  });
});

describe('NodeName', () => {
  it('fits only the named node', () => {
    expect(NodeName.filter(pod({ nodeName: 'node02' }), info())?.reasons).toEqual(["node(s) didn't match the requested node name"]);
    expect(NodeName.filter(pod({ nodeName: 'node01' }), info())).toBeUndefined();
    expect(NodeName.filter(pod(), info())).toBeUndefined();
  });
});

describe('NodeAffinity (nodeSelector)', () => {
  it('requires every selector label on the node', () => {
    const picky = pod({ nodeSelector: { disktype: 'ssd', zone: 'a' } });
    expect(NodeAffinity.filter(picky, info({}, { disktype: 'ssd', zone: 'a', extra: 'x' }))).toBeUndefined();
    expect(NodeAffinity.filter(picky, info({}, { disktype: 'ssd' }))).toEqual({
      code: 'UnschedulableAndUnresolvable',
      reasons: ["node(s) didn't match Pod's node affinity/selector"],
      plugin: 'NodeAffinity',
    });
  });
});

describe('NodeResourcesFit', () => {
  it('sums container requests and takes the largest init container if bigger', () => {
    expect(podRequests(requesting('250m', '64Mi'))).toEqual({ milliCPU: 250, memory: 64 * 2 ** 20 });
    const withInit = pod({
      containers: [
        { name: 'a', image: 'x', resources: { requests: { cpu: '100m' } } },
        { name: 'b', image: 'x', resources: { requests: { cpu: '200m' } } },
      ],
      initContainers: [{ name: 'i', image: 'x', resources: { requests: { cpu: '1', memory: '1Gi' } } }],
    });
    expect(podRequests(withInit)).toEqual({ milliCPU: 1000, memory: 2 ** 30 });
  });

  it('reports each resource that is short, in kube-scheduler order', () => {
    expect(NodeResourcesFit.filter(requesting('1500m'), info({}, {}, { milliCPU: 1000, memory: 0, pods: 1 }))).toEqual({
      code: 'Unschedulable',
      reasons: ['Insufficient cpu'],
      plugin: 'NodeResourcesFit',
    });
    const full = info({}, {}, { milliCPU: 2000, memory: 4 * 2 ** 30, pods: 110 });
    expect(NodeResourcesFit.filter(requesting('1', '1Mi'), full)?.reasons).toEqual(['Too many pods', 'Insufficient cpu', 'Insufficient memory']);
  });

  it('lets a Pod without requests onto a node whose CPU is all requested', () => {
    expect(NodeResourcesFit.filter(pod(), info({}, {}, { milliCPU: 2000, memory: 0, pods: 3 }))).toBeUndefined();
    expect(NodeResourcesFit.filter(requesting('2'), info())).toBeUndefined();
  });

  it('scores the emptier node higher (LeastAllocated), within 0–100', () => {
    const empty = NodeResourcesFit.score(requesting('100m', '100Mi'), info());
    const busy = NodeResourcesFit.score(requesting('100m', '100Mi'), info({}, {}, { milliCPU: 1500, memory: 2 ** 31, pods: 5 }));
    expect(empty).toBeGreaterThan(busy);
    expect(empty).toBeLessThanOrEqual(100);
    expect(busy).toBeGreaterThanOrEqual(0);
    expect(Number.isInteger(empty)).toBe(true);
  });
});
