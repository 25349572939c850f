/**
 * Validation pieces the workload kinds share, worded as Kubernetes words them: non-negative
 * counts (ValidateNonnegativeField), label selectors (metav1 ValidateLabelSelector), int-or-percent
 * rolling-update bounds, the selector-vs-template-labels check and immutable fields.
 */
import type { PodTemplateSpec } from '../../../../shared/api/core.js';
import type { LabelSelector } from '../../../../shared/api/meta.js';
import type { IntOrString } from '../../../../shared/api/apps.js';
import { canonicalJson as canonical } from '../../../base/canonical-json.js';
import { type CompiledSelector, labelSelectorAsSelector } from '../../../base/label-selector.js';
import { type FieldError, type GoLiteral, forbidden, goLiteral, invalidValue, required } from '../errors.js';
import { goIntOrString, goLabelSelector, goStringMap } from './go-value.js';
import { validateLabels, validateQualifiedName } from './validation.js';

export function validateNonnegative(value: unknown, field: string): FieldError[] {
  return typeof value === 'number' && value < 0 ? [invalidValue(field, value, 'must be greater than or equal to 0')] : [];
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_VALUE_ERROR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/** metav1 validation.ValidateLabelSelector, strict about label values (AllowInvalidLabelValueInSelector off). */
export function validateLabelSelector(selector: LabelSelector | undefined, field: string): FieldError[] {
  if (!selector) return [];
  const errors = validateLabels(selector.matchLabels, `${field}.matchLabels`);
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  expressions.forEach((expression, i) => {
    const path = `${field}.matchExpressions[${i}]`;
    const values = Array.isArray(expression.values) ? expression.values : [];
    switch (expression.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errors.push(required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errors.push(forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errors.push(invalidValue(`${path}.operator`, expression.operator ?? '', 'not a valid selector operator'));
    }
    errors.push(...validateQualifiedName(expression.key ?? '', `${path}.key`));
    values.forEach((value, j) => {
      if (value.length > 63) errors.push(invalidValue(`${path}.values[${j}]`, value, 'must be no more than 63 characters'));
      if (!LABEL_VALUE.test(value)) errors.push(invalidValue(`${path}.values[${j}]`, value, LABEL_VALUE_ERROR));
    });
  });
  return errors;
}

/**
 * The common "selector" rules of Deployments, ReplicaSets and StatefulSets: required, valid, not
 * empty (`empty selector is invalid for <kind>`). Returns the compiled selector for the template
 * check, or undefined when LabelSelectorAsSelector fails (`invalidMessage` then explains).
 */
export function validateWorkloadSelector(
  selector: LabelSelector | undefined,
  field: string,
  kind: string,
  invalidMessage: string,
  errors: FieldError[],
): CompiledSelector | undefined {
  if (!selector) errors.push(required(field));
  else {
    errors.push(...validateLabelSelector(selector, field));
    if (Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions?.length ?? 0) === 0) {
      errors.push(invalidValue(field, goLabelSelector(selector), `empty selector is invalid for ${kind}`));
    }
  }
  const compiled = labelSelectorAsSelector(selector);
  if (!compiled.ok) {
    // An empty detail (StatefulSet's) leaves field.Error without its trailing ": …".
    const value = goLabelSelector(selector);
    errors.push(invalidMessage ? invalidValue(field, value, invalidMessage) : { type: 'FieldValueInvalid', field, detail: `Invalid value: ${value.goSyntax}` });
    return undefined;
  }
  return compiled.selector;
}

/**
 * "`selector` does not match template `labels`". A missing selector selects nothing, so it fails
 * this too — the second error kube-apiserver adds to `spec.selector: Required value`.
 */
export function templateLabelsMismatch(selector: CompiledSelector, template: PodTemplateSpec | undefined, field: string): FieldError[] {
  if (selector.empty || selector.matches(template?.metadata?.labels)) return [];
  return [invalidValue(field, goLiteral(goStringMap(template?.metadata?.labels)), '`selector` does not match template `labels`')];
}

/** ValidateImmutableField (a Semantic.DeepEqual): `<field>: Invalid value: <new value>: field is immutable`. */
export function immutable(next: unknown, old: unknown, field: string, render: (value: unknown) => GoLiteral | unknown): FieldError[] {
  return semanticEqual(next, old) ? [] : [invalidValue(field, render(next), 'field is immutable')];
}

export function immutableSelector(next: LabelSelector | undefined, old: LabelSelector | undefined, field: string): FieldError[] {
  return immutable(next, old, field, (v) => goLabelSelector(v as LabelSelector | undefined));
}

const PERCENT = /^[0-9]+%$/;
const PERCENT_ERROR =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** ValidatePositiveIntOrPercent: a non-negative int, or a `N%` string. */
export function validateIntOrPercent(value: IntOrString | undefined, field: string): FieldError[] {
  if (typeof value === 'string') return PERCENT.test(value) ? [] : [invalidValue(field, goIntOrString(value), PERCENT_ERROR)];
  return validateNonnegative(value ?? 0, field);
}

/** getIntOrPercentValue: the number of a percent, else the int (Atoi of a string, 0 if it is none). */
export function intOrPercentValue(value: IntOrString | undefined): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return 0;
  if (PERCENT.test(value)) return Number(value.slice(0, -1));
  return /^[+-]?\d+$/.test(value) ? Number(value) : 0;
}

/** IsNotMoreThan100Percent. */
export function notMoreThan100Percent(value: IntOrString | undefined, field: string): FieldError[] {
  if (typeof value !== 'string' || !PERCENT.test(value) || Number(value.slice(0, -1)) <= 100) return [];
  return [invalidValue(field, goIntOrString(value), 'must not be greater than 100%')];
}

/** ValidateNonnegativeField for each named counter of a status (absent counts as 0). */
export function nonnegativeCounters(status: object | undefined, field: string, names: readonly string[]): FieldError[] {
  const values = (status ?? {}) as Record<string, unknown>;
  return names.flatMap((name) => validateNonnegative(values[name], `${field}.${name}`));
}

/** `<field>.<name>: Invalid value: N: <message>` when counter `name` exceeds counter `limit`. */
export function notAbove(status: object | undefined, field: string, name: string, limit: string, message: string): FieldError[] {
  const values = (status ?? {}) as Record<string, unknown>;
  const value = typeof values[name] === 'number' ? values[name] : 0;
  const max = typeof values[limit] === 'number' ? values[limit] : 0;
  return value > max ? [invalidValue(`${field}.${name}`, value, message)] : [];
}

/** IsDecremented on status.collisionCount: it only ever grows. */
export function collisionCountDecremented(next: { collisionCount?: number } | undefined, old: { collisionCount?: number } | undefined): FieldError[] {
  const before = old?.collisionCount;
  const after = next?.collisionCount;
  if (before === undefined || (after !== undefined && after >= before)) return [];
  return [invalidValue('status.collisionCount', after ?? 0, 'cannot be decremented')];
}

/**
 * apiequality.Semantic.DeepEqual on JSON: a missing, null or empty list or map equals any other
 * of those, as nil and empty slices and maps do in Go.
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  return canonical(normalize(a)) === canonical(normalize(b));
}

function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map(normalize);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [k, normalize(v)] as const)
      .filter(([, v]) => v !== undefined && v !== null);
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value;
}
