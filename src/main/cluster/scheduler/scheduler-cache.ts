/**
 * The scheduler's cache: one NodeInfo per node, kept up to date from the informers' events (and
 * from Pods the scheduler assumed onto a node before the binding came back), so a scheduling cycle
 * reads a ready snapshot instead of rebuilding it from every Pod.
 */
import type { Node, Pod } from '../../../shared/api/core.js';
import { milliValue, parseQuantity } from '../../base/quantity.js';
import type { NodeInfo, Snapshot } from './framework.js';
import { podRequests } from './plugins/node-resources-fit.js';
import { hasAnyPodAffinity, hasRequiredAntiAffinity } from './plugins/pod-matching.js';

interface PodEntry {
  pod: Pod;
  node: string;
  requests: { milliCPU: number; memory: number };
  nonZero: { milliCPU: number; memory: number };
}

function emptyInfo(node: Node): NodeInfo {
  const info: NodeInfo = {
    node,
    pods: [],
    requested: { milliCPU: 0, memory: 0, pods: 0 },
    nonZeroRequested: { milliCPU: 0, memory: 0 },
    allocatable: { milliCPU: 0, memory: 0, pods: 0 },
    podsWithRequiredAntiAffinity: [],
    podsWithAffinity: [],
  };
  setAllocatable(info, node);
  return info;
}

function setAllocatable(info: NodeInfo, node: Node): void {
  const alloc = node.status?.allocatable ?? {};
  info.node = node;
  info.allocatable = { milliCPU: milliValue(alloc.cpu ?? '0'), memory: parseQuantity(alloc.memory ?? '0') ?? 0, pods: parseQuantity(alloc.pods ?? '0') ?? 0 };
}

/** The parts of a Pod the cache derives its bookkeeping from are the very same objects. */
function sameRequirements(a: Pod, b: Pod): boolean {
  return a.spec.containers === b.spec.containers && a.spec.initContainers === b.spec.initContainers && a.spec.overhead === b.spec.overhead && a.spec.affinity === b.spec.affinity;
}

function replace<T>(list: T[] | undefined, item: T, by: T): void {
  const i = list ? list.indexOf(item) : -1;
  if (i >= 0) list![i] = by;
}

function remove<T>(list: T[] | undefined, item: T): void {
  if (!list) return;
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}

export class SchedulerCache implements Snapshot {
  private readonly nodes = new Map<string, NodeInfo>();
  private readonly pods = new Map<string, PodEntry>();
  /** Pods bound to a node the cache does not know (yet), by node. */
  private readonly orphans = new Map<string, Set<string>>();
  private ordered: NodeInfo[] | undefined;
  requiredAntiAffinityPods = 0;
  affinityPods = 0;
  /** Cordoned nodes and nodes with taints: none lets a cycle skip the checks that would pass everywhere. */
  unschedulableNodes = 0;
  taintedNodes = 0;

  get nodeCount(): number {
    return this.nodes.size;
  }

  list(): readonly NodeInfo[] {
    this.ordered ??= [...this.nodes.values()].sort((a, b) => ((a.node.metadata.name ?? '') < (b.node.metadata.name ?? '') ? -1 : 1));
    return this.ordered;
  }

  get(name: string): NodeInfo | undefined {
    return this.nodes.get(name);
  }

  setNode(node: Node): void {
    const name = node.metadata.name ?? '';
    const info = this.nodes.get(name);
    if (info) {
      this.countFlags(info.node, -1);
      this.countFlags(node, 1);
      setAllocatable(info, node);
      return;
    }
    this.countFlags(node, 1);
    const created = emptyInfo(node);
    this.nodes.set(name, created);
    this.ordered = undefined;
    for (const key of this.orphans.get(name) ?? []) {
      const entry = this.pods.get(key);
      if (entry) this.attach(created, entry);
    }
    this.orphans.delete(name);
  }

  removeNode(name: string): void {
    const info = this.nodes.get(name);
    if (!info) return;
    this.countFlags(info.node, -1);
    this.nodes.delete(name);
    this.ordered = undefined;
    const keys = new Set<string>();
    for (const [key, entry] of this.pods) if (entry.node === name) keys.add(key);
    if (keys.size > 0) this.orphans.set(name, keys);
  }

