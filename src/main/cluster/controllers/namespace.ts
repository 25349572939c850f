/**
 * The namespace controller (kube-controller-manager's namespace-controller): empties a namespace
 * being deleted. The API server marks it Terminating; five seconds later (so every API server's
 * NamespaceLifecycle admission has seen it) this controller deletes every namespaced object of
 * every resource in it, records how that went in the namespace's conditions, re-checks while Pods
 * terminate gracefully or finalizers hold objects, and once nothing is left removes the
 * `kubernetes` finalizer through `namespaces/<name>/finalize`, which lets the namespace go.
 */
import type { Namespace, Pod } from '../../../shared/api/core.js';
import type { KubeObject } from '../../../shared/api/meta.js';
import { type Disposable, DisposableStore } from '../../../shared/lifecycle.js';
import type { Clock } from '../../base/clock.js';
import { rfc3339 } from '../../base/duration.js';
import type { ApiClient } from '../client/api-client.js';
import { Informer } from '../client/informer.js';
import { NAMESPACES, PODS } from '../client/resources.js';
import { WorkQueue } from '../client/work-queue.js';
import { type DeletableResource, deletableResources } from './garbage-collector/deletable-resources.js';

/** The finalizer token this controller owns in `spec.finalizers`. */
export const KUBERNETES_FINALIZER = 'kubernetes';
/** namespaceDeletionGracePeriod: wait before acting on a namespace event. */
const NAMESPACE_DELETION_GRACE_PERIOD_MS = 5_000;
/** finalizerEstimateSeconds: the re-check estimate while objects wait on finalizers. */
const FINALIZER_ESTIMATE_SECONDS = 15;
/** nsControllerRateLimiter's back-off for failures: 5 ms doubling, retried at least every minute. */
const FAILURE_BASE_MS = 5;
const FAILURE_MAX_MS = 60_000;

export interface NamespaceCondition {
  type: string;
  status: 'True' | 'False';
  lastTransitionTime: string;
  reason: string;
  message: string;
}

type NamespaceWithConditions = Namespace & { status?: Namespace['status'] & { conditions?: NamespaceCondition[] } };

/** The condition types the deleter maintains, in the order it adds them. */
const CONDITION_TYPES = [
  'NamespaceDeletionDiscoveryFailure',
  'NamespaceDeletionGroupVersionParsingFailure',
  'NamespaceDeletionContentFailure',
  'NamespaceContentRemaining',
  'NamespaceFinalizersRemaining',
] as const;
type ConditionType = (typeof CONDITION_TYPES)[number];

