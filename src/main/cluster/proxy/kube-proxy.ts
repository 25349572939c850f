/**
 * kube-proxy on one node (iptables mode). Its rules are the NetworkModel's view for this node; the
 * only thing it writes to the API server is its birth cry, as the real one does once its informers
 * are running: an events.k8s.io Event `Starting` (action StartKubeProxy, no note) about its Node,
 * reported by `kube-proxy` / `kube-proxy-<node>` — `kubectl describe node` shows it.
 */
import type { EventsV1Event } from '../../../shared/api/events.js';
import type { Disposable } from '../../../shared/lifecycle.js';
import type { Clock } from '../../base/clock.js';
import { rfc3339Micro } from '../../base/duration.js';
import type { ApiClient } from '../client/api-client.js';
import { EVENTS_V1 } from '../client/resources.js';
import type { NetworkModel } from './network-model.js';

export interface KubeProxyOptions {
  /** Writes the Event (kube-proxy's identity: `system:serviceaccount:kube-system:kube-proxy`). */
  client: ApiClient;
  clock: Clock;
  nodeName: string;
  network: NetworkModel;
}

export class KubeProxy implements Disposable {
  private running = false;
  private attachment: Disposable | undefined;

  constructor(private readonly options: KubeProxyOptions) {}

  get isRunning(): boolean {
    return this.running;
  }

  /** Start syncing (the shared model's informers) and announce it. A no-op when running. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.options.network.start();
    this.attachment = this.options.network.attachKubeProxy(this.options.nodeName);
    this.birthCry();
  }

  /** `iptables-save` on this node while kube-proxy runs. */
  rules(): string {
    return this.options.network.rules(this.options.nodeName);
  }

  private birthCry(): void {
    const { nodeName, clock } = this.options;
    const now = clock.now();
    // client-go's events recorder: `<object>.<UnixNano in hex>`, cluster-scoped objects in default.
    const name = `${nodeName}.${(BigInt(Math.floor(now)) * 1_000_000n).toString(16)}`;
    const event: EventsV1Event = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name, namespace: 'default' },
      eventTime: rfc3339Micro(now),
      reportingController: 'kube-proxy',
      reportingInstance: `kube-proxy-${nodeName}`,
      action: 'StartKubeProxy',
      reason: 'Starting',
      // kube-proxy's node reference carries the node name as its uid.
      regarding: { kind: 'Node', name: nodeName, uid: nodeName },
      type: 'Normal',
    };
    this.options.client.create(EVENTS_V1, 'default', event);
  }

  /**
   * Stop. (A real kube-proxy leaves its rules behind when it exits; the lab drops them with it, so
   * that a stopped kube-proxy visibly stops Services on its node.)
   */
  dispose(): void {
    this.running = false;
    this.attachment?.dispose();
    this.attachment = undefined;
  }
}
