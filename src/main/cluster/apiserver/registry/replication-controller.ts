/**
 * core/v1 ReplicationControllers: SetDefaults_ReplicationController (the selector and the
 * object's labels taken from the template's labels, replicas 1), ValidateReplicationController
 * (a non-empty equality selector the template must match; its selector, unlike a ReplicaSet's, may
 * change), the status and scale subresources, the `status.replicas` field selector and the
 * DESIRED/CURRENT/READY printer.
 */
import type { ReplicationController } from '../../../../shared/api/replication-controller.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { formatLabels, labelSelectorAsSelector } from '../../../base/label-selector.js';
import { type FieldError, required } from '../errors.js';
import { containerCells, defaultPodTemplate } from './pod-template.js';
import { age } from './printing.js';
import { validateReplicaSetStatus, validateReplicaSetTemplate } from './replicaset.js';
import { ALL_VERBS, type ResourceDefinition, column } from './resource.js';
import { validateLabels, validateObjectMeta } from './validation.js';
import { ageColumn, containersColumn, imagesColumn, nameColumn } from './workload-columns.js';
import { validateNonnegative } from './workload-validation.js';

function applyDefaults(obj: KubeObject): void {
  const rc = obj as ReplicationController;
  rc.spec ??= {};
  const labels = rc.spec.template?.metadata?.labels;
  if (labels) {
    if (Object.keys(rc.spec.selector ?? {}).length === 0) rc.spec.selector = { ...labels };
    if (Object.keys(rc.metadata.labels ?? {}).length === 0) rc.metadata.labels = { ...labels };
  }
  rc.spec.replicas ??= 1;
  if (rc.spec.template) rc.spec.template = defaultPodTemplate(rc.spec.template);
}

/** ValidateReplicationControllerSpec with ValidatePodTemplateSpecForRC. */
function validateSpec(rc: ReplicationController): FieldError[] {
  const spec = rc.spec;
  const errors = [...validateNonnegative(spec.minReadySeconds, 'spec.minReadySeconds')];
  const selectorMap = spec.selector ?? {};
  if (Object.keys(selectorMap).length === 0) errors.push(required('spec.selector', ''));
  errors.push(...validateLabels(selectorMap, 'spec.selector'));
  errors.push(...validateNonnegative(spec.replicas, 'spec.replicas'));
  if (!spec.template) {
    errors.push(required('spec.template', ''));
    return errors;
  }
  const selector = labelSelectorAsSelector({ matchLabels: selectorMap });
  if (selector.ok) errors.push(...validateReplicaSetTemplate(spec.template, selector.selector, 'spec.template', 'ReplicationController'));
  return errors;
}

function validate(obj: KubeObject): FieldError[] {
  return [...validateObjectMeta(obj, { namespaced: true, nameRule: 'subdomain' }), ...validateSpec(obj as ReplicationController)];
}

function cells(obj: KubeObject, now: number): Array<string | number> {
  const rc = obj as ReplicationController;
  const [containers, images] = containerCells(rc.spec.template);
  return [
    rc.metadata.name ?? '',
    rc.spec.replicas ?? 0,
    rc.status?.replicas ?? 0,
    rc.status?.readyReplicas ?? 0,
    age(rc.metadata.creationTimestamp, now),
    containers,
    images,
    formatLabels(rc.spec.selector),
  ];
}

export const replicationControllerResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'ReplicationController',
  plural: 'replicationcontrollers',
  singular: 'replicationcontroller',
  namespaced: true,
  shortNames: ['rc'],
  categories: ['all'],
  storagePrefix: 'controllers',
  verbs: ALL_VERBS,
  subresources: ['scale', 'status'],
  strategy: {
    tracksGeneration: true,
    hasStatusSubresource: true,
    applyDefaults,
    prepareForCreate(obj) {
      // ReplicationControllerStatus.replicas has no omitempty: a new one shows `replicas: 0`.
      (obj as ReplicationController).status = { replicas: 0 };
    },
    validate,
    validateUpdate: (obj) => validate(obj),
    validateStatusUpdate: validateReplicaSetStatus,
    selectableField(obj, field) {
      if (field === 'status.replicas') return String((obj as ReplicationController).status?.replicas ?? 0);
      return undefined;
    },
    selectableFields: ['status.replicas'],
  },
  printer: {
    columns: [
      nameColumn,
      column('Desired', 'integer', 'Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller'),
      column('Current', 'integer', 'Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller'),
      column('Ready', 'integer', 'The number of ready replicas for this replication controller.'),
      ageColumn,
      containersColumn,
      imagesColumn,
      column('Selector', 'string', 'Selector is a label query over pods that should match the Replicas count. If Selector is empty, it is defaulted to the labels present on the Pod template. Label keys and values that must match in order to be controlled by this replication controller, if empty defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels#label-selectors', 1),
    ],
    cells,
  },
};
