/** `kubectl exec`: output and exit codes of the remote process, container choice, stdin, kubectl's errors. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubectlLab } from '../../lab.js';
import { MULTI_POD, SHORT_POD, applyScript } from './fixtures.js';

let lab: KubectlLab;

beforeEach(async () => {
  lab = new KubectlLab();
  const setup = await lab.run(`kubectl apply -f nginx-pod.yaml\n${applyScript(MULTI_POD)}kubectl create deployment web --image=nginx:1.25\nlab step 30s`);
  expect(setup.stderr).toBe('');
});

afterEach(() => {
  expect(lab.session.lab.componentErrors).toEqual([]);
  lab.dispose();
});

describe('kubectl exec', () => {
  it('runs the command and passes on its output', async () => {
    expect(await lab.run('kubectl exec nginx-pod -- cat /etc/hostname')).toMatchObject({ stdout: 'nginx-pod\n', stderr: '', status: 0 });
  });

  it('propagates a failing exit code as kubectl does', async () => {
    const r = await lab.run('kubectl exec nginx-pod -- sh -c "echo out; echo err >&2; exit 3"\necho status=$?');
    expect(r.output).toBe('out\n!err\n!command terminated with exit code 3\nstatus=3\n');
  });

  it('defaults to the first container and says so, or runs in the one named', async () => {
    expect(await lab.run('kubectl exec multi -- hostname')).toMatchObject({ stdout: 'multi\n', stderr: 'Defaulted container "app" out of: app, sidecar, setup (init)\n', status: 0 });
    expect(await lab.run('kubectl exec multi -q -- hostname')).toMatchObject({ stdout: 'multi\n', stderr: '' });
    expect(await lab.run('kubectl exec multi -c sidecar -- hostname')).toMatchObject({ stdout: 'multi\n', stderr: '', status: 0 });
  });

  it('execs into a Pod of a Deployment', async () => {
    const r = await lab.run('kubectl exec deploy/web -- hostname');
    expect(r.stdout).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}\n$/);
    expect(r.stderr).toBe('');
  });

  it('sends piped input with -i, and refuses a TTY without a terminal', async () => {
    expect(await lab.run("echo 'echo from stdin' | kubectl exec -i nginx-pod -- sh")).toMatchObject({ stdout: 'from stdin\n', stderr: '', status: 0 });
    // Not only a shell: any command reads what was piped to kubectl; without -i nothing is sent.
    expect(await lab.run('echo hi | kubectl exec -i nginx-pod -- cat')).toMatchObject({ stdout: 'hi\n', stderr: '', status: 0 });
    expect(await lab.run('echo hi | kubectl exec nginx-pod -- cat')).toMatchObject({ stdout: '', stderr: '', status: 0 });
    const r = await lab.run("echo 'echo hi' | kubectl exec -it nginx-pod -- sh");
    expect(r.output).toBe('!Unable to use a TTY - input is not a terminal or the right kind of file\nhi\n');
  });

  it('changes the container: what exec writes stays there', async () => {
    await lab.run('kubectl exec nginx-pod -- touch /tmp/marker');
    expect(await lab.run('kubectl exec nginx-pod -- ls /tmp')).toMatchObject({ stdout: 'marker\n', status: 0 });
  });

  it('fails as kubectl does', async () => {
    await lab.run(`${applyScript(SHORT_POD)}lab step 30s`);
    const cases: Array<[string, string]> = [
      ['kubectl exec', 'error: pod, type/name or --filename must be specified\n'],
      ['kubectl exec nginx-pod ls', "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n"],
      ['kubectl exec nginx-pod --', 'error: you must specify at least one command for the container\n'],
      ['kubectl exec nope -- ls', 'Error from server (NotFound): pods "nope" not found\n'],
      ['kubectl exec nginx-pod -c nope -- ls', 'Error from server (BadRequest): container nope is not valid for pod nginx-pod\n'],
      ['kubectl exec short -- ls', 'error: cannot exec into a container in a completed pod; current phase is Succeeded\n'],
    ];
    for (const [command, stderr] of cases) expect(await lab.run(command), command).toMatchObject({ stdout: '', stderr, status: 1 });
    const missing = await lab.run('kubectl exec nginx-pod -- nosuchtool');
    expect(missing.stderr).toMatch(/^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuchtool": executable file not found in \$PATH: unknown\n$/);
  });
});
