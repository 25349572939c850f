/**
 * How etcdctl 3.5 reaches etcd on a kubeadm control plane: the TLS files are read from the host
 * first (a missing one is `open …: no such file or directory`, a key that is not the certificate's
 * `tls: private key does not match public key`), then each endpoint is dialled. etcd serves only
 * TLS with client-certificate auth (`--client-cert-auth=true`), so plain gRPC gets the server's
 * TLS alert instead of an HTTP/2 preface (`error reading server preface: EOF`), a CA other than
 * etcd's fails verification, and a missing or foreign client certificate is refused by the server.
 * Each failure is what gRPC's balancer reports when the 5 s command deadline passes.
 */
import type { VirtualFs } from '../../hosts/vfs.js';
import type { EtcdClient } from '../store/etcd-client.js';
import { parseCertificate } from '../pki/simulated-certificate.js';
import { checkKeyPair } from './kubeadm-pki.js';

/** What verifies etcd's certificates: kubeadm's `etcd-ca`. */
export interface EtcdCertificateAuthority {
  readonly name: string;
  verify(pem: string, now: number): { ok: true } | { ok: false; reason: string };
}

export interface TlsOptions {
  cacert?: string;
  cert?: string;
  key?: string;
  insecureTransport: boolean;
  insecureSkipVerify: boolean;
}

export interface TlsMaterial {
  /** TLS is configured at all (a CA, a certificate or a key was given). */
  configured: boolean;
  ca?: string;
  cert?: string;
  /** `--insecure-skip-tls-verify`: the server's certificate is not checked. */
  skipVerify: boolean;
}

export type Loaded<T> = { ok: true; value: T } | { ok: false; error: string };

/** Read the TLS files as clientv3's transport.TLSInfo does before any dialling. */
export function loadTls(fs: VirtualFs, resolve: (path: string) => string, options: TlsOptions): Loaded<TlsMaterial> {
  const read = (path: string): Loaded<string> => {
    const absolute = resolve(path);
    const stat = fs.tryStat(absolute);
    if (!stat) return { ok: false, error: `open ${path}: no such file or directory` };
    if (stat.isDirectory) return { ok: false, error: `read ${path}: is a directory` };
    return { ok: true, value: fs.readFile(absolute) };
  };
  let cert: string | undefined;
  if (options.cert !== undefined || options.key !== undefined) {
    if (!options.cert || !options.key) return { ok: false, error: 'KeyFile and CertFile must both be present[key: ' + (options.key ?? '') + ', cert: ' + (options.cert ?? '') + ']' };
    const certText = read(options.cert);
    if (!certText.ok) return certText;
    const keyText = read(options.key);
    if (!keyText.ok) return keyText;
    if (!parseCertificate(certText.value)) return { ok: false, error: 'tls: failed to find any PEM data in certificate input' };
    const pair = checkKeyPair(keyText.value, certText.value);
    if (pair === 'no-pem') return { ok: false, error: 'tls: failed to find any PEM data in key input' };
    if (pair === 'mismatch') return { ok: false, error: 'tls: private key does not match public key' };
    cert = certText.value;
  }
  let ca: string | undefined;
  if (options.cacert !== undefined) {
    const caText = read(options.cacert);
    if (!caText.ok) return caText;
    ca = caText.value;
  }
  return { ok: true, value: { configured: options.cacert !== undefined || cert !== undefined || options.insecureSkipVerify, ca, cert, skipVerify: options.insecureSkipVerify } };
}

export interface EtcdServer {
  /** The endpoint; undefined while etcd is not running. */
  etcd(): EtcdClient | undefined;
  /** host:port pairs etcd listens on for clients (`--listen-client-urls`). */
  readonly listenClientUrls: readonly string[];
  readonly ca?: EtcdCertificateAuthority;
  now(): number;
}

/** `https://127.0.0.1:2379` → `127.0.0.1:2379`; a bare address stays as it is. */
export function hostPort(endpoint: string): string {
  return endpoint.replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, '');
}

/**
 * Dial `endpoint`: the client when the connection would be established, else the gRPC
 * connection error's description (what follows `connection error: desc = `).
 */
export function dial(server: EtcdServer, endpoint: string, tls: TlsMaterial): { ok: true; client: EtcdClient } | { ok: false; desc: string } {
  const address = hostPort(endpoint);
  const etcd = server.etcd();
  if (!etcd || !server.listenClientUrls.some((url) => hostPort(url) === address)) {
    return { ok: false, desc: `transport: Error while dialing: dial tcp ${address}: connect: connection refused` };
  }
  const scheme = /^([a-z]+):\/\//.exec(endpoint)?.[1];
  // clientv3 uses TLS for https:// and unix+tls://, and for a bare address when TLS is configured.
  const secure = scheme === 'https' || (scheme === undefined && tls.configured);
  if (!secure) return { ok: false, desc: 'error reading server preface: EOF' };
  const caName = tls.ca ? parseCertificate(tls.ca)?.fields.subject.commonName : undefined;
  const trusted = tls.ca !== undefined && caName !== undefined && caName === (server.ca?.name ?? 'etcd-ca') && (server.ca?.verify(tls.ca, server.now()).ok ?? true);
  if (!trusted && !tls.skipVerify) return { ok: false, desc: 'transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority' };
  // TLS 1.3: the client's handshake completes first; the server's alert arrives with the preface.
  if (!tls.cert) return { ok: false, desc: 'error reading server preface: remote error: tls: certificate required' };
  const issuer = parseCertificate(tls.cert)?.fields.issuer;
  const accepted = issuer === (server.ca?.name ?? 'etcd-ca') && (server.ca?.verify(tls.cert, server.now()).ok ?? true);
  if (!accepted) return { ok: false, desc: 'error reading server preface: remote error: tls: bad certificate' };
  return { ok: true, client: etcd };
}
