/**
 * The kubelet's prober workers for one container instance: each probe runs first after
 * initialDelaySeconds and then every periodSeconds on the lab clock; successThreshold and
 * failureThreshold turn results into readiness, `started`, or a kill (`Container x failed liveness
 * probe, will be restarted`); every failed probe is an `Unhealthy` Event.
 */
import type { Pod } from '../../../shared/api/core.js';
import { DisposableStore } from '../../../shared/lifecycle.js';
import type { ContainerProcess } from './container-runtime.js';
import type { PodWorkerHost } from './pod-worker.js';
import type { ContainerRuntime, PodRuntime } from './pod-runtime.js';
import { type Probe, type ProbeKind, containerProbe, probeTiming, probeWord, runProbe } from './probes.js';

/** Ends the instance as if its process exited with `exitCode` (the worker's own exit path). */
export type KillContainer = (key: string, c: ContainerRuntime, process: ContainerProcess, exitCode: number, reason: string) => void;

export class ProbeWorkers {
  constructor(
    private readonly host: PodWorkerHost,
    private readonly kill: KillContainer,
  ) {}

  /** The workers of a container instance that just started: startup first, else liveness and readiness. */
  start(key: string, runtime: PodRuntime, c: ContainerRuntime): void {
    const startup = containerProbe(c.spec, 'startup');
    if (startup) this.probe(key, runtime, c, 'startup', startup);
    else this.startProbes(key, runtime, c);
  }

  private startProbes(key: string, runtime: PodRuntime, c: ContainerRuntime): void {
    const liveness = containerProbe(c.spec, 'liveness');
    const readiness = containerProbe(c.spec, 'readiness');
    if (liveness) this.probe(key, runtime, c, 'liveness', liveness);
    if (readiness) this.probe(key, runtime, c, 'readiness', readiness);
  }

  /** One probe worker for the current instance: first after initialDelaySeconds, then every periodSeconds. */
  private probe(key: string, runtime: PodRuntime, c: ContainerRuntime, kind: ProbeKind, probe: Probe): void {
    const { clock } = this.host;
    const timers = c.instanceTimers;
    const process = c.process;
    if (!timers || !process) return;
    const timing = probeTiming(probe);
    let successes = 0;
    let failures = 0;
    const tick = (): void => {
      if (c.process !== process || c.phase !== 'running') return;
      const pod = this.host.getPod(key);
      if (!pod || pod.metadata.deletionTimestamp) return;
      const podIP = runtime.podIP ?? '';
      const clientIP = pod.spec.hostNetwork === true ? this.host.nodeAddress : podIP.replace(/\.\d+$/, '.1');
      const result = runProbe(probe, { container: c.spec, program: process.program, ctx: process.ctx, podIP, clientIP });
      let stop = false;
      if (result.ok) {
        failures = 0;
        if (++successes >= timing.successThreshold) stop = this.probeSucceeded(key, runtime, c, kind);
      } else {
        successes = 0;
        failures++;
        this.host.recorder.event(pod, 'Warning', 'Unhealthy', `${probeWord(kind)} probe failed: ${result.output}`, c.fieldPath);
        if (failures >= timing.failureThreshold) stop = this.probeFailed(key, pod, c, kind, probe);
      }
      if (stop) return;
      timers.add(clock.schedule(timing.periodMs, tick, { background: true }));
    };
    timers.add(clock.schedule(timing.initialDelayMs, tick, { background: true }));
  }

  /** Returns true when this probe's worker is done (a startup probe stops once it passes). */
  private probeSucceeded(key: string, runtime: PodRuntime, c: ContainerRuntime, kind: ProbeKind): boolean {
    if (kind === 'startup') {
      c.started = true;
      c.ready = !containerProbe(c.spec, 'readiness');
      this.startProbes(key, runtime, c);
      this.host.requeue(key);
      return true;
    }
    if (kind === 'readiness' && !c.ready) {
      c.ready = true;
      this.host.requeue(key);
    }
    return false;
  }

  private probeFailed(key: string, pod: Pod, c: ContainerRuntime, kind: ProbeKind, probe: Probe): boolean {
    if (kind === 'readiness') {
      if (c.ready) {
        c.ready = false;
        this.host.requeue(key);
      }
      return false;
    }
    const { clock, delays, recorder } = this.host;
    recorder.event(pod, 'Normal', 'Killing', `Container ${c.name} failed ${kind} probe, will be restarted`, c.fieldPath);
    const process = c.process;
    if (!process) return true;
    c.instanceTimers?.dispose();
    c.instanceTimers = new DisposableStore();
    c.killedForRestart = true;
    // Servers exit on SIGTERM; a shell as PID 1 ignores it and is SIGKILLed after the grace period.
    const server = process.program.kind === 'server';
    const grace = (probe.terminationGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30) * 1000;
    const delay = server ? this.host.random.jitter(delays.stopMs, delays.jitter) : grace;
    c.instanceTimers.add(clock.schedule(delay, () => this.kill(key, c, process, server ? 0 : 137, server ? 'Completed' : 'Error')));
    return true;
  }
}
