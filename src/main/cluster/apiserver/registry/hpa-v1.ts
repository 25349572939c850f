/**
 * autoscaling/v1 HorizontalPodAutoscalers: a view of the stored autoscaling/v2 objects, converted
 * as kube-apiserver does (pkg/apis/autoscaling/v1/conversion.go). v1 only knows the first CPU
 * metric's utilization; everything else travels in `autoscaling.alpha.kubernetes.io/*` annotations
 * (hpa-v1-annotations.ts), which a v1 write turns back into v2 fields.
 */
import type {
  HorizontalPodAutoscaler,
  HorizontalPodAutoscalerV1,
  MetricSpec,
  MetricStatus,
} from '../../../../shared/api/autoscaling.js';
import type { KubeObject, ObjectMeta } from '../../../../shared/api/meta.js';
import { defaultHorizontalPodAutoscaler, horizontalPodAutoscalerCells, horizontalPodAutoscalerColumns } from './hpa.js';
import {
  BEHAVIOR_ANNOTATION,
  CONDITIONS_ANNOTATION,
  METRIC_SPECS_ANNOTATION,
  METRIC_STATUSES_ANNOTATION,
  behaviorFromInternalJson,
  behaviorToInternalJson,
  conditionFromV1,
  conditionToV1,
  metricSpecFromV1,
  metricSpecToV1,
  metricStatusFromV1,
  metricStatusToV1,
} from './hpa-v1-annotations.js';
import { validateHorizontalPodAutoscaler, validateHorizontalPodAutoscalerStatus, validateHorizontalPodAutoscalerUpdate } from './hpa-validation.js';
import { ALL_VERBS, type ResourceDefinition } from './resource.js';

function isCpuUtilization(metric: MetricSpec): boolean {
  return metric.type === 'Resource' && metric.resource?.name === 'cpu' && metric.resource.target?.averageUtilization !== undefined;
}

/** Read and remove one annotation's JSON (a value that does not parse is left alone). */
function takeAnnotation(annotations: Record<string, string>, key: string): unknown {
  const text = annotations[key];
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    delete annotations[key];
    return parsed;
  } catch {
    return undefined;
  }
}

function jsonArray(value: unknown): Array<Record<string, unknown>> | undefined {
  return Array.isArray(value) ? (value as Array<Record<string, unknown>>) : undefined;
}

/** Convert_v1_HorizontalPodAutoscaler_To_autoscaling_HorizontalPodAutoscaler, into the stored v2 form. */
export function hpaV1ToStorage(obj: KubeObject): KubeObject {
  const v1 = obj as HorizontalPodAutoscalerV1;
  const annotations = { ...(v1.metadata.annotations ?? {}) };
  const metadata: ObjectMeta = { ...v1.metadata, annotations };
  const cpu = v1.spec?.targetCPUUtilizationPercentage;
  const cpuMetric: MetricSpec[] = cpu !== undefined ? [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } }] : [];
  // The annotation's metrics first, then the CPU target.
  const others = jsonArray(takeAnnotation(annotations, METRIC_SPECS_ANNOTATION));
  const metrics = [...(others ?? []).map(metricSpecFromV1), ...cpuMetric];
  const behaviorJson = takeAnnotation(annotations, BEHAVIOR_ANNOTATION);
  const behavior = typeof behaviorJson === 'object' && behaviorJson !== null ? behaviorFromInternalJson(behaviorJson as Record<string, unknown>) : undefined;
  // The annotation's current metrics replace the CPU one: they carry more.
  const annotatedCurrent = jsonArray(takeAnnotation(annotations, METRIC_STATUSES_ANNOTATION));
  const conditions = jsonArray(takeAnnotation(annotations, CONDITIONS_ANNOTATION));
  if (Object.keys(annotations).length === 0) delete metadata.annotations;
  const v2: HorizontalPodAutoscaler = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata,
    spec: {
      scaleTargetRef: v1.spec?.scaleTargetRef,
      ...(v1.spec?.minReplicas !== undefined ? { minReplicas: v1.spec.minReplicas } : {}),
      maxReplicas: v1.spec?.maxReplicas,
      ...(metrics.length > 0 ? { metrics } : {}),
      ...(behavior ? { behavior } : {}),
    },
  };
  if (v1.status) {
    const status = v1.status;
    const cpuCurrent: MetricStatus[] =
      status.currentCPUUtilizationPercentage !== undefined
        ? [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: status.currentCPUUtilizationPercentage } } }]
        : [];
    const currentMetrics = annotatedCurrent ? annotatedCurrent.map(metricStatusFromV1) : cpuCurrent;
    v2.status = {
      ...(status.observedGeneration !== undefined ? { observedGeneration: status.observedGeneration } : {}),
      ...(status.lastScaleTime !== undefined ? { lastScaleTime: status.lastScaleTime } : {}),
      ...(status.currentReplicas ? { currentReplicas: status.currentReplicas } : {}),
      desiredReplicas: status.desiredReplicas ?? 0,
      currentMetrics: currentMetrics.length > 0 ? currentMetrics : null,
      ...(conditions ? { conditions: conditions.map(conditionFromV1) } : {}),
    };
  }
  // autoscaling/v1 had an implicit 80% CPU default; what is stored carries it explicitly.
  defaultHorizontalPodAutoscaler(v2);
  return v2;
}

