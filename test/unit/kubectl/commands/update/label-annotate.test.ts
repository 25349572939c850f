/** `kubectl label` and `kubectl annotate`: merge patches, --overwrite, removals, --list, selectors, dry runs. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubectlLab } from '../../lab.js';

let lab: KubectlLab;

beforeEach(async () => {
  lab = new KubectlLab();
  expect((await lab.run('kubectl apply -f nginx-pod.yaml\nlab step 10s')).stderr).toBe('');
});

afterEach(() => {
  expect(lab.session.lab.componentErrors).toEqual([]);
  lab.dispose();
});

describe('kubectl label', () => {
  it('adds, refuses to overwrite, overwrites and removes labels', async () => {
    expect(await lab.run('kubectl label pod nginx-pod tier=frontend')).toMatchObject({ stdout: 'pod/nginx-pod labeled\n', status: 0 });
    expect(lab.pod('nginx-pod')?.metadata.labels).toEqual({ app: 'nginx', tier: 'frontend' });
    expect(await lab.run('kubectl label pod nginx-pod app=web')).toMatchObject({
      stdout: '',
      stderr: "error: 'app' already has a value (nginx), and --overwrite is false\n",
      status: 1,
    });
    expect((await lab.run('kubectl label pod nginx-pod app=web --overwrite')).stdout).toBe('pod/nginx-pod labeled\n');
    expect((await lab.run('kubectl label pod nginx-pod tier-')).stdout).toBe('pod/nginx-pod unlabeled\n');
    expect(lab.pod('nginx-pod')?.metadata.labels).toEqual({ app: 'web' });
    expect((await lab.run('kubectl label pod nginx-pod tier-')).stdout).toBe('label "tier" not found.\npod/nginx-pod not labeled\n');
    expect((await lab.run('kubectl label pod nginx-pod app=web')).stdout).toBe('pod/nginx-pod not labeled\n');
  });

  it('records the change under the kubectl-label field manager', async () => {
    await lab.run('kubectl label pod nginx-pod tier=frontend');
    const managers = lab.pod('nginx-pod')?.metadata.managedFields?.map((m) => m.manager);
    expect(managers).toContain('kubectl-label');
  });

  it('lists labels, one object plainly and several with headers', async () => {
    expect((await lab.run('kubectl label pod nginx-pod --list')).stdout).toBe('app=nginx\n');
    await lab.run('kubectl apply -f - <<\'EOF\'\napiVersion: v1\nkind: Pod\nmetadata:\n  name: other\n  labels: {app: other}\nspec:\n  containers:\n  - name: c\n    image: nginx\nEOF');
    expect((await lab.run('kubectl label pods --all --list')).stdout).toBe(
      'Listing labels for Pod./nginx-pod:\n app=nginx\nListing labels for Pod./other:\n app=other\n',
    );
  });

  it('labels what a selector matches, and says why arguments are wrong', async () => {
    expect((await lab.run('kubectl label pods -l app=nginx tier=web')).stdout).toBe('pod/nginx-pod labeled\n');
    expect((await lab.run('kubectl label pods tier=web')).stderr).toBe('error: resource(s) were provided, but no name was specified\n');
    expect((await lab.run('kubectl label tier=web')).stderr).toBe('error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n');
    expect((await lab.run('kubectl label pod nginx-pod')).stderr).toBe('error: at least one label update is required\n');
    expect((await lab.run('kubectl label pod nginx-pod a=b c')).stderr).toBe('error: all resources must be specified before label changes: c\n');
    expect((await lab.run('kubectl label pod nope a=b')).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect((await lab.run('kubectl label pod nginx-pod a=b a-')).stderr).toBe('error: can not both modify and remove a label in the same command\n');
  });

  it('changes nothing with --dry-run=client and prints -o yaml', async () => {
    expect((await lab.run('kubectl label pod nginx-pod tier=x --dry-run=client')).stdout).toBe('pod/nginx-pod labeled (dry run)\n');
    expect((await lab.run('kubectl label pod nginx-pod tier=x --dry-run=server')).stdout).toBe('pod/nginx-pod labeled (server dry run)\n');
    expect(lab.pod('nginx-pod')?.metadata.labels).toEqual({ app: 'nginx' });
    expect((await lab.run('kubectl label pod nginx-pod tier=x -o yaml')).stdout).toContain('    tier: x\n');
  });
});

describe('kubectl annotate', () => {
  it('annotates, refuses to overwrite without --overwrite, and removes', async () => {
    expect((await lab.run('kubectl annotate pod nginx-pod note=hello')).stdout).toBe('pod/nginx-pod annotated\n');
    expect(lab.pod('nginx-pod')?.metadata.annotations?.note).toBe('hello');
    expect(await lab.run('kubectl annotate pod nginx-pod note=bye')).toMatchObject({
      stderr: "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hello)\n",
      status: 1,
    });
    expect((await lab.run('kubectl annotate pod nginx-pod note=bye --overwrite')).stdout).toBe('pod/nginx-pod annotated\n');
    expect(lab.pod('nginx-pod')?.metadata.annotations?.note).toBe('bye');
    expect((await lab.run('kubectl annotate pod nginx-pod note-')).stdout).toBe('pod/nginx-pod annotated\n');
    expect(lab.pod('nginx-pod')?.metadata.annotations?.note).toBeUndefined();
    // `=x` is not a pair (it starts with `=`), so it counts as a resource name.
    expect((await lab.run('kubectl annotate pod nginx-pod =x')).stderr).toBe('error: at least one annotation update is required\n');
  });

  it('works on -f and rejects modify-and-remove', async () => {
    expect((await lab.run('kubectl annotate -f nginx-pod.yaml owner=team-a')).stdout).toBe('pod/nginx-pod annotated\n');
    expect((await lab.run('kubectl annotate pod nginx-pod a=1 a-')).stderr).toBe(
      'error: can not both modify and remove the following annotation(s) in the same command: a\n',
    );
  });
});
