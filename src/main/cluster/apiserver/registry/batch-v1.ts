/** The batch/v1 resources (Job, CronJob). */
import type { ResourceDefinition } from './resource.js';

export const batchV1Resources: readonly ResourceDefinition[] = [];
