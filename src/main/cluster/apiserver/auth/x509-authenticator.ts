/**
 * `--client-ca-file`: a client certificate signed by the cluster CA authenticates as its subject's
 * CN, with its O entries as groups.
 */
import type { SimulatedCertificateAuthority } from '../../pki/simulated-certificate.js';
import type { AuthenticationResult, CredentialAuthenticator, Credentials } from './authenticator.js';

export class X509Authenticator implements CredentialAuthenticator {
  constructor(
    private readonly ca: SimulatedCertificateAuthority,
    private readonly now: () => number,
  ) {}

  authenticate(credentials: Credentials): AuthenticationResult {
    if (!credentials.clientCertificate) return undefined;
    const verified = this.ca.verify(credentials.clientCertificate, this.now());
    if (!verified.ok) return { ok: false, reason: verified.reason };
    const { commonName, organizations } = verified.fields.subject;
    return { ok: true, user: { username: commonName, groups: [...organizations] } };
  }
}
