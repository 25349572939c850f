/**
 * The kubelet's own log (what `journalctl -u kubelet` shows) for the Pod troubles it reports as
 * Warning Events: the klog lines kubelet 1.32 writes beside them — `"PullImage from image service
 * failed"`, `"Error syncing pod, skipping"` with the StartContainer error (ErrImagePull,
 * ImagePullBackOff, CrashLoopBackOff, RunContainerError) and `"Probe failed"`. The node's OS
 * decides where the lines go (setLog); without one the recorder only records Events.
 */
import type { KubeObject } from '../../../shared/api/meta.js';
import { EventRecorder } from '../client/event-recorder.js';

export type KubeletLog = (severity: 'I' | 'W' | 'E', source: string, message: string) => void;

/** Go's %q for a structured log value. */
function q(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

function containerOf(fieldPath: string | undefined): string | undefined {
  return /\{(.+)\}$/.exec(fieldPath ?? '')?.[1];
}

export class JournalingRecorder extends EventRecorder {
  private log: KubeletLog | undefined;
  /** The last pull error per Pod uid and container, quoted again in the sync error. */
  private readonly pullErrors = new Map<string, string>();
  /** The container's waiting message now (the back-off text), looked up in the kubelet's runtime. */
  waitingMessage: (object: KubeObject, container: string) => string | undefined = () => undefined;

  setLog(log: KubeletLog | undefined): void {
    this.log = log;
  }

  override event(object: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
    super.event(object, type, reason, message, fieldPath);
    if (type === 'Warning' && this.log) this.journal(this.log, object, reason, message, fieldPath);
  }

  private journal(log: KubeletLog, object: KubeObject, reason: string, message: string, fieldPath: string | undefined): void {
    const container = containerOf(fieldPath);
    if (object.kind !== 'Pod' || container === undefined) return;
    const uid = object.metadata.uid ?? '';
    const podRef = `pod="${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}" podUID=${q(uid)}`;
    const syncError = (why: string, detail: string): void =>
      log('E', 'pod_workers.go:1301', `"Error syncing pod, skipping" err=${q(`failed to "StartContainer" for "${container}" with ${why}: ${q(detail)}`)} ${podRef}`);
    const pull = /^Failed to pull image "(.*?)": (.*)$/s.exec(message);
    if (reason === 'Failed' && pull) {
      this.pullErrors.set(`${uid}/${container}`, pull[2]!);
      log('E', 'log.go:32', `"PullImage from image service failed" err=${q(pull[2]!)} image=${q(pull[1]!)}`);
      return;
    }
    if (reason === 'Failed' && message === 'Error: ErrImagePull') {
      syncError('ErrImagePull', this.pullErrors.get(`${uid}/${container}`) ?? '');
      return;
    }
    if (reason === 'Failed' && message === 'Error: ImagePullBackOff') {
      syncError('ImagePullBackOff', this.waitingMessage(object, container) ?? 'Back-off pulling image');
      return;
    }
    if (reason === 'Failed' && message.startsWith('Error: ')) {
      syncError('RunContainerError', message.slice('Error: '.length));
      return;
    }
    if (reason === 'BackOff') {
      syncError('CrashLoopBackOff', this.waitingMessage(object, container) ?? message);
      return;
    }
    const probe = /^(Liveness|Readiness|Startup) probe failed: (.*)$/s.exec(message);
    if (reason === 'Unhealthy' && probe) {
      log('I', 'prober.go:107', `"Probe failed" probeType=${q(probe[1]!)} ${podRef} containerName=${q(container)} probeResult="failure" output=${q(probe[2]!)}`);
    }
  }
}
