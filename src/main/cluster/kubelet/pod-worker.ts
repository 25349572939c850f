/**
 * Runs the Pods of one kubelet through their stages (stages.ts): sandbox, init containers in order
 * (sidecars started and kept running), app containers — image pull, create, start — then the
 * process's life: exits with Completed/Error/OOMKilled, restarts by restartPolicy with the
 * crash-loop back-off (CrashLoopBackOff, RunContainerError), probes, and graceful stop. Every step
 * is reported as Pod status and the kubelet's Events, with Kubernetes' reasons and messages.
 */
import { ContainerFiles, emptyDirMounts } from './empty-dir.js';
import type { Container, Pod } from '../../../shared/api/core.js';
import { DisposableStore } from '../../../shared/lifecycle.js';
import type { Clock } from '../../base/clock.js';
import { canonicalJson } from '../../base/canonical-json.js';
import { formatGoDuration, rfc3339 } from '../../base/duration.js';
import { parseQuantity } from '../../base/quantity.js';
import type { Random } from '../../base/random.js';
import type { ApiClient } from '../client/api-client.js';
import type { EventRecorder } from '../client/event-recorder.js';
import { objectKey } from '../client/informer.js';
import { PODS } from '../client/resources.js';
import { resolveProgram } from './behaviour.js';
import { ContainerProcess } from './container-runtime.js';
import { lookupImage, parseImage, pullErrorMessage } from './image-catalog.js';
import { InstanceLog, type LogLine } from './logs.js';
import { computePodStatus } from './pod-status.js';
import { allContainers, type ContainerRuntime, type PodRuntime, shouldRestart } from './pod-runtime.js';
import { type EnvSources, specEnvironment } from './container-env.js';
import { containerEnv, preStopMs, terminationMessage } from './container-spec.js';
import { clientVolumeReader } from './exec-source.js';
import { type ExecTarget, mainProcessTools } from './exec.js';
import { ProbeWorkers } from './probe-workers.js';
import { containerProbe } from './probes.js';
import { RestartBackoff } from './restart-backoff.js';
import type { StageDelays } from './stages.js';

export interface PodWorkerHost {
  client: ApiClient;
  clock: Clock;
  random: Random;
  delays: StageDelays;
  recorder: EventRecorder;
  /** containerd's image store on this node: canonical reference → image ID. */
  images: Map<string, string>;
  nodeAddress: string;
  getPod(key: string): Pod | undefined;
  requeue(key: string): void;
  allocateIP(): string | undefined;
  releaseIP(ip: string): void;
  /** The node's allocatable cpu and memory (resourceFieldRef of a limit a container does not set). */
  allocatable: { cpu: string; memory: string };
  /** What a process of a running container sees (files and volumes, network, DNS), for its image's tools. */
  containerTarget?(pod: Pod, container: string): ExecTarget | undefined;
}

const EPOCH = '1970-01-01T00:00:00Z';
/** How often a running container's ConfigMap and Secret volumes are read again (the kubelet's sync period). */
const VOLUME_REFRESH_MS = 60_000;

export class PodWorker {
  private readonly runtimes = new Map<string, PodRuntime>();

  private readonly probes: ProbeWorkers;

  constructor(private readonly host: PodWorkerHost) {
    this.probes = new ProbeWorkers(host, (key, c, process, exitCode, reason) => this.exited(key, c, process, exitCode, reason));
  }

  get(key: string): PodRuntime | undefined {
    return this.runtimes.get(key);
  }

  /** Drop a Pod's runtime (its processes and timers); returns it so the caller can free its IP. */
  forget(key: string): PodRuntime | undefined {
    const runtime = this.runtimes.get(key);
    if (!runtime) return undefined;
    runtime.timers.dispose();
    for (const c of allContainers(runtime)) this.endInstance(c);
    this.runtimes.delete(key);
    return runtime;
  }

  disposeAll(): void {
    for (const key of [...this.runtimes.keys()]) this.forget(key);
  }

