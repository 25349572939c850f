/**
 * kubectl round-trip latency through the shell (parse, kubectl, API server, printers, output):
 * p50 and p99 of `kubectl get pods` with 1,000 and 10,000 Running Pods, and of `kubectl describe
 * pod`. Issue 6's target: p99 < 16 ms (one display frame) at 10,000 Pods. Prints numbers, never
 * fails. Run with `npm run bench:kubectl`; record results in docs/PERFORMANCE.md.
 */
import { performance } from 'node:perf_hooks';
import { NODES, PODS } from '../src/main/cluster/client/resources.js';
import { LabSession } from '../src/main/lab/lab-session.js';
import { ScriptRunner } from '../src/main/shell/script-runner.js';
import { tuneEngineHeap } from '../src/main/engine-heap.js';

// As the app's hosts run the engine (src/main/engine-heap.ts).
tuneEngineHeap();

const RUNS = Number(process.env.RUNS ?? 200);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** A lab with `pods` Running Pods spread over enough workers (kubelet's default 110 Pods per node). */
function labWithPods(pods: number): LabSession {
  const workers = Math.ceil(pods / 100) + 1;
  const session = new LabSession({ seed: 1, virtualClock: true, workers });
  const client = session.lab.client('bench');
  // Workers join one after another (kubeadm join, 30 s apart): wait until all are Nodes.
  while (nodeCount(session) < workers + 1) session.lab.clock.advance(60_000);
  for (let i = 0; i < pods; i++) {
    client.create(PODS, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `web-${String(i).padStart(5, '0')}`, labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
    });
  }
  session.lab.settle();
  // Image pulls and kubelet syncs take simulated time; advance until every Pod runs (5 minutes at most).
  for (let waited = 0; waited < 300_000 && runningPods(session) < pods; waited += 10_000) session.lab.clock.advance(10_000);
  return session;
}

function nodeCount(session: LabSession): number {
  const nodes = session.lab.client('bench').list(NODES);
  return nodes.ok ? nodes.value.items.length : 0;
}

function runningPods(session: LabSession): number {
  const running = session.lab.client('bench').list(PODS, 'default', { fieldSelector: 'status.phase=Running' });
  return running.ok ? running.value.items.length : 0;
}

async function measure(session: LabSession, command: string, label: string): Promise<void> {
  let bytes = 0;
  let errors = '';
  const shell = session.createShell({ interactive: false });
  const runner = new ScriptRunner(shell, { stdout: { write: (t) => (bytes += t.length) }, stderr: { write: (t) => (errors += t) } });
  for (let i = 0; i < 5; i++) await runner.write(`${command}\n`); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    bytes = 0;
    const start = performance.now();
    await runner.write(`${command}\n`);
    samples.push(performance.now() - start);
  }
  if (errors) console.warn(`  ${label}: stderr: ${errors.slice(0, 200)}`);
  console.log(`${label}: p50 ${percentile(samples, 50).toFixed(2)} ms, p99 ${percentile(samples, 99).toFixed(2)} ms, max ${Math.max(...samples).toFixed(2)} ms (${RUNS} runs, ${bytes} bytes of output)`);
}

for (const pods of (process.env.PODS ?? '1000,10000').split(',').map(Number)) {
  const start = performance.now();
  const session = labWithPods(pods);
  console.log(`${pods} Pods (${runningPods(session)} Running), set up in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  await measure(session, 'kubectl get pods', `  kubectl get pods`);
  await measure(session, 'kubectl get pods -l app=web -o name', `  kubectl get pods -l app=web -o name`);
  await measure(session, `kubectl describe pod web-${String(pods / 2).padStart(5, '0')}`, `  kubectl describe pod`);
  session.dispose();
}
