/** The core ("") group's v1 resources, in discovery order. */
import { eventResource } from './event.js';
import { namespaceResource } from './namespace.js';
import { nodeResource } from './node.js';
import { podResource } from './pod.js';
import type { ResourceDefinition } from './resource.js';

export const coreV1Resources: readonly ResourceDefinition[] = [namespaceResource, nodeResource, podResource, eventResource];
