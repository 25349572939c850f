/**
 * CertificateSigningRequest validation with kube-apiserver 1.32's wording
 * (pkg/apis/certificates/validation, ValidateSignerName in pkg/apis/core/validation): the PEM
 * request, usages, signerName, expirationSeconds, conditions, and what each update path may change.
 *
 * Not modelled: x509 parsing and the PKCS#10 signature check. A request is accepted when its
 * first PEM block is a non-empty `CERTIFICATE REQUEST`. A changed Approved/Denied condition is
 * refused without the go-cmp diff kube-apiserver appends.
 */
import type { CertificateSigningRequest, CertificateSigningRequestCondition } from '../../../../shared/api/certificates.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { type FieldError, duplicate, forbidden, goLiteral, invalidValue, notSupported, required, tooLong } from '../errors.js';
import { DNS1123_LABEL_ERROR, DNS1123_SUBDOMAIN_ERROR, validateObjectMeta } from './validation.js';

export const LEGACY_UNKNOWN_SIGNER = 'kubernetes.io/legacy-unknown';

/** allValidUsages, listed the way sets.String.List() sorts them. */
export const VALID_USAGES: readonly string[] = [
  'signing',
  'digital signature',
  'content commitment',
  'key encipherment',
  'key agreement',
  'data encipherment',
  'cert sign',
  'crl sign',
  'encipher only',
  'decipher only',
  'any',
  'server auth',
  'client auth',
  'code signing',
  'email protection',
  's/mime',
  'ipsec end system',
  'ipsec tunnel',
  'ipsec user',
  'timestamping',
  'ocsp signing',
  'microsoft sgc',
  'netscape sgc',
].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

const TRUE_ONLY_TYPES = ['Approved', 'Denied', 'Failed'];
const ALL_STATUS_VALUES = ['False', 'True', 'Unknown'];

/** Options per update path, as getValidationOptions sets them (v1, no legacy data tolerated). */
export interface CsrValidationOptions {
  allowSettingApprovalConditions?: boolean;
  allowSettingCertificate?: boolean;
}

/** `%#v` of a []byte: `[]byte{0x2d, 0x2d}`, `[]byte{}` or `[]byte(nil)`. */
function goBytes(bytes: Buffer | undefined): string {
  if (bytes === undefined) return '[]byte(nil)';
  return `[]byte{${[...bytes].map((b) => `0x${b.toString(16)}`).join(', ')}}`;
}

/** pem.Decode's first block: its type and body bytes, or undefined when there is none. */
function firstPemBlock(text: string): { type: string; body: Buffer } | undefined {
  const match = /-----BEGIN ([^-\r\n]*)-----\r?\n([\s\S]*?)-----END \1-----/.exec(text);
  if (!match) return undefined;
  return { type: match[1] ?? '', body: Buffer.from((match[2] ?? '').replace(/\s+/g, ''), 'base64') };
}

/** certificates.ParseCSR, short of the signature check. */
function csrError(request: Buffer): string | undefined {
  const block = firstPemBlock(request.toString('latin1'));
  if (!block || block.type !== 'CERTIFICATE REQUEST') return 'PEM block type must be CERTIFICATE REQUEST';
  if (block.body.length === 0) return 'asn1: syntax error: sequence truncated';
  return undefined;
}

/** IsDNS1123Label's messages (without the field). */
function dns1123LabelErrors(label: string): string[] {
  const errors: string[] = [];
  if (label.length > 63) errors.push('must be no more than 63 characters');
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(label)) errors.push(DNS1123_LABEL_ERROR);
  return errors;
}

function dns1123SubdomainErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 253) errors.push('must be no more than 253 characters');
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(value)) errors.push(DNS1123_SUBDOMAIN_ERROR);
  return errors;
}

/** ValidateSignerName: `example.com/signer-name`, fit to be an object name. */
export function validateSignerName(field: string, signerName: string): FieldError[] {
  if (!signerName) return [required(field)];
  const segments = signerName.split('/');
  if (segments.length !== 2) return [invalidValue(field, signerName, "must be a fully qualified domain and path of the form 'example.com/signer-name'")];
  const [domain = '', path = ''] = segments;
  const errors: FieldError[] = [];
  if (domain.length > 253) errors.push(tooLong(field, 253));
  const domainLabels = domain.split('.');
  for (const label of domainLabels) {
    const problems = dns1123LabelErrors(label);
    if (problems.length === 0) continue;
    for (const problem of problems) errors.push(invalidValue(field, domain, `validating label ${JSON.stringify(label)}: ${problem}`));
    break;
  }
  if (domainLabels.length < 2) errors.push(invalidValue(field, domain, 'should be a domain with at least two segments separated by dots'));
  for (const label of path.split('.')) {
    const problems = dns1123SubdomainErrors(label);
    if (problems.length === 0) continue;
    for (const problem of problems) errors.push(invalidValue(field, path, `validating label ${JSON.stringify(label)}: ${problem}`));
    break;
  }
  const maxPath = 253 - domain.length - 1;
  if (signerName.length > maxPath) errors.push(tooLong(field, maxPath));
  return errors;
}

