/**
 * Priority (plugin/pkg/admission/priority): a new Pod's `spec.priority` and `spec.preemptionPolicy`
 * come from its PriorityClass — the named one, or else the global default (the lowest-valued one if
 * several) — and a Pod may not state a different value itself. Updates keep what creation set.
 * For PriorityClasses it allows only one global default.
 */
import type { Pod } from '../../../../shared/api/core.js';
import type { PriorityClass } from '../registry/scheduling-v1.js';
import type { StrategyContext } from '../registry/resource.js';
import type { AdmissionAttributes, AdmissionPlugin } from './admission.js';
import { forbid, isResource } from './forbid.js';

function defaultClass(ctx: StrategyContext): PriorityClass | undefined {
  let chosen: PriorityClass | undefined;
  for (const pc of ctx.list('scheduling.k8s.io', 'priorityclasses') as PriorityClass[]) {
    if (pc.globalDefault === true && (!chosen || chosen.value > pc.value)) chosen = pc;
  }
  return chosen;
}

function admitPod(attributes: AdmissionAttributes, ctx: StrategyContext): ReturnType<NonNullable<AdmissionPlugin['admit']>> {
  const pod = attributes.object as Pod | undefined;
  if (!pod) return undefined;
  const spec = pod.spec;
  if (attributes.operation === 'UPDATE') {
    // Validation forbids changing them; an update that leaves them out keeps the stored ones.
    const old = (attributes.oldObject as Pod | undefined)?.spec;
    if (spec.priority === undefined && old?.priority !== undefined) spec.priority = old.priority;
    if (spec.preemptionPolicy === undefined && old?.preemptionPolicy !== undefined) spec.preemptionPolicy = old.preemptionPolicy;
    return undefined;
  }
  if (attributes.operation !== 'CREATE') return undefined;
  let priority = 0;
  let preemptionPolicy: string | undefined;
  const className = typeof spec.priorityClassName === 'string' ? spec.priorityClassName : '';
  if (!className) {
    const pc = defaultClass(ctx);
    if (pc) {
      spec.priorityClassName = pc.metadata.name;
      priority = pc.value;
      preemptionPolicy = pc.preemptionPolicy;
    }
  } else {
    const pc = ctx.get('scheduling.k8s.io', 'priorityclasses', undefined, className) as PriorityClass | undefined;
    if (!pc) return forbid(attributes, `no PriorityClass with name ${className} was found`);
    priority = pc.value;
    preemptionPolicy = pc.preemptionPolicy;
  }
  if (spec.priority !== undefined && spec.priority !== priority) {
    return forbid(attributes, `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`);
  }
  spec.priority = priority;
  if (preemptionPolicy !== undefined) {
    if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== preemptionPolicy) {
      return forbid(attributes, `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${preemptionPolicy} from the given PriorityClass name`);
    }
    spec.preemptionPolicy = preemptionPolicy;
  }
  return undefined;
}

function validatePriorityClass(attributes: AdmissionAttributes, ctx: StrategyContext): ReturnType<NonNullable<AdmissionPlugin['validate']>> {
  const pc = attributes.object as PriorityClass | undefined;
  if (!pc || pc.globalDefault !== true) return undefined;
  const existing = defaultClass(ctx);
  if (!existing) return undefined;
  if (attributes.operation === 'CREATE' || (attributes.operation === 'UPDATE' && existing.metadata.name !== pc.metadata.name)) {
    return forbid(attributes, `PriorityClass ${existing.metadata.name ?? ''} is already marked as default. Only one default can exist`);
  }
  return undefined;
}

export const priority: AdmissionPlugin = {
  name: 'Priority',
  admit(attributes, ctx) {
    if (attributes.subresource || !isResource(attributes, '', 'pods')) return undefined;
    return admitPod(attributes, ctx);
  },
  validate(attributes, ctx) {
    if (attributes.subresource || !isResource(attributes, 'scheduling.k8s.io', 'priorityclasses')) return undefined;
    if (attributes.operation !== 'CREATE' && attributes.operation !== 'UPDATE') return undefined;
    return validatePriorityClass(attributes, ctx);
  },
};
