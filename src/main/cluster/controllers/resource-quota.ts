/**
 * The ResourceQuota controller (kube-controller-manager's resourcequota-controller): keeps every
 * quota's `status.hard` equal to its `spec.hard` and recomputes `status.used` from the objects in
 * its namespace — with the same evaluators the ResourceQuota admission plugin charges by — so usage
 * falls again when Pods finish or objects are deleted. Like the controller's quota monitors it
 * watches every resource some quota counts and resyncs the namespace's quotas when one changes.
 */
import type { KubeObject } from '../../../shared/api/meta.js';
import { type Disposable, DisposableStore } from '../../../shared/lifecycle.js';
import type { Clock } from '../../base/clock.js';
import { canonicalJson } from '../../base/canonical-json.js';
import { type ResourceQuotaObject, evaluatorFor, quotaMatches, resourceForQuotaName } from '../../base/quota-evaluators.js';
import { type QuantityList, ZERO, addLists, mask, toQuantities, toResourceList } from '../../base/resource-list.js';
import type { ApiClient } from '../client/api-client.js';
import { Informer } from '../client/informer.js';
import { RESOURCE_QUOTAS, type ResourceRef } from '../client/resources.js';
import { WorkQueue } from '../client/work-queue.js';

/** Retry a failed status write after this long, as the rate-limited queue would. */
const RETRY_MS = 5_000;

export class ResourceQuotaController implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly quotas: Informer<ResourceQuotaObject>;
  private readonly queue: WorkQueue;
  /** Quota monitors: an informer per counted resource, keyed `group/resource`. */
  private readonly monitors = new Map<string, Informer>();
  private started = false;

  constructor(
    private readonly client: ApiClient,
    private readonly clock: Clock,
  ) {
    this.quotas = this.disposables.add(new Informer<ResourceQuotaObject>(client, RESOURCE_QUOTAS));
    this.queue = this.disposables.add(new WorkQueue(clock, (key) => this.sync(key)));
    this.disposables.add(
      this.quotas.onDidChange((change) => {
        if (change.type === 'delete') return;
        this.monitorResourcesOf(change.object);
        this.queue.add(quotaKey(change.object));
      }),
    );
  }

  start(): void {
    this.started = true;
    this.quotas.start();
  }

  /** Start watching whatever this quota counts (pods for requests.cpu, deployments for count/deployments.apps …). */
  private monitorResourcesOf(quota: ResourceQuotaObject): void {
    for (const name of Object.keys(quota.spec?.hard ?? {})) {
      const target = resourceForQuotaName(name);
      if (!target) continue;
      const key = `${target.group}/${target.resource}`;
      if (this.monitors.has(key)) continue;
      const ref = this.refFor(target.group, target.resource);
      if (!ref) continue;
      const informer = this.disposables.add(new Informer(this.client, ref));
      this.monitors.set(key, informer);
      this.disposables.add(informer.onDidChange((change) => this.resyncNamespace(change.object.metadata.namespace)));
      if (this.started) informer.start();
    }
  }

  private refFor(group: string, resource: string): ResourceRef | undefined {
    const served = this.client.discovery().find((r) => r.group === group && r.name === resource);
    return served ? { group, version: served.version, resource } : undefined;
  }

  private resyncNamespace(namespace: string | undefined): void {
    if (!namespace) return;
    for (const quota of this.quotas.list((q) => q.metadata.namespace === namespace)) this.queue.add(quotaKey(quota));
  }

  /** syncResourceQuota: hard from spec, used recalculated for every hard resource. */
  private sync(key: string): void {
    const quota = this.quotas.get(key);
    if (!quota) return;
    const hard = quota.spec?.hard ?? {};
    const used = this.usage(quota, Object.keys(hard));
    if (!used) {
      this.queue.addAfter(key, RETRY_MS);
      return;
    }
    // Stored quantities are canonical (`1000m` reads back as `1`).
    const status = { hard: toResourceList(toQuantities(hard)), used: toResourceList(used) };
    if (canonicalJson(quota.status ?? {}) === canonicalJson(status)) return;
    const written = this.client.updateStatus(RESOURCE_QUOTAS, quota.metadata.namespace, { ...quota, status });
    if (!written.ok && written.status.reason !== 'NotFound') this.queue.addAfter(key, RETRY_MS);
  }

  /** CalculateUsageStats for each counted resource: zero, plus every matching object's usage. */
  private usage(quota: ResourceQuotaObject, hardNames: string[]): QuantityList | undefined {
    const namespace = quota.metadata.namespace;
    // Matching goes by status.hard, which this sync is about to set from spec.hard.
    const probe: ResourceQuotaObject = { ...quota, status: { ...quota.status, hard: quota.spec?.hard ?? {} } };
    let used: QuantityList = new Map(hardNames.map((name) => [name, ZERO]));
    const now = this.clock.now();
    const targets = new Map<string, { group: string; resource: string }>();
    for (const name of hardNames) {
      const target = resourceForQuotaName(name);
      if (target) targets.set(`${target.group}/${target.resource}`, target);
    }
    for (const { group, resource } of targets.values()) {
      const ref = this.refFor(group, resource);
      if (!ref) continue;
      const listed = this.client.list<KubeObject>(ref, namespace);
      if (!listed.ok) return undefined;
      const evaluator = evaluatorFor(group, resource);
      const counted = evaluator.matchingResources(hardNames);
      for (const object of listed.value.items) {
        if (!quotaMatches(probe, evaluator, object)) continue;
        used = addLists(used, mask(evaluator.usage(object, now), counted));
      }
    }
    return used;
  }

  dispose(): void {
    this.disposables.dispose();
  }
}

function quotaKey(quota: KubeObject): string {
  return `${quota.metadata.namespace ?? ''}/${quota.metadata.name ?? ''}`;
}
