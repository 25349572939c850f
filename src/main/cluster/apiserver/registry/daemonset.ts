/**
 * apps/v1 DaemonSets: SetDefaults_DaemonSet (RollingUpdate with maxUnavailable 1 and maxSurge 0,
 * revision history 10, the Pod template), the template generation apps/v1 exposes as the
 * `deprecated.daemonset.template.generation` annotation, validation with kube-apiserver 1.32's
 * messages, an immutable selector, the status subresource and the DESIRED … NODE SELECTOR printer.
 */
import type { DaemonSet, DaemonSetSpec, DaemonSetUpdateStrategy } from '../../../../shared/api/apps.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { canonicalJson as canonical } from '../../../base/canonical-json.js';
import { formatLabelSelector, formatLabels, labelSelectorAsSelector } from '../../../base/label-selector.js';
import { type FieldError, forbidden, invalidValue, notSupported, required } from '../errors.js';
import { decodeError } from './decoding.js';
import { goIntOrString, goLabelSelector, goPointer, goStruct } from './go-value.js';
import { containerCells, defaultPodTemplate, validatePodTemplate } from './pod-template.js';
import { age } from './printing.js';
import { ALL_VERBS, type ResourceDefinition, column } from './resource.js';
import { validateObjectMeta } from './validation.js';
import { ageColumn, containersColumn, imagesColumn, nameColumn } from './workload-columns.js';
import { DAEMON_SET_SHAPE } from './workload-decoding.js';
import {
  collisionCountDecremented,
  immutableSelector,
  intOrPercentValue,
  nonnegativeCounters,
  notMoreThan100Percent,
  templateLabelsMismatch,
  validateIntOrPercent,
  validateLabelSelector,
  validateNonnegative,
} from './workload-validation.js';

/** apps/v1 carries the internal spec.templateGeneration in this annotation. */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

function templateGeneration(ds: DaemonSet): number {
  const value = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  return value !== undefined && /^[+-]?\d+$/.test(value) ? Number(value) : 0;
}

function setTemplateGeneration(ds: DaemonSet, generation: number): void {
  ds.metadata.annotations = { ...ds.metadata.annotations, [TEMPLATE_GENERATION_ANNOTATION]: String(generation) };
}

function applyDefaults(obj: KubeObject): void {
  const ds = obj as DaemonSet;
  const spec = (ds.spec ??= {} as DaemonSetSpec);
  const strategy = (spec.updateStrategy ??= {});
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rollingUpdate = (strategy.rollingUpdate ??= {});
    rollingUpdate.maxUnavailable ??= 1;
    rollingUpdate.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  spec.template = defaultPodTemplate(spec.template);
}

