/** Pod affinity terms (shared by InterPodAffinity): which Pods a term selects, in which namespaces. */
import type { Pod } from '../../../../shared/api/core.js';
import type { LabelSelector } from '../../../../shared/api/meta.js';
import { type CompiledSelector, labelSelectorAsSelector } from '../../../base/label-selector.js';

export interface PodAffinityTerm {
  labelSelector?: LabelSelector;
  namespaces?: string[];
  namespaceSelector?: LabelSelector;
  topologyKey: string;
}

export interface CompiledTerm {
  selector: CompiledSelector;
  /** undefined: every namespace (an empty namespaceSelector). */
  namespaces: Set<string> | undefined;
  topologyKey: string;
  weight: number;
}

interface PodAffinitySpec {
  podAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
    preferredDuringSchedulingIgnoredDuringExecution?: Array<{ weight: number; podAffinityTerm: PodAffinityTerm }>;
  };
  podAntiAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
    preferredDuringSchedulingIgnoredDuringExecution?: Array<{ weight: number; podAffinityTerm: PodAffinityTerm }>;
  };
}

export function affinityOf(pod: Pod): PodAffinitySpec | undefined {
  return pod.spec.affinity as PodAffinitySpec | undefined;
}

/** A term without namespaces or namespaceSelector means the Pod's own namespace. */
export function compileTerm(pod: Pod, term: PodAffinityTerm, weight = 1): CompiledTerm {
  const compiled = labelSelectorAsSelector(term.labelSelector);
  // A missing or malformed selector selects nothing.
  const selector: CompiledSelector = compiled.ok ? compiled.selector : { empty: false, matches: () => false, toString: () => '' };
  const ns = term.namespaceSelector;
  const allNamespaces = ns !== undefined && ns !== null && Object.keys(ns.matchLabels ?? {}).length === 0 && (ns.matchExpressions ?? []).length === 0;
  const namespaces = allNamespaces ? undefined : new Set(term.namespaces?.length ? term.namespaces : ns ? [] : [pod.metadata.namespace ?? 'default']);
  return { selector, namespaces, topologyKey: term.topologyKey, weight };
}

export function termMatchesPod(term: CompiledTerm, pod: Pod): boolean {
  if (term.namespaces && !term.namespaces.has(pod.metadata.namespace ?? 'default')) return false;
  return term.selector.matches(pod.metadata.labels);
}

export function requiredAffinityTerms(pod: Pod): CompiledTerm[] {
  return (affinityOf(pod)?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => compileTerm(pod, t));
}

export function requiredAntiAffinityTerms(pod: Pod): CompiledTerm[] {
  return (affinityOf(pod)?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => compileTerm(pod, t));
}

export function hasRequiredAntiAffinity(pod: Pod): boolean {
  return (affinityOf(pod)?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).length > 0;
}

export function hasAnyPodAffinity(pod: Pod): boolean {
  const a = affinityOf(pod);
  return a?.podAffinity !== undefined || a?.podAntiAffinity !== undefined;
}
