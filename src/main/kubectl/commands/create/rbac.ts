/**
 * `create role|clusterrole|rolebinding|clusterrolebinding`: one rule per API group from
 * `--verb`/`--resource` (resources resolved through discovery, `pods/log` subresources kept),
 * non-resource URLs and aggregation rules for ClusterRoles, and bindings to users, groups and
 * `namespace:name` service accounts.
 */
import type { KubeObject } from '../../../../shared/api/meta.js';
import { CLUSTER_ROLES, CLUSTER_ROLE_BINDINGS, ROLES, ROLE_BINDINGS } from '../../../cluster/client/resources.js';
import { KubectlError } from '../../errors.js';
import type { Invocation } from '../../invocation.js';
import { resolveResource } from '../../resource-resolver.js';
import { type CreateContext, type GeneratorSubcommand, GENERATOR_FLAGS, objectMeta, sliceFlag } from './subcommand.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const VALID_RESOURCE_VERBS = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];
const VALID_NON_RESOURCE_VERBS = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];
/** Verbs that only make sense on particular resources. */
const SPECIAL_VERBS: Record<string, { group: string; resource: string }[]> = {
  use: [
    { group: 'policy', resource: 'podsecuritypolicies' },
    { group: 'extensions', resource: 'podsecuritypolicies' },
  ],
  bind: [
    { group: RBAC_GROUP, resource: 'roles' },
    { group: RBAC_GROUP, resource: 'clusterroles' },
  ],
  escalate: [
    { group: RBAC_GROUP, resource: 'roles' },
    { group: RBAC_GROUP, resource: 'clusterroles' },
  ],
  impersonate: [
    { group: '', resource: 'users' },
    { group: '', resource: 'serviceaccounts' },
    { group: '', resource: 'groups' },
    { group: 'authentication.k8s.io', resource: 'userextras' },
  ],
};

interface ResourceOption {
  resource: string;
  group: string;
  subresource: string;
}

const RULE_FLAGS = [
  { name: 'verb', type: 'stringArray' as const },
  { name: 'resource', type: 'stringArray' as const },
  { name: 'resource-name', type: 'stringArray' as const },
];

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function verbsOf(inv: Invocation): string[] {
  const verbs = sliceFlag(inv, 'verb');
  return verbs.includes('*') ? ['*'] : unique(verbs);
}

/** `pods`, `deployments.apps`, `pods/log`; a bare `*` stands for everything. */
function resourcesOf(inv: Invocation): ResourceOption[] {
  const options: ResourceOption[] = [];
  for (const typed of sliceFlag(inv, 'resource')) {
    const slash = typed.indexOf('/');
    const subresource = slash >= 0 ? typed.slice(slash + 1) : '';
    const main = slash >= 0 ? typed.slice(0, slash) : typed;
    const dot = main.indexOf('.');
    const option = { resource: dot >= 0 ? main.slice(0, dot) : main, group: dot >= 0 ? main.slice(dot + 1) : '', subresource };
    if (option.resource === '*' && dot < 0 && slash < 0) return [option];
    options.push(option);
  }
  return options;
}

/** RESTMapper.ResourceFor: the served resource, or the mapper's error. */
function mapResource(inv: Invocation, r: ResourceOption): { group: string; resource: string; error?: string } {
  const typed = r.group ? `${r.resource}.${r.group}` : r.resource;
  const found = resolveResource(typed, inv.client().discovery());
  if (found) return { group: found.group, resource: found.name };
  return { group: r.group, resource: r.resource, error: `the server doesn't have a resource type "${r.resource}"` };
}

function warnNonStandardVerbs(inv: Invocation, verbs: string[]): void {
  for (const v of verbs) if (!VALID_RESOURCE_VERBS.includes(v)) inv.err(`Warning: '${v}' is not a standard resource verb\n`);
}

