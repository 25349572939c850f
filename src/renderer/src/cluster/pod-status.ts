/**
 * How the cluster view colours a Pod: kubectl's STATUS column (`Running`, `ContainerCreating`,
 * `ErrImagePull`, `Init:0/1`, `Terminating` …) reduced to a few tones a learner can read at a glance.
 */
export type PodTone = 'running' | 'pending' | 'error' | 'terminating' | 'done';

export const POD_TONES: readonly PodTone[] = ['running', 'pending', 'error', 'terminating', 'done'];

const ERROR_STATUSES = new Set([
  'Error',
  'Failed',
  'Unknown',
  'NodeLost',
  'Evicted',
  'OOMKilled',
  'ContainerCannotRun',
  'DeadlineExceeded',
  'ContainerStatusUnknown',
  'InvalidImageName',
  'ErrImageNeverPull',
  'RegistryUnavailable',
  'UnexpectedAdmissionError',
]);

const PENDING_STATUSES = new Set(['Pending', 'ContainerCreating', 'PodInitializing', 'NotReady', 'SchedulingGated']);

export function podTone(status: string): PodTone {
  if (status === 'Running') return 'running';
  if (status === 'Terminating') return 'terminating';
  if (status === 'Completed' || status === 'Succeeded') return 'done';
  // `Init:ErrImagePull`, `Init:CrashLoopBackOff`, `Init:Error` are errors; `Init:0/2` is starting.
  const reason = status.startsWith('Init:') ? status.slice('Init:'.length) : status;
  if (ERROR_STATUSES.has(reason) || /^Err|(Error|BackOff|Failed)$/.test(reason) || reason.startsWith('Signal:') || reason.startsWith('ExitCode:')) return 'error';
  if (PENDING_STATUSES.has(reason) || status.startsWith('Init:')) return 'pending';
  return 'pending';
}

export type NodeTone = 'ready' | 'not-ready';

/** `Ready`, `Ready,SchedulingDisabled` → ready; `NotReady`, `Unknown` → not ready. */
export function nodeTone(status: string): NodeTone {
  return status.split(',')[0] === 'Ready' ? 'ready' : 'not-ready';
}

export function isCordoned(status: string): boolean {
  return status.split(',').includes('SchedulingDisabled');
}

/** READY `1/2`: all containers ready? */
export function isPodReady(ready: string): boolean {
  const [have, want] = ready.split('/');
  return have !== undefined && have === want;
}

/** `node-role.kubernetes.io/control-plane:NoSchedule` → key (with `=value`) and effect. */
export function splitTaint(taint: string): { key: string; effect: string } {
  const index = taint.lastIndexOf(':');
  return index < 0 ? { key: taint, effect: '' } : { key: taint.slice(0, index), effect: taint.slice(index + 1) };
}
