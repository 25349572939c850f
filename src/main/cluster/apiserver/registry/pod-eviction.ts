/**
 * `POST pods/<name>/eviction` (policy/v1 Eviction), following kube-apiserver 1.32's EvictionREST:
 * finished, pending or already-deleting Pods are deleted at once; otherwise the one
 * PodDisruptionBudget that selects the Pod must allow a disruption, which is spent (decremented and
 * recorded in `status.disruptedPods`) before the Pod is deleted with the Eviction's DeleteOptions.
 * Refusals are the 429s `kubectl drain` retries on.
 */
import type { Pod } from '../../../../shared/api/core.js';
import type { KubeObject, Status, StatusCause } from '../../../../shared/api/meta.js';
import { type DisruptionBudget, isPodReady, updateDisruptionAllowedCondition } from '../../../base/disruption-budget.js';
import { rfc3339 } from '../../../base/duration.js';
import { labelSelectorAsSelector } from '../../../base/label-selector.js';
import { badRequest, conflict, forbiddenWith } from '../errors.js';
import type { ApiResult, DeleteOptions } from '../types.js';
import type { StrategyContext, SubresourceHandler } from './resource.js';

/** MaxDisruptedPodSize: beyond this many unconfirmed evictions the budget refuses more. */
const MAX_DISRUPTED_POD_SIZE = 2000;

/** EvictionsRetry.Steps: attempts at a PodDisruptionBudget status update that conflicts. */
const EVICTION_RETRIES = 20;

interface Eviction extends KubeObject {
  deleteOptions?: DeleteOptions;
}

const TOO_MANY_REQUESTS_MESSAGE = "Cannot evict pod as it would violate the pod's disruption budget.";

function failure(code: number, reason: Status['reason'], message: string, details?: Status['details']): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, ...(reason ? { reason } : {}), ...(details ? { details } : {}), code };
}

/** errors.NewTooManyRequests with one DisruptionBudget cause (retryAfterSeconds omitted when 0). */
function tooManyRequests(cause: string, retryAfterSeconds: number): Status {
  const causes: StatusCause[] = [{ reason: 'DisruptionBudget', message: cause }];
  return failure(429, 'TooManyRequests', TOO_MANY_REQUESTS_MESSAGE, { causes, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) });
}

/** createTooManyRequestsError: the budget has not caught up with its spec (or a race was lost). */
function stillProcessing(pdbName: string): Status {
  return tooManyRequests(`The disruption budget ${pdbName} is still being processed by the server.`, 10);
}

const SUCCESS: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };

/** canIgnorePDB: a Pod that is finished, not yet running, or already going is deleted directly. */
function canIgnoreBudget(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || pod.metadata.deletionTimestamp !== undefined;
}

/** shouldEnforceResourceVersion: delete exactly the Pod that was judged, unless it is finished or going. */
function shouldEnforceResourceVersion(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return !(phase === 'Succeeded' || phase === 'Failed' || pod.metadata.deletionTimestamp !== undefined);
}

function resourceVersionUnset(options: DeleteOptions): boolean {
  return !options.preconditions?.resourceVersion;
}

function withResourceVersion(options: DeleteOptions, resourceVersion: string | undefined): DeleteOptions {
  return { ...options, preconditions: { ...options.preconditions, resourceVersion } };
}

function isConflict(result: ApiResult<unknown>): boolean {
  return !result.ok && result.status.code === 409;
}

/** The budgets in the Pod's namespace whose selector matches it (an empty selector matches all). */
function budgetsFor(pod: Pod, ctx: StrategyContext): DisruptionBudget[] {
  return (ctx.listIn('policy', 'poddisruptionbudgets', pod.metadata.namespace) as DisruptionBudget[]).filter((pdb) => {
    const selector = labelSelectorAsSelector(pdb.spec?.selector);
    return selector.ok && selector.selector.matches(pod.metadata.labels);
  });
}

/**
 * addConditionAndDeletePod: mark the Pod `DisruptionTarget` (PodDisruptionConditions, on by
 * default) through its status, then delete it. The preconditions are checked against the latest
 * Pod first, with the registry's own wording.
 */
