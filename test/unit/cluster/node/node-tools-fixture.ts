/**
 * A control-plane node for the etcdctl / kubeadm tests: the real in-memory API server and store
 * (makeCluster), a node filesystem with kubeadm's PKI, admin.conf and static Pod manifests, and
 * a runner that calls a command handler with a CommandContext and collects what it prints.
 */
import { SeededRandom } from '../../../../src/main/base/random.js';
import { SimulatedCertificateAuthority } from '../../../../src/main/cluster/pki/simulated-certificate.js';
import { encodeSnapshot, statusOfSnapshot } from '../../../../src/main/cluster/store/snapshot-file.js';
import type { EtcdClient } from '../../../../src/main/cluster/store/etcd-client.js';
import { createEtcdctlCommand, createEtcdutlCommand, type EtcdctlDeps } from '../../../../src/main/cluster/node/etcdctl.js';
import type { SnapshotCodec } from '../../../../src/main/cluster/node/etcdctl-snapshot.js';
import { createKubeadmCommand, type KubeadmDeps } from '../../../../src/main/cluster/node/kubeadm-command.js';
import { KubeadmPki } from '../../../../src/main/cluster/node/kubeadm-pki.js';
import { VirtualFs, resolvePath } from '../../../../src/main/hosts/vfs.js';
import { controlPlaneManifests } from '../../../../src/main/lab/kubeadm-manifests.js';
import type { CommandContext, CommandHandler } from '../../../../src/main/shell/types.js';
import { type TestCluster, makeCluster } from '../../helpers/cluster.js';

export const NODE = { name: 'controlplane', address: '192.168.200.10' };
/** 2024-01-01T00:00:00Z: kubeadm init ran here. */
export const BOOT = Date.UTC(2024, 0, 1);

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface NodeFixture {
  cluster: TestCluster;
  fs: VirtualFs;
  pki: KubeadmPki;
  /** Whether etcd is up (its Pod running). */
  etcdUp: boolean;
  /** Simulated time slept by the command (the etcdctl deadline). */
  slept: number;
  etcdctl: CommandHandler;
  etcdutl: CommandHandler;
  kubeadm: CommandHandler;
  run(handler: CommandHandler, argv: string[], options?: { env?: Record<string, string>; cwd?: string; stdin?: string; interactive?: boolean }): Promise<RunResult>;
  dispose(): void;
}

export const codec: SnapshotCodec = {
  encode: (etcd: EtcdClient) => encodeSnapshot(etcd),
  status: (bytes) => statusOfSnapshot(bytes),
};

export function makeNodeFixture(options: { kubeadm?: Partial<KubeadmDeps> } = {}): NodeFixture {
  const cluster = makeCluster({ start: BOOT + 10 * 60 * 1000 });
  const fs = new VirtualFs({ now: () => cluster.clock.now() });
  const random = new SeededRandom(7);
  const clusterCa = new SimulatedCertificateAuthority('kubernetes', 'test-ca-key');
  const ten = 10 * 365 * 24 * 60 * 60 * 1000;
  const caCertificate = clusterCa.issue({ serialNumber: '01', issuer: 'kubernetes', notBefore: BOOT, notAfter: BOOT + ten, subject: { commonName: 'kubernetes', organizations: [] }, usages: [] });
  const adminCertificate = clusterCa.issue({
    serialNumber: '02',
    issuer: 'kubernetes',
    notBefore: BOOT,
    notAfter: BOOT + ten / 10,
    subject: { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'] },
    usages: ['TLS Web Client Authentication'],
  });
  const pki = new KubeadmPki({ random: random.fork('pki'), issuedAt: BOOT, clusterCa, clusterCaCertificate: caCertificate, node: NODE, apiServerPort: 6443 });
  fs.mkdir('/etc/kubernetes/pki/etcd', { parents: true });
  fs.mkdir('/etc/kubernetes/manifests', { parents: true });
  fs.mkdir('/root', { parents: true });
  fs.mkdir('/tmp', { parents: true });
  fs.mkdir('/var/lib', { parents: true });
  fs.writeFile('/etc/kubernetes/pki/ca.crt', caCertificate);
  fs.writeFile('/etc/kubernetes/admin.conf', `apiVersion: v1\nkind: Config\nusers:\n- name: kubernetes-admin\n  user:\n    client-certificate-data: ${Buffer.from(adminCertificate).toString('base64')}\n`, 0o600);
  for (const [path, file] of pki.files()) fs.writeFile(path, file.content, file.mode);
  for (const [file, content] of Object.entries(controlPlaneManifests(NODE.name, NODE.address))) fs.writeFile(`/etc/kubernetes/manifests/${file}`, content, 0o600);

  const fixture: NodeFixture = {
    cluster,
    fs,
    pki,
    etcdUp: true,
    slept: 0,
    etcdctl: undefined as unknown as CommandHandler,
    etcdutl: createEtcdutlCommand({ now: () => cluster.clock.now(), snapshots: codec }),
    kubeadm: undefined as unknown as CommandHandler,
    async run(handler, argv, runOptions = {}) {
      let stdout = '';
      let stderr = '';
      const cwd = runOptions.cwd ?? '/root';
      const ctx: CommandContext = {
        argv,
        stdin: runOptions.stdin ?? '',
        stdinRedirected: runOptions.stdin !== undefined,
        stdout: { write: (t) => (stdout += t) },
        stderr: { write: (t) => (stderr += t) },
        stdoutIsTerminal: false,
        shell: {
          host: { name: NODE.name, address: NODE.address, user: 'root', home: '/root', fs },
          cwd,
          env: new Map(Object.entries({ HOME: '/root', ...runOptions.env })),
          resolvePath: (p) => resolvePath(cwd, p),
        },
        signal: new AbortController().signal,
        interactive: runOptions.interactive ?? false,
        columns: 120,
      };
      const code = await handler(ctx);
      return { code, stdout, stderr };
    },
    dispose: () => {
      fs.dispose();
      cluster.dispose();
    },
  };
  const etcdDeps: EtcdctlDeps = {
    etcd: () => (fixture.etcdUp ? cluster.store : undefined),
    listenClientUrls: ['https://127.0.0.1:2379', `https://${NODE.address}:2379`],
    ca: pki.etcdCa,
    now: () => cluster.clock.now(),
    member: { name: NODE.name, peerUrls: [`https://${NODE.address}:2380`], clientUrls: [`https://${NODE.address}:2379`] },
    snapshots: codec,
    random: random.fork('etcdctl'),
    sleep: (ms) => {
      fixture.slept += ms;
      cluster.clock.advance(ms);
      return Promise.resolve();
    },
  };
  fixture.etcdctl = createEtcdctlCommand(etcdDeps);
  fixture.kubeadm = createKubeadmCommand({
    client: () => cluster.client('kubeadm'),
    now: () => cluster.clock.now(),
    random: random.fork('kubeadm'),
    controlPlaneEndpoint: `${NODE.address}:6443`,
    caCertificate: () => caCertificate,
    ...options.kubeadm,
  });
  return fixture;
}

/** The TLS flags of the CKA task: etcd's CA and its server pair. */
export const TLS = ['--endpoints=https://127.0.0.1:2379', '--cacert=/etc/kubernetes/pki/etcd/ca.crt', '--cert=/etc/kubernetes/pki/etcd/server.crt', '--key=/etc/kubernetes/pki/etcd/server.key'];
