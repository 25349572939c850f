/**
 * RBAC's escalation check (pkg/registry/rbac/validation): a user may only grant — in a Role,
 * ClusterRole or binding — permissions they already hold. Rules are broken down into one verb on
 * one group/resource(/name) or URL each, checked against the user's own rules, and what is not
 * covered is compacted and listed the way kube-apiserver words the refusal.
 */
import type { PolicyRule } from '../../../../shared/api/rbac.js';
import type { UserInfo } from './user.js';

const has = (set: readonly string[] | undefined, item: string): boolean => (set ?? []).includes(item);
const hasAll = (set: readonly string[] | undefined, items: readonly string[] | undefined): boolean => (items ?? []).every((item) => has(set, item));

/** BreakdownRule: one rule per group × resource × verb (× name), and per URL × verb. */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const subrules: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs ?? []) {
        if ((rule.resourceNames ?? []).length > 0) {
          for (const name of rule.resourceNames ?? []) subrules.push({ verbs: [verb], apiGroups: [group], resources: [resource], resourceNames: [name] });
        } else {
          subrules.push({ verbs: [verb], apiGroups: [group], resources: [resource] });
        }
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) {
    for (const verb of rule.verbs ?? []) subrules.push({ verbs: [verb], nonResourceURLs: [url] });
  }
  return subrules;
}

/** resourceCoversAll: `*`, the exact resource, or `*` followed by `/<subresource>` for a subresource. */
function resourceCoversAll(owned: readonly string[] | undefined, wanted: readonly string[] | undefined): boolean {
  if (has(owned, '*') || hasAll(owned, wanted)) return true;
  for (const resource of wanted ?? []) {
    if (has(owned, resource)) continue;
    const slash = resource.indexOf('/');
    if (slash < 0) return false;
    if (!has(owned, `*${resource.slice(slash)}`)) return false;
  }
  return true;
}

function nonResourceURLCovers(owned: string, wanted: string): boolean {
  if (owned === wanted) return true;
  return owned.endsWith('*') && wanted.startsWith(owned.replace(/\*+$/, ''));
}

function nonResourceURLsCoverAll(owned: readonly string[] | undefined, wanted: readonly string[] | undefined): boolean {
  return (wanted ?? []).every((url) => (owned ?? []).some((o) => nonResourceURLCovers(o, url)));
}

/** ruleCovers: does one owned rule cover one broken-down rule. */
function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const verbs = has(owner.verbs, '*') || hasAll(owner.verbs, sub.verbs);
  const groups = has(owner.apiGroups, '*') || hasAll(owner.apiGroups, sub.apiGroups);
  const resources = resourceCoversAll(owner.resources, sub.resources);
  const urls = nonResourceURLsCoverAll(owner.nonResourceURLs, sub.nonResourceURLs);
  const ownerNames = owner.resourceNames ?? [];
  const names = (sub.resourceNames ?? []).length === 0 ? ownerNames.length === 0 : ownerNames.length === 0 || hasAll(ownerNames, sub.resourceNames);
  return verbs && groups && resources && names && urls;
}

/** Covers: whether the owner's rules cover every wanted rule, and the broken-down rules they miss. */
export function covers(ownerRules: readonly PolicyRule[], wanted: readonly PolicyRule[]): { covered: boolean; missing: PolicyRule[] } {
  const missing = wanted.flatMap(breakdownRule).filter((sub) => !ownerRules.some((owner) => ruleCovers(owner, sub)));
  return { covered: missing.length === 0, missing };
}

/** CompactRules: simple rules on the same group/resource(/name) merged into one with all their verbs. */
export function compactRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const rule of rules) {
    const names = rule.resourceNames ?? [];
    const isSimple = names.length <= 1 && (rule.nonResourceURLs ?? []).length === 0 && (rule.apiGroups ?? []).length === 1 && (rule.resources ?? []).length === 1;
    if (!isSimple) {
      compacted.push(rule);
      continue;
    }
    const key = JSON.stringify([rule.apiGroups, rule.resources, names.length > 0, names[0] ?? '']);
    const existing = simple.get(key);
    if (existing) existing.verbs = [...(existing.verbs ?? []), ...(rule.verbs ?? [])];
    else simple.set(key, structuredClone(rule));
  }
  return [...compacted, ...simple.values()];
}

/** Go's %q of a []string: `["a" "b"]`. */
function goQuotedList(values: readonly string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(' ')}]`;
}

/** rbacv1helpers.CompactString: `{APIGroups:[""], Resources:["pods"], Verbs:["get" "list"]}`. */
export function compactString(rule: PolicyRule): string {
  const parts: string[] = [];
  if ((rule.apiGroups ?? []).length > 0) parts.push(`APIGroups:${goQuotedList(rule.apiGroups ?? [])}`);
  if ((rule.resources ?? []).length > 0) parts.push(`Resources:${goQuotedList(rule.resources ?? [])}`);
  if ((rule.nonResourceURLs ?? []).length > 0) parts.push(`NonResourceURLs:${goQuotedList(rule.nonResourceURLs ?? [])}`);
  if ((rule.resourceNames ?? []).length > 0) parts.push(`ResourceNames:${goQuotedList(rule.resourceNames ?? [])}`);
  if ((rule.verbs ?? []).length > 0) parts.push(`Verbs:${goQuotedList(rule.verbs ?? [])}`);
  return `{${parts.join(', ')}}`;
}

/**
 * ConfirmNoEscalation: undefined when `ownerRules` cover `rules`, else the refusal text —
 * `user "jane" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not
 * currently held:` then each missing rule, sorted, one per line; resolution errors (roles that
 * could not be read while gathering the user's rules) follow.
 */
export function confirmNoEscalation(user: UserInfo, ownerRules: readonly PolicyRule[], resolutionError: string | undefined, rules: readonly PolicyRule[]): string | undefined {
  const { covered, missing } = covers(ownerRules, rules);
  if (covered) return undefined;
  const descriptions = [...new Set(compactRules(missing).map(compactString))].sort();
  let message = `user ${JSON.stringify(user.username)} (groups=${goQuotedList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${descriptions.join('\n')}`;
  if (resolutionError) message += `; resolution errors: [${resolutionError}]`;
  return message;
}

/** `*` on everything: what setting an aggregationRule requires. */
export const FULL_AUTHORITY: readonly PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];
