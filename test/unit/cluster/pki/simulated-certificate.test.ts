/** The lab's simulated client certificates: issued by a CA, verified by its key, readable, unforgeable. */
import { describe, expect, it } from 'vitest';
import { SimulatedCertificateAuthority, parseCertificate } from '../../../../src/main/cluster/pki/simulated-certificate.js';

const ca = new SimulatedCertificateAuthority('kubernetes', 'k'.repeat(64));
const fields = {
  serialNumber: '0a1b',
  issuer: 'kubernetes',
  notBefore: Date.parse('2026-01-01T00:00:00Z'),
  notAfter: Date.parse('2027-01-01T00:00:00Z'),
  subject: { commonName: 'jane', organizations: ['dev', 'qa'] },
  usages: ['TLS Web Client Authentication'],
};

describe('SimulatedCertificateAuthority', () => {
  it('issues a PEM certificate whose body states the subject like openssl x509 -text', () => {
    const pem = ca.issue(fields);
    expect(pem.startsWith('-----BEGIN CERTIFICATE-----\n')).toBe(true);
    expect(pem.endsWith('-----END CERTIFICATE-----\n')).toBe(true);
    const body = Buffer.from(pem.split('\n').slice(1, -2).join(''), 'base64').toString('utf8');
    expect(body).toContain('Subject: O = dev, O = qa, CN = jane');
    expect(parseCertificate(pem)?.fields).toEqual(fields);
  });

  it('verifies its own certificates within their validity', () => {
    const verified = ca.verify(ca.issue(fields), Date.parse('2026-06-01T00:00:00Z'));
    expect(verified).toEqual({ ok: true, fields });
  });

  it('refuses an expired certificate, another CA\'s certificate and an edited subject', () => {
    const pem = ca.issue(fields);
    expect(ca.verify(pem, Date.parse('2027-02-01T00:00:00Z'))).toEqual({ ok: false, reason: 'x509: certificate has expired or is not yet valid' });
    const other = new SimulatedCertificateAuthority('kubernetes', 'o'.repeat(64));
    expect(other.verify(pem, fields.notBefore)).toEqual({ ok: false, reason: 'x509: certificate signed by unknown authority' });
    const body = Buffer.from(pem.split('\n').slice(1, -2).join(''), 'base64').toString('utf8');
    const forged = `-----BEGIN CERTIFICATE-----\n${Buffer.from(body.replace('CN = jane', 'CN = admin')).toString('base64')}\n-----END CERTIFICATE-----\n`;
    expect(ca.verify(forged, fields.notBefore)).toEqual({ ok: false, reason: 'x509: certificate signed by unknown authority' });
    expect(ca.verify('not a certificate', fields.notBefore)).toEqual({ ok: false, reason: 'x509: malformed certificate' });
  });
});
