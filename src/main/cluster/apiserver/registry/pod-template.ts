/**
 * The Pod template inside Deployments, ReplicaSets, StatefulSets, DaemonSets and Jobs: scheme
 * defaulting (SetDefaults_PodSpec through the Pod registry's own code, without what only Pods get
 * from SetDefaults_Pod and admission — no service account, token volume, tolerations or
 * priority), ValidatePodTemplateSpec, and the CONTAINERS/IMAGES cells every workload printer shows.
 */
import type { Container, PodSpec, PodTemplateSpec } from '../../../../shared/api/core.js';
import { type FieldError, forbidden } from '../errors.js';
import { defaultPodSpec, validatePodSpec } from './pod.js';
import { validateLabels, validateQualifiedName } from './validation.js';

/**
 * Default a template in place (creating it when missing, as Go's zero-value struct would be) and
 * return it. `metadata.creationTimestamp: null` is what a zero metav1.Time serializes to, so
 * `kubectl get deploy -o yaml` shows it under the template as a real cluster does.
 */
export function defaultPodTemplate(template: PodTemplateSpec | undefined): PodTemplateSpec {
  const t = (template ?? {}) as Partial<PodTemplateSpec>;
  t.metadata ??= {};
  if (t.metadata.creationTimestamp === undefined) t.metadata.creationTimestamp = null;
  t.spec ??= { containers: [] };
  defaultPodSpec(t.spec);
  return t as PodTemplateSpec;
}

/** ValidateAnnotations' key check (`metadata.annotations` rules, under the template's path). */
export function validateAnnotationKeys(annotations: Record<string, string> | undefined, field: string): FieldError[] {
  return Object.keys(annotations ?? {}).flatMap((key) => validateQualifiedName(key.toLowerCase(), field));
}

/**
 * ValidatePodTemplateSpec: note the paths are `<field>.labels` and `<field>.annotations`, not
 * `<field>.metadata.labels` — kube-apiserver reports them that way.
 */
export function validatePodTemplate(template: PodTemplateSpec | undefined, field: string): FieldError[] {
  const spec: PodSpec | undefined = template?.spec;
  const errors = [
    ...validatePodTemplateMetadata(template, field),
    ...validatePodSpec(spec, `${field}.spec`),
  ];
  if (Array.isArray(spec?.ephemeralContainers) && spec.ephemeralContainers.length > 0) {
    errors.push(forbidden(`${field}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'));
  }
  return errors;
}

/** Only the template's labels and annotations: all a StatefulSet's template gets checked for in 1.32. */
export function validatePodTemplateMetadata(template: PodTemplateSpec | undefined, field: string): FieldError[] {
  return [...validateLabels(template?.metadata?.labels, `${field}.labels`), ...validateAnnotationKeys(template?.metadata?.annotations, `${field}.annotations`)];
}

/** layoutContainerCells: `name1,name2` and `image1,image2` for -o wide. */
export function containerCells(template: PodTemplateSpec | undefined): [string, string] {
  const containers: Container[] = Array.isArray(template?.spec?.containers) ? template.spec.containers : [];
  return [containers.map((c) => c.name ?? '').join(','), containers.map((c) => c.image ?? '').join(',')];
}
