/** Every resource the API server serves, group by group, in discovery order. */
import { appsV1Resources } from './apps-v1.js';
import { batchV1Resources } from './batch-v1.js';
import { coreV1Resources } from './core-v1.js';
import { leaseResource } from './lease.js';
import type { ResourceDefinition } from './resource.js';

export const builtinResources: readonly ResourceDefinition[] = [
  ...coreV1Resources,
  ...appsV1Resources,
  ...batchV1Resources,
  leaseResource,
];
