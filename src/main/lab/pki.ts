/**
 * The cluster's PKI as kubeadm sets it up: a CA named `kubernetes` (ten years) and client
 * certificates signed by it (one year) — the admin's (`kubernetes-admin` in `kubeadm:cluster-admins`)
 * to start with. The CA key comes from the lab's seed, so the same seed gives the same files.
 */
import type { Random } from '../base/random.js';
import { type CertificateSubject, SimulatedCertificateAuthority } from '../cluster/pki/simulated-certificate.js';

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;
const HEX = '0123456789abcdef';

export class LabPki {
  readonly ca: SimulatedCertificateAuthority;

  constructor(
    private readonly random: Random,
    /** When `kubeadm init` ran: the certificates' Not Before. */
    private readonly issuedAt: number,
  ) {
    this.ca = new SimulatedCertificateAuthority('kubernetes', random.fork('ca-key').string(64, HEX));
  }

  /** The CA's own certificate (`/etc/kubernetes/pki/ca.crt`): self-signed, ten years. */
  caCertificate(): string {
    return this.ca.issue({
      serialNumber: this.random.fork('serial/ca').string(16, HEX),
      issuer: this.ca.name,
      notBefore: this.issuedAt,
      notAfter: this.issuedAt + 10 * YEAR_MS,
      subject: { commonName: this.ca.name, organizations: [] },
      usages: [],
    });
  }

  /** A client certificate (PEM) for `subject`, valid for a year from `kubeadm init`. */
  clientCertificate(subject: CertificateSubject, label = subject.commonName): string {
    return this.ca.issue({
      serialNumber: this.random.fork(`serial/${label}`).string(16, HEX),
      issuer: this.ca.name,
      notBefore: this.issuedAt,
      notAfter: this.issuedAt + YEAR_MS,
      subject,
      usages: ['TLS Web Client Authentication'],
    });
  }

  /** admin.conf's user. */
  adminCertificate(): string {
    return this.clientCertificate({ commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'] });
  }
}
