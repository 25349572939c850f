/**
 * The quota evaluators (pkg/quota/v1/evaluator/core and the generic object counter): what one
 * object charges against a ResourceQuota, which quota resources an evaluator understands, whether a
 * quota's scopes select the object, and the Pod constraints (`must specify limits.cpu for: …`).
 * Shared by the ResourceQuota admission plugin and the ResourceQuota controller so both count alike.
 */
import type { Container, Pod } from '../../shared/api/core.js';
import type { KubeObject } from '../../shared/api/meta.js';
import { labelSelectorAsSelector } from './label-selector.js';
import { type QuantityList, type ResourceList, addLists, count, toQuantities } from './resource-list.js';

export interface QuotaSpec {
  hard?: ResourceList;
  scopes?: string[];
  scopeSelector?: { matchExpressions?: Array<{ scopeName: string; operator: string; values?: string[] }> };
}

export interface ResourceQuotaObject extends KubeObject {
  spec?: QuotaSpec;
  status?: { hard?: ResourceList; used?: ResourceList };
}

/** A scope a quota restricts itself to: `BestEffort`, or `PriorityClass In [high]`. */
export interface ScopeSelector {
  scopeName: string;
  operator: string;
  values?: string[];
}

export interface Evaluator {
  /** Does this operation (CREATE, UPDATE) change what the object charges? */
  handles(operation: string): boolean;
  /** The quota resource names among `names` this evaluator counts. */
  matchingResources(names: readonly string[]): string[];
  /** Does the object fall in the scope? Only Pods have scopes. */
  matchesScope(scope: ScopeSelector, object: KubeObject): boolean;
  usage(object: KubeObject, now: number): QuantityList;
  /** A refusal (`must specify …`) when required resources are missing, else undefined. */
  constraints?(required: readonly string[], object: KubeObject): string | undefined;
}

/** generic.ObjectCountQuotaResourceNameFor: `count/pods`, `count/deployments.apps`. */
export function objectCountName(group: string, resource: string): string {
  return group ? `count/${resource}.${group}` : `count/${resource}`;
}

/** Quota names that predate `count/…` and still count objects of these core resources. */
const LEGACY_COUNT_NAMES: ReadonlySet<string> = new Set(['pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims']);

// ---- Pods ---------------------------------------------------------------------------------------

const POD_RESOURCES = [
  'count/pods',
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
];

/** The resources whose quota makes every container state them (a mistake Kubernetes keeps). */
const VALIDATION_SET: ReadonlySet<string> = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

/** podComputeUsageHelper: what requests and limits charge. */
function computeUsage(requests: QuantityList, limits: QuantityList): QuantityList {
  const result: QuantityList = new Map([['pods', count(1)]]);
  for (const name of ['cpu', 'memory', 'ephemeral-storage']) {
    const request = requests.get(name);
    if (request) {
      result.set(name, request);
      result.set(`requests.${name}`, request);
    }
    const limit = limits.get(name);
    if (limit) result.set(`limits.${name}`, limit);
  }
  for (const [name, request] of requests) {
    if (name.startsWith('hugepages-')) {
      result.set(name, request);
      result.set(`requests.${name}`, request);
    } else if (name.includes('/') && !name.startsWith('kubernetes.io/') && !name.includes('.kubernetes.io/')) {
      // An extended resource (example.com/gpu) is quota'd only as requests.<name>.
      result.set(`requests.${name}`, request);
    }
  }
  return result;
}

function maxLists(a: QuantityList, b: QuantityList): QuantityList {
  const result: QuantityList = new Map(a);
  for (const [name, q] of b) {
    const current = result.get(name);
    if (!current || q.nanos > current.nanos) result.set(name, q);
  }
  return result;
}

/**
 * resourcehelper.PodRequests / PodLimits: the sum over containers, sidecars (restartable init
 * containers) added, and at least the largest ordinary init container on top of the sidecars
 * started before it.
 */
export function podResources(pod: Pod, which: 'requests' | 'limits'): QuantityList {
  const of = (c: Container): QuantityList => toQuantities(c.resources?.[which]);
  let total: QuantityList = new Map();
  for (const c of pod.spec.containers ?? []) total = addLists(total, of(c));
  let sidecars: QuantityList = new Map();
  let initMax: QuantityList = new Map();
  for (const c of pod.spec.initContainers ?? []) {
    if ((c as Container & { restartPolicy?: string }).restartPolicy === 'Always') {
      total = addLists(total, of(c));
      sidecars = addLists(sidecars, of(c));
    } else {
      initMax = maxLists(initMax, addLists(of(c), sidecars));
    }
  }
  return maxLists(total, initMax);
}

