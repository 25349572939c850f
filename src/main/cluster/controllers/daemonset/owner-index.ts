/**
 * Objects of an informer grouped by the uid of their controller reference, so a controller finds
 * its Pods (or ControllerRevisions) without scanning every object in the cluster on each sync;
 * objects without a controller are grouped by namespace, for adoption. Shared by the DaemonSet
 * and StatefulSet controllers.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import type { InformerChange } from '../../client/informer.js';
import { objectKey } from '../../client/informer.js';
import { controllerOf } from '../history.js';

function groupOf(object: KubeObject): string {
  const owner = controllerOf(object)?.uid;
  // uids never contain a slash; namespaces never do either, so the prefixes cannot collide.
  return owner !== undefined ? owner : `orphan/${object.metadata.namespace ?? ''}`;
}

export class OwnerIndex<T extends KubeObject> {
  private readonly groups = new Map<string, Map<string, T>>();

  /** Feed every informer change through here. */
  update(change: InformerChange<T>): void {
    const key = objectKey(change.object);
    if (change.old) this.remove(change.old, key);
    if (change.type === 'delete') {
      this.remove(change.object, key);
      return;
    }
    const group = groupOf(change.object);
    let set = this.groups.get(group);
    if (!set) this.groups.set(group, (set = new Map()));
    set.set(key, change.object);
  }

  private remove(object: T, key: string): void {
    const group = groupOf(object);
    const set = this.groups.get(group);
    if (!set) return;
    set.delete(key);
    if (set.size === 0) this.groups.delete(group);
  }

  /** The objects whose controller has this uid (cache objects: copy before changing). */
  owned(uid: string | undefined): T[] {
    if (uid === undefined) return [];
    const set = this.groups.get(uid);
    return set ? [...set.values()] : [];
  }

  /** The objects in the namespace that have no controller. */
  orphans(namespace: string | undefined): T[] {
    const set = this.groups.get(`orphan/${namespace ?? ''}`);
    return set ? [...set.values()] : [];
  }
}
