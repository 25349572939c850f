/**
 * The kubelet's in-memory view of the Pods it runs: per Pod its sandbox, and per container the
 * stage it is in, the current and last terminated instance, restart count, probe state and logs.
 * Status is computed from this (pod-status.ts); nothing here is read back from the API server.
 */
import type { EmptyDirs } from './empty-dir.js';
import type { Container, ContainerState } from '../../../shared/api/core.js';
import type { DisposableStore } from '../../../shared/lifecycle.js';
import type { ContainerProcess } from './container-runtime.js';
import type { ImageReference } from './image-catalog.js';
import type { InstanceLog } from './logs.js';
import type { RestartBackoff } from './restart-backoff.js';

export type ContainerPhase = 'waiting' | 'pulling' | 'creating' | 'running' | 'terminated';

export type Terminated = NonNullable<ContainerState['terminated']>;

export interface ContainerRuntime {
  name: string;
  spec: Container;
  /** `spec.initContainers{x}`, `spec.containers{x}` or `spec.ephemeralContainers{x}`: the Events' fieldPath. */
  fieldPath: string;
  init: boolean;
  /** An ephemeral container (`kubectl debug`): started once, never restarted, never ready. */
  ephemeral?: boolean;
  /** An init container with `restartPolicy: Always`. */
  sidecar: boolean;
  image: ImageReference;
  phase: ContainerPhase;
  waitingReason: string;
  waitingMessage?: string;
  containerID?: string;
  imageID?: string;
  startedAt?: string;
  /** The instance that ended and is still shown as the state (until restarted or backed off). */
  terminated?: Terminated;
  terminatedAt?: number;
  /** The instance before (status.lastState). */
  lastTerminated?: Terminated;
  /** In CrashLoopBackOff with the pod worker's retry pending: other syncs leave it alone. */
  backOffSyncPending?: boolean;
  /** Killed for a failed liveness/startup probe: started again at once, without back-off. */
  killedForRestart?: boolean;
  /** The variables from the spec (env, envFrom), resolved when the container was created. */
  specEnv?: Map<string, string>;
  /** CreateContainerConfigError: not tried again before this time. */
  configRetryAt?: number;
  /** The last start failed in the runtime (RunContainerError). */
  runError?: string;
  restartCount: number;
  instances: number;
  /** Startup probe passed (or none). */
  started: boolean;
  ready: boolean;
  pullBackoffMs?: number;
  /** A stage timer is pending for this container. */
  busy: boolean;
  process?: ContainerProcess;
  logs: { current?: InstanceLog; previous?: InstanceLog };
  /** Timers of the current instance (probes, OOM, kill): disposed when it ends. */
  instanceTimers?: DisposableStore;
}

export interface PodRuntime {
  uid: string;
  startTime: string;
  sandboxReady: boolean;
  podIP?: string;
  /** The sandbox of a finished Pod is gone and its IP back in the pool (status keeps showing it). */
  ipReleased?: boolean;
  initContainers: ContainerRuntime[];
  containers: ContainerRuntime[];
  /** Ephemeral containers, in the order they were added to the Pod. */
  ephemeralContainers: ContainerRuntime[];
  backoff: RestartBackoff;
  /** Every container is done and none will restart: Succeeded or Failed. */
  terminal: boolean;
  stopping: boolean;
  stopped: boolean;
  deleteRequested: boolean;
  timers: DisposableStore;
  /** The Pod's emptyDir volumes, shared by its containers for the Pod's life. */
  emptyDirs: EmptyDirs;
}

export function allContainers(runtime: PodRuntime): ContainerRuntime[] {
  return [...runtime.initContainers, ...runtime.containers, ...runtime.ephemeralContainers];
}

/** restartPolicy: sidecars always; init containers unless Never, only after a failure; app containers by the policy. */
export function shouldRestart(c: ContainerRuntime, policy: string): boolean {
  if (c.ephemeral) return false;
  if (c.sidecar) return true;
  const failed = (c.terminated?.exitCode ?? 0) !== 0;
  if (policy === 'Never') return false;
  if (c.init || policy === 'OnFailure') return failed;
  return true;
}
