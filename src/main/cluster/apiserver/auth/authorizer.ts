/**
 * Authorization (k8s.io/apiserver/pkg/authorization/authorizer): the attributes of a request and
 * an authorizer's verdict. The API server asks once per request, before admission; the RBAC
 * authorizer and the reviews (SubjectAccessReview …) answer through this interface.
 */
import type { UserInfo } from './user.js';

export interface AuthorizationAttributes {
  user: UserInfo;
  /** get, list, watch, create, update, patch, delete, deletecollection, impersonate, bind, escalate, approve, sign, use … */
  verb: string;
  /** A resource request has a resource; a non-resource request has a path (`/healthz`). */
  resourceRequest: boolean;
  apiGroup?: string;
  apiVersion?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  path?: string;
}

export type Decision = 'Allow' | 'Deny' | 'NoOpinion';

export interface AuthorizationResult {
  decision: Decision;
  /** Why (RBAC: which binding allowed it); appended to the Forbidden message when non-empty on denial. */
  reason: string;
}

export interface Authorizer {
  authorize(attributes: AuthorizationAttributes): AuthorizationResult;
}

export interface ResourceRuleInfo {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
}

export interface NonResourceRuleInfo {
  verbs: string[];
  nonResourceURLs: string[];
}

/** What SelfSubjectRulesReview (`kubectl auth can-i --list`) reports. */
export interface RuleResolver {
  rulesFor(user: UserInfo, namespace: string): { resourceRules: ResourceRuleInfo[]; nonResourceRules: NonResourceRuleInfo[]; incomplete: boolean; evaluationError?: string };
}

/** Lets everything through: the lab's API server before RBAC is switched on, and unit tests. */
export const ALWAYS_ALLOW: Authorizer = { authorize: () => ({ decision: 'Allow', reason: '' }) };
