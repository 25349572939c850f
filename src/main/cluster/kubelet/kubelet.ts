/**
 * The kubelet of one simulated node: registers its Node, renews its Lease and reports node status
 * (the heartbeats), runs static Pods from its manifest directory, and hands the Pods bound to it to
 * its PodWorker (pod-worker.ts: stages, processes, restarts, probes, status). It reads and writes
 * the cluster only through its client, and serves its containers' logs (ContainerLogReader).
 */
import type { Lease, Node, Pod } from '../../../shared/api/core.js';
import { type Disposable, DisposableStore, Emitter } from '../../../shared/lifecycle.js';
import type { Clock } from '../../base/clock.js';
import { rfc3339, rfc3339Micro } from '../../base/duration.js';
import type { Random } from '../../base/random.js';
import type { ApiClient } from '../client/api-client.js';
import { Informer, objectKey } from '../client/informer.js';
import { LEASES, NODES, PODS } from '../client/resources.js';
import { WorkQueue } from '../client/work-queue.js';
import { canonicalJson } from '../../base/canonical-json.js';
import { lookupImage, parseImage } from './image-catalog.js';
import { type NodeMachine, RUNTIME_DOWN_MESSAGE, allocatableMemory, nodeConditions, nodeStatusBody, registrationNode } from './node-status.js';
import type { ContainerLogReader, LogLine } from './logs.js';
import { JournalingRecorder, type KubeletLog } from './kubelet-log.js';
import { PodWorker } from './pod-worker.js';
import type { ExecTarget } from './exec.js';
import { type PodRuntime, allContainers } from './pod-runtime.js';
import { DEFAULT_STAGE_DELAYS, type StageDelays } from './stages.js';
import { type ManifestFile, mirrorPod } from './static-pods.js';

/** kubelet's --file-check-frequency: how often the static Pod directory is re-read. */
const FILE_CHECK_MS = 20_000;
/** kubelet's baseRuntimeSyncThreshold: the runtime is reported down when its last sync is older. */
const RUNTIME_SYNC_THRESHOLD_MS = 30_000;
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

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
  /** The node's files under a directory, by path relative to it (what a hostPath volume shows). */
  hostFiles?: (path: string) => ReadonlyMap<string, string>;
  /** What a process of a running container sees (the lab's exec source): its main process's tools use it. */
  containerTarget?: (pod: Pod, container: string) => ExecTarget | undefined;
}

export class Kubelet implements Disposable, ContainerLogReader {
  private readonly disposables = new DisposableStore();
  private heartbeat = new DisposableStore();
  private readonly client: ApiClient;
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly machine: NodeMachine;
  private readonly delays: StageDelays;
  private readonly pods: Informer<Pod>;
  private readonly queue: WorkQueue;
  private readonly recorder: JournalingRecorder;
  private readonly worker: PodWorker;
  /** containerd's image store on this node: canonical reference → image ID. */
  private readonly images = new Map<string, string>();
  private readonly usedIPs = new Set<string>();
  private readonly readStaticManifests: () => ManifestFile[];
  private readonly readHostFiles: (path: string) => ReadonlyMap<string, string>;
  /** Static Pods from the manifest directory, by mirror Pod key, as last read. */
  private staticPods = new Map<string, Pod>();
  private podCIDR: string | undefined;
  private lastStatusReport = 0;
  private lastReportedStatus = '';
  private running = false;
  /** When containerd stopped answering (undefined while it runs). */
  private runtimeDownSince: number | undefined;
  private readonly onDidSyncPodEmitter = new Emitter<string>();
  /** After each sync of a Pod (by key): its containers may have started, exited or stopped. */
  readonly onDidSyncPod = this.onDidSyncPodEmitter.event;

