/**
 * What autoscaling/v1 cannot say, kept in annotations as kube-apiserver's conversion writes them
 * (pkg/apis/autoscaling/v1/conversion.go): the metrics other than a CPU utilization and every
 * current metric in v1's hidden MetricSpec/MetricStatus shapes (`targetAverageValue`,
 * `currentAverageValue` …), the conditions, and the behavior — marshalled from the internal type,
 * hence its capitalized keys (`{"ScaleUp":{"StabilizationWindowSeconds":0,…}}`). Keys are written
 * in Go's field order and quantities without omitempty come out as "0", so the annotation text
 * matches kube-apiserver's.
 */
import type {
  CrossVersionObjectReference,
  HPAScalingRules,
  HorizontalPodAutoscalerCondition,
  HorizontalPodAutoscalerSpec,
  MetricSpec,
  MetricStatus,
} from '../../../../shared/api/autoscaling.js';
import type { LabelSelector } from '../../../../shared/api/meta.js';

export const METRIC_SPECS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/metrics';
export const METRIC_STATUSES_ANNOTATION = 'autoscaling.alpha.kubernetes.io/current-metrics';
export const CONDITIONS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/conditions';
export const BEHAVIOR_ANNOTATION = 'autoscaling.alpha.kubernetes.io/behavior';

type Json = Record<string, unknown>;

/** An object with the keys whose value is undefined left out (omitempty), in insertion order. */
function compact(entries: Array<[string, unknown]>): Json {
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
}

function reference(ref: CrossVersionObjectReference | undefined): Json {
  return compact([
    ['kind', ref?.kind ?? ''],
    ['name', ref?.name ?? ''],
    ['apiVersion', ref?.apiVersion || undefined],
  ]);
}

function fromReference(ref: Json | undefined): CrossVersionObjectReference {
  return { kind: String(ref?.kind ?? ''), name: String(ref?.name ?? ''), ...(ref?.apiVersion ? { apiVersion: String(ref.apiVersion) } : {}) };
}

/** Convert_autoscaling_MetricSpec_To_v1_MetricSpec, as JSON. */
export function metricSpecToV1(spec: MetricSpec): Json {
  const source: Array<[string, unknown]> = [];
  if (spec.object) {
    const o = spec.object;
    source.push([
      'object',
      compact([
        ['target', reference(o.describedObject)],
        ['metricName', o.metric?.name ?? ''],
        ['targetValue', o.target?.value ?? '0'],
        ['selector', o.metric?.selector],
        ['averageValue', o.target?.averageValue],
      ]),
    ]);
  }
  if (spec.pods) {
    const p = spec.pods;
    source.push(['pods', compact([['metricName', p.metric?.name ?? ''], ['targetAverageValue', p.target?.averageValue ?? '0'], ['selector', p.metric?.selector]])]);
  }
  if (spec.resource) {
    const r = spec.resource;
    source.push(['resource', compact([['name', r.name], ['targetAverageUtilization', r.target?.averageUtilization], ['targetAverageValue', r.target?.averageValue]])]);
  }
  if (spec.containerResource) {
    const c = spec.containerResource;
    source.push([
      'containerResource',
      compact([
        ['name', c.name],
        ['targetAverageUtilization', c.target?.averageUtilization],
        ['targetAverageValue', c.target?.averageValue],
        ['container', c.container ?? ''],
      ]),
    ]);
  }
  if (spec.external) {
    const e = spec.external;
    source.push([
      'external',
      compact([
        ['metricName', e.metric?.name ?? ''],
        ['metricSelector', e.metric?.selector],
        ['targetValue', e.target?.value],
        ['targetAverageValue', e.target?.averageValue],
      ]),
    ]);
  }
  return compact([['type', spec.type], ...source]);
}

