/**
 * core/v1 ReplicationController and PodTemplate: the legacy workload whose selector is a plain
 * label map (ReplicaSet's predecessor) and the stored, reusable Pod template.
 */
import type { PodTemplateSpec } from './core.js';
import type { ReplicaSetStatus } from './apps.js';
import type { KubeObject } from './meta.js';

export interface ReplicationControllerSpec {
  replicas?: number;
  minReadySeconds?: number;
  /** Equality-based only: every pair must match (no matchExpressions). */
  selector?: Record<string, string>;
  template?: PodTemplateSpec;
}

export interface ReplicationController extends KubeObject {
  spec: ReplicationControllerSpec;
  /** The same fields as a ReplicaSet's status. */
  status?: ReplicaSetStatus;
}

export interface PodTemplate extends KubeObject {
  template?: PodTemplateSpec;
}
