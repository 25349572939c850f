import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContainerStatus, Node, Pod, PodStatus } from '../../../../src/shared/api/core.js';
import { LEASES, NAMESPACES, NODES, PODS } from '../../../../src/main/cluster/client/resources.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { nodeDisplayStatus, nodeRoles } from '../../../../src/main/cluster/apiserver/registry/node.js';
import { podDisplayStatus } from '../../../../src/main/cluster/apiserver/registry/pod.js';
import { type TestCluster, createNode, createPod, expectOk, makeCluster } from '../../helpers/cluster.js';

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

function container(name: string, state: ContainerStatus['state'], extra: Partial<ContainerStatus> = {}): ContainerStatus {
  return { name, state, lastState: {}, ready: false, restartCount: 0, image: 'nginx:1.25', imageID: '', ...extra };
}

function podWith(status: PodStatus, extra: { deleting?: boolean; init?: number } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', ...(extra.deleting ? { deletionTimestamp: '2025-01-01T00:00:30Z' } : {}) },
    spec: {
      containers: [{ name: 'app', image: 'nginx' }],
      ...(extra.init ? { initContainers: Array.from({ length: extra.init }, (_, i) => ({ name: `init${i}`, image: 'busybox' })) } : {}),
    },
    status,
  };
}

describe('Pod STATUS column (printPod)', () => {
  it.each<[string, Pod]>([
    ['Pending', podWith({ phase: 'Pending' })],
    ['ContainerCreating', podWith({ phase: 'Pending', containerStatuses: [container('app', { waiting: { reason: 'ContainerCreating' } })] })],
    ['ErrImagePull', podWith({ phase: 'Pending', containerStatuses: [container('app', { waiting: { reason: 'ErrImagePull' } })] })],
    ['ImagePullBackOff', podWith({ phase: 'Pending', containerStatuses: [container('app', { waiting: { reason: 'ImagePullBackOff' } })] })],
    ['Running', podWith({ phase: 'Running', containerStatuses: [container('app', { running: { startedAt: 'x' } }, { ready: true })] })],
    ['Completed', podWith({ phase: 'Succeeded', containerStatuses: [container('app', { terminated: { exitCode: 0, reason: 'Completed' } })] })],
    ['Error', podWith({ phase: 'Failed', containerStatuses: [container('app', { terminated: { exitCode: 1, reason: 'Error' } })] })],
    ['ExitCode:137', podWith({ phase: 'Failed', containerStatuses: [container('app', { terminated: { exitCode: 137 } })] })],
    ['CrashLoopBackOff', podWith({ phase: 'Running', containerStatuses: [container('app', { waiting: { reason: 'CrashLoopBackOff' } })] })],
    ['Evicted', podWith({ phase: 'Failed', reason: 'Evicted' })],
    ['Terminating', podWith({ phase: 'Running', containerStatuses: [container('app', { running: {} }, { ready: true })] }, { deleting: true })],
    ['Completed', podWith({ phase: 'Succeeded', containerStatuses: [container('app', { terminated: { exitCode: 0, reason: 'Completed' } })] }, { deleting: true })],
    ['Init:0/2', podWith({ phase: 'Pending', initContainerStatuses: [container('init0', { running: {} }), container('init1', { waiting: { reason: 'PodInitializing' } })] }, { init: 2 })],
    ['Init:1/2', podWith({ phase: 'Pending', initContainerStatuses: [container('init0', { terminated: { exitCode: 0, reason: 'Completed' } }), container('init1', { running: {} })] }, { init: 2 })],
    ['Init:Error', podWith({ phase: 'Pending', initContainerStatuses: [container('init0', { terminated: { exitCode: 1, reason: 'Error' } })] }, { init: 1 })],
    ['Init:ExitCode:2', podWith({ phase: 'Pending', initContainerStatuses: [container('init0', { terminated: { exitCode: 2 } })] }, { init: 1 })],
    ['Init:CrashLoopBackOff', podWith({ phase: 'Pending', initContainerStatuses: [container('init0', { waiting: { reason: 'CrashLoopBackOff' } })] }, { init: 1 })],
  ])('shows %s', (expected, pod) => {
    expect(podDisplayStatus(pod)).toBe(expected);
  });

  it('shows Running, not Completed, while another container is still running and ready', () => {
    const pod = podWith({
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [container('a', { terminated: { exitCode: 0, reason: 'Completed' } }), container('b', { running: {} }, { ready: true })],
    });
    expect(podDisplayStatus(pod)).toBe('Running');
    pod.status!.conditions = [{ type: 'Ready', status: 'False' }];
    expect(podDisplayStatus(pod)).toBe('NotReady');
  });
});

