/**
 * HorizontalPodAutoscaler validation with kube-apiserver 1.32's messages
 * (pkg/apis/autoscaling/validation): replica bounds, the scale target, each metric source and
 * target, and the scaling behavior's rules and policies.
 */
import type {
  CrossVersionObjectReference,
  HPAScalingRules,
  HorizontalPodAutoscaler,
  MetricIdentifier,
  MetricSpec,
  MetricTarget,
} from '../../../../shared/api/autoscaling.js';
import { parseQuantity } from '../../../base/quantity.js';
import { type FieldError, forbidden, goLiteral, invalidValue, notSupported, required } from '../errors.js';
import { validateDns1123Label, validateObjectMeta } from './validation.js';
import { validateNonnegative } from './workload-validation.js';

/** The largest scaling policy period and stabilization window kube-apiserver accepts, in seconds. */
const MAX_PERIOD_SECONDS = 1800;
const MAX_STABILIZATION_WINDOW_SECONDS = 3600;

const METRIC_SOURCE_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const SELECT_POLICIES = ['Disabled', 'Max', 'Min'];
const POLICY_TYPES = ['Percent', 'Pods'];
const CONTAINER_RESOURCE_NAMES = ['cpu', 'memory', 'ephemeral-storage'];

/** IsValidPathSegmentName: names that become URL path segments. */
function pathSegmentErrors(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const errors: string[] = [];
  if (name.includes('/')) errors.push("may not contain '/'");
  if (name.includes('%')) errors.push("may not contain '%'");
  return errors;
}

/** `%#v` of a resource.Quantity, as field.Invalid prints a bad quantity. */
function goQuantity(text: string): unknown {
  const match = /^(-?\d+)(m?)$/.exec(text);
  if (!match) return text;
  const scale = match[2] ? -3 : 0;
  return goLiteral(
    `resource.Quantity{i:resource.int64Amount{value:${match[1]}, scale:${scale}}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:${JSON.stringify(text)}, Format:"DecimalSI"}`,
  );
}

function positive(quantity: string): boolean {
  return (parseQuantity(quantity) ?? 0) > 0;
}

export function validateCrossVersionObjectReference(ref: Partial<CrossVersionObjectReference> | undefined, field: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of ['kind', 'name'] as const) {
    const value = ref?.[key] ?? '';
    if (!value) errors.push(required(`${field}.${key}`));
    else for (const message of pathSegmentErrors(value)) errors.push(invalidValue(`${field}.${key}`, value, message));
  }
  return errors;
}

function validateMetricIdentifier(id: MetricIdentifier | undefined, field: string): FieldError[] {
  const name = id?.name ?? '';
  if (!name) return [required(`${field}.name`, 'must specify a metric name')];
  return pathSegmentErrors(name).map((message) => invalidValue(`${field}.name`, name, message));
}

function validateMetricTarget(target: MetricTarget | undefined, field: string): FieldError[] {
  const errors: FieldError[] = [];
  const type = target?.type ?? '';
  if (!type) errors.push(required(`${field}.type`, 'must specify a metric target type'));
  if (type !== 'Utilization' && type !== 'Value' && type !== 'AverageValue') {
    errors.push(invalidValue(`${field}.type`, type, 'must be either Utilization, Value, or AverageValue'));
  }
  if (target?.value !== undefined && !positive(target.value)) errors.push(invalidValue(`${field}.value`, goQuantity(target.value), 'must be positive'));
  if (target?.averageValue !== undefined && !positive(target.averageValue)) {
    errors.push(invalidValue(`${field}.averageValue`, goQuantity(target.averageValue), 'must be positive'));
  }
  if (target?.averageUtilization !== undefined && target.averageUtilization < 1) {
    errors.push(invalidValue(`${field}.averageUtilization`, target.averageUtilization, 'must be greater than 0'));
  }
  return errors;
}

function utilizationOrValue(target: MetricTarget | undefined, field: string): FieldError[] {
  const errors: FieldError[] = [];
  const hasUtilization = target?.averageUtilization !== undefined;
  const hasValue = target?.averageValue !== undefined;
  if (!hasUtilization && !hasValue) errors.push(required(`${field}.target.averageUtilization`, 'must set either a target raw value or a target utilization'));
  if (hasUtilization && hasValue) errors.push(forbidden(`${field}.target.averageValue`, 'may not set both a target raw value and a target utilization'));
  return errors;
}

