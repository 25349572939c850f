/**
 * autoscaling/v2 HorizontalPodAutoscalers: scheme defaulting (minReplicas 1, 80% CPU when no
 * metric is named, the behavior's rules filled in once any is given), a status reset on create
 * and a `/status` subresource, and the NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE printer.
 */
import type {
  HPAScalingRules,
  HorizontalPodAutoscaler,
  MetricSpec,
  MetricStatus,
  MetricTarget,
  MetricValueStatus,
} from '../../../../shared/api/autoscaling.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { validateHorizontalPodAutoscaler, validateHorizontalPodAutoscalerStatus, validateHorizontalPodAutoscalerUpdate } from './hpa-validation.js';
import { age } from './printing.js';
import { ALL_VERBS, type ResourceDefinition, column } from './resource.js';
import { ageColumn, nameColumn } from './workload-columns.js';

/** autoscaling.DefaultCPUUtilization */
export const DEFAULT_CPU_UTILIZATION = 80;

/** defaultHPAScaleUpRules: no stabilization, the larger of 4 Pods or 100% every 15s. */
function defaultScaleUp(): HPAScalingRules {
  return {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  };
}

/**
 * defaultHPAScaleDownRules: 100% every 15s. The stabilization window stays unset: the controller's
 * --horizontal-pod-autoscaler-downscale-stabilization flag (5m) fills it in.
 */
function defaultScaleDown(): HPAScalingRules {
  return { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
}

/** copyHPAScalingRules: every field the user set wins over the default. */
function withDefaults(rules: HPAScalingRules | undefined, defaults: HPAScalingRules): HPAScalingRules {
  if (!rules) return defaults;
  const merged: HPAScalingRules = { ...defaults };
  if (rules.selectPolicy !== undefined) merged.selectPolicy = rules.selectPolicy;
  if (rules.stabilizationWindowSeconds !== undefined) merged.stabilizationWindowSeconds = rules.stabilizationWindowSeconds;
  if (rules.policies !== undefined && rules.policies !== null) merged.policies = rules.policies;
  return merged;
}

/** SetDefaults_HorizontalPodAutoscaler (autoscaling/v2). */
export function defaultHorizontalPodAutoscaler(obj: KubeObject): void {
  const hpa = obj as HorizontalPodAutoscaler;
  const spec = (hpa.spec ??= { scaleTargetRef: { kind: '', name: '' }, maxReplicas: 0 });
  spec.minReplicas ??= 1;
  if (!spec.metrics || spec.metrics.length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } }];
  }
  if (spec.behavior) {
    spec.behavior.scaleUp = withDefaults(spec.behavior.scaleUp, defaultScaleUp());
    spec.behavior.scaleDown = withDefaults(spec.behavior.scaleDown, defaultScaleDown());
  }
}

/** Quantity.String() of a possibly nil pointer: Go prints `<nil>`. */
function quantity(value: string | undefined): string {
  return value ?? '<nil>';
}

function percent(value: number): string {
  return `${value}%`;
}

/**
 * A Resource or ContainerResource metric, named: a raw average, else a utilization (`<auto>` when
 * no target is set). The current value is `<unknown>` until the status at the same index has one.
 */
function resourceTarget(name: string, target: MetricTarget, current: MetricValueStatus | undefined): string {
  if (target.averageValue !== undefined) return `${name}: ${current ? quantity(current.averageValue) : '<unknown>'}/${target.averageValue}`;
  const now = current?.averageUtilization !== undefined ? percent(current.averageUtilization) : '<unknown>';
  return `${name}: ${now}/${target.averageUtilization !== undefined ? percent(target.averageUtilization) : '<auto>'}`;
}

/** An Object or External metric (unnamed): `(avg)` marks a per-pod average target. */
function valueTarget(target: MetricTarget, current: MetricValueStatus | undefined): string {
  if (target.averageValue !== undefined) return `${current?.averageValue ?? '<unknown>'}/${target.averageValue} (avg)`;
  return `${current ? quantity(current.value) : '<unknown>'}/${quantity(target.value)}`;
}