/** Convert_v1_MetricSpec_To_autoscaling_MetricSpec, from JSON. */
export function metricSpecFromV1(json: Json): MetricSpec {
  const spec: MetricSpec = { type: String(json.type ?? '') };
  const object = json.object as Json | undefined;
  if (object) {
    const averageValue = object.averageValue as string | undefined;
    spec.object = {
      describedObject: fromReference(object.target as Json | undefined),
      metric: { name: String(object.metricName ?? ''), ...(object.selector ? { selector: object.selector as LabelSelector } : {}) },
      target: { type: averageValue === undefined ? 'Value' : 'AverageValue', value: String(object.targetValue ?? '0'), ...(averageValue !== undefined ? { averageValue } : {}) },
    };
  }
  const pods = json.pods as Json | undefined;
  if (pods) {
    spec.pods = {
      metric: { name: String(pods.metricName ?? ''), ...(pods.selector ? { selector: pods.selector as LabelSelector } : {}) },
      target: { type: 'AverageValue', averageValue: String(pods.targetAverageValue ?? '0') },
    };
  }
  for (const key of ['resource', 'containerResource'] as const) {
    const resource = json[key] as Json | undefined;
    if (!resource) continue;
    const utilization = resource.targetAverageUtilization as number | undefined;
    const averageValue = resource.targetAverageValue as string | undefined;
    const target = {
      type: utilization === undefined ? 'AverageValue' : 'Utilization',
      ...(averageValue !== undefined ? { averageValue } : {}),
      ...(utilization !== undefined ? { averageUtilization: utilization } : {}),
    };
    if (key === 'resource') spec.resource = { name: String(resource.name ?? ''), target };
    else spec.containerResource = { name: String(resource.name ?? ''), target, container: String(resource.container ?? '') };
  }
  const external = json.external as Json | undefined;
  if (external) {
    const value = external.targetValue as string | undefined;
    const averageValue = external.targetAverageValue as string | undefined;
    spec.external = {
      metric: { name: String(external.metricName ?? ''), ...(external.metricSelector ? { selector: external.metricSelector as LabelSelector } : {}) },
      target: { type: value === undefined ? 'AverageValue' : 'Value', ...(value !== undefined ? { value } : {}), ...(averageValue !== undefined ? { averageValue } : {}) },
    };
  }
  return spec;
}

/** Convert_autoscaling_MetricStatus_To_v1_MetricStatus, as JSON. */
export function metricStatusToV1(status: MetricStatus): Json {
  const source: Array<[string, unknown]> = [];
  if (status.object) {
    const o = status.object;
    source.push([
      'object',
      compact([
        ['target', reference(o.describedObject)],
        ['metricName', o.metric?.name ?? ''],
        ['currentValue', o.current?.value ?? '0'],
        ['selector', o.metric?.selector],
        ['averageValue', o.current?.averageValue],
      ]),
    ]);
  }
  if (status.pods) {
    const p = status.pods;
    source.push(['pods', compact([['metricName', p.metric?.name ?? ''], ['currentAverageValue', p.current?.averageValue ?? '0'], ['selector', p.metric?.selector]])]);
  }
  if (status.resource) {
    const r = status.resource;
    source.push(['resource', compact([['name', r.name], ['currentAverageUtilization', r.current?.averageUtilization], ['currentAverageValue', r.current?.averageValue ?? '0']])]);
  }
  if (status.containerResource) {
    const c = status.containerResource;
    source.push([
      'containerResource',
      compact([
        ['name', c.name],
        ['currentAverageUtilization', c.current?.averageUtilization],
        ['currentAverageValue', c.current?.averageValue ?? '0'],
        ['container', c.container ?? ''],
      ]),
    ]);
  }
  if (status.external) {
    const e = status.external;
    source.push([
      'external',
      compact([
        ['metricName', e.metric?.name ?? ''],
        ['metricSelector', e.metric?.selector],
        ['currentValue', e.current?.value ?? '0'],
        ['currentAverageValue', e.current?.averageValue],
      ]),
    ]);
  }
  return compact([['type', status.type], ...source]);
}

