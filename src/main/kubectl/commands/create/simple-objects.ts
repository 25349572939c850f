/**
 * The small generators: `create namespace`, `serviceaccount`, `quota` (`--hard`, `--scopes`),
 * `priorityclass` and `poddisruptionbudget` (`--selector` with `--min-available` or
 * `--max-unavailable`).
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import { format as formatQuantity, parse as parseResourceQuantity } from '../../../base/resource-list.js';
import { NAMESPACES, POD_DISRUPTION_BUDGETS, PRIORITY_CLASSES, RESOURCE_QUOTAS, SERVICE_ACCOUNTS } from '../../../cluster/client/resources.js';
import { KubectlError } from '../../errors.js';
import { type CreateContext, type GeneratorSubcommand, GENERATOR_FLAGS, objectMeta } from './subcommand.js';

export const NAMESPACE: GeneratorSubcommand = {
  ref: NAMESPACES,
  namespaced: false,
  flags: GENERATOR_FLAGS,
  build: ({ name }) => ({ kind: 'Namespace', apiVersion: 'v1', metadata: objectMeta(name, ''), spec: {}, status: {} }),
};

export const SERVICE_ACCOUNT: GeneratorSubcommand = {
  ref: SERVICE_ACCOUNTS,
  namespaced: true,
  flags: GENERATOR_FLAGS,
  failurePrefix: 'failed to create serviceaccount: ',
  build: ({ name, enforcedNamespace }) => ({ kind: 'ServiceAccount', apiVersion: 'v1', metadata: objectMeta(name, enforcedNamespace) }),
};

/**
 * A quantity as the typed ResourceList marshals it: ParseQuantity keeps the text it was given when
 * that is already in canonical form (no fraction, a power of 1000 and no trailing `000`, or a
 * binary suffix on a value not divisible by 8), else the canonical string.
 */
function quantityText(text: string): string | undefined {
  const parsed = parseResourceQuantity(text);
  if (!parsed) return undefined;
  const m = /^[+-]?(\d*)(?:\.(\d*))?(Ki|Mi|Gi|Ti|Pi|Ei)?(?:[eE]([+-]?\d+)|([numkMGTPE]))?$/.exec(text.trim());
  if (m && !m[2]) {
    const digits = m[1] ?? '';
    const exponent = m[4] !== undefined ? Number(m[4]) : ({ n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 } as Record<string, number>)[m[5] ?? ''] ?? 0;
    if (m[3] ? Number(BigInt(digits || '0') & 7n) !== 0 : exponent % 3 === 0 && !digits.endsWith('000')) return text;
  }
  return formatQuantity(parsed);
}

const QUANTITY_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

function buildQuota({ inv, name, enforcedNamespace }: CreateContext): KubeObject {
  const hardText = inv.flags.string('hard');
  const scopesText = inv.flags.string('scopes');
  const hard: Record<string, string> = {};
  for (const statement of hardText ? hardText.split(',') : []) {
    const parts = statement.split('=');
    if (parts.length !== 2) throw new KubectlError(`error: Invalid argument syntax ${statement}, expected <resource>=<value>\n`);
    const quantity = quantityText(parts[1]!);
    if (quantity === undefined) throw new KubectlError(`error: ${QUANTITY_ERROR}\n`);
    hard[parts[0]!] = quantity;
  }
  const scopes = scopesText ? scopesText.split(',') : [];
  if (scopes.includes('')) throw new KubectlError('error: invalid resource quota scope ""\n');
  return {
    kind: 'ResourceQuota',
    apiVersion: 'v1',
    metadata: objectMeta(name, enforcedNamespace),
    spec: { ...(hardText ? { hard } : {}), ...(scopes.length > 0 ? { scopes } : {}) },
    status: {},
  };
}

export const QUOTA: GeneratorSubcommand = {
  ref: RESOURCE_QUOTAS,
  namespaced: true,
  flags: [...GENERATOR_FLAGS, { name: 'hard', type: 'string' }, { name: 'scopes', type: 'string' }],
  failurePrefix: 'failed to create quota: ',
  build: buildQuota,
};

