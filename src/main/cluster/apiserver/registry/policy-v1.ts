/**
 * policy/v1 PodDisruptionBudgets: minAvailable and maxUnavailable (exclusive, non-negative
 * int-or-percent, at most 100%), the selector, a zeroed status on create, and the
 * NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE printer.
 */
import type { IntOrString } from '../../../../shared/api/apps.js';
import type { KubeObject, LabelSelector } from '../../../../shared/api/meta.js';
import { type FieldError, invalidValue, notSupported } from '../errors.js';
import { goPointer, goStruct } from './go-value.js';
import { age } from './printing.js';
import { ALL_VERBS, type ResourceDefinition, column } from './resource.js';
import { validateObjectMeta } from './validation.js';
import { notMoreThan100Percent, validateIntOrPercent, validateLabelSelector } from './workload-validation.js';

export interface PodDisruptionBudget extends KubeObject {
  spec?: { minAvailable?: IntOrString; maxUnavailable?: IntOrString; selector?: LabelSelector; unhealthyPodEvictionPolicy?: string };
  status?: { observedGeneration?: number; disruptionsAllowed?: number; currentHealthy?: number; desiredHealthy?: number; expectedPods?: number };
}

const EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

function validate(obj: KubeObject): FieldError[] {
  const pdb = obj as PodDisruptionBudget;
  const spec = pdb.spec ?? {};
  const errors = validateObjectMeta(obj, { namespaced: true, nameRule: 'subdomain' });
  const has = (v: unknown): boolean => v !== undefined && v !== null;
  if (has(spec.minAvailable) && has(spec.maxUnavailable)) {
    const value = goStruct('policy.PodDisruptionBudgetSpec', [
      ['MinAvailable', goPointer('intstr.IntOrString', true)],
      ['Selector', goPointer('v1.LabelSelector', has(spec.selector))],
      ['MaxUnavailable', goPointer('intstr.IntOrString', true)],
      ['UnhealthyPodEvictionPolicy', goPointer('policy.UnhealthyPodEvictionPolicyType', has(spec.unhealthyPodEvictionPolicy))],
    ]);
    errors.push(invalidValue('spec', value, 'minAvailable and maxUnavailable cannot be both set'));
  }
  for (const name of ['minAvailable', 'maxUnavailable'] as const) {
    if (!has(spec[name])) continue;
    errors.push(...validateIntOrPercent(spec[name], `spec.${name}`), ...notMoreThan100Percent(spec[name], `spec.${name}`));
  }
  errors.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy !== undefined && !EVICTION_POLICIES.includes(policy)) errors.push(notSupported('spec.unhealthyPodEvictionPolicy', policy, EVICTION_POLICIES));
  return errors;
}

export const podDisruptionBudgetResource: ResourceDefinition = {
  group: 'policy',
  version: 'v1',
  kind: 'PodDisruptionBudget',
  plural: 'poddisruptionbudgets',
  singular: 'poddisruptionbudget',
  namespaced: true,
  shortNames: ['pdb'],
  categories: [],
  storagePrefix: 'poddisruptionbudgets',
  verbs: ALL_VERBS,
  subresources: ['status'],
  strategy: {
    tracksGeneration: true,
    hasStatusSubresource: true,
    prepareForCreate(obj) {
      // The status counters carry no omitempty: a new budget shows them as zeros.
      (obj as PodDisruptionBudget).status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
    },
    validate,
    validateUpdate: (obj) => validate(obj),
  },
  printer: {
    columns: [
      column('Name', 'string', 'Name must be unique within a namespace.', 0, 'name'),
      column('Min Available', 'string', 'The minimum number of pods that must be available simultaneously. This can be either an integer or a string specifying a percentage, e.g. "28%".'),
      column('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable simultaneously. This can be either an integer or a string specifying a percentage, e.g. "28%".'),
      column('Allowed Disruptions', 'integer', 'Number of pod disruptions that are currently allowed.'),
      column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
    ],
    cells: (obj, now) => {
      const pdb = obj as PodDisruptionBudget;
      const text = (v: IntOrString | undefined): string => (v === undefined || v === null ? 'N/A' : String(v));
      return [pdb.metadata.name ?? '', text(pdb.spec?.minAvailable), text(pdb.spec?.maxUnavailable), pdb.status?.disruptionsAllowed ?? 0, age(pdb.metadata.creationTimestamp, now)];
    },
  },
};

export const policyV1Resources: readonly ResourceDefinition[] = [podDisruptionBudgetResource];
