/**
 * Benchmarks (print numbers, never fail): a `kubectl get pods` round trip through the shell with
 * 1,000 Pods in the cluster, and the heap an idle lab holds. Run with `npm run bench`; record
 * results in docs/PERFORMANCE.md.
 */
import { performance } from 'node:perf_hooks';
import { PODS } from '../src/main/cluster/client/resources.js';
import { LabSession } from '../src/main/lab/lab-session.js';
import { ScriptRunner } from '../src/main/shell/script-runner.js';
import { tuneEngineHeap } from '../src/main/engine-heap.js';

// As the app's hosts run the engine (src/main/engine-heap.ts).
tuneEngineHeap();

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function getPodsRoundTrip(): Promise<void> {
  const setupStart = performance.now();
  // Ten workers so that 1,000 Pods fit (110 Pods per node, as kubelet's default).
  const session = new LabSession({ seed: 1, virtualClock: true, workers: 10 });
  const client = session.lab.client('bench');
  for (let i = 0; i < 1000; i++) {
    client.create(PODS, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `web-${String(i).padStart(4, '0')}`, labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
    });
  }
  session.lab.settle();
  session.lab.clock.advance(60_000);
  const setupMs = performance.now() - setupStart;
  let lines = 0;
  const shell = session.createShell({ interactive: false });
  const runner = new ScriptRunner(shell, { stdout: { write: (t) => (lines += t.split('\n').length - 1) }, stderr: { write: () => undefined } });
  await runner.write('true\n');
  const samples: number[] = [];
  for (let i = 0; i < 20; i++) {
    lines = 0;
    const start = performance.now();
    await runner.write('kubectl get pods\n');
    samples.push(performance.now() - start);
  }
  const running = client.list(PODS, 'default', { fieldSelector: 'status.phase=Running' });
  console.log(`kubectl get pods, 1000 Pods (${running.ok ? running.value.items.length : '?'} Running, ${lines} lines): median ${median(samples).toFixed(1)} ms, min ${Math.min(...samples).toFixed(1)} ms over ${samples.length} runs`);
  console.log(`  (creating and starting the 1000 Pods took ${(setupMs / 1000).toFixed(1)} s of wall time)`);
  session.dispose();
}

function idleLabHeap(): void {
  gc();
  const before = process.memoryUsage().heapUsed;
  const sessions = [new LabSession({ seed: 1, virtualClock: true })];
  for (const s of sessions) s.lab.clock.advance(10 * 60_000);
  gc();
  const after = process.memoryUsage().heapUsed;
  console.log(`idle lab heap (3 nodes, after 10 simulated minutes): ${((after - before) / 1024 / 1024).toFixed(1)} MiB`);
  for (const s of sessions) s.dispose();
}

async function startup(): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const s = new LabSession({ seed: i, virtualClock: true });
    samples.push(performance.now() - start);
    s.dispose();
  }
  console.log(`lab boot (kubeadm-style, 3 nodes): median ${median(samples).toFixed(1)} ms`);
}

if (!(globalThis as { gc?: unknown }).gc) console.warn('run with --expose-gc for a meaningful heap number');
await startup();
idleLabHeap();
await getPodsRoundTrip();