  admit(key: string, pod: Pod): PodRuntime {
    const { clock, random, delays } = this.host;
    const hasInit = (pod.spec.initContainers ?? []).length > 0;
    const make = (init: boolean) => (spec: Pod['spec']['containers'][number]): ContainerRuntime =>
      containerRuntime(spec, init ? 'initContainers' : 'containers', init || hasInit ? 'PodInitializing' : 'ContainerCreating');
    const runtime: PodRuntime = {
      uid: pod.metadata.uid ?? '',
      startTime: rfc3339(clock.now()),
      sandboxReady: false,
      initContainers: (pod.spec.initContainers ?? []).map(make(true)),
      containers: pod.spec.containers.map(make(false)),
      ephemeralContainers: [],
      backoff: new RestartBackoff(delays.backoffInitialMs, delays.backoffMaxMs),
      terminal: false,
      stopping: false,
      stopped: false,
      deleteRequested: false,
      timers: new DisposableStore(),
      emptyDirs: new Map(),
    };
    this.runtimes.set(key, runtime);
    runtime.timers.add(
      clock.schedule(random.jitter(delays.sandboxMs, delays.jitter), () => {
        runtime.sandboxReady = true;
        // hostNetwork Pods (the control plane's static Pods) use the node's own address.
        runtime.podIP = pod.spec.hostNetwork === true ? this.host.nodeAddress : this.host.allocateIP();
        this.host.requeue(key);
      }),
    );
    return runtime;
  }

  // ---- the sync: what to start, restart or stop now -----------------------------------------------

  /** Init containers in order (sidecars started before the next), then the app containers. */
  advance(key: string, pod: Pod, runtime: PodRuntime): void {
    if (!runtime.sandboxReady || runtime.stopping || runtime.terminal) return;
    const policy = pod.spec.restartPolicy ?? 'Always';
    this.advanceEphemeral(key, pod, runtime);
    const appStarted = runtime.containers.some((c) => c.instances > 0);
    for (const c of runtime.initContainers) {
      if (c.busy) return;
      if (c.sidecar) {
        this.drive(key, pod, runtime, c, policy);
        if (c.busy || (!appStarted && !(c.started && c.phase === 'running'))) return;
        continue;
      }
      if (appStarted || (c.phase === 'terminated' && c.terminated?.exitCode === 0 && !c.runError)) continue;
      this.drive(key, pod, runtime, c, policy);
      if (c.phase === 'terminated' && !c.busy && !shouldRestart(c, policy)) this.finish(key, pod, runtime);
      return;
    }
    for (const c of runtime.containers) {
      if (c.busy) return;
      this.drive(key, pod, runtime, c, policy);
      if (c.busy) return;
    }
    if (runtime.containers.every((c) => c.phase === 'terminated' && !shouldRestart(c, policy))) this.finish(key, pod, runtime);
  }

  /**
   * Ephemeral containers added to the Pod since the last sync (pods/ephemeralcontainers) are
   * started beside the others, whatever stage the Pod is in; they are never restarted.
   */
  private advanceEphemeral(key: string, pod: Pod, runtime: PodRuntime): void {
    for (const spec of pod.spec.ephemeralContainers ?? []) {
      if (!runtime.ephemeralContainers.some((c) => c.name === spec.name)) {
        runtime.ephemeralContainers.push({ ...containerRuntime(spec, 'ephemeralContainers', 'ContainerCreating'), ephemeral: true });
      }
    }
    for (const c of runtime.ephemeralContainers) if (!c.busy) this.drive(key, pod, runtime, c, 'Never');
  }

  /** One container one step on: start it, restart it (now or after the back-off), or leave it. */
  private drive(key: string, pod: Pod, runtime: PodRuntime, c: ContainerRuntime, policy: string): void {
    const now = this.host.clock.now();
    if (c.phase === 'waiting') {
      if (c.waitingReason === 'ErrImageNeverPull') return;
      if (c.waitingReason === 'CreateContainerConfigError' && now < (c.configRetryAt ?? 0)) return;
      if (c.waitingReason === 'CrashLoopBackOff') {
        if (c.backOffSyncPending) return;
        if (runtime.backoff.isInBackOffSince(c.name, c.terminatedAt ?? now, now)) {
          this.backOff(key, pod, runtime, c);
          return;
        }
        runtime.backoff.next(c.name, now);
      }
      this.ensureImage(key, pod, runtime, c);
      return;
    }
    if (c.phase !== 'terminated' || !shouldRestart(c, policy)) return;
    if (c.killedForRestart) {
      // A container killed for a failed probe is started again in the same sync, without back-off.
      c.killedForRestart = false;
      this.ensureImage(key, pod, runtime, c);
      return;
    }
    if (!runtime.backoff.isInBackOffSince(c.name, c.terminatedAt ?? now, now)) {
      runtime.backoff.next(c.name, now);
      this.ensureImage(key, pod, runtime, c);
      return;
    }
    c.lastTerminated = c.terminated;
    c.terminated = undefined;
    c.runError = undefined;
    c.phase = 'waiting';
    c.waitingReason = 'CrashLoopBackOff';
    this.backOff(key, pod, runtime, c);
  }

