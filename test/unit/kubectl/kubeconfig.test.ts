/** Finding and reading the kubeconfig as kubectl does: flag, $KUBECONFIG, ~/.kube/config. */
import { describe, expect, it } from 'vitest';
import { type KubeconfigSource, hostPort, loadKubeconfig } from '../../../src/main/kubectl/kubeconfig.js';

const ADMIN = `apiVersion: v1
clusters:
- cluster:
    server: https://192.168.200.10:6443
  name: kubernetes
- cluster:
    server: https://10.0.0.1:6443
  name: staging
contexts:
- context:
    cluster: kubernetes
    user: kubernetes-admin
  name: kubernetes-admin@kubernetes
- context:
    cluster: staging
    namespace: team-a
    user: dev
  name: dev@staging
current-context: kubernetes-admin@kubernetes
kind: Config
users:
- name: kubernetes-admin
- name: dev
`;

function source(files: Record<string, string>, env: Record<string, string> = {}): KubeconfigSource {
  return { read: (path) => files[path], home: '/home/student', env: (name) => env[name] };
}

function load(files: Record<string, string>, overrides: Parameters<typeof loadKubeconfig>[1] = {}, env: Record<string, string> = {}) {
  const result = loadKubeconfig(source(files, env), overrides);
  if (!result.ok) throw new Error(result.error);
  return result.config;
}

describe('loadKubeconfig credentials (client-go: inline data over files, flags over the file)', () => {
  const withCreds = ADMIN.replace('- name: kubernetes-admin\n', `- name: kubernetes-admin\n  user:\n    client-certificate-data: ${Buffer.from('PEM-A').toString('base64')}\n    client-certificate: /ignored.crt\n`).replace(
    '- name: dev\n',
    '- name: dev\n  user:\n    tokenFile: /var/run/token\n',
  );

  it('decodes client-certificate-data and prefers it over client-certificate', () => {
    expect(load({ '/home/student/.kube/config': withCreds }).credentials).toEqual({ clientCertificate: 'PEM-A' });
  });

  it('reads a tokenFile, and --token and --client-certificate override the file', () => {
    const files = { '/home/student/.kube/config': withCreds, '/var/run/token': 'abc.def\n', '/jane.crt': 'PEM-J' };
    expect(load(files, { context: 'dev@staging' }).credentials).toEqual({ token: 'abc.def' });
    expect(load(files, { token: 'flag-token', clientCertificate: '/jane.crt' }).credentials).toEqual({ clientCertificate: 'PEM-J', token: 'flag-token' });
  });

  it('--user picks another user entry of the file', () => {
    const files = { '/home/student/.kube/config': withCreds, '/var/run/token': 't' };
    expect(load(files, { user: 'dev' })).toMatchObject({ userName: 'dev', credentials: { token: 't' } });
  });

  it('fails like kubectl when the client certificate file is missing', () => {
    const result = loadKubeconfig(source({ '/home/student/.kube/config': withCreds }), { clientCertificate: '/nope.crt' });
    expect(result).toEqual({ ok: false, invalidConfiguration: true, error: 'unable to read client-cert /nope.crt for kubernetes-admin due to open /nope.crt: no such file or directory' });
  });
});