function validateResources(inv: Invocation, resources: ResourceOption[], verbs: string[]): void {
  for (const r of resources) {
    if (!r.resource) throw new KubectlError('error: resource must be specified if apiGroup/subresource specified\n');
    if (r.resource === '*') return;
    const mapped = mapResource(inv, r);
    let error = mapped.error;
    for (const v of verbs) {
      const allowed = SPECIAL_VERBS[v];
      if (!allowed) continue;
      if (!allowed.some((a) => a.resource === mapped.resource && a.group === mapped.group)) {
        throw new KubectlError(`error: can not perform '${v}' on '${mapped.resource}' in group '${mapped.group}'\n`);
      }
      error = undefined;
    }
    if (error) throw new KubectlError(`error: ${error}\n`);
  }
}

/** generateResourcePolicyRules: one rule per API group (sorted), then one for non-resource URLs. */
function policyRules(inv: Invocation, verbs: string[], resources: ResourceOption[], resourceNames: string[], urls: string[]): Record<string, unknown>[] {
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const mapped = r.resource === '*' ? { group: r.group, resource: r.resource } : mapResource(inv, r);
    const name = r.subresource ? `${mapped.resource}/${r.subresource}` : mapped.resource;
    const list = byGroup.get(mapped.group) ?? [];
    if (!list.includes(name)) list.push(name);
    byGroup.set(mapped.group, list);
  }
  const rules: Record<string, unknown>[] = [...byGroup.keys()].sort().map((group) => ({
    verbs,
    apiGroups: [group],
    resources: byGroup.get(group),
    ...(resourceNames.length > 0 ? { resourceNames } : {}),
  }));
  if (urls.length > 0) rules.push({ verbs, nonResourceURLs: urls });
  return rules;
}

function buildRole({ inv, name, enforcedNamespace }: CreateContext): KubeObject {
  const verbs = verbsOf(inv);
  const resources = resourcesOf(inv);
  if (verbs.length === 0) throw new KubectlError('error: at least one verb must be specified\n');
  warnNonStandardVerbs(inv, verbs);
  if (resources.length === 0) throw new KubectlError('error: at least one resource must be specified\n');
  validateResources(inv, resources, verbs);
  const rules = policyRules(inv, verbs, resources, unique(inv.flags.strings('resource-name')), []);
  return { kind: 'Role', apiVersion: `${RBAC_GROUP}/v1`, metadata: objectMeta(name, enforcedNamespace), rules };
}

export const ROLE: GeneratorSubcommand = { ref: ROLES, namespaced: true, flags: [...GENERATOR_FLAGS, ...RULE_FLAGS], build: buildRole };

/** cliflag.MapStringString: `a=b,c=d`. */
function parseLabelMap(text: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of text.split(',').filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq < 0) throw new KubectlError(`error: invalid argument "${text}" for "--aggregation-rule" flag: ${pair} must be formatted as key=value\n`);
    map[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return map;
}

function validateUrls(verbs: string[], urls: string[]): void {
  for (const v of verbs) if (!VALID_NON_RESOURCE_VERBS.includes(v)) throw new KubectlError(`error: invalid verb: '${v}' for nonResourceURL\n`);
  for (const url of urls) {
    if (url === '*') continue;
    if (!url.startsWith('/')) throw new KubectlError('error: nonResourceURL should start with /\n');
    if (url.slice(0, -1).includes('*')) throw new KubectlError("error: nonResourceURL only supports wildcard matches when '*' is at the end\n");
  }
}

function buildClusterRole({ inv, name }: CreateContext): KubeObject {
  const verbs = verbsOf(inv);
  const resources = resourcesOf(inv);
  const resourceNames = unique(inv.flags.strings('resource-name'));
  const urls = unique(sliceFlag(inv, 'non-resource-url'));
  const aggregation = inv.flags.strings('aggregation-rule').reduce<Record<string, string>>((all, text) => ({ ...all, ...parseLabelMap(text) }), {});
  const metadata = objectMeta(name, '');
  if (Object.keys(aggregation).length > 0) {
    if (urls.length > 0 || verbs.length > 0 || resources.length > 0 || resourceNames.length > 0) {
      throw new KubectlError('error: aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames\n');
    }
    return { kind: 'ClusterRole', apiVersion: `${RBAC_GROUP}/v1`, metadata, rules: null, aggregationRule: { clusterRoleSelectors: [{ matchLabels: aggregation }] } };
  }
  if (verbs.length === 0) throw new KubectlError('error: at least one verb must be specified\n');
  if (resources.length === 0 && urls.length === 0) throw new KubectlError('error: one of resource or nonResourceURL must be specified\n');
  if (resources.length > 0) {
    warnNonStandardVerbs(inv, verbs);
    validateResources(inv, resources, verbs);
  }
  if (urls.length > 0) validateUrls(verbs, urls);
  return { kind: 'ClusterRole', apiVersion: `${RBAC_GROUP}/v1`, metadata, rules: policyRules(inv, verbs, resources, resourceNames, urls) };
}

