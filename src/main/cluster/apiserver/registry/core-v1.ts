/** The core ("") group's v1 resources, in discovery order: by plural name, as kube-apiserver lists them. */
import { configMapResource } from './config-map.js';
import { endpointsResource } from './endpoints.js';
import { eventResource } from './event.js';
import { namespaceResource } from './namespace.js';
import { nodeResource } from './node.js';
import { podResource } from './pod.js';
import type { ResourceDefinition } from './resource.js';
import { secretResource } from './secret.js';
import { serviceAccountResource } from './service-account.js';
import { serviceResource } from './service.js';

export const coreV1Resources: readonly ResourceDefinition[] = [
  configMapResource,
  endpointsResource,
  eventResource,
  namespaceResource,
  nodeResource,
  podResource,
  secretResource,
  serviceAccountResource,
  serviceResource,
];
