/** Every resource the API server serves, in discovery order. */
import { eventResource } from './event.js';
import { leaseResource } from './lease.js';
import { namespaceResource } from './namespace.js';
import { nodeResource } from './node.js';
import { podResource } from './pod.js';
import type { ResourceDefinition } from './resource.js';

export const builtinResources: readonly ResourceDefinition[] = [
  namespaceResource,
  nodeResource,
  podResource,
  eventResource,
  leaseResource,
];
