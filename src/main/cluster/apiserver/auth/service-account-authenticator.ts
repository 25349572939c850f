/**
 * `--service-account-key-file`: bearer tokens that are service-account JWTs signed with the
 * cluster's key authenticate as `system:serviceaccount:<ns>:<name>`; other tokens are not its
 * business; a broken or stale one of its own is a 401.
 */
import type { AuthenticationResult, CredentialAuthenticator, Credentials } from './authenticator.js';
import { type TokenLookup, verifyServiceAccountToken } from './tokens.js';

export class ServiceAccountTokenAuthenticator implements CredentialAuthenticator {
  constructor(
    private readonly key: Buffer,
    private readonly now: () => number,
    private readonly lookup: TokenLookup,
  ) {}

  authenticate(credentials: Credentials): AuthenticationResult {
    if (!credentials.token) return undefined;
    const verified = verifyServiceAccountToken(credentials.token, this.key, this.now(), this.lookup);
    if (verified.ok) return { ok: true, user: verified.user };
    return verified.reason ? { ok: false, reason: verified.reason } : undefined;
  }
}
