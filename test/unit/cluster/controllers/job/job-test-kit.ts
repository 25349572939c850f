/** Shared by the Job, CronJob and TTL tests: Job manifests and finishing Pods through their status, as a kubelet would. */
import type { Job } from '../../../../../src/shared/api/batch.js';
import type { CoreEvent, Pod } from '../../../../../src/shared/api/core.js';
import { rfc3339 } from '../../../../../src/main/base/duration.js';
import { EVENTS, JOBS, PODS } from '../../../../../src/main/cluster/client/resources.js';
import { type TestCluster, expectOk } from '../../../helpers/cluster.js';

export function jobManifest(name: string, spec: Partial<Job['spec']> = {}): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      template: { metadata: {}, spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }] } },
      ...spec,
    },
  };
}

export function createJob(cluster: TestCluster, name: string, spec: Partial<Job['spec']> = {}): Job {
  return expectOk(cluster.client().create<Job>(JOBS, 'default', jobManifest(name, spec)));
}

export function getJob(cluster: TestCluster, name: string): Job {
  return expectOk(cluster.client().get<Job>(JOBS, 'default', name));
}

export function jobPods(cluster: TestCluster, job: string): Pod[] {
  return expectOk(cluster.client().list<Pod>(PODS, 'default', { labelSelector: `batch.kubernetes.io/job-name=${job}` })).items;
}

/** Finish a Pod as the kubelet would report it: phase, and its container terminated with `exitCode`. */
export function finishPod(cluster: TestCluster, pod: Pod, exitCode: number): Pod {
  const client = cluster.client();
  const current = expectOk(client.get<Pod>(PODS, pod.metadata.namespace, pod.metadata.name ?? ''));
  const at = rfc3339(cluster.clock.now());
  return expectOk(
    client.updateStatus<Pod>(PODS, pod.metadata.namespace, {
      ...current,
      status: {
        ...current.status,
        phase: exitCode === 0 ? 'Succeeded' : 'Failed',
        containerStatuses: current.spec.containers.map((c) => ({
          name: c.name,
          image: c.image ?? '',
          imageID: '',
          ready: false,
          restartCount: 0,
          started: false,
          lastState: {},
          state: { terminated: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt: at, finishedAt: at } },
        })),
      },
    }),
  );
}

export function eventLines(cluster: TestCluster, namespace = 'default'): string[] {
  return expectOk(cluster.client().list<CoreEvent>(EVENTS, namespace)).items.map(
    (e) => `${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''} ${e.type ?? ''} ${e.reason ?? ''}: ${e.message ?? ''}`,
  );
}
