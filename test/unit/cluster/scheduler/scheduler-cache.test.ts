import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../../../src/shared/api/core.js';
import { SchedulerCache } from '../../../../src/main/cluster/scheduler/scheduler-cache.js';

const node: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: {}, status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } } } as Node;

function pod(cpu: string): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu } } }] } } as Pod;
}

describe('SchedulerCache', () => {
  it('takes the bound version of an assumed Pod in its place, and recounts a Pod whose requests changed', () => {
    const cache = new SchedulerCache();
    cache.setNode(node);
    const assumed = pod('500m');
    cache.setPod('default/p', assumed, 'n1');
    // The informer's bound Pod shares the assumed one's containers (the binding changed nodeName only).
    const bound: Pod = { ...assumed, spec: { ...assumed.spec, nodeName: 'n1' } };
    cache.setPod('default/p', bound, 'n1');
    const info = cache.get('n1')!;
    expect(info.pods).toEqual([bound]);
    expect(info.pods[0]).toBe(bound);
    expect(info.requested).toEqual({ milliCPU: 500, memory: 0, pods: 1 });
    cache.setPod('default/p', pod('1'), 'n1');
    expect(info.requested).toEqual({ milliCPU: 1000, memory: 0, pods: 1 });
    cache.removePod('default/p');
    expect(info.requested).toEqual({ milliCPU: 0, memory: 0, pods: 0 });
    expect(info.pods).toEqual([]);
  });

  it('counts cordoned and tainted nodes through updates and removal', () => {
    const cache = new SchedulerCache();
    cache.setNode(node);
    expect([cache.unschedulableNodes, cache.taintedNodes]).toEqual([0, 0]);
    cache.setNode({ ...node, spec: { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] } } as Node);
    expect([cache.unschedulableNodes, cache.taintedNodes]).toEqual([1, 1]);
    cache.setNode({ ...node, spec: { taints: [] } } as Node);
    expect([cache.unschedulableNodes, cache.taintedNodes]).toEqual([0, 0]);
    cache.setNode({ ...node, metadata: { name: 'n2' }, spec: { taints: [{ key: 'k', effect: 'PreferNoSchedule' }] } } as Node);
    expect(cache.taintedNodes).toBe(1);
    cache.removeNode('n2');
    expect(cache.taintedNodes).toBe(0);
  });
});
