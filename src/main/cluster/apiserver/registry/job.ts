/**
 * batch/v1 Jobs: SetDefaults_Job (completions and parallelism 1 when both are unset, backoffLimit
 * 6, NonIndexed, not suspended, podReplacementPolicy TerminatingOrFailed, manualSelector false,
 * the Job's labels from its template), the generated selector and labels
 * (`batch.kubernetes.io/controller-uid`, `batch.kubernetes.io/job-name` and their legacy forms),
 * validation with kube-apiserver 1.32's messages — restartPolicy must be OnFailure or Never, the
 * template is immutable — the `status.successful` field selector and the STATUS/COMPLETIONS printer.
 */
import type { Job, JobSpec } from '../../../../shared/api/batch.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { humanDuration } from '../../../base/duration.js';
import { formatLabelSelector, labelSelectorAsSelector } from '../../../base/label-selector.js';
import { type FieldError, goLiteral, invalidValue, notSupported, required } from '../errors.js';
import { decodeError } from './decoding.js';
import { goLabelSelector, goPodTemplateSpec, goStringMap } from './go-value.js';
import { containerCells, defaultPodTemplate, validatePodTemplate } from './pod-template.js';
import { age } from './printing.js';
import { ALL_VERBS, type ResourceDefinition, column } from './resource.js';
import { validateDns1123Label, validateObjectMeta } from './validation.js';
import { ageColumn, containersColumn, imagesColumn, nameColumn } from './workload-columns.js';
import { JOB_SHAPE } from './workload-decoding.js';
import { immutable, immutableSelector, nonnegativeCounters, templateLabelsMismatch, validateLabelSelector, validateNonnegative } from './workload-validation.js';

export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
export const LEGACY_JOB_NAME_LABEL = 'job-name';

const MAX_PARALLELISM_FOR_INDEXED_JOB = 100000;
const MAX_FAILED_INDEXES = 100000;

function applyDefaults(obj: KubeObject): void {
  const job = obj as Job;
  const spec = (job.spec ??= {} as JobSpec);
  // A non-parallel Job may leave both unset; then both are 1.
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6;
  spec.template ??= {} as JobSpec['template'];
  spec.template.metadata ??= {};
  const templateLabels = spec.template.metadata.labels;
  if (templateLabels && Object.keys(job.metadata.labels ?? {}).length === 0) {
    // Go assigns the map itself, so the selector labels generated next land on the Job too.
    job.metadata.labels = templateLabels;
  }
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  const rules = spec.podFailurePolicy?.rules;
  for (const rule of Array.isArray(rules) ? rules : []) {
    for (const pattern of Array.isArray(rule?.onPodConditions) ? rule.onPodConditions : []) pattern.status ||= 'True';
  }
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  spec.manualSelector ??= false;
  spec.template = defaultPodTemplate(spec.template);
}

/** The job strategy's generateSelector: labels on the template, `controller-uid` in the selector. */
function generateSelector(job: Job): void {
  const labels = (job.spec.template.metadata.labels ??= {});
  // A label the user already set is kept; a conflicting value fails validation below.
  for (const key of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) labels[key] ??= job.metadata.name ?? '';
  for (const key of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) labels[key] ??= job.metadata.uid ?? '';
  const selector = (job.spec.selector ??= {});
  const matchLabels = (selector.matchLabels ??= {});
  matchLabels[CONTROLLER_UID_LABEL] ??= job.metadata.uid ?? '';
}

function prepareForCreate(obj: KubeObject): void {
  const job = obj as Job;
  if (!job.spec.manualSelector) generateSelector(job);
  job.status = {};
  if (Object.keys(job.metadata.labels ?? {}).length === 0) {
    // What reading the Job back from storage does: defaulting copies the now-labelled template's labels.
    job.metadata.labels = job.spec.template.metadata.labels;
  }
  unshareLabels(job);
}

/** Once the generated labels are in, the Job and its template stop sharing one labels object. */
function unshareLabels(job: Job): void {
  if (job.metadata.labels && job.metadata.labels === job.spec.template?.metadata?.labels) job.metadata.labels = { ...job.metadata.labels };
}

