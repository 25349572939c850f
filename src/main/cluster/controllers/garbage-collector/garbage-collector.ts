/**
 * The garbage collector (kube-controller-manager's garbagecollector): watches every resource that
 * can be listed, watched and deleted, keeps a graph of ownerReferences, and
 *  - deletes a dependent once none of its owners exists (an owner is the object with that uid:
 *    a re-created owner of the same name is another owner), or just drops the dangling
 *    references while another owner remains;
 *  - for an owner deleted in the foreground (`foregroundDeletion` finalizer) deletes its
 *    dependents first and removes the finalizer once no dependent with `blockOwnerDeletion`
 *    is left, so the API server lets the owner go;
 *  - for an owner deleted with `orphan` removes its reference from every dependent, then the
 *    finalizer.
 * Work is keyed by uid and level-based: processing re-reads the object and decides from what is.
 */
import type { KubeObject, OwnerReference } from '../../../../shared/api/meta.js';
import { type Disposable, DisposableStore } from '../../../../shared/lifecycle.js';
import type { Clock } from '../../../base/clock.js';
import type { ApiClient } from '../../client/api-client.js';
import { Informer, type InformerChange } from '../../client/informer.js';
import { WorkQueue } from '../../client/work-queue.js';
import { type DeletableResource, deletableResources, groupOf, resourceId } from './deletable-resources.js';
import { DependencyGraph, type GraphNode } from './graph.js';

export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';

/** The controller manager syncs the collector's resources with discovery every 30 s. */
const DISCOVERY_RESYNC_MS = 30_000;
/** Retry after a failed write, as the rate-limited queue would. */
const RETRY_MS = 5_000;
/** RetryOnConflict's attempts for a read-modify-patch. */
const CONFLICT_ATTEMPTS = 5;
/** The absentOwnerCache's size. */
const ABSENT_OWNER_CACHE_SIZE = 500;
/** Resources the collector never watches (garbagecollector's DefaultIgnoredResources). */
const IGNORED_RESOURCES = new Set([resourceId('', 'events'), resourceId('events.k8s.io', 'events')]);

interface Watched {
  resource: DeletableResource;
  informer: Informer;
}

/** What a write answered (the client's result type). */
type Written = ReturnType<ApiClient['request']>;
type PropagationPolicy = NonNullable<NonNullable<Parameters<ApiClient['delete']>[3]>['propagationPolicy']>;

/** solid: exists; dangling: gone (or another object by now); waiting: deleting its dependents first. */
type OwnerState = 'solid' | 'dangling' | 'waiting' | 'unresolvable';

