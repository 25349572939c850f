/**
 * PodTopologySpread's constraints as kube-scheduler compiles them (filterTopologySpreadConstraints,
 * buildDefaultConstraints): the Pod's own topologySpreadConstraints of one whenUnsatisfiable mode,
 * or — for a Pod without any — the system defaults (defaultingType: System) over the Pods its
 * Services and controller select; and the per-node questions the plugin asks of them.
 */
import type { Pod } from '../../../../shared/api/core.js';
import type { LabelSelector } from '../../../../shared/api/meta.js';
import { type CompiledSelector, labelSelectorAsSelector } from '../../../base/label-selector.js';
import type { NodeInfo } from '../framework.js';
import { type WorkloadListers, defaultSelector } from './default-selector.js';
import { NodeAffinity } from './node-affinity.js';
import { untoleratedTaint } from './taint-toleration.js';

export const HOSTNAME_KEY = 'kubernetes.io/hostname';
const ZONE_KEY = 'topology.kubernetes.io/zone';

export type WhenUnsatisfiable = 'DoNotSchedule' | 'ScheduleAnyway';

interface TopologySpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: WhenUnsatisfiable;
  labelSelector?: LabelSelector;
  minDomains?: number;
  matchLabelKeys?: string[];
  nodeAffinityPolicy?: 'Honor' | 'Ignore';
  nodeTaintsPolicy?: 'Honor' | 'Ignore';
}

export interface Constraint {
  maxSkew: number;
  topologyKey: string;
  minDomains: number;
  selector: CompiledSelector;
  /** nodeAffinityPolicy Honor (the default): nodes the Pod may not go to are no domain. */
  honorAffinity: boolean;
  /** nodeTaintsPolicy Honor: nodes with taints the Pod does not tolerate are no domain. */
  honorTaints: boolean;
  /** 1 when the incoming Pod matches its own selector. */
  selfMatch: number;
}

/** The scheduler's default PodTopologySpreadArgs.defaultConstraints (both ScheduleAnyway). */
const SYSTEM_DEFAULT_CONSTRAINTS: ReadonlyArray<{ maxSkew: number; topologyKey: string }> = [
  { maxSkew: 3, topologyKey: ZONE_KEY },
  { maxSkew: 5, topologyKey: HOSTNAME_KEY },
];

const NOTHING: CompiledSelector = { empty: false, matches: () => false, toString: () => '' };

export function hasOwnConstraints(pod: Pod): boolean {
  return ((pod.spec.topologySpreadConstraints as unknown[] | undefined) ?? []).length > 0;
}

/** The Pod's own constraints of one mode; matchLabelKeys add the Pod's values for those keys. */
function ownConstraints(pod: Pod, mode: WhenUnsatisfiable): Constraint[] {
  const all = (pod.spec.topologySpreadConstraints as TopologySpreadConstraint[] | undefined) ?? [];
  return all
    .filter((c) => c.whenUnsatisfiable === mode)
    .map((c) => {
      const matchLabels = { ...c.labelSelector?.matchLabels };
      for (const key of c.matchLabelKeys ?? []) {
        const value = pod.metadata.labels?.[key];
        if (value !== undefined) matchLabels[key] = value;
      }
      const compiled = labelSelectorAsSelector(c.labelSelector ? { ...c.labelSelector, matchLabels } : undefined);
      const selector = compiled.ok ? compiled.selector : NOTHING;
      return {
        maxSkew: c.maxSkew,
        topologyKey: c.topologyKey,
        minDomains: c.minDomains ?? 1,
        selector,
        honorAffinity: c.nodeAffinityPolicy !== 'Ignore',
        honorTaints: c.nodeTaintsPolicy === 'Honor',
        selfMatch: selector.matches(pod.metadata.labels) ? 1 : 0,
      };
    });
}

/** buildDefaultConstraints: none unless the Pod's Services or controller give a non-empty selector. */
function systemDefaultConstraints(pod: Pod, mode: WhenUnsatisfiable, listers: WorkloadListers): Constraint[] {
  // The defaults are all ScheduleAnyway: Filter never has any (and never looks up the selector).
  if (mode !== 'ScheduleAnyway') return [];
  const selector = defaultSelector(pod, listers);
  if (selector.empty) return [];
  const selfMatch = selector.matches(pod.metadata.labels) ? 1 : 0;
  return SYSTEM_DEFAULT_CONSTRAINTS.map((c) => ({ ...c, minDomains: 1, selector, honorAffinity: true, honorTaints: false, selfMatch }));
}

export function constraintsOf(pod: Pod, mode: WhenUnsatisfiable, listers: WorkloadListers): Constraint[] {
  return hasOwnConstraints(pod) ? ownConstraints(pod, mode) : systemDefaultConstraints(pod, mode, listers);
}

/** nodeLabelsMatchSpreadConstraints: the node has every constraint's topology key. */
export function hasAllTopologyKeys(info: NodeInfo, constraints: readonly Constraint[]): boolean {
  const labels = info.node.metadata.labels ?? {};
  return constraints.every((c) => Object.hasOwn(labels, c.topologyKey));
}

/** matchNodeInclusionPolicies: whether the node's domain counts for this constraint. */
export function includesNode(pod: Pod, c: Constraint, info: NodeInfo): boolean {
  if (c.honorAffinity && NodeAffinity.filter(pod, info)) return false;
  return !(c.honorTaints && untoleratedTaint(info.node, pod.spec.tolerations));
}

/** countPodsMatchSelector: live Pods of the namespace on the node that the selector matches (none for an empty one). */
export function countMatchingPods(info: NodeInfo, selector: CompiledSelector, namespace: string): number {
  if (selector.empty) return 0;
  let n = 0;
  for (const other of info.pods) {
    if (other.metadata.deletionTimestamp || (other.metadata.namespace ?? 'default') !== namespace) continue;
    if (selector.matches(other.metadata.labels)) n++;
  }
  return n;
}
