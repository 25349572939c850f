/**
 * What a DaemonSet's Pod looks like and where it may run (pkg/controller/daemon/util and
 * NodeShouldRunDaemonPod, Kubernetes 1.32): the template plus the DaemonSet tolerations, the
 * `controller-revision-hash` and `pod-template-generation` labels, and a required node affinity
 * on the node's name that the default scheduler honours; a node is eligible when the template's
 * nodeName, nodeSelector and required node affinity match it and its NoSchedule/NoExecute taints
 * are tolerated.
 */
import type { DaemonSet } from '../../../../shared/api/apps.js';
import type { Node, Pod, PodSpec, Taint, Toleration } from '../../../../shared/api/core.js';
import { canonicalJson } from '../../../base/canonical-json.js';
import { type NodeSelector, nodeSelectorMatches } from '../../../base/node-selector.js';
import { POD_REVISION_LABEL, controllerRef } from '../history.js';

/** extensions.DaemonSetTemplateGenerationKey. */
export const POD_TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

interface Affinity {
  nodeAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: NodeSelectorTerm[] };
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

/** The tolerations AddOrUpdateDaemonPodTolerations gives every daemon Pod, in its order. */
export function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const out: Toleration[] = [
    // Survive the node controller's taint-based eviction when the node turns not ready or unreachable.
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (hostNetwork) out.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  return out;
}

/** v1helper.AddOrUpdateTolerationInPodSpec for each daemon toleration. */
function addDaemonTolerations(spec: PodSpec): void {
  const tolerations = (spec.tolerations ??= []);
  for (const t of daemonTolerations(spec.hostNetwork === true)) {
    const at = tolerations.findIndex(
      (o) => (o.key ?? '') === t.key && (o.operator ?? 'Equal') === t.operator && (o.value ?? '') === '' && (o.effect ?? '') === t.effect,
    );
    if (at < 0) tolerations.push(t);
    else if (canonicalJson(tolerations[at]) !== canonicalJson(t)) tolerations[at] = t;
  }
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity: the required terms become one `metadata.name In [node]`. */
function withNodeNameAffinity(affinity: Affinity | undefined, nodeName: string): Affinity {
  const next: Affinity = affinity ? structuredClone(affinity) : {};
  const nodeAffinity = (next.nodeAffinity ??= {});
  nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = {
    nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }],
  };
  return next;
}

/** The DaemonSet's template generation (the deprecated annotation apps/v1 exposes it in). */
export function templateGeneration(ds: DaemonSet): number | undefined {
  const value = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  return value === undefined ? undefined : Number(value);
}

/** The Pod the controller creates for `nodeName`: CreatePodTemplate + the controller reference. */
export function newDaemonPod(ds: DaemonSet, nodeName: string, hash: string): Pod {
  const template = structuredClone(ds.spec.template);
  const spec = template.spec as PodSpec;
  addDaemonTolerations(spec);
  spec.affinity = withNodeNameAffinity(spec.affinity as Affinity | undefined, nodeName);
  const labels: Record<string, string> = { ...template.metadata?.labels };
  const generation = templateGeneration(ds);
  if (generation !== undefined) labels[POD_TEMPLATE_GENERATION_LABEL] = String(generation);
  labels[POD_REVISION_LABEL] = hash;
  const meta = template.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${ds.metadata.name ?? ''}-`,
      namespace: ds.metadata.namespace,
      labels,
      ...(meta.annotations ? { annotations: meta.annotations } : {}),
      ...(meta.finalizers ? { finalizers: meta.finalizers } : {}),
      ownerReferences: [controllerRef(ds, 'apps/v1', 'DaemonSet')],
    },
    spec,
  };
}

/** util.IsPodUpdated: the current hash, or (for Pods of old controllers) the template generation. */
export function isPodUpdated(pod: Pod, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata.labels ?? {};
  const templateMatches = generation !== undefined && labels[POD_TEMPLATE_GENERATION_LABEL] === String(generation);
  return (hash !== '' && labels[POD_REVISION_LABEL] === hash) || templateMatches;
}

/** Informer objects are immutable, so a Pod's target node is worked out once per object. */
const targets = new WeakMap<Pod, string | undefined>();

/** util.GetTargetNodeName: where the Pod is bound, or where its node-name affinity sends it. */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  if (targets.has(pod)) return targets.get(pod);
  const target = affinityNodeName(pod);
  targets.set(pod, target);
  return target;
}

function affinityNodeName(pod: Pod): string | undefined {
  const terms = (pod.spec.affinity as Affinity | undefined)?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const field of term.matchFields ?? []) {
      if (field.key === 'metadata.name' && field.operator === 'In' && field.values?.length === 1) return field.values[0];
    }
  }
  return undefined;
}

/** nodeaffinity.GetRequiredNodeAffinity(pod).Match(node): nodeSelector and the required terms. */
export function matchesNodeAffinity(spec: PodSpec, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms = (spec.affinity as Affinity | undefined)?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  // The apps types spell operators as plain strings; matching treats unknown ones as no match.
  return !terms || nodeSelectorMatches({ nodeSelectorTerms: terms } as NodeSelector, node);
}

function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (!toleration.key) return toleration.operator === 'Exists';
  if (toleration.key !== taint.key) return false;
  if (toleration.operator === 'Exists') return true;
  return (toleration.value ?? '') === (taint.value ?? '');
}

function untolerated(taints: Taint[], tolerations: Toleration[], effects: ReadonlyArray<Taint['effect']>): boolean {
  return taints.some((t) => effects.includes(t.effect) && !tolerations.some((tol) => tolerates(tol, t)));
}

export interface Eligibility {
  /** A daemon Pod should be created on the node. */
  shouldRun: boolean;
  /** A daemon Pod already there may stay (only a NoSchedule taint is untolerated). */
  shouldContinueRunning: boolean;
}

/** The template's placement rules with the daemon tolerations added, computed once per sync. */
export interface DaemonPlacement {
  spec: PodSpec;
}

export function daemonPlacement(ds: DaemonSet): DaemonPlacement {
  const spec = structuredClone(ds.spec.template.spec as PodSpec);
  addDaemonTolerations(spec);
  return { spec };
}

/** NodeShouldRunDaemonPod. */
export function nodeShouldRunDaemonPod(placement: DaemonPlacement, node: Node): Eligibility {
  const { spec } = placement;
  const name = node.metadata.name ?? '';
  if (spec.nodeName && spec.nodeName !== name) return { shouldRun: false, shouldContinueRunning: false };
  if (!matchesNodeAffinity(spec, node)) return { shouldRun: false, shouldContinueRunning: false };
  const taints = node.spec.taints ?? [];
  const tolerations = spec.tolerations ?? [];
  if (untolerated(taints, tolerations, ['NoSchedule', 'NoExecute'])) {
    return { shouldRun: false, shouldContinueRunning: !untolerated(taints, tolerations, ['NoExecute']) };
  }
  return { shouldRun: true, shouldContinueRunning: true };
}
