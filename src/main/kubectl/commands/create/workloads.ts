/**
 * The workload generators: `create deployment` (one container per `--image`), `create job`
 * (from an image or instantiated from a CronJob's template) and `create cronjob`.
 */
import { randomSuffix } from '../../random-suffix.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { CRON_JOBS, DEPLOYMENTS, JOBS } from '../../../cluster/client/resources.js';
import { KubectlError, formatStatusError } from '../../errors.js';
import { resolveResource, resourceRef } from '../../resource-resolver.js';
import { type CreateContext, type GeneratorSubcommand, GENERATOR_FLAGS, objectMeta, sliceFlag } from './subcommand.js';

/** The container name kubectl derives from an image: last path part, no tag or digest. */
export function containerNameOf(image: string, suffix: () => string): string {
  let name = image.split('/').pop() ?? image;
  if (name.includes(':')) name = name.split(':')[0]!;
  if (name.includes('@')) name = name.split('@')[0]!;
  if (/[_.]/.test(name)) name = `${name.replace(/[_.]/g, '-')}-${suffix()}`;
  return name;
}

/** A Container in Go field order: name, image, command, ports, resources. */
export function container(name: string, image: string, command: string[], ports?: { containerPort: number }[]): Record<string, unknown> {
  return { name, image, ...(command.length > 0 ? { command } : {}), ...(ports ? { ports } : {}), resources: {} };
}

function buildDeployment({ inv, name, command, enforcedNamespace }: CreateContext): KubeObject {
  const images = sliceFlag(inv, 'image');
  if (images.length > 1 && command.length > 0) throw new KubectlError('error: cannot specify multiple --image options and command\n');
  const labels = { app: name };
  const port = inv.flags.number('port', -1);
  const containers = images.map((image, i) => container(containerNameOf(image, () => randomSuffix(inv.env)), image, command, i === 0 && port >= 0 ? [{ containerPort: port }] : undefined));
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: objectMeta(name, enforcedNamespace, { labels }),
    spec: {
      replicas: inv.flags.number('replicas', 1),
      selector: { matchLabels: labels },
      template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
      strategy: {},
    },
    status: {},
  };
}

export const DEPLOYMENT: GeneratorSubcommand = {
  ref: DEPLOYMENTS,
  namespaced: true,
  flags: [...GENERATOR_FLAGS, { name: 'image', type: 'stringArray' }, { name: 'port', type: 'int' }, { name: 'replicas', short: 'r', type: 'int' }],
  required: ['image'],
  failurePrefix: 'failed to create deployment: ',
  build: buildDeployment,
};

/** The Job the CronJob controller would make from `cronjob/<name>`, owned by it. */
function jobFromCronJob({ inv, name, enforcedNamespace }: CreateContext, from: string): KubeObject {
  const client = inv.client();
  const slash = from.indexOf('/');
  const resource = slash > 0 ? resolveResource(from.slice(0, slash), client.discovery()) : undefined;
  if (!resource) throw new KubectlError(`error: the server doesn't have a resource type "${slash > 0 ? from.slice(0, slash) : from}"\n`);
  const got = client.get(resourceRef(resource), resource.namespaced ? inv.namespace : undefined, from.slice(slash + 1));
  if (!got.ok) throw new KubectlError(formatStatusError(got.status));
  const cronJob = got.value;
  if (cronJob.kind !== 'CronJob') throw new KubectlError(`error: unknown object type *v1.${cronJob.kind ?? ''}\n`);
  const template = (cronJob.spec as { jobTemplate?: { metadata?: KubeObject['metadata']; spec?: unknown } } | undefined)?.jobTemplate ?? {};
  const annotations = { 'cronjob.kubernetes.io/instantiate': 'manual', ...(template.metadata?.annotations ?? {}) };
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: {
      ...objectMeta(name, enforcedNamespace, { ...(template.metadata?.labels ? { labels: template.metadata.labels } : {}), annotations }),
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cronJob.metadata.name ?? '', uid: cronJob.metadata.uid ?? '', controller: true }],
    },
    spec: template.spec ?? {},
    status: {},
  };
}

function buildJob(c: CreateContext): KubeObject {
  const { inv, name, command, enforcedNamespace } = c;
  const image = inv.flags.string('image');
  const from = inv.flags.string('from');
  if ((!image && !from) || (image && from)) throw new KubectlError('error: either --image or --from must be specified\n');
  if (command.length > 0 && from) throw new KubectlError('error: cannot specify --from and command\n');
  if (from) return jobFromCronJob(c, from);
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: objectMeta(name, enforcedNamespace),
    spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container(name, image, command)], restartPolicy: 'Never' } } },
    status: {},
  };
}

export const JOB: GeneratorSubcommand = {
  ref: JOBS,
  namespaced: true,
  flags: [...GENERATOR_FLAGS, { name: 'image', type: 'string' }, { name: 'from', type: 'string' }],
  failurePrefix: 'failed to create job: ',
  build: buildJob,
};

function buildCronJob({ inv, name, command, enforcedNamespace }: CreateContext): KubeObject {
  const restartPolicy = inv.flags.string('restart') || 'OnFailure';
  return {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    metadata: objectMeta(name, enforcedNamespace),
    spec: {
      schedule: inv.flags.string('schedule'),
      jobTemplate: {
        metadata: { name, creationTimestamp: null },
        spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container(name, inv.flags.string('image'), command)], restartPolicy } } },
      },
    },
    status: {},
  };
}

export const CRON_JOB: GeneratorSubcommand = {
  ref: CRON_JOBS,
  namespaced: true,
  flags: [...GENERATOR_FLAGS, { name: 'image', type: 'string' }, { name: 'schedule', type: 'string' }, { name: 'restart', type: 'string' }],
  required: ['image', 'schedule'],
  failurePrefix: 'failed to create cronjob: ',
  build: buildCronJob,
};
