/** Pods by the node they are bound to (the controllers' `spec.nodeName` indexer), kept from a Pod informer's events. */
import type { Pod } from '../../../../shared/api/core.js';
import type { Disposable } from '../../../../shared/lifecycle.js';
import { type Informer, objectKey } from '../../client/informer.js';

export class PodsByNode implements Disposable {
  private readonly byNode = new Map<string, Map<string, Pod>>();
  private readonly subscription: Disposable;

  constructor(informer: Informer<Pod>) {
    this.subscription = informer.onDidChange((change) => {
      const key = objectKey(change.object);
      const before = change.old?.spec.nodeName;
      const after = change.type === 'delete' ? undefined : change.object.spec.nodeName;
      if (before && before !== after) this.remove(before, key);
      if (change.type === 'delete' && change.object.spec.nodeName) this.remove(change.object.spec.nodeName, key);
      if (after) {
        let pods = this.byNode.get(after);
        if (!pods) this.byNode.set(after, (pods = new Map()));
        pods.set(key, change.object);
      }
    });
  }

  private remove(node: string, key: string): void {
    const pods = this.byNode.get(node);
    pods?.delete(key);
    if (pods?.size === 0) this.byNode.delete(node);
  }

  /** The node's Pods (the cache's own objects: copy before changing). */
  on(node: string): Pod[] {
    return [...(this.byNode.get(node)?.values() ?? [])];
  }

  dispose(): void {
    this.subscription.dispose();
    this.byNode.clear();
  }
}
