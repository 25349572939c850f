/**
 * The lab's client certificates. No real X.509 is needed inside the simulation, so a certificate
 * is a PEM block whose body spells out what `openssl x509 -text` would show (serial, issuer,
 * validity, subject, usages) followed by an HMAC of those lines under the cluster CA's key. It is
 * deterministic for a seed, readable by a curious learner (`base64 -d`), and cannot be forged by
 * editing the subject: the signature stops matching and the API server answers 401.
 */
import { createHmac } from 'node:crypto';

export interface CertificateSubject {
  /** CN: the user name kube-apiserver takes from a client certificate. */
  commonName: string;
  /** O: the user's groups. */
  organizations: string[];
}

export interface CertificateFields {
  serialNumber: string;
  issuer: string;
  notBefore: number;
  notAfter: number;
  subject: CertificateSubject;
  usages: string[];
}

const HEADER = 'KubeLab simulated X.509 certificate';
const BEGIN = '-----BEGIN CERTIFICATE-----';
const END = '-----END CERTIFICATE-----';

/** A signing authority: the cluster CA (`/etc/kubernetes/pki/ca.crt`) holds the key. */
export class SimulatedCertificateAuthority {
  constructor(
    /** The CA's common name: `kubernetes` for kubeadm's cluster CA. */
    readonly name: string,
    private readonly key: string,
  ) {}

  /** Issue a certificate: PEM text. */
  issue(fields: CertificateFields): string {
    const lines = describe(fields);
    const signature = this.sign(lines);
    const body = Buffer.from([...lines, `Signature: ${signature}`].join('\n')).toString('base64');
    return `${BEGIN}\n${(body.match(/.{1,64}/g) ?? []).join('\n')}\n${END}\n`;
  }

  /** The certificate's fields when this CA signed it and it is valid at `now`; otherwise why not. */
  verify(pem: string, now: number): { ok: true; fields: CertificateFields } | { ok: false; reason: string } {
    const parsed = parseCertificate(pem);
    if (!parsed) return { ok: false, reason: 'x509: malformed certificate' };
    if (parsed.fields.issuer !== this.name || this.sign(parsed.lines) !== parsed.signature) {
      return { ok: false, reason: 'x509: certificate signed by unknown authority' };
    }
    if (now < parsed.fields.notBefore || now > parsed.fields.notAfter) {
      return { ok: false, reason: 'x509: certificate has expired or is not yet valid' };
    }
    return { ok: true, fields: parsed.fields };
  }

  private sign(lines: string[]): string {
    return createHmac('sha256', this.key).update(lines.join('\n')).digest('hex');
  }
}

/** The fields of a simulated certificate (any issuer), or undefined if it is not one. */
export function parseCertificate(pem: string): { fields: CertificateFields; lines: string[]; signature: string } | undefined {
  const match = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(pem);
  if (!match) return undefined;
  const text = Buffer.from((match[1] ?? '').replace(/\s+/g, ''), 'base64').toString('utf8');
  const all = text.split('\n');
  if (all[0] !== HEADER) return undefined;
  const signatureLine = all.at(-1) ?? '';
  if (!signatureLine.startsWith('Signature: ')) return undefined;
  const lines = all.slice(0, -1);
  const field = (name: string): string | undefined => lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
  const subject = parseDistinguishedName(field('Subject') ?? '');
  const notBefore = Date.parse(field('Not Before') ?? '');
  const notAfter = Date.parse(field('Not After') ?? '');
  const issuer = parseDistinguishedName(field('Issuer') ?? '').commonName;
  if (!subject.commonName || Number.isNaN(notBefore) || Number.isNaN(notAfter)) return undefined;
  return {
    fields: {
      serialNumber: field('Serial Number') ?? '',
      issuer,
      notBefore,
      notAfter,
      subject,
      usages: (field('Extended Key Usage') ?? '').split(', ').filter(Boolean),
    },
    lines,
    signature: signatureLine.slice('Signature: '.length),
  };
}

function describe(fields: CertificateFields): string[] {
  const subject = [...fields.subject.organizations.map((o) => `O = ${o}`), `CN = ${fields.subject.commonName}`].join(', ');
  return [
    HEADER,
    `Serial Number: ${fields.serialNumber}`,
    `Issuer: CN = ${fields.issuer}`,
    `Not Before: ${new Date(fields.notBefore).toISOString()}`,
    `Not After: ${new Date(fields.notAfter).toISOString()}`,
    `Subject: ${subject}`,
    `Extended Key Usage: ${fields.usages.join(', ')}`,
  ];
}

function parseDistinguishedName(text: string): CertificateSubject {
  const subject: CertificateSubject = { commonName: '', organizations: [] };
  for (const part of text.split(', ')) {
    const [key, ...rest] = part.split(' = ');
    const value = rest.join(' = ');
    if (key === 'CN') subject.commonName = value;
    if (key === 'O') subject.organizations.push(value);
  }
  return subject;
}
