/**
 * What a container's spec asks of the runtime around its process: the environment it starts with,
 * how long a preStop hook holds it, and the termination message the kubelet reports when it ends.
 */
import type { Container, Pod } from '../../../shared/api/core.js';
import type { ContainerProcess } from './container-runtime.js';
import type { ContainerRuntime } from './pod-runtime.js';
import { sleepMs } from './shell-script.js';

/**
 * What the kubelet puts in `terminated.message`: the termination-log file the process wrote, or
 * with FallbackToLogsOnError after a failure, the tail of its log (80 lines, at most 2048 bytes).
 */
export function terminationMessage(spec: Container, process: ContainerProcess, exitCode: number): string | undefined {
  const written = process.ctx.files.get(spec.terminationMessagePath ?? '/dev/termination-log');
  if (written) return written;
  if (spec.terminationMessagePolicy !== 'FallbackToLogsOnError' || exitCode === 0) return undefined;
  const log = process.log.read().slice(-80);
  const text = log.map((l) => `${l.text}\n`).join('');
  return text.length > 2048 ? text.slice(-2048) : text || undefined;
}

/** How long a preStop hook holds the container: the sleep action, or an exec of `sleep N`. */
export function preStopMs(spec: Container): number {
  const hook = (spec.lifecycle as { preStop?: { sleep?: { seconds?: number }; exec?: { command?: string[] } } } | undefined)?.preStop;
  if (!hook) return 0;
  if (hook.sleep?.seconds !== undefined) return hook.sleep.seconds * 1000;
  const command = hook.exec?.command ?? [];
  const words = command[0] === 'sh' || command[0] === '/bin/sh' ? (command[2] ?? '').trim().split(/\s+/) : command;
  if (words[0] !== 'sleep') return 0;
  const ms = sleepMs(words.slice(1));
  return ms === undefined || ms === Infinity ? 0 : ms;
}

/** The process environment: PATH and HOSTNAME as containerd sets them, the service variables, the spec's `env`/`envFrom`. */
export function containerEnv(pod: Pod, c: ContainerRuntime): Map<string, string> {
  const env = new Map<string, string>([
    ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    ['HOSTNAME', pod.metadata.name ?? ''],
    ['KUBERNETES_SERVICE_HOST', '10.96.0.1'],
    ['KUBERNETES_SERVICE_PORT', '443'],
  ]);
  for (const [name, value] of c.specEnv ?? literalEnv(c.spec)) env.set(name, value);
  // runc adds HOME after the process's own variables when they have none.
  if (!env.has('HOME')) env.set('HOME', '/root');
  return env;
}

/** A container not created by a pod worker (tests, previews): its literal `env` values. */
function literalEnv(spec: ContainerRuntime['spec']): Array<[string, string]> {
  return (spec.env ?? []).flatMap((e) => (e.value !== undefined ? [[e.name, e.value] as [string, string]] : []));
}
