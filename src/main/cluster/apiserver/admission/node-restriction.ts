/**
 * NodeRestriction (plugin/pkg/admission/noderestriction): a kubelet (user `system:node:<name>` in
 * group system:nodes) may write only what belongs to its node — its own Node (no taint changes, no
 * restricted labels), mirror Pods bound to it, the status of Pods bound to it, deletion of those
 * Pods, and its Lease in kube-node-lease — with 1.32's messages.
 */
import type { Node, Pod } from '../../../../shared/api/core.js';
import type { Status } from '../../../../shared/api/meta.js';
import { canonicalJson } from '../../../base/canonical-json.js';
import { NODES_GROUP } from '../auth/user.js';
import type { StrategyContext } from '../registry/resource.js';
import type { AdmissionAttributes, AdmissionPlugin } from './admission.js';
import { forbid, isResource } from './forbid.js';
import { referencesClaims, referencesConfigMaps, referencesSecrets, referencesTrustBundles } from './pod-references.js';
import { MIRROR_POD_ANNOTATION } from './service-account.js';

type Result = Status | undefined;

/** kubeletapis.IsKubeletLabel: the labels a kubelet may set on its own Node. */
const KUBELET_LABELS: ReadonlySet<string> = new Set([
  'kubernetes.io/hostname',
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
  'beta.kubernetes.io/instance-type',
  'node.kubernetes.io/instance-type',
  'kubernetes.io/os',
  'kubernetes.io/arch',
  'beta.kubernetes.io/os',
  'beta.kubernetes.io/arch',
]);
const KUBELET_LABEL_NAMESPACES = ['kubelet.kubernetes.io', 'node.kubernetes.io'];
const NODE_RESTRICTION_NAMESPACE = 'node-restriction.kubernetes.io';

function labelNamespace(key: string): string {
  const slash = key.indexOf('/');
  return slash === -1 ? '' : key.slice(0, slash);
}

function inNamespace(namespace: string, parent: string): boolean {
  return namespace === parent || namespace.endsWith(`.${parent}`);
}

function isKubeletLabel(key: string): boolean {
  return KUBELET_LABELS.has(key) || KUBELET_LABEL_NAMESPACES.some((ns) => inNamespace(labelNamespace(key), ns));
}

/** getForbiddenLabels over the keys that differ between `a` and `b`, sorted. */
function forbiddenLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): string[] {
  const modified = new Set<string>();
  for (const [k, v] of Object.entries(a ?? {})) if (b?.[k] !== v) modified.add(k);
  for (const [k, v] of Object.entries(b ?? {})) if (a?.[k] !== v) modified.add(k);
  return [...modified]
    .filter((key) => {
      const ns = labelNamespace(key);
      if (inNamespace(ns, NODE_RESTRICTION_NAMESPACE)) return true;
      return (inNamespace(ns, 'kubernetes.io') || inNamespace(ns, 'k8s.io')) && !isKubeletLabel(key);
    })
    .sort();
}

/** The node a request speaks for: undefined for non-nodes, '' for a node user without a name. */
function nodeIdentity(attributes: AdmissionAttributes): string | undefined {
  const user = attributes.user;
  if (!user.groups.includes(NODES_GROUP)) return undefined;
  return user.username.startsWith('system:node:') ? user.username.slice('system:node:'.length) : '';
}

function admitPodCreate(node: string, attributes: AdmissionAttributes, ctx: StrategyContext): Result {
  const pod = attributes.object as Pod;
  if (pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] === undefined) {
    return forbid(attributes, `pod does not have "${MIRROR_POD_ANNOTATION}" annotation, node "${node}" can only create mirror pods`);
  }
  if (pod.spec.nodeName !== node) return forbid(attributes, `node "${node}" can only create pods with spec.nodeName set to itself`);
  const owners = pod.metadata.ownerReferences ?? [];
  if (owners.length > 1) return forbid(attributes, `node "${node}" can only create pods with a single owner reference set to itself`);
  const owner = owners[0];
  if (!owner || owner.apiVersion !== 'v1' || owner.kind !== 'Node' || owner.name !== node) {
    return forbid(attributes, `node "${node}" can only create pods with an owner reference set to itself`);
  }
  if (owner.controller !== true) return forbid(attributes, `node "${node}" can only create pods with a controller owner reference set to itself`);
  if (owner.blockOwnerDeletion === true) return forbid(attributes, `node "${node}" must not set blockOwnerDeletion on an owner reference`);
  const stored = ctx.get('', 'nodes', undefined, node);
  if (!stored) return notFoundNode(node);
  if (owner.uid !== stored.metadata.uid) return forbid(attributes, `node ${node} UID mismatch: expected ${owner.uid} got ${stored.metadata.uid ?? ''}`);
  // A mirror Pod may reference no other API object.
  if (pod.spec.serviceAccountName) return forbid(attributes, `node "${node}" can not create pods that reference a service account`);
  if (referencesSecrets(pod)) return forbid(attributes, `node "${node}" can not create pods that reference secrets`);
  if (referencesConfigMaps(pod)) return forbid(attributes, `node "${node}" can not create pods that reference configmaps`);
  if (referencesTrustBundles(pod)) return forbid(attributes, `node "${node}" can not create pods that reference clustertrustbundles`);
  if (referencesClaims(pod)) return forbid(attributes, `node "${node}" can not create pods that reference persistentvolumeclaims`);
  return undefined;
}