const OK: Record<ConditionType, { reason: string; message: string }> = {
  NamespaceDeletionDiscoveryFailure: { reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
  NamespaceDeletionGroupVersionParsingFailure: { reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
  NamespaceDeletionContentFailure: { reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
  NamespaceContentRemaining: { reason: 'ContentRemoved', message: 'All content successfully removed' },
  NamespaceFinalizersRemaining: { reason: 'ContentRemoved', message: 'All content successfully removed' },
};

/** What deleting one resource's content left behind. */
interface ResourceRemaining {
  estimateSeconds: number;
  remaining: number;
  finalizers: Map<string, number>;
  error?: string;
}

type SyncResult = { done: true } | { done: false; retryAfterMs: number } | { done: false; failed: true };

export class NamespaceController implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly namespaces: Informer<Namespace>;
  private readonly queue: WorkQueue;
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly client: ApiClient,
    private readonly clock: Clock,
  ) {
    this.namespaces = this.disposables.add(new Informer<Namespace>(client, NAMESPACES));
    this.queue = this.disposables.add(new WorkQueue(clock, (name) => this.sync(name)));
    this.disposables.add(
      this.namespaces.onDidChange((change) => {
        // Only namespaces being deleted are of interest.
        if (change.type === 'delete' || change.object.metadata.deletionTimestamp === undefined) return;
        this.queue.addAfter(change.object.metadata.name ?? '', NAMESPACE_DELETION_GRACE_PERIOD_MS);
      }),
    );
  }

  start(): void {
    this.namespaces.start();
  }

  private sync(name: string): void {
    const result = this.deleteNamespace(name);
    if (result.done) {
      this.failures.delete(name);
      return;
    }
    if ('retryAfterMs' in result) {
      this.failures.delete(name);
      this.queue.addAfter(name, result.retryAfterMs);
      return;
    }
    const failures = this.failures.get(name) ?? 0;
    this.failures.set(name, failures + 1);
    this.queue.addAfter(name, Math.min(FAILURE_MAX_MS, FAILURE_BASE_MS * 2 ** failures));
  }

  /** namespacedResourcesDeleter.Delete. */
  private deleteNamespace(name: string): SyncResult {
    const got = this.client.get<NamespaceWithConditions>(NAMESPACES, undefined, name);
    if (!got.ok) return got.status.reason === 'NotFound' ? { done: true } : { done: false, failed: true };
    let namespace = got.value;
    if (namespace.metadata.deletionTimestamp === undefined) return { done: true };
    if (namespace.status?.phase !== 'Terminating') {
      const updated = this.client.updateStatus<NamespaceWithConditions>(NAMESPACES, undefined, { ...namespace, status: { ...namespace.status, phase: 'Terminating' } });
      if (!updated.ok) return { done: false, failed: true };
      namespace = updated.value;
    }
    if ((namespace.spec?.finalizers ?? []).length === 0) return { done: true };
    const content = this.deleteAllContent(namespace);
    if (content.failed) return { done: false, failed: true };
    // ResourcesRemainingError: look again after half the estimate.
    if (content.estimateSeconds > 0) return { done: false, retryAfterMs: (Math.floor(content.estimateSeconds / 2) + 1) * 1000 };
    return this.finalize(namespace) ? { done: true } : { done: false, failed: true };
  }

  /** deleteAllContent: every namespaced resource that can be deleted, then the conditions. */
  private deleteAllContent(namespace: NamespaceWithConditions): { estimateSeconds: number; failed: boolean } {
    const name = namespace.metadata.name ?? '';
    const deletedAt = Date.parse(namespace.metadata.deletionTimestamp ?? '');
    const resources = deletableResources(this.client.discovery(), ['delete']).filter((r) => r.namespaced);
    let estimateSeconds = 0;
    const errors: string[] = [];
    const remainingByResource: string[] = [];
    const remainingByFinalizer = new Map<string, number>();
    for (const resource of resources) {
      const result = this.deleteContentOf(resource, name, deletedAt);
      if (result.error) errors.push(result.error);
      estimateSeconds = Math.max(estimateSeconds, result.estimateSeconds);
      if (result.remaining > 0) {
        remainingByResource.push(`${resource.ref.resource}.${resource.ref.group} has ${result.remaining} resource instances`);
        for (const [finalizer, count] of result.finalizers) remainingByFinalizer.set(finalizer, (remainingByFinalizer.get(finalizer) ?? 0) + count);
      }
    }
    const failed: Partial<Record<ConditionType, { reason: string; message: string }>> = {};
    if (errors.length > 0) {
      failed.NamespaceDeletionContentFailure = {
        reason: 'ContentDeletionFailed',
        message: `Failed to delete all resource types, ${errors.length} remaining: ${[...errors].sort().join(', ')}`,
      };
    }
    if (remainingByResource.length > 0) {
      failed.NamespaceContentRemaining = { reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${remainingByResource.sort().join(', ')}` };
    }
    if (remainingByFinalizer.size > 0) {
      const parts = [...remainingByFinalizer].map(([finalizer, count]) => `${finalizer} in ${count} resource instances`).sort();
      failed.NamespaceFinalizersRemaining = { reason: 'SomeFinalizerRemain', message: `Some finalizers are remaining: ${parts.join(', ')}` };
    }
    this.updateConditions(namespace, failed);
    return { estimateSeconds, failed: errors.length > 0 };
  }

  /** deleteAllContentForGroupVersionResource. */
  private deleteContentOf(resource: DeletableResource, namespace: string, deletedAt: number): ResourceRemaining {
    let estimateSeconds = resource.ref.group === '' && resource.ref.resource === 'pods' ? this.estimateForPods(namespace) : 0;
    // Past the estimate since the namespace was deleted: no more waiting on graceful termination.
    if (this.clock.now() - deletedAt >= estimateSeconds * 1000) estimateSeconds = 0;
    const none: ResourceRemaining = { estimateSeconds, remaining: 0, finalizers: new Map() };
    // Background: the collector must not add `orphan`; everything in the namespace goes anyway.
    const options = { propagationPolicy: 'Background' as const };
    if (resource.verbs.includes('deletecollection')) {
      const deleted = this.client.request({ verb: 'deletecollection', ...resource.ref, namespace, deleteOptions: options });
      if (!deleted.ok && deleted.status.code !== 404 && deleted.status.code !== 405) return { ...none, error: deleted.status.message ?? '' };
    } else if (resource.verbs.includes('list')) {
      const listed = this.client.list(resource.ref, namespace);
      if (!listed.ok) return { ...none, error: listed.status.message ?? '' };
      for (const item of listed.value.items) {
        const deleted = this.client.delete(resource.ref, namespace, item.metadata.name ?? '', options);
        if (!deleted.ok && deleted.status.code !== 404 && deleted.status.code !== 405) return { ...none, error: deleted.status.message ?? '' };
      }
    }
    if (!resource.verbs.includes('list')) return none;
    const listed = this.client.list(resource.ref, namespace);
    if (!listed.ok) return { ...none, error: listed.status.message ?? '' };
    const items: KubeObject[] = listed.value.items;
    const finalizers = new Map<string, number>();
    for (const item of items) for (const f of item.metadata.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
    if (items.length > 0 && estimateSeconds === 0) {
      // Objects held by finalizers are normal: give their controllers time.
      if (finalizers.size > 0) return { estimateSeconds: FINALIZER_ESTIMATE_SECONDS, remaining: items.length, finalizers };
      const gvr = `${resource.ref.group}/${resource.ref.version}, Resource=${resource.ref.resource}`;
      return { estimateSeconds, remaining: items.length, finalizers, error: `unexpected items still remain in namespace: ${namespace} for gvr: ${gvr}` };
    }
    return { estimateSeconds, remaining: items.length, finalizers };
  }

  /** estimateGracefulTerminationForPods: the longest grace period of a Pod not yet finished. */
  private estimateForPods(namespace: string): number {
    const listed = this.client.list<Pod>(PODS, namespace);
    if (!listed.ok) return 0;
    let estimate = 0;
    for (const pod of listed.value.items) {
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') continue;
      estimate = Math.max(estimate, pod.spec.terminationGracePeriodSeconds ?? 0);
    }
    return estimate;
  }

  /** namespaceConditionUpdater.Update: every condition type present, written only when it changed. */
  private updateConditions(namespace: NamespaceWithConditions, failed: Partial<Record<ConditionType, { reason: string; message: string }>>): void {
    const now = rfc3339(this.clock.now());
    const conditions = structuredClone(namespace.status?.conditions ?? []);
    let changed = false;
    for (const type of CONDITION_TYPES) {
      const wanted = failed[type];
      const status = wanted ? 'True' : 'False';
      const { reason, message } = wanted ?? OK[type];
      const existing = conditions.find((c) => c.type === type);
      if (!existing) {
        conditions.push({ type, status, lastTransitionTime: now, reason, message });
        changed = true;
      } else if (existing.status !== status || existing.reason !== reason || existing.message !== message) {
        if (existing.status !== status) existing.lastTransitionTime = now;
        Object.assign(existing, { status, reason, message });
        changed = true;
      }
    }
    if (!changed) return;
    // A failed status write is retried with the next pass (the deleter only logs it).
    this.client.updateStatus(NAMESPACES, undefined, { ...namespace, status: { ...namespace.status, conditions } });
  }

  /** finalizeNamespace: `spec.finalizers` without ours, through the finalize subresource. */
  private finalize(namespace: NamespaceWithConditions): boolean {
    const name = namespace.metadata.name ?? '';
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = this.client.get<NamespaceWithConditions>(NAMESPACES, undefined, name);
      if (!current.ok) return current.status.reason === 'NotFound';
      if (current.value.metadata.uid !== namespace.metadata.uid) return true;
      const finalizers = [...new Set((current.value.spec?.finalizers ?? []).filter((f) => f !== KUBERNETES_FINALIZER))].sort();
      const body = { ...current.value, spec: { ...current.value.spec, finalizers } };
      const result = this.client.request({ verb: 'update', ...NAMESPACES, subresource: 'finalize', name, body });
      if (result.ok || result.status.reason === 'NotFound') return true;
      if (result.status.code !== 409) return false;
    }
    return false;
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
