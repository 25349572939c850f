/**
 * The control plane at scale (prints numbers, never fails): NODES Nodes registered through the API
 * with their Leases, DEPLOYMENTS Deployments × REPLICAS replicas created through the real
 * Deployment and ReplicaSet controllers, bound by the real scheduler, and marked Running by
 * lightweight fake kubelets (one watch for all nodes: Running + Ready on bind, the final delete of a
 * terminating Pod). Reports Pod creation, scheduling throughput (target ≥ 5,000 Pods/s), wall and
 * simulated time until every Pod runs, heap at the end (target < 2 GiB), and a rolling update of
 * one Deployment. Defaults are the 5,000 nodes and 30 × 5,000 = 150,000 Pods; run small
 * first: `NODES=500 DEPLOYMENTS=3 REPLICAS=1000 npm run bench:cluster`. Each phase also prints its
 * CPU time (all threads, and the main thread's); `PROFILE=schedule` writes a CPU profile of the
 * phases so named, `HEAP_SNAPSHOT=1` a heap snapshot once every Pod runs (both in out/bench/).
 */
import { Session } from 'node:inspector';
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';
import type { Deployment } from '../src/shared/api/apps.js';
import type { Lease, Node, Pod } from '../src/shared/api/core.js';
import { VirtualClock } from '../src/main/base/clock.js';
import { rfc3339, rfc3339Micro } from '../src/main/base/duration.js';
import { SeededRandom } from '../src/main/base/random.js';
import { Tracer } from '../src/main/base/trace.js';
import { ApiServer } from '../src/main/cluster/apiserver/api-server.js';
import { builtinResources } from '../src/main/cluster/apiserver/registry/index.js';
import type { WatchEventObject } from '../src/main/cluster/apiserver/types.js';
import { ApiClient } from '../src/main/cluster/client/api-client.js';
import { DEPLOYMENTS, LEASES, NAMESPACES, NODES, PODS } from '../src/main/cluster/client/resources.js';
import { DeploymentController } from '../src/main/cluster/controllers/deployment/deployment-controller.js';
import { ReplicaSetController } from '../src/main/cluster/controllers/replicaset.js';
import { Scheduler } from '../src/main/cluster/scheduler/scheduler.js';
import { MvccStore } from '../src/main/cluster/store/mvcc-store.js';
import { tuneEngineHeap } from '../src/main/engine-heap.js';

// As the app's hosts run the engine (src/main/engine-heap.ts).
tuneEngineHeap();

const NODE_COUNT = Number(process.env.NODES ?? 5_000);
const DEPLOYMENT_COUNT = Number(process.env.DEPLOYMENTS ?? 30);
const REPLICAS = Number(process.env.REPLICAS ?? 5_000);
const TOTAL = DEPLOYMENT_COUNT * REPLICAS;
/** Simulated time allowed per phase before giving up (the bench reports, never fails). */
const PHASE_LIMIT_MS = 6 * 60 * 60 * 1000;

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

function ok<T>(result: { ok: true; value: T } | { ok: false; status: { message?: string } }): T {
  if (!result.ok) throw new Error(result.status.message ?? 'request failed');
  return result.value;
}

const clock = new VirtualClock();
const random = new SeededRandom(1);
const store = new MvccStore((deliver) => clock.schedule(0, deliver));
const api = new ApiServer({
  etcd: store,
  clock,
  random: random.fork('kube-apiserver'),
  tracer: new Tracer(() => clock.now(), 1000),
  resources: builtinResources,
  defer: (fn) => clock.schedule(0, fn),
});
const admin = new ApiClient(api, 'bench');
for (const name of ['default', 'kube-node-lease', 'kube-system']) ok(admin.create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));

