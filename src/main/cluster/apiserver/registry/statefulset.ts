/**
 * apps/v1 StatefulSets: SetDefaults_StatefulSet (replicas 1, OrderedReady, RollingUpdate with
 * partition 0, revision history 10, PVC retention Retain/Retain), validation as kube-apiserver
 * 1.32 does it — including what it does *not* check: the template's Pod spec (added only in
 * 1.34), so a StatefulSet without an image is accepted and fails later in the controller — the
 * "forbidden updates" rule, the status and scale subresources and the READY printer.
 */
import type { PersistentVolumeClaimTemplate, StatefulSet, StatefulSetSpec } from '../../../../shared/api/apps.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { type FieldError, forbidden, invalidValue, notSupported, required } from '../errors.js';
import { decodeError } from './decoding.js';
import { goIntOrString, goPointer, goStruct } from './go-value.js';
import { containerCells, defaultPodTemplate, validateAnnotationKeys, validatePodTemplateMetadata } from './pod-template.js';
import { age } from './printing.js';
import { ALL_VERBS, type ResourceDefinition, column } from './resource.js';
import { validateLabels, validateObjectMeta } from './validation.js';
import { ageColumn, containersColumn, imagesColumn, nameColumn } from './workload-columns.js';
import { STATEFUL_SET_SHAPE } from './workload-decoding.js';
import {
  collisionCountDecremented,
  intOrPercentValue,
  nonnegativeCounters,
  notAbove,
  notMoreThan100Percent,
  semanticEqual,
  templateLabelsMismatch,
  validateIntOrPercent,
  validateNonnegative,
  validateWorkloadSelector,
} from './workload-validation.js';

function defaultClaimTemplate(claim: PersistentVolumeClaimTemplate): void {
  // The claims are full PersistentVolumeClaims: typed, with SetDefaults_PersistentVolumeClaim(Spec).
  claim.apiVersion ??= 'v1';
  claim.kind ??= 'PersistentVolumeClaim';
  claim.metadata ??= {};
  if (claim.metadata.creationTimestamp === undefined) claim.metadata.creationTimestamp = null;
  claim.spec ??= {};
  claim.spec.volumeMode ??= 'Filesystem';
  claim.status ??= {};
  claim.status.phase ??= 'Pending';
}

function applyDefaults(obj: KubeObject): void {
  const sts = obj as StatefulSet;
  const spec = (sts.spec ??= {} as StatefulSetSpec);
  if (!spec.podManagementPolicy) spec.podManagementPolicy = 'OrderedReady';
  const strategy = (spec.updateStrategy ??= {});
  if (!strategy.type) {
    strategy.type = 'RollingUpdate';
    strategy.rollingUpdate ??= {};
  }
  // An explicit `type: RollingUpdate` without rollingUpdate stays without it (and without a partition).
  if (strategy.type === 'RollingUpdate' && strategy.rollingUpdate) strategy.rollingUpdate.partition ??= 0;
  const retention = (spec.persistentVolumeClaimRetentionPolicy ??= {});
  if (!retention.whenDeleted) retention.whenDeleted = 'Retain';
  if (!retention.whenScaled) retention.whenScaled = 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  // serviceName has no omitempty in 1.32's apps/v1: a StatefulSet without one shows `serviceName: ""`.
  spec.serviceName ??= '';
  spec.template = defaultPodTemplate(spec.template);
  for (const claim of Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : []) defaultClaimTemplate(claim);
}

/** The MaxUnavailableStatefulSet feature gate is off in 1.32: the field is dropped unless already in use. */
function dropMaxUnavailable(sts: StatefulSet, old: StatefulSet | undefined): void {
  const rollingUpdate = sts.spec.updateStrategy?.rollingUpdate;
  if (rollingUpdate && old?.spec.updateStrategy?.rollingUpdate?.maxUnavailable === undefined) delete rollingUpdate.maxUnavailable;
}

