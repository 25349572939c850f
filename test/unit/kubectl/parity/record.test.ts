/**
 * `--record`: deprecated in kubectl 1.32 but still honoured — pflag's notice, and the command line
 * written to `kubernetes.io/change-cause`, which `kubectl rollout history` shows.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../src/shared/api/meta.js';
import { DEPLOYMENTS } from '../../../../src/main/cluster/client/resources.js';
import { KubectlLab } from '../lab.js';

let lab: KubectlLab;

beforeEach(async () => {
  lab = new KubectlLab();
  await lab.run('kubectl create deployment web --image=nginx:1.25 --replicas=2\nlab step 30s');
});

afterEach(() => lab.dispose());

function changeCause(): string | undefined {
  const got = lab.session.lab.client('test').get<KubeObject>(DEPLOYMENTS, 'default', 'web');
  return got.ok ? got.value.metadata.annotations?.['kubernetes.io/change-cause'] : undefined;
}

describe('kubectl … --record', () => {
  it('records the command line, flags last by their long names, for rollout history', async () => {
    const set = await lab.run('kubectl set image deploy/web nginx=nginx:1.27 --record -n default');
    expect(set.stdout).toBe('deployment.apps/web image updated\n');
    await lab.run('lab step 30s');
    const cause = 'kubectl set image deploy/web nginx=nginx:1.27 --record=true --namespace=default';
    expect(changeCause()).toBe(cause);
    const history = await lab.run('kubectl rollout history deployment/web');
    expect(history.stdout).toBe(`deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         ${cause}\n\n`);
  });

  it('records nothing without it or with --record=false', async () => {
    await lab.run('kubectl set image deploy/web nginx=nginx:1.26 --record=false\nkubectl label deploy web tier=front');
    expect(changeCause()).toBeUndefined();
  });

  it('records scale, label, annotate and patch, each with its own command line', async () => {
    await lab.run('kubectl scale deploy/web --replicas=3 --record');
    expect(changeCause()).toBe('kubectl scale deploy/web --replicas=3 --record=true');
    await lab.run('kubectl label deploy web tier=front --record');
    expect(changeCause()).toBe('kubectl label deploy web tier=front --record=true');
    await lab.run('kubectl annotate deploy web note=hi --record');
    expect(changeCause()).toBe('kubectl annotate deploy web note=hi --record=true');
    const patched = await lab.run(`kubectl patch deploy web -p '{"spec":{"replicas":4}}' --record -o jsonpath='{.metadata.annotations.kubernetes\\.io/change-cause}'`);
    expect(patched.stdout).toBe('kubectl patch deploy web --patch={"spec":{"replicas":4}} --record=true --output=jsonpath={.metadata.annotations.kubernetes\\.io/change-cause}');
    expect(changeCause()).toBe(patched.stdout);
  });

  it('records into a --local object as kubectl 1.32 prints it (stdout captured from the real one)', async () => {
    await lab.run(`kubectl create deployment web --image=nginx:1.25 --dry-run=client -o yaml > deploy.yaml`);
    const yaml = await lab.run('kubectl set image -f deploy.yaml nginx=nginx:1.27 --local --record -o yaml');
    expect(yaml.stdout.split('\n').slice(0, 7).join('\n')).toBe(
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  annotations:',
        '    kubernetes.io/change-cause: kubectl set image nginx=nginx:1.27 --filename=deploy.yaml',
        '      --local=true --record=true --output=yaml',
        '  creationTimestamp: null',
      ].join('\n'),
    );
    const json = await lab.run("kubectl set resources -f deploy.yaml --limits=cpu=1 --local --record -o jsonpath='{.metadata.annotations}'");
    expect(json.stdout).toBe(
      '{"kubernetes.io/change-cause":"kubectl set resources --filename=deploy.yaml --limits=cpu=1 --local=true --record=true --output=jsonpath={.metadata.annotations}"}',
    );
  });

  it('records apply (inside last-applied too) and edit, with pflag’s deprecation notice on stderr', async () => {
    await lab.run('kubectl create deployment web --image=nginx:1.26 --dry-run=client -o yaml > web.yaml');
    const applied = await lab.run('kubectl apply -f web.yaml --record');
    expect(applied).toMatchObject({ stdout: 'deployment.apps/web configured\n', status: 0 });
    expect(applied.stderr.split('\n')[0]).toBe('Flag --record has been deprecated, --record will be removed in the future');
    expect(applied.stderr.split('\n')[1]).toMatch(/^Warning: resource deployments\/web is missing the kubectl.kubernetes.io\/last-applied-configuration annotation/);
    expect(changeCause()).toBe('kubectl apply --filename=web.yaml --record=true');
    const lastApplied = await lab.run("kubectl get deploy web -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'");
    expect(lastApplied.stdout).toContain('"kubernetes.io/change-cause":"kubectl apply --filename=web.yaml --record=true"');
    lab.session.attachEditor({
      edit: async ({ host, path }) => {
        const fs = lab.session.lab.hosts.get(host)!.fs;
        fs.writeFile(path, fs.readFile(path).replace('replicas: 2', 'replicas: 3'));
        return { saved: true };
      },
    });
    const edited = await lab.run('kubectl edit deploy/web --record');
    expect(edited).toMatchObject({ stdout: 'deployment.apps/web edited\n', status: 0 });
    expect(changeCause()).toBe('kubectl edit deploy/web --record=true');
  });

  it('leaves a --local label or annotate unrecorded, as kubectl does', async () => {
    await lab.run(`kubectl run p --image=busybox --dry-run=client -o yaml > pod.yaml`);
    const labeled = await lab.run('kubectl label -f pod.yaml a=b --local --record -o jsonpath={.metadata.annotations}');
    expect(labeled).toMatchObject({ stdout: '', status: 0 });
  });
});
