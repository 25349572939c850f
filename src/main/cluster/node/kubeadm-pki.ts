/**
 * The rest of the PKI `kubeadm init` writes on the control plane, beside the cluster CA the lab
 * already has: etcd's own CA (`etcd-ca`) with the etcd server, peer and healthcheck-client
 * certificates, the API server's serving and client certificates, the front-proxy CA and client,
 * the service-account key pair, and the kubeconfigs of the controller manager, the scheduler and
 * the super-admin. Certificates are the lab's simulated ones (`cluster/pki`); a private key names
 * the serial of its certificate, so etcdctl can tell a key from another pair (`tls: private key
 * does not match public key`). CAs live ten years, leaf certificates one year, as kubeadm's do.
 */
import type { Random } from '../../base/random.js';
import { type CertificateSubject, SimulatedCertificateAuthority, parseCertificate } from '../pki/simulated-certificate.js';

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;
const HEX = '0123456789abcdef';
const SERVER = 'TLS Web Server Authentication';
const CLIENT = 'TLS Web Client Authentication';
const KEY_HEADER = 'KubeLab simulated private key';

export interface PkiFile {
  content: string;
  mode: number;
}

export interface KubeadmPkiOptions {
  random: Random;
  /** When `kubeadm init` ran: every certificate's Not Before. */
  issuedAt: number;
  /** The cluster CA (`kubernetes`) and its certificate (`/etc/kubernetes/pki/ca.crt`). */
  clusterCa: SimulatedCertificateAuthority;
  clusterCaCertificate: string;
  /** The control-plane node. */
  node: { name: string; address: string };
  /** The API server's secure port (6443). */
  apiServerPort: number;
}

function pem(type: string, body: string): string {
  const base64 = Buffer.from(body).toString('base64');
  return `-----BEGIN ${type}-----\n${(base64.match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${type}-----\n`;
}

/** The private key paired with the certificate of `serial`. */
export function privateKeyFor(serial: string, type = 'RSA PRIVATE KEY'): string {
  return pem(type, `${KEY_HEADER}\nSerial Number: ${serial}`);
}

/** Whether `keyPem` is a private key at all, and whether it pairs with `certificatePem`. */
export function checkKeyPair(keyPem: string, certificatePem: string): 'ok' | 'no-pem' | 'mismatch' {
  const match = /-----BEGIN ([A-Z ]*PRIVATE KEY)-----([\s\S]*?)-----END \1-----/.exec(keyPem);
  if (!match) return 'no-pem';
  const text = Buffer.from((match[2] ?? '').replace(/\s+/g, ''), 'base64').toString('utf8');
  const serial = /^Serial Number: (.*)$/m.exec(text)?.[1];
  const certificate = parseCertificate(certificatePem);
  return serial !== undefined && certificate?.fields.serialNumber === serial ? 'ok' : 'mismatch';
}

export class KubeadmPki {
  readonly etcdCa: SimulatedCertificateAuthority;
  readonly frontProxyCa: SimulatedCertificateAuthority;

  constructor(private readonly options: KubeadmPkiOptions) {
    this.etcdCa = new SimulatedCertificateAuthority('etcd-ca', options.random.fork('etcd-ca-key').string(64, HEX));
    this.frontProxyCa = new SimulatedCertificateAuthority('front-proxy-ca', options.random.fork('front-proxy-ca-key').string(64, HEX));
  }

