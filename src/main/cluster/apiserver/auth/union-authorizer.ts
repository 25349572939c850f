/**
 * kube-apiserver's authorizer chain for `--authorization-mode=Node,RBAC`: the privileged-groups
 * authorizer (members of `system:masters` may do anything, with no reason given) in front, then
 * each configured authorizer in turn until one allows or denies. When none has an opinion the
 * request is refused and their reasons, joined by newlines, follow the Forbidden message. The rule
 * resolvers (SelfSubjectRulesReview) are unioned the same way; the privileged-groups authorizer
 * is not one, so `system:masters` sees only what its bindings (cluster-admin) list.
 */
import type { AuthorizationAttributes, AuthorizationResult, Authorizer, RuleResolver } from './authorizer.js';
import { aggregateErrors } from './rbac-authorizer.js';
import { SYSTEM_MASTERS } from './user.js';

/** authorizerfactory.NewPrivilegedGroups: Allow for a member of any of the groups, else no opinion. */
export function privilegedGroups(...groups: string[]): Authorizer {
  return {
    authorize: (attributes) => ({
      decision: attributes.user.groups.some((group) => groups.includes(group)) ? 'Allow' : 'NoOpinion',
      reason: '',
    }),
  };
}

/** union.New: the first Allow or Deny wins; otherwise NoOpinion with every reason given. */
export function unionAuthorizer(...authorizers: Authorizer[]): Authorizer {
  return {
    authorize(attributes: AuthorizationAttributes): AuthorizationResult {
      const reasons: string[] = [];
      for (const authorizer of authorizers) {
        const result = authorizer.authorize(attributes);
        if (result.decision !== 'NoOpinion') return result;
        if (result.reason) reasons.push(result.reason);
      }
      return { decision: 'NoOpinion', reason: reasons.join('\n') };
    },
  };
}

/** The chain kube-apiserver builds: `system:masters` first, then the given modes (RBAC …). */
export function kubeApiserverAuthorizer(...modes: Authorizer[]): Authorizer {
  return unionAuthorizer(privilegedGroups(SYSTEM_MASTERS), ...modes);
}

/** union.NewRuleResolvers: every resolver's rules in order, incomplete if any is, their errors aggregated. */
export function unionRuleResolver(...resolvers: RuleResolver[]): RuleResolver {
  return {
    rulesFor(user, namespace) {
      const result: ReturnType<RuleResolver['rulesFor']> = { resourceRules: [], nonResourceRules: [], incomplete: false };
      const errors: string[] = [];
      for (const resolver of resolvers) {
        const rules = resolver.rulesFor(user, namespace);
        result.resourceRules.push(...rules.resourceRules);
        result.nonResourceRules.push(...rules.nonResourceRules);
        result.incomplete ||= rules.incomplete;
        if (rules.evaluationError) errors.push(rules.evaluationError);
      }
      return errors.length > 0 ? { ...result, evaluationError: aggregateErrors(errors) } : result;
    },
  };
}