describe('server-side Table for Pods', () => {
  it('has kubectl get pods columns, wide ones at priority 1', () => {
    createPod(client, 'web');
    const table = expectOk(client.listTable(PODS, 'default'));
    expect(table.kind).toBe('Table');
    expect(table.apiVersion).toBe('meta.k8s.io/v1');
    expect(table.columnDefinitions.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0',
      'Ready:0',
      'Status:0',
      'Restarts:0',
      'Age:0',
      'IP:1',
      'Node:1',
      'Nominated Node:1',
      'Readiness Gates:1',
    ]);
    expect(table.columnDefinitions[0]!.format).toBe('name');
    expect(table.metadata.resourceVersion).toBe(String(cluster.revision()));
  });

  it('prints a new Pod as Pending with no IP or node', () => {
    createPod(client, 'web');
    cluster.clock.advance(5000);
    const table = expectOk(client.getTable(PODS, 'default', 'web'));
    expect(table.rows[0]!.cells).toEqual(['web', '0/1', 'Pending', '0', '5s', '<none>', '<none>', '<none>', '<none>']);
    expect(table.rows[0]!.object).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'web' } });
  });

  it('prints ContainerCreating, then Running with IP, node and readiness', () => {
    const pod = createPod(client, 'web', { nodeName: 'node01' });
    const creating = expectOk(
      client.updateStatus<Pod>(PODS, 'default', {
        ...pod,
        status: { ...pod.status, containerStatuses: [container('web', { waiting: { reason: 'ContainerCreating' } })] },
      }),
    );
    expect(expectOk(client.getTable(PODS, 'default', 'web')).rows[0]!.cells.slice(0, 3)).toEqual(['web', '0/1', 'ContainerCreating']);
    expectOk(
      client.updateStatus<Pod>(PODS, 'default', {
        ...creating,
        status: {
          ...creating.status,
          phase: 'Running',
          podIP: '172.16.1.2',
          podIPs: [{ ip: '172.16.1.2' }],
          containerStatuses: [container('web', { running: { startedAt: '2025-01-01T00:00:03Z' } }, { ready: true })],
        },
      }),
    );
    cluster.clock.advance(3 * 60_000);
    expect(expectOk(client.getTable(PODS, 'default', 'web')).rows[0]!.cells).toEqual([
      'web',
      '1/1',
      'Running',
      '0',
      '3m',
      '172.16.1.2',
      'node01',
      '<none>',
      '<none>',
    ]);
  });

  it('prints restarts with the time since the last one', () => {
    const pod = createPod(client, 'web', { nodeName: 'node01', containers: 2 });
    cluster.clock.advance(10 * 60_000);
    expectOk(
      client.updateStatus(PODS, 'default', {
        ...pod,
        status: {
          phase: 'Running',
          containerStatuses: [
            container('web-0', { running: {} }, { ready: true, restartCount: 2, lastState: { terminated: { exitCode: 1, finishedAt: '2025-01-01T00:05:00Z' } } }),
            container('web-1', { running: {} }, { ready: false, restartCount: 1, lastState: { terminated: { exitCode: 1, finishedAt: '2025-01-01T00:02:00Z' } } }),
          ],
        },
      }),
    );
    const cells = expectOk(client.getTable(PODS, 'default', 'web')).rows[0]!.cells;
    expect(cells[1]).toBe('1/2');
    expect(cells[3]).toBe('3 (5m ago)');
  });

  it('prints Terminating for a Pod being deleted', () => {
    const pod = createPod(client, 'web', { nodeName: 'node01' });
    expectOk(client.updateStatus(PODS, 'default', { ...pod, status: { phase: 'Running', containerStatuses: [container('web', { running: {} }, { ready: true })] } }));
    expectOk(client.delete(PODS, 'default', 'web'));
    expect(expectOk(client.getTable(PODS, 'default', 'web')).rows[0]!.cells[2]).toBe('Terminating');
  });
});

