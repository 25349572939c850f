/**
 * The kubelet's container behaviour against the real API server: what a container does from its
 * image and command, exits and restartPolicy, the crash-loop back-off, start errors, OOM kills,
 * init containers and sidecars, probes, and logs through `pods/log`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Container, CoreEvent, Pod } from '../../../../src/shared/api/core.js';
import { podDisplayStatus } from '../../../../src/main/cluster/apiserver/registry/pod.js';
import { podLogHandler } from '../../../../src/main/cluster/apiserver/registry/pod-log.js';
import { builtinResources } from '../../../../src/main/cluster/apiserver/registry/index.js';
import type { RequestQuery } from '../../../../src/main/cluster/apiserver/types.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { EVENTS, PODS } from '../../../../src/main/cluster/client/resources.js';
import type { Kubelet } from '../../../../src/main/cluster/kubelet/kubelet.js';
import { kubeletLogSource } from '../../../../src/main/cluster/kubelet/logs.js';
import { type TestCluster, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';
import { startIpam, startKubelet } from '../../helpers/kubelet.js';

let cluster: TestCluster;
let client: ApiClient;
let kubelet: Kubelet;

beforeEach(() => {
  const kubelets: Kubelet[] = [];
  // The lab's wiring: the API server's pods/log reads the kubelets' container logs.
  const source = kubeletLogSource(() => kubelets);
  const resources = builtinResources.map((r) =>
    r.group === '' && r.plural === 'pods' ? { ...r, subresourceHandlers: { ...r.subresourceHandlers, log: podLogHandler(source) } } : r,
  );
  cluster = makeCluster({ resources });
  client = cluster.client('kubectl');
  startIpam(cluster);
  kubelet = startKubelet(cluster, 'node01', { preloadedImages: ['busybox:1.36', 'nginx:1.25', 'redis:7.4'] });
  kubelets.push(kubelet);
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function run(name: string, container: Partial<Container>, spec: Partial<Pod['spec']> = {}): Pod {
  return expectOk(
    client.create<Pod>(PODS, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name },
      spec: { nodeName: 'node01', ...spec, containers: [{ name, image: 'busybox:1.36', ...container }] },
    }),
  );
}

function pod(name: string): Pod {
  return expectOk(client.get<Pod>(PODS, 'default', name));
}

function status(name: string): NonNullable<Pod['status']> {
  return pod(name).status ?? {};
}

function events(name: string): Array<[string, string, string]> {
  return expectOk(client.list<CoreEvent>(EVENTS, 'default', { fieldSelector: `involvedObject.name=${name}` })).items.map((e) => [
    e.type ?? '',
    e.reason ?? '',
    e.message ?? '',
  ]);
}

function logs(name: string, query: RequestQuery = {}): string {
  return expectOk(client.request<string>({ verb: 'get', group: '', version: 'v1', resource: 'pods', subresource: 'log', namespace: 'default', name, query }));
}

/** kubectl's STATUS column over time, sampled every `step` ms. */
function statuses(name: string, ms: number, step = 100): Array<[number, string, number]> {
  cluster.settle();
  const start = cluster.clock.now();
  const seen: Array<[number, string, number]> = [];
  for (let t = 0; t <= ms; t += step) {
    const p = pod(name);
    const restarts = p.status?.containerStatuses?.[0]?.restartCount ?? 0;
    const text = podDisplayStatus(p);
    const last = seen.at(-1);
    if (!last || last[1] !== text || last[2] !== restarts) seen.push([cluster.clock.now() - start, text, restarts]);
    cluster.clock.advance(step);
  }
  return seen;
}

/** Converged: a minute more changes neither the Pods nor their Events (only the node's Lease renews). */
function expectQuiet(ms = 60_000): void {
  cluster.settle();
  const snapshot = (): string =>
    JSON.stringify([expectOk(client.list(PODS, 'default')).items, expectOk(client.list(EVENTS, 'default')).items]);
  const before = snapshot();
  cluster.clock.advance(ms);
  expect(snapshot()).toBe(before);
}

