/** The kubectl entry point: command lookup, global flags, kubeconfig and connection errors, version. */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../../src/main/kubectl/kubectl.js';
import { KubectlLab } from '../lab.js';

let lab: KubectlLab;

beforeEach(() => {
  lab = new KubectlLab();
});

afterEach(() => {
  lab.dispose();
});

const NODE_NAMES = 'node/controlplane\nnode/node01\nnode/node02\n';
const LOCALHOST_REFUSED = 'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n';

describe('kubectl: connecting', () => {
  it('is refused on the bastion itself, where no API server listens', async () => {
    expect(await lab.run('kubectl --server https://127.0.0.1:6443 get nodes')).toEqual({
      stdout: '',
      stderr: 'The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?\n',
      output: expect.any(String),
      status: 1,
    });
  });

  it('reaches the API server on the control plane, by the kubeconfig or by --server', async () => {
    expect((await lab.run('kubectl get nodes -o name')).stdout).toBe(NODE_NAMES);
    expect((await lab.run('kubectl --server https://192.168.200.10:6443 get nodes -o name')).stdout).toBe(NODE_NAMES);
    expect((await lab.run('kubectl -s=https://controlplane:6443 get nodes -o name')).stdout).toBe(NODE_NAMES);
  });

  it('fails like a real network for other addresses', async () => {
    expect((await lab.run('kubectl --server https://192.168.200.10:8443 get nodes')).stderr).toBe(
      'The connection to the server 192.168.200.10:8443 was refused - did you specify the right host or port?\n',
    );
    expect((await lab.run('kubectl --server https://nosuchhost:6443 get nodes')).stderr).toBe(
      'Unable to connect to the server: dial tcp: lookup nosuchhost on 127.0.0.53:53: no such host\n',
    );
    expect((await lab.run('kubectl --server https://10.1.2.3:6443 get nodes')).stderr).toBe(
      'Unable to connect to the server: dial tcp 10.1.2.3:6443: i/o timeout\n',
    );
  });

  it('needs the file given with --kubeconfig', async () => {
    expect(await lab.run('kubectl --kubeconfig /tmp/none get nodes')).toMatchObject({
      stderr: 'error: stat /tmp/none: no such file or directory\n',
      status: 1,
    });
  });

  it('talks to localhost:8080 without a kubeconfig', async () => {
    expect((await lab.run('KUBECONFIG=/tmp/none kubectl get nodes')).stderr).toBe(LOCALHOST_REFUSED);
    expect((await lab.run('mv .kube/config /tmp/admin.conf\nkubectl get pods')).stderr).toBe(LOCALHOST_REFUSED);
    expect((await lab.run('kubectl --kubeconfig /tmp/admin.conf get nodes -o name')).stdout).toBe(NODE_NAMES);
    expect((await lab.run('KUBECONFIG=/tmp/admin.conf kubectl get nodes -o name')).stdout).toBe(NODE_NAMES);
  });

  it('has no kubeconfig on a worker node', async () => {
    const r = await lab.run('ssh node01\nkubectl get nodes\nexit');
    expect(r.stderr).toBe(LOCALHOST_REFUSED);
  });

  it('takes the namespace from the kubeconfig context, unless -n says otherwise', async () => {
    const fs = lab.session.lab.hosts.get('bastion')!.fs;
    const config = fs.readFile('/home/student/.kube/config');
    fs.writeFile('/home/student/.kube/config', config.replace('    user: kubernetes-admin\n', '    namespace: kube-public\n    user: kubernetes-admin\n'));
    expect((await lab.run('kubectl get pods')).stderr).toBe('No resources found in kube-public namespace.\n');
    expect((await lab.run('kubectl get pods -n kube-public')).stderr).toBe('No resources found in kube-public namespace.\n');
  });

  it('refuses a context that does not exist', async () => {
    expect(await lab.run('kubectl --context nope get pods')).toMatchObject({
      stderr: 'error: context was not found for specified context: nope\n',
      status: 1,
    });
  });
});