function addConditionAndDelete(pod: Pod, options: DeleteOptions, dryRun: boolean, ctx: StrategyContext): ApiResult<unknown> {
  const namespace = pod.metadata.namespace;
  const name = pod.metadata.name ?? '';
  let deleteOptions = options;
  if (!dryRun) {
    const latest = ctx.get('', 'pods', namespace, name) as Pod | undefined;
    if (latest) {
      const podKind = { group: '', resource: 'Pod' };
      const uid = options.preconditions?.uid;
      if (uid && uid !== latest.metadata.uid) {
        return {
          ok: false,
          status: conflict(podKind, name, `the UID in the precondition (${uid}) does not match the UID in record (${latest.metadata.uid ?? ''}). The object might have been deleted and then recreated`),
        };
      }
      const rv = options.preconditions?.resourceVersion;
      if (rv && rv !== latest.metadata.resourceVersion) {
        return {
          ok: false,
          status: conflict(podKind, name, `the ResourceVersion in the precondition (${rv}) does not match the ResourceVersion in record (${latest.metadata.resourceVersion ?? ''}). The object might have been modified`),
        };
      }
      const updated = ctx.internal({
        verb: 'update',
        group: '',
        version: 'v1',
        resource: 'pods',
        subresource: 'status',
        namespace,
        name,
        body: withDisruptionTarget(latest, ctx.now()),
      });
      if (!updated.ok) return updated;
      if (!resourceVersionUnset(options)) deleteOptions = withResourceVersion(options, (updated.value as Pod).metadata.resourceVersion);
    }
  }
  return ctx.internal({
    verb: 'delete',
    group: '',
    version: 'v1',
    resource: 'pods',
    namespace,
    name,
    deleteOptions: { ...deleteOptions, ...(dryRun ? { dryRun: ['All'] } : {}) },
  });
}

/** podutil.UpdatePodCondition with the eviction's DisruptionTarget condition. */
function withDisruptionTarget(pod: Pod, now: number): Pod {
  const copy = structuredClone(pod);
  const status = (copy.status ??= {});
  const conditions = (status.conditions ??= []);
  const existing = conditions.find((c) => c.type === 'DisruptionTarget');
  const condition = {
    type: 'DisruptionTarget',
    status: 'True' as const,
    lastProbeTime: existing?.lastProbeTime ?? null,
    lastTransitionTime: existing?.status === 'True' ? (existing.lastTransitionTime ?? rfc3339(now)) : rfc3339(now),
    reason: 'EvictionByEvictionAPI',
    message: 'Eviction API: evicting',
  };
  if (existing) conditions[conditions.indexOf(existing)] = condition;
  else conditions.push(condition);
  return copy;
}

