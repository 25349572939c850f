/** Kubelets (and the node IPAM controller they need for Pod IPs) on a test cluster. */
import { NodeIpamController } from '../../../src/main/cluster/controllers/node-ipam.js';
import { Kubelet, type KubeletOptions } from '../../../src/main/cluster/kubelet/kubelet.js';
import type { NodeMachine } from '../../../src/main/cluster/kubelet/node-status.js';
import type { TestCluster } from './cluster.js';

export function machine(name: string, address = '192.168.200.11'): NodeMachine {
  return {
    name,
    address,
    cpu: '2',
    memory: '4015212Ki',
    pods: '110',
    ephemeralStorage: '20134592Ki',
    machineID: '0'.repeat(32),
    systemUUID: '00000000-0000-4000-8000-000000000000',
    bootID: '00000000-0000-4000-8000-000000000001',
  };
}

/** Start node IPAM (podCIDRs from 172.16.0.0/16) once per cluster. */
export function startIpam(cluster: TestCluster): NodeIpamController {
  const ipam = cluster.disposables.add(new NodeIpamController(cluster.client('kube-controller-manager'), cluster.clock, '172.16.0.0/16'));
  ipam.start();
  cluster.settle();
  return ipam;
}

export function startKubelet(cluster: TestCluster, name: string, options: Pick<KubeletOptions, 'preloadedImages' | 'containerTarget'> & { address?: string } = {}): Kubelet {
  const kubelet = cluster.disposables.add(
    new Kubelet({
      client: cluster.client(`kubelet/${name}`),
      clock: cluster.clock,
      random: cluster.random.fork(`kubelet/${name}`),
      machine: machine(name, options.address),
      preloadedImages: options.preloadedImages,
      containerTarget: options.containerTarget,
    }),
  );
  kubelet.start();
  cluster.settle();
  return kubelet;
}
