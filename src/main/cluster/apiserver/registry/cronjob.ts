/**
 * batch/v1 CronJobs: SetDefaults_CronJob (concurrencyPolicy Allow, not suspended, keep 3
 * successful and 1 failed Job), the job template's Pod template defaults, validation with
 * kube-apiserver 1.32's messages — the schedule through robfig/cron's parser and its words, the
 * time zone, the 52-character name limit — and the SCHEDULE/TIMEZONE/SUSPEND printer.
 */
import type { CronJob, CronJobSpec } from '../../../../shared/api/batch.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { isKnownTimeZone, parseCronSchedule } from '../../../base/cron-schedule.js';
import { formatLabelSelector } from '../../../base/label-selector.js';
import { type FieldError, invalidValue, notSupported, required } from '../errors.js';
import { decodeError } from './decoding.js';
import { goLabelSelector } from './go-value.js';
import { validateJobSpecFields } from './job.js';
import { containerCells, defaultPodTemplate, validateAnnotationKeys } from './pod-template.js';
import { age } from './printing.js';
import { ALL_VERBS, type ResourceDefinition, column } from './resource.js';
import { validateLabels, validateObjectMeta } from './validation.js';
import { ageColumn, containersColumn, imagesColumn, nameColumn } from './workload-columns.js';
import { CRON_JOB_SHAPE } from './workload-decoding.js';
import { validateNonnegative } from './workload-validation.js';

function applyDefaults(obj: KubeObject): void {
  const cronJob = obj as CronJob;
  const spec = (cronJob.spec ??= {} as CronJobSpec);
  if (!spec.concurrencyPolicy) spec.concurrencyPolicy = 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  // No SetDefaults_Job here: the Job defaults apply when the controller creates each Job.
  const jobTemplate = (spec.jobTemplate ??= {} as CronJobSpec['jobTemplate']);
  jobTemplate.metadata ??= {};
  if (jobTemplate.metadata.creationTimestamp === undefined) jobTemplate.metadata.creationTimestamp = null;
  jobTemplate.spec ??= {} as CronJobSpec['jobTemplate']['spec'];
  jobTemplate.spec.template = defaultPodTemplate(jobTemplate.spec.template);
}