function validateSource(spec: MetricSpec, source: string, field: string): FieldError[] {
  const path = `${field}.${source}`;
  switch (source) {
    case 'object': {
      const object = spec.object!;
      const errors = [
        ...validateCrossVersionObjectReference(object.describedObject, `${path}.describedObject`),
        ...validateMetricIdentifier(object.metric, `${path}.metric`),
        ...validateMetricTarget(object.target, `${path}.target`),
      ];
      if (object.target?.value === undefined && object.target?.averageValue === undefined) {
        errors.push(required(`${path}.target.averageValue`, 'must set either a target value or averageValue'));
      }
      return errors;
    }
    case 'external': {
      const external = spec.external!;
      const errors = [...validateMetricIdentifier(external.metric, `${path}.metric`), ...validateMetricTarget(external.target, `${path}.target`)];
      const hasValue = external.target?.value !== undefined;
      const hasAverage = external.target?.averageValue !== undefined;
      if (!hasValue && !hasAverage) errors.push(required(`${path}.target.averageValue`, 'must set either a target value for metric or a per-pod target'));
      if (hasValue && hasAverage) errors.push(forbidden(`${path}.target.value`, 'may not set both a target value for metric and a per-pod target'));
      return errors;
    }
    case 'pods': {
      const pods = spec.pods!;
      const errors = [...validateMetricIdentifier(pods.metric, `${path}.metric`), ...validateMetricTarget(pods.target, `${path}.target`)];
      if (pods.target?.averageValue === undefined) errors.push(required(`${path}.target.averageValue`, 'must specify a positive target averageValue'));
      return errors;
    }
    case 'resource': {
      const resource = spec.resource!;
      const errors: FieldError[] = [];
      if (!resource.name) errors.push(required(`${path}.name`, 'must specify a resource name'));
      errors.push(...validateMetricTarget(resource.target, `${path}.target`), ...utilizationOrValue(resource.target, path));
      return errors;
    }
    default: {
      const container = spec.containerResource!;
      const errors: FieldError[] = [];
      if (!container.name) errors.push(required(`${path}.name`, 'must specify a resource name'));
      else if (!container.name.includes('/') && !CONTAINER_RESOURCE_NAMES.includes(container.name) && !container.name.startsWith('hugepages-')) {
        // ValidateContainerResourceName (names with a domain are extended resources, not checked here).
        errors.push(invalidValue(`${path}.name`, container.name, 'must be a standard resource for containers'));
      }
      if (!container.container) errors.push(required(`${path}.container`, 'must specify a container'));
      else errors.push(...validateDns1123Label(container.container, `${path}.container`));
      errors.push(...validateMetricTarget(container.target, `${path}.target`), ...utilizationOrValue(container.target, path));
      return errors;
    }
  }
}

const SOURCE_FIELDS: ReadonlyArray<[keyof MetricSpec, string]> = [
  ['object', 'Object'],
  ['external', 'External'],
  ['pods', 'Pods'],
  ['resource', 'Resource'],
  ['containerResource', 'ContainerResource'],
];

function validateMetricSpec(spec: MetricSpec, field: string): FieldError[] {
  const errors: FieldError[] = [];
  const type = spec.type ?? '';
  if (!type) errors.push(required(`${field}.type`, 'must specify a metric source type'));
  if (!METRIC_SOURCE_TYPES.includes(type)) errors.push(notSupported(`${field}.type`, type, METRIC_SOURCE_TYPES));
  const present = SOURCE_FIELDS.filter(([key]) => spec[key] !== undefined && spec[key] !== null).map(([key]) => key as string);
  // Only the first source present is validated, as kube-apiserver does.
  if (present.length > 0) errors.push(...validateSource(spec, present[0]!, field));
  const expected = SOURCE_FIELDS.find(([, name]) => name === type)?.[0] as string | undefined;
  if (expected === undefined) {
    // An unknown type is reported a second time by the switch's default branch.
    errors.push(notSupported(`${field}.type`, type, METRIC_SOURCE_TYPES));
  } else if (!present.includes(expected)) {
    errors.push(required(`${field}.${expected}`, 'must populate information for the given metric source'));
  }
  if (present.length !== 1) {
    for (const source of present.filter((s) => s !== expected)) errors.push(forbidden(`${field}.${source}`, 'must populate the given metric source only'));
  }
  return errors;
}