/** ValidateHasLabel: `spec.template.metadata.labels[key]: Required value: must be 'v'` (or Invalid). */
function hasLabel(labels: Record<string, string> | undefined, key: string, expected: string): FieldError[] {
  const field = `spec.template.metadata.labels[${key}]`;
  const actual = labels?.[key];
  if (actual === undefined) return [required(field, `must be '${expected}'`)];
  return actual === expected ? [] : [invalidValue(field, goLiteral(goStringMap(labels)), `must be '${expected}'`)];
}

function validateGeneratedSelector(job: Job, prefixedLabels: boolean): FieldError[] {
  if (job.spec.manualSelector === true || !job.spec.selector) return [];
  const uid = job.metadata.uid ?? '';
  const name = job.metadata.name ?? '';
  const labels = job.spec.template?.metadata?.labels;
  const errors = uid ? [] : [required('metadata.uid')];
  errors.push(...hasLabel(labels, LEGACY_CONTROLLER_UID_LABEL, uid), ...hasLabel(labels, LEGACY_JOB_NAME_LABEL, name));
  const expected: Record<string, string> = {};
  if (prefixedLabels) {
    errors.push(...hasLabel(labels, CONTROLLER_UID_LABEL, uid), ...hasLabel(labels, JOB_NAME_LABEL, name));
    expected[CONTROLLER_UID_LABEL] = uid;
    expected[JOB_NAME_LABEL] = name;
  }
  expected[LEGACY_CONTROLLER_UID_LABEL] = uid;
  expected[LEGACY_JOB_NAME_LABEL] = name;
  const selector = labelSelectorAsSelector(job.spec.selector);
  if (selector.ok && !selector.selector.matches(expected)) {
    errors.push(invalidValue('spec.selector', goLabelSelector(job.spec.selector), '`selector` not auto-generated'));
  }
  return errors;
}

/**
 * validateJobSpec: the part a CronJob's jobTemplate shares with a Job (`field` is `spec` or
 * `spec.jobTemplate.spec`).
 */
export function validateJobSpecFields(spec: JobSpec, field: string): FieldError[] {
  const errors = [
    ...validateNonnegative(spec.parallelism, `${field}.parallelism`),
    ...validateNonnegative(spec.completions, `${field}.completions`),
    ...validateNonnegative(spec.activeDeadlineSeconds, `${field}.activeDeadlineSeconds`),
    ...validateNonnegative(spec.backoffLimit, `${field}.backoffLimit`),
    ...validateNonnegative(spec.ttlSecondsAfterFinished, `${field}.ttlSecondsAfterFinished`),
    ...validateNonnegative(spec.backoffLimitPerIndex, `${field}.backoffLimitPerIndex`),
  ];
  if (spec.maxFailedIndexes !== undefined) {
    errors.push(...validateNonnegative(spec.maxFailedIndexes, `${field}.maxFailedIndexes`));
    if (spec.backoffLimitPerIndex === undefined) errors.push(required(`${field}.backoffLimitPerIndex`, 'when maxFailedIndexes is specified'));
  }
  const mode = spec.completionMode;
  if (mode !== undefined) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') errors.push(notSupported(`${field}.completionMode`, mode, ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed') {
      if (spec.completions === undefined) errors.push(required(`${field}.completions`, 'when completion mode is Indexed'));
      if (typeof spec.parallelism === 'number' && spec.parallelism > MAX_PARALLELISM_FOR_INDEXED_JOB) {
        errors.push(invalidValue(`${field}.parallelism`, spec.parallelism, `must be less than or equal to ${MAX_PARALLELISM_FOR_INDEXED_JOB} when completion mode is Indexed`));
      }
      if (typeof spec.completions === 'number' && typeof spec.maxFailedIndexes === 'number' && spec.maxFailedIndexes > spec.completions) {
        errors.push(invalidValue(`${field}.maxFailedIndexes`, spec.maxFailedIndexes, 'must be less than or equal to completions'));
      }
      if (typeof spec.maxFailedIndexes === 'number' && spec.maxFailedIndexes > MAX_FAILED_INDEXES) {
        errors.push(invalidValue(`${field}.maxFailedIndexes`, spec.maxFailedIndexes, `must be less than or equal to ${MAX_FAILED_INDEXES}`));
      }
    }
  }
  if (mode === undefined || mode === 'NonIndexed') {
    if (spec.backoffLimitPerIndex !== undefined) errors.push(invalidValue(`${field}.backoffLimitPerIndex`, spec.backoffLimitPerIndex, 'requires indexed completion mode'));
    if (spec.maxFailedIndexes !== undefined) errors.push(invalidValue(`${field}.maxFailedIndexes`, spec.maxFailedIndexes, 'requires indexed completion mode'));
  }
  const replacement = spec.podReplacementPolicy;
  if (replacement !== undefined) {
    if (spec.podFailurePolicy) {
      if (replacement !== 'Failed') errors.push(notSupported(`${field}.podReplacementPolicy`, replacement, ['Failed']));
    } else if (replacement !== 'Failed' && replacement !== 'TerminatingOrFailed') {
      errors.push(notSupported(`${field}.podReplacementPolicy`, replacement, ['Failed', 'TerminatingOrFailed']));
    }
  }
  errors.push(...validatePodTemplate(spec.template, `${field}.template`));
  // SetDefaults_PodSpec turns an unset restartPolicy into Always, so both mean "not chosen".
  const restartPolicy = spec.template?.spec?.restartPolicy ?? '';
  const restartField = `${field}.template.spec.restartPolicy`;
  if (restartPolicy === 'Always' || restartPolicy === '') errors.push(required(restartField, 'valid values: "OnFailure", "Never"'));
  else if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') errors.push(notSupported(restartField, restartPolicy, ['OnFailure', 'Never']));
  else if (spec.podFailurePolicy && restartPolicy !== 'Never') errors.push(invalidValue(restartField, restartPolicy, 'only "Never" is supported when podFailurePolicy is specified'));
  return errors;
}

