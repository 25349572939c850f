/**
 * The kubelet of one simulated node: registers its Node, renews its Lease and reports node status
 * (the heartbeats), and runs the Pods bound to it through data-driven stages — sandbox, image pull,
 * create, start, and graceful stop — reporting every step as Pod status and Events through the API
 * server. It reads and writes the cluster only through its client.
 */
import type { ContainerStatus, Lease, Node, Pod, PodCondition, PodStatus } from '../../../shared/api/core.js';
import { type Disposable, DisposableStore } from '../../../shared/lifecycle.js';
import type { Clock } from '../../base/clock.js';
import { formatGoDuration, rfc3339, rfc3339Micro } from '../../base/duration.js';
import type { Random } from '../../base/random.js';
import type { ApiClient } from '../client/api-client.js';
import { EventRecorder } from '../client/event-recorder.js';
import { Informer, objectKey } from '../client/informer.js';
import { LEASES, NODES, PODS } from '../client/resources.js';
import { WorkQueue } from '../client/work-queue.js';
import { canonicalJson } from '../../base/canonical-json.js';
import { type ImageReference, lookupImage, parseImage, pullErrorMessage } from './image-catalog.js';
import { type NodeMachine, nodeConditions, nodeStatusBody, registrationNode } from './node-status.js';
import { DEFAULT_STAGE_DELAYS, type StageDelays } from './stages.js';
import { type ManifestFile, mirrorPod } from './static-pods.js';

/** kubelet's --file-check-frequency: how often the static Pod directory is re-read. */
const FILE_CHECK_MS = 20_000;
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

type ContainerPhase = 'waiting' | 'pulling' | 'creating' | 'running' | 'terminated';

interface ContainerRuntime {
  name: string;
  image: ImageReference;
  phase: ContainerPhase;
  waitingReason: string;
  waitingMessage?: string;
  containerID?: string;
  imageID?: string;
  startedAt?: string;
  finishedAt?: string;
  exitCode?: number;
  terminatedReason?: string;
  pullBackoffMs?: number;
  /** A stage timer is pending for this container. */
  busy: boolean;
}

interface PodRuntime {
  uid: string;
  startTime: string;
  sandboxReady: boolean;
  podIP?: string;
  containers: ContainerRuntime[];
  stopping: boolean;
  stopped: boolean;
  deleteRequested: boolean;
  timers: DisposableStore;
}

export interface KubeletOptions {
  client: ApiClient;
  clock: Clock;
  random: Random;
  machine: NodeMachine;
  delays?: StageDelays;
  /** Images already in the node's containerd store (kubeadm pre-pulls the control-plane images). */
  preloadedImages?: string[];
  /** The files in the node's static Pod directory (`/etc/kubernetes/manifests`), read on each check. */
  staticPodManifests?: () => ManifestFile[];
}

export class Kubelet implements Disposable {
  private readonly disposables = new DisposableStore();
  private heartbeat = new DisposableStore();
  private readonly client: ApiClient;
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly machine: NodeMachine;
  private readonly delays: StageDelays;
  private readonly pods: Informer<Pod>;
  private readonly queue: WorkQueue;
  private readonly recorder: EventRecorder;
  private readonly runtimes = new Map<string, PodRuntime>();
  /** containerd's image store on this node: canonical reference → image ID. */
  private readonly images = new Map<string, string>();
  private readonly usedIPs = new Set<string>();
  private readonly readStaticManifests: () => ManifestFile[];
  /** Static Pods from the manifest directory, by mirror Pod key, as last read. */
  private staticPods = new Map<string, Pod>();
  private podCIDR: string | undefined;
  private lastStatusReport = 0;
  private lastReportedStatus = '';
  private running = false;