  /** Path → file, for the lab to write on the control-plane node at boot. */
  files(): Map<string, PkiFile> {
    const { node, apiServerPort } = this.options;
    const files = new Map<string, PkiFile>();
    const pair = (path: string, certificate: string): void => {
      files.set(`${path}.crt`, { content: certificate, mode: 0o644 });
      files.set(`${path}.key`, { content: privateKeyFor(parseCertificate(certificate)?.fields.serialNumber ?? ''), mode: 0o600 });
    };
    const dir = '/etc/kubernetes/pki';
    const cn = (commonName: string, organizations: string[] = []): CertificateSubject => ({ commonName, organizations });
    files.set(`${dir}/ca.key`, { content: privateKeyFor(parseCertificate(this.options.clusterCaCertificate)?.fields.serialNumber ?? ''), mode: 0o600 });
    pair(`${dir}/apiserver`, this.leaf(this.options.clusterCa, 'apiserver', cn('kube-apiserver'), [SERVER]));
    pair(`${dir}/apiserver-kubelet-client`, this.leaf(this.options.clusterCa, 'apiserver-kubelet-client', cn('kube-apiserver-kubelet-client', ['kubeadm:cluster-admins']), [CLIENT]));
    pair(`${dir}/front-proxy-ca`, this.caCertificate(this.frontProxyCa));
    pair(`${dir}/front-proxy-client`, this.leaf(this.frontProxyCa, 'front-proxy-client', cn('front-proxy-client'), [CLIENT]));
    pair(`${dir}/etcd/ca`, this.caCertificate(this.etcdCa));
    pair(`${dir}/etcd/server`, this.leaf(this.etcdCa, 'etcd-server', cn(node.name), [SERVER, CLIENT]));
    pair(`${dir}/etcd/peer`, this.leaf(this.etcdCa, 'etcd-peer', cn(node.name), [SERVER, CLIENT]));
    pair(`${dir}/etcd/healthcheck-client`, this.leaf(this.etcdCa, 'etcd-healthcheck-client', cn('kube-etcd-healthcheck-client'), [CLIENT]));
    pair(`${dir}/apiserver-etcd-client`, this.leaf(this.etcdCa, 'apiserver-etcd-client', cn('kube-apiserver-etcd-client'), [CLIENT]));
    const sa = this.options.random.fork('serial/sa').string(16, HEX);
    files.set(`${dir}/sa.key`, { content: privateKeyFor(sa), mode: 0o600 });
    files.set(`${dir}/sa.pub`, { content: pem('PUBLIC KEY', `KubeLab simulated public key\nSerial Number: ${sa}`), mode: 0o600 });
    const server = `https://${node.address}:${apiServerPort}`;
    const kubeconfig = (file: string, user: string, subject: CertificateSubject): void => {
      const certificate = this.leaf(this.options.clusterCa, file, subject, [CLIENT]);
      files.set(`/etc/kubernetes/${file}`, { content: kubeconfigText(server, user, this.options.clusterCaCertificate, certificate), mode: 0o600 });
    };
    kubeconfig('controller-manager.conf', 'system:kube-controller-manager', cn('system:kube-controller-manager'));
    kubeconfig('scheduler.conf', 'system:kube-scheduler', cn('system:kube-scheduler'));
    kubeconfig('super-admin.conf', 'kubernetes-super-admin', cn('kubernetes-super-admin', ['system:masters']));
    return files;
  }

  private caCertificate(ca: SimulatedCertificateAuthority): string {
    return ca.issue({
      serialNumber: this.options.random.fork(`serial/${ca.name}`).string(16, HEX),
      issuer: ca.name,
      notBefore: this.options.issuedAt,
      notAfter: this.options.issuedAt + 10 * YEAR_MS,
      subject: { commonName: ca.name, organizations: [] },
      usages: [],
    });
  }

  private leaf(ca: SimulatedCertificateAuthority, label: string, subject: CertificateSubject, usages: string[]): string {
    return ca.issue({
      serialNumber: this.options.random.fork(`serial/${label}`).string(16, HEX),
      issuer: ca.name,
      notBefore: this.options.issuedAt,
      notAfter: this.options.issuedAt + YEAR_MS,
      subject,
      usages,
    });
  }
}

function kubeconfigText(server: string, user: string, ca: string, certificate: string): string {
  const b64 = (text: string): string => Buffer.from(text).toString('base64');
  const serial = parseCertificate(certificate)?.fields.serialNumber ?? '';
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${b64(ca)}
    server: ${server}
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: ${user}
  name: ${user}@kubernetes
current-context: ${user}@kubernetes
kind: Config
preferences: {}
users:
- name: ${user}
  user:
    client-certificate-data: ${b64(certificate)}
    client-key-data: ${b64(privateKeyFor(serial))}
`;
}
