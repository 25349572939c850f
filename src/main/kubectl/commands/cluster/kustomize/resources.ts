/**
 * A resource while kustomize builds: the object and every name it has had, so references written
 * against an old name (a base's ConfigMap before its prefix and hash) can be pointed at the new one.
 */
import type { KubeObject } from '../../../../../shared/api/meta.js';

export interface Tracked {
  object: KubeObject;
  previousNames: Set<string>;
  /** A generated ConfigMap or Secret whose name gets the content hash at the end. */
  needsHash: boolean;
}

export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function rename(resource: Tracked, name: string): void {
  resource.previousNames.add(resource.object.metadata.name ?? '');
  resource.object.metadata.name = name;
}

/** The object at `path` below `root`, created (as `{}`) when `create` and missing. */
export function objectAt(root: Obj, path: readonly string[], create: boolean): Obj | undefined {
  let node: Obj = root;
  for (const key of path) {
    let next = node[key];
    if (!isObj(next)) {
      if (!create || (next !== undefined && next !== null)) return undefined;
      next = {};
      node[key] = next;
    }
    node = next as Obj;
  }
  return node;
}

/** Where each workload kind keeps its pod template. */
export const POD_TEMPLATE_PATHS: Record<string, string[]> = {
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** The pod spec of a Pod or of a workload's template. */
export function podSpecOf(object: KubeObject): Obj | undefined {
  if (object.kind === 'Pod') return isObj(object.spec) ? object.spec : undefined;
  const path = POD_TEMPLATE_PATHS[object.kind ?? ''];
  return path ? objectAt(object as unknown as Obj, [...path, 'spec'], false) : undefined;
}

/** Kinds without a namespace (kustomize leaves their namespace unset). */
export const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding', 'PriorityClass',
  'IngressClass', 'RuntimeClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'CertificateSigningRequest', 'APIService',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ComponentStatus', 'PodSecurityPolicy',
]);
