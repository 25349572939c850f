/**
 * `kubectl debug` end to end: an ephemeral container added through pods/ephemeralcontainers, a copy
 * of the Pod (`--copy-to`, `--set-image`, `--replace`, `--same-node`), a node debugging Pod, the
 * profiles, kubectl's validation messages, and `-it` sessions at a terminal.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TerminalSession } from '../../../../../src/main/shell/terminal-session.js';
import { KubectlLab, nginxPod } from '../../lab.js';

const LEGACY_WARNING = '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n';
const PROMPT = '\x1b[01;32mstudent@bastion\x1b[00m:\x1b[01;34m~\x1b[00m$ ';

let lab: KubectlLab;

beforeEach(async () => {
  lab = new KubectlLab();
  const setup = await lab.run(`cat > web.yaml <<'EOF'\n${nginxPod({ name: 'web' })}EOF\nkubectl apply -f web.yaml\nkubectl annotate pod web note=kept\nlab step 30s`);
  expect(setup.stderr).toBe('');
});

afterEach(() => {
  expect(lab.session.lab.componentErrors).toEqual([]);
  lab.dispose();
});

/** A terminal on the bastion: type lines, read what was shown since the last look. */
async function terminal() {
  const session = new TerminalSession(lab.session.createShell({ interactive: true }), { columns: 100, rows: 30 });
  let raw = '';
  let taken = 0;
  session.onDidOutput((text) => (raw += text));
  await session.start();
  return {
    shown(): string {
      const text = raw.slice(taken);
      taken = raw.length;
      return text.replace(/\r\n/g, '\n');
    },
    async type(...lines: string[]) {
      for (const line of lines) {
        session.input(`${line}\r`);
        await session.whenIdle();
      }
    },
  };
}

describe('kubectl debug POD (ephemeral container)', () => {
  it('adds the container through pods/ephemeralcontainers, and the kubelet runs it beside the others', async () => {
    const r = await lab.run('kubectl debug web --image=busybox:1.36 -c dbg --target=nginx -- sleep 3600');
    expect(r.stdout).toBe('Targeting container "nginx". If you don\'t see processes from this container it may be because the container runtime doesn\'t support this feature.\n');
    expect(r.stderr).toBe(LEGACY_WARNING);
    expect(r.status).toBe(0);
    const pod = lab.pod('web')!;
    expect(pod.spec.ephemeralContainers).toEqual([
      {
        command: ['sleep', '3600'],
        image: 'busybox:1.36',
        imagePullPolicy: 'IfNotPresent',
        name: 'dbg',
        resources: {},
        targetContainerName: 'nginx',
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
      },
    ]);
    expect(pod.metadata.managedFields?.find((m) => m.subresource === 'ephemeralcontainers')).toMatchObject({ manager: 'kubectl', operation: 'Update' });
    await lab.run('lab step 30s');
    const status = lab.pod('web')!.status!;
    expect(status.ephemeralContainerStatuses).toEqual([expect.objectContaining({ name: 'dbg', ready: false, restartCount: 0, image: 'docker.io/library/busybox:1.36', state: { running: expect.any(Object) } })]);
    expect(status.ephemeralContainerStatuses![0]!.started).toBeUndefined();
    // The ephemeral container counts in none of READY, STATUS or RESTARTS.
    expect((await lab.run('kubectl get pod web --no-headers')).stdout).toMatch(/^web\s+1\/1\s+Running\s+0\s/);
    expect((await lab.run('kubectl exec web -c dbg -- cat /etc/hostname')).stdout).toBe('web\n');
    const described = (await lab.run('kubectl describe pod web')).stdout;
    expect(described).toContain('Ephemeral Containers:\n  dbg:\n    Container ID:  containerd://');
    expect(described).toContain('    Image:         busybox:1.36\n');
    expect(described).toMatch(/Ready:\s+False\n\s+Restart Count:\s+0\n\s+Environment:\s+<none>\n\s+Mounts:\s+<none>\nConditions:/);
    expect(described).toMatch(/Normal {2}Started +\d+s +kubelet +Started container dbg\n/);
  });

  it('names the container debugger-xxxxx itself, and the container is never restarted', async () => {
    const r = await lab.run('kubectl debug web --image=busybox:1.36 --profile=general -- sh -c "exit 3"\nlab step 60s');
    expect(r.stderr).toBe('');
    const name = /^Defaulting debug container name to (debugger-[bcdfghjklmnpqrstvwxz2456789]{5})\.\n/.exec(r.stdout)?.[1];
    expect(name).toBeDefined();
    const pod = lab.pod('web')!;
    // The general profile lets the debugger trace processes.
    expect(pod.spec.ephemeralContainers?.[0]).toMatchObject({ name, securityContext: { capabilities: { add: ['SYS_PTRACE'] } } });
    expect(pod.status?.ephemeralContainerStatuses?.[0]).toMatchObject({ restartCount: 0, state: { terminated: { exitCode: 3, reason: 'Error' } } });
    expect(pod.status?.phase).toBe('Running');
  });

  it('reports the API server’s refusals: a taken name, an unknown target', async () => {
    expect(await lab.run('kubectl debug web --image=busybox -c nginx -q')).toMatchObject({
      stdout: '',
      stderr: `${LEGACY_WARNING}The Pod "web" is invalid: spec.ephemeralContainers[0].name: Duplicate value: "nginx"\n`,
      status: 1,
    });
    expect((await lab.run('kubectl debug web --image=busybox -c x --target=nope -q')).stderr).toBe(
      `${LEGACY_WARNING}The Pod "web" is invalid: spec.ephemeralContainers[0].targetContainerName: Not found: "nope"\n`,
    );
    expect(lab.pod('web')!.spec.ephemeralContainers).toBeUndefined();
  });

  it('attaches with -it at a terminal, then says how to reattach', async () => {
    const t = await terminal();
    t.shown();
    await t.type('kubectl debug -it web --image=busybox:1.36 -c dbg --profile=general');
    expect(t.shown()).toBe("kubectl debug -it web --image=busybox:1.36 -c dbg --profile=general\nIf you don't see a command prompt, try pressing enter.\n/ # ");
    await t.type('echo $HOSTNAME', 'exit');
    expect(t.shown()).toBe(`echo $HOSTNAME\nweb\n/ # exit\nSession ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach web -c dbg -i -t' if it is still running\n${PROMPT}`);
    expect(lab.pod('web')!.spec.ephemeralContainers?.[0]).toMatchObject({ stdin: true, tty: true });
    // Once the container ended, a second debugger with the same name is refused; kubectl shows its log instead of attaching.
    await t.type('kubectl debug -it web --image=busybox:1.36 -c dbg2 --profile=general -- echo hello');
    expect(t.shown()).toBe(`kubectl debug -it web --image=busybox:1.36 -c dbg2 --profile=general -- echo hello\nhello\n${PROMPT}`);
  });
});

