/**
 * kustomize's built-in transformers in its order: namespace, name prefix and suffix, labels,
 * annotations, replica counts and image tags — each over the fields kustomize's default field
 * specs name — and, at the end, references re-pointed to renamed objects.
 */
import type { KubeObject } from '../../../../../shared/api/meta.js';
import { CLUSTER_SCOPED_KINDS, type Obj, POD_TEMPLATE_PATHS, type Tracked, isObj, objectAt, podSpecOf, rename } from './resources.js';

export function setNamespace(resources: Tracked[], namespace: string): void {
  for (const { object } of resources) {
    if (!CLUSTER_SCOPED_KINDS.has(object.kind ?? '')) object.metadata.namespace = namespace;
    if (object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding') {
      for (const subject of Array.isArray(object.subjects) ? (object.subjects as Obj[]) : []) {
        if (subject.kind === 'ServiceAccount' && (subject.name === 'default' || subject.namespace === undefined)) subject.namespace = namespace;
      }
    }
  }
}

const NOT_RENAMED = new Set(['CustomResourceDefinition', 'APIService', 'Namespace']);

export function addPrefixSuffix(resources: Tracked[], prefix: string, suffix: string): void {
  for (const resource of resources) {
    if (NOT_RENAMED.has(resource.object.kind ?? '')) continue;
    rename(resource, `${prefix}${resource.object.metadata.name ?? ''}${suffix}`);
  }
}

/** Where labels go besides metadata.labels: selectors (`create` when missing) and templates. */
const SELECTOR_PATHS: Record<string, Array<{ path: string[]; create: boolean }>> = {
  Deployment: [{ path: ['spec', 'selector', 'matchLabels'], create: true }],
  ReplicaSet: [{ path: ['spec', 'selector', 'matchLabels'], create: true }],
  DaemonSet: [{ path: ['spec', 'selector', 'matchLabels'], create: true }],
  StatefulSet: [{ path: ['spec', 'selector', 'matchLabels'], create: true }],
  Job: [{ path: ['spec', 'selector', 'matchLabels'], create: false }],
  CronJob: [{ path: ['spec', 'jobTemplate', 'spec', 'selector', 'matchLabels'], create: false }],
  Service: [{ path: ['spec', 'selector'], create: true }],
  ReplicationController: [{ path: ['spec', 'selector'], create: true }],
  PodDisruptionBudget: [{ path: ['spec', 'selector', 'matchLabels'], create: false }],
  NetworkPolicy: [{ path: ['spec', 'podSelector', 'matchLabels'], create: false }],
};

function templateMetadataPaths(kind: string): string[][] {
  const template = POD_TEMPLATE_PATHS[kind];
  if (!template) return [];
  return kind === 'CronJob' ? [['spec', 'jobTemplate', 'metadata'], [...template, 'metadata']] : [[...template, 'metadata']];
}

function merge(target: Obj | undefined, values: Record<string, string>): void {
  if (target) Object.assign(target, values);
}

export function addLabels(resources: Tracked[], labels: Record<string, string>, includeSelectors: boolean, includeTemplates: boolean): void {
  for (const { object } of resources) {
    const root = object as unknown as Obj;
    merge(objectAt(root, ['metadata', 'labels'], true), labels);
    if (includeSelectors) for (const { path, create } of SELECTOR_PATHS[object.kind ?? ''] ?? []) merge(objectAt(root, path, create), labels);
    if (includeSelectors || includeTemplates) for (const path of templateMetadataPaths(object.kind ?? '')) merge(objectAt(root, [...path, 'labels'], true), labels);
  }
}

export function addAnnotations(resources: Tracked[], annotations: Record<string, string>): void {
  for (const { object } of resources) {
    const root = object as unknown as Obj;
    merge(objectAt(root, ['metadata', 'annotations'], true), annotations);
    for (const path of templateMetadataPaths(object.kind ?? '')) merge(objectAt(root, [...path, 'annotations'], true), annotations);
  }
}

