/**
 * ResourceQuota (k8s.io/apiserver/pkg/admission/plugin/resourcequota), the last plugin: a write that
 * adds usage is checked against every ResourceQuota of its namespace that tracks it (by
 * `status.hard`, which the quota controller fills in), refused with 1.32's `exceeded quota: …` /
 * `failed quota: …` messages, and otherwise charged to the quotas' `status.used` at once — so two
 * quick creates cannot both slip under the limit. A dry run checks but charges nothing.
 */
import type { Status } from '../../../../shared/api/meta.js';
import type { StrategyContext } from '../registry/resource.js';
import type { AdmissionAttributes, AdmissionPlugin } from './admission.js';
import { forbid } from './forbid.js';
import { type ResourceQuotaObject, evaluatorFor, quotaMatches } from '../../../base/quota-evaluators.js';
import { type QuantityList, addLists, exceeding, isZero, mask, prettyPrint, subtractLists, toQuantities, toResourceList } from '../../../base/resource-list.js';

function checkAndCharge(attributes: AdmissionAttributes, ctx: StrategyContext): Status | undefined {
  const object = attributes.object;
  if (!object || !attributes.namespace) return undefined;
  const { group, plural } = attributes.resource;
  // Subresources never change usage here (the `resize` subresource is not served).
  if (attributes.subresource) return undefined;
  const evaluator = evaluatorFor(group, plural);
  if (!evaluator.handles(attributes.operation)) return undefined;
  const quotas = ctx.listIn('', 'resourcequotas', attributes.namespace) as ResourceQuotaObject[];
  const interesting: ResourceQuotaObject[] = [];
  for (const quota of quotas) {
    if (!quotaMatches(quota, evaluator, object)) continue;
    const restricted = evaluator.matchingResources(Object.keys(quota.status?.hard ?? {}));
    const failed = evaluator.constraints?.(restricted, object);
    if (failed) return forbid(attributes, `failed quota: ${quota.metadata.name ?? ''}: ${failed}`);
    const untracked = restricted.filter((r) => quota.status?.used?.[r] === undefined).sort();
    if (untracked.length > 0) return forbid(attributes, `status unknown for quota: ${quota.metadata.name ?? ''}, resources: ${restricted.slice().sort().join(',')}`);
    interesting.push(quota);
  }
  if (interesting.length === 0) return undefined;
  const now = ctx.now();
  let delta: QuantityList = evaluator.usage(object, now);
  if (attributes.operation === 'UPDATE' && attributes.oldObject) delta = subtractLists(delta, evaluator.usage(attributes.oldObject, now));
  if (isZero(delta)) return undefined;
  const charged: Array<{ quota: ResourceQuotaObject; used: QuantityList }> = [];
  for (const quota of interesting) {
    const hard = toQuantities(quota.status?.hard);
    const used = toQuantities(quota.status?.used);
    const requested = mask(delta, hard.keys());
    const newUsage = addLists(used, requested);
    const over = exceeding(mask(newUsage, requested.keys()), hard);
    if (over.length > 0) {
      return forbid(
        attributes,
        `exceeded quota: ${quota.metadata.name ?? ''}, requested: ${prettyPrint(mask(requested, over))}, used: ${prettyPrint(mask(used, over))}, limited: ${prettyPrint(mask(hard, over))}`,
      );
    }
    charged.push({ quota, used: newUsage });
  }
  if (attributes.dryRun) return undefined;
  for (const { quota, used } of charged) {
    const next: ResourceQuotaObject = { ...quota, status: { ...quota.status, used: toResourceList(used) } };
    const written = ctx.internal({ verb: 'update', group: '', version: 'v1', resource: 'resourcequotas', subresource: 'status', namespace: attributes.namespace, name: quota.metadata.name, body: next });
    // kube-apiserver retries a conflicting quota write against a fresh read; the lab is
    // single-threaded, so a conflict means the quota changed under us and the request fails.
    if (!written.ok) return forbid(attributes, `status unknown for quota: ${quota.metadata.name ?? ''}`);
  }
  return undefined;
}

export const resourceQuota: AdmissionPlugin = {
  name: 'ResourceQuota',
  validate(attributes, ctx) {
    if (attributes.operation !== 'CREATE' && attributes.operation !== 'UPDATE') return undefined;
    return checkAndCharge(attributes, ctx);
  },
};