describe('exits and restartPolicy', () => {
  it.each([
    // [what, container, restartPolicy, phase, reason, exitCode]
    ['busybox with no command exits 0 at once (sh without a tty)', {}, 'Never', 'Succeeded', 'Completed', 0],
    ['exit 3 through sh -c', { command: ['sh', '-c', 'exit 3'] }, 'Never', 'Failed', 'Error', 3],
    ['a Job-like Pod exiting 1 with restartPolicy Never is Failed', { command: ['sh', '-c', 'echo working; exit 1'] }, 'Never', 'Failed', 'Error', 1],
    ['OnFailure and exit 0: Succeeded', { command: ['true'] }, 'OnFailure', 'Succeeded', 'Completed', 0],
    ['cat of a missing file exits 1', { command: ['cat', '/nonexistent'] }, 'Never', 'Failed', 'Error', 1],
    ['sleep 5 then done', { command: ['sleep', '5'] }, 'Never', 'Succeeded', 'Completed', 0],
  ] as const)('%s', (_what, container, restartPolicy, phase, reason, exitCode) => {
    run('job', container as Partial<Container>, { restartPolicy });
    cluster.clock.advance(10_000);
    const s = status('job');
    expect(s.phase).toBe(phase);
    const c = s.containerStatuses![0]!;
    expect(c.state.terminated).toMatchObject({ exitCode, reason });
    expect(c.state.terminated?.containerID).toBe(c.containerID);
    expect(c).toMatchObject({ ready: false, started: false, restartCount: 0, lastState: {} });
    expect(s.conditions?.map((x) => [x.type, x.status, x.reason ?? ''])).toEqual([
      ['PodReadyToStartContainers', 'False', ''],
      ['Initialized', 'True', ''],
      ['Ready', 'False', 'PodCompleted'],
      ['ContainersReady', 'False', 'PodCompleted'],
      ['PodScheduled', 'True', ''],
    ]);
    expect(podDisplayStatus(pod('job'))).toBe(reason);
    expectQuiet();
  });

  it('runs sleep 5 for five simulated seconds: startedAt and finishedAt 5 s apart', () => {
    run('nap', { command: ['sleep', '5'] }, { restartPolicy: 'Never' });
    cluster.clock.advance(10_000);
    const t = status('nap').containerStatuses![0]!.state.terminated!;
    expect(Date.parse(t.finishedAt!) - Date.parse(t.startedAt!)).toBe(5000);
  });

  it('keeps `sleep infinity` running', () => {
    run('forever', { command: ['sleep', 'infinity'] });
    cluster.clock.advance(3_600_000);
    expect(status('forever').phase).toBe('Running');
    expect(status('forever').containerStatuses![0]!.restartCount).toBe(0);
  });

  it('restarts an OnFailure container that failed, and not one that succeeded', () => {
    run('flaky', { command: ['sh', '-c', 'sleep 2; exit 2'] }, { restartPolicy: 'OnFailure' });
    cluster.clock.advance(60_000);
    const c = status('flaky').containerStatuses![0]!;
    expect(c.restartCount).toBeGreaterThanOrEqual(2);
    expect(c.lastState.terminated).toMatchObject({ exitCode: 2, reason: 'Error' });
    expect(status('flaky').phase).toBe('Running');
  });
});

