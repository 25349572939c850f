/** The Node object a kubelet registers and the status it reports (conditions, capacity, nodeInfo). */
import type { Node, NodeCondition } from '../../../shared/api/core.js';
import { parseQuantity } from '../../base/quantity.js';

export interface NodeMachine {
  name: string;
  address: string;
  cpu: string;
  /** Memory capacity, e.g. `4015212Ki`. */
  memory: string;
  pods: string;
  ephemeralStorage: string;
  machineID: string;
  systemUUID: string;
  bootID: string;
}

export const KUBELET_VERSION = 'v1.32.4';
export const CONTAINER_RUNTIME_VERSION = 'containerd://1.7.24';
export const OS_IMAGE = 'Ubuntu 22.04.5 LTS';
export const KERNEL_VERSION = '5.15.0-131-generic';

/** kubelet's default hard eviction threshold memory.available<100Mi comes off allocatable. */
export function allocatableMemory(capacity: string): string {
  const bytes = parseQuantity(capacity) ?? 0;
  return `${Math.floor((bytes - 100 * 1024 * 1024) / 1024)}Ki`;
}

export function registrationNode(machine: NodeMachine): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: machine.name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': machine.name,
        'kubernetes.io/os': 'linux',
      },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {},
  };
}

/** Ready=False's message when the kubelet runs but its container runtime does not answer. */
export const RUNTIME_DOWN_MESSAGE = 'container runtime is down';

export function nodeConditions(previous: NodeCondition[] | undefined, nowText: string, ready: boolean, notReadyMessage?: string): NodeCondition[] {
  const wanted: Array<Omit<NodeCondition, 'lastHeartbeatTime' | 'lastTransitionTime'>> = [
    { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
    { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
    { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
    ready
      ? { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }
      : {
          type: 'Ready',
          status: 'False',
          reason: 'KubeletNotReady',
          message: notReadyMessage ?? 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
        },
  ];
  return wanted.map((c) => {
    const before = previous?.find((p) => p.type === c.type);
    return {
      ...c,
      lastHeartbeatTime: nowText,
      lastTransitionTime: before && before.status === c.status ? before.lastTransitionTime : nowText,
    };
  });
}

export function nodeStatusBody(machine: NodeMachine): Omit<NonNullable<Node['status']>, 'conditions'> {
  return {
    addresses: [
      { type: 'InternalIP', address: machine.address },
      { type: 'Hostname', address: machine.name },
    ],
    capacity: {
      cpu: machine.cpu,
      'ephemeral-storage': machine.ephemeralStorage,
      'hugepages-1Gi': '0',
      'hugepages-2Mi': '0',
      memory: machine.memory,
      pods: machine.pods,
    },
    allocatable: {
      cpu: machine.cpu,
      'ephemeral-storage': String(Math.floor((parseQuantity(machine.ephemeralStorage) ?? 0) * 0.9)),
      'hugepages-1Gi': '0',
      'hugepages-2Mi': '0',
      memory: allocatableMemory(machine.memory),
      pods: machine.pods,
    },
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      architecture: 'amd64',
      bootID: machine.bootID,
      containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
      kernelVersion: KERNEL_VERSION,
      kubeProxyVersion: '',
      kubeletVersion: KUBELET_VERSION,
      machineID: machine.machineID,
      operatingSystem: 'linux',
      osImage: OS_IMAGE,
      systemUUID: machine.systemUUID,
    },
  };
}
