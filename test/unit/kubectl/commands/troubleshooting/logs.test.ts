/** `kubectl logs`: containers and their defaults, workloads and selectors, options, kubectl's errors. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubectlLab } from '../../lab.js';
import { CRASH_POD, MULTI_POD, applyScript } from './fixtures.js';

let lab: KubectlLab;

beforeEach(async () => {
  lab = new KubectlLab();
  const setup = await lab.run(`${applyScript(MULTI_POD)}kubectl create deployment web --image=nginx:1.25 --replicas=2\nlab step 61s`);
  expect(setup.stderr).toBe('');
});

afterEach(() => {
  expect(lab.session.lab.componentErrors).toEqual([]);
  lab.dispose();
});

const ticks = (from: number, to: number, prefix = ''): string => Array.from({ length: to - from + 1 }, (_, i) => `${prefix}tick ${from + i}\n`).join('');
const DEFAULTED = 'Defaulted container "app" out of: app, sidecar, setup (init)\n';

describe('kubectl logs', () => {
  it('defaults to the first container, saying so when the Pod has several', async () => {
    const r = await lab.run('kubectl logs multi');
    expect(r.stderr).toBe(DEFAULTED);
    expect(r.stdout).toBe(ticks(0, 11));
    expect(r.status).toBe(0);
  });

  it('reads the named container, with -c or as a second argument', async () => {
    expect(await lab.run('kubectl logs multi -c sidecar')).toMatchObject({ stdout: 'sidecar up\n', stderr: '', status: 0 });
    expect(await lab.run('kubectl logs multi setup')).toMatchObject({ stdout: 'preparing\n', stderr: '', status: 0 });
  });

  it('follows the default-container annotation quietly', async () => {
    const client = lab.session.lab.client('test');
    client.patch({ group: '', version: 'v1', resource: 'pods' }, 'default', 'multi', 'merge', { metadata: { annotations: { 'kubectl.kubernetes.io/default-container': 'sidecar' } } });
    expect(await lab.run('kubectl logs multi')).toMatchObject({ stdout: 'sidecar up\n', stderr: '', status: 0 });
  });

  it('prints every container with --all-containers, prefixed with --prefix', async () => {
    const r = await lab.run('kubectl logs multi --all-containers --prefix --tail=2');
    expect(r.stdout).toBe(`[pod/multi/setup] preparing\n${ticks(10, 11, '[pod/multi/app] ')}[pod/multi/sidecar] sidecar up\n`);
    expect(r.stderr).toBe('');
  });

  it('applies --tail, --since, --since-time and --timestamps', async () => {
    expect((await lab.run('kubectl logs multi -c app --tail=3')).stdout).toBe(ticks(9, 11));
    expect((await lab.run('kubectl logs multi -c app --since=12s')).stdout).toBe(ticks(10, 11));
    expect((await lab.run('kubectl logs multi -c app --since-time=2025-01-01T00:00:52Z')).stdout).toBe(ticks(10, 11));
    const stamped = (await lab.run('kubectl logs multi -c app --tail=1 --timestamps')).stdout;
    expect(stamped).toMatch(/^2025-01-01T00:00:5\d(\.\d+)?Z tick 11\n$/);
  });

  it('takes the last 10 lines of each Pod a selector matches', async () => {
    const r = await lab.run('kubectl logs -l app=multi -c app');
    expect(r.stdout).toBe(ticks(2, 11));
    expect(await lab.run('kubectl logs -l app=none')).toMatchObject({ stdout: '', stderr: 'No resources found in default namespace.\n', status: 0 });
  });

  it('picks one Pod of a Deployment and says which', async () => {
    const r = await lab.run('kubectl logs deploy/web --tail=1');
    expect(r.stderr).toMatch(/^Found 2 pods, using pod\/web-[a-z0-9]+-[a-z0-9]{5}\n$/);
    expect(r.stdout).toBe('2025/01/01 00:00:04 [notice] 1#1: start worker process 30\n');
    const all = await lab.run('kubectl logs deploy/web --all-pods --tail=1');
    expect(all.stderr).toBe('');
    expect(all.stdout.split('\n').filter(Boolean)).toHaveLength(2);
    expect(all.stdout).toMatch(/^\[pod\/web-[a-z0-9-]+\/nginx\] /);
  });

  it('reads the previous instance of a crashing container', async () => {
    await lab.run(`${applyScript(CRASH_POD)}lab step 60s`);
    expect(await lab.run('kubectl logs crash -p')).toMatchObject({ stdout: 'dying\n', stderr: '', status: 0 });
    const first = await lab.run(`${applyScript(CRASH_POD.replace('name: crash\n', 'name: fresh\n'))}kubectl logs fresh -p`);
    expect(first.stderr).toBe('Error from server (BadRequest): previous terminated container "crash" in pod "fresh" not found\n');
  });

  it('reports a container still starting as the API server words it', async () => {
    const r = await lab.run('kubectl create deployment late --image=nginx:1.25\nkubectl logs deploy/late');
    expect(r.stderr).toMatch(/^Error from server \(BadRequest\): container "nginx" in pod "late-[a-z0-9]+-[a-z0-9]{5}" is (waiting to start: ContainerCreating|waiting to start - no logs yet)\n$/);
    expect(r.status).toBe(1);
  });

  it('fails as kubectl does', async () => {
    const cases: Array<[string, string]> = [
      ['kubectl logs', "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n"],
      ['kubectl logs multi -l app=multi', "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n"],
      ['kubectl logs nope', 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n'],
      ['kubectl logs deploy/nope', 'error: error from server (NotFound): deployments.apps "nope" not found in namespace "default"\n'],
      ['kubectl logs multi -c nope', 'error: container nope is not valid for pod multi\n'],
      ['kubectl logs multi -c app sidecar', 'error: only one of -c or an inline [CONTAINER] arg is allowed\n'],
      ['kubectl logs multi --all-containers -c app', 'error: --all-containers=true should not be specified with container name app\n'],
      ['kubectl logs multi --since=1m --since-time=2025-01-01T00:00:00Z', 'error: at most one of `sinceTime` or `sinceSeconds` may be specified\n'],
      ['kubectl logs multi --tail=-2', 'error: --tail must be greater than or equal to -1\n'],
      ['kubectl logs configmap/kube-root-ca.crt', 'error: cannot get the logs from *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n'],
      ['kubectl logs -f -l app=multi --all-containers --max-log-requests=2', 'error: you are attempting to follow 3 log streams, but maximum allowed concurrency is 2, use --max-log-requests to increase the limit\n'],
    ];
    for (const [command, stderr] of cases) {
      expect(await lab.run(command), command).toMatchObject({ stdout: '', stderr, status: 1 });
    }
  });
});