  /** A Pod bound (or assumed) to `node`; replaces what the cache had for the same key. */
  setPod(key: string, pod: Pod, node: string): void {
    const known = this.pods.get(key);
    if (known && known.node === node && sameRequirements(known.pod, pod)) {
      // The assumed Pod confirmed by the informer (or a status change): same node, same requests.
      const info = this.nodes.get(node);
      if (info) {
        replace(info.pods, known.pod, pod);
        replace(info.podsWithRequiredAntiAffinity, known.pod, pod);
        replace(info.podsWithAffinity, known.pod, pod);
      }
      known.pod = pod;
      return;
    }
    this.removePod(key);
    const entry: PodEntry = { pod, node, requests: podRequests(pod), nonZero: podRequests(pod, true) };
    this.pods.set(key, entry);
    const info = this.nodes.get(node);
    if (info) this.attach(info, entry);
    else {
      let set = this.orphans.get(node);
      if (!set) this.orphans.set(node, (set = new Set()));
      set.add(key);
    }
  }

  removePod(key: string): void {
    const entry = this.pods.get(key);
    if (!entry) return;
    this.pods.delete(key);
    const info = this.nodes.get(entry.node);
    if (info) this.detach(info, entry);
    else this.orphans.get(entry.node)?.delete(key);
  }

  private countFlags(node: Node, delta: number): void {
    if (node.spec.unschedulable) this.unschedulableNodes += delta;
    if ((node.spec.taints ?? []).length > 0) this.taintedNodes += delta;
  }

  /** The node a Pod is bound or assumed to. */
  nodeOf(key: string): string | undefined {
    return this.pods.get(key)?.node;
  }

  private attach(info: NodeInfo, entry: PodEntry): void {
    info.pods.push(entry.pod);
    info.requested.milliCPU += entry.requests.milliCPU;
    info.requested.memory += entry.requests.memory;
    info.requested.pods += 1;
    info.nonZeroRequested!.milliCPU += entry.nonZero.milliCPU;
    info.nonZeroRequested!.memory += entry.nonZero.memory;
    if (hasRequiredAntiAffinity(entry.pod)) {
      info.podsWithRequiredAntiAffinity!.push(entry.pod);
      this.requiredAntiAffinityPods++;
    }
    if (hasAnyPodAffinity(entry.pod)) {
      info.podsWithAffinity!.push(entry.pod);
      this.affinityPods++;
    }
  }

  private detach(info: NodeInfo, entry: PodEntry): void {
    remove(info.pods, entry.pod);
    info.requested.milliCPU -= entry.requests.milliCPU;
    info.requested.memory -= entry.requests.memory;
    info.requested.pods -= 1;
    info.nonZeroRequested!.milliCPU -= entry.nonZero.milliCPU;
    info.nonZeroRequested!.memory -= entry.nonZero.memory;
    if (hasRequiredAntiAffinity(entry.pod)) {
      remove(info.podsWithRequiredAntiAffinity, entry.pod);
      this.requiredAntiAffinityPods--;
    }
    if (hasAnyPodAffinity(entry.pod)) {
      remove(info.podsWithAffinity, entry.pod);
      this.affinityPods--;
    }
  }
}

/** A NodeInfo with some Pods taken away (preemption's "what if these were gone?"). */
export function withoutPods(info: NodeInfo, victims: readonly Pod[]): NodeInfo {
  const gone = new Set(victims);
  const copy: NodeInfo = {
    node: info.node,
    pods: info.pods.filter((p) => !gone.has(p)),
    requested: { ...info.requested },
    nonZeroRequested: { ...(info.nonZeroRequested ?? { milliCPU: 0, memory: 0 }) },
    allocatable: info.allocatable,
    podsWithRequiredAntiAffinity: (info.podsWithRequiredAntiAffinity ?? []).filter((p) => !gone.has(p)),
    podsWithAffinity: (info.podsWithAffinity ?? []).filter((p) => !gone.has(p)),
  };
  for (const victim of gone) {
    const r = podRequests(victim);
    copy.requested.milliCPU -= r.milliCPU;
    copy.requested.memory -= r.memory;
    copy.requested.pods -= 1;
  }
  return copy;
}

/** A NodeInfo with some Pods added (nominated Pods that will land there, for RunFilterPluginsWithNominatedPods). */
export function withPods(info: NodeInfo, extra: readonly Pod[]): NodeInfo {
  const copy: NodeInfo = { ...info, pods: [...info.pods, ...extra], requested: { ...info.requested } };
  for (const pod of extra) {
    const r = podRequests(pod);
    copy.requested.milliCPU += r.milliCPU;
    copy.requested.memory += r.memory;
    copy.requested.pods += 1;
  }
  return copy;
}
