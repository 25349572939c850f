/** `kubectl patch` and `kubectl replace`: patch types, subresources, no-change detection, PUT and --force. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Deployment } from '../../../../../src/shared/api/apps.js';
import { DEPLOYMENTS } from '../../../../../src/main/cluster/client/resources.js';
import { KubectlLab } from '../../lab.js';
import { webDeployment, writeFile } from './fixtures.js';

let lab: KubectlLab;

beforeEach(async () => {
  lab = new KubectlLab();
  expect((await lab.run(`${writeFile('web.yaml', webDeployment())}\nkubectl apply -f web.yaml -f nginx-pod.yaml\nlab step 30s`)).stderr).toBe('');
});

afterEach(() => {
  expect(lab.session.lab.componentErrors).toEqual([]);
  lab.dispose();
});

function deployment(): Deployment {
  const got = lab.session.lab.client('test').get<Deployment>(DEPLOYMENTS, 'default', 'web');
  if (!got.ok) throw new Error('no deployment');
  return got.value;
}

describe('kubectl patch', () => {
  it('sends strategic, merge and JSON patches and says when nothing changed', async () => {
    expect((await lab.run(`kubectl patch deployment web -p '{"spec":{"replicas":3}}'`)).stdout).toBe('deployment.apps/web patched\n');
    expect(deployment().spec?.replicas).toBe(3);
    expect((await lab.run(`kubectl patch deployment web -p '{"spec":{"replicas":3}}'`)).stdout).toBe('deployment.apps/web patched (no change)\n');
    expect((await lab.run(`kubectl patch deploy/web --type merge -p 'spec: {minReadySeconds: 5}'`)).stdout).toBe('deployment.apps/web patched\n');
    expect(deployment().spec?.minReadySeconds).toBe(5);
    const json = `kubectl patch deployment web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":1}]'`;
    expect((await lab.run(json)).stdout).toBe('deployment.apps/web patched\n');
    expect(deployment().spec?.replicas).toBe(1);
    expect(deployment().metadata.managedFields?.map((m) => m.manager)).toContain('kubectl-patch');
  });

  it('merges containers by name with a strategic patch', async () => {
    const patch = `{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.26"}]}}}}`;
    expect((await lab.run(`kubectl patch deployment web -p '${patch}'`)).stdout).toBe('deployment.apps/web patched\n');
    const containers = deployment().spec?.template.spec.containers ?? [];
    expect(containers.map((c) => [c.name, c.image])).toEqual([['web', 'nginx:1.26']]);
  });

  it('patches the scale subresource', async () => {
    expect((await lab.run(`kubectl patch deployment web --subresource=scale -p '{"spec":{"replicas":4}}'`)).stdout).toBe('scale.autoscaling/web patched\n');
    expect(deployment().spec?.replicas).toBe(4);
  });

  it('previews with dry runs and prints -o yaml', async () => {
    expect((await lab.run(`kubectl patch deployment web -p '{"spec":{"replicas":5}}' --dry-run=client`)).stdout).toBe('deployment.apps/web patched (dry run)\n');
    expect((await lab.run(`kubectl patch deployment web -p '{"spec":{"replicas":5}}' --dry-run=server`)).stdout).toBe(
      'deployment.apps/web patched (server dry run)\n',
    );
    expect(deployment().spec?.replicas).toBe(2);
    expect((await lab.run(`kubectl patch deployment web -p '{"spec":{"replicas":5}}' -o yaml`)).stdout).toContain('  replicas: 5\n');
  });

  it('explains wrong flags and missing objects', async () => {
    expect((await lab.run('kubectl patch deployment web')).stderr).toBe('error: must specify --patch or --patch-file containing the contents of the patch\n');
    expect((await lab.run(`kubectl patch deployment web --type=foo -p '{}'`)).stderr).toBe('error: --type must be one of [json merge strategic], not "foo"\n');
    expect((await lab.run(`kubectl patch deployment nope -p '{}'`)).stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect((await lab.run(`kubectl patch deployment web -p '{}' --patch-file x.yaml`)).stderr).toBe('error: cannot specify --patch and --patch-file together\n');
  });

  it('reads --patch-file', async () => {
    await lab.run(`${writeFile('patch.yaml', 'spec:\n  replicas: 3\n')}`);
    expect((await lab.run('kubectl patch deployment web --patch-file patch.yaml')).stdout).toBe('deployment.apps/web patched\n');
    expect(deployment().spec?.replicas).toBe(3);
  });
});

describe('kubectl replace', () => {
  it('replaces an object with the file, keeping nothing the file leaves out', async () => {
    await lab.run(`${writeFile('web.yaml', webDeployment({ image: 'nginx:1.26', replicas: 3 }))}`);
    expect(await lab.run('kubectl replace -f web.yaml')).toMatchObject({ stdout: 'deployment.apps/web replaced\n', status: 0 });
    expect(deployment().spec?.replicas).toBe(3);
    expect(deployment().metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBeUndefined();
  });

  it('records the configuration with --save-config', async () => {
    await lab.run('kubectl replace -f web.yaml --save-config');
    expect(deployment().metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toContain('"name":"web"');
  });

  it('reports the server\'s refusal and a missing object with the file named', async () => {
    await lab.run("sed -i 's/containerPort: 80/containerPort: 81/' nginx-pod.yaml");
    const r = await lab.run('kubectl replace -f nginx-pod.yaml');
    expect(r.stderr).toMatch(/^The Pod "nginx-pod" is invalid: spec: Forbidden: pod updates may not change fields other than/);
    expect(r.status).toBe(1);
    await lab.run('kubectl delete pod nginx-pod');
    expect((await lab.run('kubectl replace -f nginx-pod.yaml')).stderr).toBe('Error from server (NotFound): error when replacing "nginx-pod.yaml": pods "nginx-pod" not found\n');
  });

  it('deletes and re-creates with --force', async () => {
    await lab.run("sed -i 's/containerPort: 80/containerPort: 81/' nginx-pod.yaml");
    const uid = lab.pod('nginx-pod')?.metadata.uid;
    expect(await lab.run('kubectl replace --force -f nginx-pod.yaml')).toMatchObject({ stdout: 'pod "nginx-pod" deleted\npod/nginx-pod replaced\n', status: 0 });
    const pod = lab.pod('nginx-pod')!;
    expect(pod.metadata.uid).not.toBe(uid);
    expect(pod.spec.containers[0]?.ports?.[0]?.containerPort).toBe(81);
  });

  it('checks its flags', async () => {
    expect((await lab.run('kubectl replace')).stderr).toBe('error: must specify one of -f and -k\n');
    expect((await lab.run('kubectl replace -f web.yaml --grace-period=5')).stderr).toBe('error: --grace-period must have --force specified\n');
    expect((await lab.run('kubectl replace -f web.yaml --force --dry-run=client')).stderr).toBe('error: --dry-run can not be used when --force is set\n');
  });
});
