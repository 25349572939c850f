/**
 * The garbage collector's dependency graph (graph_builder's uidToNode): every watched object by
 * uid with its ownerReferences, and for each owner uid the uids of its dependents, so that a
 * deleted owner finds its dependents without scanning the cluster. An owner uid may have
 * dependents without a node of its own (the owner is gone, or was never seen).
 */
import type { OwnerReference } from '../../../../shared/api/meta.js';

export interface GraphNode {
  uid: string;
  /** The watched resource it came from (`group/resource`). */
  resource: string;
  namespace?: string;
  name: string;
  owners: readonly OwnerReference[];
}

export class DependencyGraph {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly dependents = new Map<string, Set<string>>();

  get size(): number {
    return this.nodes.size;
  }

  get(uid: string): GraphNode | undefined {
    return this.nodes.get(uid);
  }

  /** Record a node (replacing the one with its uid); returns the previous one. */
  set(node: GraphNode): GraphNode | undefined {
    const previous = this.nodes.get(node.uid);
    if (previous) this.unlink(previous);
    this.nodes.set(node.uid, node);
    for (const owner of node.owners) {
      let set = this.dependents.get(owner.uid);
      if (!set) this.dependents.set(owner.uid, (set = new Set()));
      set.add(node.uid);
    }
    return previous;
  }

  remove(uid: string): GraphNode | undefined {
    const node = this.nodes.get(uid);
    if (!node) return undefined;
    this.unlink(node);
    this.nodes.delete(uid);
    return node;
  }

  /** The nodes that name `ownerUid` in their ownerReferences. */
  dependentsOf(ownerUid: string): GraphNode[] {
    const uids = this.dependents.get(ownerUid);
    if (!uids) return [];
    const out: GraphNode[] = [];
    for (const uid of uids) {
      const node = this.nodes.get(uid);
      if (node) out.push(node);
    }
    return out;
  }

  /** Forget every node of a resource that is no longer served (a deleted CRD's). */
  removeResource(resource: string): void {
    for (const node of [...this.nodes.values()]) if (node.resource === resource) this.remove(node.uid);
  }

  private unlink(node: GraphNode): void {
    for (const owner of node.owners) {
      const set = this.dependents.get(owner.uid);
      if (!set) continue;
      set.delete(node.uid);
      if (set.size === 0) this.dependents.delete(owner.uid);
    }
  }
}
