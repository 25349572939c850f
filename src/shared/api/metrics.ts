/** metrics.k8s.io/v1beta1: what metrics-server answers `kubectl top` and the HPA controller with. */
import type { KubeObject } from './meta.js';

/** Usage by resource name, as quantities (`cpu: 2318163n`, `memory: 18524Ki`). */
export type ResourceUsage = Record<string, string>;

export interface ContainerMetrics {
  name: string;
  usage: ResourceUsage;
}

export interface NodeMetrics extends KubeObject {
  /** When the usage was sampled (the end of the window). */
  timestamp: string;
  /** The interval the usage was averaged over, as a Go duration (`15s`). */
  window: string;
  usage: ResourceUsage;
}

export interface PodMetrics extends KubeObject {
  timestamp: string;
  window: string;
  containers: ContainerMetrics[];
}