  /**
   * A sync that found the container in its crash-loop back-off: the `BackOff` Event (once per sync,
   * so kubectl shows it counting up), and the pod worker's retry after its own back-off of 10–15 s
   * (workerBackOffPeriod with jitter) — the restart happens at the first such sync after expiry.
   */
  private backOff(key: string, pod: Pod, runtime: PodRuntime, c: ContainerRuntime): void {
    const { clock, random, delays, recorder } = this.host;
    const podRef = `${pod.metadata.name ?? ''}_${pod.metadata.namespace ?? ''}(${runtime.uid})`;
    c.waitingMessage = `back-off ${formatGoDuration(runtime.backoff.get(c.name))} restarting failed container=${c.name} pod=${podRef}`;
    recorder.event(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${podRef}`, c.fieldPath);
    c.backOffSyncPending = true;
    runtime.timers.add(
      clock.schedule(random.jitter(delays.backoffResyncMs, delays.jitter), () => {
        c.backOffSyncPending = false;
        this.host.requeue(key);
      }),
    );
  }

  /** The Pod is done (Succeeded or Failed): stop its sidecars and probes, tear down the sandbox. */
  private finish(key: string, pod: Pod, runtime: PodRuntime): void {
    runtime.terminal = true;
    runtime.timers.dispose();
    runtime.timers = new DisposableStore();
    for (const c of runtime.initContainers) {
      if (!c.sidecar || c.phase !== 'running') continue;
      this.host.recorder.event(pod, 'Normal', 'Killing', `Stopping container ${c.name}`, c.fieldPath);
      this.endInstance(c);
      c.phase = 'terminated';
      c.terminated = this.terminatedState(c, 0, 'Completed');
    }
    for (const c of allContainers(runtime)) c.instanceTimers?.dispose();
    if (runtime.podIP && runtime.podIP !== this.host.nodeAddress && !runtime.ipReleased) {
      runtime.ipReleased = true;
      this.host.releaseIP(runtime.podIP);
    }
    this.host.requeue(key);
  }

  // ---- image, create, start -----------------------------------------------------------------------

  private ensureImage(key: string, pod: Pod, runtime: PodRuntime, c: ContainerRuntime): void {
    const present = this.host.images.get(c.image.canonical);
    const policy = c.spec.imagePullPolicy ?? 'IfNotPresent';
    if (present && policy !== 'Always') {
      this.host.recorder.event(pod, 'Normal', 'Pulled', `Container image "${c.image.original}" already present on machine`, c.fieldPath);
      c.imageID = present;
      this.create(key, pod, runtime, c);
      return;
    }
    if (policy === 'Never') {
      c.phase = 'waiting';
      c.waitingReason = 'ErrImageNeverPull';
      c.waitingMessage = `Container image "${c.image.original}" is not present with pull policy of Never`;
      this.host.recorder.event(pod, 'Warning', 'ErrImageNeverPull', c.waitingMessage, c.fieldPath);
      return;
    }
    this.pull(key, pod, runtime, c);
  }

  private pull(key: string, pod: Pod, runtime: PodRuntime, c: ContainerRuntime): void {
    const { clock, random, delays, recorder } = this.host;
    const image = c.image;
    c.phase = 'pulling';
    c.busy = true;
    recorder.event(pod, 'Normal', 'Pulling', `Pulling image "${image.original}"`, c.fieldPath);
    const found = lookupImage(image);
    const duration = found.found
      ? random.jitter(delays.pullBaseMs + (found.sizeBytes / delays.pullBytesPerSecond) * 1000, delays.jitter)
      : random.jitter(delays.pullBaseMs * 2, delays.jitter);
    runtime.timers.add(
      clock.schedule(duration, () => {
        c.busy = false;
        const current = this.host.getPod(key) ?? pod;
        if (!found.found) {
          this.pullFailed(key, current, runtime, c, pullErrorMessage(image, found.reason));
          return;
        }
        const seconds = formatGoDuration(Math.round(duration));
        recorder.event(
          current,
          'Normal',
          'Pulled',
          `Successfully pulled image "${image.original}" in ${seconds} (${seconds} including waiting). Image size: ${found.sizeBytes} bytes.`,
          c.fieldPath,
        );
        const imageID = `${image.repository}@${found.digest}`;
        this.host.images.set(image.canonical, imageID);
        c.imageID = imageID;
        c.pullBackoffMs = undefined;
        this.create(key, current, runtime, c);
      }),
    );
  }

  /** ErrImagePull now, then ImagePullBackOff with a doubling back-off before the next try. */
  private pullFailed(key: string, pod: Pod, runtime: PodRuntime, c: ContainerRuntime, message: string): void {
    const { clock, random, delays, recorder } = this.host;
    recorder.event(pod, 'Warning', 'Failed', `Failed to pull image "${c.image.original}": ${message}`, c.fieldPath);
    recorder.event(pod, 'Warning', 'Failed', 'Error: ErrImagePull', c.fieldPath);
    c.phase = 'waiting';
    c.waitingReason = 'ErrImagePull';
    c.waitingMessage = message;
    c.busy = true;
    const backoff = c.pullBackoffMs ?? delays.backoffInitialMs;
    c.pullBackoffMs = Math.min(delays.backoffMaxMs, backoff * 2);
    this.host.requeue(key);
    // The pod worker's next sync after the failure reports the back-off; until then
    // `kubectl get pods` shows ErrImagePull.
    runtime.timers.add(
      clock.schedule(random.jitter(delays.pullErrorResyncMs, delays.jitter), () => {
        c.waitingReason = 'ImagePullBackOff';
        c.waitingMessage = `Back-off pulling image "${c.image.original}"`;
        const current = this.host.getPod(key) ?? pod;
        recorder.event(current, 'Normal', 'BackOff', c.waitingMessage, c.fieldPath);
        recorder.event(current, 'Warning', 'Failed', 'Error: ImagePullBackOff', c.fieldPath);
        this.host.requeue(key);
      }),
    );
    runtime.timers.add(
      clock.schedule(backoff, () => {
        c.busy = false;
        const current = this.host.getPod(key);
        if (current && !current.metadata.deletionTimestamp) this.pull(key, current, runtime, c);
      }),
    );
  }

  private create(key: string, pod: Pod, runtime: PodRuntime, c: ContainerRuntime): void {
    const { clock, random, delays, recorder } = this.host;
    // generateContainerConfig: the environment from ConfigMaps, Secrets and the Pod's fields.
    const env = specEnvironment(pod, c.spec, this.envSources(runtime));
    if (!env.ok) {
      this.configFailed(key, pod, c, env.message);
      return;
    }
    for (const warning of env.warnings) recorder.event(pod, 'Warning', 'InvalidEnvironmentVariableNames', warning);
    c.specEnv = env.env;
    c.configRetryAt = undefined;
    c.phase = 'creating';
    c.busy = true;
    const createMs = random.jitter(delays.createMs, delays.jitter);
    const startMs = random.jitter(delays.startMs, delays.jitter);
    runtime.timers.add(
      clock.schedule(createMs, () => {
        c.containerID = `containerd://${random.string(64, '0123456789abcdef')}`;
        recorder.event(this.host.getPod(key) ?? pod, 'Normal', 'Created', `Created container: ${c.name}`, c.fieldPath);
        runtime.timers.add(
          clock.schedule(startMs, () => {
            c.busy = false;
            this.start(key, this.host.getPod(key) ?? pod, runtime, c);
            this.host.requeue(key);
          }),
        );
      }),
    );
  }

  /**
   * The container's files as its process reads them (nginx serving its docroot): the image's and
   * the volumes', read again at most once a minute — the kubelet refreshes ConfigMap and Secret
   * volumes on its sync, so an edited ConfigMap reaches the files within about a minute.
   */
  private containerFiles(key: string, pod: Pod, c: ContainerRuntime): () => ReadonlyMap<string, string> | undefined {
    let files: ReadonlyMap<string, string> | undefined;
    let readAt = -Infinity;
    return () => {
      const now = this.host.clock.now();
      if (!files || now - readAt >= VOLUME_REFRESH_MS) {
        files = this.host.containerTarget?.(this.host.getPod(key) ?? pod, c.name)?.fs.files;
        readAt = now;
      }
      return files;
    };
  }

  /** What the container's environment is read from: the kubelet's client (its node identity may read the Pod's objects). */
  private envSources(runtime: PodRuntime): EnvSources {
    const { configMap, secret } = clientVolumeReader(this.host.client);
    return {
      configMap,
      secret,
      podIP: runtime.podIP,
      hostIP: this.host.nodeAddress,
      allocatable: this.host.allocatable,
    };
  }

  /**
   * CreateContainerConfigError: the container is not created; the pod worker tries again after its
   * back-off (10–15 s), pulling nothing but checking the image again, as the kubelet's events show.
   */
  private configFailed(key: string, pod: Pod, c: ContainerRuntime, message: string): void {
    const { clock, random, delays, recorder } = this.host;
    recorder.event(pod, 'Warning', 'Failed', `Error: ${message}`, c.fieldPath);
    c.phase = 'waiting';
    c.waitingReason = 'CreateContainerConfigError';
    c.waitingMessage = message;
    const retry = random.jitter(delays.backoffResyncMs, delays.jitter);
    c.configRetryAt = clock.now() + retry;
    this.host.requeue(key);
    this.runtimes.get(key)?.timers.add(clock.schedule(retry, () => this.host.requeue(key)));
  }

  /** runc starts the process — or fails to, when the executable is not in the image. */
  private start(key: string, pod: Pod, runtime: PodRuntime, c: ContainerRuntime): void {
    const { clock, recorder } = this.host;
    const found = lookupImage(c.image);
    const resolved = resolveProgram(c.image, found.found ? found.image : undefined, c.spec, c.specEnv);
    if (c.instances > 0) c.restartCount++;
    c.instances++;
    c.logs.previous = c.logs.current;
    c.logs.current = new InstanceLog();
    if (!resolved.ok) {
      recorder.event(pod, 'Warning', 'Failed', `Error: ${resolved.message}`, c.fieldPath);
      if (c.terminated) c.lastTerminated = c.terminated;
      c.phase = 'terminated';
      c.terminated = { containerID: c.containerID, exitCode: 128, finishedAt: rfc3339(clock.now()), message: resolved.message, reason: 'StartError', startedAt: EPOCH };
      c.terminatedAt = clock.now();
      c.runError = resolved.message;
      this.afterExit(key, c);
      return;
    }
    if (c.terminated) c.lastTerminated = c.terminated;
    c.terminated = undefined;
    c.runError = undefined;
    c.waitingMessage = undefined;
    c.phase = 'running';
    c.startedAt = rfc3339(clock.now());
    const startup = containerProbe(c.spec, 'startup');
    c.started = !startup;
    c.ready = c.started && !containerProbe(c.spec, 'readiness');
    recorder.event(pod, 'Normal', 'Started', `Started container ${c.name}`, c.fieldPath);
    const timers = new DisposableStore();
    c.instanceTimers = timers;
    const userland = found.found ? found.image.userland : 'none';
    const host = this.host;
    const process = new ContainerProcess(resolved.program, {
      clock,
      userland,
      env: () => containerEnv(pod, c),
      podIP: runtime.podIP,
      // The container's view is built only when the process runs one of its image's tools.
      tools: host.containerTarget && mainProcessTools(userland, c.image, () => host.containerTarget?.(host.getPod(key) ?? pod, c.name)),
      containerFiles: host.containerTarget && this.containerFiles(key, pod, c),
      files: () => new ContainerFiles(emptyDirMounts(pod, c.spec, runtime.emptyDirs)),
      log: c.logs.current,
      onExit: (code) => this.exited(key, c, process, code, code === 0 ? 'Completed' : 'Error'),
    });
    c.process = process;
    const limit = parseQuantity(c.spec.resources?.limits?.memory);
    if (limit !== undefined && limit < resolved.program.memoryBytes) {
      // The process grows past its cgroup's memory.max while starting and the kernel kills it.
      timers.add(clock.schedule(this.host.delays.oomKillMs, () => this.exited(key, c, process, 137, 'OOMKilled')));
    }
    this.probes.start(key, runtime, c);
    process.start();
  }

  private terminatedState(c: ContainerRuntime, exitCode: number, reason: string): NonNullable<ContainerRuntime['terminated']> {
    return { containerID: c.containerID, exitCode, finishedAt: rfc3339(this.host.clock.now()), reason, startedAt: c.startedAt };
  }

  /** The process of `c`'s current instance ended (exit, kill, OOM). */
  private exited(key: string, c: ContainerRuntime, process: ContainerProcess, exitCode: number, reason: string): void {
    if (c.process !== process || c.phase !== 'running') return;
    const message = terminationMessage(c.spec, process, exitCode);
    this.endInstance(c);
    c.phase = 'terminated';
    c.terminated = this.terminatedState(c, exitCode, reason);
    if (message) c.terminated = { ...c.terminated, message };
    c.terminatedAt = this.host.clock.now();
    this.afterExit(key, c);
  }

  /** Report the exit now; the pod worker decides about a restart at its next sync (PLEG relist). */
  private afterExit(key: string, c: ContainerRuntime): void {
    c.ready = false;
    c.started = false;
    c.busy = true;
    this.host.requeue(key);
    const runtime = this.runtimes.get(key);
    runtime?.timers.add(
      this.host.clock.schedule(this.host.random.jitter(this.host.delays.restartSyncMs, this.host.delays.jitter), () => {
        c.busy = false;
        this.host.requeue(key);
      }),
    );
  }

  private endInstance(c: ContainerRuntime): void {
    c.process?.kill();
    c.process = undefined;
    c.instanceTimers?.dispose();
    c.instanceTimers = undefined;
  }

  // ---- graceful stop --------------------------------------------------------------------------------

  /** Graceful termination: SIGTERM each running container; servers exit promptly with status 0. */
  stop(key: string, pod: Pod, runtime: PodRuntime): void {
    if (runtime.stopping) return;
    runtime.stopping = true;
    runtime.timers.dispose();
    runtime.timers = new DisposableStore();
    const running = allContainers(runtime).filter((c) => c.phase === 'running');
    for (const c of running) this.host.recorder.event(pod, 'Normal', 'Killing', `Stopping container ${c.name}`, c.fieldPath);
    for (const c of allContainers(runtime)) c.instanceTimers?.dispose();
    const finish = (): void => {
      for (const c of allContainers(runtime)) {
        if (c.phase === 'running') {
          this.endInstance(c);
          c.phase = 'terminated';
          c.terminated = this.terminatedState(c, 0, 'Completed');
        }
        c.busy = false;
      }
      runtime.stopped = true;
      this.host.requeue(key);
    };
    if (running.length === 0) {
      finish();
      return;
    }
    const { random, delays, clock } = this.host;
    // preStop hooks run before SIGTERM, all within the grace period.
    const graceMs = (pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30) * 1000;
    const hookMs = Math.max(0, ...running.map((c) => preStopMs(c.spec)));
    runtime.timers.add(clock.schedule(Math.min(graceMs, hookMs + random.jitter(delays.stopMs, delays.jitter)), finish));
  }

  // ---- status and logs -----------------------------------------------------------------------------

  writeStatus(pod: Pod, runtime: PodRuntime): void {
    const status = computePodStatus(pod, runtime, this.host.clock.now(), this.host.nodeAddress);
    if (canonicalJson(status) === canonicalJson(pod.status ?? {})) return;
    const result = this.host.client.updateStatus(PODS, pod.metadata.namespace, { ...pod, status });
    if (!result.ok && result.status.code === 409) {
      const key = objectKey(pod);
      runtime.timers.add(this.host.clock.schedule(100, () => this.host.requeue(key)));
    }
  }

  readLog(pod: Pod, container: string, instance: 'current' | 'previous'): readonly LogLine[] | undefined {
    const runtime = this.runtimes.get(objectKey(pod));
    if (!runtime || runtime.uid !== pod.metadata.uid) return undefined;
    const c = allContainers(runtime).find((x) => x.name === container);
    return c?.logs[instance]?.read();
  }
}

/** The kubelet's view of a container it has yet to start. */
function containerRuntime(spec: Container, list: 'initContainers' | 'containers' | 'ephemeralContainers', waitingReason: string): ContainerRuntime {
  const init = list === 'initContainers';
  return {
    name: spec.name,
    spec,
    fieldPath: `spec.${list}{${spec.name}}`,
    init,
    sidecar: init && spec.restartPolicy === 'Always',
    image: parseImage(spec.image ?? ''),
    phase: 'waiting',
    // kubelet: containers of a Pod with init containers wait as PodInitializing.
    waitingReason,
    restartCount: 0,
    instances: 0,
    started: false,
    ready: false,
    busy: false,
    logs: {},
  };
}