/** Convert_v1_MetricStatus_To_autoscaling_MetricStatus, from JSON. */
export function metricStatusFromV1(json: Json): MetricStatus {
  const status: MetricStatus = { type: String(json.type ?? '') };
  const object = json.object as Json | undefined;
  if (object) {
    status.object = {
      describedObject: fromReference(object.target as Json | undefined),
      metric: { name: String(object.metricName ?? ''), ...(object.selector ? { selector: object.selector as LabelSelector } : {}) },
      current: { value: String(object.currentValue ?? '0'), ...(object.averageValue !== undefined ? { averageValue: String(object.averageValue) } : {}) },
    };
  }
  const pods = json.pods as Json | undefined;
  if (pods) {
    status.pods = {
      metric: { name: String(pods.metricName ?? ''), ...(pods.selector ? { selector: pods.selector as LabelSelector } : {}) },
      current: { averageValue: String(pods.currentAverageValue ?? '0') },
    };
  }
  for (const key of ['resource', 'containerResource'] as const) {
    const resource = json[key] as Json | undefined;
    if (!resource) continue;
    const utilization = resource.currentAverageUtilization as number | undefined;
    const current = { averageValue: String(resource.currentAverageValue ?? '0'), ...(utilization !== undefined ? { averageUtilization: utilization } : {}) };
    if (key === 'resource') status.resource = { name: String(resource.name ?? ''), current };
    else status.containerResource = { name: String(resource.name ?? ''), current, container: String(resource.container ?? '') };
  }
  const external = json.external as Json | undefined;
  if (external) {
    status.external = {
      metric: { name: String(external.metricName ?? ''), ...(external.metricSelector ? { selector: external.metricSelector as LabelSelector } : {}) },
      current: { value: String(external.currentValue ?? '0'), ...(external.currentAverageValue !== undefined ? { averageValue: String(external.currentAverageValue) } : {}) },
    };
  }
  return status;
}

export function conditionToV1(condition: HorizontalPodAutoscalerCondition): Json {
  return compact([
    ['type', condition.type],
    ['status', condition.status],
    ['lastTransitionTime', condition.lastTransitionTime],
    ['reason', condition.reason || undefined],
    ['message', condition.message || undefined],
  ]);
}

export function conditionFromV1(json: Json): HorizontalPodAutoscalerCondition {
  const text = (key: string): string | undefined => (typeof json[key] === 'string' ? (json[key] as string) : undefined);
  const lastTransitionTime = text('lastTransitionTime');
  const reason = text('reason');
  const message = text('message');
  return {
    type: text('type') ?? '',
    status: text('status') ?? '',
    ...(lastTransitionTime !== undefined ? { lastTransitionTime } : {}),
    ...(reason !== undefined ? { reason } : {}),
    ...(message !== undefined ? { message } : {}),
  };
}

type Behavior = NonNullable<HorizontalPodAutoscalerSpec['behavior']>;

function rulesToInternal(rules: HPAScalingRules | undefined): Json | null {
  if (!rules) return null;
  return {
    StabilizationWindowSeconds: rules.stabilizationWindowSeconds ?? null,
    SelectPolicy: rules.selectPolicy ?? null,
    Policies: rules.policies ? rules.policies.map((p) => ({ Type: p.type, Value: p.value, PeriodSeconds: p.periodSeconds })) : null,
  };
}

function rulesFromInternal(json: unknown): HPAScalingRules | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const rules = json as Json;
  const result: HPAScalingRules = {};
  if (typeof rules.StabilizationWindowSeconds === 'number') result.stabilizationWindowSeconds = rules.StabilizationWindowSeconds;
  if (typeof rules.SelectPolicy === 'string') result.selectPolicy = rules.SelectPolicy;
  if (Array.isArray(rules.Policies)) {
    result.policies = (rules.Policies as Json[]).map((p) => ({ type: String(p.Type ?? ''), value: Number(p.Value ?? 0), periodSeconds: Number(p.PeriodSeconds ?? 0) }));
  }
  return result;
}

/** json.Marshal of the internal HorizontalPodAutoscalerBehavior: no JSON tags, so Go's field names. */
export function behaviorToInternalJson(behavior: Behavior): string {
  return JSON.stringify({ ScaleUp: rulesToInternal(behavior.scaleUp), ScaleDown: rulesToInternal(behavior.scaleDown) });
}

export function behaviorFromInternalJson(json: Json): Behavior {
  const scaleUp = rulesFromInternal(json.ScaleUp);
  const scaleDown = rulesFromInternal(json.ScaleDown);
  return { ...(scaleUp ? { scaleUp } : {}), ...(scaleDown ? { scaleDown } : {}) };
}
