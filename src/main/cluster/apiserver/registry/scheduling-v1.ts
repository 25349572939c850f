/**
 * scheduling.k8s.io/v1 PriorityClasses: cluster-scoped, `preemptionPolicy` defaulted to
 * PreemptLowerPriority, the `system-` prefix reserved for the two built-in classes, user values
 * capped at one billion, and the NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY printer.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import { type FieldError, forbidden, invalidValue, notSupported, required } from '../errors.js';
import { age } from './printing.js';
import { ALL_VERBS, type ResourceDefinition, column } from './resource.js';
import { validateObjectMeta } from './validation.js';

export interface PriorityClass extends KubeObject {
  value: number;
  globalDefault?: boolean;
  description?: string;
  preemptionPolicy?: string;
}

/** scheduling.HighestUserDefinablePriority. */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;

/** scheduling.SystemPriorityClasses: the only names allowed the `system-` prefix. */
export const SYSTEM_PRIORITY_CLASSES: ReadonlyMap<string, number> = new Map([
  ['system-node-critical', 2_000_001_000],
  ['system-cluster-critical', 2_000_000_000],
]);

const PREEMPTION_POLICIES = ['Never', 'PreemptLowerPriority'];

/** scheduling.IsKnownSystemPriorityClass's error, or undefined for a known system class. */
function systemClassError(pc: PriorityClass): string | undefined {
  const name = pc.metadata.name ?? '';
  const value = SYSTEM_PRIORITY_CLASSES.get(name);
  if (value === undefined) return `${name} is not a known system priority class`;
  if (pc.value !== value) return `value of ${name} PriorityClass must be ${value}`;
  if (pc.globalDefault === true) return `globalDefault of ${name} PriorityClass must be false`;
  return undefined;
}

function validate(obj: KubeObject): FieldError[] {
  const pc = obj as PriorityClass;
  const errors = validateObjectMeta(obj, { namespaced: false, nameRule: 'subdomain' });
  if ((pc.metadata.name ?? '').startsWith('system-')) {
    const error = systemClassError(pc);
    if (error) errors.push(forbidden('metadata.name', `priority class names with 'system-' prefix are reserved for system use only. error: ${error}`));
  } else if (pc.value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errors.push(forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  if (pc.preemptionPolicy === '') errors.push(required('preemptionPolicy'));
  else if (pc.preemptionPolicy !== undefined && !PREEMPTION_POLICIES.includes(pc.preemptionPolicy)) {
    errors.push(notSupported('preemptionPolicy', pc.preemptionPolicy, PREEMPTION_POLICIES));
  }
  return errors;
}

/** ValidatePriorityClassUpdate: the value and the preemption policy are fixed at creation. */
function validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const next = obj as PriorityClass;
  const prev = old as PriorityClass;
  const errors: FieldError[] = [];
  if (next.value !== prev.value) errors.push(forbidden('value', 'may not be changed in an update.'));
  if (next.preemptionPolicy !== prev.preemptionPolicy) errors.push(invalidValue('preemptionPolicy', next.preemptionPolicy ?? '', 'field is immutable'));
  return [...validate(obj), ...errors];
}

export const priorityClassResource: ResourceDefinition = {
  group: 'scheduling.k8s.io',
  version: 'v1',
  kind: 'PriorityClass',
  plural: 'priorityclasses',
  singular: 'priorityclass',
  namespaced: false,
  shortNames: ['pc'],
  categories: [],
  storagePrefix: 'priorityclasses',
  verbs: ALL_VERBS,
  subresources: [],
  strategy: {
    applyDefaults(obj) {
      (obj as PriorityClass).preemptionPolicy ??= 'PreemptLowerPriority';
    },
    validate,
    validateUpdate,
  },
  printer: {
    columns: [
      column('Name', 'string', "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names", 0, 'name'),
      column('Value', 'integer', 'The value of this priority class. This is the actual priority that pods receive when they have the name of this class in their pod spec.'),
      column('Global-Default', 'boolean', 'globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class.'),
      column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
      column('PreemptionPolicy', 'string', 'preemptionPolicy is the Policy for preempting pods with lower priority.'),
    ],
    cells: (obj, now) => {
      const pc = obj as PriorityClass;
      return [pc.metadata.name ?? '', pc.value, pc.globalDefault ?? false, age(pc.metadata.creationTimestamp, now), pc.preemptionPolicy ?? ''];
    },
  },
};

export const schedulingV1Resources: readonly ResourceDefinition[] = [priorityClassResource];