function validateConditions(conditions: readonly CertificateSigningRequestCondition[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  let approved = false;
  let denied = false;
  conditions.forEach((c, i) => {
    const at = `status.conditions[${i}]`;
    if (!c.type) errors.push(required(`${at}.type`));
    const allowed = TRUE_ONLY_TYPES.includes(c.type) ? ['True'] : ALL_STATUS_VALUES;
    if (!c.status) errors.push(required(`${at}.status`));
    else if (!allowed.includes(c.status)) errors.push(notSupported(`${at}.status`, c.status, allowed));
    if (c.type === 'Approved') {
      approved = true;
      if (denied) errors.push(invalidValue(`${at}.type`, c.type, 'Approved and Denied conditions are mutually exclusive'));
    } else if (c.type === 'Denied') {
      denied = true;
      if (approved) errors.push(invalidValue(`${at}.type`, c.type, 'Approved and Denied conditions are mutually exclusive'));
    }
    if (seen.has(c.type)) errors.push(duplicate(`${at}.type`, c.type));
    seen.add(c.type);
  });
  return errors;
}

/** validateCertificate: status.certificate holds CERTIFICATE PEM blocks only. */
function certificateError(certificate: Buffer): string | undefined {
  if (certificate.length === 0) return undefined;
  const blocks = [...certificate.toString('latin1').matchAll(/-----BEGIN ([^-\r\n]*)-----/g)].map((m) => m[1] ?? '');
  if (blocks.length === 0) return 'must contain at least one CERTIFICATE PEM block';
  const other = blocks.find((t) => t !== 'CERTIFICATE');
  return other === undefined ? undefined : `only CERTIFICATE PEM blocks are allowed, found ${JSON.stringify(other)}`;
}

function bytesOf(base64: string | undefined): Buffer | undefined {
  return base64 === undefined ? undefined : Buffer.from(base64, 'base64');
}

/** validateCertificateSigningRequest. */
export function validateCsr(obj: KubeObject, certificateUnchanged = false): FieldError[] {
  const csr = obj as CertificateSigningRequest;
  const spec = csr.spec ?? ({} as CertificateSigningRequest['spec']);
  // "We don't care what you call your certificate requests."
  const errors = validateObjectMeta(obj, { namespaced: false, nameRule: 'path' });
  const request = bytesOf(spec.request);
  const parseError = csrError(request ?? Buffer.alloc(0));
  if (parseError) errors.push(invalidValue('spec.request', goLiteral(goBytes(request)), parseError));
  const usages = spec.usages ?? [];
  if (usages.length === 0) errors.push(required('spec.usages'));
  usages.forEach((u, i) => {
    if (!VALID_USAGES.includes(u)) errors.push(notSupported(`spec.usages[${i}]`, u, [...VALID_USAGES]));
  });
  usages.forEach((u, i) => {
    if (usages.indexOf(u) < i) errors.push(duplicate(`spec.usages[${i}]`, u));
  });
  if (spec.signerName === LEGACY_UNKNOWN_SIGNER) {
    errors.push(invalidValue('spec.signerName', spec.signerName, 'the legacy signerName is not allowed via this API version'));
  } else {
    errors.push(...validateSignerName('spec.signerName', spec.signerName ?? ''));
  }
  if (spec.expirationSeconds !== undefined && spec.expirationSeconds !== null && spec.expirationSeconds < 600) {
    errors.push(invalidValue('spec.expirationSeconds', spec.expirationSeconds, 'may not specify a duration less than 600 seconds (10 minutes)'));
  }
  errors.push(...validateConditions(csr.status?.conditions ?? []));
  const certificate = bytesOf(csr.status?.certificate);
  const badCertificate = certificateUnchanged || !certificate ? undefined : certificateError(certificate);
  if (badCertificate) errors.push(invalidValue('status.certificate', '<certificate data>', badCertificate));
  return errors;
}

function conditionsOfType(csr: CertificateSigningRequest, type: string): CertificateSigningRequestCondition[] {
  return (csr.status?.conditions ?? []).filter((c) => c.type === type);
}

/** validateCertificateSigningRequestUpdate: the same checks, and what this update path may not change. */
export function validateCsrUpdate(obj: KubeObject, oldObj: KubeObject, options: CsrValidationOptions): FieldError[] {
  const csr = obj as CertificateSigningRequest;
  const old = oldObj as CertificateSigningRequest;
  const certificateUnchanged = (csr.status?.certificate ?? '') === (old.status?.certificate ?? '');
  const errors = validateCsr(obj, certificateUnchanged);
  for (const type of ['Approved', 'Denied', 'Failed']) {
    if (conditionsOfType(csr, type).length < conditionsOfType(old, type).length) {
      errors.push(forbidden('status.conditions', `updates may not remove a condition of type ${JSON.stringify(type)}`));
    }
  }
  if (!options.allowSettingApprovalConditions) {
    for (const type of ['Approved', 'Denied']) {
      const before = conditionsOfType(old, type);
      const after = conditionsOfType(csr, type);
      if (after.length > before.length) errors.push(forbidden('status.conditions', `updates may not add a condition of type ${JSON.stringify(type)}`));
      else if (after.length === before.length && JSON.stringify(after) !== JSON.stringify(before)) {
        errors.push(forbidden('status.conditions', `updates may not modify a condition of type ${JSON.stringify(type)}`));
      }
    }
  }
  if (!certificateUnchanged) {
    if (!options.allowSettingCertificate) errors.push(forbidden('status.certificate', 'updates may not set certificate content'));
    else if ((old.status?.certificate ?? '') !== '') errors.push(forbidden('status.certificate', 'updates may not modify existing certificate content'));
  }
  return errors;
}
