/**
 * Where the metrics.k8s.io API gets usage from: metrics-server's view of the kubelets' summaries.
 * undefined means "no metrics yet" (a pod that is not running, or started less than a scrape ago).
 */
import type { ContainerMetrics, ResourceUsage } from '../../../shared/api/metrics.js';

export interface UsageSample {
  /** RFC 3339 time of the sample. */
  timestamp: string;
  /** The averaging window, as a Go duration string. */
  window: string;
}

export interface NodeUsage extends UsageSample {
  usage: ResourceUsage;
}

export interface PodUsage extends UsageSample {
  containers: ContainerMetrics[];
}

export interface MetricsSource {
  nodeUsage(name: string): NodeUsage | undefined;
  podUsage(namespace: string, name: string): PodUsage | undefined;
}