/** QuotaV1Pod: a finished Pod, or one past its grace period, no longer charges compute. */
function chargesCompute(pod: Pod, now: number): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const deletion = pod.metadata.deletionTimestamp;
  const grace = pod.metadata.deletionGracePeriodSeconds;
  if (deletion && grace !== undefined && now > Date.parse(deletion) + grace * 1000) return false;
  return true;
}

function isBestEffort(pod: Pod): boolean {
  return [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])].every((c) => {
    const requests = Object.keys(c.resources?.requests ?? {}).filter((r) => r === 'cpu' || r === 'memory');
    const limits = Object.keys(c.resources?.limits ?? {}).filter((r) => r === 'cpu' || r === 'memory');
    return requests.length === 0 && limits.length === 0;
  });
}

function isTerminating(pod: Pod): boolean {
  const deadline = pod.spec.activeDeadlineSeconds;
  return typeof deadline === 'number' && deadline >= 0;
}

/** podMatchesScopeFunc. */
function podMatchesScope(scope: ScopeSelector, object: KubeObject): boolean {
  const pod = object as Pod;
  switch (scope.scopeName) {
    case 'Terminating':
      return isTerminating(pod);
    case 'NotTerminating':
      return !isTerminating(pod);
    case 'BestEffort':
      return isBestEffort(pod);
    case 'NotBestEffort':
      return !isBestEffort(pod);
    case 'PriorityClass': {
      const name = typeof pod.spec.priorityClassName === 'string' ? pod.spec.priorityClassName : '';
      if (scope.operator === 'Exists') return name !== '';
      const labels: Record<string, string> = name ? { PriorityClass: name } : {};
      const selector = labelSelectorAsSelector({ matchExpressions: [{ key: 'PriorityClass', operator: scope.operator, values: scope.values }] });
      return selector.ok && selector.selector.matches(labels);
    }
    default:
      return false;
  }
}

const podEvaluator: Evaluator = {
  handles: (operation) => operation === 'CREATE',
  matchingResources: (names) => names.filter((n) => POD_RESOURCES.includes(n) || n.startsWith('hugepages-') || n.startsWith('requests.hugepages-') || isExtendedQuotaName(n)),
  matchesScope: podMatchesScope,
  usage(object, now) {
    const pod = object as Pod;
    const result: QuantityList = new Map([['count/pods', count(1)]]);
    if (!chargesCompute(pod, now)) return result;
    return addLists(result, computeUsage(podResources(pod, 'requests'), podResources(pod, 'limits')));
  },
  constraints(required, object) {
    const pod = object as Pod;
    const needed = required.filter((r) => VALIDATION_SET.has(r));
    const missing = new Map<string, Set<string>>();
    for (const c of [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])]) {
      const has = computeUsage(toQuantities(c.resources?.requests), toQuantities(c.resources?.limits));
      for (const resource of needed) {
        if (has.has(resource)) continue;
        const names = missing.get(resource) ?? new Set<string>();
        names.add(c.name);
        missing.set(resource, names);
      }
    }
    if (missing.size === 0) return undefined;
    const parts = [...missing.keys()].sort().map((resource) => `${resource} for: ${[...missing.get(resource)!].sort().join(',')}`);
    return `must specify ${parts.join('; ')}`;
  },
};

function isExtendedQuotaName(name: string): boolean {
  if (!name.startsWith('requests.')) return false;
  const resource = name.slice('requests.'.length);
  return resource.includes('/') && !resource.startsWith('kubernetes.io/') && !resource.includes('.kubernetes.io/');
}

// ---- Services -----------------------------------------------------------------------------------

const SERVICE_RESOURCES = ['count/services', 'services', 'services.loadbalancers', 'services.nodeports'];

interface ServiceShape extends KubeObject {
  spec?: { type?: string; ports?: unknown[]; allocateLoadBalancerNodePorts?: boolean };
}

const serviceEvaluator: Evaluator = {
  handles: (operation) => operation === 'CREATE' || operation === 'UPDATE',
  matchingResources: (names) => names.filter((n) => SERVICE_RESOURCES.includes(n)),
  matchesScope: () => false,
  usage(object) {
    const spec = (object as ServiceShape).spec ?? {};
    const ports = (spec.ports ?? []).length;
    const result: QuantityList = new Map([
      ['count/services', count(1)],
      ['services', count(1)],
      ['services.loadbalancers', count(0)],
      ['services.nodeports', count(0)],
    ]);
    if (spec.type === 'NodePort') result.set('services.nodeports', count(ports));
    if (spec.type === 'LoadBalancer') {
      if (spec.allocateLoadBalancerNodePorts !== false) result.set('services.nodeports', count(ports));
      result.set('services.loadbalancers', count(1));
    }
    return result;
  },
};