describe('CrashLoopBackOff', () => {
  it('restarts at once after the first exit, then backs off 10 s, 20 s, 40 s (kubectl STATUS over time)', () => {
    const p = run('box', {});
    const seen = statuses('box', 150_000);
    expect(seen.map(([, text, restarts]) => `${text}/${restarts}`)).toEqual([
      'ContainerCreating/0',
      'Completed/0',
      'Completed/1',
      'CrashLoopBackOff/1',
      'Completed/2',
      'CrashLoopBackOff/2',
      'Completed/3',
      'CrashLoopBackOff/3',
      'Completed/4',
      'CrashLoopBackOff/4',
    ]);
    // busybox exits as it starts, so restart n is also exit n. Restart n+1 comes at the pod worker's
    // first retry (every 10–15 s) after the back-off from exit n has passed.
    const restartAt = (n: number): number => seen.find(([, text, r]) => text === 'Completed' && r === n)![0];
    expect(restartAt(1) - restartAt(0)).toBeLessThan(2_000);
    for (const [n, backoff] of [[1, 10_000], [2, 20_000], [3, 40_000]] as const) {
      expect(restartAt(n + 1) - restartAt(n)).toBeGreaterThanOrEqual(backoff);
      expect(restartAt(n + 1) - restartAt(n)).toBeLessThan(backoff + 17_000);
    }
    const c = status('box').containerStatuses![0]!;
    expect(c.state.waiting).toEqual({
      reason: 'CrashLoopBackOff',
      message: `back-off 1m20s restarting failed container=box pod=box_default(${p.metadata.uid})`,
    });
    expect(c.lastState.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(status('box').phase).toBe('Running');
    // One BackOff Event, counted up by every sync that found the container backing off.
    const backOff = expectOk(client.list<CoreEvent>(EVENTS, 'default', { fieldSelector: 'involvedObject.name=box,reason=BackOff' })).items;
    expect(backOff).toHaveLength(1);
    expect(backOff[0]).toMatchObject({ type: 'Warning', message: `Back-off restarting failed container box in pod box_default(${p.metadata.uid})` });
    expect(backOff[0]!.count).toBeGreaterThan(8);
    expect(backOff[0]!.involvedObject.fieldPath).toBe('spec.containers{box}');
  });

  it('caps the back-off at 5 minutes', () => {
    const p = run('box', {});
    cluster.clock.advance(20 * 60_000);
    expect(status('box').containerStatuses![0]!.state.waiting?.message).toBe(`back-off 5m0s restarting failed container=box pod=box_default(${p.metadata.uid})`);
  });

  it('starts over without back-off for a container that ran longer than 10 minutes (the entry expired)', () => {
    run('long', { command: ['sh', '-c', 'sleep 700; exit 1'] });
    const seen = statuses('long', 3 * 705_000, 1000).map(([, text, restarts]) => `${text}/${restarts}`);
    // Each exit is restarted at once: no CrashLoopBackOff between the runs.
    expect(seen).toEqual(['ContainerCreating/0', 'Running/0', 'Error/0', 'Running/1', 'Error/1', 'Running/2', 'Error/2', 'Running/3']);
  });

  it('backs off after the second exit of a container that ran 100 s (less than 10 minutes)', () => {
    const p = run('medium', { command: ['sh', '-c', 'sleep 100; exit 1'] });
    cluster.clock.advance(205_000);
    expect(status('medium').containerStatuses![0]!.state.waiting).toEqual({
      reason: 'CrashLoopBackOff',
      message: `back-off 10s restarting failed container=medium pod=medium_default(${p.metadata.uid})`,
    });
  });

  it('reports an unknown command as RunContainerError with the StartError instance, then backs off', () => {
    const p = run('typo', { command: ['ngnix'] });
    cluster.clock.advance(3_000);
    const message =
      'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "ngnix": executable file not found in $PATH: unknown';
    let c = status('typo').containerStatuses![0]!;
    expect(c.state.waiting).toEqual({ reason: 'RunContainerError', message });
    expect(c.lastState.terminated).toMatchObject({ exitCode: 128, reason: 'StartError', message, startedAt: '1970-01-01T00:00:00Z' });
    expect(events('typo')).toContainEqual(['Warning', 'Failed', `Error: ${message}`]);
    cluster.clock.advance(5_000);
    c = status('typo').containerStatuses![0]!;
    expect(c.state.waiting).toEqual({ reason: 'CrashLoopBackOff', message: `back-off 10s restarting failed container=typo pod=typo_default(${p.metadata.uid})` });
    expect(c.lastState.terminated?.reason).toBe('StartError');
    expect(podDisplayStatus(pod('typo'))).toBe('CrashLoopBackOff');
  });

  it('leaves a failed start Terminated (StartError) under restartPolicy Never: kubectl shows StartError, the Pod fails', () => {
    run('once', { command: ['ngnix'] }, { restartPolicy: 'Never' });
    cluster.clock.advance(8_000);
    const c = status('once').containerStatuses![0]!;
    expect(c.state.waiting).toBeUndefined();
    expect(c.state.terminated).toMatchObject({ exitCode: 128, reason: 'StartError' });
    expect(c.lastState).toEqual({});
    expect(status('once').phase).toBe('Failed');
    expect(podDisplayStatus(pod('once'))).toBe('StartError');
  });

  it('kills a container over its memory limit: OOMKilled, exit 137', () => {
    run('hungry', { image: 'nginx:1.25', resources: { limits: { memory: '4Mi' } } });
    cluster.clock.advance(3_000);
    const c = status('hungry').containerStatuses![0]!;
    const last = c.state.terminated ?? c.lastState.terminated;
    expect(last).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    run('fits', { image: 'nginx:1.25', resources: { limits: { memory: '64Mi' } } });
    cluster.clock.advance(5_000);
    expect(status('fits').containerStatuses![0]!.state.running).toBeDefined();
  });
});

describe('init containers and sidecars', () => {
  it('runs init containers in order before the app: Init:0/2, Init:1/2, PodInitializing, Running', () => {
    expectOk(
      client.create<Pod>(PODS, 'default', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'app' },
        spec: {
          nodeName: 'node01',
          initContainers: [
            { name: 'wait-db', image: 'busybox:1.36', command: ['sh', '-c', 'echo waiting for db; sleep 3'] },
            { name: 'migrate', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 2; echo migrated'] },
          ],
          containers: [{ name: 'web', image: 'nginx:1.25' }],
        },
      }),
    );
    const seen = statuses('app', 12_000).map(([, text]) => text);
    expect(seen).toEqual(['Init:0/2', 'Init:1/2', 'PodInitializing', 'Running']);
    const s = status('app');
    expect(s.initContainerStatuses?.map((c) => [c.name, c.state.terminated?.reason, c.ready])).toEqual([
      ['wait-db', 'Completed', true],
      ['migrate', 'Completed', true],
    ]);
    expect(s.conditions?.find((c) => c.type === 'Initialized')?.status).toBe('True');
    const order = expectOk(client.list<CoreEvent>(EVENTS, 'default', { fieldSelector: 'involvedObject.name=app,reason=Started' })).items;
    expect(order.map((e) => e.involvedObject.fieldPath)).toEqual(['spec.initContainers{wait-db}', 'spec.initContainers{migrate}', 'spec.containers{web}']);
    expect(logs('app', { container: 'migrate' })).toBe('migrated\n');
    expectQuiet();
  });

  it('shows Initialized False with the incomplete init containers while they run', () => {
    expectOk(
      client.create<Pod>(PODS, 'default', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'slow' },
        spec: { nodeName: 'node01', initContainers: [{ name: 'setup', image: 'busybox:1.36', command: ['sleep', '60'] }], containers: [{ name: 'web', image: 'nginx:1.25' }] },
      }),
    );
    cluster.clock.advance(5_000);
    const s = status('slow');
    expect(s.phase).toBe('Pending');
    expect(s.conditions?.find((c) => c.type === 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [setup]' });
    expect(s.containerStatuses?.[0]?.state.waiting).toEqual({ reason: 'PodInitializing' });
    expect(s.initContainerStatuses?.[0]?.state.running).toBeDefined();
  });

  it('fails the Pod when an init container fails with restartPolicy Never: Init:Error', () => {
    expectOk(
      client.create<Pod>(PODS, 'default', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'broken-init' },
        spec: { nodeName: 'node01', restartPolicy: 'Never', initContainers: [{ name: 'check', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }], containers: [{ name: 'web', image: 'nginx:1.25' }] },
      }),
    );
    cluster.clock.advance(10_000);
    expect(status('broken-init').phase).toBe('Failed');
    expect(podDisplayStatus(pod('broken-init'))).toBe('Init:Error');
    expect(status('broken-init').containerStatuses?.[0]?.state.waiting?.reason).toBe('PodInitializing');
    expectQuiet();
  });

  it('starts a sidecar (restartPolicy Always init container) before the app and keeps it running', () => {
    expectOk(
      client.create<Pod>(PODS, 'default', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'with-sidecar' },
        spec: {
          nodeName: 'node01',
          initContainers: [{ name: 'logger', image: 'busybox:1.36', restartPolicy: 'Always', command: ['sh', '-c', 'while true; do echo tick; sleep 5; done'] }],
          containers: [{ name: 'web', image: 'nginx:1.25' }],
        },
      }),
    );
    cluster.clock.advance(30_000);
    const s = status('with-sidecar');
    expect(s.phase).toBe('Running');
    expect(s.initContainerStatuses?.[0]).toMatchObject({ name: 'logger', ready: true, started: true, restartCount: 0 });
    expect(s.initContainerStatuses?.[0]?.state.running).toBeDefined();
    expect(s.conditions?.filter((c) => c.status === 'True').map((c) => c.type)).toEqual(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);
    expect(podDisplayStatus(pod('with-sidecar'))).toBe('Running');
    expect(logs('with-sidecar', { container: 'logger' }).split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(5);
  });

  it('stops the sidecar when the app containers are done (restartPolicy Never)', () => {
    expectOk(
      client.create<Pod>(PODS, 'default', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'job-sidecar' },
        spec: {
          nodeName: 'node01',
          restartPolicy: 'Never',
          initContainers: [{ name: 'proxy', image: 'busybox:1.36', restartPolicy: 'Always', command: ['sleep', 'infinity'] }],
          containers: [{ name: 'work', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3; echo done'] }],
        },
      }),
    );
    cluster.clock.advance(15_000);
    const s = status('job-sidecar');
    expect(s.phase).toBe('Succeeded');
    expect(s.initContainerStatuses?.[0]?.state.terminated?.reason).toBe('Completed');
    expect(events('job-sidecar')).toContainEqual(['Normal', 'Killing', 'Stopping container proxy']);
  });
});

