/** autoscaling/v1 Scale: the `/scale` subresource's view of a workload's replica count. */
import type { KubeObject } from './meta.js';

export interface Scale extends KubeObject {
  /** `replicas` is omitted when 0 (omitempty). */
  spec: { replicas?: number };
  /** The selector in its string form (`app=web`), as an HPA matches Pods with it. */
  status: { replicas: number; selector?: string };
}