function validateScalingRules(rules: HPAScalingRules | undefined, field: string): FieldError[] {
  if (!rules) return [];
  const errors: FieldError[] = [];
  const window = rules.stabilizationWindowSeconds;
  if (window !== undefined && window < 0) errors.push(invalidValue(`${field}.stabilizationWindowSeconds`, window, 'must be greater than or equal to zero'));
  if (window !== undefined && window > MAX_STABILIZATION_WINDOW_SECONDS) {
    errors.push(invalidValue(`${field}.stabilizationWindowSeconds`, window, `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`));
  }
  if (rules.selectPolicy !== undefined && !SELECT_POLICIES.includes(rules.selectPolicy)) {
    errors.push(notSupported(`${field}.selectPolicy`, rules.selectPolicy, SELECT_POLICIES));
  }
  const policies = rules.policies ?? [];
  if (policies.length === 0) errors.push(required(`${field}.policies`, 'must specify at least one Policy'));
  policies.forEach((policy, i) => {
    const path = `${field}.policies[${i}]`;
    if (!POLICY_TYPES.includes(policy.type)) errors.push(notSupported(`${path}.type`, policy.type ?? '', POLICY_TYPES));
    const value = policy.value ?? 0;
    const period = policy.periodSeconds ?? 0;
    if (value <= 0) errors.push(invalidValue(`${path}.value`, value, 'must be greater than zero'));
    if (period <= 0) errors.push(invalidValue(`${path}.periodSeconds`, period, 'must be greater than zero'));
    if (period > MAX_PERIOD_SECONDS) errors.push(invalidValue(`${path}.periodSeconds`, period, `must be less than or equal to ${MAX_PERIOD_SECONDS}`));
  });
  return errors;
}

/**
 * validateHorizontalPodAutoscalerSpec. minReplicas may be 0 only on an HPA that already has it
 * (HPAScaleToZero is alpha and off in 1.32).
 */
function validateSpec(hpa: HorizontalPodAutoscaler, minReplicasLowerBound: number): FieldError[] {
  const spec = hpa.spec ?? ({} as HorizontalPodAutoscaler['spec']);
  const errors: FieldError[] = [];
  const min = spec.minReplicas;
  const max = spec.maxReplicas ?? 0;
  if (min !== undefined && min < minReplicasLowerBound) {
    errors.push(invalidValue('spec.minReplicas', min, `must be greater than or equal to ${minReplicasLowerBound}`));
  }
  if (max < 1) errors.push(invalidValue('spec.maxReplicas', max, 'must be greater than 0'));
  if (min !== undefined && max < min) errors.push(invalidValue('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  errors.push(...validateCrossVersionObjectReference(spec.scaleTargetRef, 'spec.scaleTargetRef'));
  const metrics = spec.metrics ?? [];
  metrics.forEach((metric, i) => errors.push(...validateMetricSpec(metric, `spec.metrics[${i}]`)));
  if (min === 0 && !metrics.some((m) => m.type === 'Object' || m.type === 'External')) {
    errors.push(forbidden('spec.metrics', 'must specify at least one Object or External metric to support scaling to zero replicas'));
  }
  if (spec.behavior) {
    errors.push(...validateScalingRules(spec.behavior.scaleUp, 'spec.behavior.scaleUp'), ...validateScalingRules(spec.behavior.scaleDown, 'spec.behavior.scaleDown'));
  }
  return errors;
}

export function validateHorizontalPodAutoscaler(hpa: HorizontalPodAutoscaler): FieldError[] {
  return [...validateObjectMeta(hpa, { namespaced: true, nameRule: 'subdomain' }), ...validateSpec(hpa, 1)];
}

export function validateHorizontalPodAutoscalerUpdate(hpa: HorizontalPodAutoscaler, old: HorizontalPodAutoscaler): FieldError[] {
  return validateSpec(hpa, old.spec?.minReplicas === 0 ? 0 : 1);
}

export function validateHorizontalPodAutoscalerStatus(hpa: HorizontalPodAutoscaler): FieldError[] {
  return [
    ...validateNonnegative(hpa.status?.currentReplicas ?? 0, 'status.currentReplicas'),
    ...validateNonnegative(hpa.status?.desiredReplicas ?? 0, 'status.desiredReplicas'),
  ];
}
