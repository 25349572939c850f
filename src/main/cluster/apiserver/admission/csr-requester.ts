/**
 * Admission for CertificateSigningRequests:
 *
 * * `CertificateSigningRequestRequester` stands in for the CSR registry's PrepareForCreate, which
 *   in kube-apiserver reads the request's user: whatever the client wrote in spec.username, uid,
 *   groups and extra is replaced by who is asking. (The lab's strategy hooks do not see the user.)
 * * `CertificateApproval` and `CertificateSigning` (kube-apiserver's plugins of those names):
 *   writing the Approved/Denied conditions through `/approval` needs `approve`, and setting
 *   status.certificate through `/status` needs `sign`, on `signers` in certificates.k8s.io for the
 *   request's signerName (or `<domain>/*`).
 */
import type { CertificateSigningRequest } from '../../../../shared/api/certificates.js';
import { forbiddenWith } from '../errors.js';
import type { UserInfo } from '../auth/user.js';
import type { StrategyContext } from '../registry/resource.js';
import type { AdmissionAttributes, AdmissionPlugin } from './admission.js';

const GROUP = 'certificates.k8s.io';
const RESOURCE = 'certificatesigningrequests';

function isCsr(attributes: AdmissionAttributes): boolean {
  return attributes.resource.group === GROUP && attributes.resource.plural === RESOURCE;
}

export const csrRequesterAdmission: AdmissionPlugin = {
  name: 'CertificateSigningRequestRequester',
  admit(attributes) {
    if (!isCsr(attributes) || attributes.operation !== 'CREATE' || !attributes.object) return undefined;
    const csr = attributes.object as CertificateSigningRequest;
    const spec = (csr.spec ??= {} as CertificateSigningRequest['spec']);
    delete spec.username;
    delete spec.uid;
    delete spec.groups;
    delete spec.extra;
    const user = attributes.user;
    if (user.username) spec.username = user.username;
    if (user.uid) spec.uid = user.uid;
    if (user.groups.length > 0) spec.groups = [...user.groups];
    if (user.extra && Object.keys(user.extra).length > 0) spec.extra = structuredClone(user.extra);
    return undefined;
  },
};

/** certificates.IsAuthorizedForSignerName: the signer by name, then its domain's wildcard. */
function authorizedForSigner(ctx: StrategyContext, user: UserInfo, verb: string, signerName: string): boolean {
  const ask = (name: string): boolean =>
    ctx.authorize({ user, verb, resourceRequest: true, apiGroup: GROUP, apiVersion: '*', resource: 'signers', name }).decision === 'Allow';
  if (ask(signerName)) return true;
  const slash = signerName.indexOf('/');
  return slash >= 0 && ask(`${signerName.slice(0, slash)}/*`);
}

export const certificateApprovalAdmission: AdmissionPlugin = {
  name: 'CertificateApproval',
  validate(attributes, ctx) {
    if (!isCsr(attributes) || attributes.subresource !== 'approval' || attributes.operation !== 'UPDATE' || !attributes.object) return undefined;
    const signerName = (attributes.object as CertificateSigningRequest).spec?.signerName ?? '';
    if (authorizedForSigner(ctx, attributes.user, 'approve', signerName)) return undefined;
    return forbiddenWith({ group: GROUP, resource: RESOURCE }, attributes.name, `user not permitted to approve requests with signerName ${JSON.stringify(signerName)}`);
  },
};

export const certificateSigningAdmission: AdmissionPlugin = {
  name: 'CertificateSigning',
  validate(attributes, ctx) {
    if (!isCsr(attributes) || attributes.subresource !== 'status' || attributes.operation !== 'UPDATE' || !attributes.object) return undefined;
    const csr = attributes.object as CertificateSigningRequest;
    const old = attributes.oldObject as CertificateSigningRequest | undefined;
    // Only a change of the certificate is signing.
    if ((csr.status?.certificate ?? '') === (old?.status?.certificate ?? '')) return undefined;
    const signerName = csr.spec?.signerName ?? '';
    if (authorizedForSigner(ctx, attributes.user, 'sign', signerName)) return undefined;
    return forbiddenWith({ group: GROUP, resource: RESOURCE }, attributes.name, `user not permitted to sign requests with signerName ${JSON.stringify(signerName)}`);
  },
};
