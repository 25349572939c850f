/**
 * The taint-eviction controller (kube-controller-manager `taint-eviction-controller`,
 * pkg/controller/tainteviction in 1.32): a Pod bound to a Node with NoExecute taints it does not
 * tolerate is deleted at once; one that tolerates them all for a while (`tolerationSeconds`, 300 s
 * for not-ready/unreachable from DefaultTolerationSeconds admission) is deleted when the shortest
 * of those runs out, counted from when the controller saw the taint. Before deleting, it records
 * `TaintManagerEviction` "Marking for deletion Pod <ns>/<name>" and sets the Pod's
 * `DisruptionTarget` condition (`DeletionByTaintManager`). A taint removed in time cancels the
 * eviction ("Cancelling deletion of Pod …").
 */
import type { Node, Pod, PodCondition, Taint } from '../../../../shared/api/core.js';
import { type Disposable, DisposableStore } from '../../../../shared/lifecycle.js';
import type { Clock } from '../../../base/clock.js';
import { canonicalJson } from '../../../base/canonical-json.js';
import { rfc3339 } from '../../../base/duration.js';
import type { ApiClient } from '../../client/api-client.js';
import { EventRecorder } from '../../client/event-recorder.js';
import { Informer, objectKey } from '../../client/informer.js';
import { NODES, PODS } from '../../client/resources.js';
import { WorkQueue } from '../../client/work-queue.js';
import { PodsByNode } from './pods-by-node.js';
import { matchingTolerations, minTolerationMs, noExecuteTaints } from './taints.js';

/** A scheduled eviction (TimedWorker); `fired` keeps the key so that the same work is not added again. */
interface Eviction {
  createdAt: number;
  fireAt: number;
  timer: Disposable | undefined;
  fired: boolean;
}

const RETRY_MS = 1_000;

