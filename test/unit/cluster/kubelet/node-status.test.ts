import { describe, expect, it } from 'vitest';
import { nodeConditions, nodeStatusBody, registrationNode } from '../../../../src/main/cluster/kubelet/node-status.js';
import { machine } from '../../helpers/kubelet.js';

describe('node status', () => {
  it('registers with the well-known labels and annotations', () => {
    const node = registrationNode(machine('node01'));
    expect(node.metadata.name).toBe('node01');
    expect(node.metadata.labels).toEqual({
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': 'node01',
      'kubernetes.io/os': 'linux',
    });
    expect(node.spec).toEqual({});
  });

  it('keeps a condition transition time while its status holds, and moves it when it flips', () => {
    const first = nodeConditions(undefined, 't1', false);
    expect(first.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'KubeletNotReady', lastHeartbeatTime: 't1', lastTransitionTime: 't1' });
    const second = nodeConditions(first, 't2', true);
    expect(second.find((c) => c.type === 'Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady', lastHeartbeatTime: 't2', lastTransitionTime: 't2' });
    expect(second.find((c) => c.type === 'MemoryPressure')).toMatchObject({ lastHeartbeatTime: 't2', lastTransitionTime: 't1' });
    const third = nodeConditions(second, 't3', true);
    expect(third.find((c) => c.type === 'Ready')).toMatchObject({ lastHeartbeatTime: 't3', lastTransitionTime: 't2' });
  });

  it('reports capacity, allocatable (minus the eviction threshold and 10% storage) and nodeInfo', () => {
    const body = nodeStatusBody(machine('node01'));
    expect(body.capacity).toMatchObject({ cpu: '2', memory: '4015212Ki', pods: '110', 'ephemeral-storage': '20134592Ki' });
    expect(body.allocatable).toMatchObject({ cpu: '2', memory: '3912812Ki', pods: '110', 'ephemeral-storage': String(Math.floor(20134592 * 1024 * 0.9)) });
    expect(body.nodeInfo).toMatchObject({ kubeletVersion: 'v1.32.4', containerRuntimeVersion: 'containerd://1.7.24', operatingSystem: 'linux', architecture: 'amd64' });
  });
});
