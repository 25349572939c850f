/** certificates.k8s.io/v1 CertificateSigningRequests: requester, validation, the three update paths, printer. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CertificateSigningRequest } from '../../../../src/shared/api/certificates.js';
import type { Authorizer } from '../../../../src/main/cluster/apiserver/auth/authorizer.js';
import type { UserInfo } from '../../../../src/main/cluster/apiserver/auth/user.js';
import { certificateApprovalAdmission, certificateSigningAdmission, csrRequesterAdmission } from '../../../../src/main/cluster/apiserver/admission/csr-requester.js';
import { builtinResources } from '../../../../src/main/cluster/apiserver/registry/index.js';
import type { ApiResult } from '../../../../src/main/cluster/apiserver/types.js';
import { type TestCluster, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';

const CSRS = { group: 'certificates.k8s.io', version: 'v1', resource: 'certificatesigningrequests' };
const PEM = '-----BEGIN CERTIFICATE REQUEST-----\nMIIBVTCBvwIBADAWMRQwEgYDVQQDDAtqYW5lQGRldgAA\n-----END CERTIFICATE REQUEST-----\n';
const REQUEST = Buffer.from(PEM).toString('base64');
const CERT = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIRAA==\n-----END CERTIFICATE-----\n').toString('base64');
const SIGNER = 'kubernetes.io/kube-apiserver-client';

const JANE: UserInfo = { username: 'jane', uid: 'jane-uid', groups: ['dev', 'system:authenticated'] };
const ADMIN: UserInfo = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };

/** Everyone may use the API; only the admin may approve and sign for kubernetes.io signers (by wildcard). */
const authorizer: Authorizer = {
  authorize: (a) =>
    a.resource !== 'signers' || (a.user.username === 'kubernetes-admin' && a.name === 'kubernetes.io/*') ? { decision: 'Allow', reason: '' } : { decision: 'NoOpinion', reason: '' },
};

let cluster: TestCluster;

