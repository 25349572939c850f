/**
 * A container's main process (its Pod's command, or the scripts it runs) has its image's tools as
 * an exec'd process does: busybox's wget and nslookup over the lab's data plane, with the same
 * output and exit status, the time they wait spent by the process; an executable the image lacks
 * is still runc's start error.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Container, Pod } from '../../../../src/shared/api/core.js';
import { builtinResources } from '../../../../src/main/cluster/apiserver/registry/index.js';
import { type ExecStreamResult, podExecHandler } from '../../../../src/main/cluster/apiserver/registry/pod-exec.js';
import { podLogHandler } from '../../../../src/main/cluster/apiserver/registry/pod-log.js';
import type { RequestQuery } from '../../../../src/main/cluster/apiserver/types.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { CONFIG_MAPS, PODS } from '../../../../src/main/cluster/client/resources.js';
import { kubeletExecSource, kubeletListeningProbe } from '../../../../src/main/cluster/kubelet/exec-source.js';
import type { Kubelet } from '../../../../src/main/cluster/kubelet/kubelet.js';
import { kubeletLogSource } from '../../../../src/main/cluster/kubelet/logs.js';
import { NetworkModel } from '../../../../src/main/cluster/proxy/network-model.js';
import { type TestCluster, expectOk, makeCluster } from '../../helpers/cluster.js';
import { startIpam, startKubelet } from '../../helpers/kubelet.js';
import { CLUSTER_CIDR, createPolicy, createService, endpointFor, writeSlice } from '../proxy/network-fixture.js';

let cluster: TestCluster;
let client: ApiClient;
let network: NetworkModel;

beforeEach(() => {
  const kubelets: Kubelet[] = [];
  // The lab's wiring: exec and the main processes' tools see the container the same way.
  const source = kubeletExecSource(() => kubelets, { network: () => network, now: () => cluster.clock.now() });
  const resources = builtinResources.map((r) =>
    r.group === '' && r.plural === 'pods'
      ? { ...r, subresourceHandlers: { ...r.subresourceHandlers, exec: podExecHandler(source), log: podLogHandler(kubeletLogSource(() => kubelets)) } }
      : r,
  );
  cluster = makeCluster({ resources });
  client = cluster.client('kubectl');
  network = cluster.disposables.add(
    new NetworkModel({ client: cluster.client('network'), clock: cluster.clock, random: cluster.random.fork('network'), clusterCIDR: CLUSTER_CIDR, listening: kubeletListeningProbe(() => kubelets) }),
  );
  network.start();
  startIpam(cluster);
  kubelets.push(
    startKubelet(cluster, 'node01', {
      preloadedImages: ['busybox:1.36', 'nginx:1.25', 'registry.k8s.io/coredns/coredns:v1.11.3'],
      containerTarget: (pod, container) => source.target(pod, container),
    }),
  );
  web();
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function step(seconds: number): void {
  for (let i = 0; i < seconds; i++) {
    cluster.clock.advance(1_000);
    cluster.settle();
  }
}

function create(name: string, container: Partial<Container>, spec: Partial<Pod['spec']> = {}): Pod {
  return expectOk(
    client.create<Pod>(PODS, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, labels: { app: name } },
      spec: { nodeName: 'node01', restartPolicy: 'Never', ...spec, containers: [{ name, image: 'busybox:1.36', ...container }] },
    }),
  );
}

function pod(name: string): Pod {
  return expectOk(client.get<Pod>(PODS, 'default', name));
}

function logs(name: string, query: RequestQuery = {}): string {
  return expectOk(client.request<string>({ verb: 'get', group: '', version: 'v1', resource: 'pods', subresource: 'log', namespace: 'default', name, query }));
}

function execOk(name: string, command: string[]): ExecStreamResult {
  return expectOk(client.request<ExecStreamResult>({ verb: 'create', group: '', version: 'v1', resource: 'pods', subresource: 'exec', namespace: 'default', name, body: { command } }));
}

let clusterIP = '';

/** CoreDNS behind kube-dns, and an nginx Pod behind the Service `web`. */
function web(): void {
  create('coredns', { image: 'registry.k8s.io/coredns/coredns:v1.11.3', args: ['-conf', '/etc/coredns/Corefile'] }, { restartPolicy: 'Always' });
  createService(client, 'kube-dns', { clusterIP: '10.96.0.10', selector: { app: 'coredns' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }] }, 'kube-system');
  create('web', { image: 'nginx:1.25', ports: [{ containerPort: 80 }] }, { restartPolicy: 'Always' });
  clusterIP = createService(client, 'web', { selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] }).spec.clusterIP ?? '';
  step(20);
  const dnsIP = pod('coredns').status?.podIP ?? '';
  writeSlice(client, 'kube-dns', [{ ...endpointFor(dnsIP, 'node01', 'coredns'), targetRef: { kind: 'Pod', namespace: 'default', name: 'coredns' } }], [{ name: 'dns', port: 53, protocol: 'UDP' }], 'kube-system');
  writeSlice(client, 'web', [endpointFor(pod('web').status?.podIP ?? '', 'node01', 'web')], [{ port: 80, protocol: 'TCP' }]);
  cluster.settle();
}