function validateUpdateStrategy(spec: StatefulSetSpec, field: string): FieldError[] {
  const strategy = spec.updateStrategy;
  const rollingUpdate = strategy?.rollingUpdate;
  switch (strategy?.type) {
    case undefined:
    case '':
      return [required(field)];
    case 'OnDelete':
      if (!rollingUpdate) return [];
      return [
        invalidValue(
          `${field}.rollingUpdate`,
          goStruct('apps.RollingUpdateStatefulSetStrategy', [
            ['Partition', String(rollingUpdate.partition ?? 0)],
            ['MaxUnavailable', goPointer('intstr.IntOrString', rollingUpdate.maxUnavailable !== undefined)],
          ]),
          "only allowed for updateStrategy 'RollingUpdate'",
        ),
      ];
    case 'RollingUpdate': {
      if (!rollingUpdate) return [];
      const path = `${field}.rollingUpdate`;
      const errors = validateNonnegative(rollingUpdate.partition, `${path}.partition`);
      if (rollingUpdate.maxUnavailable !== undefined) {
        errors.push(...validateIntOrPercent(rollingUpdate.maxUnavailable, `${path}.maxUnavailable`));
        if (intOrPercentValue(rollingUpdate.maxUnavailable) === 0) errors.push(invalidValue(`${path}.maxUnavailable`, goIntOrString(rollingUpdate.maxUnavailable), 'cannot be 0'));
        errors.push(...notMoreThan100Percent(rollingUpdate.maxUnavailable, `${path}.maxUnavailable`));
      }
      return errors;
    }
    default:
      return [
        invalidValue(
          field,
          goStruct('apps.StatefulSetUpdateStrategy', [
            ['Type', JSON.stringify(strategy?.type ?? '')],
            ['RollingUpdate', goPointer('apps.RollingUpdateStatefulSetStrategy', rollingUpdate !== undefined)],
          ]),
          "must be 'RollingUpdate' or 'OnDelete'",
        ),
      ];
  }
}

function validateRetentionPolicy(policy: StatefulSetSpec['persistentVolumeClaimRetentionPolicy'], field: string): FieldError[] {
  if (!policy) return [];
  const errors: FieldError[] = [];
  for (const key of ['whenDeleted', 'whenScaled'] as const) {
    const value = policy[key] ?? '';
    if (value !== 'Retain' && value !== 'Delete') errors.push(notSupported(`${field}.${key}`, value, ['Retain', 'Delete']));
  }
  return errors;
}

