/**
 * kubectl describe for RBAC, laid out like kubectl 1.32: Role and ClusterRole (their rules broken
 * down per resource, compacted, and sorted as rbacv1helpers does) and RoleBinding and
 * ClusterRoleBinding (the role and the subjects).
 */
import type { KubeObject } from '../../../shared/api/meta.js';
import { arr, goSlice, rec, strs, text } from './describer.js';
import { LEVEL_0, LEVEL_1, PrefixWriter, writeAnnotations, writeLabels } from './prefix-writer.js';

interface Rule {
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
  verbs: string[];
}

/** BreakdownRule: one rule per group × resource (× resource name), one per non-resource URL. */
function breakdown(rule: Rule): Rule[] {
  const out: Rule[] = [];
  for (const group of rule.apiGroups) {
    for (const resource of rule.resources) {
      if (rule.resourceNames.length > 0) {
        for (const name of rule.resourceNames) out.push({ apiGroups: [group], resources: [resource], resourceNames: [name], nonResourceURLs: [], verbs: rule.verbs });
      } else out.push({ apiGroups: [group], resources: [resource], resourceNames: [], nonResourceURLs: [], verbs: rule.verbs });
    }
  }
  for (const url of rule.nonResourceURLs) out.push({ apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [url], verbs: rule.verbs });
  return out;
}

/** CompactRules: simple rules (one group, one resource, at most one name) merge their verbs. */
function compact(rules: Rule[]): Rule[] {
  const compacted: Rule[] = [];
  const simple = new Map<string, Rule>();
  for (const rule of rules) {
    const isSimple = rule.apiGroups.length === 1 && rule.resources.length === 1 && rule.resourceNames.length <= 1 && rule.nonResourceURLs.length === 0;
    if (!isSimple) {
      compacted.push(rule);
      continue;
    }
    const key = JSON.stringify([rule.apiGroups[0], rule.resources[0], rule.resourceNames.length > 0, rule.resourceNames[0] ?? '']);
    const existing = simple.get(key);
    if (existing) existing.verbs = [...existing.verbs, ...rule.verbs];
    else simple.set(key, { ...rule, verbs: [...rule.verbs] });
  }
  return [...compacted, ...simple.values()];
}

/** The generated PolicyRule.String() the sort compares: verbs first. */
function sortKey(rule: Rule): string {
  return `&PolicyRule{Verbs:${goSlice(rule.verbs)},APIGroups:${goSlice(rule.apiGroups)},Resources:${goSlice(rule.resources)},ResourceNames:${goSlice(rule.resourceNames)},NonResourceURLs:${goSlice(rule.nonResourceURLs)},}`;
}

/** CombineResourceGroup: `deployments.apps`, `pods/log`, `deployments.apps/scale`. */
function resourceWithGroup(rule: Rule): string {
  const resource = rule.resources[0];
  if (resource === undefined) return '';
  const [base, sub] = resource.split(/\/(.*)/s);
  const group = rule.apiGroups[0];
  return `${base}${group ? `.${group}` : ''}${sub !== undefined ? `/${sub}` : ''}`;
}

export function describeRole(object: KubeObject): string {
  const role = object as KubeObject & { rules?: unknown };
  const rules = arr(role.rules).map((r) => ({
    apiGroups: strs(r.apiGroups),
    resources: strs(r.resources),
    resourceNames: strs(r.resourceNames),
    nonResourceURLs: strs(r.nonResourceURLs),
    verbs: strs(r.verbs),
  }));
  const shown = compact(rules.flatMap(breakdown))
    .map((r) => ({ r, key: sortKey(r) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ r }) => r);
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${role.metadata.name ?? ''}\n`);
  writeLabels(w, 'Labels', role.metadata.labels);
  writeAnnotations(w, role.metadata.annotations);
  w.write(LEVEL_0, 'PolicyRule:\n');
  w.write(LEVEL_1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
  w.write(LEVEL_1, '---------\t-----------------\t--------------\t-----\n');
  for (const r of shown) w.write(LEVEL_1, `${resourceWithGroup(r)}\t${goSlice(r.nonResourceURLs)}\t${goSlice(r.resourceNames)}\t${goSlice(r.verbs)}\n`);
  return w.toString();
}

export function describeRoleBinding(object: KubeObject): string {
  const binding = object as KubeObject & { roleRef?: unknown; subjects?: unknown };
  const roleRef = rec(binding.roleRef);
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${binding.metadata.name ?? ''}\n`);
  writeLabels(w, 'Labels', binding.metadata.labels);
  writeAnnotations(w, binding.metadata.annotations);
  w.write(LEVEL_0, 'Role:\n');
  w.write(LEVEL_1, `Kind:\t${text(roleRef.kind)}\n`);
  w.write(LEVEL_1, `Name:\t${text(roleRef.name)}\n`);
  w.write(LEVEL_0, 'Subjects:\n');
  w.write(LEVEL_1, 'Kind\tName\tNamespace\n');
  w.write(LEVEL_1, '----\t----\t---------\n');
  for (const s of arr(binding.subjects)) w.write(LEVEL_1, `${text(s.kind)}\t${text(s.name)}\t${text(s.namespace)}\n`);
  return w.toString();
}