function validateUpdateStrategy(strategy: DaemonSetUpdateStrategy | undefined, field: string): FieldError[] {
  const rollingUpdate = strategy?.rollingUpdate;
  switch (strategy?.type) {
    case 'OnDelete':
      return [];
    case 'RollingUpdate': {
      if (!rollingUpdate) return [required(`${field}.rollingUpdate`)];
      const path = `${field}.rollingUpdate`;
      const errors = [
        ...validateIntOrPercent(rollingUpdate.maxUnavailable, `${path}.maxUnavailable`),
        ...validateIntOrPercent(rollingUpdate.maxSurge, `${path}.maxSurge`),
        ...notMoreThan100Percent(rollingUpdate.maxUnavailable, `${path}.maxUnavailable`),
        ...notMoreThan100Percent(rollingUpdate.maxSurge, `${path}.maxSurge`),
      ];
      // Exactly one of the two may be non-zero.
      const hasUnavailable = intOrPercentValue(rollingUpdate.maxUnavailable) !== 0;
      const hasSurge = intOrPercentValue(rollingUpdate.maxSurge) !== 0;
      if (hasUnavailable && hasSurge) errors.push(invalidValue(`${path}.maxSurge`, goIntOrString(rollingUpdate.maxSurge), 'may not be set when maxUnavailable is non-zero'));
      if (!hasUnavailable && !hasSurge) errors.push(required(`${path}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
      return errors;
    }
    default: {
      const value = goStruct('apps.DaemonSetUpdateStrategy', [
        ['Type', JSON.stringify(strategy?.type ?? '')],
        ['RollingUpdate', goPointer('apps.RollingUpdateDaemonSet', rollingUpdate !== undefined)],
      ]);
      return [notSupported(field, value, ['RollingUpdate', 'OnDelete'])];
    }
  }
}

function validateSpec(spec: DaemonSetSpec): FieldError[] {
  // No "Required value" for a missing selector here: it selects nothing, so only the template check fails.
  const errors = validateLabelSelector(spec.selector, 'spec.selector');
  const selector = labelSelectorAsSelector(spec.selector);
  if (selector.ok) errors.push(...templateLabelsMismatch(selector.selector, spec.template, 'spec.template.metadata.labels'));
  if (spec.selector && Object.keys(spec.selector.matchLabels ?? {}).length + (spec.selector.matchExpressions?.length ?? 0) === 0) {
    errors.push(invalidValue('spec.selector', goLabelSelector(spec.selector), 'empty selector is invalid for daemonset'));
  }
  errors.push(...validatePodTemplate(spec.template, 'spec.template'));
  const restartPolicy = spec.template?.spec?.restartPolicy ?? '';
  if (restartPolicy !== 'Always') errors.push(notSupported('spec.template.spec.restartPolicy', restartPolicy, ['Always']));
  if (spec.template?.spec?.activeDeadlineSeconds !== undefined && spec.template.spec.activeDeadlineSeconds !== null) {
    errors.push(forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in DaemonSet is not Supported'));
  }
  errors.push(...validateNonnegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errors.push(...validateUpdateStrategy(spec.updateStrategy, 'spec.updateStrategy'));
  errors.push(...validateNonnegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  return errors;
}

function validate(obj: KubeObject): FieldError[] {
  return [...validateObjectMeta(obj, { namespaced: true, nameRule: 'subdomain' }), ...validateSpec((obj as DaemonSet).spec)];
}

function validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  // apps/v1 forbids changing the selector (extensions/v1beta1 once allowed it).
  return [...validate(obj), ...immutableSelector((obj as DaemonSet).spec.selector, (old as DaemonSet).spec.selector, 'spec.selector')];
}

function validateStatusUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const status = (obj as DaemonSet).status;
  return [
    ...nonnegativeCounters(status, 'status', [
      'currentNumberScheduled',
      'numberMisscheduled',
      'desiredNumberScheduled',
      'numberReady',
      'observedGeneration',
      'updatedNumberScheduled',
      'numberAvailable',
      'numberUnavailable',
      'collisionCount',
    ]),
    ...collisionCountDecremented(status, (old as DaemonSet).status),
  ];
}

function cells(obj: KubeObject, now: number): Array<string | number> {
  const ds = obj as DaemonSet;
  const status = ds.status;
  const [containers, images] = containerCells(ds.spec.template);
  return [
    ds.metadata.name ?? '',
    status?.desiredNumberScheduled ?? 0,
    status?.currentNumberScheduled ?? 0,
    status?.numberReady ?? 0,
    status?.updatedNumberScheduled ?? 0,
    status?.numberAvailable ?? 0,
    formatLabels(ds.spec.template?.spec?.nodeSelector),
    age(ds.metadata.creationTimestamp, now),
    containers,
    images,
    formatLabelSelector(ds.spec.selector),
  ];
}

export const daemonSetResource: ResourceDefinition = {
  group: 'apps',
  version: 'v1',
  kind: 'DaemonSet',
  plural: 'daemonsets',
  singular: 'daemonset',
  namespaced: true,
  shortNames: ['ds'],
  categories: ['all'],
  storagePrefix: 'daemonsets',
  verbs: ALL_VERBS,
  subresources: ['status'],
  strategy: {
    tracksGeneration: true,
    hasStatusSubresource: true,
    decode(obj) {
      // Converting to the internal type parses the annotation; a non-number fails the decode.
      const value = obj.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
      if (value !== undefined && !/^[+-]?\d+$/.test(value)) return `strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`;
      return decodeError(obj, DAEMON_SET_SHAPE);
    },
    applyDefaults,
    prepareForCreate(obj) {
      const ds = obj as DaemonSet;
      setTemplateGeneration(ds, Math.max(1, templateGeneration(ds)));
      // These four counters have no omitempty.
      ds.status = { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 };
    },
    prepareForUpdate(obj, old) {
      const ds = obj as DaemonSet;
      const prev = old as DaemonSet;
      // Clients cannot set the template generation; a template change moves it (and the generation) on.
      let generation = templateGeneration(prev);
      if (canonical(ds.spec.template) !== canonical(prev.spec.template)) {
        generation += 1;
        ds.metadata.generation = (prev.metadata.generation ?? 1) + 1;
      }
      setTemplateGeneration(ds, generation);
    },
    validate,
    validateUpdate,
    validateStatusUpdate,
  },
  printer: {
    columns: [
      nameColumn,
      column('Desired', 'integer', 'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/'),
      column('Current', 'integer', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/'),
      column('Ready', 'integer', 'numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.'),
      column('Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'),
      column('Available', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)'),
      column('Node Selector', 'string', "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/"),
      ageColumn,
      containersColumn,
      imagesColumn,
      column('Selector', 'string', "A label query over pods that are managed by the daemon set. Must match in order to be controlled. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors", 1),
    ],
    cells,
  },
};
