/**
 * A manifest as `kubectl set … --local` holds it: decoded into the typed Go struct of its kind and
 * encoded again, which adds the zero values of fields without `omitempty` — `creationTimestamp:
 * null`, `resources: {}`, `strategy: {}`, `selector: null`, `status: {replicas: 0}` and the like.
 * Only the kinds `kubectl set` edits are known; any other keeps its fields plus its metadata's.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';

type Fields = Record<string, unknown>;

function fieldsOf(value: unknown): Fields | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : undefined;
}

/** The struct at `key` (created empty when missing, as a non-pointer struct always encodes). */
function struct(parent: Fields, key: string): Fields {
  const existing = fieldsOf(parent[key]);
  if (existing) return existing;
  const created: Fields = {};
  parent[key] = created;
  return created;
}

/** Fields every decoded struct of this shape has, with their zero values. */
function zeroes(target: Fields, values: Fields): void {
  for (const [key, value] of Object.entries(values)) if (!(key in target)) target[key] = value;
}

/** ObjectMeta: a zero metav1.Time encodes as null. */
function objectMeta(parent: Fields): void {
  zeroes(struct(parent, 'metadata'), { creationTimestamp: null });
}

function containers(list: unknown): void {
  if (!Array.isArray(list)) return;
  for (const container of list) {
    const fields = fieldsOf(container);
    if (fields) zeroes(fields, { name: '', resources: {} });
  }
}

/** PodSpec: `containers` has no omitempty; each container's ResourceRequirements is a struct. */
function podSpec(spec: Fields): void {
  zeroes(spec, { containers: null });
  containers(spec.containers);
  containers(spec.initContainers);
  containers(spec.ephemeralContainers);
}

function podTemplate(spec: Fields): void {
  const template = struct(spec, 'template');
  objectMeta(template);
  podSpec(struct(template, 'spec'));
}

/** Each kind's own fields beyond its metadata. */
const KINDS: Record<string, (object: Fields) => void> = {
  Pod: (o) => {
    podSpec(struct(o, 'spec'));
    struct(o, 'status');
  },
  ReplicationController: (o) => {
    podTemplate(struct(o, 'spec'));
    zeroes(struct(o, 'status'), { replicas: 0 });
  },
  ReplicaSet: (o) => {
    const spec = struct(o, 'spec');
    zeroes(spec, { selector: null });
    podTemplate(spec);
    zeroes(struct(o, 'status'), { replicas: 0 });
  },
  Deployment: (o) => {
    const spec = struct(o, 'spec');
    zeroes(spec, { selector: null, strategy: {} });
    podTemplate(spec);
    struct(o, 'status');
  },
  DaemonSet: (o) => {
    const spec = struct(o, 'spec');
    zeroes(spec, { selector: null, updateStrategy: {} });
    podTemplate(spec);
    zeroes(struct(o, 'status'), { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 });
  },
  StatefulSet: (o) => {
    const spec = struct(o, 'spec');
    zeroes(spec, { selector: null, serviceName: '', updateStrategy: {} });
    podTemplate(spec);
    zeroes(struct(o, 'status'), { replicas: 0, availableReplicas: 0 });
  },
  Job: (o) => {
    podTemplate(struct(o, 'spec'));
    struct(o, 'status');
  },
  CronJob: (o) => {
    const jobTemplate = struct(struct(o, 'spec'), 'jobTemplate');
    objectMeta(jobTemplate);
    podTemplate(struct(jobTemplate, 'spec'));
    struct(o, 'status');
  },
  Service: (o) => {
    struct(o, 'spec');
    struct(struct(o, 'status'), 'loadBalancer');
  },
  RoleBinding: (o) => zeroes(struct(o, 'roleRef'), { apiGroup: '', kind: '', name: '' }),
  ClusterRoleBinding: (o) => zeroes(struct(o, 'roleRef'), { apiGroup: '', kind: '', name: '' }),
};

/** A copy of `object` as its typed struct would encode it. */
export function asTypedObject(object: KubeObject): KubeObject {
  const copy = structuredClone(object) as unknown as Fields;
  objectMeta(copy);
  KINDS[object.kind ?? '']?.(copy);
  return copy as unknown as KubeObject;
}