beforeEach(() => {
  cluster = makeCluster({
    resources: builtinResources,
    authorizer,
    admission: [csrRequesterAdmission, certificateApprovalAdmission, certificateSigningAdmission],
  });
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function csr(name: string, spec: Partial<CertificateSigningRequest['spec']> = {}): CertificateSigningRequest {
  return { apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name }, spec: { request: REQUEST, signerName: SIGNER, usages: ['client auth'], ...spec } };
}

function createAs(user: UserInfo, body: CertificateSigningRequest): ApiResult<CertificateSigningRequest> {
  return cluster.client('kubectl', user).create<CertificateSigningRequest>(CSRS, undefined, body);
}

function approval(user: UserInfo, current: CertificateSigningRequest, conditions: NonNullable<CertificateSigningRequest['status']>['conditions']): ApiResult<CertificateSigningRequest> {
  return cluster.client('kubectl', user).request<CertificateSigningRequest>({
    verb: 'update',
    ...CSRS,
    subresource: 'approval',
    name: current.metadata.name,
    body: { ...current, status: { ...current.status, conditions } },
  });
}

const APPROVED = { type: 'Approved', status: 'True', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.' };
const DENIED = { type: 'Denied', status: 'True', reason: 'KubectlDeny', message: 'This CSR was denied by kubectl certificate deny.' };

describe('CertificateSigningRequest create', () => {
  it('records who asked, whatever the client wrote, and starts with an empty status', () => {
    const created = expectOk(createAs(JANE, csr('jane', { username: 'kubernetes-admin', groups: ['system:masters'] })));
    expect(created.spec).toMatchObject({ username: 'jane', uid: 'jane-uid', groups: ['dev', 'system:authenticated'] });
    expect(created.status).toEqual({});
    const stored = JSON.parse(cluster.store.range('/registry/certificatesigningrequests/jane').kvs[0]!.value) as CertificateSigningRequest;
    expect(stored.spec.username).toBe('jane');
  });

  it.each<[string, Partial<CertificateSigningRequest['spec']>, string]>([
    ['no signerName', { signerName: '' }, 'spec.signerName: Required value'],
    ['a signerName without a path', { signerName: 'example.com' }, "spec.signerName: Invalid value: \"example.com\": must be a fully qualified domain and path of the form 'example.com/signer-name'"],
    ['a single-label signer domain', { signerName: 'example/signer' }, 'spec.signerName: Invalid value: "example": should be a domain with at least two segments separated by dots'],
    ['the legacy signer', { signerName: 'kubernetes.io/legacy-unknown' }, 'spec.signerName: Invalid value: "kubernetes.io/legacy-unknown": the legacy signerName is not allowed via this API version'],
    ['no usages', { usages: [] }, 'spec.usages: Required value'],
    ['a duplicate usage', { usages: ['client auth', 'client auth'] }, 'spec.usages[1]: Duplicate value: "client auth"'],
    [
      'an unknown usage',
      { usages: ['client'] },
      'spec.usages[0]: Unsupported value: "client": supported values: "any", "cert sign", "client auth", "code signing", "content commitment", "crl sign", "data encipherment", "decipher only", "digital signature", "email protection", "encipher only", "ipsec end system", "ipsec tunnel", "ipsec user", "key agreement", "key encipherment", "microsoft sgc", "netscape sgc", "ocsp signing", "s/mime", "server auth", "signing", "timestamping"',
    ],
    ['a duration under ten minutes', { expirationSeconds: 599 }, 'spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 600 seconds (10 minutes)'],
    ['a request that is not a CSR PEM block', { request: Buffer.from('hello').toString('base64') }, 'spec.request: Invalid value: []byte{0x68, 0x65, 0x6c, 0x6c, 0x6f}: PEM block type must be CERTIFICATE REQUEST'],
    ['an empty request', { request: '' }, 'spec.request: Invalid value: []byte{}: PEM block type must be CERTIFICATE REQUEST'],
  ])('refuses %s as kube-apiserver 1.32 does', (_name, spec, error) => {
    const status = expectStatus(createAs(JANE, csr('bad', spec)));
    expect([status.code, status.message]).toEqual([422, `CertificateSigningRequest.certificates.k8s.io "bad" is invalid: ${error}`]);
  });

  it('refuses a request that is not base64 with the codec\'s 400', () => {
    const status = expectStatus(createAs(JANE, csr('bad', { request: '!!!!' })));
    expect([status.code, status.message]).toEqual([400, 'CertificateSigningRequest in version "v1" cannot be handled as a CertificateSigningRequest: illegal base64 data at input byte 0']);
  });

  it('is cluster-scoped, stored, and known as csr', () => {
    expect(cluster.client().discovery().find((r) => r.name === 'certificatesigningrequests')).toMatchObject({
      namespaced: false,
      shortNames: ['csr'],
      subresources: ['approval', 'status'],
    });
  });
});

describe('CertificateSigningRequest updates', () => {
  it('keeps spec and status on a main-resource update (immutable but for the subresources)', () => {
    const created = expectOk(createAs(JANE, csr('jane')));
    const updated = expectOk(
      cluster.client('kubectl', ADMIN).update<CertificateSigningRequest>(CSRS, undefined, {
        ...created,
        metadata: { ...created.metadata, labels: { team: 'dev' } },
        spec: { ...created.spec, usages: ['server auth'] },
        status: { conditions: [APPROVED] },
      }),
    );
    expect(updated.metadata.labels).toEqual({ team: 'dev' });
    expect(updated.spec.usages).toEqual(['client auth']);
    expect(updated.status).toEqual({});
  });

  it('approves through /approval, stamping the condition times, and prints Approved then Approved,Issued', () => {
    const created = expectOk(createAs(JANE, csr('jane', { expirationSeconds: 86_400 })));
    cluster.clock.advance(30_000);
    const approved = expectOk(approval(ADMIN, created, [APPROVED]));
    const now = new Date(Math.floor(cluster.clock.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    expect(approved.status?.conditions).toEqual([{ ...APPROVED, lastUpdateTime: now, lastTransitionTime: now }]);
    expect(approved.spec.username).toBe('jane');
    const table = expectOk(cluster.client().getTable(CSRS, undefined, 'jane'));
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Age', 'SignerName', 'Requestor', 'RequestedDuration', 'Condition']);
    expect(table.rows[0]!.cells).toEqual(['jane', '30s', SIGNER, 'jane', '24h', 'Approved']);
    const issued = expectOk(cluster.client('kube-controller-manager', ADMIN).updateStatus<CertificateSigningRequest>(CSRS, undefined, { ...approved, status: { ...approved.status, certificate: CERT } }));
    expect(issued.status?.certificate).toBe(CERT);
    expect(expectOk(cluster.client().getTable(CSRS, undefined, 'jane')).rows[0]!.cells.slice(4)).toEqual(['24h', 'Approved,Issued']);
  });

  it('prints Pending and <none> for a new request without a duration', () => {
    expectOk(createAs(JANE, csr('jane')));
    expect(expectOk(cluster.client().getTable(CSRS, undefined, 'jane')).rows[0]!.cells.slice(2)).toEqual([SIGNER, 'jane', '<none>', 'Pending']);
  });

  it('refuses to both approve and deny, and to take an approval back', () => {
    const created = expectOk(createAs(JANE, csr('jane')));
    const approved = expectOk(approval(ADMIN, created, [APPROVED]));
    expect(expectStatus(approval(ADMIN, approved, [...(approved.status?.conditions ?? []), DENIED])).message).toBe(
      'CertificateSigningRequest.certificates.k8s.io "jane" is invalid: status.conditions[1].type: Invalid value: "Denied": Approved and Denied conditions are mutually exclusive',
    );
    expect(expectStatus(approval(ADMIN, approved, [DENIED])).message).toBe(
      'CertificateSigningRequest.certificates.k8s.io "jane" is invalid: status.conditions: Forbidden: updates may not remove a condition of type "Approved"',
    );
  });

  it('does not let /status add an approval', () => {
    const created = expectOk(createAs(JANE, csr('jane')));
    const status = expectStatus(cluster.client('kubectl', ADMIN).updateStatus(CSRS, undefined, { ...created, status: { conditions: [APPROVED] } }));
    expect(status.message).toBe('CertificateSigningRequest.certificates.k8s.io "jane" is invalid: status.conditions: Forbidden: updates may not add a condition of type "Approved"');
  });

  it('refuses a certificate that is not CERTIFICATE PEM blocks', () => {
    const created = expectOk(createAs(JANE, csr('jane')));
    const status = expectStatus(cluster.client('kubectl', ADMIN).updateStatus(CSRS, undefined, { ...created, status: { certificate: REQUEST } }));
    expect(status.message).toBe('CertificateSigningRequest.certificates.k8s.io "jane" is invalid: status.certificate: Invalid value: "<certificate data>": only CERTIFICATE PEM blocks are allowed, found "CERTIFICATE REQUEST"');
  });

  it('needs approve on the signer to approve, and sign to issue (CertificateApproval, CertificateSigning)', () => {
    const created = expectOk(createAs(JANE, csr('jane')));
    const refused = expectStatus(approval(JANE, created, [APPROVED]));
    expect([refused.code, refused.message]).toEqual([
      403,
      'certificatesigningrequests.certificates.k8s.io "jane" is forbidden: user not permitted to approve requests with signerName "kubernetes.io/kube-apiserver-client"',
    ]);
    const unsigned = expectStatus(cluster.client('kubectl', JANE).updateStatus(CSRS, undefined, { ...created, status: { certificate: CERT } }));
    expect(unsigned.message).toBe('certificatesigningrequests.certificates.k8s.io "jane" is forbidden: user not permitted to sign requests with signerName "kubernetes.io/kube-apiserver-client"');
  });
});
