/**
 * kube-controller-manager's clusterrole-aggregation controller: a ClusterRole with an
 * `aggregationRule` gets as its rules the union of the rules of every other ClusterRole its
 * selectors match (by name order, each rule once, in order) — how `admin`, `edit` and `view` pick
 * up the `rbac.authorization.k8s.io/aggregate-to-*` roles. Any ClusterRole change requeues every
 * aggregated one (the set is small, as the controller's own comment says); it writes only when the
 * rules differ, so a second pass writes nothing.
 */
import type { ClusterRole, PolicyRule } from '../../../shared/api/rbac.js';
import { type Disposable, DisposableStore } from '../../../shared/lifecycle.js';
import type { Clock } from '../../base/clock.js';
import { labelSelectorAsSelector } from '../../base/label-selector.js';
import type { ApiClient } from '../client/api-client.js';
import { Informer, objectKey } from '../client/informer.js';
import { CLUSTER_ROLES } from '../client/resources.js';
import { WorkQueue } from '../client/work-queue.js';

const FIELD_MANAGER = 'clusterrole-aggregation-controller';
/** A failed write is retried after this long (the queue's rate limiter, simplified). */
const RETRY_MS = 1000;

/** equality.Semantic on a PolicyRule: a missing list and an empty one are the same. */
function ruleKey(rule: PolicyRule): string {
  return JSON.stringify([rule.verbs ?? [], rule.apiGroups ?? [], rule.resources ?? [], rule.resourceNames ?? [], rule.nonResourceURLs ?? []]);
}

function sameRules(a: readonly PolicyRule[], b: readonly PolicyRule[]): boolean {
  return a.length === b.length && a.every((rule, i) => ruleKey(rule) === ruleKey(b[i]!));
}

/** The rules an aggregated ClusterRole should have, given every ClusterRole there is. */
export function aggregatedRules(role: ClusterRole, all: readonly ClusterRole[]): { ok: true; rules: PolicyRule[] } | { ok: false; error: string } {
  const rules: PolicyRule[] = [];
  const seen = new Set<string>();
  for (const selector of role.aggregationRule?.clusterRoleSelectors ?? []) {
    const compiled = labelSelectorAsSelector(selector);
    if (!compiled.ok) return { ok: false, error: compiled.error };
    const matching = all
      .filter((other) => other.metadata.name !== role.metadata.name && compiled.selector.matches(other.metadata.labels))
      .sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : (a.metadata.name ?? '') > (b.metadata.name ?? '') ? 1 : 0));
    for (const other of matching) {
      for (const rule of other.rules ?? []) {
        const key = ruleKey(rule);
        if (seen.has(key)) continue;
        seen.add(key);
        rules.push(rule);
      }
    }
  }
  return { ok: true, rules };
}

export class ClusterRoleAggregationController implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly clusterRoles: Informer<ClusterRole>;
  private readonly queue: WorkQueue;

  constructor(
    private readonly client: ApiClient,
    clock: Clock,
  ) {
    this.clusterRoles = this.disposables.add(new Informer<ClusterRole>(client, CLUSTER_ROLES));
    this.queue = this.disposables.add(new WorkQueue(clock, (key) => this.sync(key)));
    this.disposables.add(this.clusterRoles.onDidChange(() => this.enqueueAggregated()));
  }

  start(): void {
    this.clusterRoles.start();
  }

  private enqueueAggregated(): void {
    for (const role of this.clusterRoles.list((r) => r.aggregationRule !== undefined && r.aggregationRule !== null)) this.queue.add(objectKey(role));
  }

  private sync(key: string): void {
    const role = this.clusterRoles.get(key);
    if (!role?.aggregationRule) return;
    const wanted = aggregatedRules(role, this.clusterRoles.list());
    if (!wanted.ok) return;
    if (sameRules(wanted.rules, role.rules ?? [])) return;
    if (!this.apply(role.metadata.name ?? '', wanted.rules)) this.queue.addAfter(key, RETRY_MS);
  }

  /**
   * Server-side apply of just `rules`, forced, as field manager `clusterrole-aggregation-controller`
   * (no rules: the field is left out, so the apply removes it); a server without apply (415) gets a
   * merge patch instead, the controller's own fallback.
   */
  private apply(name: string, rules: PolicyRule[]): boolean {
    const body = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, ...(rules.length > 0 ? { rules } : {}) };
    const applied = this.client.patch(CLUSTER_ROLES, undefined, name, 'apply', body, { query: { fieldManager: FIELD_MANAGER, force: true } });
    if (applied.ok || applied.status.code !== 415) return applied.ok;
    return this.client.patch(CLUSTER_ROLES, undefined, name, 'merge', { rules: rules.length > 0 ? rules : null }).ok;
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
