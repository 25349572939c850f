/**
 * LimitRanger (plugin/pkg/admission/limitranger): a new Pod's containers get the namespace's
 * LimitRange defaults (`default` → limits, `defaultRequest` → requests) with the
 * `kubernetes.io/limit-ranger` annotation saying what was set; then Container and Pod min / max /
 * maxLimitRequestRatio, and PersistentVolumeClaim storage min / max, are enforced with 1.32's
 * messages. Pod updates are not checked: containers' resources cannot change.
 */
import type { Container, Pod } from '../../../../shared/api/core.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import type { LimitRange, LimitRangeItem } from '../registry/core-v1-policy.js';
import type { StrategyContext } from '../registry/resource.js';
import type { AdmissionAttributes, AdmissionPlugin } from './admission.js';
import { aggregate, forbid, isResource } from './forbid.js';
import { podResources } from '../../../base/quota-evaluators.js';
import { type Quantity, type QuantityList, type ResourceList, format, milli, parse, toQuantities } from '../../../base/resource-list.js';

export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

function sortedEntries(list: ResourceList | undefined): Array<[string, Quantity]> {
  return Object.keys(list ?? {})
    .sort()
    .flatMap((name): Array<[string, Quantity]> => {
      const q = parse(list![name]);
      return q ? [[name, q]] : [];
    });
}

/** mergeContainerResources: fill what the container leaves out; say what was set. */
function mergeContainer(container: Container, limits: ResourceList, requests: ResourceList, kind: string, notes: string[]): void {
  const resources = (container.resources ??= {});
  const setLimits: string[] = [];
  const setRequests: string[] = [];
  for (const [name, value] of Object.entries(limits)) {
    const current = (resources.limits ??= {});
    if (current[name] === undefined) {
      current[name] = value;
      setLimits.push(name);
    }
  }
  for (const [name, value] of Object.entries(requests)) {
    const current = (resources.requests ??= {});
    if (current[name] === undefined) {
      current[name] = value;
      setRequests.push(name);
    }
  }
  if (setRequests.length > 0) notes.push(`${setRequests.sort().join(', ')} request for ${kind} ${container.name}`);
  if (setLimits.length > 0) notes.push(`${setLimits.sort().join(', ')} limit for ${kind} ${container.name}`);
}

/** PodMutateLimitFunc for one LimitRange. */
function applyDefaults(range: LimitRange, pod: Pod): void {
  const limits: ResourceList = {};
  const requests: ResourceList = {};
  for (const item of range.spec?.limits ?? []) {
    if (item.type !== 'Container') continue;
    for (const [name, q] of sortedEntries(item.defaultRequest)) requests[name] = format(q);
    for (const [name, q] of sortedEntries(item.default)) limits[name] = format(q);
  }
  const notes: string[] = [];
  for (const c of pod.spec.containers ?? []) mergeContainer(c, limits, requests, 'container', notes);
  for (const c of pod.spec.initContainers ?? []) mergeContainer(c, limits, requests, 'init container', notes);
  if (notes.length > 0) (pod.metadata.annotations ??= {})[LIMIT_RANGER_ANNOTATION] = `LimitRanger plugin set: ${notes.join('; ')}`;
}