  constructor(options: KubeletOptions) {
    this.client = options.client;
    this.clock = options.clock;
    this.random = options.random;
    this.machine = options.machine;
    this.delays = options.delays ?? DEFAULT_STAGE_DELAYS;
    this.readStaticManifests = options.staticPodManifests ?? (() => []);
    for (const image of options.preloadedImages ?? []) {
      const ref = parseImage(image);
      const found = lookupImage(ref);
      if (found.found) this.images.set(ref.canonical, `${ref.repository}@${found.digest}`);
    }
    this.pods = this.disposables.add(
      new Informer<Pod>(this.client, PODS, { query: { fieldSelector: `spec.nodeName=${options.machine.name}` } }),
    );
    this.queue = this.disposables.add(new WorkQueue(this.clock, (key) => this.syncPod(key)));
    this.recorder = new EventRecorder(this.client, this.clock, { component: 'kubelet', host: options.machine.name });
    this.disposables.add(this.pods.onDidChange((change) => this.queue.add(objectKey(change.object))));
  }

  get nodeName(): string {
    return this.machine.name;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Register the node (or take it over), start heartbeats and sync the node's Pods. */
  start(): void {
    if (this.heartbeat.isDisposed) this.heartbeat = new DisposableStore();
    this.running = true;
    this.registerNode();
    this.renewLease();
    this.pods.start();
    this.checkStaticPods();
  }

  // ---- static Pods --------------------------------------------------------------------------------

  /** Read the manifest directory; mirror new static Pods, retire those whose file is gone. */
  private checkStaticPods(): void {
    if (!this.running) return;
    const node = this.client.get<Node>(NODES, undefined, this.machine.name);
    const uid = node.ok ? (node.value.metadata.uid ?? '') : '';
    const wanted = new Map<string, Pod>();
    for (const file of this.readStaticManifests()) {
      const pod = mirrorPod(file, { name: this.machine.name, uid }, this.clock.now());
      if (pod) wanted.set(objectKey(pod), pod);
    }
    const previous = this.staticPods;
    this.staticPods = wanted;
    for (const [key, pod] of wanted) {
      const existing = this.pods.get(key);
      const changed = previous.get(key)?.metadata.annotations?.[MIRROR_ANNOTATION] !== pod.metadata.annotations?.[MIRROR_ANNOTATION];
      if (!existing) this.client.create(PODS, pod.metadata.namespace, pod);
      else if (changed && existing.metadata.annotations?.[MIRROR_ANNOTATION] !== pod.metadata.annotations?.[MIRROR_ANNOTATION]) {
        // A changed manifest replaces the static Pod: stop the old one; its mirror is recreated after.
        this.client.delete(PODS, existing.metadata.namespace, existing.metadata.name ?? '', {});
      }
    }
    for (const key of previous.keys()) {
      const existing = this.pods.get(key);
      if (!wanted.has(key) && existing) this.client.delete(PODS, existing.metadata.namespace, existing.metadata.name ?? '', {});
    }
    this.heartbeat.add(this.clock.schedule(FILE_CHECK_MS, () => this.checkStaticPods(), { background: true }));
  }

  // ---- node registration and heartbeats ----------------------------------------------------------

  private registerNode(): void {
    const name = this.machine.name;
    const existing = this.client.get<Node>(NODES, undefined, name);
    let node: Node;
    if (existing.ok) {
      node = existing.value;
    } else {
      const created = this.client.create<Node>(NODES, undefined, registrationNode(this.machine));
      if (!created.ok) return;
      node = created.value;
    }
    const nodeRef: Node = { ...node, metadata: { ...node.metadata, uid: name } };
    this.recorder.event(nodeRef, 'Normal', 'Starting', 'Starting kubelet.');
    this.recorder.event(nodeRef, 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    for (const condition of ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID']) {
      this.recorder.event(nodeRef, 'Normal', condition, `Node ${name} status is now: ${condition}`);
    }
    this.reportNodeStatus(true);
    this.recorder.event(nodeRef, 'Normal', 'NodeReady', `Node ${name} status is now: NodeReady`);
    this.heartbeat.add(this.clock.schedule(this.delays.nodeStatusUpdateMs, () => this.statusLoop(), { background: true }));
  }

  private statusLoop(): void {
    if (!this.running) return;
    this.reportNodeStatus(false);
    this.heartbeat.add(this.clock.schedule(this.delays.nodeStatusUpdateMs, () => this.statusLoop(), { background: true }));
  }

  /** Post node status when it changed or nodeStatusReportFrequency passed (kubelet's rule). */
  private reportNodeStatus(force: boolean): void {
    const current = this.client.get<Node>(NODES, undefined, this.machine.name);
    if (!current.ok) return;
    const node = current.value;
    this.podCIDR = node.spec.podCIDR;
    const body = nodeStatusBody(this.machine);
    const fingerprint = canonicalJson(body);
    const due = this.clock.now() - this.lastStatusReport >= this.delays.nodeStatusReportMs;
    if (!force && !due && fingerprint === this.lastReportedStatus) return;
    const nowText = rfc3339(this.clock.now());
    const updated: Node = {
      ...node,
      status: { ...node.status, ...body, conditions: nodeConditions(node.status?.conditions, nowText, true) },
    };
    if (this.client.updateStatus(NODES, undefined, updated).ok) {
      this.lastStatusReport = this.clock.now();
      this.lastReportedStatus = fingerprint;
    }
  }

  private renewLease(): void {
    if (!this.running) return;
    const name = this.machine.name;
    const renewTime = rfc3339Micro(this.clock.now());
    const existing = this.client.get<Lease>(LEASES, 'kube-node-lease', name);
    if (existing.ok) {
      this.client.update(LEASES, 'kube-node-lease', { ...existing.value, spec: { ...existing.value.spec, renewTime } });
    } else {
      const node = this.client.get<Node>(NODES, undefined, name);
      this.client.create(LEASES, 'kube-node-lease', {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: {
          name,
          namespace: 'kube-node-lease',
          ...(node.ok ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.value.metadata.uid ?? '' }] } : {}),
        },
        spec: { holderIdentity: name, leaseDurationSeconds: this.delays.leaseDurationSeconds, renewTime },
      });
    }
    this.heartbeat.add(this.clock.schedule(this.delays.leaseRenewMs, () => this.renewLease(), { background: true }));
  }

  // ---- pods ---------------------------------------------------------------------------------------

  private syncPod(key: string): void {
    const pod = this.pods.get(key);
    if (!pod) {
      this.forget(key);
      // Someone deleted the mirror of a static Pod that still has its file: mirror it again.
      const wanted = this.staticPods.get(key);
      if (wanted && this.running) this.client.create(PODS, wanted.metadata.namespace, wanted);
      return;
    }
    let runtime = this.runtimes.get(key);
    if (runtime && runtime.uid !== pod.metadata.uid) {
      this.forget(key);
      runtime = undefined;
    }
    if (!runtime) {
      if (pod.metadata.deletionTimestamp) {
        this.client.delete(PODS, pod.metadata.namespace, pod.metadata.name ?? '', {
          gracePeriodSeconds: 0,
          preconditions: { uid: pod.metadata.uid },
        });
        return;
      }
      runtime = this.admit(key, pod);
    }
    if (pod.metadata.deletionTimestamp) this.stopPod(key, pod, runtime);
    else this.advance(key, pod, runtime);
    this.writeStatus(pod, runtime);
    if (runtime.stopped && !runtime.deleteRequested) {
      runtime.deleteRequested = true;
      this.client.delete(PODS, pod.metadata.namespace, pod.metadata.name ?? '', {
        gracePeriodSeconds: 0,
        preconditions: { uid: pod.metadata.uid },
      });
    }
  }

  private admit(key: string, pod: Pod): PodRuntime {
    const runtime: PodRuntime = {
      uid: pod.metadata.uid ?? '',
      startTime: rfc3339(this.clock.now()),
      sandboxReady: false,
      containers: pod.spec.containers.map((c) => ({
        name: c.name,
        image: parseImage(c.image ?? ''),
        phase: 'waiting',
        waitingReason: 'ContainerCreating',
        busy: false,
      })),
      stopping: false,
      stopped: false,
      deleteRequested: false,
      timers: new DisposableStore(),
    };
    this.runtimes.set(key, runtime);
    runtime.timers.add(
      this.clock.schedule(this.random.jitter(this.delays.sandboxMs, this.delays.jitter), () => {
        runtime.sandboxReady = true;
        // hostNetwork Pods (the control plane's static Pods) use the node's own address.
        runtime.podIP = pod.spec.hostNetwork === true ? this.machine.address : this.allocateIP();
        this.queue.add(key);
      }),
    );
    return runtime;
  }

  /** Move the first container that is not running yet one stage on; containers start in order. */
  private advance(key: string, pod: Pod, runtime: PodRuntime): void {
    if (!runtime.sandboxReady) return;
    const container = runtime.containers.find((c) => c.phase !== 'running');
    if (!container || container.busy) return;
    const spec = pod.spec.containers.find((c) => c.name === container.name);
    if (!spec) return;
    const fieldPath = `spec.containers{${container.name}}`;
    const image = container.image;
    if (container.phase === 'waiting') {
      const present = this.images.get(image.canonical);
      const policy = spec.imagePullPolicy ?? 'IfNotPresent';
      if (present && policy !== 'Always') {
        this.recorder.event(pod, 'Normal', 'Pulled', `Container image "${image.original}" already present on machine`, fieldPath);
        container.imageID = present;
        this.create(key, pod, runtime, container);
        return;
      }
      if (policy === 'Never') {
        container.waitingReason = 'ErrImageNeverPull';
        container.waitingMessage = `Container image "${image.original}" is not present with pull policy of Never`;
        this.recorder.event(pod, 'Warning', 'ErrImageNeverPull', container.waitingMessage, fieldPath);
        return;
      }
      this.pull(key, pod, runtime, container);
    }
  }

  private pull(key: string, pod: Pod, runtime: PodRuntime, container: ContainerRuntime): void {
    const fieldPath = `spec.containers{${container.name}}`;
    const image = container.image;
    container.phase = 'pulling';
    container.busy = true;
    this.recorder.event(pod, 'Normal', 'Pulling', `Pulling image "${image.original}"`, fieldPath);
    const found = lookupImage(image);
    const duration = found.found
      ? this.random.jitter(this.delays.pullBaseMs + (found.sizeBytes / this.delays.pullBytesPerSecond) * 1000, this.delays.jitter)
      : this.random.jitter(this.delays.pullBaseMs * 2, this.delays.jitter);
    runtime.timers.add(
      this.clock.schedule(duration, () => {
        container.busy = false;
        const current = this.pods.get(key) ?? pod;
        if (!found.found) {
          this.pullFailed(key, current, runtime, container, pullErrorMessage(image, found.reason));
          return;
        }
        const seconds = formatGoDuration(Math.round(duration));
        this.recorder.event(
          current,
          'Normal',
          'Pulled',
          `Successfully pulled image "${image.original}" in ${seconds} (${seconds} including waiting). Image size: ${found.sizeBytes} bytes.`,
          fieldPath,
        );
        const imageID = `${image.repository}@${found.digest}`;
        this.images.set(image.canonical, imageID);
        container.imageID = imageID;
        container.pullBackoffMs = undefined;
        this.create(key, current, runtime, container);
      }),
    );
  }

  /** ErrImagePull now, then ImagePullBackOff with a doubling back-off before the next try. */
  private pullFailed(key: string, pod: Pod, runtime: PodRuntime, container: ContainerRuntime, message: string): void {
    const fieldPath = `spec.containers{${container.name}}`;
    this.recorder.event(pod, 'Warning', 'Failed', `Failed to pull image "${container.image.original}": ${message}`, fieldPath);
    this.recorder.event(pod, 'Warning', 'Failed', 'Error: ErrImagePull', fieldPath);
    container.phase = 'waiting';
    container.waitingReason = 'ErrImagePull';
    container.waitingMessage = message;
    container.busy = true;
    const backoff = container.pullBackoffMs ?? this.delays.backoffInitialMs;
    container.pullBackoffMs = Math.min(this.delays.backoffMaxMs, backoff * 2);
    this.queue.add(key);
    // The pod worker's next sync after the failure reports the back-off; until then
    // `kubectl get pods` shows ErrImagePull.
    runtime.timers.add(
      this.clock.schedule(this.random.jitter(this.delays.pullErrorResyncMs, this.delays.jitter), () => {
        container.waitingReason = 'ImagePullBackOff';
        container.waitingMessage = `Back-off pulling image "${container.image.original}"`;
        const current = this.pods.get(key) ?? pod;
        this.recorder.event(current, 'Normal', 'BackOff', container.waitingMessage, fieldPath);
        this.recorder.event(current, 'Warning', 'Failed', 'Error: ImagePullBackOff', fieldPath);
        this.queue.add(key);
      }),
    );
    runtime.timers.add(
      this.clock.schedule(backoff, () => {
        container.busy = false;
        const current = this.pods.get(key);
        if (current && !current.metadata.deletionTimestamp) this.pull(key, current, runtime, container);
      }),
    );
  }

  private create(key: string, pod: Pod, runtime: PodRuntime, container: ContainerRuntime): void {
    const fieldPath = `spec.containers{${container.name}}`;
    container.phase = 'creating';
    container.busy = true;
    const createMs = this.random.jitter(this.delays.createMs, this.delays.jitter);
    const startMs = this.random.jitter(this.delays.startMs, this.delays.jitter);
    runtime.timers.add(
      this.clock.schedule(createMs, () => {
        container.containerID = `containerd://${this.random.string(64, '0123456789abcdef')}`;
        this.recorder.event(this.pods.get(key) ?? pod, 'Normal', 'Created', `Created container: ${container.name}`, fieldPath);
        runtime.timers.add(
          this.clock.schedule(startMs, () => {
            container.busy = false;
            container.phase = 'running';
            container.startedAt = rfc3339(this.clock.now());
            this.recorder.event(this.pods.get(key) ?? pod, 'Normal', 'Started', `Started container ${container.name}`, fieldPath);
            this.queue.add(key);
          }),
        );
      }),
    );
  }

  /** Graceful termination: SIGTERM each running container; servers exit promptly with status 0. */
  private stopPod(key: string, pod: Pod, runtime: PodRuntime): void {
    if (runtime.stopping) return;
    runtime.stopping = true;
    runtime.timers.dispose();
    runtime.timers = new DisposableStore();
    const running = runtime.containers.filter((c) => c.phase === 'running');
    for (const c of running) this.recorder.event(pod, 'Normal', 'Killing', `Stopping container ${c.name}`, `spec.containers{${c.name}}`);
    const finish = (): void => {
      const now = rfc3339(this.clock.now());
      for (const c of runtime.containers) {
        if (c.phase === 'running') {
          c.phase = 'terminated';
          c.exitCode = 0;
          c.terminatedReason = 'Completed';
          c.finishedAt = now;
        }
      }
      runtime.stopped = true;
      this.queue.add(key);
    };
    if (running.length === 0) {
      finish();
      return;
    }
    runtime.timers.add(this.clock.schedule(this.random.jitter(this.delays.stopMs, this.delays.jitter), finish));
  }

  private forget(key: string): void {
    const runtime = this.runtimes.get(key);
    if (!runtime) return;
    runtime.timers.dispose();
    if (runtime.podIP) this.usedIPs.delete(runtime.podIP);
    this.runtimes.delete(key);
  }

  /** host-local IPAM: the next free address of the node's podCIDR, from .2 (.1 is the bridge). */
  private allocateIP(): string | undefined {
    if (!this.podCIDR) {
      const node = this.client.get<Node>(NODES, undefined, this.machine.name);
      this.podCIDR = node.ok ? node.value.spec.podCIDR : undefined;
    }
    if (!this.podCIDR) return undefined;
    const base = this.podCIDR.split('/')[0]!.split('.').map(Number);
    for (let host = 2; host < 255; host++) {
      const ip = `${base[0]}.${base[1]}.${base[2]}.${host}`;
      if (!this.usedIPs.has(ip)) {
        this.usedIPs.add(ip);
        return ip;
      }
    }
    return undefined;
  }

  private writeStatus(pod: Pod, runtime: PodRuntime): void {
    const status = this.computeStatus(pod, runtime);
    if (canonicalJson(status) === canonicalJson(pod.status ?? {})) return;
    const result = this.client.updateStatus(PODS, pod.metadata.namespace, { ...pod, status });
    if (!result.ok && result.status.code === 409) this.queue.addAfter(objectKey(pod), 100);
  }

  private computeStatus(pod: Pod, runtime: PodRuntime): PodStatus {
    const now = rfc3339(this.clock.now());
    const previous = pod.status ?? {};
    const containerStatuses: ContainerStatus[] = runtime.containers.map((c) => {
      const spec = pod.spec.containers.find((s) => s.name === c.name);
      const started = c.phase === 'running';
      const status: ContainerStatus = {
        containerID: c.containerID,
        image: c.imageID ? c.image.canonical : (spec?.image ?? ''),
        imageID: c.imageID ?? '',
        lastState: {},
        name: c.name,
        ready: started && !runtime.stopping,
        restartCount: 0,
        started,
        state:
          c.phase === 'running'
            ? { running: { startedAt: c.startedAt } }
            : c.phase === 'terminated'
              ? {
                  terminated: {
                    containerID: c.containerID,
                    exitCode: c.exitCode ?? 0,
                    finishedAt: c.finishedAt,
                    reason: c.terminatedReason,
                    startedAt: c.startedAt,
                  },
                }
              : { waiting: { reason: c.waitingReason, ...(c.waitingMessage ? { message: c.waitingMessage } : {}) } },
        volumeMounts: (spec?.volumeMounts ?? []).map((m) => ({
          mountPath: m.mountPath,
          name: m.name,
          ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
        })),
      };
      if (!c.containerID) delete status.containerID;
      if (status.volumeMounts?.length === 0) delete status.volumeMounts;
      return status;
    });
    containerStatuses.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const allReady = containerStatuses.length > 0 && containerStatuses.every((c) => c.ready);
    const unready = containerStatuses.filter((c) => !c.ready).map((c) => c.name);
    const allTerminated = runtime.containers.every((c) => c.phase === 'terminated');
    const phase: PodStatus['phase'] = allTerminated
      ? runtime.containers.every((c) => c.exitCode === 0)
        ? 'Succeeded'
        : 'Failed'
      : runtime.containers.every((c) => c.phase === 'running')
        ? 'Running'
        : 'Pending';
    const condition = (type: string, ok: boolean, reason?: string, message?: string): PodCondition => {
      const before = previous.conditions?.find((c) => c.type === type);
      const statusText = ok ? 'True' : 'False';
      return {
        lastProbeTime: null,
        lastTransitionTime: before && before.status === statusText ? (before.lastTransitionTime ?? now) : now,
        ...(reason && !ok ? { message, reason } : {}),
        status: statusText,
        type,
      };
    };
    const notReadyReason = allTerminated ? 'PodCompleted' : 'ContainersNotReady';
    const notReadyMessage = allTerminated ? undefined : `containers with unready status: [${unready.join(' ')}]`;
    const scheduled = previous.conditions?.find((c) => c.type === 'PodScheduled');
    const conditions: PodCondition[] = [
      condition('PodReadyToStartContainers', runtime.sandboxReady && !runtime.stopped),
      condition('Initialized', true),
      condition('Ready', allReady, notReadyReason, notReadyMessage),
      condition('ContainersReady', allReady, notReadyReason, notReadyMessage),
      scheduled ?? { lastProbeTime: null, lastTransitionTime: now, status: 'True', type: 'PodScheduled' },
    ];
    const status: PodStatus = {
      conditions,
      containerStatuses,
      hostIP: this.machine.address,
      hostIPs: [{ ip: this.machine.address }],
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

  /** Stop heartbeats (as `systemctl stop kubelet` would); running Pods are left as they are. */
  stop(): void {
    this.running = false;
    this.heartbeat.dispose();
  }

  dispose(): void {
    this.running = false;
    for (const runtime of this.runtimes.values()) runtime.timers.dispose();
    this.runtimes.clear();
    this.heartbeat.dispose();
    this.disposables.dispose();
  }
}
