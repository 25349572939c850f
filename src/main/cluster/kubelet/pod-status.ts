/**
 * The Pod status the kubelet reports (generateAPIPodStatus): container and init-container
 * statuses from the runtime view, the phase by the kubelet's getPhase rules, and the
 * PodReadyToStartContainers / Initialized / Ready / ContainersReady conditions with their reasons.
 */
import type { ContainerStatus, Pod, PodCondition, PodStatus } from '../../../shared/api/core.js';
import { rfc3339 } from '../../base/duration.js';
import { type ContainerRuntime, type PodRuntime, shouldRestart } from './pod-runtime.js';

/**
 * A container whose start failed is Waiting with RunContainerError only while it will be started
 * again (convertToAPIContainerStatuses); under restartPolicy Never it stays Terminated (StartError).
 */
function containerState(c: ContainerRuntime, policy: string): ContainerStatus['state'] {
  if (c.phase === 'running') return { running: { startedAt: c.startedAt } };
  if (c.runError && shouldRestart(c, policy)) return { waiting: { reason: 'RunContainerError', message: c.runError } };
  if (c.terminated) return { terminated: { ...c.terminated } };
  return { waiting: { reason: c.waitingReason, ...(c.waitingMessage ? { message: c.waitingMessage } : {}) } };
}

function containerStatus(c: ContainerRuntime, runtime: PodRuntime, policy: string): ContainerStatus {
  const running = c.phase === 'running';
  const restarting = c.runError !== undefined && shouldRestart(c, policy);
  const status: ContainerStatus = {
    containerID: c.containerID,
    image: c.imageID ? c.image.canonical : (c.spec.image ?? ''),
    imageID: c.imageID ?? '',
    // A failed start is shown as RunContainerError with the StartError instance as the last state.
    lastState: restarting && c.terminated ? { terminated: { ...c.terminated } } : c.lastTerminated ? { terminated: { ...c.lastTerminated } } : {},
    name: c.name,
    // The prober manager marks a regular init container that exited 0 as ready.
    // The prober reports neither readiness nor start for ephemeral containers.
    ready: c.ephemeral ? false : c.init && !c.sidecar ? c.phase === 'terminated' && c.terminated?.exitCode === 0 && !c.runError : running && c.ready && !runtime.stopping,
    restartCount: c.restartCount,
    started: running && c.started,
    state: containerState(c, policy),
    volumeMounts: (c.spec.volumeMounts ?? []).map((m) => ({
      mountPath: m.mountPath,
      name: m.name,
      ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
    })),
  };
  if (!c.containerID) delete status.containerID;
  if (c.ephemeral) delete status.started;
  if (status.volumeMounts?.length === 0) delete status.volumeMounts;
  return status;
}

/** Init containers are done: regular ones exited 0, sidecars have started. */
export function incompleteInitContainers(runtime: PodRuntime): string[] {
  return runtime.initContainers
    .filter((c) => (c.sidecar ? !(c.started && c.instances > 0) : !(c.terminated?.exitCode === 0 && c.phase === 'terminated')))
    .map((c) => c.name);
}

/** The kubelet's getPhase. */
export function podPhase(pod: Pod, runtime: PodRuntime, statuses: ContainerStatus[], initStatuses: ContainerStatus[]): NonNullable<PodStatus['phase']> {
  const restartPolicy = pod.spec.restartPolicy ?? 'Always';
  let pendingInitialization = 0;
  let failedInitialization = 0;
  for (const c of runtime.initContainers) {
    const s = initStatuses.find((x) => x.name === c.name)!;
    if (c.sidecar) {
      if (!(s.state.running && s.started)) pendingInitialization++;
      continue;
    }
    if (s.state.running) pendingInitialization++;
    else if (s.state.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInitialization++;
    } else if (s.lastState.terminated) {
      if (s.lastState.terminated.exitCode !== 0) failedInitialization++;
    } else pendingInitialization++;
  }
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const s of statuses) {
    if (s.state.running) running++;
    else if (s.state.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.lastState.terminated) stopped++;
    else waiting++;
  }
  if (failedInitialization > 0 && restartPolicy === 'Never') return 'Failed';
  const anyStarted = runtime.containers.some((c) => c.instances > 0);
  if ((pendingInitialization > 0 && !anyStarted) || waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (runtime.terminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

export function computePodStatus(pod: Pod, runtime: PodRuntime, nowMs: number, hostIP: string): PodStatus {
  const now = rfc3339(nowMs);
  const previous = pod.status ?? {};
  const policy = pod.spec.restartPolicy ?? 'Always';
  const byName = (a: ContainerStatus, b: ContainerStatus): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const containerStatuses = runtime.containers.map((c) => containerStatus(c, runtime, policy)).sort(byName);
  // Init container statuses stay in spec order (kubectl's Init:N/M counts on it).
  const initContainerStatuses = runtime.initContainers.map((c) => containerStatus(c, runtime, policy));
  const phase = podPhase(pod, runtime, containerStatuses, initContainerStatuses);
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const incomplete = incompleteInitContainers(runtime);
  const initialized = incomplete.length === 0 || runtime.containers.some((c) => c.instances > 0);
  const readyScope = [...runtime.initContainers.filter((c) => c.sidecar), ...runtime.containers];
  const statusOf = (c: ContainerRuntime): ContainerStatus | undefined =>
    (c.init ? initContainerStatuses : containerStatuses).find((s) => s.name === c.name);
  const unready = readyScope.filter((c) => !statusOf(c)?.ready).map((c) => c.name);
  const allReady = unready.length === 0 && !terminal;
  const condition = (type: string, ok: boolean, reason?: string, message?: string): PodCondition => {
    const before = previous.conditions?.find((c) => c.type === type);
    const statusText = ok ? 'True' : 'False';
    return {
      lastProbeTime: null,
      lastTransitionTime: before && before.status === statusText ? (before.lastTransitionTime ?? now) : now,
      ...(reason && !ok ? { ...(message ? { message } : {}), reason } : {}),
      status: statusText,
      type,
    };
  };
  const notReadyReason = terminal ? 'PodCompleted' : 'ContainersNotReady';
  const notReadyMessage = terminal ? undefined : `containers with unready status: [${unready.join(' ')}]`;
  const scheduled = previous.conditions?.find((c) => c.type === 'PodScheduled');
  const conditions: PodCondition[] = [
    condition('PodReadyToStartContainers', runtime.sandboxReady && !runtime.stopped && !runtime.terminal),
    condition('Initialized', initialized, 'ContainersNotInitialized', `containers with incomplete status: [${incomplete.join(' ')}]`),
    condition('Ready', allReady, notReadyReason, notReadyMessage),
    condition('ContainersReady', allReady, notReadyReason, notReadyMessage),
    scheduled ?? { lastProbeTime: null, lastTransitionTime: now, status: 'True', type: 'PodScheduled' },
  ];
  const status: PodStatus = {
    conditions,
    containerStatuses,
    hostIP,
    hostIPs: [{ ip: hostIP }],
    ...(initContainerStatuses.length > 0 ? { initContainerStatuses } : {}),
    ...(runtime.ephemeralContainers.length > 0 ? { ephemeralContainerStatuses: runtime.ephemeralContainers.map((c) => containerStatus(c, runtime, policy)) } : {}),
    phase,
    qosClass: previous.qosClass,
    startTime: runtime.startTime,
  };
  if (runtime.podIP) {
    status.podIP = runtime.podIP;
    status.podIPs = [{ ip: runtime.podIP }];
  }
  return status;
}
