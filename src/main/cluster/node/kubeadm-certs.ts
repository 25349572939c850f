/**
 * `kubeadm certs check-expiration`: kubeadm reads every certificate it manages from the node's
 * disk — the PKI files and the client certificates embedded in the kubeconfig files — and prints
 * two tables (certificates, then certificate authorities) through text/tabwriter with its real
 * columns, `Jan 02, 2006 15:04 MST` dates and ShortHumanDuration residual times.
 */
import type { VirtualFs } from '../../hosts/vfs.js';
import { tabwrite } from '../../kubectl/printers/tabwriter.js';
import { parseCertificate } from '../pki/simulated-certificate.js';
import { shortHumanDuration } from './kubeadm-token.js';

const PKI = '/etc/kubernetes/pki';
const KUBEADM_TABWRITER = { minWidth: 10, padding: 3 };

interface Managed {
  name: string;
  path: string;
  kubeconfig?: boolean;
  ca: string;
}

/** What kubeadm 1.32 manages, in its order. */
const CERTIFICATES: Managed[] = [
  { name: 'admin.conf', path: '/etc/kubernetes/admin.conf', kubeconfig: true, ca: 'ca' },
  { name: 'apiserver', path: `${PKI}/apiserver.crt`, ca: 'ca' },
  { name: 'apiserver-etcd-client', path: `${PKI}/apiserver-etcd-client.crt`, ca: 'etcd-ca' },
  { name: 'apiserver-kubelet-client', path: `${PKI}/apiserver-kubelet-client.crt`, ca: 'ca' },
  { name: 'controller-manager.conf', path: '/etc/kubernetes/controller-manager.conf', kubeconfig: true, ca: 'ca' },
  { name: 'etcd-healthcheck-client', path: `${PKI}/etcd/healthcheck-client.crt`, ca: 'etcd-ca' },
  { name: 'etcd-peer', path: `${PKI}/etcd/peer.crt`, ca: 'etcd-ca' },
  { name: 'etcd-server', path: `${PKI}/etcd/server.crt`, ca: 'etcd-ca' },
  { name: 'front-proxy-client', path: `${PKI}/front-proxy-client.crt`, ca: 'front-proxy-ca' },
  { name: 'scheduler.conf', path: '/etc/kubernetes/scheduler.conf', kubeconfig: true, ca: 'ca' },
  { name: 'super-admin.conf', path: '/etc/kubernetes/super-admin.conf', kubeconfig: true, ca: 'ca' },
];

const AUTHORITIES: Array<{ name: string; path: string }> = [
  { name: 'ca', path: `${PKI}/ca.crt` },
  { name: 'etcd-ca', path: `${PKI}/etcd/ca.crt` },
  { name: 'front-proxy-ca', path: `${PKI}/front-proxy-ca.crt` },
];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's `Jan 02, 2006 15:04 MST` in UTC. */
export function kubeadmDate(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())}, ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())} UTC`;
}

/** The certificate in a PEM file, or the client certificate embedded in a kubeconfig. */
function readNotAfter(fs: VirtualFs, managed: { path: string; kubeconfig?: boolean }): number | undefined {
  if (!fs.tryStat(managed.path)?.isFile) return undefined;
  let text = fs.readFile(managed.path);
  if (managed.kubeconfig) {
    const data = /client-certificate-data:\s*(\S+)/.exec(text)?.[1];
    if (!data) return undefined;
    text = Buffer.from(data, 'base64').toString('utf8');
  }
  return parseCertificate(text)?.fields.notAfter;
}

/** The two tables, as `kubeadm certs check-expiration` prints them after its config lines. */
export function checkExpiration(fs: VirtualFs, now: number): string {
  // The CA is "externally managed" when its key is not on the node (kubeadm's external CA mode).
  const external = (ca: string): boolean => {
    const key = ca === 'ca' ? `${PKI}/ca.key` : ca === 'etcd-ca' ? `${PKI}/etcd/ca.key` : `${PKI}/front-proxy-ca.key`;
    return !fs.tryStat(key)?.isFile;
  };
  const yesNo = (b: boolean): string => (b ? 'yes' : 'no').padEnd(8);
  let certs = 'CERTIFICATE\tEXPIRES\tRESIDUAL TIME\tCERTIFICATE AUTHORITY\tEXTERNALLY MANAGED\n';
  for (const managed of CERTIFICATES) {
    const notAfter = readNotAfter(fs, managed);
    if (notAfter === undefined) certs += `!MISSING! ${managed.name}\t\t\t\t\n`;
    else certs += `${managed.name}\t${kubeadmDate(notAfter)}\t${shortHumanDuration(notAfter - now)}\t${managed.ca}\t${yesNo(external(managed.ca))}\n`;
  }
  let cas = 'CERTIFICATE AUTHORITY\tEXPIRES\tRESIDUAL TIME\tEXTERNALLY MANAGED\n';
  for (const authority of AUTHORITIES) {
    const notAfter = readNotAfter(fs, authority);
    if (notAfter === undefined) cas += `!MISSING! ${authority.name}\t\t\t\n`;
    else cas += `${authority.name}\t${kubeadmDate(notAfter)}\t${shortHumanDuration(notAfter - now)}\t${yesNo(external(authority.name))}\n`;
  }
  return `${tabwrite(certs, KUBEADM_TABWRITER)}\n${tabwrite(cas, KUBEADM_TABWRITER)}`;
}