export const CLUSTER_ROLE: GeneratorSubcommand = {
  ref: CLUSTER_ROLES,
  namespaced: false,
  flags: [...GENERATOR_FLAGS, ...RULE_FLAGS, { name: 'non-resource-url', type: 'stringArray' }, { name: 'aggregation-rule', type: 'stringArray' }],
  build: buildClusterRole,
};

/** Users, then groups, then `namespace:name` service accounts, as Subjects in Go field order. */
function subjectsOf(inv: Invocation): Record<string, string>[] {
  const subjects: Record<string, string>[] = [];
  for (const user of inv.flags.strings('user')) subjects.push({ kind: 'User', apiGroup: RBAC_GROUP, name: user });
  for (const group of inv.flags.strings('group')) subjects.push({ kind: 'Group', apiGroup: RBAC_GROUP, name: group });
  for (const sa of inv.flags.strings('serviceaccount')) {
    const parts = sa.split(':');
    if (parts.length !== 2) throw new KubectlError('error: serviceaccount must be <namespace>:<name>\n');
    subjects.push({ kind: 'ServiceAccount', name: parts[1]!, namespace: parts[0]! });
  }
  return subjects;
}

const SUBJECT_FLAGS = [
  { name: 'user', type: 'stringArray' as const },
  { name: 'group', type: 'stringArray' as const },
  { name: 'serviceaccount', type: 'stringArray' as const },
];

function buildRoleBinding({ inv, name, enforcedNamespace }: CreateContext): KubeObject {
  const role = inv.flags.string('role');
  const clusterRole = inv.flags.string('clusterrole');
  if ((role === '') === (clusterRole === '')) throw new KubectlError('error: exactly one of clusterrole or role must be specified\n');
  const subjects = subjectsOf(inv);
  return {
    kind: 'RoleBinding',
    apiVersion: `${RBAC_GROUP}/v1`,
    metadata: objectMeta(name, enforcedNamespace),
    ...(subjects.length > 0 ? { subjects } : {}),
    roleRef: { apiGroup: RBAC_GROUP, kind: role ? 'Role' : 'ClusterRole', name: role || clusterRole },
  };
}

export const ROLE_BINDING: GeneratorSubcommand = {
  ref: ROLE_BINDINGS,
  namespaced: true,
  flags: [...GENERATOR_FLAGS, { name: 'role', type: 'string' }, { name: 'clusterrole', type: 'string' }, ...SUBJECT_FLAGS],
  failurePrefix: 'failed to create rolebinding: ',
  build: buildRoleBinding,
};

function buildClusterRoleBinding({ inv, name }: CreateContext): KubeObject {
  const subjects = subjectsOf(inv);
  return {
    kind: 'ClusterRoleBinding',
    apiVersion: `${RBAC_GROUP}/v1`,
    metadata: objectMeta(name, ''),
    ...(subjects.length > 0 ? { subjects } : {}),
    roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: inv.flags.string('clusterrole') },
  };
}

export const CLUSTER_ROLE_BINDING: GeneratorSubcommand = {
  ref: CLUSTER_ROLE_BINDINGS,
  namespaced: false,
  flags: [...GENERATOR_FLAGS, { name: 'clusterrole', type: 'string' }, ...SUBJECT_FLAGS],
  required: ['clusterrole'],
  failurePrefix: 'failed to create clusterrolebinding: ',
  build: buildClusterRoleBinding,
};
