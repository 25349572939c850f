/**
 * Objects of one informer grouped by their controller's uid (the `controller: true` owner
 * reference), so a controller finds its children without scanning every object in the cluster:
 * a Job's Pods, a CronJob's Jobs.
 */
import { controllerOf } from '../../../../shared/api/owner-references.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { type InformerChange, objectKey } from '../../client/informer.js';

export const controllerRef = controllerOf;

export class ControllerIndex<T extends KubeObject> {
  private readonly byOwner = new Map<string, Map<string, T>>();

  /** `kind` limits the index to children of that controller kind (`Job`, `CronJob`). */
  constructor(private readonly kind: string) {}

  /** Feed every informer change here, before anything reads the index. */
  observe(change: InformerChange<T>): void {
    const key = objectKey(change.object);
    if (change.old) this.remove(change.old, key);
    if (change.type === 'delete') this.remove(change.object, key);
    else {
      const owner = this.ownerUid(change.object);
      if (owner === undefined) return;
      let children = this.byOwner.get(owner);
      if (!children) this.byOwner.set(owner, (children = new Map()));
      children.set(key, change.object);
    }
  }

  /** The children of the controller with this uid. */
  list(ownerUid: string | undefined): T[] {
    if (ownerUid === undefined) return [];
    const children = this.byOwner.get(ownerUid);
    return children ? [...children.values()] : [];
  }

  private ownerUid(object: KubeObject): string | undefined {
    const ref = controllerRef(object);
    return ref && ref.kind === this.kind ? ref.uid : undefined;
  }

  private remove(object: KubeObject, key: string): void {
    const owner = this.ownerUid(object);
    if (owner === undefined) return;
    const children = this.byOwner.get(owner);
    if (!children) return;
    children.delete(key);
    if (children.size === 0) this.byOwner.delete(owner);
  }
}
