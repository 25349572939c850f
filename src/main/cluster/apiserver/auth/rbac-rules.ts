// Whether one RBAC PolicyRule allows a request (rbac.RuleAllows and the rbacv1helpers matchers):
// verbs, API groups and resources with `*`, `resource/subresource` and `*/subresource` forms,
// resourceNames (an empty list allows every name) and nonResourceURLs with a trailing `*`.
import type { PolicyRule } from '../../../../shared/api/rbac.js';
import type { AuthorizationAttributes } from './authorizer.js';

export const VERB_ALL = '*';
export const API_GROUP_ALL = '*';
export const RESOURCE_ALL = '*';
export const NON_RESOURCE_ALL = '*';

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  const verbs = rule.verbs ?? [];
  return verbs.includes(VERB_ALL) || verbs.includes(verb);
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  const groups = rule.apiGroups ?? [];
  return groups.includes(API_GROUP_ALL) || groups.includes(group);
}

// `combined` is `pods` or `pods/log`. A rule's `*` matches everything; a `*/log` rule matches the
// `log` subresource of any resource. RBAC has no `pods/*` wildcard: that only matches itself.
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string | undefined): boolean {
  for (const ruleResource of rule.resources ?? []) {
    if (ruleResource === RESOURCE_ALL || ruleResource === combined) return true;
    if (!subresource) continue;
    if (ruleResource.length === subresource.length + 2 && ruleResource.startsWith('*/') && ruleResource.endsWith(subresource)) return true;
  }
  return false;
}

export function resourceNameMatches(rule: PolicyRule, name: string | undefined): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name ?? '');
}

/** `/healthz` matches `/healthz`; `/healthz/*` matches anything under `/healthz/`; `*` matches all. */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const ruleURL of rule.nonResourceURLs ?? []) {
    if (ruleURL === NON_RESOURCE_ALL || ruleURL === path) return true;
    if (ruleURL.endsWith('*') && path.startsWith(ruleURL.replace(/\*+$/, ''))) return true;
  }
  return false;
}

export function ruleAllows(attributes: AuthorizationAttributes, rule: PolicyRule): boolean {
  if (attributes.resourceRequest) {
    const resource = attributes.resource ?? '';
    const combined = attributes.subresource ? `${resource}/${attributes.subresource}` : resource;
    return (
      verbMatches(rule, attributes.verb) &&
      apiGroupMatches(rule, attributes.apiGroup ?? '') &&
      resourceMatches(rule, combined, attributes.subresource) &&
      resourceNameMatches(rule, attributes.name)
    );
  }
  return verbMatches(rule, attributes.verb) && nonResourceURLMatches(rule, attributes.path ?? '');
}