/** Counters kept from one watch, so "are we there yet" is O(1). */
const scheduled = new Set<string>();
const running = new Set<string>();
let created = 0;
ok(
  admin.watch(PODS, undefined, {}, (event: WatchEventObject) => {
    const pod = event.object as Pod;
    const key = `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
    if (event.type === 'ADDED') created++;
    if (event.type === 'DELETED') {
      created--;
      scheduled.delete(key);
      running.delete(key);
      return;
    }
    if (pod.spec.nodeName) scheduled.add(key);
    if (pod.status?.phase === 'Running' && !pod.metadata.deletionTimestamp) running.add(key);
    else running.delete(key);
  }),
);

/**
 * kube-apiserver compacts etcd every 5 minutes; here simulated time hardly moves, so history is
 * compacted by revisions instead (what a 5-minute compaction would leave behind at this write rate).
 */
let compactedAt = 0;
function compactHistory(): void {
  const revision = store.status().revision;
  if (revision - compactedAt < 50_000) return;
  store.compact(revision);
  compactedAt = revision;
}

/**
 * PROFILE=<word>: a CPU profile of the phases whose label contains it (e.g. `schedule`), written to
 * out/bench/<word>.cpuprofile for Chrome DevTools or `node --cpu-prof`-style analysis.
 */
const PROFILE = process.env.PROFILE;
function profiled<T>(label: string, run: () => T): T {
  if (!PROFILE || !label.includes(PROFILE)) return run();
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  const result = run();
  session.post('Profiler.stop', (error, value) => {
    if (!error) writeFileSync(`out/bench/${PROFILE}.cpuprofile`, JSON.stringify(value.profile));
  });
  session.disconnect();
  return result;
}

function phase(label: string, done: () => boolean): ReturnType<typeof timedPhase> {
  return profiled(label, () => timedPhase(label, done));
}

/** CPU time of the process (all its threads, GC helpers included) since `since`, in ms. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/**
 * CPU time of the main (JavaScript) thread in ms, from /proc on Linux (undefined elsewhere): what
 * the wall time would be on an otherwise idle machine, where GC helper threads use another core.
 */
function mainThreadCpuMs(): number | undefined {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime (fields 14 and 15 of stat), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * Wall time is what the targets are about; CPU time (all threads, and the main thread's) is printed
 * too because on a shared machine wall time also counts the other processes' turns.
 */
function timedPhase(label: string, done: () => boolean): { wallMs: number; simMs: number; cpuMs: number; mainMs: number | undefined } {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const main = mainThreadCpuMs();
  const sim = clock.now();
  const reached = clock.advanceUntil(() => {
    compactHistory();
    return done();
  }, PHASE_LIMIT_MS);
  const mainNow = mainThreadCpuMs();
  const result = { wallMs: performance.now() - wall, simMs: clock.now() - sim, cpuMs: cpuMs(cpu), mainMs: main !== undefined && mainNow !== undefined ? mainNow - main : undefined };
  const mainText = result.mainMs !== undefined ? `, ${(result.mainMs / 1000).toFixed(1)} s main thread` : '';
  console.log(
    `${label}: ${(result.wallMs / 1000).toFixed(1)} s wall (${(result.cpuMs / 1000).toFixed(1)} s CPU${mainText}), ${(result.simMs / 1000).toFixed(1)} s simulated${reached ? '' : ' (NOT REACHED)'}`,
  );
  return result;
}

// --- Nodes and their Leases, as kubelets register them.
const start = performance.now();
const now = rfc3339(clock.now());
const resources = { cpu: '16', memory: '64Gi', pods: '110' };
for (let i = 0; i < NODE_COUNT; i++) {
  const name = `node-${String(i).padStart(5, '0')}`;
  const node = ok(
    admin.as('kubelet').create<Node>(NODES, undefined, {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'topology.kubernetes.io/zone': `zone-${i % 3}` } },
      spec: {},
    }),
  );
  ok(
    admin.as('kubelet').updateStatus(NODES, undefined, {
      ...node,
      status: {
        capacity: resources,
        allocatable: resources,
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now }],
      },
    }),
  );
  ok(
    admin.as('kubelet').create<Lease>(LEASES, 'kube-node-lease', {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name },
      spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: rfc3339Micro(clock.now()) },
    }),
  );
}
clock.runDue();
console.log(`register ${NODE_COUNT} Nodes + Leases: ${((performance.now() - start) / 1000).toFixed(1)} s`);

// --- Fake kubelets: one watch standing in for every node's kubelet.
const kubelet = admin.as('kubelet');
const toStart: Pod[] = [];
const toRemove: Pod[] = [];
let kubeletsOn = false;
let kubeletKick = false;
function kubeletWork(): void {
  kubeletKick = false;
  const at = rfc3339(clock.now());
  const conditions = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True' as const, lastProbeTime: null, lastTransitionTime: at }));
  for (const pod of toStart.splice(0)) {
    // The object as last watched; only a conflict (it changed since) costs a read.
    const sent = kubelet.updateStatus(PODS, pod.metadata.namespace, { ...pod, status: { ...pod.status, phase: 'Running', startTime: at, conditions } });
    if (!sent.ok && sent.status.code === 409) {
      const current = kubelet.get<Pod>(PODS, pod.metadata.namespace, pod.metadata.name ?? '');
      if (!current.ok || current.value.metadata.deletionTimestamp) continue;
      kubelet.updateStatus(PODS, pod.metadata.namespace, { ...current.value, status: { ...current.value.status, phase: 'Running', startTime: at, conditions } });
    }
  }
  for (const pod of toRemove.splice(0)) kubelet.delete(PODS, pod.metadata.namespace, pod.metadata.name ?? '', { gracePeriodSeconds: 0 });
}
ok(
  kubelet.watch(PODS, undefined, {}, (event) => {
    const pod = event.object as Pod;
    if (!kubeletsOn || event.type === 'DELETED' || !pod.spec.nodeName) return;
    if (pod.metadata.deletionTimestamp) toRemove.push(pod);
    else if (pod.status?.phase !== 'Running') toStart.push(pod);
    else return;
    if (!kubeletKick) {
      kubeletKick = true;
      clock.schedule(0, kubeletWork);
    }
  }),
);

// --- Controllers create the Pods (no scheduler yet: creation is measured apart).
const replicaSets = new ReplicaSetController(admin.as('replicaset-controller'), clock);
const deployments = new DeploymentController(admin.as('deployment-controller'), clock);
replicaSets.start();
deployments.start();
for (let d = 0; d < DEPLOYMENT_COUNT; d++) {
  const name = `app-${d}`;
  ok(
    admin.create<Deployment>(DEPLOYMENTS, 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name },
      spec: {
        replicas: REPLICAS,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: { containers: [{ name: 'app', image: 'nginx:1.25', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
        },
      },
    }),
  );
}
const simStart = clock.now();
const wallStart = performance.now();
const creation = phase(`create ${TOTAL} Pods (Deployment + ReplicaSet controllers)`, () => created >= TOTAL);
console.log(`  ${(TOTAL / (creation.wallMs / 1000)).toFixed(0)} Pods/s created`);

// --- The scheduler binds them.
const scheduler = new Scheduler(admin.as('default-scheduler'), clock, random.fork('scheduler'));
scheduler.start();
const scheduling = phase(`schedule ${TOTAL} Pods on ${NODE_COUNT} nodes`, () => scheduled.size >= TOTAL);
const perMainSecond = scheduling.mainMs ? `, ${(scheduled.size / (scheduling.mainMs / 1000)).toFixed(0)} per main-thread CPU second` : '';
console.log(
  `  scheduling throughput: ${(scheduled.size / (scheduling.wallMs / 1000)).toFixed(0)} Pods/s (target ≥ 5,000); ${(scheduled.size / (scheduling.cpuMs / 1000)).toFixed(0)} per CPU second${perMainSecond}`,
);

// --- The kubelets start them.
kubeletsOn = true;
for (const pod of ok(admin.list<Pod>(PODS, 'default')).items) if (pod.spec.nodeName && pod.status?.phase !== 'Running') toStart.push(pod);
clock.schedule(0, kubeletWork);
phase(`run ${TOTAL} Pods`, () => running.size >= TOTAL);
console.log(`all ${running.size} Pods Running: ${((performance.now() - wallStart) / 1000).toFixed(1)} s wall, ${((clock.now() - simStart) / 1000).toFixed(1)} s simulated since the Deployments were created`);

gc();
console.log(`heap: ${mib(process.memoryUsage().heapUsed)} (target < 2 GiB)`);
// HEAP_SNAPSHOT=1: a heap snapshot at this point (out/bench/cluster.heapsnapshot), for DevTools.
if (process.env.HEAP_SNAPSHOT) writeHeapSnapshot('out/bench/cluster.heapsnapshot');

// --- A rolling update of one Deployment.
const target = ok(admin.get<Deployment>(DEPLOYMENTS, 'default', 'app-0'));
ok(admin.patch(DEPLOYMENTS, 'default', 'app-0', 'merge', { spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } } } }));
const rolled = (): boolean => {
  const got = admin.get<Deployment>(DEPLOYMENTS, 'default', 'app-0');
  if (!got.ok) return false;
  const { status, metadata } = got.value;
  return (
    (status?.observedGeneration ?? 0) > (target.metadata.generation ?? 0) &&
    status?.updatedReplicas === REPLICAS &&
    status.replicas === REPLICAS &&
    status.availableReplicas === REPLICAS &&
    metadata.generation === status.observedGeneration
  );
};
phase(`rolling update of app-0 (${REPLICAS} replicas, 25% surge / 25% unavailable)`, rolled);
gc();
console.log(`heap after the rollout: ${mib(process.memoryUsage().heapUsed)}`);
scheduler.dispose();
replicaSets.dispose();
deployments.dispose();
