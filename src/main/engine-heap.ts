/**
 * V8 settings for the process that hosts the engine (the Electron main process, the `kubelab`
 * command, the benchmarks). Called first thing, before the engine's code runs hot.
 *
 * Allocation-site pretenuring is off. V8 decides per allocation site (an object or array literal)
 * to allocate straight into the old space when most of its objects survived the last scavenge.
 * The engine's big transient structures — a 10,000-row Table and its printed cells, alive for the
 * few milliseconds of one `kubectl get` — do survive a scavenge that lands mid-command, so V8 would
 * tenure those sites. Every later table is then allocated as old-space garbage, the heap swells
 * by half and major GCs interrupt the terminal: `get pods` at 10,000 Pods was bimodal (p50 4 ms or
 * 10 ms from one run to the next) with pretenuring, and steady without it (docs/PERFORMANCE.md).
 */
import { setFlagsFromString } from 'node:v8';

let tuned = false;

export function tuneEngineHeap(): void {
  if (tuned) return;
  tuned = true;
  setFlagsFromString('--no-allocation-site-pretenuring');
}