function validateSpec(spec: StatefulSetSpec): FieldError[] {
  const errors: FieldError[] = [];
  const policy = spec.podManagementPolicy ?? '';
  if (policy === '') errors.push(required('spec.podManagementPolicy'));
  else if (policy !== 'OrderedReady' && policy !== 'Parallel') errors.push(invalidValue('spec.podManagementPolicy', policy, "must be 'OrderedReady' or 'Parallel'"));
  errors.push(...validateUpdateStrategy(spec, 'spec.updateStrategy'));
  errors.push(...validateRetentionPolicy(spec.persistentVolumeClaimRetentionPolicy, 'spec.persistentVolumeClaimRetentionPolicy'));
  errors.push(...validateNonnegative(spec.replicas, 'spec.replicas'));
  errors.push(...validateNonnegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  // Go names the child "ordinals.start" in one step, so the path reads the same either way.
  if (spec.ordinals) errors.push(...validateNonnegative(spec.ordinals.start ?? 0, 'spec.ordinals.start'));
  const selector = validateWorkloadSelector(spec.selector, 'spec.selector', 'statefulset', '', errors);
  if (selector) {
    // ValidatePodTemplateSpecForStatefulSet: labels and annotations only, no Pod spec (until 1.34).
    errors.push(...templateLabelsMismatch(selector, spec.template, 'spec.template.metadata.labels'));
    errors.push(...validatePodTemplateMetadata(spec.template, 'spec.template'));
  }
  const restartPolicy = spec.template?.spec?.restartPolicy ?? '';
  if (restartPolicy !== 'Always') errors.push(notSupported('spec.template.spec.restartPolicy', restartPolicy, ['Always']));
  if (spec.template?.spec?.activeDeadlineSeconds !== undefined && spec.template.spec.activeDeadlineSeconds !== null) {
    errors.push(forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  return errors;
}

function validate(obj: KubeObject): FieldError[] {
  // StatefulSet names are DNS labels (since 1.27): they become Pod hostnames.
  return [...validateObjectMeta(obj, { namespaced: true, nameRule: 'label' }), ...validateSpec((obj as StatefulSet).spec)];
}

const MUTABLE = ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'persistentVolumeClaimRetentionPolicy'] as const;

function validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const next = obj as StatefulSet;
  const prev = old as StatefulSet;
  // The name is not re-validated on update (ValidateObjectMetaUpdate only): StatefulSets made before
  // names had to be DNS labels must stay updatable, or their finalizers could never be removed.
  const errors = [
    ...validateLabels(next.metadata.labels, 'metadata.labels'),
    ...validateAnnotationKeys(next.metadata.annotations, 'metadata.annotations'),
    ...validateSpec(next.spec),
  ];
  const clone: Record<string, unknown> = { ...next.spec };
  for (const field of MUTABLE) clone[field] = prev.spec[field];
  if (!semanticEqual(clone, prev.spec)) {
    errors.push(
      forbidden(
        'spec',
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    );
  }
  return errors;
}

function validateStatusUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const status = (obj as StatefulSet).status;
  const limit = 'cannot be greater than status.replicas';
  return [
    ...nonnegativeCounters(status, 'status', ['replicas', 'readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas', 'observedGeneration', 'collisionCount']),
    ...notAbove(status, 'status', 'readyReplicas', 'replicas', limit),
    ...notAbove(status, 'status', 'currentReplicas', 'replicas', limit),
    ...notAbove(status, 'status', 'updatedReplicas', 'replicas', limit),
    ...notAbove(status, 'status', 'availableReplicas', 'replicas', limit),
    ...notAbove(status, 'status', 'availableReplicas', 'readyReplicas', 'cannot be greater than status.readyReplicas'),
    ...collisionCountDecremented(status, (old as StatefulSet).status),
  ];
}

function cells(obj: KubeObject, now: number): string[] {
  const sts = obj as StatefulSet;
  const [containers, images] = containerCells(sts.spec.template);
  return [sts.metadata.name ?? '', `${sts.status?.readyReplicas ?? 0}/${sts.spec.replicas ?? 0}`, age(sts.metadata.creationTimestamp, now), containers, images];
}

export const statefulSetResource: ResourceDefinition = {
  group: 'apps',
  version: 'v1',
  kind: 'StatefulSet',
  plural: 'statefulsets',
  singular: 'statefulset',
  namespaced: true,
  shortNames: ['sts'],
  categories: ['all'],
  storagePrefix: 'statefulsets',
  verbs: ALL_VERBS,
  subresources: ['scale', 'status'],
  strategy: {
    tracksGeneration: true,
    hasStatusSubresource: true,
    decode: (obj) => decodeError(obj, STATEFUL_SET_SHAPE),
    applyDefaults,
    prepareForCreate(obj) {
      const sts = obj as StatefulSet;
      dropMaxUnavailable(sts, undefined);
      // replicas and availableReplicas have no omitempty.
      sts.status = { availableReplicas: 0, replicas: 0 };
    },
    prepareForUpdate(obj, old) {
      dropMaxUnavailable(obj as StatefulSet, old as StatefulSet);
    },
    validate,
    validateUpdate,
    validateStatusUpdate,
  },
  printer: {
    columns: [nameColumn, column('Ready', 'string', 'Number of the pod with ready state'), ageColumn, containersColumn, imagesColumn],
    cells,
  },
};
