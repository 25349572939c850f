/**
 * What a running container uses, as the kubelet's summary API (cAdvisor) would report it, from
 * what the simulated process is: an idle server a few millicores and its image's working set; a
 * script that sleeps next to nothing; a busy loop (`while true; do :; done`, `yes`) a whole core
 * or its cpu limit. Each sample is drawn from a seeded stream the caller forks per scrape, so a
 * scrape reads the same numbers however often it is asked.
 */
import { parseQuantity } from '../../base/quantity.js';
import type { Random } from '../../base/random.js';
import { containerArgv } from './behaviour.js';
import { lookupImage } from './image-catalog.js';
import type { ContainerRuntime } from './pod-runtime.js';

export interface ContainerUsage {
  name: string;
  cpuCores: number;
  memoryBytes: number;
}

/** An idle server: 1–5 millicores. */
const IDLE_SERVER_CORES = [0.001, 0.005] as const;
/** A script that mostly sleeps: under half a millicore. */
const SLEEPING_SCRIPT_CORES = [0, 0.0005] as const;

function between(range: readonly [number, number], fraction: number): number {
  return range[0] + (range[1] - range[0]) * fraction;
}

/** A loop that never sleeps, or a command that spins (`yes`, `md5sum /dev/zero`, `stress --cpu`). */
export function isBusyLoop(argv: readonly string[]): boolean {
  const text = argv.join(' ');
  if (/\b(yes|md5sum|sha256sum)\b|stress(-ng)?\b.*--cpu|\bdd\b.*if=\/dev\/(zero|urandom)/.test(text)) return true;
  return /\b(while|until|for)\b/.test(text) && !/\bsleep\b/.test(text);
}

/** The usage of one container now, or undefined when it runs no process. */
export function containerUsage(c: ContainerRuntime, draw: Random): ContainerUsage | undefined {
  const process = c.process;
  if (c.phase !== 'running' || !process || process.exited) return undefined;
  const found = lookupImage(c.image);
  const argv = containerArgv(found.found ? found.image : undefined, c.spec, c.specEnv);
  let cpuCores: number;
  if (process.program.kind === 'server') cpuCores = between(IDLE_SERVER_CORES, draw.next());
  else if (isBusyLoop(argv)) {
    // Spinning takes a whole core, or what the cgroup's cpu.max (the limit) allows.
    const limit = parseQuantity(c.spec.resources?.limits?.cpu);
    cpuCores = Math.min(limit ?? 1, 1) * between([0.97, 1], draw.next());
  } else cpuCores = between(SLEEPING_SCRIPT_CORES, draw.next());
  const memoryBytes = Math.max(process.program.memoryBytes, 256 * 1024) * between([0.95, 1.05], draw.next());
  return { name: c.name, cpuCores, memoryBytes };
}
