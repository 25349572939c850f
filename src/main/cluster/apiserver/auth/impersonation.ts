/**
 * The impersonation filter (`kubectl --as jane --as-group dev`): the acting user must be allowed
 * to `impersonate` each requested user, group and uid; the request then runs as the impersonated
 * user, who is also `system:authenticated` (and a service account's groups when it is one).
 */
import type { Status } from '../../../../shared/api/meta.js';
import { forbiddenByAuthorizer } from '../errors.js';
import type { Impersonation } from '../types.js';
import type { AuthorizationAttributes, Authorizer } from './authorizer.js';
import { AUTHENTICATED, parseServiceAccountUsername, serviceAccountUser, type UserInfo } from './user.js';

export function impersonate(actor: UserInfo, wanted: Impersonation, authorizer: Authorizer): { ok: true; code: number; value: UserInfo } | { ok: false; status: Status } {
  const serviceAccount = parseServiceAccountUsername(wanted.user);
  const checks: AuthorizationAttributes[] = [
    serviceAccount
      ? { user: actor, verb: 'impersonate', resourceRequest: true, apiGroup: '', resource: 'serviceaccounts', namespace: serviceAccount.namespace, name: serviceAccount.name }
      : { user: actor, verb: 'impersonate', resourceRequest: true, apiGroup: '', resource: 'users', name: wanted.user },
    ...(wanted.groups ?? []).map((group): AuthorizationAttributes => ({ user: actor, verb: 'impersonate', resourceRequest: true, apiGroup: '', resource: 'groups', name: group })),
    ...(wanted.uid ? [{ user: actor, verb: 'impersonate', resourceRequest: true, apiGroup: 'authentication.k8s.io', resource: 'uids', name: wanted.uid }] : []),
  ];
  for (const check of checks) {
    const result = authorizer.authorize(check);
    if (result.decision !== 'Allow') {
      return { ok: false, status: forbiddenByAuthorizer({ ...check, group: check.apiGroup, username: actor.username }, result.reason) };
    }
  }
  const groups = [...(wanted.groups ?? [])];
  if (serviceAccount) {
    for (const group of serviceAccountUser(serviceAccount.namespace, serviceAccount.name).groups) if (!groups.includes(group)) groups.push(group);
  } else if (wanted.user !== 'system:anonymous' && !groups.includes(AUTHENTICATED)) {
    groups.push(AUTHENTICATED);
  }
  return { ok: true, code: 200, value: { username: wanted.user, ...(wanted.uid ? { uid: wanted.uid } : {}), groups } };
}
