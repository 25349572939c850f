/**
 * API server benchmarks from the control-plane issue (print numbers, never fail): create 150,000
 * Pods through the client, list them with and without a label selector, fan a watch out to 100
 * watchers, and heap per stored Pod. Targets: ≥ 20,000 creates/s, a selective list < 100 ms,
 * < 4 KB heap per Pod. Run with `npm run bench:apiserver`.
 */
import { performance } from 'node:perf_hooks';
import { VirtualClock } from '../src/main/base/clock.js';
import { SeededRandom } from '../src/main/base/random.js';
import { Tracer } from '../src/main/base/trace.js';
import { ApiServer } from '../src/main/cluster/apiserver/api-server.js';
import { builtinResources } from '../src/main/cluster/apiserver/registry/index.js';
import { ApiClient } from '../src/main/cluster/client/api-client.js';
import { NAMESPACES, PODS } from '../src/main/cluster/client/resources.js';
import { MvccStore } from '../src/main/cluster/store/mvcc-store.js';
import { tuneEngineHeap } from '../src/main/engine-heap.js';

// As the app's hosts run the engine (src/main/engine-heap.ts).
tuneEngineHeap();

const COUNT = Number(process.env.PODS ?? 150_000);

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

gc();
const heapBefore = process.memoryUsage().heapUsed;
const clock = new VirtualClock();
const store = new MvccStore((deliver) => clock.schedule(0, deliver));
const api = new ApiServer({
  etcd: store,
  clock,
  random: new SeededRandom(1),
  tracer: new Tracer(() => clock.now(), 1000),
  resources: builtinResources,
  defer: (fn) => clock.schedule(0, fn),
});
const client = new ApiClient(api, 'bench');
client.create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });

let start = performance.now();
for (let i = 0; i < COUNT; i++) {
  const result = client.create(PODS, 'default', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p-${i}`, labels: { app: i % 100 === 0 ? 'rare' : 'common', shard: String(i % 10) } },
    spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] },
  });
  if (!result.ok) throw new Error(result.status.message);
}
clock.runDue();
const createSeconds = (performance.now() - start) / 1000;
console.log(`create ${COUNT} Pods: ${(COUNT / createSeconds).toFixed(0)} Pods/s (${createSeconds.toFixed(1)} s)`);

gc();
const heapAfter = process.memoryUsage().heapUsed;
console.log(`heap per stored Pod: ${((heapAfter - heapBefore) / COUNT / 1024).toFixed(2)} KB`);

start = performance.now();
const all = client.list(PODS, 'default');
console.log(`list all ${all.ok ? all.value.items.length : 0} Pods: ${(performance.now() - start).toFixed(0)} ms`);
start = performance.now();
const rare = client.list(PODS, 'default', { labelSelector: 'app=rare' });
console.log(`list with a label selector (${rare.ok ? rare.value.items.length : 0} match): ${(performance.now() - start).toFixed(0)} ms`);
// Served from the label index (watch-cache.ts): the median of a few warm runs, a set selector, and
// a broad one (the index walks its smallest label set, shard=1: a tenth of the Pods).
const times: number[] = [];
for (let i = 0; i < 5; i++) {
  start = performance.now();
  client.list(PODS, 'default', { labelSelector: 'app=rare' });
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
console.log(`list with a label selector, warm: ${times[2]!.toFixed(1)} ms median of 5`);
start = performance.now();
const setSelected = client.list(PODS, 'default', { labelSelector: 'app in (rare),shard=0' });
console.log(`list with a set selector (${setSelected.ok ? setSelected.value.items.length : 0} match): ${(performance.now() - start).toFixed(1)} ms`);
start = performance.now();
const broad = client.list(PODS, 'default', { labelSelector: 'app=common,shard=1' });
console.log(`list with a broad selector (${broad.ok ? broad.value.items.length : 0} match): ${(performance.now() - start).toFixed(0)} ms`);

let delivered = 0;
const watchers = Array.from({ length: 100 }, () => client.watch(PODS, 'default', { resourceVersion: String(store.status().revision) }, () => delivered++));
start = performance.now();
for (let i = 0; i < 100; i++) {
  client.create(PODS, 'default', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `w-${i}` },
    spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] },
  });
}
clock.runDue();
console.log(`watch fan-out: 100 creates to 100 watchers, ${delivered} events delivered in ${(performance.now() - start).toFixed(0)} ms`);
for (const w of watchers) if (w.ok) w.value.dispose();