/** checkAndDecrement: spend one disruption of the budget, or say why not. */
function checkAndDecrement(podName: string, pdb: DisruptionBudget, dryRun: boolean, ctx: StrategyContext): ApiResult<unknown> {
  const status = pdb.status ?? {};
  const name = pdb.metadata.name ?? '';
  if ((status.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) return { ok: false, status: stillProcessing(name) };
  const allowed = status.disruptionsAllowed ?? 0;
  const budgetResource = { group: 'policy', resource: 'poddisruptionbudget' };
  if (allowed < 0) return { ok: false, status: forbiddenWith(budgetResource, name, 'pdb disruptions allowed is negative') };
  if (Object.keys(status.disruptedPods ?? {}).length > MAX_DISRUPTED_POD_SIZE) {
    return { ok: false, status: forbiddenWith(budgetResource, name, 'DisruptedPods map too big - too many evictions not confirmed by PDB controller') };
  }
  if (allowed === 0) {
    return {
      ok: false,
      status: tooManyRequests(`The disruption budget ${name} needs ${status.desiredHealthy ?? 0} healthy pods and has ${status.currentHealthy ?? 0} currently`, 0),
    };
  }
  if (dryRun) return { ok: true, code: 200, value: pdb };
  const next = structuredClone(pdb);
  const nextStatus = (next.status ??= {});
  nextStatus.disruptionsAllowed = allowed - 1;
  if (nextStatus.disruptionsAllowed === 0) updateDisruptionAllowedCondition(nextStatus, ctx.now());
  // Tell the disruption controller this Pod is about to go, so it stops counting it as healthy;
  // it forgets the entry if the Pod is still there two minutes later.
  nextStatus.disruptedPods = { ...nextStatus.disruptedPods, [podName]: rfc3339(ctx.now()) };
  return ctx.internal({
    verb: 'update',
    group: 'policy',
    version: 'v1',
    resource: 'poddisruptionbudgets',
    subresource: 'status',
    namespace: pdb.metadata.namespace,
    name,
    body: next,
  });
}

/** The handler for `pods/eviction`. */
export const podEvictionHandler: SubresourceHandler = {
  verbs: ['create'],
  handle(request, parent, ctx) {
    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return { ok: false, status: badRequest('the body of the request was in an unknown format') };
    }
    const eviction = body as Eviction;
    if (eviction.kind !== undefined && eviction.kind !== 'Eviction') {
      return { ok: false, status: badRequest(`not a Eviction object: ${eviction.kind}`) };
    }
    const evictionNamespace = eviction.metadata?.namespace;
    if (evictionNamespace && request.namespace && evictionNamespace !== request.namespace) {
      return { ok: false, status: badRequest('the namespace of the provided object does not match the namespace sent on the request') };
    }
    if ((eviction.metadata?.name ?? '') !== (request.name ?? '')) {
      return { ok: false, status: badRequest('name in URL does not match name in Eviction object') };
    }
    // propagateDryRun: `?dryRun=All` and the Eviction's own DeleteOptions.dryRun both count.
    const original: DeleteOptions = { ...eviction.deleteOptions };
    const dryRun = request.query?.dryRun === 'All' || original.dryRun?.includes('All') === true;
    delete original.dryRun;
    const pod = parent as Pod;

    if (canIgnoreBudget(pod)) {
      const options = shouldEnforceResourceVersion(pod) && resourceVersionUnset(original) ? withResourceVersion(original, pod.metadata.resourceVersion) : original;
      const deleted = addConditionAndDelete(pod, options, dryRun, ctx);
      return deleted.ok ? { ok: true, code: 201, value: SUCCESS } : deleted;
    }

    const budgets = budgetsFor(pod, ctx);
    if (budgets.length > 1) {
      return { ok: false, status: failure(500, undefined, 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.') };
    }
    let guardedBy: string | undefined;
    let enforceResourceVersion = false;
    const budget = budgets[0];
    if (budget) {
      guardedBy = budget.metadata.name ?? '';
      const status = budget.status ?? {};
      const desired = status.desiredHealthy ?? 0;
      // An unready Pod does not count towards currentHealthy: deleting it disrupts nothing more,
      // so it goes without spending the budget (always with AlwaysAllow, or while the budget is met).
      const unreadyAllowed =
        !isPodReady(pod) && (budget.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow' || ((status.currentHealthy ?? 0) >= desired && desired > 0));
      if (unreadyAllowed) {
        enforceResourceVersion = true;
      } else {
        let current = budget;
        let spent: ApiResult<unknown> | undefined;
        for (let attempt = 0; attempt < EVICTION_RETRIES; attempt++) {
          spent = checkAndDecrement(pod.metadata.name ?? '', current, dryRun, ctx);
          if (!isConflict(spent)) break;
          const refreshed = ctx.get('policy', 'poddisruptionbudgets', pod.metadata.namespace, guardedBy) as DisruptionBudget | undefined;
          if (!refreshed) break;
          current = refreshed;
        }
        if (spent && isConflict(spent)) {
          return {
            ok: false,
            status: failure(504, 'Timeout', `Timeout: couldn't update PodDisruptionBudget ${JSON.stringify(guardedBy)} due to conflicts`, { retryAfterSeconds: 10 }),
          };
        }
        if (spent && !spent.ok) return spent;
      }
    }
    const options = enforceResourceVersion ? withResourceVersion(original, pod.metadata.resourceVersion) : original;
    const deleted = addConditionAndDelete(pod, options, dryRun, ctx);
    if (!deleted.ok) {
      // The Pod changed (became ready?) since it was judged: let the client retry.
      if (isConflict(deleted) && enforceResourceVersion && resourceVersionUnset(original)) return { ok: false, status: stillProcessing(guardedBy ?? '') };
      return deleted;
    }
    return { ok: true, code: 201, value: SUCCESS };
  },
};