function formatMetric(spec: MetricSpec, status: MetricStatus | undefined): string {
  switch (spec.type) {
    case 'External':
      return valueTarget(spec.external?.target ?? { type: '' }, status?.external?.current);
    case 'Object':
      return valueTarget(spec.object?.target ?? { type: '' }, status?.object?.current);
    case 'Pods':
      return `${status?.pods ? quantity(status.pods.current?.averageValue) : '<unknown>'}/${quantity(spec.pods?.target?.averageValue)}`;
    case 'Resource':
      return resourceTarget(spec.resource?.name ?? '', spec.resource?.target ?? { type: '' }, status?.resource?.current);
    case 'ContainerResource':
      return resourceTarget(spec.containerResource?.name ?? '', spec.containerResource?.target ?? { type: '' }, status?.containerResource?.current);
    default:
      return '<unknown type>';
  }
}

/** formatHPAMetrics: the first two metrics, each against the status at the same index, then `+ N more...`. */
export function formatHpaTargets(specs: readonly MetricSpec[] | undefined, statuses: readonly MetricStatus[] | null | undefined): string {
  if (!specs || specs.length === 0) return '<none>';
  const shown = specs.slice(0, 2).map((spec, i) => formatMetric(spec, statuses?.[i]));
  const text = shown.join(', ');
  return specs.length > 2 ? `${text} + ${specs.length - 2} more...` : text;
}

/** The columns all say `string`, the two counts included, as kube-apiserver declares them. */
export const horizontalPodAutoscalerColumns = [
  nameColumn,
  column(
    'Reference',
    'string',
    'scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count.',
  ),
  column(
    'Targets',
    'string',
    'metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used).  The desired replica count is calculated multiplying the ratio between the target value and the current value by the current number of pods.  Ergo, metrics used must decrease as the pod count is increased, and vice-versa.  See the individual metric source types for more information about how each type of metric must respond.',
  ),
  column(
    'MinPods',
    'string',
    'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.  It defaults to 1 pod.  minReplicas is allowed to be 0 if the alpha feature gate HPAScaleToZero is enabled and at least one Object or External metric is configured.  Scaling is active as long as at least one metric value is available.',
  ),
  column('MaxPods', 'string', 'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up. It cannot be less that minReplicas.'),
  column('Replicas', 'string', 'currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler.'),
  ageColumn,
];

export function horizontalPodAutoscalerCells(obj: KubeObject, now: number): Array<string | number> {
  const hpa = obj as HorizontalPodAutoscaler;
  const ref = hpa.spec?.scaleTargetRef;
  return [
    hpa.metadata.name ?? '',
    `${ref?.kind ?? ''}/${ref?.name ?? ''}`,
    formatHpaTargets(hpa.spec?.metrics, hpa.status?.currentMetrics),
    hpa.spec?.minReplicas === undefined ? '<unset>' : String(hpa.spec.minReplicas),
    hpa.spec?.maxReplicas ?? 0,
    hpa.status?.currentReplicas ?? 0,
    age(hpa.metadata.creationTimestamp, now),
  ];
}

export const horizontalPodAutoscalerResource: ResourceDefinition = {
  group: 'autoscaling',
  version: 'v2',
  kind: 'HorizontalPodAutoscaler',
  plural: 'horizontalpodautoscalers',
  singular: 'horizontalpodautoscaler',
  namespaced: true,
  shortNames: ['hpa'],
  categories: ['all'],
  storagePrefix: 'horizontalpodautoscalers',
  verbs: ALL_VERBS,
  subresources: ['status'],
  strategy: {
    hasStatusSubresource: true,
    applyDefaults: defaultHorizontalPodAutoscaler,
    prepareForCreate(obj) {
      // Create cannot set status; currentMetrics and desiredReplicas have no omitempty.
      (obj as HorizontalPodAutoscaler).status = { currentMetrics: null, desiredReplicas: 0 };
    },
    validate: (obj) => validateHorizontalPodAutoscaler(obj as HorizontalPodAutoscaler),
    validateUpdate: (obj, old) => validateHorizontalPodAutoscalerUpdate(obj as HorizontalPodAutoscaler, old as HorizontalPodAutoscaler),
    validateStatusUpdate: (obj) => validateHorizontalPodAutoscalerStatus(obj as HorizontalPodAutoscaler),
  },
  printer: { columns: horizontalPodAutoscalerColumns, cells: horizontalPodAutoscalerCells },
};
