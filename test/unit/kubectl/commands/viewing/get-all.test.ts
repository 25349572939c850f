/** `kubectl get all` and `delete all`: the `all` category expands from discovery, preferred versions only. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubectlLab } from '../../lab.js';

let lab: KubectlLab;

beforeEach(() => {
  lab = new KubectlLab();
});

afterEach(() => {
  lab.dispose();
});

describe('the all category', () => {
  it('lists every workload type with type-qualified names, one table per type, in discovery order', async () => {
    await lab.run('kubectl create deployment web --image=nginx:1.25 --replicas=1\nkubectl expose deployment web --port=80\nlab step 30s');
    const r = await lab.run('kubectl get all');
    expect(r.stderr).toBe('');
    const headers = r.stdout.split('\n').filter((l) => l.startsWith('NAME '));
    expect(headers.map((h) => h.split(/\s+/)[1])).toEqual(['READY', 'TYPE', 'READY', 'DESIRED']);
    const names = r.stdout.split('\n').filter((l) => l && !l.startsWith('NAME ')).map((l) => l.split(/\s+/)[0]!.replace(/-[a-z0-9]+(-[a-z0-9]{5})?$/, ''));
    expect(names).toEqual(['pod/web', 'service/kubernetes', 'service/web', 'deployment.apps/web', 'replicaset.apps/web']);
    expect(r.stdout).toContain('\n\nNAME ');
  });

  it('counts the HorizontalPodAutoscaler once (autoscaling/v2, the preferred version)', async () => {
    await lab.run('kubectl create deployment web --image=nginx:1.25\nkubectl autoscale deployment web --max=3\nlab step 5s');
    const r = await lab.run('kubectl get all -o name');
    expect(r.stdout.split('\n').filter((l) => l.startsWith('horizontalpodautoscaler'))).toEqual(['horizontalpodautoscaler.autoscaling/web']);
  });

  it('says no resources were found in an empty namespace, and delete all --all removes the workloads', async () => {
    await lab.run('kubectl create namespace empty');
    expect(await lab.run('kubectl get all -n empty')).toMatchObject({ stdout: '', stderr: 'No resources found in empty namespace.\n', status: 0 });
    await lab.run('kubectl create deployment web --image=nginx:1.25 -n empty\nlab step 30s');
    const deleted = await lab.run('kubectl delete all --all -n empty');
    expect(deleted.stdout).toMatch(/^pod "web-[a-z0-9]+-[a-z0-9]{5}" deleted\ndeployment.apps "web" deleted\nreplicaset.apps "web-[a-z0-9]+" deleted\n$/);
  });
});
