/**
 * The default lab's machines and addresses (INTERFACES.md): a kubeadm cluster of one control-plane
 * node and two workers, plus the learner's workstation `bastion`.
 */

export const CLUSTER = {
  podCIDR: '172.16.0.0/16',
  serviceCIDR: '10.96.0.0/12',
  kubernetesServiceIP: '10.96.0.1',
  dnsServiceIP: '10.96.0.10',
  domain: 'cluster.local',
  apiServerPort: 6443,
};

export interface MachineSpec {
  name: string;
  address: string;
  role: 'control-plane' | 'worker';
  cpu: string;
  memory: string;
}

export const BASTION = { name: 'bastion', address: '192.168.200.5', user: 'student', home: '/home/student' };

export function defaultMachines(workerCount = 2): MachineSpec[] {
  const machines: MachineSpec[] = [
    { name: 'controlplane', address: '192.168.200.10', role: 'control-plane', cpu: '2', memory: '4015212Ki' },
  ];
  for (let i = 1; i <= workerCount; i++) {
    machines.push({
      name: `node${String(i).padStart(2, '0')}`,
      address: `192.168.${200 + Math.floor((10 + i) / 250)}.${(10 + i) % 250}`,
      role: 'worker',
      cpu: '2',
      memory: '4015212Ki',
    });
  }
  return machines;
}

export const CONTROL_PLANE_ENDPOINT = `https://192.168.200.10:${CLUSTER.apiServerPort}`;
