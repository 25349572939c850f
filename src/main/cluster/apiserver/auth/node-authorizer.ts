/**
 * The Node authorizer (`--authorization-mode=Node`): kubelets (`system:node:<name>` in
 * `system:nodes`) may read only the Secrets, ConfigMaps, PersistentVolumeClaims and
 * PersistentVolumes that Pods bound to their node use, and otherwise what the `system:node` rules
 * allow. Anyone else gets no opinion, leaving the decision to RBAC.
 */
import type { Pod } from '../../../../shared/api/core.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import type { PolicyRule } from '../../../../shared/api/rbac.js';
import type { AuthorizationAttributes, AuthorizationResult, Authorizer } from './authorizer.js';
import { ruleAllows } from './rbac-rules.js';
import { nodeNameOf } from './user.js';

/** What the authorizer's graph needs: the Pods bound to a node, and PVCs by name. */
export interface NodeGraphSource {
  podsOnNode(node: string): Pod[];
  persistentVolumeClaim(namespace: string, name: string): KubeObject | undefined;
}

/** The parts of a Pod's volumes the graph follows (the shared Pod type leaves volume sources open). */
interface VolumeRefs {
  secret?: { secretName?: string };
  configMap?: { name?: string };
  persistentVolumeClaim?: { claimName?: string };
  projected?: { sources?: Array<{ secret?: { name?: string }; configMap?: { name?: string } }> };
}

const GRAPH_RESOURCES = new Set(['secrets', 'configmaps', 'persistentvolumeclaims', 'persistentvolumes']);

export class NodeAuthorizer implements Authorizer {
  constructor(
    private readonly graph: NodeGraphSource,
    /** The rules of the `system:node` ClusterRole (NodeRules). */
    private readonly nodeRules: readonly PolicyRule[],
  ) {}

  authorize(attributes: AuthorizationAttributes): AuthorizationResult {
    const node = nodeNameOf(attributes.user);
    if (node === undefined) return { decision: 'NoOpinion', reason: '' };
    if (attributes.resourceRequest && attributes.apiGroup === '' && GRAPH_RESOURCES.has(attributes.resource ?? '') && !attributes.subresource) {
      return this.authorizeReadOfGraphObject(node, attributes);
    }
    if (this.nodeRules.some((rule) => ruleAllows(attributes, rule))) return { decision: 'Allow', reason: '' };
    return { decision: 'NoOpinion', reason: '' };
  }

  private authorizeReadOfGraphObject(node: string, attributes: AuthorizationAttributes): AuthorizationResult {
    if (attributes.verb !== 'get' && attributes.verb !== 'list' && attributes.verb !== 'watch') {
      return { decision: 'NoOpinion', reason: `can only read resources of this type` };
    }
    if (!attributes.name) return { decision: 'NoOpinion', reason: 'No Object name found' };
    if (this.referenced(node, attributes.resource ?? '', attributes.namespace, attributes.name)) return { decision: 'Allow', reason: '' };
    return { decision: 'NoOpinion', reason: `no relationship found between node '${node}' and this object` };
  }

  private referenced(node: string, resource: string, namespace: string | undefined, name: string): boolean {
    for (const pod of this.graph.podsOnNode(node)) {
      const inNamespace = pod.metadata.namespace === namespace;
      const volumes = (pod.spec.volumes ?? []) as VolumeRefs[];
      switch (resource) {
        case 'secrets':
          if (inNamespace && (volumes.some((v) => v.secret?.secretName === name || v.projected?.sources?.some((s) => s.secret?.name === name)) || envRefs(pod, 'secret').includes(name) || ((pod.spec.imagePullSecrets ?? []) as Array<{ name?: string }>).some((s) => s.name === name))) return true;
          break;
        case 'configmaps':
          if (inNamespace && (volumes.some((v) => v.configMap?.name === name || v.projected?.sources?.some((s) => s.configMap?.name === name)) || envRefs(pod, 'configMap').includes(name))) return true;
          break;
        case 'persistentvolumeclaims':
          if (inNamespace && volumes.some((v) => v.persistentVolumeClaim?.claimName === name)) return true;
          break;
        case 'persistentvolumes':
          for (const volume of volumes) {
            const claim = volume.persistentVolumeClaim?.claimName;
            const pvc = claim ? this.graph.persistentVolumeClaim(pod.metadata.namespace ?? '', claim) : undefined;
            if ((pvc?.spec as { volumeName?: string } | undefined)?.volumeName === name) return true;
          }
          break;
      }
    }
    return false;
  }
}

interface ContainerRefs {
  env?: Array<{ valueFrom?: { secretKeyRef?: { name?: string }; configMapKeyRef?: { name?: string } } }>;
  envFrom?: Array<{ secretRef?: { name?: string }; configMapRef?: { name?: string } }>;
}

/** Names of Secrets or ConfigMaps a Pod's containers read through env / envFrom. */
function envRefs(pod: Pod, kind: 'secret' | 'configMap'): string[] {
  const names: string[] = [];
  for (const container of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
    const refs = container as unknown as ContainerRefs;
    for (const env of refs.env ?? []) {
      const ref = kind === 'secret' ? env.valueFrom?.secretKeyRef : env.valueFrom?.configMapKeyRef;
      if (ref?.name) names.push(ref.name);
    }
    for (const from of refs.envFrom ?? []) {
      const ref = kind === 'secret' ? from.secretRef : from.configMapRef;
      if (ref?.name) names.push(ref.name);
    }
  }
  return names;
}
