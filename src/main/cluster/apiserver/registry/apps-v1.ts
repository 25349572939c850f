/** The apps/v1 resources (Deployment, ReplicaSet, StatefulSet, DaemonSet, ControllerRevision). */
import type { ResourceDefinition } from './resource.js';

export const appsV1Resources: readonly ResourceDefinition[] = [];