describe('loadKubeconfig', () => {
  it('reads ~/.kube/config and follows the current context', () => {
    expect(load({ '/home/student/.kube/config': ADMIN })).toEqual({
      path: '/home/student/.kube/config',
      server: 'https://192.168.200.10:6443',
      contextName: 'kubernetes-admin@kubernetes',
      clusterName: 'kubernetes',
      userName: 'kubernetes-admin',
      namespace: 'default',
      credentials: {},
    });
  });

  it('talks to localhost:8080 when there is no kubeconfig', () => {
    expect(load({})).toEqual({ path: undefined, server: 'http://localhost:8080', contextName: '', clusterName: '', userName: '', namespace: 'default', credentials: {} });
  });

  it('uses the first existing file of $KUBECONFIG instead of ~/.kube/config', () => {
    const files = { '/home/student/.kube/config': ADMIN, '/etc/kubernetes/admin.conf': ADMIN.replace('192.168.200.10', '192.168.200.99') };
    const config = load(files, {}, { KUBECONFIG: '/missing.conf::/etc/kubernetes/admin.conf' });
    expect(config.path).toBe('/etc/kubernetes/admin.conf');
    expect(config.server).toBe('https://192.168.200.99:6443');
  });

  it('falls back to localhost:8080 when no $KUBECONFIG file exists, and ignores an empty $KUBECONFIG', () => {
    expect(load({ '/home/student/.kube/config': ADMIN }, {}, { KUBECONFIG: '/tmp/none' }).server).toBe('http://localhost:8080');
    expect(load({ '/home/student/.kube/config': ADMIN }, {}, { KUBECONFIG: '' }).server).toBe('https://192.168.200.10:6443');
  });

  it('reads --kubeconfig before $KUBECONFIG, and fails when that file is missing', () => {
    const files = { '/a.conf': ADMIN };
    expect(load(files, { kubeconfig: '/a.conf' }, { KUBECONFIG: '/b.conf' }).path).toBe('/a.conf');
    expect(loadKubeconfig(source(files), { kubeconfig: '/tmp/none' })).toEqual({ ok: false, error: 'stat /tmp/none: no such file or directory' });
  });

  it('switches context with --context, taking its cluster, user and namespace', () => {
    expect(load({ '/home/student/.kube/config': ADMIN }, { context: 'dev@staging' })).toMatchObject({
      contextName: 'dev@staging',
      clusterName: 'staging',
      server: 'https://10.0.0.1:6443',
      userName: 'dev',
      namespace: 'team-a',
    });
  });

  it('refuses a --context that does not exist', () => {
    expect(loadKubeconfig(source({ '/home/student/.kube/config': ADMIN }), { context: 'nope' })).toEqual({
      ok: false,
      error: 'context was not found for specified context: nope',
    });
  });

  it('lets --cluster, --server and --namespace override the context', () => {
    const files = { '/home/student/.kube/config': ADMIN };
    expect(load(files, { cluster: 'staging' })).toMatchObject({ clusterName: 'staging', server: 'https://10.0.0.1:6443' });
    expect(load(files, { server: 'https://127.0.0.1:6443' }).server).toBe('https://127.0.0.1:6443');
    expect(load(files, { context: 'dev@staging', namespace: 'kube-system' }).namespace).toBe('kube-system');
    expect(load({}, { server: 'https://127.0.0.1:6443', namespace: 'x' })).toMatchObject({ server: 'https://127.0.0.1:6443', namespace: 'x' });
  });

  it('has no server when the current context names a missing cluster', () => {
    const dangling = ADMIN.replace('current-context: kubernetes-admin@kubernetes', 'current-context: gone');
    expect(load({ '/home/student/.kube/config': dangling })).toMatchObject({ contextName: 'gone', clusterName: '', server: 'http://localhost:8080' });
  });

  it('treats an empty file as an empty config, and reports YAML it cannot read', () => {
    expect(load({ '/home/student/.kube/config': '' }).server).toBe('http://localhost:8080');
    const broken = loadKubeconfig(source({ '/home/student/.kube/config': 'clusters: [\n' }), {});
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.error.startsWith('error loading config file "/home/student/.kube/config": ')).toBe(true);
  });
});

describe('hostPort', () => {
  it.each([
    ['https://192.168.200.10:6443', '192.168.200.10:6443'],
    ['https://127.0.0.1:6443', '127.0.0.1:6443'],
    ['http://localhost:8080', 'localhost:8080'],
    ['https://example.com', 'example.com:443'],
    ['http://example.com', 'example.com:80'],
    ['10.0.0.1:6443', '10.0.0.1:6443'],
    ['https://[::1]:6443', '[::1]:6443'],
  ])('names %s as %s', (server, shown) => {
    expect(hostPort(server)).toBe(shown);
  });

  it('returns what it cannot parse unchanged', () => {
    expect(hostPort('http://bad host:80')).toBe('http://bad host:80');
  });
});