export class GarbageCollector implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly watched = new Map<string, Watched>();
  /** `group/Kind` → resource, for resolving ownerReferences. */
  private readonly kinds = new Map<string, DeletableResource>();
  private readonly graph = new DependencyGraph();
  private readonly queue: WorkQueue;
  /** Owner uids confirmed gone, so many dependents of one owner cost one lookup. */
  private readonly absentOwners = new Set<string>();
  private resync: Disposable | undefined;

  constructor(
    private readonly client: ApiClient,
    private readonly clock: Clock,
  ) {
    this.queue = this.disposables.add(new WorkQueue(clock, (uid) => this.attemptToDelete(uid)));
  }

  start(): void {
    this.syncResources();
  }

  /** Watch what discovery serves now; stop watching what it no longer serves (a deleted CRD's). */
  private syncResources(): void {
    const current = deletableResources(this.client.discovery(), ['delete', 'list', 'watch']).filter((r) => !IGNORED_RESOURCES.has(r.id));
    const ids = new Set(current.map((r) => r.id));
    for (const [id, watched] of this.watched) {
      if (ids.has(id)) continue;
      watched.informer.dispose();
      this.watched.delete(id);
      this.graph.removeResource(id);
    }
    this.kinds.clear();
    for (const resource of current) this.kinds.set(`${resource.ref.group}/${resource.kind}`, resource);
    for (const resource of current) {
      if (this.watched.has(resource.id)) continue;
      const informer = new Informer(this.client, resource.ref);
      informer.onDidChange((change) => this.observe(resource.id, change));
      this.watched.set(resource.id, { resource, informer });
      try {
        informer.start();
      } catch {
        // Not listable for now (forbidden, gone again): the next resync tries again.
        informer.dispose();
        this.watched.delete(resource.id);
      }
    }
    this.resync?.dispose();
    this.resync = this.clock.schedule(DISCOVERY_RESYNC_MS, () => this.syncResources(), { background: true });
  }

  // ---- the graph builder --------------------------------------------------------------------------

  private observe(resource: string, change: InformerChange<KubeObject>): void {
    const object = change.object;
    const uid = object.metadata.uid ?? '';
    const old = change.old;
    if (old && old.metadata.uid !== uid) this.observeGone(old);
    if (change.type === 'delete') {
      this.observeGone(object);
      return;
    }
    const owners = object.metadata.ownerReferences ?? [];
    this.graph.set({ uid, resource, namespace: object.metadata.namespace, name: object.metadata.name ?? '', owners });
    const fresh = !old || old.metadata.uid !== uid;
    if (fresh) {
      if (owners.length > 0 || awaitsCollector(object)) this.queue.add(uid);
      return;
    }
    const oldOwners = old.metadata.ownerReferences ?? [];
    if (ownersSignature(oldOwners) !== ownersSignature(owners)) {
      this.queue.add(uid);
      // An owner no longer named, or no longer blocked by this dependent, may have been waiting
      // for it (foreground deletion).
      for (const ref of oldOwners) {
        const now = owners.find((o) => o.uid === ref.uid);
        if (!now || (ref.blockOwnerDeletion === true && now.blockOwnerDeletion !== true)) this.queue.add(ref.uid);
      }
    }
    if (awaitsCollector(object) && (!awaitsCollector(old) || finalizersSignature(old) !== finalizersSignature(object))) this.queue.add(uid);
  }

  /** An object is gone: its dependents lost an owner, its owners (if waiting) one dependent less. */
  private observeGone(object: KubeObject): void {
    const uid = object.metadata.uid ?? '';
    this.graph.remove(uid);
    for (const dependent of this.graph.dependentsOf(uid)) this.queue.add(dependent.uid);
    for (const ref of object.metadata.ownerReferences ?? []) this.queue.add(ref.uid);
  }

  // ---- attemptToDeleteItem ------------------------------------------------------------------------

  private attemptToDelete(uid: string): void {
    const node = this.graph.get(uid);
    if (!node) return;
    const object = this.cached(node);
    if (!object) return;
    if (object.metadata.deletionTimestamp !== undefined) {
      const finalizers = object.metadata.finalizers ?? [];
      if (finalizers.includes(ORPHAN_FINALIZER)) this.orphanDependents(node);
      else if (finalizers.includes(FOREGROUND_FINALIZER)) this.processDeletingDependents(node);
      // Otherwise it is going away already; its dependents are handled when it is gone.
      return;
    }
    const refs = object.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;
    const solid: OwnerReference[] = [];
    const unwanted: OwnerReference[] = [];
    let waiting = false;
    for (const ref of refs) {
      const state = this.ownerState(ref, object);
      // classifyReferences fails: nothing is decided about this object for now.
      if (state === 'unresolvable') return;
      if (state === 'solid') solid.push(ref);
      else unwanted.push(ref);
      if (state === 'waiting') waiting = true;
    }
    if (solid.length > 0) {
      // Another owner holds it: drop only the references to owners that are gone or going.
      if (unwanted.length > 0) this.retryOnFailure(uid, this.removeOwnerReferences(node, new Set(unwanted.map((r) => r.uid))));
      return;
    }
    const dependents = this.graph.dependentsOf(uid);
    if (waiting && dependents.length > 0) {
      // An owner waits for its dependents and this one has its own: delete it in the foreground
      // too. If one of those is itself deleting its dependents, a cycle is possible: make this
      // object's references non-blocking first so no owner waits on it forever.
      if (dependents.some((d) => this.isDeletingDependents(d))) {
        const unblocked = this.unblockOwnerReferences(node);
        if (!unblocked.ok) {
          this.queue.addAfter(uid, RETRY_MS);
          return;
        }
      }
      this.retryOnFailure(uid, this.deleteObject(node, 'Foreground'));
      return;
    }
    const finalizers = object.metadata.finalizers ?? [];
    const policy = finalizers.includes(ORPHAN_FINALIZER) ? 'Orphan' : finalizers.includes(FOREGROUND_FINALIZER) ? 'Foreground' : 'Background';
    this.retryOnFailure(uid, this.deleteObject(node, policy));
  }

  /** isDangling and the owner's deletion state: the owner is the object of that kind, name and uid. */
  private ownerState(ref: OwnerReference, dependent: KubeObject): OwnerState {
    if (this.absentOwners.has(ref.uid)) return 'dangling';
    const resource = this.kinds.get(`${groupOf(ref.apiVersion)}/${ref.kind}`);
    // An unknown kind, or a namespaced owner of a cluster-scoped dependent, cannot be resolved:
    // the dependent is kept.
    if (!resource || (resource.namespaced && !dependent.metadata.namespace)) return 'unresolvable';
    const namespace = resource.namespaced ? dependent.metadata.namespace : undefined;
    const key = namespace ? `${namespace}/${ref.name}` : ref.name;
    let owner = this.watched.get(resource.id)?.informer.get(key);
    if (!owner || owner.metadata.uid !== ref.uid) {
      // The cache may be behind: ask the server before calling it gone.
      const got = this.client.get(resource.ref, namespace, ref.name);
      if (!got.ok && got.status.reason !== 'NotFound') return 'unresolvable';
      owner = got.ok ? got.value : undefined;
    }
    if (!owner || owner.metadata.uid !== ref.uid) {
      this.rememberAbsent(ref.uid);
      return 'dangling';
    }
    if (owner.metadata.deletionTimestamp !== undefined && (owner.metadata.finalizers ?? []).includes(FOREGROUND_FINALIZER)) return 'waiting';
    return 'solid';
  }

  private rememberAbsent(uid: string): void {
    if (this.absentOwners.size >= ABSENT_OWNER_CACHE_SIZE) this.absentOwners.clear();
    this.absentOwners.add(uid);
  }

  /** processDeletingDependentsItem: wait for the blocking dependents, then let the owner go. */
  private processDeletingDependents(owner: GraphNode): void {
    const dependents = this.graph.dependentsOf(owner.uid);
    const blocking = dependents.filter((d) => d.owners.some((r) => r.uid === owner.uid && r.blockOwnerDeletion === true));
    if (blocking.length === 0) {
      this.retryOnFailure(owner.uid, this.removeFinalizer(owner, FOREGROUND_FINALIZER));
      return;
    }
    for (const dependent of dependents) this.queue.add(dependent.uid);
  }

  /** attemptToOrphan: every dependent loses its reference to the owner, then the owner its finalizer. */
  private orphanDependents(owner: GraphNode): void {
    for (const dependent of this.graph.dependentsOf(owner.uid)) {
      const removed = this.removeOwnerReferences(dependent, new Set([owner.uid]));
      if (!removed.ok) {
        this.queue.addAfter(owner.uid, RETRY_MS);
        return;
      }
    }
    this.retryOnFailure(owner.uid, this.removeFinalizer(owner, ORPHAN_FINALIZER));
  }

  // ---- writes -----------------------------------------------------------------------------------

  private deleteObject(node: GraphNode, policy: PropagationPolicy): Written {
    const resource = this.watched.get(node.resource)?.resource;
    if (!resource) return { ok: true, code: 200, value: undefined };
    const deleted = this.client.delete(resource.ref, node.namespace, node.name, { propagationPolicy: policy, preconditions: { uid: node.uid } });
    // Gone already, or another object by now (the uid precondition): nothing left to do.
    if (!deleted.ok && (deleted.status.reason === 'NotFound' || deleted.status.code === 409)) return { ok: true, code: 200, value: undefined };
    return deleted;
  }

  /** A JSON merge patch of the remaining ownerReferences, at the live object's resourceVersion. */
  private removeOwnerReferences(node: GraphNode, uids: ReadonlySet<string>): Written {
    return this.patchLive(node, (live) => {
      const refs = live.metadata.ownerReferences ?? [];
      const kept = refs.filter((r) => !uids.has(r.uid));
      if (kept.length === refs.length) return undefined;
      return { ownerReferences: kept.length > 0 ? kept : null };
    });
  }

  /** unblockOwnerReferences: every blockOwnerDeletion: true becomes false. */
  private unblockOwnerReferences(node: GraphNode): Written {
    return this.patchLive(node, (live) => {
      const refs = live.metadata.ownerReferences ?? [];
      if (!refs.some((r) => r.blockOwnerDeletion === true)) return undefined;
      return { ownerReferences: refs.map((r) => (r.blockOwnerDeletion === true ? { ...r, blockOwnerDeletion: false } : r)) };
    });
  }

  private isDeletingDependents(node: GraphNode): boolean {
    const object = this.cached(node);
    return object !== undefined && object.metadata.deletionTimestamp !== undefined && (object.metadata.finalizers ?? []).includes(FOREGROUND_FINALIZER);
  }

  private removeFinalizer(node: GraphNode, finalizer: string): Written {
    return this.patchLive(node, (live) => {
      const finalizers = live.metadata.finalizers ?? [];
      if (!finalizers.includes(finalizer)) return undefined;
      const kept = finalizers.filter((f) => f !== finalizer);
      return { finalizers: kept.length > 0 ? kept : null };
    });
  }

  /** Read the live object and merge-patch its metadata (undefined: nothing to change), retrying conflicts. */
  private patchLive(node: GraphNode, change: (live: KubeObject) => Record<string, unknown> | undefined): Written {
    const resource = this.watched.get(node.resource)?.resource;
    if (!resource) return { ok: true, code: 200, value: undefined };
    let result: Written = { ok: true, code: 200, value: undefined };
    for (let attempt = 0; attempt < CONFLICT_ATTEMPTS; attempt++) {
      const live = this.client.get(resource.ref, node.namespace, node.name);
      if (!live.ok) return live.status.reason === 'NotFound' ? { ok: true, code: 200, value: undefined } : live;
      if (live.value.metadata.uid !== node.uid) return { ok: true, code: 200, value: undefined };
      const metadata = change(live.value);
      if (!metadata) return { ok: true, code: 200, value: undefined };
      const body = { metadata: { ...metadata, resourceVersion: live.value.metadata.resourceVersion, uid: node.uid } };
      result = this.client.patch(resource.ref, node.namespace, node.name, 'merge', body);
      if (result.ok || result.status.code !== 409) break;
    }
    if (!result.ok && result.status.reason === 'NotFound') return { ok: true, code: 200, value: undefined };
    return result;
  }

  private retryOnFailure(uid: string, result: Written): void {
    if (!result.ok) this.queue.addAfter(uid, RETRY_MS);
  }

  private cached(node: GraphNode): KubeObject | undefined {
    const object = this.watched.get(node.resource)?.informer.get(node.namespace ? `${node.namespace}/${node.name}` : node.name);
    return object?.metadata.uid === node.uid ? object : undefined;
  }

  /** For tests and the lab's inspector: the dependents the graph knows of an owner. */
  dependentsOf(ownerUid: string): string[] {
    return this.graph.dependentsOf(ownerUid).map((n) => (n.namespace ? `${n.namespace}/${n.name}` : n.name));
  }

  dispose(): void {
    this.resync?.dispose();
    for (const watched of this.watched.values()) watched.informer.dispose();
    this.watched.clear();
    this.disposables.dispose();
  }
}

/** Deleted with a finalizer the collector handles. */
function awaitsCollector(object: KubeObject): boolean {
  if (object.metadata.deletionTimestamp === undefined) return false;
  const finalizers = object.metadata.finalizers ?? [];
  return finalizers.includes(ORPHAN_FINALIZER) || finalizers.includes(FOREGROUND_FINALIZER);
}

function ownersSignature(refs: readonly OwnerReference[]): string {
  return refs.map((r) => `${r.uid}:${r.blockOwnerDeletion === true ? 'b' : ''}`).join(',');
}

function finalizersSignature(object: KubeObject): string {
  return (object.metadata.finalizers ?? []).join(',');
}