  constructor(options: KubeletOptions) {
    this.client = options.client;
    this.clock = options.clock;
    this.random = options.random;
    this.machine = options.machine;
    this.delays = options.delays ?? DEFAULT_STAGE_DELAYS;
    this.readStaticManifests = options.staticPodManifests ?? (() => []);
    this.readHostFiles = options.hostFiles ?? (() => new Map());
    for (const image of options.preloadedImages ?? []) {
      const ref = parseImage(image);
      const found = lookupImage(ref);
      if (found.found) this.images.set(ref.canonical, `${ref.repository}@${found.digest}`);
    }
    this.pods = this.disposables.add(
      new Informer<Pod>(this.client, PODS, { query: { fieldSelector: `spec.nodeName=${options.machine.name}` } }),
    );
    this.queue = this.disposables.add(new WorkQueue(this.clock, (key) => this.syncPod(key)));
    this.recorder = new JournalingRecorder(this.client, this.clock, { component: 'kubelet', host: options.machine.name });
    this.recorder.waitingMessage = (pod, container) => {
      const runtime = this.worker.get(objectKey(pod));
      return runtime && allContainers(runtime).find((c) => c.name === container)?.waitingMessage;
    };
    this.worker = new PodWorker({
      client: this.client,
      clock: this.clock,
      random: this.random,
      delays: this.delays,
      recorder: this.recorder,
      images: this.images,
      nodeAddress: this.machine.address,
      getPod: (key) => this.pods.get(key),
      requeue: (key) => this.queue.add(key),
      allocateIP: () => this.allocateIP(),
      releaseIP: (ip) => this.usedIPs.delete(ip),
      allocatable: { cpu: this.machine.cpu, memory: allocatableMemory(this.machine.memory) },
      containerTarget: options.containerTarget,
    });
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
    // A restarted kubelet syncs every Pod it has: containers that exited meanwhile are restarted
    // and status catches up.
    for (const pod of this.pods.list()) this.queue.add(objectKey(pod));
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
    // kubelet's runtime state: the runtime counts as down once its last good sync is older than 30 s.
    const runtimeDown = this.runtimeDownSince !== undefined && this.clock.now() - this.runtimeDownSince >= RUNTIME_SYNC_THRESHOLD_MS;
    const fingerprint = canonicalJson({ body, runtimeDown });
    const due = this.clock.now() - this.lastStatusReport >= this.delays.nodeStatusReportMs;
    if (!force && !due && fingerprint === this.lastReportedStatus) return;
    const nowText = rfc3339(this.clock.now());
    const updated: Node = {
      ...node,
      status: { ...node.status, ...body, conditions: nodeConditions(node.status?.conditions, nowText, !runtimeDown, RUNTIME_DOWN_MESSAGE) },
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
    // A stopped kubelet does nothing: containerd keeps the containers running, nobody writes status.
    if (!this.running) return;
    this.syncPodNow(key);
    this.onDidSyncPodEmitter.fire(key);
  }

  private syncPodNow(key: string): void {
    const pod = this.pods.get(key);
    if (!pod) {
      this.forget(key);
      // Someone deleted the mirror of a static Pod that still has its file: mirror it again.
      const wanted = this.staticPods.get(key);
      if (wanted && this.running) this.client.create(PODS, wanted.metadata.namespace, wanted);
      return;
    }
    let runtime = this.worker.get(key);
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
      runtime = this.worker.admit(key, pod);
    }
    if (pod.metadata.deletionTimestamp) this.worker.stop(key, pod, runtime);
    else this.worker.advance(key, pod, runtime);
    this.worker.writeStatus(pod, runtime);
    if (runtime.stopped && !runtime.deleteRequested) {
      runtime.deleteRequested = true;
      this.client.delete(PODS, pod.metadata.namespace, pod.metadata.name ?? '', {
        gracePeriodSeconds: 0,
        preconditions: { uid: pod.metadata.uid },
      });
    }
  }

  private forget(key: string): void {
    const runtime = this.worker.forget(key);
    if (runtime?.podIP && !runtime.ipReleased) this.usedIPs.delete(runtime.podIP);
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

  /** The runtime of the Pod `namespace/name` this kubelet runs (with `uid`, when given): exec and usage read it. */
  runtimeOf(key: string, uid?: string): PodRuntime | undefined {
    const runtime = this.worker.get(key);
    return runtime && (uid === undefined || runtime.uid === uid) ? runtime : undefined;
  }

  /** The node's files under `path` (hostPath volumes), by path relative to it. */
  hostFiles(path: string): ReadonlyMap<string, string> {
    return this.readHostFiles(path);
  }

  /** The kubelet's own client (its node identity), through which exec reads a Pod's volumes. */
  get execClient(): ApiClient {
    return this.client;
  }

  /** The lines of one container instance of a Pod this kubelet runs (the CRI log file). */
  readContainerLog(pod: Pod, container: string, instance: 'current' | 'previous'): readonly LogLine[] | undefined {
    return this.worker.readLog(pod, container, instance);
  }

  /** The runtime of the static Pod from manifest `name` (metadata.name in the file), if it is being run. */
  staticPodRuntime(name: string): PodRuntime | undefined {
    const mirrorName = `${name}-${this.machine.name}`;
    for (const [key, pod] of this.staticPods) {
      if (pod.metadata.name === mirrorName) return this.worker.get(key);
    }
    return undefined;
  }

  /** True when every app container of static Pod `name` runs (and it is not being stopped). */
  isStaticPodRunning(name: string): boolean {
    const runtime = this.staticPodRuntime(name);
    return !!runtime && !runtime.stopping && !runtime.stopped && runtime.containers.every((c) => c.phase === 'running');
  }

  /** What containerd holds for this node's Pods (for crictl): each Pod with its runtime. */
  runtimePods(): Array<{ pod: Pod; runtime: PodRuntime }> {
    const out: Array<{ pod: Pod; runtime: PodRuntime }> = [];
    for (const pod of this.pods.list()) {
      const runtime = this.worker.get(objectKey(pod));
      if (runtime && runtime.uid === pod.metadata.uid) out.push({ pod, runtime });
    }
    return out;
  }

  /** Where the kubelet's klog lines go (the node's journal), or nowhere. */
  setLog(log: KubeletLog | undefined): void {
    this.recorder.setLog(log);
  }

  /** containerd stopped or started on this node: Ready=False ("container runtime is down") 30 s after it stops answering. */
  setRuntimeUp(up: boolean): void {
    if (up) this.runtimeDownSince = undefined;
    else this.runtimeDownSince ??= this.clock.now();
  }

  /** The node's Pod CIDR as last read from its Node (the CNI bridge's subnet). */
  get podCidr(): string | undefined {
    return this.podCIDR;
  }

  /** containerd's image store on this node: canonical reference → image ID (repository@digest). */
  imageStore(): ReadonlyMap<string, string> {
    return this.images;
  }

  /** Stop the kubelet (as `systemctl stop kubelet` does): no heartbeats, no syncs, no status writes; containers keep running. */
  stop(): void {
    this.running = false;
    this.heartbeat.dispose();
  }

  dispose(): void {
    this.running = false;
    this.onDidSyncPodEmitter.dispose();
    this.worker.disposeAll();
    this.heartbeat.dispose();
    this.disposables.dispose();
  }
}