function notFoundNode(node: string): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `nodes "${node}" not found`, reason: 'NotFound', details: { name: node, kind: 'nodes' }, code: 404 };
}

function admitPod(node: string, attributes: AdmissionAttributes, ctx: StrategyContext): Result {
  switch (attributes.subresource ?? '') {
    case '':
      if (attributes.operation === 'CREATE') return admitPodCreate(node, attributes, ctx);
      if (attributes.operation === 'DELETE') {
        const pod = attributes.oldObject as Pod | undefined;
        if (pod?.spec.nodeName !== node) return forbid(attributes, `node "${node}" can only delete pods with spec.nodeName set to itself`);
        return undefined;
      }
      return forbid(attributes, `unexpected operation "${attributes.operation}", node "${node}" can only create and delete mirror pods`);
    case 'status': {
      if (attributes.operation !== 'UPDATE') return forbid(attributes, `unexpected operation "${attributes.operation}"`);
      const old = attributes.oldObject as Pod;
      if (old.spec.nodeName !== node) return forbid(attributes, `node "${node}" can only update pod status for pods with spec.nodeName set to itself`);
      if (canonicalJson(old.metadata.labels ?? {}) !== canonicalJson(attributes.object?.metadata.labels ?? {})) {
        return forbid(attributes, `node "${node}" cannot update labels through pod status`);
      }
      return undefined;
    }
    default:
      return forbid(attributes, `unexpected pod subresource "${attributes.subresource ?? ''}", only 'status' and 'eviction' are allowed`);
  }
}

function admitNode(node: string, attributes: AdmissionAttributes): Result {
  if (attributes.name !== node) return forbid(attributes, `node "${node}" is not allowed to modify node "${attributes.name}"`);
  const next = attributes.object as Node | undefined;
  if (attributes.operation === 'CREATE' && next) {
    if ((next.spec as Record<string, unknown> | undefined)?.configSource) return forbid(attributes, `node "${node}" is not allowed to create pods with a non-nil configSource`);
    const labels = forbiddenLabels(next.metadata.labels, undefined);
    if (labels.length > 0) return forbid(attributes, `node "${node}" is not allowed to set the following labels: ${labels.join(', ')}`);
  }
  if (attributes.operation === 'UPDATE' && next) {
    const old = attributes.oldObject as Node;
    if (canonicalJson(next.spec?.taints ?? null) !== canonicalJson(old.spec?.taints ?? null)) return forbid(attributes, `node "${node}" is not allowed to modify taints`);
    const labels = forbiddenLabels(next.metadata.labels, old.metadata.labels);
    if (labels.length > 0) return forbid(attributes, `is not allowed to modify labels: ${labels.join(', ')}`);
  }
  return undefined;
}

function admitLease(node: string, attributes: AdmissionAttributes): Result {
  if (attributes.namespace !== 'kube-node-lease') return forbid(attributes, 'can only access leases in the "kube-node-lease" system namespace');
  if (attributes.name !== node) return forbid(attributes, 'can only access node lease with the same name as the requesting node');
  return undefined;
}

function restrict(attributes: AdmissionAttributes, ctx: StrategyContext): Result {
  const node = nodeIdentity(attributes);
  if (node === undefined) return undefined;
  if (node === '') return forbid(attributes, `could not determine node from user "${attributes.user.username}"`);
  if (isResource(attributes, '', 'pods')) return admitPod(node, attributes, ctx);
  if (isResource(attributes, '', 'nodes')) return admitNode(node, attributes);
  if (isResource(attributes, '', 'persistentvolumeclaims') && attributes.subresource !== 'status') return forbid(attributes, 'may only update PVC status');
  if (isResource(attributes, 'coordination.k8s.io', 'leases')) return admitLease(node, attributes);
  return undefined;
}

export const nodeRestriction: AdmissionPlugin = {
  name: 'NodeRestriction',
  // kube-apiserver runs it as a mutating plugin on create, update and delete; this API server
  // admits deletes in the validating phase only, so the delete half lives there.
  admit: (attributes, ctx) => (attributes.operation === 'DELETE' ? undefined : restrict(attributes, ctx)),
  validate: (attributes, ctx) => (attributes.operation === 'DELETE' ? restrict(attributes, ctx) : undefined),
};
