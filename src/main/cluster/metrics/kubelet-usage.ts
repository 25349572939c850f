/**
 * metrics-server over the kubelets: usage comes from the containers each kubelet runs
 * (kubelet/usage.ts), sampled at metrics-server's 15 s resolution — every read within one scrape
 * interval gives the same numbers — and only for containers that have been running for a whole
 * interval (metrics-server needs two samples). A node adds its system overhead (kubelet, runtime,
 * OS) to its Pods' sum. Quantities come out in metrics-server's units (nanocores, KiB).
 */
import type { Node, Pod } from '../../../shared/api/core.js';
import type { ContainerMetrics } from '../../../shared/api/metrics.js';
import { rfc3339 } from '../../base/duration.js';
import type { Random } from '../../base/random.js';
import type { PodRuntime } from '../kubelet/pod-runtime.js';
import { type ContainerUsage, containerUsage } from '../kubelet/usage.js';
import type { MetricsSource, NodeUsage, PodUsage } from './metrics-source.js';
import { METRIC_RESOLUTION_MS, type WorkloadView } from './simulated-usage.js';
import { formatCpuNanocores, formatMemoryKib } from './usage-quantity.js';

/** What the source reads of a kubelet. */
export interface UsageKubelet {
  readonly nodeName: string;
  runtimeOf(key: string, uid?: string): PodRuntime | undefined;
  /** Every Pod the kubelet runs, with its runtime. */
  runtimePods(): Array<{ pod: Pod; runtime: PodRuntime }>;
}

export interface KubeletUsageOptions {
  /** Pods and Nodes as the API server has them (clientWorkloadView). */
  view: WorkloadView;
  random: Random;
  now: () => number;
}

/** The system's own use on a node: 50–150 millicores and 300–600 MiB. */
const NODE_OVERHEAD_CORES = [0.05, 0.15] as const;
const NODE_OVERHEAD_BYTES = [300 * 1024 * 1024, 600 * 1024 * 1024] as const;

function between(range: readonly [number, number], fraction: number): number {
  return range[0] + (range[1] - range[0]) * fraction;
}

function isReady(node: Node): boolean {
  return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

export function kubeletUsageSource(kubelets: () => Iterable<UsageKubelet>, options: KubeletUsageOptions): MetricsSource {
  let byNode = new Map<string, UsageKubelet>();
  const kubeletOf = (nodeName: string): UsageKubelet | undefined => {
    const known = byNode.get(nodeName);
    if (known && known.nodeName === nodeName) return known;
    // Kubelets come and go (node add/remove): re-index on a miss, not on every read.
    byNode = new Map([...kubelets()].map((k) => [k.nodeName, k]));
    return byNode.get(nodeName);
  };
  const lastScrape = (): number => Math.floor(options.now() / METRIC_RESOLUTION_MS) * METRIC_RESOLUTION_MS;
  const window = `${METRIC_RESOLUTION_MS / 1000}s`;

  /** The containers of a Pod that have been running for a whole scrape interval. */
  const sample = (runtime: PodRuntime, scrape: number, requireInterval: boolean): ContainerUsage[] => {
    const out: ContainerUsage[] = [];
    for (const c of runtime.containers) {
      const started = c.startedAt ? Date.parse(c.startedAt) : Number.NaN;
      if (requireInterval && !(started + METRIC_RESOLUTION_MS <= scrape)) continue;
      const usage = containerUsage(c, options.random.fork(`pod/${runtime.uid}/${c.name}/${scrape}`));
      if (usage) out.push(usage);
    }
    return out;
  };

  return {
    podUsage(namespace, name) {
      const pod = options.view.pod(namespace, name);
      if (!pod || pod.status?.phase !== 'Running' || !pod.spec.nodeName) return undefined;
      const runtime = kubeletOf(pod.spec.nodeName)?.runtimeOf(`${namespace}/${name}`, pod.metadata.uid);
      if (!runtime) return undefined;
      const scrape = lastScrape();
      const usage = sample(runtime, scrape, true);
      if (usage.length === 0) return undefined;
      const containers: ContainerMetrics[] = usage.map((u) => ({
        name: u.name,
        usage: { cpu: formatCpuNanocores(u.cpuCores * 1e9), memory: formatMemoryKib(u.memoryBytes / 1024) },
      }));
      const result: PodUsage = { timestamp: rfc3339(scrape), window, containers };
      return result;
    },
    nodeUsage(name) {
      const node = options.view.node(name);
      if (!node || !isReady(node)) return undefined;
      const kubelet = kubeletOf(name);
      if (!kubelet) return undefined;
      const scrape = lastScrape();
      const draw = options.random.fork(`node/${node.metadata.uid ?? name}/${scrape}`);
      let cpu = between(NODE_OVERHEAD_CORES, draw.next());
      let memory = between(NODE_OVERHEAD_BYTES, draw.next());
      for (const { runtime } of kubelet.runtimePods()) {
        for (const u of sample(runtime, scrape, false)) {
          cpu += u.cpuCores;
          memory += u.memoryBytes;
        }
      }
      const result: NodeUsage = { timestamp: rfc3339(scrape), window, usage: { cpu: formatCpuNanocores(cpu * 1e9), memory: formatMemoryKib(memory / 1024) } };
      return result;
    },
  };
}
