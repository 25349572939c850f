/**
 * Minimal manifests of the workload kinds, as a learner would write them (`app: <name>` labels,
 * one nginx container), for API-server tests to create, break and compare against their
 * defaulted forms.
 */
import type { PodTemplateSpec } from '../../../src/shared/api/core.js';
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from '../../../src/shared/api/apps.js';
import type { CronJob, Job } from '../../../src/shared/api/batch.js';

export function template(app: string, image = 'nginx:1.25'): PodTemplateSpec {
  return { metadata: { labels: { app } }, spec: { containers: [{ name: 'nginx', image }] } };
}

/** The template as kube-apiserver stores it: PodSpec defaults, none of the Pod-only ones. */
export function defaultedTemplate(app: string, image = 'nginx:1.25', restartPolicy = 'Always'): PodTemplateSpec {
  return {
    metadata: { creationTimestamp: null, labels: { app } },
    spec: {
      containers: [
        {
          name: 'nginx',
          image,
          imagePullPolicy: 'IfNotPresent',
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      dnsPolicy: 'ClusterFirst',
      restartPolicy,
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    },
  };
}

export function deploymentManifest(name: string, spec: Partial<Deployment['spec']> = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { selector: { matchLabels: { app: name } }, template: template(name), ...spec },
  };
}

export function replicaSetManifest(name: string, spec: Partial<ReplicaSet['spec']> = {}): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name },
    spec: { selector: { matchLabels: { app: name } }, template: template(name), ...spec },
  };
}

export function statefulSetManifest(name: string, spec: Partial<StatefulSet['spec']> = {}): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name },
    spec: { selector: { matchLabels: { app: name } }, serviceName: name, template: template(name), ...spec },
  };
}

export function daemonSetManifest(name: string, spec: Partial<DaemonSet['spec']> = {}): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name },
    spec: { selector: { matchLabels: { app: name } }, template: template(name), ...spec },
  };
}

/** A Job's template has no labels of its own: the API server generates them. */
export function jobManifest(name: string, spec: Partial<Job['spec']> = {}, restartPolicy = 'Never'): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      template: { metadata: {}, spec: { restartPolicy, containers: [{ name: 'pi', image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }] } },
      ...spec,
    },
  };
}

export function cronJobManifest(name: string, schedule = '*/5 * * * *', spec: Partial<CronJob['spec']> = {}): CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: {
      schedule,
      jobTemplate: {
        spec: { template: { metadata: {}, spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox:1.36', command: ['date'] }] } } },
      },
      ...spec,
    },
  };
}
