/**
 * `kubectl auth can-i VERB TYPE[/NAME] | NONRESOURCEURL`: one SelfSubjectAccessReview, answered
 * `yes` or `no` (exit 1); `--list`: a SelfSubjectRulesReview for the namespace, printed as
 * kubectl's rule table (rules broken down per resource, simple ones compacted, then sorted).
 */
import type { SelfSubjectAccessReview, SelfSubjectRulesReview } from '../../../../../shared/api/authentication.js';
import { KubectlError, formatStatusError } from '../../../errors.js';
import type { FlagSpec } from '../../../flags.js';
import type { Invocation } from '../../../invocation.js';
import { TABLE_OPTIONS, tabwrite } from '../../../printers/tabwriter.js';
import { resolveResource } from '../../../resource-resolver.js';
import { SELF_SUBJECT_ACCESS_REVIEWS, SELF_SUBJECT_RULES_REVIEWS } from '../refs.js';

export const CAN_I_FLAGS: FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'list', type: 'bool' },
  { name: 'no-headers', type: 'bool' },
  { name: 'quiet', short: 'q', type: 'bool' },
  { name: 'subresource', type: 'string' },
];

const KNOWN_RESOURCE_VERBS = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', '*', 'approve', 'sign', 'escalate', 'attest']);
const KNOWN_NON_RESOURCE_VERBS = new Set(['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*']);
/** Resources RBAC knows that discovery does not list (no warning for them). */
const NON_STANDARD_RESOURCES = new Set(['users', 'groups', 'userextras', 'uids', 'signers']);

interface Target {
  group: string;
  resource: string;
  name: string;
  namespaced: boolean | undefined;
}

/** CanIOptions.resourceFor: the typed resource through discovery, or as typed with a warning. */
function resourceFor(inv: Invocation, typed: string): Target {
  const [type, name = ''] = typed.split(/\/(.*)/s) as [string, string?];
  if (type === '*') return { group: '', resource: '*', name, namespaced: undefined };
  const found = resolveResource(type.toLowerCase(), inv.client().discovery());
  if (found) return { group: found.group, resource: found.name, name, namespaced: found.namespaced };
  const dot = type.indexOf('.');
  const resource = dot >= 0 ? type.slice(0, dot) : type;
  const group = dot >= 0 ? type.slice(dot + 1) : '';
  if (!NON_STANDARD_RESOURCES.has(type.toLowerCase())) {
    inv.err(group ? `Warning: the server doesn't have a resource type '${resource}' in group '${group}'\n` : `Warning: the server doesn't have a resource type '${resource}'\n`);
  }
  return { group: '', resource: type, name, namespaced: undefined };
}

function warning(inv: Invocation, message: string): void {
  // WarningPrinter adds its own newline to a message that already ends in one.
  inv.err(`Warning: ${message}\n\n`);
}

