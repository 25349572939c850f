/**
 * Control-plane components live and die with their static Pods on the control-plane node (kubelet
 * runtime state, not typed commands): kube-scheduler, kube-controller-manager and kube-apiserver.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/shared/api/core.js';
import { PODS } from '../../../src/main/cluster/client/resources.js';
import { LabSession } from '../../../src/main/lab/lab-session.js';
import { ScriptRunner } from '../../../src/main/shell/script-runner.js';
import { expectOk, podManifest } from '../helpers/cluster.js';

let session: LabSession | undefined;

afterEach(() => {
  session?.dispose();
  session = undefined;
});

async function run(s: LabSession, script: string): Promise<{ out: string; err: string }> {
  const shell = s.createShell({ interactive: false });
  let out = '';
  let err = '';
  await new ScriptRunner(shell, { stdout: { write: (t) => (out += t) }, stderr: { write: (t) => (err += t) } }).run(script);
  return { out, err };
}

function start(): LabSession {
  session = new LabSession({ seed: 1, virtualClock: true });
  return session;
}

describe('kube-scheduler follows its static Pod', () => {
  it('stops when the manifest is moved away (new Pods stay Pending) and schedules again when it returns', async () => {
    const s = start();
    const client = s.lab.client('test');
    await run(s, 'ssh controlplane mv /etc/kubernetes/manifests/kube-scheduler.yaml /root/\nsleep 25\n');
    expect(s.lab.isComponentRunning('kube-scheduler')).toBe(false);
    expect(expectOk(client.list<Pod>(PODS, 'kube-system')).items.map((p) => p.metadata.name)).not.toContain('kube-scheduler-controlplane');
    expectOk(client.create(PODS, 'default', podManifest('web', { image: 'nginx:1.27' })));
    await run(s, 'sleep 60\n');
    const pending = expectOk(client.get<Pod>(PODS, 'default', 'web'));
    expect(pending.spec.nodeName).toBeUndefined();
    expect(pending.status?.phase).toBe('Pending');
    await run(s, 'ssh controlplane mv /root/kube-scheduler.yaml /etc/kubernetes/manifests/\nsleep 25\n');
    expect(s.lab.isComponentRunning('kube-scheduler')).toBe(true);
    const scheduled = expectOk(client.get<Pod>(PODS, 'default', 'web'));
    expect(scheduled.spec.nodeName).toMatch(/^node0[12]$/);
  });

  it('stays stopped while its image cannot be pulled (ErrImagePull), and runs again once fixed', async () => {
    const s = start();
    await run(s, "ssh controlplane \"sed -i 's/kube-scheduler:v1.32.4/kube-scheduler:v1.32.99/' /etc/kubernetes/manifests/kube-scheduler.yaml\"\nsleep 30\n");
    expect(s.lab.isComponentRunning('kube-scheduler')).toBe(false);
    const { out } = await run(s, 'kubectl get pod -n kube-system kube-scheduler-controlplane --no-headers\n');
    expect(out).toMatch(/^kube-scheduler-controlplane +0\/1 +(ErrImagePull|ImagePullBackOff) /);
    await run(s, "ssh controlplane \"sed -i 's/v1.32.99/v1.32.4/' /etc/kubernetes/manifests/kube-scheduler.yaml\"\nsleep 30\n");
    expect(s.lab.isComponentRunning('kube-scheduler')).toBe(true);
  });
});

describe('a misspelt flag in a control-plane manifest', () => {
  it('makes kube-scheduler exit 1 with cobra\'s "Error: unknown flag" and crash-loop; the scheduler stays stopped', async () => {
    const s = start();
    await run(s, "ssh controlplane \"sed -i 's/--kubeconfig=/--kubeconfigg=/' /etc/kubernetes/manifests/kube-scheduler.yaml\"\nsleep 40\n");
    expect(s.lab.isComponentRunning('kube-scheduler')).toBe(false);
    const { out } = await run(s, 'kubectl get pod -n kube-system kube-scheduler-controlplane --no-headers\n');
    expect(out).toMatch(/^kube-scheduler-controlplane +0\/1 +(CrashLoopBackOff|Error) +[1-9]/);
    const pod = expectOk(s.lab.client('test').get<Pod>(PODS, 'kube-system', 'kube-scheduler-controlplane'));
    const log = s.lab.kubelets.get('controlplane')!.readContainerLog(pod, 'kube-scheduler', 'current');
    expect(log?.map((l) => `${l.stream}: ${l.text}`)).toEqual(['stderr: Error: unknown flag: --kubeconfigg']);
    // The kubelet's journal says why: pod_workers' sync error with the CrashLoopBackOff text.
    const lines = s.lab.nodes.get('controlplane')!.journal.read('kubelet.service').map((e) => e.message);
    expect(lines.some((m) => m.includes('pod_workers.go:1301] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"kube-scheduler\\" with CrashLoopBackOff: \\"back-off '))).toBe(true);
  });
});

describe('kube-controller-manager follows its static Pod', () => {
  it('stops with its manifest gone: a ReplicaSet gets no Pods until it is back', async () => {
    const s = start();
    await run(s, 'ssh controlplane mv /etc/kubernetes/manifests/kube-controller-manager.yaml /tmp/\nsleep 25\n');
    expect(s.lab.isComponentRunning('kube-controller-manager')).toBe(false);
    const rs = "cat > rs.yaml <<'EOF'\napiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\nEOF\nkubectl apply -f rs.yaml\nsleep 10\nkubectl get pods -l app=web --no-headers | wc -l\n";
    expect((await run(s, rs)).out).toBe('replicaset.apps/web created\n0\n');
    const back = await run(s, 'ssh controlplane mv /tmp/kube-controller-manager.yaml /etc/kubernetes/manifests/\nsleep 30\nkubectl get pods -l app=web --no-headers | wc -l\n');
    expect(back.out).toBe('2\n');
  });
});

describe('kube-apiserver follows its static Pod', () => {
  it("refuses kubectl on the bastion while its manifest is gone (kubectl's connection-refused message)", async () => {
    const s = start();
    const { err } = await run(s, 'ssh controlplane mv /etc/kubernetes/manifests/kube-apiserver.yaml /root/\nsleep 25\nkubectl get nodes\n');
    expect(err).toBe('The connection to the server 192.168.200.10:6443 was refused - did you specify the right host or port?\n');
    const { out } = await run(s, 'ssh controlplane mv /root/kube-apiserver.yaml /etc/kubernetes/manifests/\nsleep 25\nkubectl get nodes --no-headers | wc -l\n');
    expect(out).toBe('3\n');
  });

  it('is refused while etcd does not run (a broken etcd manifest), and serves again once etcd is fixed', async () => {
    const s = start();
    const broken = await run(s, 'ssh controlplane "sed -i s#/etcd:#/etcd-typo:# /etc/kubernetes/manifests/etcd.yaml"\nsleep 30\nkubectl get nodes\n');
    expect(broken.err).toBe('The connection to the server 192.168.200.10:6443 was refused - did you specify the right host or port?\n');
    const fixed = await run(s, 'ssh controlplane "sed -i s#/etcd-typo:#/etcd:# /etc/kubernetes/manifests/etcd.yaml"\nsleep 30\nkubectl get nodes --no-headers | wc -l\n');
    expect(fixed.err).toBe('');
    expect(fixed.out).toBe('3\n');
  });
});