export function setReplicas(resources: Tracked[], replicas: Array<{ name?: string; count?: number }>): void {
  for (const { name, count } of replicas) {
    for (const { object } of resources) {
      if (object.metadata.name === name && isObj(object.spec) && POD_TEMPLATE_PATHS[object.kind ?? '']) object.spec.replicas = count;
    }
  }
}

interface ImageRule {
  name?: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** `registry:5000/app:1.0@sha256:…` → name, tag and digest. */
function splitImage(image: string): { name: string; tag?: string; digest?: string } {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const rest = at >= 0 ? image.slice(0, at) : image;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { name: rest, digest };
}

function retag(image: string, rule: ImageRule): string {
  const parts = splitImage(image);
  const name = rule.newName ?? parts.name;
  if (rule.digest) return `${name}@${rule.digest}`;
  if (rule.newTag !== undefined) return `${name}:${rule.newTag}`;
  return `${name}${parts.tag !== undefined ? `:${parts.tag}` : ''}${parts.digest ? `@${parts.digest}` : ''}`;
}

/** The images transformer: every container's image anywhere in the object. */
export function setImages(resources: Tracked[], rules: ImageRule[]): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    if (!isObj(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
        for (const container of value) {
          if (!isObj(container) || typeof container.image !== 'string') continue;
          const rule = rules.find((r) => r.name === splitImage(container.image as string).name);
          if (rule) container.image = retag(container.image, rule);
        }
      }
      visit(value);
    }
  };
  for (const { object } of resources) visit(object);
}

/** The name-reference transformer: fields naming a ConfigMap, Secret, ServiceAccount or claim. */
export function fixReferences(resources: Tracked[]): void {
  const current = (kind: string, name: unknown): string | undefined => {
    if (typeof name !== 'string') return undefined;
    const found = resources.find((r) => r.object.kind === kind && (r.object.metadata.name === name || r.previousNames.has(name)));
    return found?.object.metadata.name;
  };
  const repoint = (holder: unknown, field: string, kind: string): void => {
    if (!isObj(holder)) return;
    const renamed = current(kind, holder[field]);
    if (renamed !== undefined) holder[field] = renamed;
  };
  for (const { object } of resources) {
    const spec = podSpecOf(object);
    if (spec) repointPodSpec(spec, repoint);
    if (object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding') {
      const roleRef = (object as KubeObject & { roleRef?: Obj }).roleRef;
      if (roleRef) repoint(roleRef, 'name', String(roleRef.kind ?? ''));
      for (const subject of Array.isArray(object.subjects) ? (object.subjects as Obj[]) : []) if (subject.kind === 'ServiceAccount') repoint(subject, 'name', 'ServiceAccount');
    }
  }
}

function repointPodSpec(spec: Obj, repoint: (holder: unknown, field: string, kind: string) => void): void {
  const list = (value: unknown): Obj[] => (Array.isArray(value) ? value.filter(isObj) : []);
  repoint(spec, 'serviceAccountName', 'ServiceAccount');
  for (const secret of list(spec.imagePullSecrets)) repoint(secret, 'name', 'Secret');
  for (const volume of list(spec.volumes)) {
    repoint(volume.configMap, 'name', 'ConfigMap');
    repoint(volume.secret, 'secretName', 'Secret');
    repoint(volume.persistentVolumeClaim, 'claimName', 'PersistentVolumeClaim');
    for (const source of list(isObj(volume.projected) ? volume.projected.sources : undefined)) {
      repoint(source.configMap, 'name', 'ConfigMap');
      repoint(source.secret, 'name', 'Secret');
    }
  }
  for (const container of [...list(spec.containers), ...list(spec.initContainers)]) {
    for (const env of list(container.env)) {
      const from = env.valueFrom;
      if (isObj(from)) {
        repoint(from.configMapKeyRef, 'name', 'ConfigMap');
        repoint(from.secretKeyRef, 'name', 'Secret');
      }
    }
    for (const envFrom of list(container.envFrom)) {
      repoint(envFrom.configMapRef, 'name', 'ConfigMap');
      repoint(envFrom.secretRef, 'name', 'Secret');
    }
  }
}