function minConstraint(type: string, name: string, enforced: Quantity, requests: QuantityList, limits: QuantityList): string | undefined {
  const request = requests.get(name);
  const limit = limits.get(name);
  if (!request) return `minimum ${name} usage per ${type} is ${format(enforced)}.  No request is specified`;
  if (milli(request) < milli(enforced)) return `minimum ${name} usage per ${type} is ${format(enforced)}, but request is ${format(request)}`;
  if (limit && milli(limit) < milli(enforced)) return `minimum ${name} usage per ${type} is ${format(enforced)}, but limit is ${format(limit)}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: Quantity, requests: QuantityList, limits: QuantityList): string | undefined {
  const request = requests.get(name);
  const limit = limits.get(name);
  if (!limit) return `maximum ${name} usage per ${type} is ${format(enforced)}.  No limit is specified`;
  if (milli(limit) > milli(enforced)) return `maximum ${name} usage per ${type} is ${format(enforced)}, but limit is ${format(limit)}`;
  if (request && milli(request) > milli(enforced)) return `maximum ${name} usage per ${type} is ${format(enforced)}, but request is ${format(request)}`;
  return undefined;
}

/** maxRequestConstraint: a claim's max applies to what it requests. */
function maxRequestConstraint(type: string, name: string, enforced: Quantity, requests: QuantityList): string | undefined {
  const request = requests.get(name);
  if (!request) return `maximum ${name} usage per ${type} is ${format(enforced)}.  No request is specified`;
  if (milli(request) > milli(enforced)) return `maximum ${name} usage per ${type} is ${format(enforced)}, but request is ${format(request)}`;
  return undefined;
}

function ratioConstraint(type: string, name: string, enforced: Quantity, requests: QuantityList, limits: QuantityList): string | undefined {
  const request = requests.get(name);
  const limit = limits.get(name);
  if (!request || milli(request) === 0n) return `${name} max limit to request ratio per ${type} is ${format(enforced)}, but no request is specified or request is 0`;
  if (!limit || milli(limit) === 0n) return `${name} max limit to request ratio per ${type} is ${format(enforced)}, but no limit is specified or limit is 0`;
  const observed = Number(milli(limit)) / Number(milli(request));
  if (observed * 1000 > Number(milli(enforced))) {
    return `${name} max limit to request ratio per ${type} is ${format(enforced)}, but provided ratio is ${observed.toFixed(6)}`;
  }
  return undefined;
}

function checkItem(item: LimitRangeItem, type: string, requests: QuantityList, limits: QuantityList, errors: string[]): void {
  for (const [name, q] of sortedEntries(item.min)) {
    const e = minConstraint(type, name, q, requests, limits);
    if (e) errors.push(e);
  }
  for (const [name, q] of sortedEntries(item.max)) {
    const e = maxConstraint(type, name, q, requests, limits);
    if (e) errors.push(e);
  }
  for (const [name, q] of sortedEntries(item.maxLimitRequestRatio)) {
    const e = ratioConstraint(type, name, q, requests, limits);
    if (e) errors.push(e);
  }
}

/** PodValidateLimitFunc for one LimitRange. */
function validatePod(range: LimitRange, pod: Pod): string[] {
  const errors: string[] = [];
  for (const item of range.spec?.limits ?? []) {
    if (item.type === 'Container') {
      for (const c of [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])]) {
        checkItem(item, 'Container', toQuantities(c.resources?.requests), toQuantities(c.resources?.limits), errors);
      }
    }
    if (item.type === 'Pod') checkItem(item, 'Pod', podResources(pod, 'requests'), podResources(pod, 'limits'), errors);
  }
  return errors;
}

interface Claim extends KubeObject {
  spec?: { resources?: { requests?: ResourceList } };
}

/** PersistentVolumeClaimValidateLimitFunc: min and max of what the claim requests. */
function validateClaim(range: LimitRange, claim: Claim): string[] {
  const errors: string[] = [];
  const requests = toQuantities(claim.spec?.resources?.requests);
  for (const item of range.spec?.limits ?? []) {
    if (item.type !== 'PersistentVolumeClaim') continue;
    for (const [name, q] of sortedEntries(item.min)) {
      const e = minConstraint('PersistentVolumeClaim', name, q, requests, new Map());
      if (e) errors.push(e);
    }
    for (const [name, q] of sortedEntries(item.max)) {
      const e = maxRequestConstraint('PersistentVolumeClaim', name, q, requests);
      if (e) errors.push(e);
    }
  }
  return errors;
}

/** SupportsAttributes: Pod creates and claim writes, never a subresource or an object being deleted. */
function supported(attributes: AdmissionAttributes): 'pod' | 'claim' | undefined {
  if (attributes.subresource || !attributes.object) return undefined;
  if (attributes.operation !== 'CREATE' && attributes.operation !== 'UPDATE') return undefined;
  if (attributes.oldObject?.metadata.deletionTimestamp) return undefined;
  if (isResource(attributes, '', 'pods')) return attributes.operation === 'CREATE' ? 'pod' : undefined;
  if (isResource(attributes, '', 'persistentvolumeclaims')) return 'claim';
  return undefined;
}

function ranges(attributes: AdmissionAttributes, ctx: StrategyContext): LimitRange[] {
  return ctx.listIn('', 'limitranges', attributes.namespace) as LimitRange[];
}

export const limitRanger: AdmissionPlugin = {
  name: 'LimitRanger',
  admit(attributes, ctx) {
    if (supported(attributes) !== 'pod') return undefined;
    for (const range of ranges(attributes, ctx)) applyDefaults(range, attributes.object as Pod);
    return undefined;
  },
  validate(attributes, ctx) {
    const kind = supported(attributes);
    if (!kind) return undefined;
    for (const range of ranges(attributes, ctx)) {
      const errors = kind === 'pod' ? validatePod(range, attributes.object as Pod) : validateClaim(range, attributes.object as Claim);
      if (errors.length > 0) return forbid(attributes, aggregate(errors));
    }
    return undefined;
  },
};
