/** The discovery.k8s.io/v1 group: EndpointSlices. */
import { endpointSliceResource } from './endpoint-slice.js';
import type { ResourceDefinition } from './resource.js';

export const discoveryV1Resources: readonly ResourceDefinition[] = [endpointSliceResource];
