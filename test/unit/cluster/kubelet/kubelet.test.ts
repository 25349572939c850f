import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreEvent, Lease, Node, Pod } from '../../../../src/shared/api/core.js';
import { podDisplayStatus } from '../../../../src/main/cluster/apiserver/registry/pod.js';
import { EVENTS, LEASES, NODES, PODS } from '../../../../src/main/cluster/client/resources.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import type { Kubelet } from '../../../../src/main/cluster/kubelet/kubelet.js';
import { DEFAULT_STAGE_DELAYS } from '../../../../src/main/cluster/kubelet/stages.js';
import { Scheduler } from '../../../../src/main/cluster/scheduler/scheduler.js';
import { type TestCluster, createPod, expectOk, expectStatus, makeCluster, podManifest, recordWatch } from '../../helpers/cluster.js';
import { startIpam, startKubelet } from '../../helpers/kubelet.js';

let cluster: TestCluster;
let client: ApiClient;
let kubelet: Kubelet;

beforeEach(() => {
  cluster = makeCluster();
  client = cluster.client('kubectl');
  startIpam(cluster);
  kubelet = startKubelet(cluster, 'node01');
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function pod(name: string): Pod | undefined {
  const result = client.get<Pod>(PODS, 'default', name);
  return result.ok ? result.value : undefined;
}

function podEvents(name: string): CoreEvent[] {
  return expectOk(client.list<CoreEvent>(EVENTS, 'default', { fieldSelector: `involvedObject.name=${name}` })).items;
}

/** Step the clock in small steps, recording every change of the STATUS column with its time. */
function stepStatuses(name: string, ms: number, step = 10): Array<[number, string]> {
  const start = cluster.clock.now();
  const seen: Array<[number, string]> = [];
  const record = (): void => {
    const p = pod(name);
    const status = p ? podDisplayStatus(p) : '<gone>';
    if (seen.at(-1)?.[1] !== status) seen.push([cluster.clock.now() - start, status]);
  };
  cluster.settle();
  record();
  for (let t = 0; t < ms; t += step) {
    cluster.clock.advance(step);
    record();
  }
  return seen;
}

/** A watch on the Pod, reduced to the waiting/running/terminated state of its first container. */
function containerStates(name: string): () => string[] {
  const events = recordWatch(cluster, PODS, 'default', {}, name);
  return () => {
    const states: string[] = [];
    for (const e of events) {
      const s = (e.object as Pod).status?.containerStatuses?.[0]?.state;
      const text = s?.waiting ? `waiting:${s.waiting.reason}` : s?.running ? 'running' : s?.terminated ? `terminated:${s.terminated.reason}` : 'none';
      if (states.at(-1) !== text) states.push(text);
    }
    return states;
  };
}

// nginx:1.25 is 70.5 MB: pull = 0.5 s + 70.5 / 25 s = 3.32 s. With ±20 % jitter on every stage:
const FASTEST = 0.8 * (1000 + 3320 + 100 + 200);
const SLOWEST = 1.2 * (1000 + 3320 + 100 + 200);

describe('node registration and heartbeats', () => {
  it('registers its Node, Ready, with capacity and allocatable', () => {
    const node = expectOk(client.get<Node>(NODES, undefined, 'node01'));
    expect(node.metadata.labels).toMatchObject({ 'kubernetes.io/hostname': 'node01', 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' });
    expect(node.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual(['MemoryPressure=False', 'DiskPressure=False', 'PIDPressure=False', 'Ready=True']);
    expect(node.status?.capacity).toMatchObject({ cpu: '2', memory: '4015212Ki', pods: '110' });
    // The 100Mi hard eviction threshold comes off allocatable memory.
    expect(node.status?.allocatable?.memory).toBe(`${4015212 - 100 * 1024}Ki`);
    expect(node.status?.nodeInfo?.kubeletVersion).toBe('v1.32.4');
    expect(node.status?.addresses).toEqual([
      { type: 'InternalIP', address: '192.168.200.11' },
      { type: 'Hostname', address: 'node01' },
    ]);
    expect(kubelet.nodeName).toBe('node01');
    expect(kubelet.isRunning).toBe(true);
  });

  it('records the kubelet start events on the node', () => {
    const events = expectOk(client.list<CoreEvent>(EVENTS, 'default', { fieldSelector: 'involvedObject.kind=Node' })).items;
    expect(events.map((e) => e.reason)).toEqual(['Starting', 'NodeAllocatableEnforced', 'NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID', 'NodeReady']);
    expect(events.every((e) => e.source?.component === 'kubelet' && e.source.host === 'node01')).toBe(true);
  });

  it('creates its Lease in kube-node-lease, owned by the Node', () => {
    const lease = expectOk(client.get<Lease>(LEASES, 'kube-node-lease', 'node01'));
    const node = expectOk(client.get<Node>(NODES, undefined, 'node01'));
    expect(lease.spec).toEqual({ holderIdentity: 'node01', leaseDurationSeconds: 40, renewTime: '2025-01-01T00:00:00.000000Z' });
    expect(lease.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'node01', uid: node.metadata.uid }]);
  });

  it('renews the Lease every 10 seconds', () => {
    const renewTime = (): string | undefined => expectOk(client.get<Lease>(LEASES, 'kube-node-lease', 'node01')).spec.renewTime;
    cluster.clock.advance(9_999);
    expect(renewTime()).toBe('2025-01-01T00:00:00.000000Z');
    cluster.clock.advance(1);
    expect(renewTime()).toBe('2025-01-01T00:00:10.000000Z');
    cluster.clock.advance(30_000);
    expect(renewTime()).toBe('2025-01-01T00:00:40.000000Z');
  });

  it('renews as background work: the next foreground task is not a heartbeat', () => {
    cluster.settle();
    expect(cluster.clock.nextDue()).toBeDefined();
    expect(cluster.clock.nextDue({ foregroundOnly: true })).toBeUndefined();
  });

  it('reports an unchanged node status only every 5 minutes', () => {
    const rv = (): string | undefined => expectOk(client.get<Node>(NODES, undefined, 'node01')).metadata.resourceVersion;
    const before = rv();
    cluster.clock.advance(DEFAULT_STAGE_DELAYS.nodeStatusReportMs - 10_000);
    expect(rv()).toBe(before);
    cluster.clock.advance(10_000);
    const node = expectOk(client.get<Node>(NODES, undefined, 'node01'));
    expect(node.metadata.resourceVersion).not.toBe(before);
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
    expect(ready?.lastHeartbeatTime).toBe('2025-01-01T00:05:00Z');
    expect(ready?.lastTransitionTime).toBe('2025-01-01T00:00:00Z');
  });

  it('stops renewing when stopped', () => {
    kubelet.stop();
    expect(kubelet.isRunning).toBe(false);
    cluster.clock.advance(60_000);
    expect(expectOk(client.get<Lease>(LEASES, 'kube-node-lease', 'node01')).spec.renewTime).toBe('2025-01-01T00:00:00.000000Z');
  });

  it('takes over an existing Node on restart', () => {
    const uid = expectOk(client.get<Node>(NODES, undefined, 'node01')).metadata.uid;
    kubelet.stop();
    kubelet.start();
    cluster.settle();
    expect(expectOk(client.get<Node>(NODES, undefined, 'node01')).metadata.uid).toBe(uid);
    const renewTime = (): string | undefined => expectOk(client.get<Lease>(LEASES, 'kube-node-lease', 'node01')).spec.renewTime;
    cluster.clock.advance(10_000);
    expect(renewTime()).toBe('2025-01-01T00:00:10.000000Z');
  });
});

describe('Pod lifecycle', () => {
  it('goes ContainerCreating → Running within the documented stage delays', () => {
    createPod(client, 'web', { nodeName: 'node01' });
    cluster.settle();
    expect(pod('web')?.status?.phase).toBe('Pending');
    const statuses = stepStatuses('web', 8000);
    expect(pod('web')?.status?.phase).toBe('Running');
    // The kubelet reports ContainerCreating as soon as it sees the Pod.
    expect(statuses).toEqual([[0, 'ContainerCreating'], [expect.any(Number), 'Running']]);
    const runningAt = statuses[1]![0];
    expect(runningAt).toBeGreaterThanOrEqual(FASTEST);
    expect(runningAt).toBeLessThanOrEqual(SLOWEST + 20);
  });

  it('reports a full Running status: IP from the node podCIDR, conditions, container state', () => {
    createPod(client, 'web', { nodeName: 'node01' });
    cluster.clock.advance(10_000);
    const p = pod('web')!;
    expect(p.status?.phase).toBe('Running');
    expect(p.status?.podIP).toBe('172.16.0.2');
    expect(p.status?.podIPs).toEqual([{ ip: '172.16.0.2' }]);
    expect(p.status?.hostIP).toBe('192.168.200.11');
    expect(p.status?.qosClass).toBe('BestEffort');
    expect(p.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
    const c = p.status!.containerStatuses![0]!;
    expect(c).toMatchObject({ name: 'web', ready: true, started: true, restartCount: 0, image: 'docker.io/library/nginx:1.25' });
    expect(c.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(c.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(c.state.running?.startedAt).toMatch(/^2025-01-01T00:00:0\dZ$/);
    expect(c.volumeMounts).toEqual([{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: p.spec.volumes![0]!.name, readOnly: true, recursiveReadOnly: 'Disabled' }]);
  });

  it('gives each Pod on the node its own IP', () => {
    createPod(client, 'a', { nodeName: 'node01' });
    createPod(client, 'b', { nodeName: 'node01' });
    cluster.clock.advance(10_000);
    expect([pod('a')?.status?.podIP, pod('b')?.status?.podIP].sort()).toEqual(['172.16.0.2', '172.16.0.3']);
  });

  it('emits Scheduled, Pulling, Pulled, Created, Started in that order', () => {
    const scheduler = cluster.disposables.add(new Scheduler(cluster.client('kube-scheduler'), cluster.clock, cluster.random.fork('kube-scheduler')));
    scheduler.start();
    const events = recordWatch(cluster, EVENTS, 'default', { fieldSelector: 'involvedObject.name=web' });
    createPod(client, 'web');
    cluster.clock.advance(10_000);
    const added = events.filter((e) => e.type === 'ADDED').map((e) => e.object as CoreEvent);
    expect(added.map((e) => e.reason)).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    const [, pulling, pulled, created, started] = added;
    expect(pulling?.message).toBe('Pulling image "nginx:1.25"');
    expect(pulled?.message).toMatch(/^Successfully pulled image "nginx:1\.25" in (\d+\.\d+)s \(\1s including waiting\)\. Image size: 70500000 bytes\.$/);
    expect(created?.message).toBe('Created container: web');
    expect(started?.message).toBe('Started container web');
    for (const e of [pulling, pulled, created, started]) {
      expect(e?.involvedObject.fieldPath).toBe('spec.containers{web}');
      expect(e?.source).toEqual({ component: 'kubelet', host: 'node01' });
      expect(e?.type).toBe('Normal');
    }
  });

  it('reports the pull time it really took', () => {
    createPod(client, 'web', { nodeName: 'node01' });
    cluster.clock.advance(10_000);
    const pulled = podEvents('web').find((e) => e.reason === 'Pulled')!;
    const seconds = Number(/in (\d+(?:\.\d+)?)s/.exec(pulled.message ?? '')?.[1]);
    expect(seconds * 1000).toBeGreaterThanOrEqual(0.8 * 3320);
    expect(seconds * 1000).toBeLessThanOrEqual(1.2 * 3320);
  });

  it('does not pull an image that is already on the node', () => {
    createPod(client, 'first', { nodeName: 'node01' });
    cluster.clock.advance(10_000);
    createPod(client, 'second', { nodeName: 'node01' });
    const statuses = stepStatuses('second', 3000);
    expect(statuses.map(([, s]) => s)).toEqual(['ContainerCreating', 'Running']);
    // Sandbox + create + start, no pull.
    expect(statuses[1]![0]).toBeGreaterThanOrEqual(0.8 * (1000 + 100 + 200));
    expect(statuses[1]![0]).toBeLessThanOrEqual(1.2 * (1000 + 100 + 200) + 20);
    const events = podEvents('second');
    expect(events.map((e) => e.reason)).toEqual(['Pulled', 'Created', 'Started']);
    expect(events[0]!.message).toBe('Container image "nginx:1.25" already present on machine');
  });

  it('pulls again with imagePullPolicy Always', () => {
    createPod(client, 'first', { nodeName: 'node01' });
    cluster.clock.advance(10_000);
    const manifest = podManifest('again', { nodeName: 'node01' });
    manifest.spec.containers[0]!.imagePullPolicy = 'Always';
    expectOk(client.create(PODS, 'default', manifest));
    cluster.clock.advance(10_000);
    expect(podEvents('again').map((e) => e.reason)).toEqual(['Pulling', 'Pulled', 'Created', 'Started']);
  });

  it('uses images preloaded on the node', () => {
    const node02 = startKubelet(cluster, 'node02', { address: '192.168.200.12', preloadedImages: ['redis:7.4'] });
    createPod(client, 'cache', { nodeName: 'node02', image: 'redis:7.4' });
    cluster.clock.advance(5_000);
    expect(podEvents('cache')[0]?.message).toBe('Container image "redis:7.4" already present on machine');
    expect(pod('cache')?.status?.phase).toBe('Running');
    expect(node02.nodeName).toBe('node02');
  });

  it('starts the containers of a Pod one after another and is Running when all are', () => {
    createPod(client, 'duo', { nodeName: 'node01', containers: 2 });
    cluster.clock.advance(15_000);
    const p = pod('duo')!;
    expect(p.status?.phase).toBe('Running');
    expect(p.status?.containerStatuses?.map((c) => c.name)).toEqual(['duo-0', 'duo-1']);
    expect(podEvents('duo').map((e) => `${e.reason}:${e.involvedObject.fieldPath}`)).toEqual([
      'Pulling:spec.containers{duo-0}',
      'Pulled:spec.containers{duo-0}',
      'Created:spec.containers{duo-0}',
      'Started:spec.containers{duo-0}',
      'Pulled:spec.containers{duo-1}',
      'Created:spec.containers{duo-1}',
      'Started:spec.containers{duo-1}',
    ]);
  });

  it('runs only the Pods bound to its own node', () => {
    createPod(client, 'elsewhere', { nodeName: 'node09' });
    cluster.clock.advance(10_000);
    expect(pod('elsewhere')?.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(podEvents('elsewhere')).toEqual([]);
  });

  it('is quiet once the Pod runs: a minute later the Pod and its events are unchanged', () => {
    createPod(client, 'web', { nodeName: 'node01' });
    cluster.clock.advance(10_000);
    const rv = pod('web')?.metadata.resourceVersion;
    const events = JSON.stringify(podEvents('web'));
    cluster.clock.advance(60_000);
    expect(pod('web')?.metadata.resourceVersion).toBe(rv);
    expect(JSON.stringify(podEvents('web'))).toBe(events);
  });
});

describe('image pull failures', () => {
  it('shows ErrImagePull, then ImagePullBackOff, and retries with a doubling back-off', () => {
    const states = containerStates('broken');
    createPod(client, 'broken', { nodeName: 'node01', image: 'nope:1' });
    cluster.clock.advance(4_000);
    // kubectl get shows ErrImagePull until the pod worker's next sync.
    expect(podDisplayStatus(pod('broken')!)).toBe('ErrImagePull');
    cluster.clock.advance(6_000);
    expect(states()).toEqual(['none', 'waiting:ContainerCreating', 'waiting:ErrImagePull', 'waiting:ImagePullBackOff']);
    const waiting = pod('broken')!.status!.containerStatuses![0]!.state.waiting!;
    expect(waiting).toEqual({ reason: 'ImagePullBackOff', message: 'Back-off pulling image "nope:1"' });
    expect(podDisplayStatus(pod('broken')!)).toBe('ImagePullBackOff');
    expect(podEvents('broken').map((e) => [e.type, e.reason, e.message])).toEqual([
      ['Normal', 'Pulling', 'Pulling image "nope:1"'],
      [
        'Warning',
        'Failed',
        'Failed to pull image "nope:1": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nope:1": failed to resolve reference "docker.io/library/nope:1": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
      ],
      ['Warning', 'Failed', 'Error: ErrImagePull'],
      ['Normal', 'BackOff', 'Back-off pulling image "nope:1"'],
      ['Warning', 'Failed', 'Error: ImagePullBackOff'],
    ]);
    // Retries after 10 s, then 20 s: three pulls by 40 s, each repeat aggregated into the same Event.
    cluster.clock.advance(40_000);
    expect(podEvents('broken').find((e) => e.reason === 'Pulling')?.count).toBe(3);
    expect(pod('broken')?.status?.phase).toBe('Pending');
  });

  it('names a missing tag of a known image as NotFound', () => {
    createPod(client, 'old', { nodeName: 'node01', image: 'nginx:0.1' });
    cluster.clock.advance(5_000);
    expect(podEvents('old').find((e) => e.reason === 'Failed')?.message).toBe(
      'Failed to pull image "nginx:0.1": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:0.1": failed to resolve reference "docker.io/library/nginx:0.1": docker.io/library/nginx:0.1: not found',
    );
  });

  it('does not pull at all with imagePullPolicy Never', () => {
    const manifest = podManifest('never', { nodeName: 'node01' });
    manifest.spec.containers[0]!.imagePullPolicy = 'Never';
    expectOk(client.create(PODS, 'default', manifest));
    cluster.clock.advance(5_000);
    expect(pod('never')!.status!.containerStatuses![0]!.state.waiting).toEqual({
      reason: 'ErrImageNeverPull',
      message: 'Container image "nginx:1.25" is not present with pull policy of Never',
    });
    expect(podEvents('never').map((e) => e.reason)).toEqual(['ErrImageNeverPull']);
  });
});

describe('graceful deletion', () => {
  it('stops the containers and removes the Pod long before the grace period ends', () => {
    createPod(client, 'web', { nodeName: 'node01' });
    cluster.clock.advance(10_000);
    expectOk(client.delete(PODS, 'default', 'web'));
    const statuses = stepStatuses('web', 2000);
    expect(statuses.map(([, s]) => s)).toEqual(['Terminating', '<gone>']);
    expect(statuses[1]![0]).toBeLessThanOrEqual(1.2 * DEFAULT_STAGE_DELAYS.stopMs + 20);
    expect(cluster.store.range('/registry/pods/default/web').kvs).toEqual([]);
    const killing = podEvents('web').find((e) => e.reason === 'Killing');
    expect(killing?.message).toBe('Stopping container web');
  });

  it('reports the containers as terminated before the Pod goes', () => {
    createPod(client, 'web', { nodeName: 'node01' });
    cluster.clock.advance(10_000);
    const states = containerStates('web');
    expectOk(client.delete(PODS, 'default', 'web'));
    cluster.clock.advance(2_000);
    expect(states()).toEqual(['running', 'terminated:Completed']);
  });

  it('frees the Pod IP for the next Pod', () => {
    createPod(client, 'a', { nodeName: 'node01' });
    cluster.clock.advance(10_000);
    expect(pod('a')?.status?.podIP).toBe('172.16.0.2');
    expectOk(client.delete(PODS, 'default', 'a'));
    cluster.clock.advance(2_000);
    createPod(client, 'b', { nodeName: 'node01' });
    cluster.clock.advance(10_000);
    expect(pod('b')?.status?.podIP).toBe('172.16.0.2');
  });

  it('removes a Pod deleted while its image is still being pulled', () => {
    createPod(client, 'web', { nodeName: 'node01' });
    cluster.clock.advance(1_500);
    expect(podDisplayStatus(pod('web')!)).toBe('ContainerCreating');
    expectOk(client.delete(PODS, 'default', 'web'));
    cluster.clock.advance(1_000);
    expect(pod('web')).toBeUndefined();
    expect(expectStatus(client.get(PODS, 'default', 'web')).code).toBe(404);
  });

  it('handles a Pod recreated with the same name as a new Pod', () => {
    const first = createPod(client, 'web', { nodeName: 'node01' });
    cluster.clock.advance(10_000);
    expectOk(client.delete(PODS, 'default', 'web'));
    cluster.clock.advance(2_000);
    const second = createPod(client, 'web', { nodeName: 'node01' });
    cluster.clock.advance(10_000);
    expect(second.metadata.uid).not.toBe(first.metadata.uid);
    expect(pod('web')?.status?.phase).toBe('Running');
  });
});

describe('determinism', () => {
  function run(seed: number): { status: string; events: string } {
    const c = makeCluster({ seed });
    try {
      startIpam(c);
      startKubelet(c, 'node01');
      const k = c.client('kubectl');
      createPod(k, 'web', { nodeName: 'node01' });
      createPod(k, 'cache', { nodeName: 'node01', image: 'redis:7.4' });
      createPod(k, 'broken', { nodeName: 'node01', image: 'nope:1' });
      c.clock.advance(30_000);
      const pods = expectOk(k.list<Pod>(PODS, 'default')).items;
      const events = expectOk(k.list<CoreEvent>(EVENTS, 'default')).items;
      return { status: JSON.stringify(pods.map((p) => p.status)), events: JSON.stringify(events) };
    } finally {
      c.dispose();
    }
  }

  it('gives identical Pod status JSON and Events for the same seed', () => {
    const a = run(3);
    const b = run(3);
    expect(a.status).toBe(b.status);
    expect(a.events).toBe(b.events);
  });

  it('gives different timings for another seed', () => {
    expect(run(3).events).not.toBe(run(4).events);
  });
});