function validateSchedule(schedule: string, allowTzInSchedule: boolean, timeZone: string | undefined): FieldError[] {
  const errors: FieldError[] = [];
  const parsed = parseCronSchedule(schedule);
  if (!parsed.ok) errors.push(invalidValue('spec.schedule', schedule, parsed.error));
  if (allowTzInSchedule && schedule.includes('TZ') && timeZone !== undefined) {
    errors.push(invalidValue('spec.schedule', schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  } else if (!allowTzInSchedule && schedule.includes('TZ')) {
    errors.push(invalidValue('spec.schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  return errors;
}

/** IANA naming rules, loosened for legacy names with digits and `+`. */
const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

function validateTimeZone(timeZone: string | undefined): FieldError[] {
  if (timeZone === undefined || timeZone === null) return [];
  const field = 'spec.timeZone';
  if (timeZone === '') return [invalidValue(field, timeZone, 'timeZone must be nil or non-empty string')];
  for (const part of timeZone.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE_PART.test(part)) {
      return [invalidValue(field, timeZone, `unknown time zone ${timeZone}`)];
    }
  }
  const errors: FieldError[] = [];
  if (timeZone.toLowerCase() === 'local') {
    errors.push(invalidValue(field, timeZone, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  }
  if (!isKnownTimeZone(timeZone)) errors.push(invalidValue(field, timeZone, `unknown time zone ${timeZone}`));
  return errors;
}

function validateSpec(spec: CronJobSpec, old: CronJobSpec | undefined): FieldError[] {
  const errors: FieldError[] = [];
  if (!spec.schedule) errors.push(required('spec.schedule'));
  // A schedule stored with TZ before timeZone existed stays updatable.
  else errors.push(...validateSchedule(spec.schedule, old?.schedule?.includes('TZ') ?? false, spec.timeZone));
  errors.push(...validateNonnegative(spec.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
  if (!old || old.timeZone !== spec.timeZone) errors.push(...validateTimeZone(spec.timeZone));
  const policy = spec.concurrencyPolicy ?? '';
  if (policy === '') errors.push(required('spec.concurrencyPolicy'));
  else if (!['Allow', 'Forbid', 'Replace'].includes(policy)) errors.push(notSupported('spec.concurrencyPolicy', policy, ['Allow', 'Forbid', 'Replace']));
  // ValidateJobTemplateSpec: the Job rules, and a selector the controller will generate itself.
  const jobSpec = spec.jobTemplate.spec;
  errors.push(...validateJobSpecFields(jobSpec, 'spec.jobTemplate.spec'));
  if (jobSpec.selector) errors.push(invalidValue('spec.jobTemplate.spec.selector', goLabelSelector(jobSpec.selector), '`selector` will be auto-generated'));
  if (jobSpec.manualSelector === true) errors.push(notSupported('spec.jobTemplate.spec.manualSelector', true, ['nil', 'false']));
  errors.push(...validateNonnegative(spec.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'));
  errors.push(...validateNonnegative(spec.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'));
  return errors;
}

function validate(obj: KubeObject): FieldError[] {
  const cronJob = obj as CronJob;
  const errors = [...validateObjectMeta(obj, { namespaced: true, nameRule: 'subdomain' }), ...validateSpec(cronJob.spec, undefined)];
  const name = cronJob.metadata.name ?? '';
  // Its Jobs are named <cronjob>-<minutes since epoch>: 11 more characters within a 63-character label.
  if (name.length > 52) errors.push(invalidValue('metadata.name', name, 'must be no more than 52 characters'));
  return errors;
}

function validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  // ValidateObjectMetaUpdate: no name checks, so CronJobs with older, longer names stay updatable.
  return [
    ...validateLabels(obj.metadata.labels, 'metadata.labels'),
    ...validateAnnotationKeys(obj.metadata.annotations, 'metadata.annotations'),
    ...validateSpec((obj as CronJob).spec, (old as CronJob).spec),
  ];
}

function cells(obj: KubeObject, now: number): Array<string | number> {
  const cronJob = obj as CronJob;
  const spec = cronJob.spec;
  const lastSchedule = cronJob.status?.lastScheduleTime;
  const [containers, images] = containerCells(spec.jobTemplate?.spec?.template);
  return [
    cronJob.metadata.name ?? '',
    spec.schedule ?? '',
    spec.timeZone ?? '<none>',
    spec.suspend === undefined ? '<unset>' : spec.suspend ? 'True' : 'False',
    cronJob.status?.active?.length ?? 0,
    lastSchedule ? age(lastSchedule, now) : '<none>',
    age(cronJob.metadata.creationTimestamp, now),
    containers,
    images,
    formatLabelSelector(spec.jobTemplate?.spec?.selector),
  ];
}

export const cronJobResource: ResourceDefinition = {
  group: 'batch',
  version: 'v1',
  kind: 'CronJob',
  plural: 'cronjobs',
  singular: 'cronjob',
  namespaced: true,
  shortNames: ['cj'],
  categories: ['all'],
  storagePrefix: 'cronjobs',
  verbs: ALL_VERBS,
  subresources: ['status'],
  strategy: {
    tracksGeneration: true,
    hasStatusSubresource: true,
    decode: (obj) => decodeError(obj, CRON_JOB_SHAPE),
    applyDefaults,
    prepareForCreate(obj) {
      (obj as CronJob).status = {};
    },
    validate,
    validateUpdate,
  },
  printer: {
    columns: [
      nameColumn,
      column('Schedule', 'string', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'),
      column('Timezone', 'string', 'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not specified, this will default to the time zone of the kube-controller-manager process. The set of valid time zone names and the time zone offset is loaded from the system-wide time zone database by the API server during CronJob validation and the controller manager during execution. If no system-wide time zone database can be found a bundled version of the database is used instead. If the time zone name becomes invalid during the lifetime of a CronJob or due to a change in host configuration, the controller will stop creating new new Jobs and will create a system event with the reason UnknownTimeZone. More information can be found in https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones'),
      column('Suspend', 'boolean', 'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false.'),
      column('Active', 'integer', 'A list of pointers to currently running jobs.'),
      column('Last Schedule', 'string', 'Information when was the last time the job was successfully scheduled.'),
      ageColumn,
      containersColumn,
      imagesColumn,
      column('Selector', 'string', 'A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors', 1),
    ],
    cells,
  },
};
