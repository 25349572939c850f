/**
 * apps/v1 ReplicaSets: defaulting (replicas 1, the Pod template), validation with
 * kube-apiserver 1.32's paths and messages, an immutable selector, the status and scale
 * subresources, the `status.replicas` field selector and the DESIRED/CURRENT/READY printer.
 */
import type { PodTemplateSpec } from '../../../../shared/api/core.js';
import type { ReplicaSet } from '../../../../shared/api/apps.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import type { CompiledSelector } from '../../../base/label-selector.js';
import { formatLabelSelector } from '../../../base/label-selector.js';
import { type FieldError, forbidden, notSupported } from '../errors.js';
import { decodeError } from './decoding.js';
import { containerCells, defaultPodTemplate, validatePodTemplate } from './pod-template.js';
import { age } from './printing.js';
import { ALL_VERBS, type ResourceDefinition, column } from './resource.js';
import { validateObjectMeta } from './validation.js';
import { ageColumn, containersColumn, imagesColumn, nameColumn } from './workload-columns.js';
import { REPLICA_SET_SHAPE } from './workload-decoding.js';
import {
  immutableSelector,
  nonnegativeCounters,
  notAbove,
  templateLabelsMismatch,
  validateNonnegative,
  validateWorkloadSelector,
} from './workload-validation.js';

/**
 * ValidatePodTemplateSpecForReplicaSet, shared with Deployments — which is why a Deployment's
 * error also says "activeDeadlineSeconds in ReplicaSet is not Supported".
 */
export function validateReplicaSetTemplate(template: PodTemplateSpec | undefined, selector: CompiledSelector, field: string, kind = 'ReplicaSet'): FieldError[] {
  const errors = templateLabelsMismatch(selector, template, `${field}.metadata.labels`);
  errors.push(...validatePodTemplate(template, field));
  // ValidatePodTemplateSpec already refused unknown policies; this narrows them to Always.
  const restartPolicy = template?.spec?.restartPolicy ?? '';
  if (restartPolicy !== 'Always') errors.push(notSupported(`${field}.spec.restartPolicy`, restartPolicy, ['Always']));
  if (template?.spec?.activeDeadlineSeconds !== undefined && template.spec.activeDeadlineSeconds !== null) {
    errors.push(forbidden(`${field}.spec.activeDeadlineSeconds`, `activeDeadlineSeconds in ${kind} is not Supported`));
  }
  return errors;
}

function applyDefaults(obj: KubeObject): void {
  const rs = obj as ReplicaSet;
  rs.spec ??= {} as ReplicaSet['spec'];
  rs.spec.replicas ??= 1;
  rs.spec.template = defaultPodTemplate(rs.spec.template);
}

function validateSpec(rs: ReplicaSet): FieldError[] {
  const spec = rs.spec;
  const errors = [...validateNonnegative(spec.replicas, 'spec.replicas'), ...validateNonnegative(spec.minReadySeconds, 'spec.minReadySeconds')];
  // "for deployment": ValidateReplicaSetSpec reuses the Deployment's wording, word for word.
  const selector = validateWorkloadSelector(spec.selector, 'spec.selector', 'deployment', 'invalid label selector', errors);
  if (selector) errors.push(...validateReplicaSetTemplate(spec.template, selector, 'spec.template'));
  return errors;
}

function validate(obj: KubeObject): FieldError[] {
  return [...validateObjectMeta(obj, { namespaced: true, nameRule: 'subdomain' }), ...validateSpec(obj as ReplicaSet)];
}

function validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const rs = obj as ReplicaSet;
  // apps/v1 forbids changing the selector (extensions/v1beta1 once allowed it).
  return [...validate(obj), ...immutableSelector(rs.spec.selector, (old as ReplicaSet).spec.selector, 'spec.selector')];
}

/** ValidateReplicaSetStatus, which ValidateReplicationControllerStatus repeats word for word. */
export function validateReplicaSetStatus(obj: KubeObject): FieldError[] {
  const status = (obj as ReplicaSet).status;
  const limit = 'cannot be greater than status.replicas';
  return [
    ...nonnegativeCounters(status, 'status', ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration']),
    ...notAbove(status, 'status', 'fullyLabeledReplicas', 'replicas', limit),
    ...notAbove(status, 'status', 'readyReplicas', 'replicas', limit),
    ...notAbove(status, 'status', 'availableReplicas', 'replicas', limit),
    ...notAbove(status, 'status', 'availableReplicas', 'readyReplicas', 'cannot be greater than readyReplicas'),
  ];
}

function cells(obj: KubeObject, now: number): Array<string | number> {
  const rs = obj as ReplicaSet;
  const [containers, images] = containerCells(rs.spec.template);
  return [
    rs.metadata.name ?? '',
    rs.spec.replicas ?? 0,
    rs.status?.replicas ?? 0,
    rs.status?.readyReplicas ?? 0,
    age(rs.metadata.creationTimestamp, now),
    containers,
    images,
    formatLabelSelector(rs.spec.selector),
  ];
}

export const replicaSetResource: ResourceDefinition = {
  group: 'apps',
  version: 'v1',
  kind: 'ReplicaSet',
  plural: 'replicasets',
  singular: 'replicaset',
  namespaced: true,
  shortNames: ['rs'],
  categories: ['all'],
  storagePrefix: 'replicasets',
  verbs: ALL_VERBS,
  subresources: ['scale', 'status'],
  strategy: {
    tracksGeneration: true,
    hasStatusSubresource: true,
    decode: (obj) => decodeError(obj, REPLICA_SET_SHAPE),
    applyDefaults,
    prepareForCreate(obj) {
      // ReplicaSetStatus.replicas has no omitempty: a new ReplicaSet shows `replicas: 0`.
      (obj as ReplicaSet).status = { replicas: 0 };
    },
    validate,
    validateUpdate,
    validateStatusUpdate: validateReplicaSetStatus,
    selectableField(obj, field) {
      if (field === 'status.replicas') return String((obj as ReplicaSet).status?.replicas ?? 0);
      return undefined;
    },
    selectableFields: ['status.replicas'],
  },
  printer: {
    columns: [
      nameColumn,
      column('Desired', 'integer', 'Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller'),
      column('Current', 'integer', 'Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller'),
      column('Ready', 'integer', 'readyReplicas is the number of pods targeted by this ReplicaSet with a Ready Condition.'),
      ageColumn,
      containersColumn,
      imagesColumn,
      column('Selector', 'string', 'Selector is a label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this replica set. It must match the pod template\'s labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors', 1),
    ],
    cells,
  },
};
