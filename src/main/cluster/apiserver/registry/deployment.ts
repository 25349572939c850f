/**
 * apps/v1 Deployments: SetDefaults_Deployment (replicas 1, RollingUpdate 25%/25%, revision
 * history 10, progress deadline 600 s, the Pod template), validation with kube-apiserver 1.32's
 * paths and messages, an immutable selector, generation bumps on spec *and annotation* changes,
 * the status and scale subresources, and the READY/UP-TO-DATE/AVAILABLE printer.
 */
import type { Deployment, DeploymentSpec, DeploymentStrategy } from '../../../../shared/api/apps.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { canonicalJson as canonical } from '../../../base/canonical-json.js';
import { labelSelectorAsSelector } from '../../../base/label-selector.js';
import { type FieldError, forbidden, invalidValue, notSupported, required } from '../errors.js';
import { decodeError } from './decoding.js';
import { goIntOrString, goPointer, goStruct } from './go-value.js';
import { containerCells, defaultPodTemplate } from './pod-template.js';
import { age } from './printing.js';
import { validateReplicaSetTemplate } from './replicaset.js';
import { ALL_VERBS, type ResourceDefinition, column } from './resource.js';
import { validateObjectMeta } from './validation.js';
import { ageColumn, containersColumn, imagesColumn, nameColumn } from './workload-columns.js';
import { DEPLOYMENT_SHAPE } from './workload-decoding.js';
import {
  collisionCountDecremented,
  immutableSelector,
  intOrPercentValue,
  nonnegativeCounters,
  notAbove,
  notMoreThan100Percent,
  validateIntOrPercent,
  validateNonnegative,
  validateWorkloadSelector,
} from './workload-validation.js';

function applyDefaults(obj: KubeObject): void {
  const d = obj as Deployment;
  const spec = (d.spec ??= {} as DeploymentSpec);
  spec.replicas ??= 1;
  const strategy = (spec.strategy ??= {});
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rollingUpdate = (strategy.rollingUpdate ??= {});
    rollingUpdate.maxUnavailable ??= '25%';
    rollingUpdate.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  spec.template = defaultPodTemplate(spec.template);
}

function validateStrategy(strategy: DeploymentStrategy | undefined, field: string): FieldError[] {
  const rollingUpdate = strategy?.rollingUpdate;
  switch (strategy?.type) {
    case 'Recreate':
      // The classic trap: switching a live Deployment to Recreate keeps the old rollingUpdate.
      return rollingUpdate ? [forbidden(`${field}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate': {
      if (!rollingUpdate) return [required(`${field}.rollingUpdate`, 'this should be defaulted and never be nil')];
      const path = `${field}.rollingUpdate`;
      const errors = [
        ...validateIntOrPercent(rollingUpdate.maxUnavailable, `${path}.maxUnavailable`),
        ...validateIntOrPercent(rollingUpdate.maxSurge, `${path}.maxSurge`),
      ];
      if (intOrPercentValue(rollingUpdate.maxUnavailable) === 0 && intOrPercentValue(rollingUpdate.maxSurge) === 0) {
        errors.push(invalidValue(`${path}.maxUnavailable`, goIntOrString(rollingUpdate.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
      }
      errors.push(...notMoreThan100Percent(rollingUpdate.maxUnavailable, `${path}.maxUnavailable`));
      return errors;
    }
    default: {
      const value = goStruct('apps.DeploymentStrategy', [
        ['Type', JSON.stringify(strategy?.type ?? '')],
        ['RollingUpdate', goPointer('apps.RollingUpdateDeployment', rollingUpdate !== undefined)],
      ]);
      return [notSupported(field, value, ['Recreate', 'RollingUpdate'])];
    }
  }
}

function validateSpec(spec: DeploymentSpec): FieldError[] {
  const errors = validateNonnegative(spec.replicas, 'spec.replicas');
  const selector = validateWorkloadSelector(spec.selector, 'spec.selector', 'deployment', 'invalid label selector', errors);
  if (selector) errors.push(...validateReplicaSetTemplate(spec.template, selector, 'spec.template'));
  errors.push(...validateStrategy(spec.strategy, 'spec.strategy'));
  errors.push(...validateNonnegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errors.push(...validateNonnegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  const deadline = spec.progressDeadlineSeconds;
  if (typeof deadline === 'number') {
    errors.push(...validateNonnegative(deadline, 'spec.progressDeadlineSeconds'));
    if (deadline <= (spec.minReadySeconds ?? 0)) errors.push(invalidValue('spec.progressDeadlineSeconds', deadline, 'must be greater than minReadySeconds'));
  }
  return errors;
}

function validate(obj: KubeObject): FieldError[] {
  return [...validateObjectMeta(obj, { namespaced: true, nameRule: 'subdomain' }), ...validateSpec((obj as Deployment).spec)];
}

function validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  // apps/v1 forbids changing the selector (extensions/v1beta1 once allowed it).
  return [...validate(obj), ...immutableSelector((obj as Deployment).spec.selector, (old as Deployment).spec.selector, 'spec.selector')];
}

function validateStatusUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const status = (obj as Deployment).status;
  const limit = 'cannot be greater than status.replicas';
  return [
    ...nonnegativeCounters(status, 'status', ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas', 'collisionCount']),
    ...notAbove(status, 'status', 'updatedReplicas', 'replicas', limit),
    ...notAbove(status, 'status', 'readyReplicas', 'replicas', limit),
    ...notAbove(status, 'status', 'availableReplicas', 'replicas', limit),
    ...notAbove(status, 'status', 'availableReplicas', 'readyReplicas', 'cannot be greater than readyReplicas'),
    ...collisionCountDecremented(status, (old as Deployment).status),
  ];
}

function cells(obj: KubeObject, now: number): Array<string | number> {
  const d = obj as Deployment;
  const [containers, images] = containerCells(d.spec.template);
  const selector = labelSelectorAsSelector(d.spec.selector);
  return [
    d.metadata.name ?? '',
    `${d.status?.readyReplicas ?? 0}/${d.spec.replicas ?? 0}`,
    d.status?.updatedReplicas ?? 0,
    d.status?.availableReplicas ?? 0,
    age(d.metadata.creationTimestamp, now),
    containers,
    images,
    selector.ok ? selector.selector.toString() : '<invalid>',
  ];
}

export const deploymentResource: ResourceDefinition = {
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  plural: 'deployments',
  singular: 'deployment',
  namespaced: true,
  shortNames: ['deploy'],
  categories: ['all'],
  storagePrefix: 'deployments',
  verbs: ALL_VERBS,
  subresources: ['scale', 'status'],
  strategy: {
    tracksGeneration: true,
    hasStatusSubresource: true,
    statusUpdatesAnnotations: true,
    decode: (obj) => decodeError(obj, DEPLOYMENT_SHAPE),
    applyDefaults,
    prepareForCreate(obj) {
      (obj as Deployment).status = {};
    },
    prepareForUpdate(obj, old) {
      // Annotations are copied onto the ReplicaSets, so changing them is a new generation too.
      if (canonical(obj.metadata.annotations ?? {}) !== canonical(old.metadata.annotations ?? {})) {
        obj.metadata.generation = (old.metadata.generation ?? 1) + 1;
      }
    },
    validate,
    validateUpdate,
    validateStatusUpdate,
  },
  printer: {
    columns: [
      nameColumn,
      column('Ready', 'string', 'Number of the pod with ready state'),
      column('Up-to-date', 'string', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
      column('Available', 'string', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
      ageColumn,
      containersColumn,
      imagesColumn,
      column('Selector', 'string', "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels.", 1),
    ],
    cells,
  },
};
