/**
 * `kubectl exec`'s far end against the real API server and kubelets: pods/exec through the
 * kubelet of the Pod's node, the container's files (kubelet-made /etc files, ConfigMap, Secret and
 * projected volumes, what the container's own script wrote), its environment (Service links of
 * Services older than the container), the userland's tools and runc's exec errors, and the
 * network tools through the proxy's NetworkModel.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Container, Pod } from '../../../../src/shared/api/core.js';
import { builtinResources } from '../../../../src/main/cluster/apiserver/registry/index.js';
import { type ExecStreamResult, podExecHandler } from '../../../../src/main/cluster/apiserver/registry/pod-exec.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { CONFIG_MAPS, PODS, SECRETS } from '../../../../src/main/cluster/client/resources.js';
import { kubeletExecSource, kubeletListeningProbe } from '../../../../src/main/cluster/kubelet/exec-source.js';
import type { Kubelet } from '../../../../src/main/cluster/kubelet/kubelet.js';
import { NetworkModel } from '../../../../src/main/cluster/proxy/network-model.js';
import { type TestCluster, expectOk, expectStatus, makeCluster } from '../../helpers/cluster.js';
import { startIpam, startKubelet } from '../../helpers/kubelet.js';
import { CLUSTER_CIDR, createPolicy, createService, endpointFor, writeSlice } from '../proxy/network-fixture.js';

let cluster: TestCluster;
let client: ApiClient;
let network: NetworkModel;

beforeEach(() => {
  const kubelets: Kubelet[] = [];
  const resources = builtinResources.map((r) =>
    r.group === '' && r.plural === 'pods'
      ? { ...r, subresourceHandlers: { ...r.subresourceHandlers, exec: podExecHandler(kubeletExecSource(() => kubelets, { network: () => network, now: () => cluster.clock.now() })) } }
      : r,
  );
  cluster = makeCluster({ resources });
  client = cluster.client('kubectl');
  network = cluster.disposables.add(
    new NetworkModel({ client: cluster.client('network'), clock: cluster.clock, random: cluster.random.fork('network'), clusterCIDR: CLUSTER_CIDR, listening: kubeletListeningProbe(() => kubelets) }),
  );
  network.start();
  startIpam(cluster);
  kubelets.push(startKubelet(cluster, 'node01', { preloadedImages: ['busybox:1.36', 'busybox:1.28', 'nginx:1.25', 'registry.k8s.io/coredns/coredns:v1.11.3'] }));
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function run(name: string, container: Partial<Container>, spec: Partial<Pod['spec']> = {}): Pod {
  const pod = expectOk(
    client.create<Pod>(PODS, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, labels: { app: name } },
      spec: { nodeName: 'node01', ...spec, containers: [{ name, image: 'busybox:1.36', command: ['sleep', '3600'], ...container }] },
    }),
  );
  for (let i = 0; i < 20; i++) {
    cluster.clock.advance(1_000);
    cluster.settle();
  }
  return expectOk(client.get<Pod>(PODS, 'default', pod.metadata.name ?? ''));
}

function exec(pod: string, command: string[], extra: { container?: string; stdin?: string } = {}) {
  return client.request<ExecStreamResult>({ verb: 'create', group: '', version: 'v1', resource: 'pods', subresource: 'exec', namespace: 'default', name: pod, body: { command, ...extra } });
}

function execOk(pod: string, command: string[], extra: { container?: string; stdin?: string } = {}): ExecStreamResult {
  return expectOk(exec(pod, command, extra));
}

describe('exec in a busybox container', () => {
  it.each([
    [['echo', 'hello', 'world'], 'hello world\n', 0],
    [['hostname'], 'box\n', 0],
    [['cat', '/etc/hostname'], 'box\n', 0],
    [['pwd'], '/\n', 0],
    [['id'], 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n', 0],
    [['printenv', 'HOSTNAME'], 'box\n', 0],
    [['sh', '-c', 'echo $((6 * 7)); exit 3'], '42\n', 3],
    [['cat', '/etc/resolv.conf'], 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n', 0],
    [['ls', '/'], 'bin\ndev\netc\nhome\nlib\nlib64\nproc\nroot\nsys\ntmp\nusr\nvar\n', 0],
  ])('%j prints exactly what busybox prints', (command, stdout, exitCode) => {
    run('box', {});
    const result = execOk('box', command);
    expect(result.stdout).toBe(stdout);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(exitCode);
  });

  it('/etc/hosts is the kubelet-managed hosts file with the Pod IP and hostname', () => {
    const pod = run('box', {});
    expect(execOk('box', ['cat', '/etc/hosts']).stdout).toBe(
      `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${pod.status?.podIP ?? ''}\tbox\n`,
    );
  });

  it('errors are busybox wording: ls and cat of a missing file, a missing command in sh -c (127)', () => {
    run('box', {});
    expect(execOk('box', ['ls', '/nope'])).toMatchObject({ stdout: '', stderr: 'ls: /nope: No such file or directory\n', exitCode: 1 });
    expect(execOk('box', ['cat', '/nope'])).toMatchObject({ stderr: "cat: can't open '/nope': No such file or directory\n", exitCode: 1 });
    expect(execOk('box', ['sh', '-c', 'curl http://x'])).toMatchObject({ stderr: 'sh: curl: not found\n', exitCode: 127 });
  });

  it('an executable not in the image fails in runc, reported as an InternalError on the stream', () => {
    run('box', {});
    const status = expectStatus(exec('box', ['curl', 'http://nginx']));
    expect(status.code).toBe(500);
    expect(status.reason).toBe('InternalError');
    expect(status.message).toMatch(
      /^Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in \$PATH: unknown$/,
    );
  });

  it('sh reads a script from stdin (kubectl exec -i … -- sh)', () => {
    run('box', {});
    expect(execOk('box', ['sh'], { stdin: 'echo from stdin\nexit 4\n' })).toMatchObject({ stdout: 'from stdin\n', exitCode: 4 });
  });

  it('any other program reads what was sent on its stdin (echo hi | kubectl exec -i … -- cat)', () => {
    run('box', {});
    expect(execOk('box', ['cat'], { stdin: 'hi\nthere\n' })).toMatchObject({ stdout: 'hi\nthere\n', exitCode: 0 });
    expect(execOk('box', ['wc', '-l'], { stdin: 'a\nb\nc\n' }).stdout.trim()).toBe('3');
    expect(execOk('box', ['sh', '-c', 'cat'], { stdin: 'via sh -c\n' })).toMatchObject({ stdout: 'via sh -c\n' });
    // Without -i nothing reaches the process.
    expect(execOk('box', ['cat'])).toMatchObject({ stdout: '', exitCode: 0 });
  });

  it('sleep takes lab time: elapsedMs says how long', () => {
    run('box', {});
    expect(execOk('box', ['sleep', '5']).elapsedMs).toBe(5_000);
    expect(execOk('box', ['sleep', 'infinity'])).toMatchObject({ blocked: true });
  });
});

describe('exec in a Debian image (nginx)', () => {
  it.each([
    [['id'], 'uid=0(root) gid=0(root) groups=0(root)\n', '', 0],
    [['ls', '/nope'], '', "ls: cannot access '/nope': No such file or directory\n", 2],
    [['cat', '/nope'], '', 'cat: /nope: No such file or directory\n', 1],
    [['sh', '-c', 'wget -qO- http://x'], '', 'sh: 1: wget: not found\n', 127],
  ])('%j prints what GNU coreutils and dash print', (command, stdout, stderr, exitCode) => {
    run('web', { image: 'nginx:1.25', command: undefined });
    expect(execOk('web', command)).toMatchObject({ stdout, stderr, exitCode });
  });

  it('with a tty, stderr and stdout are one stream', () => {
    run('web', { image: 'nginx:1.25', command: undefined });
    expect(expectOk(client.request<ExecStreamResult>({ verb: 'create', group: '', version: 'v1', resource: 'pods', subresource: 'exec', namespace: 'default', name: 'web', body: { command: ['sh', '-c', 'echo out; cat /nope'], tty: true } }))).toMatchObject({
      stdout: 'out\ncat: /nope: No such file or directory\n',
      stderr: '',
      exitCode: 1,
    });
  });
});

describe('a distroless image', () => {
  it('has no shell: exec sh fails with runc\'s executable-not-found error', () => {
    run('dns', { image: 'registry.k8s.io/coredns/coredns:v1.11.3', command: undefined, args: ['-conf', '/etc/coredns/Corefile'] });
    const status = expectStatus(exec('dns', ['sh']));
    expect(status.message).toContain('OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown');
  });
});

describe('the container filesystem is shared with the container\'s own processes', () => {
  it('exec sees /tmp/healthy the script touched, and the script\'s probes see what exec removed', () => {
    run('probe', { command: ['sh', '-c', 'touch /tmp/healthy; sleep 600'] });
    expect(execOk('probe', ['cat', '/tmp/healthy'])).toMatchObject({ stdout: '', exitCode: 0 });
    expect(execOk('probe', ['ls', '/tmp'])).toMatchObject({ stdout: 'healthy\n' });
    expect(execOk('probe', ['rm', '/tmp/healthy']).exitCode).toBe(0);
    expect(execOk('probe', ['cat', '/tmp/healthy']).exitCode).toBe(1);
    expect(execOk('probe', ['sh', '-c', 'echo hi > /tmp/note']).exitCode).toBe(0);
    expect(execOk('probe', ['cat', '/tmp/note']).stdout).toBe('hi\n');
  });
});

describe('volumes', () => {
  it('ConfigMap keys and decoded Secret keys are files under their mountPaths', () => {
    expectOk(client.create(CONFIG_MAPS, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config' }, data: { 'app.properties': 'mode=dev\nlevel=3\n', greeting: 'hello' } }));
    expectOk(client.create(SECRETS, 'default', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { password: Buffer.from('s3cr3t').toString('base64') } }));
    run(
      'vol',
      { volumeMounts: [{ name: 'config', mountPath: '/etc/config' }, { name: 'creds', mountPath: '/etc/creds', readOnly: true }] },
      { volumes: [{ name: 'config', configMap: { name: 'app-config' } }, { name: 'creds', secret: { secretName: 'db' } }] },
    );
    expect(execOk('vol', ['ls', '/etc/config']).stdout).toBe('app.properties\ngreeting\n');
    expect(execOk('vol', ['cat', '/etc/config/app.properties']).stdout).toBe('mode=dev\nlevel=3\n');
    expect(execOk('vol', ['cat', '/etc/creds/password']).stdout).toBe('s3cr3t');
    expect(execOk('vol', ['cat', '/etc/config/greeting', '/etc/config/app.properties']).stdout).toBe('hellomode=dev\nlevel=3\n');
  });

  it('the ServiceAccount projection gives token, ca.crt and namespace (kube-api-access)', () => {
    expectOk(client.create({ group: '', version: 'v1', resource: 'serviceaccounts' }, 'default', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } }));
    expectOk(client.create(CONFIG_MAPS, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt' }, data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n' } }));
    run(
      'sa',
      { volumeMounts: [{ name: 'kube-api-access-abcde', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }] },
      {
        volumes: [
          {
            name: 'kube-api-access-abcde',
            projected: {
              sources: [
                { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
                { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
                { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
              ],
            },
          },
        ],
      },
    );
    expect(execOk('sa', ['ls', '/var/run/secrets/kubernetes.io/serviceaccount']).stdout).toBe('ca.crt\nnamespace\ntoken\n');
    // The projected files have no final newline: cat prints them exactly.
    expect(execOk('sa', ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/namespace']).stdout).toBe('default');
    const token = execOk('sa', ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/token']).stdout;
    expect(token).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    // The kubelet keeps the Pod's token: a second read is the same token.
    expect(execOk('sa', ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/token']).stdout).toBe(token);
    expect(execOk('sa', ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt']).stdout).toContain('BEGIN CERTIFICATE');
  });
});

describe('environment', () => {
  it('has Service links for Services that existed when the container started, not later ones', () => {
    createService(client, 'nginx', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80 }] });
    cluster.clock.advance(1_000);
    run('box', {});
    createService(client, 'late', { selector: { app: 'late' }, ports: [{ port: 8080, protocol: 'TCP', targetPort: 8080 }] });
    const env = execOk('box', ['env']).stdout;
    const ip = expectOk(client.get<{ spec: { clusterIP: string } } & Pod>({ group: '', version: 'v1', resource: 'services' }, 'default', 'nginx')).spec.clusterIP;
    expect(env).toContain(`NGINX_SERVICE_HOST=${ip}\n`);
    expect(env).toContain('NGINX_SERVICE_PORT=80\n');
    expect(env).toContain('NGINX_SERVICE_PORT_HTTP=80\n');
    expect(env).toContain(`NGINX_PORT_80_TCP=tcp://${ip}:80\n`);
    expect(env).not.toContain('LATE_SERVICE_HOST');
  });
});

describe('pods/exec errors (kube-apiserver streamLocation, kubelet GetExec)', () => {
  it('a Pod of two containers needs a container name', () => {
    expectOk(
      client.create<Pod>(PODS, 'default', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'two' },
        spec: { nodeName: 'node01', containers: [{ name: 'a', image: 'busybox:1.36' }, { name: 'b', image: 'busybox:1.36' }] },
      }),
    );
    const status = expectStatus(exec('two', ['ls']));
    expect(status).toMatchObject({ code: 400, reason: 'BadRequest', message: 'a container name must be specified for pod two, choose one of: [a b]' });
    expect(expectStatus(exec('two', ['ls'], { container: 'c' })).message).toBe('container c is not valid for pod two');
  });

  it('an unscheduled Pod has no host; a container not running is not found by the kubelet', () => {
    expectOk(client.create<Pod>(PODS, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pending' }, spec: { containers: [{ name: 'app', image: 'busybox:1.36' }] } }));
    expect(expectStatus(exec('pending', ['ls']))).toMatchObject({ code: 400, message: 'pod pending does not have a host assigned' });
    expectOk(client.create<Pod>(PODS, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pulling' }, spec: { nodeName: 'node01', containers: [{ name: 'app', image: 'redis:7.4' }] } }));
    cluster.settle();
    expect(expectStatus(exec('pulling', ['ls']))).toMatchObject({ code: 500, message: 'unable to upgrade connection: container not found ("app")' });
  });

  it('exec writes nothing to the cluster', () => {
    run('box', {});
    const before = cluster.revision();
    execOk('box', ['ls', '/']);
    cluster.settle();
    expect(cluster.revision()).toBe(before);
  });
});

describe('network tools through the NetworkModel', () => {
  /** CoreDNS behind kube-dns (10.96.0.10), as kubeadm's add-on and the EndpointSlice controller leave it. */
  function dns(): void {
    const pod = expectOk(
      client.create<Pod>(PODS, 'kube-system', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'coredns', labels: { 'k8s-app': 'kube-dns' } },
        spec: { nodeName: 'node01', containers: [{ name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.11.3', args: ['-conf', '/etc/coredns/Corefile'] }] },
      }),
    );
    createService(client, 'kube-dns', { clusterIP: '10.96.0.10', selector: { 'k8s-app': 'kube-dns' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }] }, 'kube-system');
    for (let i = 0; i < 20; i++) {
      cluster.clock.advance(1_000);
      cluster.settle();
    }
    const ip = expectOk(client.get<Pod>(PODS, 'kube-system', pod.metadata.name ?? '')).status?.podIP ?? '';
    writeSlice(client, 'kube-dns', [{ ...endpointFor(ip, 'node01', 'coredns'), targetRef: { kind: 'Pod', namespace: 'kube-system', name: 'coredns' } }], [{ name: 'dns', port: 53, protocol: 'UDP' }], 'kube-system');
    cluster.settle();
  }

  function web(): { ip: string; clusterIP: string } {
    dns();
    const pod = run('web', { image: 'nginx:1.25', command: undefined, ports: [{ containerPort: 80 }] });
    const service = createService(client, 'nginx', { selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] });
    const ip = pod.status?.podIP ?? '';
    writeSlice(client, 'nginx', [endpointFor(ip, 'node01', 'web')], [{ port: 80, protocol: 'TCP' }]);
    cluster.settle();
    return { ip, clusterIP: service.spec.clusterIP ?? '' };
  }

  it('busybox nslookup answers with the Service\'s cluster IP in busybox\'s format', () => {
    const { clusterIP } = web();
    run('box', {});
    expect(execOk('box', ['nslookup', 'nginx']).stdout).toBe(
      `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tnginx.default.svc.cluster.local\nAddress: ${clusterIP}\n\n`,
    );
    expect(execOk('box', ['nslookup', 'nope'])).toMatchObject({ stdout: "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find nope: NXDOMAIN\n\n", exitCode: 1 });
  });

  it('wget -qO- fetches nginx\'s welcome page through the Service; nginx logs the request', () => {
    web();
    run('box', {});
    const result = execOk('box', ['wget', '-qO-', 'http://nginx']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!<\/title>/);
    expect(Buffer.byteLength(result.stdout)).toBe(615);
    expect(execOk('box', ['wget', '-O-', 'http://nginx/missing']).stderr).toContain('wget: server returned error: HTTP/1.1 404 Not Found');
  });

  it('curl from the nginx image (Debian) reaches the Pod IP; -I shows the headers', () => {
    const { ip } = web();
    run('client', { image: 'nginx:1.25', command: undefined });
    const body = execOk('client', ['curl', '-s', `http://${ip}`]);
    expect(body.stdout).toContain('<h1>Welcome to nginx!</h1>');
    expect(body.stderr).toBe('');
    const head = execOk('client', ['curl', '-sI', 'http://nginx']).stdout;
    expect(head.split('\n').slice(0, 2)).toEqual(['HTTP/1.1 200 OK', 'Server: nginx/1.25.5']);
    expect(head).toContain('Content-Length: 615\n');
  });

  it('curl -o and -w in a container: the status code alone, the page saved in the container, 000 when nothing answers', () => {
    web();
    run('client', { image: 'nginx:1.25', command: undefined });
    expect(execOk('client', ['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}\n', 'http://nginx'])).toMatchObject({ stdout: '200\n', stderr: '', exitCode: 0 });
    expect(execOk('client', ['sh', '-c', 'curl -s -o /tmp/page http://nginx; wc -c < /tmp/page']).stdout).toBe('615\n');
    expect(execOk('client', ['curl', '-s', '-w', '%{http_code} %{exitcode}\n', 'http://nowhere'])).toMatchObject({ stdout: '000 6\n', exitCode: 6 });
  });

  it('a Service without endpoints is refused at once, in each tool\'s wording', () => {
    const service = createService(client, 'empty', { selector: { app: 'none' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] });
    cluster.settle();
    const ip = service.spec.clusterIP ?? '';
    run('box', {});
    run('client', { image: 'nginx:1.25', command: undefined });
    expect(execOk('box', ['wget', '-qO-', `http://${ip}`])).toMatchObject({ stderr: `wget: can't connect to remote host (${ip}): Connection refused\n`, exitCode: 1 });
    expect(execOk('client', ['curl', `http://${ip}`])).toMatchObject({
      stderr: `curl: (7) Failed to connect to ${ip} port 80 after 0 ms: Couldn't connect to server\n`,
      exitCode: 7,
    });
    expect(execOk('client', ['curl', '-s', `http://${ip}`])).toMatchObject({ stderr: '', exitCode: 7 });
  });

  it('a NetworkPolicy drop times out: wget -T, curl -m', () => {
    const { clusterIP } = web();
    createPolicy(client, { metadata: { name: 'deny', namespace: 'default' }, spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] } } as never);
    cluster.settle();
    run('box', {});
    run('client', { image: 'nginx:1.25', command: undefined });
    expect(execOk('box', ['wget', '-T', '2', '-qO-', `http://${clusterIP}`])).toMatchObject({ stderr: 'wget: download timed out\n', exitCode: 1, elapsedMs: 2_000 });
    expect(execOk('client', ['curl', '-m', '5', 'http://nginx'])).toMatchObject({ stderr: 'curl: (28) Connection timed out after 5001 milliseconds\n', exitCode: 28 });
  });

  it('a declared containerPort nobody listens on is refused (the runtime knows what is open)', () => {
    dns();
    const target = run('quiet', { ports: [{ containerPort: 8080 }] });
    run('box', {});
    const ip = target.status?.podIP ?? '';
    expect(execOk('box', ['wget', '-qO-', `http://${ip}:8080/`])).toMatchObject({ stderr: `wget: can't connect to remote host (${ip}): Connection refused\n`, exitCode: 1 });
  });

  it('nc -zv reports an open port', () => {
    const { clusterIP } = web();
    run('box', {});
    expect(execOk('box', ['nc', '-zv', 'nginx', '80'])).toMatchObject({ stderr: `nginx (${clusterIP}:80) open\n`, exitCode: 0 });
  });
});
