/**
 * The node OS through the learner's shell: systemctl, journalctl and crictl on kubeadm nodes, the
 * kubelet service really stopping that node's Kubelet, and the kubelet's own start-up checks.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Lease, Node, Pod } from '../../../../src/shared/api/core.js';
import { LEASES, NODES, PODS } from '../../../../src/main/cluster/client/resources.js';
import { LabSession } from '../../../../src/main/lab/lab-session.js';
import { ScriptRunner } from '../../../../src/main/shell/script-runner.js';
import { expectOk } from '../../helpers/cluster.js';

let session: LabSession | undefined;

afterEach(() => {
  session?.dispose();
  session = undefined;
});

function start(): LabSession {
  session = new LabSession({ seed: 1, virtualClock: true });
  return session;
}

async function run(s: LabSession, script: string): Promise<{ out: string; err: string; status: number }> {
  const shell = s.createShell({ interactive: false });
  let out = '';
  let err = '';
  const runner = new ScriptRunner(shell, { stdout: { write: (t) => (out += t) }, stderr: { write: (t) => (err += t) } });
  const status = await runner.run(script);
  return { out, err, status };
}

function readyOf(s: LabSession, node: string): string | undefined {
  const n = expectOk(s.lab.client('test').get<Node>(NODES, undefined, node));
  return n.status?.conditions?.find((c) => c.type === 'Ready')?.status;
}

describe('systemctl', () => {
  it('finds no kubelet on the bastion (systemd: "Unit kubelet.service could not be found.", status 4)', async () => {
    const s = start();
    const { err, out } = await run(s, 'systemctl status kubelet; echo "status $?"\n');
    expect(err).toBe('Unit kubelet.service could not be found.\n');
    expect(out).toBe('status 4\n');
  });

  it('shows a running kubelet as systemd 255 does: Loaded, Drop-In, Active, Main PID and its journal', async () => {
    const s = start();
    const { out } = await run(s, 'ssh node01 systemctl status kubelet\n');
    const lines = out.split('\n');
    expect(lines[0]).toBe('● kubelet.service - kubelet: The Kubernetes Node Agent');
    expect(lines[1]).toBe('     Loaded: loaded (/usr/lib/systemd/system/kubelet.service; enabled; preset: enabled)');
    expect(lines[2]).toBe('    Drop-In: /usr/lib/systemd/system/kubelet.service.d');
    expect(lines[3]).toBe('             └─10-kubeadm.conf');
    // node01 joined 7.5 minutes before the session started.
    expect(lines[4]).toBe('     Active: active (running) since Tue 2024-12-31 23:52:30 UTC; 7min ago');
    expect(out).toMatch(/\n {3}Main PID: \d+ \(kubelet\)\n/);
    expect(out).toContain('/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml');
    expect(out).toMatch(/node01 kubelet\[\d+\]: I1231 23:52:30\.\d{6} +\d+ kubelet_node_status.go:78\] "Successfully registered node" node="node01"\n$/);
  });

  it('stop really stops the Kubelet: no lease renewals, the node goes NotReady (Unknown) after 50 s; start brings it back', async () => {
    const s = start();
    const client = s.lab.client('test');
    const renewTime = (): string | undefined => expectOk(client.get<Lease>(LEASES, 'kube-node-lease', 'node01')).spec.renewTime;
    expect((await run(s, 'ssh node01 systemctl stop kubelet; ssh node01 systemctl is-active kubelet\n')).out).toBe('inactive\n');
    const stoppedAt = renewTime();
    const proxyPod = expectOk(client.list<Pod>(PODS, 'kube-system', { fieldSelector: 'spec.nodeName=node01' })).items[0]!;
    await run(s, 'sleep 30\n');
    expect(renewTime()).toBe(stoppedAt);
    expect(readyOf(s, 'node01')).toBe('True');
    await run(s, 'sleep 30\n');
    // node-monitor-grace-period (50 s): the lifecycle controller marks it Unknown.
    expect(readyOf(s, 'node01')).toBe('Unknown');
    // The Pod's status stays as the kubelet last wrote it (nobody writes it now).
    const after = expectOk(client.get<Pod>(PODS, 'kube-system', proxyPod.metadata.name!));
    expect(after.status?.phase).toBe('Running');
    expect(after.status?.containerStatuses?.[0]?.state?.running).toBeDefined();
    const { out } = await run(s, 'ssh node01 systemctl start kubelet; sleep 5; kubectl get node node01\n');
    expect(out).toMatch(/node01 +Ready /);
    expect(readyOf(s, 'node01')).toBe('True');
    expect(renewTime()).not.toBe(stoppedAt);
  });
});

describe('a broken kubelet configuration', () => {
  it('makes restart fail: activating (auto-restart), status=1/FAILURE, and the kubelet\'s "command failed" line in the journal', async () => {
    const s = start();
    const { out } = await run(
      s,
      'ssh node01 "mv /var/lib/kubelet/config.yaml /root/config.yaml"\nssh node01 systemctl restart kubelet\nssh node01 systemctl status kubelet\nssh node01 journalctl -u kubelet -n 3 --no-pager\n',
    );
    expect(out).toContain('     Active: activating (auto-restart) (Result: exit-code) since Wed 2025-01-01 00:00:00 UTC; now\n');
    expect(out).toMatch(/ {4}Process: \d+ ExecStart=\/usr\/bin\/kubelet \$KUBELET_KUBECONFIG_ARGS \$KUBELET_CONFIG_ARGS \$KUBELET_KUBEADM_ARGS \$KUBELET_EXTRA_ARGS \(code=exited, status=1\/FAILURE\)\n/);
    expect(out).toContain(
      ' run.go:72] "command failed" err="failed to load kubelet config file, path: /var/lib/kubelet/config.yaml, error: failed to load Kubelet config file /var/lib/kubelet/config.yaml, error failed to read kubelet config file \\"/var/lib/kubelet/config.yaml\\", error: open /var/lib/kubelet/config.yaml: no such file or directory"\n',
    );
    expect(out).toMatch(/Jan 01 00:00:00 node01 systemd\[1\]: kubelet.service: Main process exited, code=exited, status=1\/FAILURE\nJan 01 00:00:00 node01 systemd\[1\]: kubelet.service: Failed with result 'exit-code'.\n$/);
  });

  it('recovers when the file is fixed: Restart=always retries every 10 s (RestartSec)', async () => {
    const s = start();
    await run(s, 'ssh node01 "sed -i s/KubeletConfiguration/KubeletConfig/ /var/lib/kubelet/config.yaml"\nssh node01 systemctl restart kubelet\nsleep 25\n');
    const { out } = await run(s, 'ssh node01 journalctl -u kubelet --no-pager | grep -c "command failed"\nssh node01 journalctl -u kubelet | grep "command failed" | tail -1 | grep -o "err=.*"\n');
    // Three attempts: at 0 s, 10 s and 20 s.
    expect(out).toBe(
      '3\nerr="failed to load kubelet config file, path: /var/lib/kubelet/config.yaml, error: failed to load Kubelet config file /var/lib/kubelet/config.yaml, error failed to decode: no kind \\"KubeletConfig\\" is registered for version \\"kubelet.config.k8s.io/v1beta1\\" in scheme \\"pkg/kubelet/apis/config/scheme/scheme.go:33\\""\n',
    );
    await run(s, 'sleep 40\n');
    expect(readyOf(s, 'node01')).toBe('Unknown');
    const fixed = await run(s, 'ssh node01 "sed -i s/KubeletConfig$/KubeletConfiguration/ /var/lib/kubelet/config.yaml"\nsleep 10\nssh node01 systemctl is-active kubelet\nssh node01 journalctl -u kubelet -n 1\n');
    expect(fixed.out).toMatch(/^active\n.*"Successfully registered node" node="node01"\n$/);
    expect(readyOf(s, 'node01')).toBe('True');
  });

  it('warns about a changed drop-in until daemon-reload, then execs the new ExecStart (203/EXEC for a missing binary)', async () => {
    const s = start();
    const { out, err } = await run(
      s,
      'ssh node01 "sed -i s#^ExecStart=/usr/bin/kubelet#ExecStart=/usr/local/bin/kubelet# /usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf"\nssh node01 systemctl status kubelet | head -1\nssh node01 systemctl daemon-reload\nssh node01 systemctl restart kubelet\nssh node01 journalctl -u kubelet -n 4\n',
    );
    expect(err).toBe('');
    expect(out.split('\n')[0]).toBe("Warning: The unit file, source configuration file or drop-ins of kubelet.service changed on disk. Run 'systemctl daemon-reload' to reload units.");
    expect(out).toContain('systemd[1]: kubelet.service: Failed at step EXEC spawning /usr/local/bin/kubelet: No such file or directory\n');
    expect(out).toContain('systemd[1]: kubelet.service: Main process exited, code=exited, status=203/EXEC\n');
  });
});

describe('journalctl -f', () => {
  it('prints the last lines, then new ones as the unit writes them, until Ctrl+C (status 130)', async () => {
    const s = start();
    const shell = s.createShell({ interactive: true });
    const io = { stdout: { write: () => undefined }, stderr: { write: () => undefined }, isTerminal: true };
    await shell.run('ssh node01', io);
    let out = '';
    const ctrlC = new AbortController();
    const following = shell.run('journalctl -u kubelet -f', { ...io, stdout: { write: (t) => (out += t) } }, ctrlC.signal);
    const turns = (n: number): Promise<void> => (n === 0 ? Promise.resolve() : new Promise((r) => setImmediate(() => void turns(n - 1).then(r))));
    await turns(5);
    expect(out.trimEnd().split('\n')).toHaveLength(10);
    const journal = s.lab.nodes.get('node01')!.journal;
    journal.append({ time: s.lab.clock.now(), identifier: 'kubelet', pid: 1234, unit: 'kubelet.service', message: 'a line written while following' });
    journal.append({ time: s.lab.clock.now(), identifier: 'containerd', pid: 99, unit: 'containerd.service', message: 'another unit' });
    await turns(5);
    ctrlC.abort();
    expect(await following).toBe(130);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[10]).toMatch(/ node01 kubelet\[1234\]: a line written while following$/);
  });

  it('is refused in a script, where it could never end', async () => {
    const { err, status } = await run(start(), 'ssh node01 journalctl -f\n');
    expect(err).toBe('journalctl: -f follows forever and would never end in a script; use -n N to see the last lines\n');
    expect(status).toBe(1);
  });
});

describe('crictl', () => {
  it('lists the node\'s containers with crictl 1.32\'s columns and reads their logs', async () => {
    const s = start();
    const { out } = await run(s, 'ssh node01 crictl ps\n');
    const [header, row] = out.split('\n');
    expect(header).toBe('CONTAINER           IMAGE               CREATED             STATE               NAME                ATTEMPT             POD ID              POD                 NAMESPACE');
    expect(row).toMatch(/^[0-9a-f]{13} {7}[0-9a-f]{13} {7}7 minutes ago {7}Running {13}kube-proxy {10}0 {19}[0-9a-f]{13} {7}kube-proxy-\w{5} {4}kube-system$/);
    const id = row!.slice(0, 13);
    const inspect = await run(s, `ssh node01 crictl inspect ${id}\n`);
    expect(JSON.parse(inspect.out).status.metadata).toEqual({ attempt: 0, name: 'kube-proxy' });
    expect(JSON.parse(inspect.out).status.state).toBe('CONTAINER_RUNNING');
  });

  it('shows the exited instance of a crash-looping container with ps -a, its attempt, and its log', async () => {
    const s = start();
    await run(s, "cat > crash.yaml <<'EOF'\napiVersion: v1\nkind: Pod\nmetadata:\n  name: crash\nspec:\n  nodeName: node01\n  containers:\n  - name: c\n    image: busybox:1.36\n    command: ['sh', '-c', 'echo boom; exit 1']\nEOF\nkubectl apply -f crash.yaml\nsleep 15\n");
    // In CrashLoopBackOff after one restart: the latest dead instance is attempt 1.
    const { out } = await run(s, 'ssh node01 crictl ps -a | grep " c "\n');
    const rows = out.trim().split('\n');
    expect(rows.length).toBe(1);
    expect(rows[0]).toMatch(/Exited +c +1 /);
    const logs = await run(s, `ssh node01 crictl logs ${rows[0]!.slice(0, 13)}\n`);
    expect(logs.out).toBe('boom\n');
  });

  it('filters containers and pods by name, namespace, state and label as crictl does (regular expressions)', async () => {
    const s = start();
    await run(s, "cat > two.yaml <<'EOF'\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  nodeName: node01\n  containers:\n  - name: nginx\n    image: nginx:1.25\n  - name: sidecar\n    image: busybox:1.36\n    command: ['sleep', '3600']\nEOF\nkubectl apply -f two.yaml\nsleep 15\n");
    const column = async (cmd: string, n: number): Promise<string[]> =>
      (await run(s, `ssh node01 crictl ${cmd} | tail -n +2\n`)).out.split('\n').filter(Boolean).map((l) => l.split(/ {2,}/)[n]!);
    expect((await column('ps --namespace default', 4)).sort()).toEqual(['nginx', 'sidecar']);
    expect(await column('ps --name ^side', 4)).toEqual(['sidecar']);
    expect(await column('ps --label app=web --name nginx', 4)).toEqual(['nginx']);
    expect(await column('ps --namespace kube-system', 4)).toEqual(['kube-proxy']);
    expect(await column('ps --state exited', 4)).toEqual([]);
    expect(await column('ps --name "("', 4)).toEqual([]);
    expect(await column('pods --namespace default', 3)).toEqual(['web']);
    expect(await column('pods --state notready', 3)).toEqual([]);
    expect(await column('pods --label app=web', 3)).toEqual(['web']);
    const bad = await run(s, 'ssh node01 crictl ps --bogus; echo "status $?"\n');
    expect(bad.err).toBe('Incorrect Usage: flag provided but not defined: -bogus\n');
    expect(bad.out).toBe('status 1\n');
  });

  it('fails like crictl when containerd is stopped (connection refused) and works again after start', async () => {
    const s = start();
    const { err, out } = await run(s, 'ssh node01 systemctl stop containerd\nssh node01 crictl ps; echo "status $?"\nssh node01 systemctl start containerd\nssh node01 crictl ps | wc -l\n');
    expect(err).toBe(
      'FATA[0000] validate service connection: validate CRI v1 runtime API for endpoint "unix:///run/containerd/containerd.sock": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: connection refused"\n',
    );
    expect(out).toBe('status 1\n2\n');
  });
});

describe('containerd', () => {
  it('stopped: the kubelet keeps posting status but Ready=False "container runtime is down" once 30 s passed; start recovers', async () => {
    const s = start();
    await run(s, 'ssh node01 systemctl stop containerd\nsleep 20\n');
    expect(readyOf(s, 'node01')).toBe('True');
    await run(s, 'sleep 20\n');
    const node = expectOk(s.lab.client('test').get<Node>(NODES, undefined, 'node01'));
    expect(node.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'KubeletNotReady', message: 'container runtime is down' });
    const { out } = await run(s, 'kubectl get node node01 --no-headers\nssh node01 systemctl start containerd\nsleep 10\n');
    expect(out).toMatch(/^node01 +NotReady /);
    expect(readyOf(s, 'node01')).toBe('True');
  });
});

describe('ps and ip', () => {
  it('ps aux lists containerd and the kubelet while their services run, in procps columns', async () => {
    const s = start();
    const { out } = await run(s, 'ssh node01 ps aux | head -1\nssh node01 ps aux | grep -c /usr/bin/kubelet\nssh node01 systemctl stop kubelet\nssh node01 ps aux | grep -c /usr/bin/kubelet\nssh node01 ps aux | grep -c kube-proxy\n');
    // After stop, the kubelet is gone but its containers (kube-proxy) keep running under containerd.
    expect(out).toBe('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n1\n0\n1\n');
  });

  it('ip addr shows lo, eth0 with the node address and the CNI bridge on the node\'s Pod CIDR', async () => {
    const s = start();
    const { out } = await run(s, 'ssh node01 ip -br a\nip -4 a show dev eth0 | grep inet\n');
    expect(out).toMatch(/^lo +UNKNOWN +127\.0\.0\.1\/8 ::1\/128 \neth0 +UP +192\.168\.200\.11\/24 fe80::[0-9a-f:]+\/64 \ncni0 +UP +172\.16\.\d+\.1\/24 fe80::[0-9a-f:]+\/64 \n/);
    expect(out.endsWith('    inet 192.168.200.5/24 brd 192.168.200.255 scope global eth0\n')).toBe(true);
  });
});
