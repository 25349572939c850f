/** The apps/v1 resources (Deployment, ReplicaSet, StatefulSet, DaemonSet, ControllerRevision), in discovery order. */
import { controllerRevisionResource } from './controllerrevision.js';
import { daemonSetResource } from './daemonset.js';
import { deploymentResource } from './deployment.js';
import { replicaSetResource } from './replicaset.js';
import type { ResourceDefinition } from './resource.js';
import { statefulSetResource } from './statefulset.js';

export const appsV1Resources: readonly ResourceDefinition[] = [
  controllerRevisionResource,
  daemonSetResource,
  deploymentResource,
  replicaSetResource,
  statefulSetResource,
];
