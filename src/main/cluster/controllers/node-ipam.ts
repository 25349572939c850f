/**
 * The node IPAM controller (kube-controller-manager `--allocate-node-cidrs`): gives every Node a
 * /24 out of the cluster's Pod CIDR, which its kubelet then hands out to Pods.
 */
import type { Node } from '../../../shared/api/core.js';
import { type Disposable, DisposableStore } from '../../../shared/lifecycle.js';
import type { Clock } from '../../base/clock.js';
import type { ApiClient } from '../client/api-client.js';
import { Informer, objectKey } from '../client/informer.js';
import { NODES } from '../client/resources.js';
import { WorkQueue } from '../client/work-queue.js';

export class NodeIpamController implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly nodes: Informer<Node>;
  private readonly queue: WorkQueue;
  /**
   * CIDRs handed out, by node (the range allocator's in-memory set): the informer cache lags our own
   * patches, so two nodes reconciled in one pass would otherwise get the same /24.
   */
  private readonly assigned = new Map<string, string>();

  constructor(
    private readonly client: ApiClient,
    clock: Clock,
    /** Cluster Pod CIDR, e.g. `172.16.0.0/16`; nodes get consecutive /24s. */
    private readonly clusterCIDR: string,
  ) {
    this.nodes = this.disposables.add(new Informer<Node>(client, NODES));
    this.queue = this.disposables.add(new WorkQueue(clock, (key) => this.reconcile(key)));
    this.disposables.add(this.nodes.onDidChange((change) => this.queue.add(objectKey(change.object))));
  }

  start(): void {
    this.nodes.start();
  }

  private reconcile(key: string): void {
    const node = this.nodes.get(key);
    if (!node) {
      this.assigned.delete(key);
      return;
    }
    if (node.spec.podCIDR) return;
    const used = new Set([...this.nodes.list().map((n) => n.spec.podCIDR), ...this.assigned.values()].filter(Boolean));
    const [a, b] = this.clusterCIDR.split('/')[0]!.split('.');
    for (let third = 0; third < 256; third++) {
      const cidr = `${a}.${b}.${third}.0/24`;
      if (used.has(cidr)) continue;
      const patched = this.client.patch(NODES, undefined, node.metadata.name ?? '', 'merge', {
        spec: { podCIDR: cidr, podCIDRs: [cidr] },
      });
      if (patched.ok) this.assigned.set(key, cidr);
      else this.queue.addAfter(key, 1000);
      return;
    }
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
