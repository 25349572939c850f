/** The files a fresh lab puts on its hosts: the learner's kubeconfig, ~/.bashrc and the seeds' manifest. */
import type { Random } from '../base/random.js';
import { CONTROL_PLANE_ENDPOINT } from './topology.js';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A PEM-looking blob (base64 of a PEM block), stable for a seed. Real certificates come with the HTTPS API. */
function pemData(random: Random, label: string, lines: number): string {
  const body = Array.from({ length: lines }, () => random.string(64, BASE64)).join('\n');
  return Buffer.from(`-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`).toString('base64');
}

/** kubeadm's admin kubeconfig: cluster `kubernetes`, user `kubernetes-admin` with its client certificate. */
export function adminKubeconfig(random: Random, credentials: { ca: string; clientCertificate: string }, server = CONTROL_PLANE_ENDPOINT): string {
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${Buffer.from(credentials.ca).toString('base64')}
    server: ${server}
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: kubernetes-admin
  name: kubernetes-admin@kubernetes
current-context: kubernetes-admin@kubernetes
kind: Config
preferences: {}
users:
- name: kubernetes-admin
  user:
    client-certificate-data: ${Buffer.from(credentials.clientCertificate).toString('base64')}
    client-key-data: ${pemData(random, 'RSA PRIVATE KEY', 25)}
`;
}

export const BASHRC = `# ~/.bashrc: executed by bash(1) for non-login shells.

# kubectl shortcuts, as in the CKA exam environment
alias k=kubectl
complete -o default -F __start_kubectl k
`;

/** The manifest from the seeds' bastion walkthrough. */
export const NGINX_POD_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: nginx-pod
  labels:
    app: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.25
    ports:
    - containerPort: 80
`;
