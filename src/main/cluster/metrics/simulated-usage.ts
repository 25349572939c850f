/**
 * A deterministic stand-in for the kubelets' resource usage until they simulate it themselves: a
 * Running container uses a seeded share of its requests (or a small baseline without them),
 * re-drawn once per metrics-server scrape (15s), so repeated reads within a scrape agree. A node
 * uses its pods' sum plus a seeded system overhead. Quantities come out in metrics-server's units
 * (nanocores, KiB).
 */
import type { Node, Pod } from '../../../shared/api/core.js';
import type { ResourceUsage } from '../../../shared/api/metrics.js';
import { rfc3339 } from '../../base/duration.js';
import { parseQuantity } from '../../base/quantity.js';
import type { Random } from '../../base/random.js';
import type { MetricsSource, NodeUsage, PodUsage } from './metrics-source.js';
import { formatCpuNanocores, formatMemoryKib } from './usage-quantity.js';

/** metrics-server's --metric-resolution. */
export const METRIC_RESOLUTION_MS = 15_000;

/** What the simulated source reads: Pods and Nodes as the lab currently has them. */
export interface WorkloadView {
  pod(namespace: string, name: string): Pod | undefined;
  /** The Pods bound to a node. */
  podsOn(nodeName: string): readonly Pod[];
  node(name: string): Node | undefined;
}

const MIB_IN_KIB = 1024;
/** A container without requests: 1–5 millicores and 8–32 MiB. */
const BASELINE_CPU_CORES = [0.001, 0.005] as const;
const BASELINE_MEMORY_KIB = [8 * MIB_IN_KIB, 32 * MIB_IN_KIB] as const;
/** The system's own use on a node (kubelet, runtime, OS): 50–150 millicores and 300–600 MiB. */
const NODE_OVERHEAD_CPU_CORES = [0.05, 0.15] as const;
const NODE_OVERHEAD_MEMORY_KIB = [300 * MIB_IN_KIB, 600 * MIB_IN_KIB] as const;

function between(range: readonly [number, number], fraction: number): number {
  return range[0] + (range[1] - range[0]) * fraction;
}

function formatUsage(cpuCores: number, memoryKib: number): ResourceUsage {
  return { cpu: formatCpuNanocores(cpuCores * 1e9), memory: formatMemoryKib(memoryKib) };
}

function isReady(node: Node): boolean {
  return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

export class SimulatedUsage implements MetricsSource {
  constructor(
    private readonly view: WorkloadView,
    private readonly random: Random,
    private readonly now: () => number,
  ) {}

  podUsage(namespace: string, name: string): PodUsage | undefined {
    const pod = this.view.pod(namespace, name);
    const scrape = this.lastScrape();
    if (!pod || !this.hasMetrics(pod, scrape)) return undefined;
    const containers = this.containerUsage(pod, scrape).map(({ name: container, cpu, memory }) => ({ name: container, usage: formatUsage(cpu, memory) }));
    return { timestamp: rfc3339(scrape), window: `${METRIC_RESOLUTION_MS / 1000}s`, containers };
  }

  nodeUsage(name: string): NodeUsage | undefined {
    const node = this.view.node(name);
    const scrape = this.lastScrape();
    if (!node || !isReady(node)) return undefined;
    const draw = this.random.fork(`node/${node.metadata.uid ?? name}/${scrape}`);
    let cpu = between(NODE_OVERHEAD_CPU_CORES, draw.next());
    let memory = between(NODE_OVERHEAD_MEMORY_KIB, draw.next());
    for (const pod of this.view.podsOn(name)) {
      if (!this.hasMetrics(pod, scrape)) continue;
      for (const container of this.containerUsage(pod, scrape)) {
        cpu += container.cpu;
        memory += container.memory;
      }
    }
    return { timestamp: rfc3339(scrape), window: `${METRIC_RESOLUTION_MS / 1000}s`, usage: formatUsage(cpu, memory) };
  }

  /** The most recent scrape: metrics move in steps of the resolution. */
  private lastScrape(): number {
    return Math.floor(this.now() / METRIC_RESOLUTION_MS) * METRIC_RESOLUTION_MS;
  }

  /** metrics-server needs a Running pod sampled twice: one started within the last scrape has none yet. */
  private hasMetrics(pod: Pod, scrape: number): boolean {
    if (pod.status?.phase !== 'Running' || !pod.spec.nodeName) return false;
    const started = pod.status.startTime ? Date.parse(pod.status.startTime) : Number.NaN;
    return Number.isFinite(started) && started + METRIC_RESOLUTION_MS <= scrape;
  }

  private containerUsage(pod: Pod, scrape: number): Array<{ name: string; cpu: number; memory: number }> {
    return pod.spec.containers.map((container) => {
      const draw = this.random.fork(`pod/${pod.metadata.uid ?? ''}/${container.name}/${scrape}`);
      const requests = container.resources?.requests ?? {};
      const cpuRequest = parseQuantity(requests.cpu);
      const memoryRequest = parseQuantity(requests.memory);
      // Between 20% and 80% of what was requested: busy enough to be interesting for an HPA.
      const cpu = cpuRequest ? cpuRequest * between([0.2, 0.8], draw.next()) : between(BASELINE_CPU_CORES, draw.next());
      const memory = memoryRequest ? (memoryRequest / 1024) * between([0.3, 0.8], draw.next()) : between(BASELINE_MEMORY_KIB, draw.next());
      return { name: container.name, cpu, memory };
    });
  }
}
