/**
 * NodePorts: a Pod asking for host ports fits only a node where no bound Pod holds the same
 * protocol/port on an overlapping host IP (0.0.0.0 overlaps every address).
 */
import type { Pod } from '../../../../shared/api/core.js';
import { type FilterPlugin, unschedulable } from '../framework.js';

export const ERR_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";

interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

export function hostPorts(pod: Pod): HostPort[] {
  const ports: HostPort[] = [];
  for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      ports.push({ ip: (p as { hostIP?: string }).hostIP || '0.0.0.0', protocol: p.protocol ?? 'TCP', port: p.hostPort });
    }
  }
  return ports;
}

function conflicts(a: HostPort, b: HostPort): boolean {
  return a.port === b.port && a.protocol === b.protocol && (a.ip === b.ip || a.ip === '0.0.0.0' || b.ip === '0.0.0.0');
}

export const NodePorts: FilterPlugin = {
  name: 'NodePorts',
  events: ['NodeAdd', 'AssignedPodDelete'],
  preFilter(pod, state) {
    const wanted = hostPorts(pod);
    if (wanted.length === 0) return 'skip';
    state.write('NodePorts', wanted);
    return undefined;
  },
  filter(pod, info, state) {
    const wanted = state?.read<HostPort[]>('NodePorts') ?? hostPorts(pod);
    for (const other of info.pods) {
      for (const used of hostPorts(other)) {
        if (wanted.some((w) => conflicts(w, used))) return unschedulable('NodePorts', ERR_NODE_PORTS);
      }
    }
    return undefined;
  },
};
