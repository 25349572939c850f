/** Commands that run until Ctrl+C or until the container ends: `logs -f`, `port-forward`, `attach`. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubectlLab } from '../../lab.js';
import { MULTI_POD, SHORT_POD, applyScript, runInterrupted } from './fixtures.js';

let lab: KubectlLab;

beforeEach(async () => {
  lab = new KubectlLab();
  const setup = await lab.run(`kubectl apply -f nginx-pod.yaml\n${applyScript(MULTI_POD)}lab step 30s`);
  expect(setup.stderr).toBe('');
});

afterEach(() => {
  expect(lab.session.lab.componentErrors).toEqual([]);
  lab.dispose();
});

describe('kubectl logs -f', () => {
  it('prints new lines as the container writes them, until Ctrl+C', async () => {
    const r = await runInterrupted(lab, 'kubectl logs -f multi -c app --tail=1', 12_000);
    expect(r.interrupted).toBe(true);
    expect(r.stdout).toBe('tick 5\ntick 6\ntick 7\n');
    expect(r.stderr).toBe('');
  });

  it('ends by itself when the container exits', async () => {
    const r = await lab.run(`${applyScript(SHORT_POD)}lab step 3s\nkubectl logs -f short\necho status=$?`);
    expect(r.stdout).toBe('pod/short created\nclock: 2025-01-01T00:00:33Z (+3s)\none\ntwo\nthree\nstatus=0\n');
  });

  it('follows several containers at once, with prefixes', async () => {
    const r = await runInterrupted(lab, 'kubectl logs -f multi --all-containers --prefix --tail=0', 6_000);
    expect(r.stdout).toBe('[pod/multi/app] tick 6\n');
  });
});

describe('kubectl port-forward', () => {
  it('prints the listeners for both loopbacks and holds them until Ctrl+C', async () => {
    const r = await runInterrupted(lab, 'kubectl port-forward pod/nginx-pod 8080:80', 60_000);
    expect(r).toMatchObject({ stdout: 'Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n', stderr: '', interrupted: true });
  });

  it('uses the remote port locally when only one is given, and listens where --address says', async () => {
    const r = await runInterrupted(lab, 'kubectl port-forward nginx-pod 80 --address 0.0.0.0', 5_000);
    expect(r.stdout).toBe('Forwarding from 0.0.0.0:80 -> 80\n');
  });

  it('forwards a Service port to its target port on one of its Pods', async () => {
    const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: nginx\n  ports:\n  - name: http\n    port: 8080\n    targetPort: 80\n';
    await lab.run(applyScript(service));
    expect((await runInterrupted(lab, 'kubectl port-forward svc/web 9000:http', 5_000)).stdout).toBe('Forwarding from 127.0.0.1:9000 -> 80\nForwarding from [::1]:9000 -> 80\n');
    expect((await runInterrupted(lab, 'kubectl port-forward svc/web 8080', 5_000)).stdout).toBe('Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n');
    expect((await lab.run('kubectl port-forward svc/web 9000:81')).stderr).toBe('error: Service web does not have a service port 81\n');
  });

  it('reports a lost connection when the Pod goes away', async () => {
    const client = lab.session.lab.client('test');
    lab.session.lab.clock.schedule(5_000, () => void client.delete({ group: '', version: 'v1', resource: 'pods' }, 'default', 'nginx-pod', { gracePeriodSeconds: 0 }));
    const r = await runInterrupted(lab, 'kubectl port-forward nginx-pod 8080:80', 120_000);
    expect(r.interrupted).toBe(false);
    expect(r.stderr).toBe('error: lost connection to pod\n');
    expect(r.status).toBe(1);
  });

  it('fails as kubectl does', async () => {
    const cases: Array<[string, string]> = [
      ['kubectl port-forward nginx-pod', "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n"],
      ['kubectl port-forward nope 8080:80', 'Error from server (NotFound): pods "nope" not found\n'],
      ['kubectl port-forward nginx-pod 8080:http', "error: Pod 'nginx-pod' does not have a named port 'http'\n"],
      ['kubectl port-forward nginx-pod 8080:', 'error: remote port cannot be empty\n'],
    ];
    for (const [command, stderr] of cases) expect(await lab.run(command), command).toMatchObject({ stdout: '', stderr, status: 1 });
    const pending = await lab.run('kubectl create deployment late --image=nginx:1.25\nkubectl port-forward deploy/late 8080:80');
    expect(pending.stderr).toBe('error: unable to forward port because pod is not running. Current status=Pending\n');
  });
});

describe('kubectl attach', () => {
  it('says how to get a prompt, then streams what the container writes from now on', async () => {
    const r = await runInterrupted(lab, 'kubectl attach multi', 6_000);
    expect(r.output).toBe('!Defaulted container "app" out of: app, sidecar, setup (init)\n!If you don\'t see a command prompt, try pressing enter.\ntick 6\n');
  });

  it('fails as kubectl does', async () => {
    expect(await lab.run('kubectl attach')).toMatchObject({ stderr: 'error: at least 1 argument is required for attach\n', status: 1 });
    expect(await lab.run('kubectl attach a b c')).toMatchObject({ stderr: 'error: expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw 3: [a b c]\n', status: 1 });
    expect(await lab.run('kubectl attach multi -c nope')).toMatchObject({ stderr: 'error: cannot attach to the container: container nope not found in pod multi\n', status: 1 });
  });
});
