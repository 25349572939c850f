/**
 * Authentication (k8s.io/apiserver/pkg/authentication): the credentials a client presents and the
 * chain that turns them into a user — client certificate (CN = user, O = groups), bearer token,
 * else the anonymous user, as kube-apiserver with `--anonymous-auth=true` (kubeadm's default).
 * Credentials that are presented but fail are a 401, never a fall-back to anonymous.
 */
import type { Status } from '../../../../shared/api/meta.js';
import { AUTHENTICATED, UNAUTHENTICATED, type UserInfo } from './user.js';

export interface Credentials {
  /** PEM text of the client certificate. */
  clientCertificate?: string;
  /** A bearer token. */
  token?: string;
}

/** One way of recognising credentials: a user, `undefined` (not mine), or a failure. */
export type AuthenticationResult = { ok: true; user: UserInfo } | { ok: false; reason: string } | undefined;

export interface CredentialAuthenticator {
  authenticate(credentials: Credentials): AuthenticationResult;
}

export const ANONYMOUS_USER: UserInfo = { username: 'system:anonymous', groups: [UNAUTHENTICATED] };

/** 401 as kube-apiserver answers it; kubectl prints `You must be logged in to the server (Unauthorized)`. */
export function unauthorized(): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 };
}

/** The union authenticator: the first authenticator that recognises the credentials decides. */
export class AuthenticatorChain {
  constructor(private readonly authenticators: readonly CredentialAuthenticator[]) {}

  authenticate(credentials: Credentials): { ok: true; user: UserInfo } | { ok: false; status: Status } {
    if (!credentials.clientCertificate && !credentials.token) return { ok: true, user: ANONYMOUS_USER };
    for (const authenticator of this.authenticators) {
      const result = authenticator.authenticate(credentials);
      if (!result) continue;
      if (!result.ok) return { ok: false, status: unauthorized() };
      const groups = result.user.groups.includes(AUTHENTICATED) ? result.user.groups : [...result.user.groups, AUTHENTICATED];
      return { ok: true, user: { ...result.user, groups } };
    }
    return { ok: false, status: unauthorized() };
  }
}
