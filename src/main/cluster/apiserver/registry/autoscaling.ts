/** The autoscaling group: HorizontalPodAutoscalers in v2 (stored, preferred) and v1 (a converted view). */
import { horizontalPodAutoscalerResource } from './hpa.js';
import { horizontalPodAutoscalerV1Resource } from './hpa-v1.js';
import type { ResourceDefinition } from './resource.js';

// v2 first: lookups by group and resource alone (the API server's own reads) find the stored version.
export const autoscalingResources: readonly ResourceDefinition[] = [horizontalPodAutoscalerResource, horizontalPodAutoscalerV1Resource];
