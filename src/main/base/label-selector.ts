/**
 * metav1.LabelSelector as a selector, the way LabelSelectorAsSelector builds one: a missing
 * selector selects nothing, an empty one selects everything. Also the printed forms — the
 * selector's String() (`app=web,tier in (a,b)`, for Scale and printers), FormatLabelSelector and
 * labels.FormatLabels. The API server and the controllers share it.
 */
import type { LabelSelector } from '../../shared/api/meta.js';

type Operator = '=' | 'in' | 'notin' | 'exists' | '!';

interface Requirement {
  key: string;
  op: Operator;
  values: string[];
}

export interface CompiledSelector {
  /** Selects everything (an empty selector). */
  readonly empty: boolean;
  matches(labels: Record<string, string> | undefined): boolean;
  /** labels.Selector's String(): requirements sorted by key, values sorted. */
  toString(): string;
}

export type SelectorResult = { ok: true; selector: CompiledSelector } | { ok: false; error: string };

const OPERATORS: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

const NOTHING: CompiledSelector = { empty: false, matches: () => false, toString: () => '' };
const EVERYTHING: CompiledSelector = { empty: true, matches: () => true, toString: () => '' };

export function labelSelectorAsSelector(selector: LabelSelector | null | undefined): SelectorResult {
  if (!selector) return { ok: true, selector: NOTHING };
  // Shapes are the decoder's business; here a malformed part simply contributes nothing.
  const matchLabels = selector.matchLabels && typeof selector.matchLabels === 'object' ? selector.matchLabels : {};
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  if (Object.keys(matchLabels).length + expressions.length === 0) return { ok: true, selector: EVERYTHING };
  const requirements: Requirement[] = Object.entries(matchLabels).map(([key, value]) => ({ key, op: '=', values: [value] }));
  for (const expression of expressions) {
    const op = OPERATORS[expression.operator];
    if (!op) return { ok: false, error: `"${expression.operator}" is not a valid label selector operator` };
    const values = Array.isArray(expression.values) ? expression.values : [];
    // labels.NewRequirement's own checks: the values must fit the operator.
    if ((op === 'in' || op === 'notin') && values.length === 0) {
      return { ok: false, error: "for 'in', 'notin' operators, values set can't be empty" };
    }
    if ((op === 'exists' || op === '!') && values.length > 0) {
      return { ok: false, error: "values set must be empty for exists and does not exist" };
    }
    requirements.push({ key: expression.key, op, values: [...values] });
  }
  requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const text = requirements.map(requirementString).join(',');
  return {
    ok: true,
    selector: {
      empty: false,
      matches: (labels) => requirements.every((r) => matches(r, labels ?? {})),
      toString: () => text,
    },
  };
}

function matches(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  switch (r.op) {
    case '=':
    case 'in':
      return has && r.values.includes(labels[r.key]!);
    case 'notin':
      return !has || !r.values.includes(labels[r.key]!);
    case 'exists':
      return has;
    case '!':
      return !has;
  }
}

function requirementString(r: Requirement): string {
  const values = [...r.values].sort().join(',');
  switch (r.op) {
    case '=':
      return `${r.key}=${values}`;
    case 'in':
      return `${r.key} in (${values})`;
    case 'notin':
      return `${r.key} notin (${values})`;
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
  }
}

/** metav1.FormatLabelSelector: `<error>` for an invalid selector, `<none>` for one that prints empty. */
export function formatLabelSelector(selector: LabelSelector | null | undefined): string {
  const result = labelSelectorAsSelector(selector);
  if (!result.ok) return '<error>';
  return result.selector.toString() || '<none>';
}

/** labels.FormatLabels: `a=1,b=2` sorted by key, `<none>` when there are none. */
export function formatLabels(labels: Record<string, string> | null | undefined): string {
  const entries = Object.entries(labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length === 0 ? '<none>' : entries.map(([k, v]) => `${k}=${v}`).join(',');
}
