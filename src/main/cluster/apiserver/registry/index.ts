/**
 * Every resource the API server serves, group by group: the core group first, then the named
 * groups alphabetically (the order `kubectl api-resources` prints). Within a group several versions
 * of one resource list the stored (preferred) version first. metrics.k8s.io is added by the lab,
 * since it is served from the kubelets' usage (metrics-server's job).
 */
import { appsV1Resources } from './apps-v1.js';
import { authenticationV1Resources } from './authentication-v1.js';
import { authorizationV1Resources } from './authorization-v1.js';
import { autoscalingResources } from './autoscaling.js';
import { batchV1Resources } from './batch-v1.js';
import { certificatesV1Resources } from './certificates-v1.js';
import { coreV1Resources } from './core-v1.js';
import { coreV1PolicyResources } from './core-v1-policy.js';
import { coreV1StorageResources } from './core-v1-storage.js';
import { apiextensionsV1Resources } from './custom-resource-definition.js';
import { discoveryV1Resources } from './discovery-v1.js';
import { eventsV1Resources } from './events-v1.js';
import { leaseResource } from './lease.js';
import { networkingV1Resources } from './networking-v1.js';
import { policyV1Resources } from './policy-v1.js';
import { rbacV1Resources } from './rbac-v1.js';
import type { ResourceDefinition } from './resource.js';
import { schedulingV1Resources } from './scheduling-v1.js';
import { storageV1Resources } from './storage-v1.js';

export const builtinResources: readonly ResourceDefinition[] = [
  // The core group's resources in alphabetical order, as kube-apiserver's discovery lists them.
  ...[...coreV1Resources, ...coreV1StorageResources, ...coreV1PolicyResources].sort((a, b) => (a.plural < b.plural ? -1 : 1)),
  ...apiextensionsV1Resources,
  ...appsV1Resources,
  ...authenticationV1Resources,
  ...authorizationV1Resources,
  ...autoscalingResources,
  ...batchV1Resources,
  ...certificatesV1Resources,
  leaseResource,
  ...discoveryV1Resources,
  ...eventsV1Resources,
  ...networkingV1Resources,
  ...policyV1Resources,
  ...rbacV1Resources,
  ...schedulingV1Resources,
  ...storageV1Resources,
];
