/** `kubectl wait` (conditions, jsonpath, delete, create, timeouts) and `kubectl diff` (unified diff, exit codes). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubectlLab } from '../../lab.js';
import { webDeployment, writeFile } from './fixtures.js';

let lab: KubectlLab;

beforeEach(async () => {
  lab = new KubectlLab();
  expect((await lab.run(`${writeFile('web.yaml', webDeployment())}\nkubectl apply -f web.yaml -f nginx-pod.yaml`)).stderr).toBe('');
});

afterEach(() => {
  expect(lab.session.lab.componentErrors).toEqual([]);
  lab.dispose();
});

describe('kubectl wait', () => {
  it('waits on the simulated clock until a condition holds', async () => {
    const start = lab.now();
    expect(await lab.run('kubectl wait --for=condition=Ready pod/nginx-pod')).toMatchObject({ stdout: 'pod/nginx-pod condition met\n', status: 0 });
    expect(lab.now()).toBeGreaterThan(start);
    expect((await lab.run('kubectl wait --for=condition=Available deployment/web --timeout=60s')).stdout).toBe('deployment.apps/web condition met\n');
    expect((await lab.run("kubectl wait --for=jsonpath='{.status.phase}'=Running pod/nginx-pod")).stdout).toBe('pod/nginx-pod condition met\n');
    expect((await lab.run('kubectl wait --for=condition=ready=TRUE pods -l app=web')).stdout.split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('times out after --timeout with kubectl\'s message', async () => {
    await lab.run('lab step 30s');
    const start = lab.now();
    expect(await lab.run('kubectl wait --for=condition=Ready=false pod/nginx-pod --timeout=7s')).toMatchObject({
      stderr: 'error: timed out waiting for the condition on pods/nginx-pod\n',
      status: 1,
    });
    expect(lab.now() - start).toBe(7000);
    expect((await lab.run('kubectl wait --for=condition=Ready=false pod/nginx-pod --timeout=0')).stderr).toBe('error: condition not met for pods/nginx-pod\n');
  });

  it('waits for deletion and for creation', async () => {
    await lab.run('lab step 30s\nkubectl delete pod nginx-pod --wait=false');
    expect((await lab.run('kubectl wait --for=delete pod/nginx-pod')).stdout).toBe('pod/nginx-pod condition met\n');
    expect(lab.pod('nginx-pod')).toBeUndefined();
    expect((await lab.run('kubectl wait --for=delete pod/nginx-pod')).output).toBe('');
    expect((await lab.run('kubectl wait --for=create pod/later --timeout=2s')).stderr).toBe('error: timed out waiting for the condition\n');
    expect((await lab.run('kubectl wait --for=create deployment/web')).stdout).toBe('deployment.apps/web condition met\n');
  });

  it('explains bad conditions and empty selections', async () => {
    expect((await lab.run('kubectl wait pod/nginx-pod --for=ready')).stderr).toBe('error: unrecognized condition: "ready"\n');
    expect((await lab.run('kubectl wait --for=condition=Ready pods -l app=none')).stderr).toBe('error: no matching resources found\n');
    expect((await lab.run('kubectl wait --for=condition=Ready pod/nope')).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });
});

describe('kubectl diff', () => {
  it('prints a unified diff of live and merged objects and exits 1', async () => {
    await lab.run(`lab step 30s\nsed -i 's/nginx:1.25/nginx:1.26/' web.yaml`);
    const r = await lab.run('kubectl diff -f web.yaml');
    expect(r.status).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^diff -u -N \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web \/tmp\/MERGED-\d+\/apps\.v1\.Deployment\.default\.web$/);
    expect(lines[1]).toMatch(/^--- \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \+0000$/);
    expect(lines[2]).toMatch(/^\+\+\+ \/tmp\/MERGED-\d+\//);
    expect(lines).toEqual(expect.arrayContaining(['-  generation: 1', '+  generation: 2', '-      - image: nginx:1.25', '+      - image: nginx:1.26']));
    expect(r.stdout).not.toContain('managedFields');
    expect((await lab.run('kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].image}')).stdout).not.toContain('1.26');
  });

  it('exits 0 with no output when nothing would change, and shows new objects whole', async () => {
    expect(await lab.run('kubectl diff -f nginx-pod.yaml')).toMatchObject({ stdout: '', status: 0 });
    await lab.run(`${writeFile('new.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n')}`);
    const r = await lab.run('kubectl diff -f new.yaml');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/--- \/tmp\/LIVE-\d+\/v1\.ConfigMap\.default\.settings\t1970-01-01 00:00:00\.000000000 \+0000\n/);
    expect(r.stdout).toContain('\n+data:\n+  mode: fast\n');
  });

  it('needs -f and exits 2 on errors', async () => {
    expect(await lab.run('kubectl diff')).toMatchObject({ stderr: 'error: must specify one of -f and -k\n', status: 2 });
  });
});