/** Convert_autoscaling_HorizontalPodAutoscaler_To_v1_HorizontalPodAutoscaler. */
export function hpaV1FromStorage(obj: KubeObject): KubeObject {
  const v2 = obj as HorizontalPodAutoscaler;
  const annotations: Record<string, string> = { ...(v2.metadata.annotations ?? {}) };
  const metrics = v2.spec?.metrics ?? [];
  // v1's target is the first CPU metric's utilization (none when that one is a raw value).
  const cpu = metrics.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
  const others = metrics.filter((m) => !isCpuUtilization(m));
  if (others.length > 0) annotations[METRIC_SPECS_ANNOTATION] = JSON.stringify(others.map(metricSpecToV1));
  // Every current metric is kept, the CPU one included, for its raw value.
  const current = v2.status?.currentMetrics ?? [];
  if (current.length > 0) annotations[METRIC_STATUSES_ANNOTATION] = JSON.stringify(current.map(metricStatusToV1));
  const conditions = v2.status?.conditions ?? [];
  if (conditions.length > 0) annotations[CONDITIONS_ANNOTATION] = JSON.stringify(conditions.map(conditionToV1));
  if (v2.spec?.behavior) annotations[BEHAVIOR_ANNOTATION] = behaviorToInternalJson(v2.spec.behavior);
  const metadata: ObjectMeta = { ...v2.metadata };
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  const cpuTarget = cpu?.resource?.target?.averageUtilization;
  const v1: HorizontalPodAutoscalerV1 = {
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    metadata,
    spec: {
      scaleTargetRef: v2.spec?.scaleTargetRef,
      ...(v2.spec?.minReplicas !== undefined ? { minReplicas: v2.spec.minReplicas } : {}),
      maxReplicas: v2.spec?.maxReplicas,
      ...(cpuTarget !== undefined ? { targetCPUUtilizationPercentage: cpuTarget } : {}),
    },
  };
  if (v2.status) {
    const status = v2.status;
    // The last CPU status with a utilization wins, as the conversion loops over them all.
    const cpuCurrent = current.filter((m) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.current?.averageUtilization !== undefined).pop();
    v1.status = {
      ...(status.observedGeneration !== undefined ? { observedGeneration: status.observedGeneration } : {}),
      ...(status.lastScaleTime !== undefined ? { lastScaleTime: status.lastScaleTime } : {}),
      // v1's currentReplicas has no omitempty.
      currentReplicas: status.currentReplicas ?? 0,
      desiredReplicas: status.desiredReplicas ?? 0,
      ...(cpuCurrent ? { currentCPUUtilizationPercentage: cpuCurrent.resource!.current.averageUtilization } : {}),
    };
  }
  return v1;
}

const asV2 = (obj: KubeObject): HorizontalPodAutoscaler => hpaV1ToStorage(obj) as HorizontalPodAutoscaler;

export const horizontalPodAutoscalerV1Resource: ResourceDefinition = {
  group: 'autoscaling',
  version: 'v1',
  kind: 'HorizontalPodAutoscaler',
  plural: 'horizontalpodautoscalers',
  singular: 'horizontalpodautoscaler',
  namespaced: true,
  shortNames: ['hpa'],
  categories: ['all'],
  storagePrefix: 'horizontalpodautoscalers',
  verbs: ALL_VERBS,
  subresources: ['status'],
  conversion: { toStorage: hpaV1ToStorage, fromStorage: hpaV1FromStorage },
  strategy: {
    hasStatusSubresource: true,
    applyDefaults(obj) {
      // SetDefaults_HorizontalPodAutoscaler (v1): only minReplicas; the CPU default comes with conversion.
      const spec = (obj as HorizontalPodAutoscalerV1).spec;
      if (spec) spec.minReplicas ??= 1;
    },
    prepareForCreate(obj) {
      (obj as HorizontalPodAutoscalerV1).status = { currentReplicas: 0, desiredReplicas: 0 };
      // The answer shows the object as stored and read back: the CPU target defaulted.
      const metadata = obj.metadata;
      const converted = hpaV1FromStorage(hpaV1ToStorage(obj));
      Object.assign(obj, converted, { metadata });
      // The same metadata object: the API server fills in its resourceVersion after the write.
      if (converted.metadata.annotations) metadata.annotations = converted.metadata.annotations;
      else delete metadata.annotations;
    },
    validate: (obj) => validateHorizontalPodAutoscaler(asV2(obj)),
    validateUpdate: (obj, old) => validateHorizontalPodAutoscalerUpdate(asV2(obj), asV2(old)),
    validateStatusUpdate: (obj) => validateHorizontalPodAutoscalerStatus(asV2(obj)),
  },
  printer: { columns: horizontalPodAutoscalerColumns, cells: (obj, now) => horizontalPodAutoscalerCells(asV2(obj), now) },
};