// ---- PersistentVolumeClaims ---------------------------------------------------------------------

const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';

interface ClaimShape extends KubeObject {
  spec?: { storageClassName?: string; resources?: { requests?: ResourceList } };
}

function claimClass(claim: ClaimShape): string {
  return claim.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? claim.spec?.storageClassName ?? '';
}

const claimEvaluator: Evaluator = {
  handles: (operation) => operation === 'CREATE' || operation === 'UPDATE',
  matchingResources: (names) =>
    names.filter(
      (n) =>
        ['count/persistentvolumeclaims', 'persistentvolumeclaims', 'requests.storage'].includes(n) ||
        n.endsWith(`${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`) ||
        n.endsWith(`${STORAGE_CLASS_SUFFIX}requests.storage`),
    ),
  matchesScope: () => false,
  usage(object) {
    const claim = object as ClaimShape;
    const result: QuantityList = new Map([
      ['count/persistentvolumeclaims', count(1)],
      ['persistentvolumeclaims', count(1)],
    ]);
    const storageClass = claimClass(claim);
    if (storageClass) result.set(`${storageClass}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`, count(1));
    const storage = toQuantities(claim.spec?.resources?.requests).get('storage');
    if (storage) {
      result.set('requests.storage', storage);
      if (storageClass) result.set(`${storageClass}${STORAGE_CLASS_SUFFIX}requests.storage`, storage);
    }
    return result;
  },
};

// ---- everything else: object counts ------------------------------------------------------------

function objectCountEvaluator(group: string, resource: string): Evaluator {
  const names = [objectCountName(group, resource)];
  if (!group && LEGACY_COUNT_NAMES.has(resource)) names.push(resource);
  return {
    handles: (operation) => operation === 'CREATE',
    matchingResources: (input) => input.filter((n) => names.includes(n)),
    matchesScope: () => false,
    usage: () => new Map(names.map((n) => [n, count(1)])),
  };
}

/** The evaluator kube-apiserver's quota registry uses for a resource. */
export function evaluatorFor(group: string, resource: string): Evaluator {
  if (!group && resource === 'pods') return podEvaluator;
  if (!group && resource === 'services') return serviceEvaluator;
  if (!group && resource === 'persistentvolumeclaims') return claimEvaluator;
  return objectCountEvaluator(group, resource);
}

/** The group and resource a quota name counts (`count/deployments.apps`, `pods`, `requests.cpu` …). */
export function resourceForQuotaName(name: string): { group: string; resource: string } | undefined {
  if (name.startsWith('count/')) {
    const rest = name.slice('count/'.length);
    const dot = rest.indexOf('.');
    return dot === -1 ? { group: '', resource: rest } : { group: rest.slice(dot + 1), resource: rest.slice(0, dot) };
  }
  if (podEvaluator.matchingResources([name]).length > 0) return { group: '', resource: 'pods' };
  if (serviceEvaluator.matchingResources([name]).length > 0) return { group: '', resource: 'services' };
  if (claimEvaluator.matchingResources([name]).length > 0) return { group: '', resource: 'persistentvolumeclaims' };
  if (LEGACY_COUNT_NAMES.has(name)) return { group: '', resource: name };
  return undefined;
}

/** getScopeSelectorsFromQuota: `spec.scopes` as Exists selectors, then `spec.scopeSelector`. */
export function quotaScopes(quota: ResourceQuotaObject): ScopeSelector[] {
  const scopes: ScopeSelector[] = (quota.spec?.scopes ?? []).map((scopeName) => ({ scopeName, operator: 'Exists' }));
  for (const e of quota.spec?.scopeSelector?.matchExpressions ?? []) {
    scopes.push({ scopeName: e.scopeName, operator: e.operator, values: e.values });
  }
  return scopes;
}

/** generic.Matches: the quota limits something this evaluator counts, and every scope selects the object. */
export function quotaMatches(quota: ResourceQuotaObject, evaluator: Evaluator, object: KubeObject): boolean {
  const hard = Object.keys(quota.status?.hard ?? {});
  if (evaluator.matchingResources(hard).length === 0) return false;
  return quotaScopes(quota).every((scope) => evaluator.matchesScope(scope, object));
}