describe('probes', () => {
  function nginx(name: string, extra: Partial<Container>): Pod {
    return run(name, { image: 'nginx:1.25', ...extra });
  }

  it('a readiness probe on the port nginx serves makes the Pod Ready', () => {
    nginx('ready', { readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5, periodSeconds: 5 } });
    cluster.clock.advance(4_000);
    expect(status('ready').containerStatuses![0]).toMatchObject({ ready: false, started: true });
    expect(status('ready').conditions?.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [ready]',
    });
    cluster.clock.advance(6_000);
    expect(status('ready').containerStatuses![0]!.ready).toBe(true);
    expect(status('ready').conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    // nginx logs the kubelet's request like any other.
    expect(logs('ready')).toMatch(/^172\.16\.0\.1 - - \[01\/Jan\/2025:00:00:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "kube-probe\/1\.32" "-"$/m);
  });

  it('a readiness probe on a closed port keeps it unready with the dial error', () => {
    const p = nginx('closed', { readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 } });
    cluster.clock.advance(20_000);
    const ip = status('closed').podIP!;
    expect(status('closed').containerStatuses![0]!.ready).toBe(false);
    expect(podDisplayStatus(pod('closed'))).toBe('Running');
    const unhealthy = expectOk(client.list<CoreEvent>(EVENTS, 'default', { fieldSelector: 'involvedObject.name=closed,reason=Unhealthy' })).items;
    expect(unhealthy[0]).toMatchObject({ type: 'Warning', message: `Readiness probe failed: Get "http://${ip}:8080/healthz": dial tcp ${ip}:8080: connect: connection refused` });
    expect(unhealthy[0]!.count).toBeGreaterThan(1);
    void p;
  });

  it('an http probe for a path nginx does not have fails with the status code', () => {
    nginx('notfound', { readinessProbe: { httpGet: { path: '/healthz', port: 80 } } });
    cluster.clock.advance(15_000);
    expect(events('notfound')).toContainEqual(['Warning', 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 404']);
  });

  it('a tcp probe succeeds on redis 6379 and fails elsewhere', () => {
    run('cache', { image: 'redis:7.4', readinessProbe: { tcpSocket: { port: 6379 } }, livenessProbe: { tcpSocket: { port: 6380 }, failureThreshold: 100 } });
    cluster.clock.advance(15_000);
    const ip = status('cache').podIP!;
    expect(status('cache').containerStatuses![0]!.ready).toBe(true);
    expect(events('cache')).toContainEqual(['Warning', 'Unhealthy', `Liveness probe failed: dial tcp ${ip}:6380: connect: connection refused`]);
  });

  it('restarts a container that fails its exec liveness probe (the docs’ /tmp/healthy example)', () => {
    run('liveness-exec', {
      args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
      livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
    });
    cluster.clock.advance(30_000);
    expect(events('liveness-exec').filter(([, reason]) => reason === 'Unhealthy')).toEqual([]);
    cluster.clock.advance(30_000);
    expect(events('liveness-exec')).toContainEqual(['Warning', 'Unhealthy', "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n"]);
    expect(events('liveness-exec')).toContainEqual(['Normal', 'Killing', 'Container liveness-exec failed liveness probe, will be restarted']);
    // A shell as PID 1 ignores SIGTERM: it is killed after the 30 s grace period, then started again.
    cluster.clock.advance(40_000);
    const c = status('liveness-exec').containerStatuses![0]!;
    expect(c.restartCount).toBe(1);
    expect(c.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(c.state.running).toBeDefined();
  });

  it('holds liveness and readiness until the startup probe passes', () => {
    nginx('slow-start', {
      startupProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10 },
      readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10 },
    });
    cluster.clock.advance(4_000);
    const c = status('slow-start').containerStatuses![0]!;
    // The startup probe ran at start and passed; readiness runs from then on.
    expect(c.started).toBe(true);
    expect(c.ready).toBe(true);
  });

  it('a failing startup probe kills the container after failureThreshold tries', () => {
    nginx('never-starts', { startupProbe: { tcpSocket: { port: 9999 }, periodSeconds: 2, failureThreshold: 3 } });
    cluster.clock.advance(10_000);
    expect(status('never-starts').containerStatuses![0]!.started).toBe(false);
    expect(events('never-starts')).toContainEqual(['Normal', 'Killing', 'Container never-starts failed startup probe, will be restarted']);
  });
});

