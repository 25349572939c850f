/**
 * The files a kubeadm node's kubelet starts from, as the kubelet package (kubelet.service and its
 * 10-kubeadm.conf drop-in) and `kubeadm init`/`join` (config.yaml, kubeadm-flags.env,
 * kubelet.conf) leave them on Kubernetes 1.32, plus containerd's unit and crictl's config.
 */
import type { VirtualFs } from '../../hosts/vfs.js';

export const KUBELET_UNIT_PATH = '/usr/lib/systemd/system/kubelet.service';
export const KUBELET_DROP_IN_DIR = '/usr/lib/systemd/system/kubelet.service.d';
export const KUBELET_DROP_IN_PATH = `${KUBELET_DROP_IN_DIR}/10-kubeadm.conf`;
export const CONTAINERD_UNIT_PATH = '/usr/lib/systemd/system/containerd.service';
export const KUBELET_CONFIG_PATH = '/var/lib/kubelet/config.yaml';
export const CONTAINERD_SOCKET = '/run/containerd/containerd.sock';

export const KUBELET_SERVICE = `[Unit]
Description=kubelet: The Kubernetes Node Agent
Documentation=https://kubernetes.io/docs/
Wants=network-online.target
After=network-online.target

[Service]
ExecStart=/usr/bin/kubelet
Restart=always
StartLimitInterval=0
RestartSec=10

[Install]
WantedBy=multi-user.target
`;

export const KUBEADM_DROP_IN = `# Note: This dropin only works with kubeadm and kubelet v1.11+
[Service]
Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
# This is a file that "kubeadm init" and "kubeadm join" generates at runtime, populating the KUBELET_KUBEADM_ARGS variable dynamically
EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
# This is a file that the user can create to override the kubelet args as a last resort. Preferably, the user should use
# the .NodeRegistration.KubeletExtraArgs object in the configuration files instead. KUBELET_EXTRA_ARGS should be sourced from this file.
EnvironmentFile=-/etc/default/kubelet
ExecStart=
ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS
`;

export const CONTAINERD_SERVICE = `# Copyright The containerd Authors.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.

[Unit]
Description=containerd container runtime
Documentation=https://containerd.io
After=network.target local-fs.target

[Service]
ExecStartPre=-/sbin/modprobe overlay
ExecStart=/usr/bin/containerd

Type=notify
Delegate=yes
KillMode=process
Restart=always
RestartSec=5

# Having non-zero Limit*s causes performance problems due to accounting overhead
# in the kernel. We recommend using cgroups to do container-local accounting.
LimitNPROC=infinity
LimitCORE=infinity

# Comment TasksMax if your systemd version does not supports it.
# Only systemd 226 and above support this version.
TasksMax=infinity
OOMScoreAdjust=-999

[Install]
WantedBy=multi-user.target
`;

/** kubeadm's KubeletConfiguration for 1.32 (`kubeadm init` writes it with the cluster's DNS). */
export function kubeletConfigYaml(clusterDNS: string, clusterDomain: string): string {
  return `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
  webhook:
    cacheAuthorizedTTL: 0s
    cacheUnauthorizedTTL: 0s
cgroupDriver: systemd
clusterDNS:
- ${clusterDNS}
clusterDomain: ${clusterDomain}
containerRuntimeEndpoint: ""
cpuManagerReconcilePeriod: 0s
crashLoopBackOff: {}
evictionPressureTransitionPeriod: 0s
fileCheckFrequency: 0s
healthzBindAddress: 127.0.0.1
healthzPort: 10248
httpCheckFrequency: 0s
imageMaximumGCAge: 0s
imageMinimumGCAge: 0s
kind: KubeletConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
memorySwap: {}
nodeStatusReportFrequency: 0s
nodeStatusUpdateFrequency: 0s
resolvConf: /run/systemd/resolve/resolv.conf
rotateCertificates: true
runtimeRequestTimeout: 0s
shutdownGracePeriod: 0s
shutdownGracePeriodCriticalPods: 0s
staticPodPath: /etc/kubernetes/manifests
streamingConnectionIdleTimeout: 0s
syncFrequency: 0s
volumeStatsAggIdlePeriod: 0s
`;
}

export const KUBEADM_FLAGS_ENV = `KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10"
`;

/** The kubelet's kubeconfig after TLS bootstrap: the rotated client certificate, by path. */
export function kubeletKubeconfig(server: string, caData: string): string {
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${caData}
    server: ${server}
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: system:node:NODE
  name: system:node:NODE@kubernetes
current-context: system:node:NODE@kubernetes
kind: Config
preferences: {}
users:
- name: system:node:NODE
  user:
    client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem
    client-key: /var/lib/kubelet/pki/kubelet-client-current.pem
`;
}

export const CRICTL_YAML = `runtime-endpoint: unix:///run/containerd/containerd.sock
image-endpoint: unix:///run/containerd/containerd.sock
timeout: 10
debug: false
`;

/** Write the kubelet's and containerd's files onto a node's filesystem (kubeadm init/join). */
export function writeNodeFiles(fs: VirtualFs, options: { node: string; server: string; caCertificate: string; clusterDNS: string; clusterDomain: string }): void {
  for (const dir of [KUBELET_DROP_IN_DIR, '/var/lib/kubelet/pki', '/etc/kubernetes', '/usr/bin', '/etc/default']) fs.mkdir(dir, { parents: true });
  fs.writeFile(KUBELET_UNIT_PATH, KUBELET_SERVICE, 0o644);
  fs.writeFile(KUBELET_DROP_IN_PATH, KUBEADM_DROP_IN, 0o644);
  fs.writeFile(CONTAINERD_UNIT_PATH, CONTAINERD_SERVICE, 0o644);
  fs.writeFile(KUBELET_CONFIG_PATH, kubeletConfigYaml(options.clusterDNS, options.clusterDomain), 0o644);
  fs.writeFile('/var/lib/kubelet/kubeadm-flags.env', KUBEADM_FLAGS_ENV, 0o644);
  const caData = Buffer.from(options.caCertificate).toString('base64');
  fs.writeFile('/etc/kubernetes/kubelet.conf', kubeletKubeconfig(options.server, caData).replaceAll('NODE', options.node), 0o600);
  fs.writeFile('/var/lib/kubelet/pki/kubelet-client-current.pem', `-----BEGIN CERTIFICATE-----\n(system:node:${options.node})\n-----END CERTIFICATE-----\n`, 0o600);
  fs.mkdir('/etc/kubernetes/pki', { parents: true });
  if (!fs.exists('/etc/kubernetes/pki/ca.crt')) fs.writeFile('/etc/kubernetes/pki/ca.crt', options.caCertificate, 0o644);
  // The binaries are stand-ins: their presence is what systemd checks before it execs them.
  for (const binary of ['kubelet', 'containerd', 'crictl', 'kubeadm']) fs.writeFile(`/usr/bin/${binary}`, '\x7fELF (simulated)\n', 0o755);
  fs.writeFile('/etc/crictl.yaml', CRICTL_YAML, 0o644);
}
