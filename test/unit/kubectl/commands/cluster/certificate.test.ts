/** `kubectl certificate approve|deny`: the condition written through the CSR's approval subresource. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CertificateSigningRequest } from '../../../../../src/shared/api/certificates.js';
import { KubectlLab } from '../../lab.js';

let lab: KubectlLab;

const REQUEST = Buffer.from('-----BEGIN CERTIFICATE REQUEST-----\nTUlJQ1ZqQ0NBVDRDQVFBd0VURVBNQTBHQTFVRUF3d0dZVzVuWld4aA==\n-----END CERTIFICATE REQUEST-----\n').toString('base64');

function csrManifest(name: string): string {
  return `apiVersion: certificates.k8s.io/v1\nkind: CertificateSigningRequest\nmetadata:\n  name: ${name}\nspec:\n  request: ${REQUEST}\n  signerName: kubernetes.io/kube-apiserver-client\n  usages:\n  - client auth\n`;
}

function csr(name: string): CertificateSigningRequest | undefined {
  const got = lab.session.lab.client('test').get<CertificateSigningRequest>({ group: 'certificates.k8s.io', version: 'v1', resource: 'certificatesigningrequests' }, undefined, name);
  return got.ok ? got.value : undefined;
}

beforeEach(async () => {
  lab = new KubectlLab();
  const setup = await lab.run(`kubectl apply -f - <<'EOF'\n${csrManifest('jane')}---\n${csrManifest('bob')}EOF`);
  expect(setup.stderr).toBe('');
});

afterEach(() => {
  lab.dispose();
});

describe('kubectl certificate', () => {
  it('approves and denies, adding kubectl\'s condition', async () => {
    expect(await lab.run('kubectl certificate approve jane')).toMatchObject({ stdout: 'certificatesigningrequest.certificates.k8s.io/jane approved\n', status: 0 });
    expect(csr('jane')?.status?.conditions?.[0]).toMatchObject({
      type: 'Approved',
      status: 'True',
      reason: 'KubectlApprove',
      message: 'This CSR was approved by kubectl certificate approve.',
    });
    expect((await lab.run('kubectl certificate deny bob')).stdout).toBe('certificatesigningrequest.certificates.k8s.io/bob denied\n');
    expect(csr('bob')?.status?.conditions?.[0]).toMatchObject({ type: 'Denied', reason: 'KubectlDeny' });
  });

  it('refuses to deny an approved request and reports missing ones, going on with the rest', async () => {
    await lab.run('kubectl certificate approve jane');
    expect(await lab.run('kubectl certificate deny jane')).toMatchObject({ stderr: 'error: certificate signing request "jane" is already Approved\n', status: 1 });
    const r = await lab.run('kubectl certificate approve nope bob');
    expect(r.output).toBe(
      '!Error from server (NotFound): certificatesigningrequests.certificates.k8s.io "nope" not found\ncertificatesigningrequest.certificates.k8s.io/bob approved\n',
    );
    expect(r.status).toBe(1);
    expect((await lab.run('kubectl certificate approve')).stderr).toBe('error: one or more CSRs must be specified as <name> or -f <filename>\n');
  });

  it('prints its help on stdout without a subcommand', async () => {
    expect((await lab.run('kubectl certificate')).stdout).toContain('  approve       Approve a certificate signing request\n');
  });
});
