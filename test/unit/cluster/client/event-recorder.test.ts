import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../../../src/shared/api/core.js';
import { EventRecorder } from '../../../../src/main/cluster/client/event-recorder.js';
import { EVENTS } from '../../../../src/main/cluster/client/resources.js';
import { type TestCluster, createPod, expectOk, makeCluster } from '../../helpers/cluster.js';

let cluster: TestCluster;

beforeEach(() => {
  cluster = makeCluster();
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function events(): CoreEvent[] {
  return expectOk(cluster.client().list<CoreEvent>(EVENTS, 'default')).items;
}

describe('EventRecorder', () => {
  it('creates a core/v1 Event about the object', () => {
    const pod = createPod(cluster.client(), 'web');
    const recorder = new EventRecorder(cluster.client('kubelet/node01'), cluster.clock, { component: 'kubelet', host: 'node01' });
    recorder.event(pod, 'Normal', 'Pulling', 'Pulling image "nginx"', 'spec.containers{web}');
    const [event] = events();
    expect(event).toMatchObject({
      involvedObject: { apiVersion: 'v1', kind: 'Pod', name: 'web', namespace: 'default', uid: pod.metadata.uid, fieldPath: 'spec.containers{web}' },
      reason: 'Pulling',
      message: 'Pulling image "nginx"',
      type: 'Normal',
      count: 1,
      source: { component: 'kubelet', host: 'node01' },
      firstTimestamp: '2025-01-01T00:00:00Z',
      lastTimestamp: '2025-01-01T00:00:00Z',
      reportingComponent: 'kubelet',
      reportingInstance: 'node01',
    });
    expect(event?.metadata.name).toMatch(/^web\.[0-9a-f]+$/);
  });

  it('aggregates a repeat into the same Event, bumping count and lastTimestamp', () => {
    const pod = createPod(cluster.client(), 'web');
    const recorder = new EventRecorder(cluster.client('kube-scheduler'), cluster.clock, { component: 'default-scheduler' });
    recorder.event(pod, 'Warning', 'FailedScheduling', 'no room');
    cluster.clock.advance(30_000);
    recorder.event(pod, 'Warning', 'FailedScheduling', 'no room');
    recorder.event(pod, 'Warning', 'FailedScheduling', 'other reason');
    const list = events();
    expect(list).toHaveLength(2);
    const repeated = list.find((e) => e.message === 'no room');
    expect(repeated).toMatchObject({ count: 2, firstTimestamp: '2025-01-01T00:00:00Z', lastTimestamp: '2025-01-01T00:00:30Z' });
    // As client-go's correlator: a PATCH from its own memory, never a read (roles grant create/patch only).
    const verbs = cluster.tracer.recent().filter((e) => e.from === 'kube-scheduler' && e.resource === 'events' && e.to === 'kube-apiserver').map((e) => e.verb);
    expect(verbs).toEqual(['create', 'patch', 'create']);
  });

  it('keeps both events when two recorders name one in the same millisecond', () => {
    const pod = createPod(cluster.client(), 'web');
    const a = new EventRecorder(cluster.client('kubelet/node01'), cluster.clock, { component: 'kubelet', host: 'node01' });
    const b = new EventRecorder(cluster.client('kube-scheduler'), cluster.clock, { component: 'default-scheduler' });
    a.event(pod, 'Normal', 'Pulling', 'one');
    b.event(pod, 'Normal', 'Scheduled', 'two');
    expect(events().map((e) => e.message).sort()).toEqual(['one', 'two']);
  });

  it('names events uniquely even within one millisecond', () => {
    const pod = createPod(cluster.client(), 'web');
    const recorder = new EventRecorder(cluster.client(), cluster.clock, { component: 'x' });
    for (let i = 0; i < 5; i++) recorder.event(pod, 'Normal', `R${i}`, 'm');
    expect(new Set(events().map((e) => e.metadata.name)).size).toBe(5);
  });

  it('combines the 10th distinct message about an object within 10 minutes into one Event, as client-go does', () => {
    const rs = createPod(cluster.client(), 'frontend');
    const recorder = new EventRecorder(cluster.client('replicaset-controller'), cluster.clock, { component: 'replicaset-controller' });
    for (let i = 0; i < 12; i++) recorder.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: frontend-${i}`);
    const list = events();
    expect(list.map((e) => e.message)).toEqual([...Array.from({ length: 9 }, (_, i) => `Created pod: frontend-${i}`), '(combined from similar events): Created pod: frontend-11']);
    const combined = list[9]!;
    expect(combined).toMatchObject({ count: 3, reason: 'SuccessfulCreate', type: 'Normal', source: { component: 'replicaset-controller' }, reportingComponent: '', reportingInstance: '' });
    expect(combined.metadata.name).toMatch(/^frontend\.[0-9a-f]+$/);
    // After the interval a message stands on its own again.
    cluster.clock.advance(601_000);
    recorder.event(rs, 'Normal', 'SuccessfulCreate', 'Created pod: frontend-12');
    expect(events().at(-1)?.message).toBe('Created pod: frontend-12');
  });

  it('drops a source\'s events about one object beyond a burst of 25, then allows one per 5 minutes', () => {
    const pod = createPod(cluster.client(), 'web');
    const recorder = new EventRecorder(cluster.client('job-controller'), cluster.clock, { component: 'job-controller' });
    for (let i = 0; i < 30; i++) recorder.event(pod, 'Normal', `Reason${i}`, 'm');
    expect(events()).toHaveLength(25);
    cluster.clock.advance(300_000);
    recorder.event(pod, 'Normal', 'Late', 'm');
    recorder.event(pod, 'Normal', 'TooSoon', 'm');
    expect(events().map((e) => e.reason).slice(-1)).toEqual(['Late']);
    // Another object has its own budget.
    const other = createPod(cluster.client(), 'other');
    recorder.event(other, 'Normal', 'Fresh', 'm');
    expect(events().some((e) => e.reason === 'Fresh')).toBe(true);
  });

  it('only counts repeats for kube-scheduler (events.k8s.io/v1 recorder: nothing combined or dropped)', () => {
    const pod = createPod(cluster.client(), 'web');
    const recorder = new EventRecorder(cluster.client('kube-scheduler'), cluster.clock, { component: 'default-scheduler' }, { aggregate: false, spamFilter: false });
    for (let i = 0; i < 30; i++) recorder.event(pod, 'Warning', 'FailedScheduling', `reason ${i}`);
    expect(events()).toHaveLength(30);
    expect(events().every((e) => !e.message?.startsWith('(combined'))).toBe(true);
  });
});