describe('kubectl debug POD --copy-to', () => {
  it('creates a copy with only images changed, and leaves the original', async () => {
    const r = await lab.run('kubectl debug web --copy-to=web-debug --set-image=*=nginx:alpine --profile=legacy -q');
    expect(r).toMatchObject({ stdout: '', stderr: LEGACY_WARNING, status: 0 });
    const copy = lab.pod('web-debug')!;
    // A --set-image-only copy is made before any profile applies: it keeps the labels too.
    expect(copy.metadata.labels).toEqual({ app: 'nginx' });
    expect(copy.metadata.annotations?.note).toBe('kept');
    expect(copy.spec.containers.map((c) => [c.name, c.image])).toEqual([['nginx', 'nginx:alpine']]);
    expect(lab.pod('web')!.spec.containers[0]!.image).toBe('nginx:1.25');
    await lab.run('lab step 30s');
    // nginx:alpine is built on Alpine: busybox's ls, not GNU's.
    expect((await lab.run('kubectl exec web-debug -- ls /nope')).stderr).toBe('ls: /nope: No such file or directory\ncommand terminated with exit code 1\n');
  });

  it('adds a debug container (legacy: without the labels), and with --replace deletes the original', async () => {
    const r = await lab.run('kubectl debug web --copy-to=web3 --image=busybox:1.36 -c extra -q -- sleep 1d');
    expect(r.stderr).toBe(LEGACY_WARNING);
    expect(lab.pod('web3')!.metadata).toMatchObject({ annotations: { note: 'kept' } });
    expect(lab.pod('web3')!.metadata.labels).toBeUndefined();
  });

  it('with the general profile: shares processes unless told not to, and --replace deletes the original', async () => {
    const r = await lab.run('kubectl debug web --copy-to=web2 --image=busybox:1.36 --share-processes=false --same-node --replace --profile=general -- sleep 1d');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Defaulting debug container name to debugger-\w{5}\.\n$/);
    const copy = lab.pod('web2')!;
    expect(copy.spec.containers.map((c) => c.name)).toEqual(['nginx', expect.stringMatching(/^debugger-/)]);
    expect(copy.spec.containers[1]).toMatchObject({ image: 'busybox:1.36', command: ['sleep', '1d'], securityContext: { capabilities: { add: ['SYS_PTRACE'] } } });
    expect(copy.spec.shareProcessNamespace).toBe(false);
    // general drops what the --keep-* flags do not keep: labels and annotations.
    expect(copy.metadata.labels).toBeUndefined();
    expect(copy.metadata.annotations).toBeUndefined();
    expect(copy.spec.nodeName).toBe('node02');
    expect(lab.pod('web')).toBeUndefined();
  });

  it('changes an existing container’s command and attaches to it', async () => {
    const t = await terminal();
    t.shown();
    await t.type('kubectl debug web -it --copy-to=dbg --container=nginx --profile=general -- sh', 'echo $HOSTNAME', 'exit');
    expect(t.shown()).toBe(
      "kubectl debug web -it --copy-to=dbg --container=nginx --profile=general -- sh\nIf you don't see a command prompt, try pressing enter.\n# echo $HOSTNAME\ndbg\n# exit\nSession ended, resume using 'kubectl attach dbg -c nginx -i -t' command when the pod is running\n" + PROMPT,
    );
    expect(lab.pod('dbg')!.spec.containers[0]).toMatchObject({ name: 'nginx', command: ['sh'], stdin: true, tty: true });
  });
});