/** ValidateJobSpec: validateJobSpec plus the selector a Job (unlike a jobTemplate) must have. */
function validateJobSpec(spec: JobSpec): FieldError[] {
  const errors = validateJobSpecFields(spec, 'spec');
  if (!spec.selector) errors.push(required('spec.selector'));
  else errors.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  const selector = labelSelectorAsSelector(spec.selector);
  if (selector.ok) errors.push(...templateLabelsMismatch(selector.selector, spec.template, 'spec.template.metadata.labels'));
  return errors;
}

function validateJob(job: Job, prefixedLabels: boolean): FieldError[] {
  const errors = [
    ...validateObjectMeta(job, { namespaced: true, nameRule: 'subdomain' }),
    ...validateGeneratedSelector(job, prefixedLabels),
    ...validateJobSpec(job.spec),
  ];
  const completions = job.spec.completions;
  if (job.spec.completionMode === 'Indexed' && typeof completions === 'number' && completions > 0) {
    // Indexed Pods are named <job>-<index>: the largest must still be a DNS label.
    const hostname = `${job.metadata.name ?? ''}-${completions - 1}`;
    if (validateDns1123Label(hostname, 'x').length > 0) {
      errors.push(invalidValue('metadata.name', job.metadata.name ?? '', `will not able to create pod with invalid DNS label: ${hostname}`));
    }
  }
  return errors;
}

/**
 * A suspended Job that never started may still change where its Pods will run: node selector,
 * affinity, tolerations, scheduling gates, and the template's labels and annotations.
 */
function templateForComparison(next: Job, old: Job): unknown {
  const template = structuredClone(old.spec.template);
  if (old.spec.suspend === true && !old.status?.startTime) {
    const incoming = next.spec.template;
    template.metadata.labels = incoming?.metadata?.labels;
    template.metadata.annotations = incoming?.metadata?.annotations;
    template.spec.nodeSelector = incoming?.spec?.nodeSelector;
    template.spec.tolerations = incoming?.spec?.tolerations;
    template.spec.schedulingGates = incoming?.spec?.schedulingGates;
    const affinity = template.spec.affinity as Record<string, unknown> | undefined;
    const nodeAffinity = (incoming?.spec?.affinity as Record<string, unknown> | undefined)?.nodeAffinity;
    if (affinity || nodeAffinity !== undefined) template.spec.affinity = { ...affinity, nodeAffinity };
    if (!incoming?.spec?.affinity && affinity && Object.keys(affinity).every((k) => k === 'nodeAffinity')) delete template.spec.affinity;
  }
  return template;
}

function validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const job = obj as Job;
  const prev = old as Job;
  const prevLabels = prev.spec.template?.metadata?.labels ?? {};
  // Jobs made before 1.27 lack the prefixed labels; they are only demanded of Jobs that have them.
  const prefixed = JOB_NAME_LABEL in prevLabels && CONTROLLER_UID_LABEL in prevLabels;
  const errors = validateJob(job, prefixed);
  const spec = job.spec;
  const before = prev.spec;
  // Completions may change only for Indexed Jobs, and then in step with parallelism (elastic Jobs).
  if (spec.completionMode !== 'Indexed') errors.push(...immutable(spec.completions, before.completions, 'spec.completions', (v) => v ?? null));
  else if (spec.completions !== before.completions && typeof spec.completions === 'number' && spec.completions !== spec.parallelism) {
    errors.push(invalidValue('spec.completions', spec.completions, 'can only be modified in tandem with spec.parallelism'));
  }
  errors.push(...immutableSelector(spec.selector, before.selector, 'spec.selector'));
  errors.push(...immutable(spec.template, templateForComparison(job, prev), 'spec.template', () => goPodTemplateSpec(spec.template)));
  errors.push(...immutable(spec.completionMode, before.completionMode, 'spec.completionMode', (v) => v ?? null));
  errors.push(...immutable(spec.podFailurePolicy, before.podFailurePolicy, 'spec.podFailurePolicy', () => goLiteral('batch.PodFailurePolicy{Rules:…}')));
  errors.push(...immutable(spec.backoffLimitPerIndex, before.backoffLimitPerIndex, 'spec.backoffLimitPerIndex', (v) => v ?? null));
  errors.push(...immutable(spec.managedBy, before.managedBy, 'spec.managedBy', (v) => v ?? null));
  // ValidateJob runs again inside ValidateJobUpdate; kube-apiserver's message lists each error once.
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.field}\n${e.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function conditionTrue(job: Job, type: string): boolean {
  return job.status?.conditions?.find((c) => c.type === type)?.status === 'True';
}

/** printJob's STATUS: finished states first, then Terminating, Suspended, FailureTarget, else Running. */
export function jobDisplayStatus(job: Job): string {
  if (conditionTrue(job, 'Complete')) return 'Complete';
  if (conditionTrue(job, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (conditionTrue(job, 'Suspended')) return 'Suspended';
  if (conditionTrue(job, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function cells(obj: KubeObject, now: number): string[] {
  const job = obj as Job;
  const succeeded = job.status?.succeeded ?? 0;
  let completions: string;
  if (job.spec.completions !== undefined) completions = `${succeeded}/${job.spec.completions}`;
  else if ((job.spec.parallelism ?? 0) > 1) completions = `${succeeded}/1 of ${job.spec.parallelism}`;
  else completions = `${succeeded}/1`;
  const start = job.status?.startTime;
  const end = job.status?.completionTime;
  const duration = !start ? '' : humanDuration((end ? Date.parse(end) : now) - Date.parse(start));
  const [containers, images] = containerCells(job.spec.template);
  return [job.metadata.name ?? '', jobDisplayStatus(job), completions, duration, age(job.metadata.creationTimestamp, now), containers, images, formatLabelSelector(job.spec.selector)];
}

export const jobResource: ResourceDefinition = {
  group: 'batch',
  version: 'v1',
  kind: 'Job',
  plural: 'jobs',
  singular: 'job',
  namespaced: true,
  shortNames: [],
  categories: ['all'],
  storagePrefix: 'jobs',
  verbs: ALL_VERBS,
  subresources: ['status'],
  strategy: {
    tracksGeneration: true,
    hasStatusSubresource: true,
    decode: (obj) => decodeError(obj, JOB_SHAPE),
    applyDefaults,
    prepareForCreate,
    prepareForUpdate: (obj) => unshareLabels(obj as Job),
    validate: (obj) => validateJob(obj as Job, true),
    validateUpdate,
    validateStatusUpdate: (obj) => nonnegativeCounters((obj as Job).status, 'status', ['active', 'succeeded', 'failed', 'ready', 'terminating']),
    selectableField(obj, field) {
      if (field === 'status.successful') return String((obj as Job).status?.succeeded ?? 0);
      return undefined;
    },
    selectableFields: ['status.successful'],
  },
  printer: {
    columns: [
      nameColumn,
      column('Status', 'string', 'Status of the job.'),
      column('Completions', 'string', 'The number of pods which reached phase Succeeded. The value increases monotonically for a given spec. However, it may decrease in reaction to scale down of elastic indexed jobs.'),
      column('Duration', 'string', 'Time required to complete the job.'),
      ageColumn,
      containersColumn,
      imagesColumn,
      column('Selector', 'string', 'A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors', 1),
    ],
    cells,
  },
};
