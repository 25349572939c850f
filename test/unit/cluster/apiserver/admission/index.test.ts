/**
 * The default admission chain: kube-apiserver 1.32's plugin order, ResourceQuota last among the
 * real plugins; then the two registry-storage steps that need the requesting user.
 */
import { describe, expect, it } from 'vitest';
import { defaultAdmissionPlugins } from '../../../../../src/main/cluster/apiserver/admission/index.js';

describe('defaultAdmissionPlugins', () => {
  it('lists the plugins in kube-apiserver 1.32 order', () => {
    expect(defaultAdmissionPlugins().map((p) => p.name)).toEqual([
      'NamespaceLifecycle',
      'LimitRanger',
      'ServiceAccount',
      'NodeRestriction',
      'Priority',
      'DefaultStorageClass',
      'StorageObjectInUseProtection',
      'CertificateApproval',
      'CertificateSigning',
      'DefaultIngressClass',
      'ResourceQuota',
      'CertificateSigningRequestRequester',
      'RBACEscalation',
    ]);
  });

  it('returns a fresh list each time, so a caller may extend it', () => {
    const a = defaultAdmissionPlugins();
    a.pop();
    expect(defaultAdmissionPlugins()).toHaveLength(13);
  });
});
