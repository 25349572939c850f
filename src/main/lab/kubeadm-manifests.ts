/**
 * The static Pod manifests `kubeadm init` writes to /etc/kubernetes/manifests on the control-plane
 * node (Kubernetes 1.32 defaults, with this lab's addresses). The control-plane kubelet runs them
 * and mirrors them into kube-system, exactly as on a kubeadm cluster.
 */
import { CLUSTER } from './topology.js';

export const K8S_VERSION = 'v1.32.4';
const ETCD_IMAGE = 'registry.k8s.io/etcd:3.5.16-0';

function probe(path: string, port: number, host: string, scheme: 'HTTP' | 'HTTPS', initialDelay = 10, failureThreshold = 8): string {
  return `      failureThreshold: ${failureThreshold}
      httpGet:
        host: ${host}
        path: ${path}
        port: ${port}
        scheme: ${scheme}
      initialDelaySeconds: ${initialDelay}
      periodSeconds: 10
      timeoutSeconds: 15`;
}

function hostPathVolumes(volumes: Array<{ name: string; path: string; type: string; mountPath?: string; readOnly?: boolean }>): { mounts: string; volumes: string } {
  const mounts = volumes
    .map((v) => `    - mountPath: ${v.mountPath ?? v.path}\n      name: ${v.name}${v.readOnly ? '\n      readOnly: true' : ''}`)
    .join('\n');
  const vols = volumes.map((v) => `  - hostPath:\n      path: ${v.path}\n      type: ${v.type}\n    name: ${v.name}`).join('\n');
  return { mounts, volumes: vols };
}

/** What every control-plane static Pod ends with: host network, critical priority, its hostPaths. */
function podTail(volumes: string): string {
  return `  hostNetwork: true
  priority: 2000001000
  priorityClassName: system-node-critical
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  volumes:
${volumes}
status: {}
`;
}

export function etcdManifest(name: string, ip: string): string {
  const v = hostPathVolumes([
    { name: 'etcd-certs', path: '/etc/kubernetes/pki/etcd', type: 'DirectoryOrCreate' },
    { name: 'etcd-data', path: '/var/lib/etcd', type: 'DirectoryOrCreate' },
  ]);
  return `apiVersion: v1
kind: Pod
metadata:
  annotations:
    kubeadm.kubernetes.io/etcd.advertise-client-urls: https://${ip}:2379
  labels:
    component: etcd
    tier: control-plane
  name: etcd
  namespace: kube-system
spec:
  containers:
  - command:
    - etcd
    - --advertise-client-urls=https://${ip}:2379
    - --cert-file=/etc/kubernetes/pki/etcd/server.crt
    - --client-cert-auth=true
    - --data-dir=/var/lib/etcd
    - --experimental-initial-corrupt-check=true
    - --experimental-watch-progress-notify-interval=5s
    - --initial-advertise-peer-urls=https://${ip}:2380
    - --initial-cluster=${name}=https://${ip}:2380
    - --key-file=/etc/kubernetes/pki/etcd/server.key
    - --listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379
    - --listen-metrics-urls=http://127.0.0.1:2381
    - --listen-peer-urls=https://${ip}:2380
    - --name=${name}
    - --peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt
    - --peer-client-cert-auth=true
    - --peer-key-file=/etc/kubernetes/pki/etcd/peer.key
    - --peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt
    - --snapshot-count=10000
    - --trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt
    image: ${ETCD_IMAGE}
    imagePullPolicy: IfNotPresent
    livenessProbe:
${probe('/livez', 2381, '127.0.0.1', 'HTTP')}
    name: etcd
    readinessProbe:
${probe('/readyz', 2381, '127.0.0.1', 'HTTP', 0, 3).replace('      initialDelaySeconds: 0\n', '')}
    resources:
      requests:
        cpu: 100m
        memory: 100Mi
    startupProbe:
${probe('/readyz', 2381, '127.0.0.1', 'HTTP', 10, 24)}
    volumeMounts:
${v.mounts}
${podTail(v.volumes)}`;
}

export function apiServerManifest(ip: string): string {
  const v = hostPathVolumes([
    { name: 'ca-certs', path: '/etc/ssl/certs', type: 'DirectoryOrCreate', readOnly: true },
    { name: 'etc-ca-certificates', path: '/etc/ca-certificates', type: 'DirectoryOrCreate', readOnly: true },
    { name: 'k8s-certs', path: '/etc/kubernetes/pki', type: 'DirectoryOrCreate', readOnly: true },
    { name: 'usr-local-share-ca-certificates', path: '/usr/local/share/ca-certificates', type: 'DirectoryOrCreate', readOnly: true },
    { name: 'usr-share-ca-certificates', path: '/usr/share/ca-certificates', type: 'DirectoryOrCreate', readOnly: true },
  ]);
  return `apiVersion: v1
kind: Pod
metadata:
  annotations:
    kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint: ${ip}:${CLUSTER.apiServerPort}
  labels:
    component: kube-apiserver
    tier: control-plane
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-apiserver
    - --advertise-address=${ip}
    - --allow-privileged=true
    - --authorization-mode=Node,RBAC
    - --client-ca-file=/etc/kubernetes/pki/ca.crt
    - --enable-admission-plugins=NodeRestriction
    - --enable-bootstrap-token-auth=true
    - --etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt
    - --etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt
    - --etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key
    - --etcd-servers=https://127.0.0.1:2379
    - --kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt
    - --kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key
    - --kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname
    - --proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt
    - --proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key
    - --requestheader-allowed-names=front-proxy-client
    - --requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt
    - --requestheader-extra-headers-prefix=X-Remote-Extra-
    - --requestheader-group-headers=X-Remote-Group
    - --requestheader-username-headers=X-Remote-User
    - --secure-port=${CLUSTER.apiServerPort}
    - --service-account-issuer=https://kubernetes.default.svc.${CLUSTER.domain}
    - --service-account-key-file=/etc/kubernetes/pki/sa.pub
    - --service-account-signing-key-file=/etc/kubernetes/pki/sa.key
    - --service-cluster-ip-range=${CLUSTER.serviceCIDR}
    - --tls-cert-file=/etc/kubernetes/pki/apiserver.crt
    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key
    image: registry.k8s.io/kube-apiserver:${K8S_VERSION}
    imagePullPolicy: IfNotPresent
    livenessProbe:
${probe('/livez', CLUSTER.apiServerPort, ip, 'HTTPS')}
    name: kube-apiserver
    readinessProbe:
      failureThreshold: 3
      httpGet:
        host: ${ip}
        path: /readyz
        port: ${CLUSTER.apiServerPort}
        scheme: HTTPS
      periodSeconds: 1
      timeoutSeconds: 15
    resources:
      requests:
        cpu: 250m
    startupProbe:
${probe('/livez', CLUSTER.apiServerPort, ip, 'HTTPS', 10, 24)}
    volumeMounts:
${v.mounts}
${podTail(v.volumes)}`;
}