describe('kubectl debug node/NAME', () => {
  it('creates a Pod on the node in its namespaces, with / at /host, tolerating every taint', async () => {
    const r = await lab.run('kubectl debug node/controlplane --image=busybox:1.36 -- sleep 1h');
    const name = /^Creating debugging pod (node-debugger-controlplane-\w{5}) with container debugger on node controlplane\.\n$/.exec(r.stdout)?.[1];
    expect(name).toBeDefined();
    expect(r.stderr).toBe(LEGACY_WARNING);
    const pod = lab.pod(name!)!;
    expect(pod.spec).toMatchObject({ nodeName: 'controlplane', hostNetwork: true, hostPID: true, hostIPC: true, restartPolicy: 'Never' });
    expect(pod.spec.tolerations?.[0]).toEqual({ operator: 'Exists' });
    expect(pod.spec.volumes?.[0]).toEqual({ name: 'host-root', hostPath: { path: '/', type: '' } });
    expect(pod.spec.containers[0]!.volumeMounts?.[0]).toEqual({ mountPath: '/host', name: 'host-root' });
    await lab.run('lab step 30s');
    expect(lab.pod(name!)!.status?.phase).toBe('Running');
    // The node's own disk, as the hostPath volume shows it: the static Pod manifests, the kubelet's config.
    expect((await lab.run(`kubectl exec ${name} -- ls /host/etc/kubernetes/manifests`)).stdout).toBe('etcd.yaml\nkube-apiserver.yaml\nkube-controller-manager.yaml\nkube-scheduler.yaml\n');
    expect((await lab.run(`kubectl exec ${name} -- head -1 /host/var/lib/kubelet/config.yaml`)).stdout).toBe('apiVersion: kubelet.config.k8s.io/v1beta1\n');
    expect((await lab.run(`kubectl describe pod ${name}`)).stdout).toMatch(/ {2}host-root:\n {4}Type:\s+HostPath \(bare host directory volume\)\n {4}Path:\s+\/\n/);
  });
});

describe('kubectl debug validation', () => {
  it('refuses what kubectl 1.32 refuses, in its words', async () => {
    const cases: Array<[string, string]> = [
    ['kubectl debug web', 'error: you must specify --image when not using --copy-to.\n'],
    ['kubectl debug web --image=busybox -t', 'error: -i/--stdin is required for containers with -t/--tty=true\n'],
    ['kubectl debug web --image=busybox --replace', 'error: --replace may only be used with --copy-to.\n'],
    ['kubectl debug web --image=busybox --same-node', 'error: --same-node may only be used with --copy-to.\n'],
    ['kubectl debug web --set-image=nginx=nginx:1.27', 'error: --set-image may only be used with --copy-to.\n'],
    ['kubectl debug web --copy-to=x --target=nginx --image=busybox', 'error: --target is incompatible with --copy-to. Use --share-processes instead.\n'],
    ['kubectl debug web --image=Busybox', 'error: invalid image name "Busybox": invalid reference format\n'],
    ['kubectl debug web --image=busybox --profile=foo', 'error: unknown profile: foo\n'],
    ['kubectl debug --image=busybox', 'error: NAME or filename is required for debug\n'],
    ['kubectl debug web --copy-to=x', 'error: you must specify --image, --set-image or command arguments.\n'],
    ['kubectl debug web --copy-to=x -- sh', 'error: you must specify an existing container or a new image when specifying args.\n'],
    ['kubectl debug web --attach', 'error: you must specify --container or create a new container using --image in order to attach.\n'],
    ['kubectl debug web --image=busybox --image-pull-policy=Sometimes', 'error: invalid image pull policy: Sometimes\n'],
    ['kubectl debug web --image=busybox --env=FOO', 'error: invalid argument "FOO" for "--env" flag: FOO must be formatted as key=value\nSee \'kubectl debug --help\' for usage.\n'],
    ['kubectl debug svc/kubernetes --image=busybox', `${LEGACY_WARNING}error: "/v1, Kind=Service" not supported by debug\n`],
    ['kubectl debug nope --image=busybox --profile=general', 'Error from server (NotFound): pods "nope" not found\n'],
    ];
    for (const [command, stderr] of cases) expect(await lab.run(command), command).toMatchObject({ stdout: '', stderr, status: 1 });
    expect(lab.pod('web')!.spec.ephemeralContainers).toBeUndefined();
  });
});