describe('server-side Table for Nodes', () => {
  it('prints roles, status, age and version', () => {
    const node = createNode(client, 'controlplane', { labels: { 'node-role.kubernetes.io/control-plane': '' } });
    expectOk(
      client.updateStatus(NODES, undefined, {
        ...node,
        status: {
          ...node.status,
          nodeInfo: { kubeletVersion: 'v1.32.4', osImage: 'Ubuntu 22.04.5 LTS', kernelVersion: '5.15.0', containerRuntimeVersion: 'containerd://1.7.24' },
          addresses: [{ type: 'InternalIP', address: '192.168.200.10' }],
        },
      }),
    );
    cluster.clock.advance(2 * 24 * 3600_000 + 5 * 3600_000);
    const table = expectOk(client.listTable(NODES));
    expect(table.columnDefinitions.filter((c) => c.priority === 0).map((c) => c.name)).toEqual(['Name', 'Status', 'Roles', 'Age', 'Version']);
    expect(table.rows[0]!.cells).toEqual([
      'controlplane',
      'Ready',
      'control-plane',
      '2d5h',
      'v1.32.4',
      '192.168.200.10',
      '<none>',
      'Ubuntu 22.04.5 LTS',
      '5.15.0',
      'containerd://1.7.24',
    ]);
  });

  it('prints <none> for a node without roles, and SchedulingDisabled for a cordoned one', () => {
    createNode(client, 'node01');
    expect(expectOk(client.getTable(NODES, undefined, 'node01')).rows[0]!.cells.slice(0, 3)).toEqual(['node01', 'Ready', '<none>']);
    expectOk(client.patch(NODES, undefined, 'node01', 'merge', { spec: { unschedulable: true } }));
    expect(expectOk(client.getTable(NODES, undefined, 'node01')).rows[0]!.cells[1]).toBe('Ready,SchedulingDisabled');
  });

  it('derives status and roles as kubectl does', () => {
    const base: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: {} };
    expect(nodeDisplayStatus(base)).toBe('Unknown');
    expect(nodeDisplayStatus({ ...base, status: { conditions: [{ type: 'Ready', status: 'False' }] } } as Node)).toBe('NotReady');
    expect(nodeDisplayStatus({ ...base, spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } } as Node)).toBe(
      'NotReady,SchedulingDisabled',
    );
    expect(
      nodeRoles({
        ...base,
        metadata: { name: 'n', labels: { 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'legacy', 'node-role.kubernetes.io/': 'x' } },
      }),
    ).toEqual(['control-plane', 'legacy', 'worker']);
  });
});

describe('server-side Table for other kinds', () => {
  it('prints namespaces with their phase', () => {
    cluster.clock.advance(90_000);
    const table = expectOk(client.listTable(NAMESPACES));
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['default', 'Active', '90s'],
      ['kube-node-lease', 'Active', '90s'],
      ['kube-public', 'Active', '90s'],
      ['kube-system', 'Active', '90s'],
    ]);
  });

  it('prints leases with their holder', () => {
    expectOk(
      client.create(LEASES, 'kube-node-lease', {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: 'node01' },
        spec: { holderIdentity: 'node01', leaseDurationSeconds: 40 },
      }),
    );
    expect(expectOk(client.listTable(LEASES, 'kube-node-lease')).rows[0]!.cells).toEqual(['node01', 'node01', '0s']);
  });
});