describe('the image\'s tools in a container\'s main process', () => {
  it('command `wget -qO- web`: the nginx page in the logs, exit 0, the Pod Succeeded', () => {
    create('fetch', { command: ['wget', '-qO-', 'web'] });
    step(10);
    const status = pod('fetch').status;
    expect(status?.phase).toBe('Succeeded');
    expect(status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    const page = logs('fetch');
    expect(page).toMatch(/^<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!<\/title>/);
    expect(page.endsWith('<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n')).toBe(true);
    expect(Buffer.byteLength(page)).toBe(615);
    // nginx logged the request, from the client Pod's address.
    expect(logs('web')).toContain(`${pod('fetch').status?.podIP ?? '?'} - - [`);
  });

  it('command `nslookup web` prints what exec\'s nslookup prints', () => {
    create('lookup', { command: ['nslookup', 'web'] });
    create('box', { command: ['sleep', '3600'] });
    step(10);
    const expected = `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${clusterIP}\n\n`;
    expect(execOk('box', ['nslookup', 'web']).stdout).toBe(expected);
    expect(logs('lookup')).toBe(expected);
    expect(pod('lookup').status?.phase).toBe('Succeeded');
  });

  it('a script\'s wget that cannot resolve: busybox\'s message and status 1', () => {
    create('script', { command: ['sh', '-c', 'wget -qO- -T 2 nothere; echo $?'] });
    step(10);
    expect(logs('script')).toBe("wget: bad address 'nothere'\n1\n");
    expect(pod('script').status?.phase).toBe('Succeeded');
  });

  it('a timeout is spent by the process: the message is logged 2 s later and the container ends then', () => {
    createPolicy(client, { metadata: { name: 'deny', namespace: 'default' }, spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] } } as never);
    cluster.settle();
    create('slow', { command: ['sh', '-c', 'date; wget -qO- -T 2 web; echo "status $?"'] });
    step(10);
    const lines = logs('slow', { timestamps: true }).trimEnd().split('\n');
    expect(lines.map((l) => l.slice(l.indexOf(' ') + 1))).toEqual([expect.stringMatching(/ UTC 2025$/), 'wget: download timed out', 'status 1']);
    const [started, timedOut] = lines.map((l) => Date.parse(l.slice(0, l.indexOf(' '))));
    expect(timedOut! - started!).toBe(2_000);
    const terminated = pod('slow').status?.containerStatuses?.[0]?.state?.terminated;
    expect(Date.parse(terminated?.finishedAt ?? '') - Date.parse(terminated?.startedAt ?? '')).toBe(2_000);
  });

  it('an init container waiting for a Service with nslookup gets its answer before the Pod reports an IP', () => {
    create('app', { command: ['sleep', '3600'] }, { initContainers: [{ name: 'wait', image: 'busybox:1.36', command: ['sh', '-c', 'until nslookup web >/dev/null; do sleep 2; done; echo ready'] }] });
    step(10);
    expect(logs('app', { container: 'wait' } as RequestQuery)).toBe('ready\n');
    expect(pod('app').status?.phase).toBe('Running');
  });

  it('an executable the image lacks is still runc\'s start error (curl in busybox)', () => {
    create('nocurl', { command: ['curl', 'web'] });
    step(10);
    const status = pod('nocurl').status?.containerStatuses?.[0];
    expect(JSON.stringify(status?.state)).toContain('exec: \\"curl\\": executable file not found in $PATH: unknown');
    expect(pod('nocurl').status?.phase).toBe('Failed');
  });
});

