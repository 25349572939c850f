/**
 * The RBAC authorizer (plugin/pkg/auth/authorizer/rbac) and its rule resolver: a user's rules are
 * those of every ClusterRoleBinding naming them (granted in every namespace) and, for a namespaced
 * request, of the RoleBindings in that namespace naming them (a RoleBinding to a ClusterRole grants
 * it in the binding's namespace only). RBAC never denies: it allows or has no opinion, and its
 * reason says which binding allowed it or which referenced roles could not be found.
 *
 * It does not short-circuit `system:masters`: kube-apiserver does that with a separate authorizer
 * in front of RBAC — see `kubeApiserverAuthorizer` in union-authorizer.ts.
 */
import type { PolicyRule, RoleBinding, RoleRef, Subject } from '../../../../shared/api/rbac.js';
import type { AuthorizationAttributes, AuthorizationResult, Authorizer, NonResourceRuleInfo, ResourceRuleInfo, RuleResolver } from './authorizer.js';
import type { RbacReader } from './rbac-reader.js';
import { ruleAllows } from './rbac-rules.js';
import type { UserInfo } from './user.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** Return false to stop visiting. `source` describes the binding (`ClusterRoleBinding "x" of …`). */
export type RuleVisitor = (source: string | undefined, rule: PolicyRule | undefined, error: string | undefined) => boolean;

export type RoleReferenceRules = { ok: true; rules: PolicyRule[] } | { ok: false; error: string };

/**
 * utilerrors.NewAggregate(errs).Error(): one message as is; several, deduplicated, as `[a, b]`.
 */
export function aggregateErrors(errors: readonly string[]): string {
  const unique = [...new Set(errors)];
  if (unique.length <= 1) return unique[0] ?? '';
  return `[${unique.join(', ')}]`;
}

/** The subject as the allow reason names it: a ServiceAccount as `name/namespace`. */
function describeSubject(subject: Subject, bindingNamespace: string): string {
  if (subject.kind === 'ServiceAccount') {
    return `${subject.kind} ${JSON.stringify(`${subject.name ?? ''}/${subject.namespace || bindingNamespace}`)}`;
  }
  return `${subject.kind ?? ''} ${JSON.stringify(subject.name ?? '')}`;
}

function describeBinding(binding: RoleBinding, subject: Subject, namespaced: boolean): string {
  const ref = binding.roleRef ?? {};
  const name = namespaced ? `${binding.metadata.name ?? ''}/${binding.metadata.namespace ?? ''}` : (binding.metadata.name ?? '');
  const kind = namespaced ? 'RoleBinding' : 'ClusterRoleBinding';
  return `${kind} ${JSON.stringify(name)} of ${ref.kind ?? ''} ${JSON.stringify(ref.name ?? '')} to ${describeSubject(subject, namespaced ? (binding.metadata.namespace ?? '') : '')}`;
}

/**
 * appliesToUser: Users by name, Groups by membership, ServiceAccounts by their
 * `system:serviceaccount:<ns>:<name>` username — a RoleBinding's subject without a namespace means
 * one in the binding's namespace; a ClusterRoleBinding's never matches without one.
 */
export function subjectMatches(user: UserInfo, subject: Subject, namespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.username === subject.name;
    case 'Group':
      return user.groups.includes(subject.name ?? '');
    case 'ServiceAccount': {
      const saNamespace = subject.namespace || namespace;
      if (!saNamespace) return false;
      return user.username === `system:serviceaccount:${saNamespace}:${subject.name ?? ''}`;
    }
    default:
      return false;
  }
}

function appliesTo(user: UserInfo, subjects: readonly Subject[] | undefined, namespace: string): Subject | undefined {
  return (subjects ?? []).find((subject) => subjectMatches(user, subject, namespace));
}

/**
 * Whose NotFound text a missing role produces: the authorizer reads informer listers, which name the
 * kind (`clusterrole.rbac.authorization.k8s.io "x" not found`); the RBAC registry's escalation check
 * reads storage, which names the resource (`clusterroles.rbac.authorization.k8s.io "x" not found`).
 */
export type NotFoundStyle = 'lister' | 'registry';

export class RbacAuthorizer implements Authorizer, RuleResolver {
  constructor(
    private readonly reader: RbacReader,
    private readonly notFoundStyle: NotFoundStyle = 'lister',
  ) {}