function checkAccess(inv: Invocation, args: string[], namespace: string): number {
  if (args.length !== 2) {
    throw new KubectlError("error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n");
  }
  const [verb, what] = args as [string, string];
  const quiet = inv.flags.bool('quiet');
  const subresource = inv.flags.string('subresource');
  let review: SelfSubjectAccessReview;
  if (what.startsWith('/')) {
    if (subresource) throw new KubectlError('error: --subresource can not be used with NonResourceURL\n');
    if (!KNOWN_NON_RESOURCE_VERBS.has(verb)) warning(inv, `verb '${verb}' is not a known verb`);
    review = { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', metadata: {}, spec: { nonResourceAttributes: { verb, path: what } } };
  } else {
    const target = resourceFor(inv, what);
    if (!inv.flags.bool('all-namespaces') && target.namespaced === false) {
      warning(inv, target.group ? `resource '${target.resource}' is not namespace scoped in group '${target.group}'` : `resource '${target.resource}' is not namespace scoped`);
    }
    if (target.namespaced !== undefined && !KNOWN_RESOURCE_VERBS.has(verb)) warning(inv, `verb '${verb}' is not a known verb`);
    review = {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      metadata: {},
      spec: { resourceAttributes: { namespace, verb, group: target.group, resource: target.resource, subresource, name: target.name } },
    };
  }
  const created = inv.client().create<SelfSubjectAccessReview>(SELF_SUBJECT_ACCESS_REVIEWS, undefined, review);
  if (!created.ok) throw new KubectlError(formatStatusError(created.status));
  const status = created.value.status ?? { allowed: false };
  if (!quiet) {
    if (status.allowed) inv.out('yes\n');
    else inv.out(`no${status.reason ? ` - ${status.reason}` : ''}${status.evaluationError ? ` - ${status.evaluationError}` : ''}\n`);
  }
  return status.allowed ? 0 : 1;
}

interface Rule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

/** rbacutil.BreakdownRule: one rule per group, resource and name (or per non-resource URL). */
function breakdown(rule: Rule): Rule[] {
  const out: Rule[] = [];
  for (const group of rule.apiGroups) {
    for (const resource of rule.resources) {
      if (rule.resourceNames.length > 0) {
        for (const name of rule.resourceNames) out.push({ ...rule, apiGroups: [group], resources: [resource], resourceNames: [name], nonResourceURLs: [] });
      } else {
        out.push({ ...rule, apiGroups: [group], resources: [resource], resourceNames: [], nonResourceURLs: [] });
      }
    }
  }
  for (const url of rule.nonResourceURLs) out.push({ ...rule, apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [url] });
  return out;
}

/** rbacutil.CompactRules: rules of one group, resource and at most one name merge their verbs. */
function compact(rules: Rule[]): Rule[] {
  const compacted: Rule[] = [];
  const simple = new Map<string, Rule>();
  for (const rule of rules) {
    const isSimple = rule.nonResourceURLs.length === 0 && rule.apiGroups.length === 1 && rule.resources.length === 1 && rule.resourceNames.length <= 1;
    if (!isSimple) {
      compacted.push(rule);
      continue;
    }
    const key = JSON.stringify([rule.apiGroups[0], rule.resources[0], rule.resourceNames[0] ?? null]);
    const existing = simple.get(key);
    if (existing) existing.verbs = [...existing.verbs, ...rule.verbs];
    else simple.set(key, { ...rule, verbs: [...rule.verbs] });
  }
  return [...compacted, ...simple.values()];
}

const goList = (items: string[]): string => `[${items.join(' ')}]`;

/** PolicyRule.String(), which kubectl sorts the rules by. */
function ruleString(r: Rule): string {
  return `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;
}

/** describe.CombineResourceGroup: `deployments.apps`, `pods/log`. */
function resourceGroup(r: Rule): string {
  if (r.resources.length === 0) return '';
  const [resource, sub] = r.resources[0]!.split(/\/(.*)/s) as [string, string?];
  const group = r.apiGroups[0] ? `.${r.apiGroups[0]}` : '';
  return `${resource}${group}${sub !== undefined ? `/${sub}` : ''}`;
}

function listAccess(inv: Invocation, args: string[], namespace: string): number {
  if (args.length > 0) throw new KubectlError('error: list option must be specified with no arguments\n');
  if (inv.flags.bool('quiet')) throw new KubectlError('error: --quiet may not be used with --list\n');
  const review: SelfSubjectRulesReview = { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', metadata: {}, spec: { namespace } };
  const created = inv.client().create<SelfSubjectRulesReview>(SELF_SUBJECT_RULES_REVIEWS, undefined, review);
  if (!created.ok) throw new KubectlError(formatStatusError(created.status));
  const status = created.value.status;
  if (status?.incomplete) inv.err(`warning: the list may be incomplete: ${status.evaluationError ?? ''}\n`);
  const rules: Rule[] = [
    ...(status?.resourceRules ?? []).map((r) => ({ verbs: r.verbs ?? [], apiGroups: r.apiGroups ?? [], resources: r.resources ?? [], resourceNames: r.resourceNames ?? [], nonResourceURLs: [] })),
    ...(status?.nonResourceRules ?? []).map((r) => ({ verbs: r.verbs ?? [], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: r.nonResourceURLs ?? [] })),
  ];
  const sorted = compact(rules.flatMap(breakdown))
    .map((rule) => ({ rule, key: ruleString(rule) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((x) => x.rule);
  const lines = inv.flags.bool('no-headers') ? [] : ['Resources\tNon-Resource URLs\tResource Names\tVerbs'];
  for (const r of sorted) lines.push(`${resourceGroup(r)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}`);
  inv.out(tabwrite(lines.map((l) => `${l}\n`).join(''), TABLE_OPTIONS));
  return 0;
}

export function runCanI(inv: Invocation, args: string[]): number {
  const namespace = inv.flags.bool('all-namespaces') ? '' : inv.namespace;
  return inv.flags.bool('list') ? listAccess(inv, args, namespace) : checkAccess(inv, args, namespace);
}
