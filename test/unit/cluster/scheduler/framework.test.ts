import { describe, expect, it } from 'vitest';
import { unresolvable, unschedulable } from '../../../../src/main/cluster/scheduler/framework.js';
import { failedSchedulingMessage } from '../../../../src/main/cluster/scheduler/scheduler.js';

const taint = unresolvable('TaintToleration', 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }');
const cpu = unschedulable('NodeResourcesFit', 'Insufficient cpu');

describe('failedSchedulingMessage', () => {
  it('matches kube-scheduler for the classic kubeadm "too big" Pod', () => {
    expect(failedSchedulingMessage(3, [taint, cpu, cpu])).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. ' +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..',
    );
  });

  it('counts every reason of a node, sorts the reasons and the preemption parts', () => {
    const both = unschedulable('NodeResourcesFit', 'Insufficient cpu', 'Insufficient memory');
    expect(failedSchedulingMessage(2, [both, cpu])).toBe(
      '0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod..',
    );
  });

  it('leaves out the victims part when preemption cannot help anywhere', () => {
    expect(failedSchedulingMessage(1, [taint])).toBe(
      '0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling..',
    );
  });

  it('says so when there are no nodes at all (ErrNoNodesAvailable)', () => {
    expect(failedSchedulingMessage(0, [])).toBe('no nodes available to schedule pods');
  });
});
