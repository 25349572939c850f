/** Every resource the API server serves, group by group, in discovery order. */
import { appsV1Resources } from './apps-v1.js';
import { batchV1Resources } from './batch-v1.js';
import { coreV1Resources } from './core-v1.js';
import { coreV1PolicyResources } from './core-v1-policy.js';
import { coreV1StorageResources } from './core-v1-storage.js';
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
  ...appsV1Resources,
  ...batchV1Resources,
  leaseResource,
  ...networkingV1Resources,
  ...policyV1Resources,
  ...schedulingV1Resources,
  ...storageV1Resources,
  ...rbacV1Resources,
];