/** A Go struct's JSON field order, and the struct types of its fields (`[type]` for a slice). */
interface StructType {
  fields: string[];
  nested?: Record<string, StructType | [StructType]>;
}

const LABEL_SELECTOR: StructType = { fields: ['matchLabels', 'matchExpressions'] };
const OBJECT_META: StructType = {
  fields: ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'],
};
const KEY_SELECTOR: StructType = { fields: ['name', 'key', 'optional'] };
const ENV_VAR: StructType = {
  fields: ['name', 'value', 'valueFrom'],
  nested: { valueFrom: { fields: ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'], nested: { configMapKeyRef: KEY_SELECTOR, secretKeyRef: KEY_SELECTOR } } },
};
const CONTAINER: StructType = {
  fields: [
    'name', 'image', 'command', 'args', 'workingDir', 'ports', 'envFrom', 'env', 'resources', 'resizePolicy', 'restartPolicy', 'volumeMounts', 'volumeDevices',
    'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'terminationMessagePath', 'terminationMessagePolicy', 'imagePullPolicy', 'securityContext', 'stdin', 'stdinOnce', 'tty',
  ],
  nested: {
    ports: [{ fields: ['name', 'hostPort', 'containerPort', 'protocol', 'hostIP'] }],
    env: [ENV_VAR],
    resources: { fields: ['limits', 'requests', 'claims'] },
  },
};
const POD_SPEC: StructType = {
  fields: [
    'volumes', 'initContainers', 'containers', 'ephemeralContainers', 'restartPolicy', 'terminationGracePeriodSeconds', 'activeDeadlineSeconds', 'dnsPolicy', 'nodeSelector',
    'serviceAccountName', 'serviceAccount', 'automountServiceAccountToken', 'nodeName', 'hostNetwork', 'hostPID', 'hostIPC', 'shareProcessNamespace', 'securityContext',
    'imagePullSecrets', 'hostname', 'subdomain', 'affinity', 'schedulerName', 'tolerations', 'hostAliases', 'priorityClassName', 'priority', 'dnsConfig', 'readinessGates',
    'runtimeClassName', 'enableServiceLinks', 'preemptionPolicy', 'overhead', 'topologySpreadConstraints', 'setHostnameAsFQDN', 'os', 'hostUsers', 'schedulingGates',
    'resourceClaims', 'resources',
  ],
  nested: { initContainers: [CONTAINER], containers: [CONTAINER], ephemeralContainers: [CONTAINER] },
};
const POD_TEMPLATE: StructType = { fields: ['metadata', 'spec'], nested: { metadata: OBJECT_META, spec: POD_SPEC } };
const CONDITION: StructType = { fields: ['type', 'status', 'lastUpdateTime', 'lastProbeTime', 'lastTransitionTime', 'reason', 'message'] };

/** An object of a kind with `spec` and `status`. */
function specAndStatus(spec: StructType, status: StructType = { fields: [] }): StructType {
  return { fields: ['kind', 'apiVersion', 'metadata', 'spec', 'status'], nested: { metadata: OBJECT_META, spec, status } };
}

const WORKLOAD_STATUS: StructType = {
  fields: ['observedGeneration', 'replicas', 'updatedReplicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas', 'terminatingReplicas', 'conditions', 'collisionCount'],
  nested: { conditions: [CONDITION] },
};
const JOB_SPEC: StructType = {
  fields: [
    'parallelism', 'completions', 'activeDeadlineSeconds', 'podFailurePolicy', 'successPolicy', 'backoffLimit', 'backoffLimitPerIndex', 'maxFailedIndexes', 'selector',
    'manualSelector', 'template', 'ttlSecondsAfterFinished', 'completionMode', 'suspend', 'podReplacementPolicy', 'managedBy',
  ],
  nested: { selector: LABEL_SELECTOR, template: POD_TEMPLATE },
};
const SUBJECTS_AND_ROLE: StructType = {
  fields: ['kind', 'apiVersion', 'metadata', 'subjects', 'roleRef'],
  nested: { metadata: OBJECT_META, subjects: [{ fields: ['kind', 'apiGroup', 'name', 'namespace'] }], roleRef: { fields: ['apiGroup', 'kind', 'name'] } },
};

const STRUCTS: Record<string, StructType> = {
  Pod: specAndStatus(POD_SPEC),
  Deployment: specAndStatus(
    {
      fields: ['replicas', 'selector', 'template', 'strategy', 'minReadySeconds', 'revisionHistoryLimit', 'paused', 'progressDeadlineSeconds'],
      nested: { selector: LABEL_SELECTOR, template: POD_TEMPLATE, strategy: { fields: ['type', 'rollingUpdate'], nested: { rollingUpdate: { fields: ['maxUnavailable', 'maxSurge'] } } } },
    },
    WORKLOAD_STATUS,
  ),
  ReplicaSet: specAndStatus({ fields: ['replicas', 'minReadySeconds', 'selector', 'template'], nested: { selector: LABEL_SELECTOR, template: POD_TEMPLATE } }, WORKLOAD_STATUS),
  ReplicationController: specAndStatus({ fields: ['replicas', 'minReadySeconds', 'selector', 'template'], nested: { template: POD_TEMPLATE } }, WORKLOAD_STATUS),
  DaemonSet: specAndStatus({ fields: ['selector', 'template', 'updateStrategy', 'minReadySeconds', 'revisionHistoryLimit'], nested: { selector: LABEL_SELECTOR, template: POD_TEMPLATE } }),
  StatefulSet: specAndStatus({
    fields: ['replicas', 'selector', 'template', 'volumeClaimTemplates', 'serviceName', 'podManagementPolicy', 'updateStrategy', 'revisionHistoryLimit', 'minReadySeconds', 'persistentVolumeClaimRetentionPolicy', 'ordinals'],
    nested: { selector: LABEL_SELECTOR, template: POD_TEMPLATE },
  }),
  Job: specAndStatus(JOB_SPEC),
  CronJob: specAndStatus({
    fields: ['schedule', 'timeZone', 'startingDeadlineSeconds', 'concurrencyPolicy', 'suspend', 'jobTemplate', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'],
    nested: { jobTemplate: { fields: ['metadata', 'spec'], nested: { metadata: OBJECT_META, spec: JOB_SPEC } } },
  }),
  Service: specAndStatus({
    fields: [
      'ports', 'selector', 'clusterIP', 'clusterIPs', 'type', 'externalIPs', 'sessionAffinity', 'loadBalancerIP', 'loadBalancerSourceRanges', 'externalName', 'externalTrafficPolicy',
      'healthCheckNodePort', 'publishNotReadyAddresses', 'sessionAffinityConfig', 'ipFamilies', 'ipFamilyPolicy', 'allocateLoadBalancerNodePorts', 'loadBalancerClass',
      'internalTrafficPolicy', 'trafficDistribution',
    ],
    nested: { ports: [{ fields: ['name', 'protocol', 'appProtocol', 'port', 'targetPort', 'nodePort'] }] },
  }),
  RoleBinding: SUBJECTS_AND_ROLE,
  ClusterRoleBinding: SUBJECTS_AND_ROLE,
};

/** `value` with its keys in the struct's field order (keys it does not know after them, as they were). */
function ordered(value: unknown, type: StructType | [StructType] | undefined): unknown {
  if (type === undefined) return value;
  if (Array.isArray(type)) return Array.isArray(value) ? value.map((item) => ordered(item, type[0])) : value;
  const fields = fieldsOf(value);
  if (!fields) return value;
  const keys = [...type.fields.filter((key) => key in fields), ...Object.keys(fields).filter((key) => !type.fields.includes(key))];
  return Object.fromEntries(keys.map((key) => [key, ordered(fields[key], type.nested?.[key])]));
}

/** The object with its keys as its typed struct encodes them (`-o json` of a typed object); other kinds as they are. */
export function inStructOrder(object: KubeObject): KubeObject {
  return ordered(object, STRUCTS[object.kind ?? '']) as KubeObject;
}
