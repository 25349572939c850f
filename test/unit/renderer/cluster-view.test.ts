import { describe, expect, it } from 'vitest';
import { describeEntry, journeyHop } from '../../../src/renderer/src/cluster/journey.js';
import { isCordoned, isPodReady, nodeTone, podTone, splitTaint } from '../../../src/renderer/src/cluster/pod-status.js';
import type { TraceEntry } from '../../../src/shared/rpc/contract.js';

describe('pod status colours', () => {
  it('maps kubectl STATUS values to tones', () => {
    expect(podTone('Running')).toBe('running');
    for (const s of ['Pending', 'ContainerCreating', 'PodInitializing', 'Init:0/2']) expect(podTone(s), s).toBe('pending');
    for (const s of ['ErrImagePull', 'ImagePullBackOff', 'CrashLoopBackOff', 'Error', 'OOMKilled', 'CreateContainerConfigError', 'InvalidImageName', 'Init:ErrImagePull', 'Init:CrashLoopBackOff', 'Unknown', 'Evicted']) {
      expect(podTone(s), s).toBe('error');
    }
    expect(podTone('Terminating')).toBe('terminating');
    expect(podTone('Completed')).toBe('done');
  });

  it('reads node status and READY', () => {
    expect(nodeTone('Ready')).toBe('ready');
    expect(nodeTone('Ready,SchedulingDisabled')).toBe('ready');
    expect(nodeTone('NotReady')).toBe('not-ready');
    expect(isCordoned('Ready,SchedulingDisabled')).toBe(true);
    expect(isCordoned('Ready')).toBe(false);
    expect(isPodReady('1/1')).toBe(true);
    expect(isPodReady('1/2')).toBe(false);
    expect(splitTaint('node-role.kubernetes.io/control-plane:NoSchedule')).toEqual({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' });
    expect(splitTaint('dedicated=gpu:NoExecute')).toEqual({ key: 'dedicated=gpu', effect: 'NoExecute' });
  });
});

const entry = (e: Omit<TraceEntry, 'seq' | 'time'>): TraceEntry => ({ seq: 1, time: 0, ...e });

describe('the request journey', () => {
  it('lights the station of each hop of `kubectl apply`', () => {
    expect(journeyHop(entry({ from: 'kubectl', to: 'kube-apiserver', verb: 'create', resource: 'pods', namespace: 'default', name: 'nginx-pod', code: 201 }))).toEqual({ station: 'kubectl', peer: 'apiserver' });
    expect(journeyHop(entry({ from: 'kube-apiserver', to: 'etcd', verb: 'put', resource: 'pods', key: '/registry/pods/default/nginx-pod', revision: 9 }))).toEqual({ station: 'etcd', peer: 'apiserver' });
    expect(journeyHop(entry({ from: 'kube-scheduler', to: 'kube-apiserver', verb: 'bind', resource: 'pods', name: 'nginx-pod' }))).toEqual({ station: 'scheduler', peer: 'apiserver' });
    expect(journeyHop(entry({ from: 'kubelet/node02', to: 'kube-apiserver', verb: 'update', resource: 'pods', name: 'nginx-pod' }))).toEqual({ station: 'pod', peer: 'kubelet', node: 'node02' });
    expect(journeyHop(entry({ from: 'kubelet/node02', to: 'kube-apiserver', verb: 'create', resource: 'events' }))).toEqual({ station: 'kubelet', peer: 'apiserver', node: 'node02' });
  });

  it('leaves out heartbeats and informers opening watches', () => {
    expect(journeyHop(entry({ from: 'kubelet/node01', to: 'kube-apiserver', verb: 'update', resource: 'leases' }))).toBeUndefined();
    expect(journeyHop(entry({ from: 'kube-apiserver', to: 'etcd', verb: 'put', resource: 'leases' }))).toBeUndefined();
    expect(journeyHop(entry({ from: 'kubelet/node01', to: 'kube-apiserver', verb: 'get', resource: 'nodes' }))).toBeUndefined();
    expect(journeyHop(entry({ from: 'kube-scheduler', to: 'kube-apiserver', verb: 'watch', resource: 'pods' }))).toBeUndefined();
    expect(journeyHop(entry({ from: 'kube-controller-manager', to: 'kube-apiserver', verb: 'patch', resource: 'nodes' }))).toBeUndefined();
    // The learner's own watch (`kubectl get -w`) is part of their request.
    expect(journeyHop(entry({ from: 'kubectl', to: 'kube-apiserver', verb: 'watch', resource: 'pods' }))?.station).toBe('kubectl');
  });

  it('describes an entry in one line', () => {
    expect(describeEntry(entry({ from: 'kubectl', to: 'kube-apiserver', verb: 'create', resource: 'pods', namespace: 'default', name: 'nginx-pod', code: 201 }))).toBe(
      'kubectl → kube-apiserver create pods default/nginx-pod 201',
    );
    expect(describeEntry(entry({ from: 'kube-apiserver', to: 'etcd', verb: 'put', resource: 'pods', key: '/registry/pods/default/nginx-pod', revision: 9 }))).toBe(
      'kube-apiserver → etcd put /registry/pods/default/nginx-pod',
    );
  });
});
