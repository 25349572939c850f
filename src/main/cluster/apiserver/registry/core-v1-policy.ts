/**
 * Core v1 policy kinds: ResourceQuotas (non-negative hard limits, status left to the quota
 * controller, the NAME AGE REQUEST LIMIT printer) and LimitRanges (SetDefaults_LimitRangeItem's
 * container defaults, the NAME CREATED AT printer).
 */
import { parseQuantity } from '../../../base/quantity.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { type FieldError, invalidValue } from '../errors.js';
import { age } from './printing.js';
import { ALL_VERBS, type ResourceDefinition, column } from './resource.js';
import { validateObjectMeta } from './validation.js';

type ResourceList = Record<string, string>;

export interface ResourceQuota extends KubeObject {
  spec?: { hard?: ResourceList; scopes?: string[] };
  status?: { hard?: ResourceList; used?: ResourceList };
}

export interface LimitRangeItem {
  type?: string;
  max?: ResourceList;
  min?: ResourceList;
  default?: ResourceList;
  defaultRequest?: ResourceList;
  maxLimitRequestRatio?: ResourceList;
}

export interface LimitRange extends KubeObject {
  spec?: { limits?: LimitRangeItem[] };
}

/** ValidateResourceQuantityValue: every quantity of a list at least zero. */
function nonnegative(list: ResourceList | undefined, field: string): FieldError[] {
  return Object.entries(list ?? {})
    .filter(([, value]) => (parseQuantity(value) ?? 0) < 0)
    .map(([key, value]) => invalidValue(`${field}[${key}]`, value, 'must be greater than or equal to 0'));
}

function validateQuota(obj: KubeObject): FieldError[] {
  const errors = validateObjectMeta(obj, { namespaced: true, nameRule: 'subdomain' });
  return [...errors, ...nonnegative((obj as ResourceQuota).spec?.hard, 'spec.hard')];
}

/** printResourceQuota: `resource: used/hard` pairs of status.hard, `limits.*` in the LIMIT column. */
function quotaColumns(quota: ResourceQuota): [string, string] {
  const request: string[] = [];
  const limit: string[] = [];
  const hard = quota.status?.hard ?? {};
  for (const name of Object.keys(hard).sort()) {
    const pieces = name.split('.');
    (pieces.length > 1 && pieces[0] === 'limits' ? limit : request).push(`${name}: ${quota.status?.used?.[name] ?? '0'}/${hard[name]}`);
  }
  return [request.join(', '), limit.join(', ')];
}

export const resourceQuotaResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'ResourceQuota',
  plural: 'resourcequotas',
  singular: 'resourcequota',
  namespaced: true,
  shortNames: ['quota'],
  categories: [],
  storagePrefix: 'resourcequotas',
  verbs: ALL_VERBS,
  subresources: ['status'],
  strategy: {
    returnDeletedObject: true,
    hasStatusSubresource: true,
    prepareForCreate(obj) {
      (obj as ResourceQuota).status = {};
    },
    validate: validateQuota,
    validateUpdate: (obj) => validateQuota(obj),
  },
  printer: {
    columns: [
      column('Name', 'string', 'Name must be unique within a namespace.', 0, 'name'),
      column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
      column('Request', 'string', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
      column('Limit', 'string', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
    ],
    cells: (obj, now) => [obj.metadata.name ?? '', age(obj.metadata.creationTimestamp, now), ...quotaColumns(obj as ResourceQuota)],
  },
};

/** SetDefaults_LimitRangeItem: a Container item's default limit from max, its default request from default, then min. */
function defaultLimitRangeItem(item: LimitRangeItem): void {
  if (item.type !== 'Container') return;
  const defaults: ResourceList = { ...item.default };
  const requests: ResourceList = { ...item.defaultRequest };
  for (const [key, value] of Object.entries(item.max ?? {})) defaults[key] ??= value;
  for (const [key, value] of Object.entries(defaults)) requests[key] ??= value;
  for (const [key, value] of Object.entries(item.min ?? {})) requests[key] ??= value;
  if (Object.keys(defaults).length > 0) item.default = defaults;
  if (Object.keys(requests).length > 0) item.defaultRequest = requests;
}

function validateLimitRange(obj: KubeObject): FieldError[] {
  const errors = validateObjectMeta(obj, { namespaced: true, nameRule: 'subdomain' });
  ((obj as LimitRange).spec?.limits ?? []).forEach((item, i) => {
    for (const name of ['max', 'min', 'default', 'defaultRequest'] as const) errors.push(...nonnegative(item[name], `spec.limits[${i}].${name}`));
  });
  return errors;
}

export const limitRangeResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'LimitRange',
  plural: 'limitranges',
  singular: 'limitrange',
  namespaced: true,
  shortNames: ['limits'],
  categories: [],
  storagePrefix: 'limitranges',
  verbs: ALL_VERBS,
  subresources: [],
  strategy: {
    applyDefaults(obj) {
      for (const item of (obj as LimitRange).spec?.limits ?? []) defaultLimitRangeItem(item);
    },
    validate: validateLimitRange,
    validateUpdate: (obj) => validateLimitRange(obj),
  },
  printer: {
    columns: [
      column('Name', 'string', 'Name must be unique within a namespace.', 0, 'name'),
      column('Created At', 'date', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
    ],
    cells: (obj) => [obj.metadata.name ?? '', obj.metadata.creationTimestamp ?? ''],
  },
};

export const coreV1PolicyResources: readonly ResourceDefinition[] = [limitRangeResource, resourceQuotaResource];
