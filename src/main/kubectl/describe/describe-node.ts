/** `kubectl describe node`, laid out like kubectl 1.32's NodeDescriber (lease, conditions, pods, allocation). */
import type { Lease, Node, Pod } from '../../../shared/api/core.js';
import { humanDuration } from '../../base/duration.js';
import { milliValue, parseQuantity } from '../../base/quantity.js';
import type { ApiClient } from '../../cluster/client/api-client.js';
import { LEASES, PODS } from '../../cluster/client/resources.js';
import { searchEvents, writeEvents } from './events.js';
import { LEVEL_0, LEVEL_1, PrefixWriter, rfc1123z, writeAnnotations, writeLabels } from './prefix-writer.js';

function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith('node-role.kubernetes.io/') && key.length > 'node-role.kubernetes.io/'.length) roles.add(key.slice('node-role.kubernetes.io/'.length));
    else if (key === 'kubernetes.io/role' && value) roles.add(value);
  }
  return [...roles].sort();
}

/** A resource.Quantity's canonical string for sums of requests (`0`, `250m`, `1`, `128Mi`). */
function cpuString(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

function memoryString(bytes: number): string {
  if (bytes === 0) return '0';
  for (const [suffix, size] of [['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
    if (bytes % size === 0) return `${bytes / size}${suffix}`;
  }
  return String(bytes);
}

function podTotals(pod: Pod): { cpuReq: number; cpuLim: number; memReq: number; memLim: number } {
  const t = { cpuReq: 0, cpuLim: 0, memReq: 0, memLim: 0 };
  for (const c of pod.spec.containers) {
    t.cpuReq += milliValue(c.resources?.requests?.cpu);
    t.cpuLim += milliValue(c.resources?.limits?.cpu);
    t.memReq += parseQuantity(c.resources?.requests?.memory) ?? 0;
    t.memLim += parseQuantity(c.resources?.limits?.memory) ?? 0;
  }
  return t;
}

export function describeNode(node: Node, client: ApiClient, now: number): string {
  const w = new PrefixWriter();
  const name = node.metadata.name ?? '';
  w.write(LEVEL_0, `Name:\t${name}\n`);
  const roles = nodeRoles(node);
  w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
  writeLabels(w, 'Labels', node.metadata.labels);
  writeAnnotations(w, node.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  const taints = node.spec.taints ?? [];
  w.write(LEVEL_0, 'Taints:\t');
  if (taints.length === 0) w.write(LEVEL_0, '<none>\n');
  taints.forEach((t, i) => w.write(LEVEL_0, `${i > 0 ? '\t' : ''}${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}\n`));
  w.write(LEVEL_0, `Unschedulable:\t${node.spec.unschedulable === true}\n`);
  const lease = client.get<Lease>(LEASES, 'kube-node-lease', name);
  const spec = lease.ok ? lease.value.spec : {};
  w.write(LEVEL_0, 'Lease:\n');
  w.write(LEVEL_1, `HolderIdentity:\t${spec.holderIdentity ?? '<unset>'}\n`);
  w.write(LEVEL_1, `AcquireTime:\t${spec.acquireTime ? rfc1123z(spec.acquireTime) : '<unset>'}\n`);
  w.write(LEVEL_1, `RenewTime:\t${spec.renewTime ? rfc1123z(spec.renewTime) : '<unset>'}\n`);
  const conditions = node.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(LEVEL_0, 'Addresses:\n');
  for (const a of node.status?.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
  for (const [title, list] of [['Capacity', node.status?.capacity], ['Allocatable', node.status?.allocatable]] as const) {
    const keys = Object.keys(list ?? {}).sort();
    if (keys.length === 0) continue;
    w.write(LEVEL_0, `${title}:\n`);
    for (const k of keys) w.write(LEVEL_0, `  ${k}:\t${list![k]}\n`);
  }
  const info = node.status?.nodeInfo;
  w.write(LEVEL_0, 'System Info:\n');
  w.write(LEVEL_0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
  w.write(LEVEL_0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
  w.write(LEVEL_0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
  w.write(LEVEL_0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
  w.write(LEVEL_0, `  OS Image:\t${info?.osImage ?? ''}\n`);
  w.write(LEVEL_0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
  w.write(LEVEL_0, `  Architecture:\t${info?.architecture ?? ''}\n`);
  w.write(LEVEL_0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
  if (node.spec.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if (node.spec.podCIDRs && node.spec.podCIDRs.length > 0) w.write(LEVEL_0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`);
  const listed = client.list<Pod>(PODS, undefined, { fieldSelector: `spec.nodeName=${name},status.phase!=Succeeded,status.phase!=Failed` });
  const pods = listed.ok ? listed.value.items : [];
  const alloc = node.status?.allocatable ?? node.status?.capacity ?? {};
  const allocCpu = milliValue(alloc.cpu) || 1;
  const allocMem = parseQuantity(alloc.memory) || 1;
  const pct = (v: number, total: number): number => Math.trunc((v / total) * 100);
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const total = { cpuReq: 0, cpuLim: 0, memReq: 0, memLim: 0 };
  for (const pod of pods) {
    const t = podTotals(pod);
    total.cpuReq += t.cpuReq;
    total.cpuLim += t.cpuLim;
    total.memReq += t.memReq;
    total.memLim += t.memLim;
    w.write(
      LEVEL_1,
      `${pod.metadata.namespace ?? ''}\t${pod.metadata.name ?? ''}\t\t${cpuString(t.cpuReq)} (${pct(t.cpuReq, allocCpu)}%)\t${cpuString(t.cpuLim)} (${pct(t.cpuLim, allocCpu)}%)\t${memoryString(t.memReq)} (${pct(t.memReq, allocMem)}%)\t${memoryString(t.memLim)} (${pct(t.memLim, allocMem)}%)\t${humanDuration(now - Date.parse(pod.metadata.creationTimestamp ?? ''))}\n`,
    );
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  w.write(LEVEL_1, `cpu\t${cpuString(total.cpuReq)} (${pct(total.cpuReq, allocCpu)}%)\t${cpuString(total.cpuLim)} (${pct(total.cpuLim, allocCpu)}%)\n`);
  w.write(LEVEL_1, `memory\t${memoryString(total.memReq)} (${pct(total.memReq, allocMem)}%)\t${memoryString(total.memLim)} (${pct(total.memLim, allocMem)}%)\n`);
  w.write(LEVEL_1, 'ephemeral-storage\t0 (0%)\t0 (0%)\n');
  for (const hp of Object.keys(alloc).filter((k) => k.startsWith('hugepages-')).sort()) w.write(LEVEL_1, `${hp}\t0 (0%)\t0 (0%)\n`);
  writeEvents(w, searchEvents(client, { kind: 'Node', name, uid: name }), now);
  return w.toString();
}
