/**
 * The Go shapes of the workload kinds for the JSON decoder (`decoding.ts`), so kube-apiserver's
 * type errors come back word for word: `Deployment in version "v1" cannot be handled as a
 * Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of
 * type int32`. Only the fields the registries read are described; the Pod spec inside a template
 * is left to the Pod's own description.
 */
import { GO_BOOL, GO_INT32, GO_INT_OR_STRING, GO_STRING, type GoStruct, type GoType, goMap, goSlice, goStruct } from './decoding.js';

const GO_INT64: GoType = { kind: 'int64' };

const LABEL_SELECTOR = goStruct('LabelSelector', {
  matchLabels: goMap(GO_STRING),
  matchExpressions: goSlice(
    goStruct('LabelSelectorRequirement', { key: GO_STRING, operator: { kind: 'string', name: 'v1.LabelSelectorOperator' }, values: goSlice(GO_STRING) }),
  ),
});

const POD_TEMPLATE = goStruct('PodTemplateSpec', {
  metadata: goStruct('ObjectMeta', { labels: goMap(GO_STRING), annotations: goMap(GO_STRING) }),
});

export const DEPLOYMENT_SHAPE: GoStruct = goStruct('Deployment', {
  spec: goStruct('DeploymentSpec', {
    replicas: GO_INT32,
    selector: LABEL_SELECTOR,
    template: POD_TEMPLATE,
    strategy: goStruct('DeploymentStrategy', {
      type: { kind: 'string', name: 'v1.DeploymentStrategyType' },
      rollingUpdate: goStruct('RollingUpdateDeployment', { maxUnavailable: GO_INT_OR_STRING, maxSurge: GO_INT_OR_STRING }),
    }),
    minReadySeconds: GO_INT32,
    revisionHistoryLimit: GO_INT32,
    paused: GO_BOOL,
    progressDeadlineSeconds: GO_INT32,
  }),
});

export const REPLICA_SET_SHAPE: GoStruct = goStruct('ReplicaSet', {
  spec: goStruct('ReplicaSetSpec', { replicas: GO_INT32, minReadySeconds: GO_INT32, selector: LABEL_SELECTOR, template: POD_TEMPLATE }),
});

export const STATEFUL_SET_SHAPE: GoStruct = goStruct('StatefulSet', {
  spec: goStruct('StatefulSetSpec', {
    replicas: GO_INT32,
    selector: LABEL_SELECTOR,
    template: POD_TEMPLATE,
    serviceName: GO_STRING,
    podManagementPolicy: { kind: 'string', name: 'v1.PodManagementPolicyType' },
    updateStrategy: goStruct('StatefulSetUpdateStrategy', {
      type: { kind: 'string', name: 'v1.StatefulSetUpdateStrategyType' },
      rollingUpdate: goStruct('RollingUpdateStatefulSetStrategy', { partition: GO_INT32, maxUnavailable: GO_INT_OR_STRING }),
    }),
    revisionHistoryLimit: GO_INT32,
    minReadySeconds: GO_INT32,
    ordinals: goStruct('StatefulSetOrdinals', { start: GO_INT32 }),
  }),
});

export const DAEMON_SET_SHAPE: GoStruct = goStruct('DaemonSet', {
  spec: goStruct('DaemonSetSpec', {
    selector: LABEL_SELECTOR,
    template: POD_TEMPLATE,
    updateStrategy: goStruct('DaemonSetUpdateStrategy', {
      type: { kind: 'string', name: 'v1.DaemonSetUpdateStrategyType' },
      rollingUpdate: goStruct('RollingUpdateDaemonSet', { maxUnavailable: GO_INT_OR_STRING, maxSurge: GO_INT_OR_STRING }),
    }),
    minReadySeconds: GO_INT32,
    revisionHistoryLimit: GO_INT32,
  }),
});

export const CONTROLLER_REVISION_SHAPE: GoStruct = goStruct('ControllerRevision', { revision: GO_INT64 });

const JOB_SPEC = goStruct('JobSpec', {
  parallelism: GO_INT32,
  completions: GO_INT32,
  activeDeadlineSeconds: GO_INT64,
  backoffLimit: GO_INT32,
  backoffLimitPerIndex: GO_INT32,
  maxFailedIndexes: GO_INT32,
  selector: LABEL_SELECTOR,
  manualSelector: GO_BOOL,
  template: POD_TEMPLATE,
  ttlSecondsAfterFinished: GO_INT32,
  completionMode: { kind: 'string', name: 'v1.CompletionMode' },
  suspend: GO_BOOL,
  podReplacementPolicy: { kind: 'string', name: 'v1.PodReplacementPolicy' },
  managedBy: GO_STRING,
});

export const JOB_SHAPE: GoStruct = goStruct('Job', { spec: JOB_SPEC });

export const CRON_JOB_SHAPE: GoStruct = goStruct('CronJob', {
  spec: goStruct('CronJobSpec', {
    schedule: GO_STRING,
    timeZone: GO_STRING,
    startingDeadlineSeconds: GO_INT64,
    concurrencyPolicy: { kind: 'string', name: 'v1.ConcurrencyPolicy' },
    suspend: GO_BOOL,
    jobTemplate: goStruct('JobTemplateSpec', { spec: JOB_SPEC }),
    successfulJobsHistoryLimit: GO_INT32,
    failedJobsHistoryLimit: GO_INT32,
  }),
});