describe('kubectl: commands and flags', () => {
  it('prints its help without a command', async () => {
    const r = await lab.run('kubectl');
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n')).toBe(true);
    expect(r.stdout.endsWith('Use "kubectl options" for a list of global command-line options (applies to all commands).\n')).toBe(true);
  });

  it('has every command of kubectl 1.32 (cobra\'s help and the options list are the dispatcher\'s own)', () => {
    const index = JSON.parse(readFileSync(new URL('../../../../assets/kubectl-help/index.json', import.meta.url), 'utf8')) as Record<string, string[]>;
    const rootCommands = Object.keys(index).filter((path) => path !== '' && !path.includes(' ') && path !== 'help' && path !== 'options');
    expect(rootCommands.filter((name) => !(name in COMMANDS))).toEqual([]);
  });

  it('rejects unknown commands and flags', async () => {
    expect(await lab.run('kubectl frobnicate')).toMatchObject({ stderr: 'error: unknown command "frobnicate" for "kubectl"\n', status: 1 });
    expect(await lab.run('kubectl --version')).toMatchObject({ stderr: "error: unknown flag: --version\nSee 'kubectl --help' for usage.\n", status: 1 });
  });

  it('finds the command after global flags and their values', async () => {
    expect((await lab.run('kubectl -n kube-node-lease get leases -o name')).stdout).toBe(
      'lease.coordination.k8s.io/controlplane\nlease.coordination.k8s.io/node01\nlease.coordination.k8s.io/node02\n',
    );
    expect((await lab.run('kubectl --namespace=kube-node-lease get leases -o name')).stdout).toContain('lease.coordination.k8s.io/node01\n');
    expect((await lab.run('kubectl --v 6 get ns default -o name')).stdout).toBe('namespace/default\n');
  });

  it('works through the k alias of .bashrc', async () => {
    expect((await lab.run('k get no -o name')).stdout).toBe(NODE_NAMES);
  });

  it('answers --help for a command', async () => {
    const r = await lab.run('kubectl get -h');
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('Display one or many resources.\n')).toBe(true);
  });
});

describe('kubectl version', () => {
  it('prints the client and server versions', async () => {
    expect(await lab.run('kubectl version')).toMatchObject({
      stdout: 'Client Version: v1.32.4\nKustomize Version: v5.5.0\nServer Version: v1.32.4\n',
      stderr: '',
      status: 0,
    });
  });

  it('needs no server with --client, and reports a refused connection after the client version', async () => {
    expect((await lab.run('kubectl version --client --server https://127.0.0.1:6443')).stdout).toBe('Client Version: v1.32.4\nKustomize Version: v5.5.0\n');
    const r = await lab.run('kubectl version --server https://127.0.0.1:6443');
    expect(r.output).toBe(
      'Client Version: v1.32.4\nKustomize Version: v5.5.0\n!The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?\n',
    );
    expect(r.status).toBe(1);
  });

  it('accepts only yaml and json as --output', async () => {
    expect(await lab.run('kubectl version -o xml')).toMatchObject({ stderr: "error: --output must be 'yaml' or 'json'\n", status: 1 });
  });

  it('prints version.Info as YAML (sorted, then a blank line) or indented JSON (struct order)', async () => {
    const info = (buildDate: string): string[] => [
      `  buildDate: "${buildDate}"`,
      '  compiler: gc',
      '  gitCommit: 59526cd4867447956156ae3a602fcbac10a2c335',
      '  gitTreeState: clean',
      '  gitVersion: v1.32.4',
      '  goVersion: go1.23.6',
      '  major: "1"',
      '  minor: "32"',
      '  platform: linux/amd64',
    ];
    const client = ['clientVersion:', ...info('2025-04-22T16:03:58Z'), 'kustomizeVersion: v5.5.0'];
    expect(await lab.run('kubectl version --client -o yaml')).toMatchObject({ stdout: `${client.join('\n')}\n\n`, stderr: '', status: 0 });
    expect((await lab.run('kubectl version -o yaml')).stdout).toBe(`${[...client, 'serverVersion:', ...info('2025-04-22T16:02:27Z')].join('\n')}\n\n`);
    const json = await lab.run('kubectl version --client -o json');
    expect(json.stdout.startsWith('{\n  "clientVersion": {\n    "major": "1",\n    "minor": "32",\n    "gitVersion": "v1.32.4",\n')).toBe(true);
    expect(json.stdout.endsWith('"platform": "linux/amd64"\n  },\n  "kustomizeVersion": "v5.5.0"\n}\n')).toBe(true);
    expect(JSON.parse((await lab.run('kubectl version -o json')).stdout).serverVersion.gitVersion).toBe('v1.32.4');
  });
});