  private notFound(kind: 'role' | 'clusterrole', name: string): string {
    const resource = this.notFoundStyle === 'lister' ? kind : `${kind}s`;
    return `${resource}.${RBAC_GROUP} ${JSON.stringify(name)} not found`;
  }

  /** GetRoleReferenceRules: the referenced role's rules, or why they cannot be read. */
  roleReferenceRules(roleRef: RoleRef | undefined, bindingNamespace: string): RoleReferenceRules {
    const name = roleRef?.name ?? '';
    switch (roleRef?.kind) {
      case 'Role': {
        const role = this.reader.role(bindingNamespace, name);
        return role ? { ok: true, rules: role.rules ?? [] } : { ok: false, error: this.notFound('role', name) };
      }
      case 'ClusterRole': {
        const role = this.reader.clusterRole(name);
        return role ? { ok: true, rules: role.rules ?? [] } : { ok: false, error: this.notFound('clusterrole', name) };
      }
      default:
        return { ok: false, error: `unsupported role reference kind: ${JSON.stringify(roleRef?.kind ?? '')}` };
    }
  }

  /** VisitRulesFor: cluster bindings first, then (for a namespace) that namespace's RoleBindings. */
  visitRulesFor(user: UserInfo, namespace: string, visitor: RuleVisitor): void {
    for (const binding of this.reader.clusterRoleBindings()) {
      const subject = appliesTo(user, binding.subjects, '');
      if (!subject) continue;
      const rules = this.roleReferenceRules(binding.roleRef, '');
      if (!rules.ok) {
        if (!visitor(undefined, undefined, rules.error)) return;
        continue;
      }
      const source = describeBinding(binding, subject, false);
      for (const rule of rules.rules) if (!visitor(source, rule, undefined)) return;
    }
    if (!namespace) return;
    for (const binding of this.reader.roleBindings(namespace)) {
      const subject = appliesTo(user, binding.subjects, namespace);
      if (!subject) continue;
      const rules = this.roleReferenceRules(binding.roleRef, namespace);
      if (!rules.ok) {
        if (!visitor(undefined, undefined, rules.error)) return;
        continue;
      }
      const source = describeBinding(binding, subject, true);
      for (const rule of rules.rules) if (!visitor(source, rule, undefined)) return;
    }
  }

  authorize(attributes: AuthorizationAttributes): AuthorizationResult {
    let allowedBy: string | undefined;
    const errors: string[] = [];
    this.visitRulesFor(attributes.user, attributes.namespace ?? '', (source, rule, error) => {
      if (rule && ruleAllows(attributes, rule)) {
        allowedBy = source;
        return false;
      }
      if (error) errors.push(error);
      return true;
    });
    if (allowedBy !== undefined) return { decision: 'Allow', reason: `RBAC: allowed by ${allowedBy}` };
    return { decision: 'NoOpinion', reason: errors.length > 0 ? `RBAC: ${aggregateErrors(errors)}` : '' };
  }

  /** Every rule that applies to the user in the namespace, and the resolution errors (DefaultRuleResolver.RulesFor). */
  policyRulesFor(user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: string[] } {
    const rules: PolicyRule[] = [];
    const errors: string[] = [];
    this.visitRulesFor(user, namespace, (_source, rule, error) => {
      if (rule) rules.push(rule);
      if (error) errors.push(error);
      return true;
    });
    return { rules, errors };
  }

  /** What SelfSubjectRulesReview reports: resource and non-resource rules, never incomplete. */
  rulesFor(user: UserInfo, namespace: string): ReturnType<RuleResolver['rulesFor']> {
    const { rules, errors } = this.policyRulesFor(user, namespace);
    const resourceRules: ResourceRuleInfo[] = [];
    const nonResourceRules: NonResourceRuleInfo[] = [];
    for (const rule of rules) {
      if ((rule.resources ?? []).length > 0) {
        resourceRules.push({ verbs: rule.verbs ?? [], apiGroups: rule.apiGroups ?? [], resources: rule.resources ?? [], resourceNames: rule.resourceNames ?? [] });
      }
      if ((rule.nonResourceURLs ?? []).length > 0) {
        nonResourceRules.push({ verbs: rule.verbs ?? [], nonResourceURLs: rule.nonResourceURLs ?? [] });
      }
    }
    return { resourceRules, nonResourceRules, incomplete: false, ...(errors.length > 0 ? { evaluationError: aggregateErrors(errors) } : {}) };
  }
}
