import { afterEach, describe, expect, it } from 'vitest';
import type { DaemonSet, Deployment } from '../../../../src/shared/api/apps.js';
import type { Node, Secret } from '../../../../src/shared/api/core.js';
import { CONFIG_MAPS, DAEMON_SETS, DEPLOYMENTS, NODES, SECRETS } from '../../../../src/main/cluster/client/resources.js';
import { installedOn } from '../../../../src/main/cluster/node/command-flags.js';
import { caCertHash } from '../../../../src/main/cluster/node/kubeadm-token.js';
import { createNode, expectOk } from '../../helpers/cluster.js';
import { BOOT, type NodeFixture, makeNodeFixture } from './node-tools-fixture.js';
import { type KubeadmDeps, kubeadmConfigMap } from '../../../../src/main/cluster/node/kubeadm-command.js';

let node: NodeFixture;
afterEach(() => node.dispose());

function setup(kubeadm?: Partial<KubeadmDeps>): NodeFixture {
  node = makeNodeFixture({ kubeadm });
  return node;
}

const kubeadm = (argv: string[], options?: Parameters<NodeFixture['run']>[2]) => node.run(node.kubeadm, ['kubeadm', ...argv], options);

/** Nodes with kubelet versions, CoreDNS and kube-proxy as `kubeadm init` leaves them. */
function seedCluster(fixture: NodeFixture): void {
  const client = fixture.cluster.client();
  for (const name of ['controlplane', 'node01']) {
    createNode(client, name, name === 'controlplane' ? { labels: { 'node-role.kubernetes.io/control-plane': '' } } : {});
    expectOk(client.patch<Node>(NODES, undefined, name, 'merge', { status: { nodeInfo: { kubeletVersion: 'v1.32.4' } } }, { subresource: 'status' }));
  }
  const labels = { 'k8s-app': 'kube-dns' };
  expectOk(
    client.create<Deployment>(DEPLOYMENTS, 'kube-system', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'coredns', namespace: 'kube-system' },
      spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.11.3' }] } } },
    }),
  );
  const proxyLabels = { 'k8s-app': 'kube-proxy' };
  expectOk(
    client.create<DaemonSet>(DAEMON_SETS, 'kube-system', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'kube-proxy', namespace: 'kube-system' },
      spec: { selector: { matchLabels: proxyLabels }, template: { metadata: { labels: proxyLabels }, spec: { containers: [{ name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.32.4' }] } } },
    }),
  );
}

describe('kubeadm version', () => {
  it('prints version.Info as kubeadm v1.32.4 does', async () => {
    setup();
    expect(await kubeadm(['version'])).toEqual({
      code: 0,
      stdout:
        'kubeadm version: &version.Info{Major:"1", Minor:"32", GitVersion:"v1.32.4", GitCommit:"59526cd4867447956156ae3a602fcbac10a2c335", GitTreeState:"clean", BuildDate:"2025-04-22T16:02:27Z", GoVersion:"go1.23.6", Compiler:"gc", Platform:"linux/amd64"}\n',
      stderr: '',
    });
    expect((await kubeadm(['version', '-o', 'short'])).stdout).toBe('v1.32.4\n');
  });
});

describe('kubeadm token', () => {
  it('token create --print-join-command stores a bootstrap-token Secret and prints the join command', async () => {
    setup();
    const result = await kubeadm(['token', 'create', '--print-join-command']);
    expect(result.code).toBe(0);
    const match = /^kubeadm join 192\.168\.200\.10:6443 --token ([a-z0-9]{6})\.([a-z0-9]{16}) --discovery-token-ca-cert-hash sha256:([0-9a-f]{64}) \n$/.exec(result.stdout);
    expect(match).not.toBeNull();
    expect(`sha256:${match![3]}`).toBe(caCertHash(node.fs.readFile('/etc/kubernetes/pki/ca.crt')));
    const secret = expectOk(node.cluster.client().get<Secret>(SECRETS, 'kube-system', `bootstrap-token-${match![1]}`));
    expect(secret.type).toBe('bootstrap.kubernetes.io/token');
    const data = Object.fromEntries(Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]));
    expect(data).toEqual({
      'token-id': match![1],
      'token-secret': match![2],
      expiration: new Date(node.cluster.clock.now() + 24 * 3600 * 1000).toISOString().replace('.000Z', 'Z'),
      'usage-bootstrap-signing': 'true',
      'usage-bootstrap-authentication': 'true',
      'auth-extra-groups': 'system:bootstrappers:kubeadm:default-node-token',
    });
  });

  it('token list prints kubeadm\'s table; token delete removes the Secret', async () => {
    setup();
    await kubeadm(['token', 'create', 'abcdef.0123456789abcdef']);
    await kubeadm(['token', 'create', 'zyxwvu.0123456789abcdef', '--ttl', '0', '--description', 'forever']);
    node.cluster.clock.advance(60 * 60 * 1000);
    const expires = new Date(node.cluster.clock.now() + 23 * 3600 * 1000).toISOString().replace('.000Z', 'Z');
    expect((await kubeadm(['token', 'list'])).stdout).toBe(
      'TOKEN                     TTL         EXPIRES                USAGES                   DESCRIPTION   EXTRA GROUPS\n' +
        `abcdef.0123456789abcdef   23h         ${expires}   authentication,signing   <none>        system:bootstrappers:kubeadm:default-node-token\n` +
        'zyxwvu.0123456789abcdef   <forever>   <never>                authentication,signing   forever       system:bootstrappers:kubeadm:default-node-token\n',
    );
    expect(await kubeadm(['token', 'delete', 'abcdef'])).toEqual({ code: 0, stdout: 'bootstrap token "abcdef" deleted\n', stderr: '' });
    expect(node.cluster.client().get(SECRETS, 'kube-system', 'bootstrap-token-abcdef').ok).toBe(false);
  });

  it('a malformed token is refused with kubeadm\'s pattern', async () => {
    setup();
    const result = await kubeadm(['token', 'create', 'nope']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('the bootstrap token "nope" was not of the form "^([a-z0-9]{6})\\.([a-z0-9]{16})$"\nTo see the stack trace of this error execute with --v=5 or higher\n');
  });

  it('without /etc/kubernetes/admin.conf (a worker) kubeadm cannot reach the cluster', async () => {
    setup();
    node.fs.rm('/etc/kubernetes/admin.conf');
    const before = node.cluster.revision();
    const result = await kubeadm(['token', 'create']);
    expect(result.stderr).toBe('failed to load admin kubeconfig: open /etc/kubernetes/admin.conf: no such file or directory\nTo see the stack trace of this error execute with --v=5 or higher\n');
    expect(node.cluster.revision()).toBe(before);
  });
});

describe('kubeadm certs check-expiration', () => {
  it('reads every managed certificate from disk: one year for leaves, ten for CAs', async () => {
    setup();
    const result = await kubeadm(['certs', 'check-expiration']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('CERTIFICATE                EXPIRES                  RESIDUAL TIME   CERTIFICATE AUTHORITY   EXTERNALLY MANAGED');
    expect(lines[1]).toBe('admin.conf                 Dec 31, 2024 00:00 UTC   364d            ca                      no      ');
    expect(lines[2]).toBe('apiserver                  Dec 31, 2024 00:00 UTC   364d            ca                      no      ');
    expect(lines[3]).toBe('apiserver-etcd-client      Dec 31, 2024 00:00 UTC   364d            etcd-ca                 no      ');
    expect(lines.slice(1, 12).map((l) => l.split(/\s+/)[0])).toEqual([
      'admin.conf',
      'apiserver',
      'apiserver-etcd-client',
      'apiserver-kubelet-client',
      'controller-manager.conf',
      'etcd-healthcheck-client',
      'etcd-peer',
      'etcd-server',
      'front-proxy-client',
      'scheduler.conf',
      'super-admin.conf',
    ]);
    expect(lines.slice(12, 17)).toEqual([
      '',
      'CERTIFICATE AUTHORITY   EXPIRES                  RESIDUAL TIME   EXTERNALLY MANAGED',
      `ca                      Dec 29, 2033 00:00 UTC   9y              no      `,
      `etcd-ca                 Dec 29, 2033 00:00 UTC   9y              no      `,
      `front-proxy-ca          Dec 29, 2033 00:00 UTC   9y              no      `,
    ]);
    expect(BOOT).toBe(Date.UTC(2024, 0, 1));
  });

  it('a missing certificate is !MISSING!', async () => {
    setup();
    node.fs.rm('/etc/kubernetes/pki/apiserver.crt');
    const result = await kubeadm(['certs', 'check-expiration']);
    expect(result.stdout.split('\n')[2]?.trimEnd()).toBe('!MISSING! apiserver');
  });
});

describe('kubeadm upgrade', () => {
  it('plan: kubeadm v1.32.4 falls back to stable-1.32 while v1.33 is out, and the cluster is up to date', async () => {
    setup();
    seedCluster(node);
    const result = await kubeadm(['upgrade', 'plan']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^I0101 00:10:00\.000000 +\d+ version\.go:261\] remote version is much newer: v1\.33\.1; falling back to: stable-1\.32\n$/);
    expect(result.stdout).toContain(
      '[upgrade/versions] Cluster version: 1.32.4\n[upgrade/versions] kubeadm version: v1.32.4\n[upgrade/versions] Target version: v1.32.4\n[upgrade/versions] Latest version in the v1.32 series: v1.32.4\n\nAwesome, you\'re up-to-date! Enjoy!\n',
    );
    expect(result.stdout).toContain('kubelet.config.k8s.io     v1beta1           v1beta1             no\n');
  });

  it('plan with kubeadm v1.33.1: the kubelet and component tables and the apply command', async () => {
    setup({ kubeadmVersion: 'v1.33.1' });
    seedCluster(node);
    const result = await kubeadm(['upgrade', 'plan']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(
      "Components that must be upgraded manually after you have upgraded the control plane with 'kubeadm upgrade apply':\n" +
        'COMPONENT   NODE           CURRENT   TARGET\n' +
        'kubelet     controlplane   v1.32.4   v1.33.1\n' +
        'kubelet     node01         v1.32.4   v1.33.1\n\n' +
        'Upgrade to the latest stable version:\n\n' +
        'COMPONENT                 NODE           CURRENT    TARGET\n' +
        'kube-apiserver            controlplane   v1.32.4    v1.33.1\n' +
        'kube-controller-manager   controlplane   v1.32.4    v1.33.1\n' +
        'kube-scheduler            controlplane   v1.32.4    v1.33.1\n' +
        'kube-proxy                               1.32.4     v1.33.1\n' +
        'CoreDNS                                  v1.11.3    v1.12.0\n' +
        'etcd                      controlplane   3.5.16-0   3.5.21-0\n\n' +
        'You can now apply the upgrade by executing the following command:\n\n\tkubeadm upgrade apply v1.33.1\n',
    );
  });

  it('apply v1.33.1 with kubeadm v1.32.4: upgrade kubeadm first, nothing changes', async () => {
    setup();
    seedCluster(node);
    const manifest = node.fs.readFile('/etc/kubernetes/manifests/kube-apiserver.yaml');
    const before = node.cluster.revision();
    const result = await kubeadm(['upgrade', 'apply', 'v1.33.1']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      '[upgrade/version] FATAL: the --version argument is invalid due to these errors:\n\n' +
        '\t- Specified version to upgrade to "v1.33.1" is higher than the kubeadm version "v1.32.4". Upgrade kubeadm first using the tool you used to install kubeadm\n\n' +
        'Can be bypassed if you pass the --force flag\nTo see the stack trace of this error execute with --v=5 or higher\n',
    );
    expect(node.fs.readFile('/etc/kubernetes/manifests/kube-apiserver.yaml')).toBe(manifest);
    expect(node.cluster.revision()).toBe(before);
  });

  it('apply with kubeadm v1.33.1 rewrites the static Pod manifests (old ones backed up) and the add-on images', async () => {
    setup({ kubeadmVersion: 'v1.33.1' });
    seedCluster(node);
    const result = await kubeadm(['upgrade', 'apply', 'v1.33.1', '--yes']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('[upgrade] SUCCESS! A control plane node of your cluster was upgraded to "v1.33.1".\n');
    expect(node.fs.readFile('/etc/kubernetes/manifests/kube-apiserver.yaml')).toContain('image: registry.k8s.io/kube-apiserver:v1.33.1\n');
    expect(node.fs.readFile('/etc/kubernetes/manifests/etcd.yaml')).toContain('image: registry.k8s.io/etcd:3.5.21-0\n');
    const backups = node.fs.readdir('/etc/kubernetes/tmp');
    expect(backups).toEqual([expect.stringMatching(/^kubeadm-backup-manifests-2024-01-01-00-10-00$/)]);
    expect(node.fs.readFile(`/etc/kubernetes/tmp/${backups[0]}/kube-apiserver.yaml`)).toContain('kube-apiserver:v1.32.4');
    const coredns = expectOk(node.cluster.client().get<Deployment>(DEPLOYMENTS, 'kube-system', 'coredns'));
    expect(coredns.spec?.template.spec?.containers[0]?.image).toBe('registry.k8s.io/coredns/coredns:v1.12.0');
    // Applying again changes nothing: the manifests are equal and the add-ons already run the images.
    const revision = node.cluster.revision();
    const again = await kubeadm(['upgrade', 'apply', 'v1.33.1', '--yes']);
    expect(again.stdout).toContain('[upgrade/staticpods] Current and new manifests of kube-apiserver are equal, skipping upgrade\n');
    expect(node.cluster.revision()).toBe(revision);
  });
});

describe('the kubeadm-config ConfigMap', () => {
  it('once uploaded, check-expiration reads it instead of falling back to defaults', async () => {
    setup();
    const fallback = await kubeadm(['certs', 'check-expiration']);
    expect(fallback.stderr).toContain('Falling back to default configuration');
    expectOk(node.cluster.client().create(CONFIG_MAPS, 'kube-system', kubeadmConfigMap({ kubernetesVersion: 'v1.32.4', podSubnet: '172.16.0.0/16', serviceSubnet: '10.96.0.0/12', dnsDomain: 'cluster.local' })));
    const result = await kubeadm(['certs', 'check-expiration']);
    expect(result.stderr).toBe('');
    expect(result.stdout.startsWith('[check-expiration] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n[check-expiration] Use \'kubeadm init phase upload-config --config your-config.yaml\' to re-upload it.\n\nCERTIFICATE ')).toBe(true);
  });
});

describe('installedOn', () => {
  it('a node tool is "command not found" on hosts without it', async () => {
    setup();
    const handler = installedOn((host) => host === 'node01', 'kubeadm', node.kubeadm);
    expect(await node.run(handler, ['kubeadm', 'version'])).toEqual({ code: 127, stdout: '', stderr: 'bash: kubeadm: command not found\n' });
  });
});