export function controllerManagerManifest(): string {
  const v = hostPathVolumes([
    { name: 'ca-certs', path: '/etc/ssl/certs', type: 'DirectoryOrCreate', readOnly: true },
    { name: 'etc-ca-certificates', path: '/etc/ca-certificates', type: 'DirectoryOrCreate', readOnly: true },
    { name: 'flexvolume-dir', path: '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', type: 'DirectoryOrCreate' },
    { name: 'k8s-certs', path: '/etc/kubernetes/pki', type: 'DirectoryOrCreate', readOnly: true },
    { name: 'kubeconfig', path: '/etc/kubernetes/controller-manager.conf', type: 'FileOrCreate', readOnly: true },
    { name: 'usr-local-share-ca-certificates', path: '/usr/local/share/ca-certificates', type: 'DirectoryOrCreate', readOnly: true },
    { name: 'usr-share-ca-certificates', path: '/usr/share/ca-certificates', type: 'DirectoryOrCreate', readOnly: true },
  ]);
  return `apiVersion: v1
kind: Pod
metadata:
  labels:
    component: kube-controller-manager
    tier: control-plane
  name: kube-controller-manager
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-controller-manager
    - --allocate-node-cidrs=true
    - --authentication-kubeconfig=/etc/kubernetes/controller-manager.conf
    - --authorization-kubeconfig=/etc/kubernetes/controller-manager.conf
    - --bind-address=127.0.0.1
    - --client-ca-file=/etc/kubernetes/pki/ca.crt
    - --cluster-cidr=${CLUSTER.podCIDR}
    - --cluster-name=kubernetes
    - --cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt
    - --cluster-signing-key-file=/etc/kubernetes/pki/ca.key
    - --controllers=*,bootstrapsigner,tokencleaner
    - --kubeconfig=/etc/kubernetes/controller-manager.conf
    - --leader-elect=true
    - --requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt
    - --root-ca-file=/etc/kubernetes/pki/ca.crt
    - --service-account-private-key-file=/etc/kubernetes/pki/sa.key
    - --service-cluster-ip-range=${CLUSTER.serviceCIDR}
    - --use-service-account-credentials=true
    image: registry.k8s.io/kube-controller-manager:${K8S_VERSION}
    imagePullPolicy: IfNotPresent
    livenessProbe:
${probe('/healthz', 10257, '127.0.0.1', 'HTTPS')}
    name: kube-controller-manager
    resources:
      requests:
        cpu: 200m
    startupProbe:
${probe('/healthz', 10257, '127.0.0.1', 'HTTPS', 10, 24)}
    volumeMounts:
${v.mounts}
${podTail(v.volumes)}`;
}

export function schedulerManifest(): string {
  const v = hostPathVolumes([{ name: 'kubeconfig', path: '/etc/kubernetes/scheduler.conf', type: 'FileOrCreate', readOnly: true }]);
  return `apiVersion: v1
kind: Pod
metadata:
  labels:
    component: kube-scheduler
    tier: control-plane
  name: kube-scheduler
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-scheduler
    - --authentication-kubeconfig=/etc/kubernetes/scheduler.conf
    - --authorization-kubeconfig=/etc/kubernetes/scheduler.conf
    - --bind-address=127.0.0.1
    - --kubeconfig=/etc/kubernetes/scheduler.conf
    - --leader-elect=true
    image: registry.k8s.io/kube-scheduler:${K8S_VERSION}
    imagePullPolicy: IfNotPresent
    livenessProbe:
${probe('/healthz', 10259, '127.0.0.1', 'HTTPS')}
    name: kube-scheduler
    resources:
      requests:
        cpu: 100m
    startupProbe:
${probe('/healthz', 10259, '127.0.0.1', 'HTTPS', 10, 24)}
    volumeMounts:
${v.mounts}
${podTail(v.volumes)}`;
}

export const CONTROL_PLANE_IMAGES = [
  ETCD_IMAGE,
  `registry.k8s.io/kube-apiserver:${K8S_VERSION}`,
  `registry.k8s.io/kube-controller-manager:${K8S_VERSION}`,
  `registry.k8s.io/kube-scheduler:${K8S_VERSION}`,
];

/** File name → content, as kubeadm writes them. */
export function controlPlaneManifests(nodeName: string, ip: string): Record<string, string> {
  return {
    'etcd.yaml': etcdManifest(nodeName, ip),
    'kube-apiserver.yaml': apiServerManifest(ip),
    'kube-controller-manager.yaml': controllerManagerManifest(),
    'kube-scheduler.yaml': schedulerManifest(),
  };
}
