/** The batch/v1 resources (Job, CronJob), in discovery order. */
import { cronJobResource } from './cronjob.js';
import { jobResource } from './job.js';
import type { ResourceDefinition } from './resource.js';

export const batchV1Resources: readonly ResourceDefinition[] = [cronJobResource, jobResource];