describe('files a container\'s main process reads', () => {
  it('cat, grep, head and [ -f ] see a mounted ConfigMap\'s keys, as the exam\'s "print the mounted config" Pods do', () => {
    expectOk(client.create(CONFIG_MAPS, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'game' }, data: { lives: '3', 'game.properties': 'enemies=aliens\nlives=3\n' } }));
    create(
      'reader',
      {
        command: ['sh', '-c', 'echo "lives=$(cat /etc/game/lives)"; cat /etc/game/lives; grep enemies /etc/game/game.properties; head -n 1 /etc/game/game.properties; [ -f /etc/game/lives ] && echo present; cat /etc/game/missing; echo "status $?"'],
        volumeMounts: [{ name: 'cfg', mountPath: '/etc/game' }],
      },
      { volumes: [{ name: 'cfg', configMap: { name: 'game' } }] },
    );
    step(10);
    // The process's output is kept by line: `3` (written without a newline) is a line of its own.
    expect(logs('reader')).toBe("lives=3\n3\nenemies=aliens\nenemies=aliens\npresent\ncat: can't open '/etc/game/missing': No such file or directory\nstatus 1\n");
    expect(pod('reader').status?.phase).toBe('Succeeded');
  });
});

describe('emptyDir volumes shared by a Pod\'s containers', () => {
  /** A Pod with these containers (and init containers, volumes) on node01. */
  function createWith(name: string, spec: Partial<Pod['spec']>): void {
    expectOk(client.create<Pod>(PODS, 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName: 'node01', containers: [], ...spec } }));
  }

  it('a logging sidecar (`tail -n+1 -f`) streams what the app container appends, as the logging docs\' example does', () => {
    createWith('app', {
      volumes: [{ name: 'logs', emptyDir: {} }],
      containers: [
        { name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'i=0; while true; do echo "$i: tick" >> /var/log/app.log; i=$((i+1)); sleep 5; done'], volumeMounts: [{ name: 'logs', mountPath: '/var/log' }] },
        { name: 'sidecar', image: 'busybox:1.36', command: ['sh', '-c', 'tail -n+1 -f /logs/app.log'], volumeMounts: [{ name: 'logs', mountPath: '/logs' }] },
      ],
    });
    step(12);
    const first = logs('app', { container: 'sidecar' });
    expect(first.startsWith('0: tick\n1: tick\n')).toBe(true);
    step(10);
    const later = logs('app', { container: 'sidecar' });
    expect(later.startsWith(first)).toBe(true);
    expect(later.split('\n').length).toBeGreaterThan(first.split('\n').length);
    // The app container reads the file it writes; the sidecar sees the same volume under its mount.
    const inApp = (command: string): string =>
      expectOk(client.request<ExecStreamResult>({ verb: 'create', group: '', version: 'v1', resource: 'pods', subresource: 'exec', namespace: 'default', name: 'app', body: { command: ['sh', '-c', command], container: 'app' } })).stdout;
    const counted = Number(inApp('wc -l < /var/log/app.log').trim());
    expect(counted).toBeGreaterThanOrEqual(later.trimEnd().split('\n').length);
    expect(inApp('head -n 1 /var/log/app.log')).toBe('0: tick\n');
    expect(pod('app').status?.containerStatuses?.map((c) => [c.name, c.ready])).toEqual([
      ['app', true],
      ['sidecar', true],
    ]);
  });

  it('`tail -f` of a file that is not there gives up as busybox does', () => {
    create('gone', { command: ['sh', '-c', 'tail -f /nope; echo "status $?"'] });
    step(3);
    expect(logs('gone')).toBe("tail: can't open '/nope': No such file or directory\ntail: no files\nstatus 1\n");
  });

  it('an init container writes the page a later nginx container serves from the same emptyDir', () => {
    createWith('site', {
      volumes: [{ name: 'html', emptyDir: {} }],
      initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['sh', '-c', "echo 'hello from init' > /work/index.html"], volumeMounts: [{ name: 'html', mountPath: '/work' }] }],
      containers: [{ name: 'site', image: 'nginx:1.25', volumeMounts: [{ name: 'html', mountPath: '/usr/share/nginx/html' }] }],
    });
    step(20);
    const ip = pod('site').status?.podIP ?? '';
    expect(execOk('web', ['curl', '-s', `http://${ip}/`]).stdout).toBe('hello from init\n');
  });
});
