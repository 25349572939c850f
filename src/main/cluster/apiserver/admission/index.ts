/**
 * The admission chain kube-apiserver 1.32 enables by default, in its order. DefaultTolerationSeconds
 * has no plugin here: the Pod registry's PrepareForCreate adds the two 300s NoExecute tolerations.
 * CertificateApproval and CertificateSigning sit where 1.32 puts them; the others
 * (TaintNodesByCondition, PersistentVolumeClaimResize, RuntimeClass, CertificateSubjectRestriction,
 * ClusterTrustBundleAttest, the webhooks and ValidatingAdmissionPolicy) are not modelled.
 *
 * Two entries are not admission plugins in kube-apiserver but registry-storage steps that need the
 * requesting user, which the lab's strategies never see: the CSR requester fields (PrepareForCreate)
 * and RBAC's escalation check (after mutating admission, before validation — the last mutating step).
 */
import type { AdmissionPlugin } from './admission.js';
import { certificateApprovalAdmission, certificateSigningAdmission, csrRequesterAdmission } from './csr-requester.js';
import { defaultIngressClass } from './default-ingress-class.js';
import { defaultStorageClass } from './default-storage-class.js';
import { limitRanger } from './limit-ranger.js';
import { namespaceLifecycle } from './namespace-lifecycle.js';
import { nodeRestriction } from './node-restriction.js';
import { priority } from './priority.js';
import { RbacEscalationAdmission } from './rbac-escalation.js';
import { resourceQuota } from './resource-quota.js';
import { type ServiceAccountAdmissionOptions, serviceAccountAdmission } from './service-account.js';
import { storageObjectInUseProtection } from './storage-object-in-use-protection.js';

export function defaultAdmissionPlugins(options: { serviceAccount?: ServiceAccountAdmissionOptions } = {}): AdmissionPlugin[] {
  return [
    namespaceLifecycle,
    limitRanger,
    serviceAccountAdmission(options.serviceAccount),
    nodeRestriction,
    priority,
    defaultStorageClass,
    storageObjectInUseProtection,
    certificateApprovalAdmission,
    certificateSigningAdmission,
    defaultIngressClass,
    resourceQuota,
    csrRequesterAdmission,
    new RbacEscalationAdmission(),
  ];
}
