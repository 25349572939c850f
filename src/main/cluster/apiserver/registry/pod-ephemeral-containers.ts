/**
 * `pods/<name>/ephemeralcontainers` (what `kubectl debug` patches): kube-apiserver 1.32's
 * podEphemeralContainersStrategy. An update through it changes `spec.ephemeralContainers` and
 * nothing else (dropNonEphemeralContainerUpdates); ephemeral containers are validated as
 * validateEphemeralContainers does — names unique across every container of the Pod, a
 * `targetContainerName` that names a regular or init container, none of the fields an ephemeral
 * container may not have (ports, probes, resources, lifecycle…) — and existing ones may be neither
 * removed nor changed. The main endpoint refuses them on create (`cannot be set on create`).
 */
import type { EphemeralContainer, Pod, PodSpec } from '../../../../shared/api/core.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { canonicalJson } from '../../../base/canonical-json.js';
import { type FieldError, forbidden } from '../errors.js';
import type { SubresourceUpdateStrategy } from './resource.js';

/** EphemeralContainerCommon's fields that validateFieldAllowList refuses, in struct order. */
const DISALLOWED_FIELDS = ['ports', 'resources', 'resizePolicy', 'restartPolicy', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle'];

/** reflect's IsZero as the JSON shows it: absent, or an empty object (`resources: {}`). */
function isSet(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return true;
  if (typeof value === 'object') return Object.values(value as object).some(isSet);
  return value !== '' && value !== false && value !== 0;
}

/**
 * validateEphemeralContainers' own rules, under `field` (`spec`): the target and the fields allowed.
 * The common container checks (name, image, names unique across the Pod) are validateContainers',
 * run by the caller.
 */
export function validateEphemeralContainers(spec: PodSpec | undefined, field: string): FieldError[] {
  const errors: FieldError[] = [];
  const list = spec?.ephemeralContainers;
  if (!Array.isArray(list) || list.length === 0) return errors;
  const others = new Set([...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].map((c) => c.name));
  list.forEach((ec: EphemeralContainer, i) => {
    const path = `${field}.ephemeralContainers[${i}]`;
    if (ec.targetContainerName && !others.has(ec.targetContainerName)) {
      errors.push({ type: 'FieldValueNotFound', field: `${path}.targetContainerName`, detail: `Not found: ${JSON.stringify(ec.targetContainerName)}` });
    }
    for (const name of DISALLOWED_FIELDS) {
      if (isSet(ec[name])) errors.push(forbidden(`${path}.${name}`, 'cannot be set for an Ephemeral Container'));
    }
    (ec.volumeMounts ?? []).forEach((m, j) => {
      const mount = m as { subPath?: string; subPathExpr?: string };
      if (mount.subPath) errors.push(forbidden(`${path}.volumeMounts[${j}].subPath`, 'cannot be set for an Ephemeral Container'));
      if (mount.subPathExpr) errors.push(forbidden(`${path}.volumeMounts[${j}].subPathExpr`, 'cannot be set for an Ephemeral Container'));
    });
  });
  return errors;
}

/** ValidatePodCreate: ephemeral containers only come through the subresource. */
export function forbidEphemeralContainersOnCreate(pod: Pod): FieldError[] {
  const list = pod.spec?.ephemeralContainers;
  return Array.isArray(list) && list.length > 0 ? [forbidden('spec.ephemeralContainers', 'cannot be set on create')] : [];
}

/** ValidatePodEphemeralContainersUpdate's part 2: the Pod's existing ephemeral containers stay as they are. */
function validateExistingKept(pod: Pod, old: Pod): FieldError[] {
  if (old.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) {
    return [forbidden('', 'static pods do not support ephemeral containers')];
  }
  const errors: FieldError[] = [];
  const sent = new Map((pod.spec.ephemeralContainers ?? []).map((c) => [c.name, c]));
  for (const before of old.spec.ephemeralContainers ?? []) {
    const now = sent.get(before.name);
    if (!now) errors.push(forbidden('spec.ephemeralContainers', `existing ephemeral containers ${JSON.stringify(before.name)} may not be removed\n`));
    else if (canonicalJson(now) !== canonicalJson(before)) {
      errors.push(forbidden(`spec.ephemeralContainers[${before.name}]`, `existing ephemeral containers ${JSON.stringify(before.name)} may not be changed\n`));
    }
  }
  return errors;
}

/**
 * The subresource's update strategy; `validatePod` is the Pod's own metadata-and-spec validation
 * (which includes validateEphemeralContainers).
 */
export function ephemeralContainersUpdate(validatePod: (obj: KubeObject) => FieldError[]): SubresourceUpdateStrategy {
  return {
    prepare(obj, old) {
      // dropNonEphemeralContainerUpdates: the stored Pod with only the ephemeral containers taken.
      const pod = obj as Pod;
      const stored = structuredClone(old) as Pod;
      const ephemeral = pod.spec?.ephemeralContainers;
      pod.spec = stored.spec;
      if (ephemeral) pod.spec.ephemeralContainers = ephemeral;
      else delete pod.spec.ephemeralContainers;
      pod.status = stored.status;
      const managedFields = pod.metadata.managedFields;
      pod.metadata = { ...stored.metadata, resourceVersion: pod.metadata.resourceVersion, ...(managedFields ? { managedFields } : {}) };
    },
    validate: (obj, old) => [...validatePod(obj), ...validateExistingKept(obj as Pod, old as Pod)],
  };
}