describe('logs', () => {
  it('serves nginx start-up lines, stdout and stderr interleaved in order', () => {
    run('web', { image: 'nginx:1.25' });
    cluster.clock.advance(5_000);
    const lines = logs('web').split('\n');
    expect(lines[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(lines[8]).toBe('/docker-entrypoint.sh: Configuration complete; ready for start up');
    expect(lines[9]).toMatch(/^2025\/01\/01 00:00:0\d \[notice\] 1#1: using the "epoll" event method$/);
    expect(lines[10]).toMatch(/\[notice\] 1#1: nginx\/1\.25\.5$/);
  });

  it('prints what a loop echoes, with timestamps, tailLines and the previous instance', () => {
    run('counter', { command: ['sh', '-c', 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done'] });
    cluster.clock.advance(10_000);
    const lines = logs('counter').trim().split('\n');
    expect(lines[0]).toMatch(/^0: Wed Jan {2}1 00:00:0\d UTC 2025$/);
    expect(lines[1]).toMatch(/^1: /);
    expect(logs('counter', { tailLines: 2 }).trim().split('\n')).toEqual(lines.slice(-2));
    expect(logs('counter', { timestamps: true, tailLines: 1 })).toMatch(/^2025-01-01T00:00:\d\d(\.\d+)?Z \d+: Wed Jan {2}1 00:00:\d\d UTC 2025\n$/);
    expect(expectStatus(client.request({ verb: 'get', group: '', version: 'v1', resource: 'pods', subresource: 'log', namespace: 'default', name: 'counter', query: { previous: true } })).message).toBe(
      'previous terminated container "counter" in pod "counter" not found',
    );
  });

  it('keeps the previous instance’s output for --previous after a restart', () => {
    run('crash', { command: ['sh', '-c', 'echo starting; cat /nonexistent'] });
    cluster.clock.advance(5_000);
    expect(logs('crash', { previous: true })).toBe("starting\ncat: can't open '/nonexistent': No such file or directory\n");
    expect(status('crash').containerStatuses![0]!.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
  });

  it('echo logs its text and exits 0', () => {
    run('hello', { command: ['echo', 'hello', 'world'] }, { restartPolicy: 'Never' });
    cluster.clock.advance(5_000);
    expect(logs('hello')).toBe('hello world\n');
    expect(status('hello').phase).toBe('Succeeded');
  });

  it('mysql without a root password prints the entrypoint error and exits 1', () => {
    run('db', { image: 'mysql:8.4' });
    cluster.clock.advance(30_000);
    expect(logs('db', { previous: true })).toContain('[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified');
    expect(podDisplayStatus(pod('db'))).toMatch(/^(Error|CrashLoopBackOff)$/);
  });
});

describe('control-plane components', () => {
  it('answer kubeadm-style probes on their health endpoints and keep running', () => {
    run('apiserver', {
      image: 'registry.k8s.io/kube-apiserver:v1.32.4',
      command: ['kube-apiserver', '--secure-port=6443'],
      livenessProbe: { httpGet: { host: '192.168.200.11', path: '/livez', port: 6443, scheme: 'HTTPS' }, initialDelaySeconds: 10, periodSeconds: 10, failureThreshold: 8 },
      startupProbe: { httpGet: { host: '192.168.200.11', path: '/livez', port: 6443, scheme: 'HTTPS' }, initialDelaySeconds: 10, periodSeconds: 10, failureThreshold: 24 },
    });
    cluster.clock.advance(10 * 60_000);
    expect(status('apiserver').containerStatuses![0]).toMatchObject({ ready: true, started: true, restartCount: 0 });
    expect(events('apiserver').filter(([, reason]) => reason === 'Unhealthy')).toEqual([]);
  });
});

describe('the Job example', () => {
  it('perl prints π to 2000 digits and the Pod Succeeds', () => {
    run('pi', { image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }, { restartPolicy: 'Never' });
    cluster.clock.advance(60_000);
    expect(status('pi').phase).toBe('Succeeded');
    expect(logs('pi')).toMatch(/^3\.14159265358979\d{1985}\n$/);
  });
});

describe('finished Pods', () => {
  it('give their IP back to the node’s pool while status keeps showing it', () => {
    run('done', { command: ['true'] }, { restartPolicy: 'Never' });
    cluster.clock.advance(5_000);
    expect(status('done').phase).toBe('Succeeded');
    expect(status('done').podIP).toBe('172.16.0.2');
    run('next', { image: 'nginx:1.25' });
    cluster.clock.advance(5_000);
    expect(status('next').podIP).toBe('172.16.0.2');
    // Deleting the finished Pod must not free the address the running one now holds.
    expectOk(client.delete(PODS, 'default', 'done'));
    cluster.clock.advance(2_000);
    run('third', { image: 'nginx:1.25' });
    cluster.clock.advance(5_000);
    expect(status('third').podIP).toBe('172.16.0.3');
  });
});

describe('termination messages and preStop', () => {
  it('puts what the process wrote to /dev/termination-log in terminated.message', () => {
    run('msg', { command: ['sh', '-c', 'echo "config missing" > /dev/termination-log; exit 2'] }, { restartPolicy: 'Never' });
    cluster.clock.advance(5_000);
    expect(status('msg').containerStatuses![0]!.state.terminated).toMatchObject({ exitCode: 2, reason: 'Error', message: 'config missing\n' });
  });

  it('falls back to the log tail with FallbackToLogsOnError after a failure', () => {
    run('tail', { command: ['sh', '-c', 'echo one; echo two >&2; exit 1'], terminationMessagePolicy: 'FallbackToLogsOnError' }, { restartPolicy: 'Never' });
    cluster.clock.advance(5_000);
    expect(status('tail').containerStatuses![0]!.state.terminated?.message).toBe('one\ntwo\n');
  });

  it('holds deletion for a preStop sleep, within the grace period', () => {
    run('hook', { image: 'nginx:1.25', lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 5'] } } } });
    cluster.clock.advance(5_000);
    expectOk(client.delete(PODS, 'default', 'hook'));
    cluster.clock.advance(4_900);
    expect(podDisplayStatus(pod('hook'))).toBe('Terminating');
    cluster.clock.advance(1_000);
    expect(expectStatus(client.get(PODS, 'default', 'hook')).code).toBe(404);
  });
});

describe('environment', () => {
  it('printenv prints the values the kubelet set (the docs’ env example)', () => {
    run('envar-demo', { command: ['printenv'], args: ['DEMO_GREETING', 'HOSTNAME'], env: [{ name: 'DEMO_GREETING', value: 'Hello from the environment' }] }, { restartPolicy: 'Never' });
    cluster.clock.advance(5_000);
    expect(logs('envar-demo')).toBe('Hello from the environment\nenvar-demo\n');
  });
});
