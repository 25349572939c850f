/** `kubectl config`: viewing and editing the kubeconfig file in the shell's filesystem, as kubectl 1.32 prints it. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubectlLab } from '../../lab.js';

let lab: KubectlLab;

beforeEach(() => {
  lab = new KubectlLab();
});

afterEach(() => {
  lab.dispose();
});

const VIEW = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: DATA+OMITTED
    server: https://192.168.200.10:6443
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
    client-certificate-data: DATA+OMITTED
    client-key-data: DATA+OMITTED
`;

function kubeconfigFile(): string {
  return lab.shell.host.fs.readFile('/home/student/.kube/config');
}

describe('kubectl config view and friends', () => {
  it('shows the kubeconfig with data omitted, the contexts table and the current context', async () => {
    expect(await lab.run('kubectl config view')).toMatchObject({ stdout: VIEW, stderr: '', status: 0 });
    expect((await lab.run('kubectl config view --raw')).stdout).toContain('    client-key-data: LS0t');
    expect((await lab.run('kubectl config get-contexts')).stdout).toBe(
      'CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n',
    );
    expect((await lab.run('kubectl config current-context')).stdout).toBe('kubernetes-admin@kubernetes\n');
    expect((await lab.run('kubectl config get-clusters')).stdout).toBe('NAME\nkubernetes\n');
    expect((await lab.run('kubectl config get-users')).stdout).toBe('NAME\nkubernetes-admin\n');
  });

  it('prints JSON in the Config struct order and redacts tokens and passwords', async () => {
    await lab.run('kubectl config set-credentials bob --token=abc\nkubectl config set-context bob --cluster=kubernetes --user=bob --namespace=n');
    const json = (await lab.run('kubectl config view --minify --context=bob -o json')).stdout;
    expect(JSON.parse(json)).toEqual({
      kind: 'Config',
      apiVersion: 'v1',
      preferences: {},
      clusters: [{ name: 'kubernetes', cluster: { server: 'https://192.168.200.10:6443', 'certificate-authority-data': 'DATA+OMITTED' } }],
      users: [{ name: 'bob', user: { token: 'REDACTED' } }],
      contexts: [{ name: 'bob', context: { cluster: 'kubernetes', user: 'bob', namespace: 'n' } }],
      'current-context': 'bob',
    });
    expect(json.startsWith('{\n    "kind": "Config",\n    "apiVersion": "v1",\n')).toBe(true);
    expect((await lab.run('kubectl config view --minify --context=bob')).stdout).toContain('    namespace: "n"\n');
  });

  it('points the server at a wrong address and back, which kubectl then uses', async () => {
    expect((await lab.run('kubectl config set-cluster kubernetes --server=https://10.0.0.99:6443')).stdout).toBe('Cluster "kubernetes" set.\n');
    expect(kubeconfigFile()).toContain('    server: https://10.0.0.99:6443\n');
    const broken = await lab.run('kubectl get nodes');
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('10.0.0.99:6443');
    await lab.run('kubectl config set clusters.kubernetes.server https://192.168.200.10:6443');
    expect((await lab.run('kubectl get nodes -o name')).stdout).toBe('node/controlplane\nnode/node01\nnode/node02\n');
    expect(lab.shell.host.fs.stat('/home/student/.kube/config').mode & 0o777).toBe(0o600);
  });

  it('creates, switches, renames and deletes contexts with kubectl messages', async () => {
    const r = await lab.run(
      [
        'kubectl config set-context --current --namespace=kube-system',
        'kubectl config set-context dev --cluster=kubernetes --user=kubernetes-admin --namespace=dev',
        'kubectl config use-context dev',
        'kubectl config rename-context dev dev2',
        'kubectl config get-contexts',
        'kubectl config delete-context dev2',
      ].join('\n'),
    );
    expect(r.output).toBe(
      [
        'Context "kubernetes-admin@kubernetes" modified.',
        'Context "dev" created.',
        'Switched to context "dev".',
        'Context "dev" renamed to "dev2".',
        'CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE',
        '*         dev2                          kubernetes   kubernetes-admin   dev',
        '          kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   kube-system',
        '!warning: this removed your active context, use "kubectl config use-context" to select a different one',
        'deleted context dev2 from /home/student/.kube/config',
        '',
      ].join('\n'),
    );
    expect(kubeconfigFile()).toContain('current-context: dev2\n');
    expect(kubeconfigFile()).not.toContain('name: dev2\n');
    // The namespace of the current context is what kubectl uses by default.
    await lab.run('kubectl config use-context kubernetes-admin@kubernetes');
    expect((await lab.run('kubectl get pods -o name')).stdout).toContain('pod/coredns-');
  });

  it('fails like kubectl for missing contexts, entries and files', async () => {
    expect(await lab.run('kubectl config use-context nope')).toMatchObject({ stderr: 'error: no context exists with the name: "nope"\n', status: 1 });
    expect((await lab.run('kubectl config delete-context nope')).stderr).toBe('error: cannot delete context nope, not in /home/student/.kube/config\n');
    expect((await lab.run('kubectl config delete-cluster nope')).stderr).toBe('error: cannot delete cluster nope, not in /home/student/.kube/config\n');
    expect((await lab.run('kubectl config set-context --current foo')).stderr).toBe('error: you cannot specify both a context name and --current\n');
    expect((await lab.run('kubectl config get-contexts -o yaml')).stderr).toBe(
      'error: --output yaml is not available in kubectl config get-contexts; resetting to default output format\n',
    );
    expect((await lab.run('kubectl config set-credentials x --token=t --username=u')).stderr).toBe(
      'error: you cannot specify more than one authentication method at the same time: --token, --username/--password\n',
    );
    expect((await lab.run('kubectl config view --kubeconfig /tmp/none')).stderr).toBe('error: stat /tmp/none: no such file or directory\n');
    const empty = await lab.run('KUBECONFIG=/tmp/new kubectl config current-context');
    expect(empty).toMatchObject({ stderr: 'error: current-context is not set\n', status: 1 });
  });

  it('writes a new file in kubectl layout, with empty fields kept where the v1 structs keep them', async () => {
    await lab.run('export KUBECONFIG=/tmp/kc/config\nkubectl config set-context foo --namespace=x\nkubectl config unset contexts.foo.namespace\nkubectl config set current-context foo');
    expect(lab.shell.host.fs.readFile('/tmp/kc/config')).toBe(
      'apiVersion: v1\nclusters: null\ncontexts:\n- context:\n    cluster: ""\n    user: ""\n  name: foo\ncurrent-context: foo\nkind: Config\npreferences: {}\nusers: null\n',
    );
    expect((await lab.run('KUBECONFIG=/tmp/kc/config kubectl config get-contexts --no-headers')).stdout).toBe('*     foo               \n');
    expect((await lab.run('KUBECONFIG=/tmp/kc/config kubectl config get-contexts')).stdout).toBe(
      'CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n*         foo                         \n',
    );
  });
});