export class TaintEvictionController implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly nodes: Informer<Node>;
  private readonly pods: Informer<Pod>;
  private readonly podsByNode: PodsByNode;
  private readonly nodeQueue: WorkQueue;
  private readonly podQueue: WorkQueue;
  private readonly recorder: EventRecorder;
  /** taintedNodes: the NoExecute taints of each Node that has some. */
  private readonly tainted = new Map<string, Taint[]>();
  private readonly evictions = new Map<string, Eviction>();

  constructor(
    private readonly client: ApiClient,
    private readonly clock: Clock,
  ) {
    this.nodes = this.disposables.add(new Informer<Node>(client, NODES));
    this.pods = this.disposables.add(new Informer<Pod>(client, PODS));
    this.podsByNode = this.disposables.add(new PodsByNode(this.pods));
    this.nodeQueue = this.disposables.add(new WorkQueue(clock, (name) => this.handleNodeUpdate(name)));
    this.podQueue = this.disposables.add(new WorkQueue(clock, (key) => this.handlePodUpdate(key)));
    this.recorder = new EventRecorder(client, clock, { component: 'taint-eviction-controller' });
    this.disposables.add(
      this.nodes.onDidChange((change) => {
        // NodeUpdated: only a change of NoExecute taints matters.
        if (change.old && canonicalJson(noExecuteTaints(change.old)) === canonicalJson(noExecuteTaints(change.object)) && change.type === 'update') return;
        this.nodeQueue.add(change.object.metadata.name ?? '');
      }),
    );
    this.disposables.add(
      this.pods.onDidChange((change) => {
        // PodUpdated: only a new Pod, a deleted one, or new tolerations or node matter.
        const { object, old } = change;
        if (change.type === 'update' && old && old.spec.nodeName === object.spec.nodeName && canonicalJson(old.spec.tolerations ?? []) === canonicalJson(object.spec.tolerations ?? [])) return;
        this.podQueue.add(objectKey(object));
      }),
    );
    this.disposables.add({ dispose: () => this.evictions.forEach((e) => e.timer?.dispose()) });
  }

  start(): void {
    this.pods.start();
    this.nodes.start();
  }

  private handlePodUpdate(key: string): void {
    const pod = this.pods.get(key);
    if (!pod) {
      this.cancel(key, false);
      return;
    }
    const nodeName = pod.spec.nodeName;
    if (!nodeName) return;
    const taints = this.tainted.get(nodeName);
    // No tainted node: any eviction was cancelled when the taints went.
    if (!taints) return;
    this.processPodOnNode(pod, taints);
  }

  private handleNodeUpdate(name: string): void {
    const taints = noExecuteTaints(this.nodes.get(name));
    if (taints.length === 0) this.tainted.delete(name);
    else this.tainted.set(name, taints);
    for (const pod of this.podsByNode.on(name)) {
      if (taints.length === 0) this.cancel(objectKey(pod), true);
      else this.processPodOnNode(pod, taints);
    }
  }

  private processPodOnNode(pod: Pod, taints: readonly Taint[]): void {
    const key = objectKey(pod);
    if (taints.length === 0) {
      this.cancel(key, true);
      return;
    }
    const now = this.clock.now();
    const { all, used } = matchingTolerations(taints, pod.spec.tolerations ?? []);
    if (!all) {
      this.cancel(key, true);
      this.schedule(key, now, now);
      return;
    }
    const minMs = minTolerationMs(used);
    // Tolerated forever.
    if (minMs === undefined) {
      this.cancel(key, true);
      return;
    }
    let startTime = now;
    const triggerTime = now + minMs;
    const scheduled = this.evictions.get(key);
    if (scheduled && !scheduled.fired) {
      // Counted from when the eviction was first scheduled: an earlier deadline stands.
      startTime = scheduled.createdAt;
      if (startTime + minMs < triggerTime) return;
      this.cancel(key, true);
    }
    this.schedule(key, startTime, triggerTime);
  }

  /** AddWork: ignored while the key is scheduled or has fired. */
  private schedule(key: string, createdAt: number, fireAt: number): void {
    if (this.evictions.has(key)) return;
    const eviction: Eviction = { createdAt, fireAt, timer: undefined, fired: false };
    this.evictions.set(key, eviction);
    eviction.timer = this.clock.schedule(Math.max(0, fireAt - this.clock.now()), () => {
      eviction.timer = undefined;
      eviction.fired = true;
      if (!this.evict(key)) {
        this.evictions.delete(key);
        this.podQueue.addAfter(key, RETRY_MS);
      }
    });
  }

  /** cancelWorkWithEvent: an event only when a pending eviction is cancelled. */
  private cancel(key: string, withEvent: boolean): void {
    const eviction = this.evictions.get(key);
    if (!eviction) return;
    this.evictions.delete(key);
    if (eviction.fired) return;
    eviction.timer?.dispose();
    if (withEvent) this.podEvent(key, 'Cancelling deletion of Pod');
  }

  /** The reference carries no uid (the controller knows only the namespaced name). */
  private podEvent(key: string, verb: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    this.recorder.event({ apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name } }, 'Normal', 'TaintManagerEviction', `${verb} ${key}`);
  }

  /** deletePodHandler: the event, the DisruptionTarget condition, then the delete. False when it must be retried. */
  private evict(key: string): boolean {
    this.podEvent(key, 'Marking for deletion Pod');
    const [namespace, name] = key.split('/') as [string, string];
    const got = this.client.get<Pod>(PODS, namespace, name);
    if (!got.ok) return got.status.code === 404;
    const pod = got.value;
    const conditions = pod.status?.conditions ?? [];
    const existing = conditions.find((c) => c.type === 'DisruptionTarget');
    const wanted: PodCondition = {
      lastProbeTime: null,
      lastTransitionTime: existing?.status === 'True' ? (existing.lastTransitionTime ?? rfc3339(this.clock.now())) : rfc3339(this.clock.now()),
      message: 'Taint manager: deleting due to NoExecute taint',
      reason: 'DeletionByTaintManager',
      status: 'True',
      type: 'DisruptionTarget',
    };
    if (!existing || canonicalJson(existing) !== canonicalJson(wanted)) {
      const next = structuredClone(pod);
      const status = (next.status ??= {});
      status.conditions = existing ? conditions.map((c) => (c.type === 'DisruptionTarget' ? wanted : c)) : [...conditions, wanted];
      const written = this.client.updateStatus(PODS, namespace, next);
      if (!written.ok) return written.status.code === 404;
    }
    const deleted = this.client.delete(PODS, namespace, name);
    return deleted.ok || deleted.status.code === 404;
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