export const PRIORITY_CLASS: GeneratorSubcommand = {
  ref: PRIORITY_CLASSES,
  namespaced: false,
  flags: [
    ...GENERATOR_FLAGS,
    { name: 'value', type: 'int' },
    { name: 'global-default', type: 'bool' },
    { name: 'description', type: 'string' },
    { name: 'preemption-policy', type: 'string' },
  ],
  failurePrefix: 'failed to create priorityclass: ',
  build: ({ inv, name }) => ({
    kind: 'PriorityClass',
    apiVersion: 'scheduling.k8s.io/v1',
    metadata: objectMeta(name, ''),
    value: inv.flags.number('value', 0),
    ...(inv.flags.bool('global-default') ? { globalDefault: true } : {}),
    ...(inv.flags.string('description') ? { description: inv.flags.string('description') } : {}),
    preemptionPolicy: inv.flags.string('preemption-policy', 'PreemptLowerPriority'),
  }),
};

/** Split a selector on the commas that are not inside `in (a,b)` parentheses. */
function selectorTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) terms.push(current.trim());
  return terms;
}

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

/**
 * metav1.ParseToLabelSelector: equalities as matchLabels, the rest as matchExpressions, in
 * labels.Parse's order (by key) with each value set sorted.
 */
export function parseToLabelSelector(text: string): { matchLabels?: Record<string, string>; matchExpressions?: LabelSelectorRequirement[] } {
  const matchLabels: Record<string, string> = {};
  const matchExpressions: LabelSelectorRequirement[] = [];
  for (const term of selectorTerms(text)) {
    let m: RegExpMatchArray | null;
    if (term.includes('!=')) throw new KubectlError('error: "!=" is not a valid label selector operator\n');
    if ((m = term.match(/^([^!=<>\s]+)\s*([<>])/))) throw new KubectlError(`error: "${m[2] === '>' ? 'gt' : 'lt'}" isn't supported in label selectors\n`);
    if ((m = term.match(/^([^!=\s]+)\s*==?\s*(\S*)$/))) matchLabels[m[1]!] = m[2]!;
    else if ((m = term.match(/^(\S+)\s+(in|notin)\s*\((.*)\)$/))) {
      const values = [...new Set(m[3]!.split(',').map((v) => v.trim()))].sort();
      matchExpressions.push({ key: m[1]!, operator: m[2] === 'in' ? 'In' : 'NotIn', values });
    } else if ((m = term.match(/^!(\S+)$/))) matchExpressions.push({ key: m[1]!, operator: 'DoesNotExist' });
    else if ((m = term.match(/^(\S+)$/))) matchExpressions.push({ key: m[1]!, operator: 'Exists' });
    else throw new KubectlError(`error: unable to parse requirement: found '${term}', expected: identifier\n`);
  }
  matchExpressions.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { ...(Object.keys(matchLabels).length > 0 ? { matchLabels } : {}), ...(matchExpressions.length > 0 ? { matchExpressions } : {}) };
}

/** intstr.Parse: a number when it reads as one. */
function intOrString(text: string): number | string {
  return /^[-+]?\d+$/.test(text) ? Number(text) : text;
}

function buildPdb({ inv, name, enforcedNamespace }: CreateContext): KubeObject {
  const selector = inv.flags.string('selector');
  const minAvailable = inv.flags.string('min-available');
  const maxUnavailable = inv.flags.string('max-unavailable');
  if (!selector) throw new KubectlError('error: a selector must be specified\n');
  if (!minAvailable && !maxUnavailable) throw new KubectlError('error: one of min-available or max-unavailable must be specified\n');
  if (minAvailable && maxUnavailable) throw new KubectlError('error: min-available and max-unavailable cannot be both specified\n');
  if (minAvailable && !/^[0-9]+%?$/.test(minAvailable)) throw new KubectlError('error: invalid format specified for min-available\n');
  if (maxUnavailable && !/^[0-9]+%?$/.test(maxUnavailable)) throw new KubectlError('error: invalid format specified for max-unavailable\n');
  return {
    kind: 'PodDisruptionBudget',
    apiVersion: 'policy/v1',
    metadata: objectMeta(name, enforcedNamespace),
    spec: {
      ...(minAvailable ? { minAvailable: intOrString(minAvailable) } : {}),
      selector: parseToLabelSelector(selector),
      ...(maxUnavailable ? { maxUnavailable: intOrString(maxUnavailable) } : {}),
    },
    status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
  };
}

export const POD_DISRUPTION_BUDGET: GeneratorSubcommand = {
  ref: POD_DISRUPTION_BUDGETS,
  namespaced: true,
  flags: [...GENERATOR_FLAGS, { name: 'selector', type: 'string' }, { name: 'min-available', type: 'string' }, { name: 'max-unavailable', type: 'string' }],
  failurePrefix: 'failed to create poddisruptionbudgets: ',
  build: buildPdb,
};
