/** `kubectl apply --server-side` against the lab's API server, with kubectl 1.32's words. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LAST_APPLIED } from '../../../../src/main/kubectl/commands/apply.js';
import { KubectlLab, nginxPod } from '../lab.js';

let lab: KubectlLab;

beforeEach(() => {
  lab = new KubectlLab();
});

afterEach(() => {
  expect(lab.session.lab.componentErrors).toEqual([]);
  lab.dispose();
});

const applyStdin = (text: string, flags = ''): string => `kubectl apply -f -${flags} <<'EOF'\n${text}EOF\n`;

const ADVICE = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts
`;

describe('kubectl apply --server-side', () => {
  it('applies as field manager "kubectl" without a last-applied annotation', async () => {
    expect(await lab.run(applyStdin(nginxPod(), ' --server-side'))).toMatchObject({ stdout: 'pod/nginx-pod serverside-applied\n', stderr: '', status: 0 });
    const pod = lab.pod('nginx-pod')!;
    expect(pod.metadata.annotations?.[LAST_APPLIED]).toBeUndefined();
    expect(pod.metadata.managedFields?.map((e) => [e.manager, e.operation])).toContainEqual(['kubectl', 'Apply']);
    expect((await lab.run(applyStdin(nginxPod(), ' --server-side'))).stdout).toBe('pod/nginx-pod serverside-applied\n');
  });

  it('names the manager with --field-manager and says so on a server dry run', async () => {
    expect((await lab.run(applyStdin(nginxPod(), ' --server-side --dry-run=server'))).stdout).toBe('pod/nginx-pod serverside-applied (server dry run)\n');
    expect(lab.pod('nginx-pod')).toBeUndefined();
    await lab.run(applyStdin(nginxPod(), ' --server-side --field-manager=ci'));
    expect(lab.pod('nginx-pod')!.metadata.managedFields?.map((e) => [e.manager, e.operation])).toContainEqual(['ci', 'Apply']);
  });

  it('reports a conflict with the client-side applier and kubectl’s advice, then takes the field with --force-conflicts', async () => {
    await lab.run('kubectl apply -f nginx-pod.yaml\nlab step 30s');
    expect(lab.pod('nginx-pod')!.metadata.managedFields?.map((e) => e.manager)).toContain('kubectl-client-side-apply');
    const conflicted = await lab.run(applyStdin(nginxPod({ image: 'nginx:1.26' }), ' --server-side --field-manager=ci'));
    expect(conflicted).toMatchObject({
      stdout: '',
      stderr: `error: Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1: .spec.containers[name="nginx"].image\n${ADVICE}`,
      status: 1,
    });
    const forced = await lab.run(applyStdin(nginxPod({ image: 'nginx:1.26' }), ' --server-side --field-manager=ci --force-conflicts'));
    expect(forced).toMatchObject({ stdout: 'pod/nginx-pod serverside-applied\n', stderr: '', status: 0 });
    expect(lab.pod('nginx-pod')!.spec.containers[0]!.image).toBe('nginx:1.26');
  });

  it('lets kubectl take over what its client-side apply set, migrating the ownership and keeping last-applied current', async () => {
    await lab.run('kubectl apply -f nginx-pod.yaml\nlab step 30s');
    const r = await lab.run(applyStdin(nginxPod({ image: 'nginx:1.26' }), ' --server-side'));
    expect(r).toMatchObject({ stdout: 'pod/nginx-pod serverside-applied\n', stderr: '', status: 0 });
    const pod = lab.pod('nginx-pod')!;
    expect(pod.spec.containers[0]!.image).toBe('nginx:1.26');
    const managers = pod.metadata.managedFields?.map((e) => [e.manager, e.operation, e.subresource ?? '']);
    expect(managers).toContainEqual(['kubectl', 'Apply', '']);
    expect(managers).toContainEqual(['kubectl-last-applied', 'Apply', '']);
    expect(managers?.some(([m]) => m === 'kubectl-client-side-apply')).toBe(false);
    expect(pod.metadata.annotations?.[LAST_APPLIED]).toBe(
      '{"apiVersion":"v1","kind":"Pod","metadata":{"labels":{"app":"nginx"},"name":"nginx-pod","namespace":"default"},"spec":{"containers":[{"image":"nginx:1.26","name":"nginx","ports":[{"containerPort":80}]}]}}\n',
    );
    // Now kubectl owns the label it applied client-side: leaving it out removes it.
    await lab.run(applyStdin(nginxPod({ image: 'nginx:1.26' }).replace('  labels:\n    app: nginx\n', ''), ' --server-side'));
    expect(lab.pod('nginx-pod')!.metadata.labels).toBeUndefined();
  });

  it.each<[string, string]>([
    [' --force-conflicts', 'error: --force-conflicts only works with --server-side\n'],
    [' --server-side --dry-run=client', "error: --dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)\n"],
  ])('refuses%s', async (flags, stderr) => {
    expect(await lab.run(applyStdin(nginxPod(), flags))).toMatchObject({ stdout: '', stderr, status: 1 });
  });
});

describe('kubectl get --show-managed-fields', () => {
  it('hides managedFields in -o json unless asked', async () => {
    await lab.run(applyStdin(nginxPod(), ' --server-side'));
    const hidden = JSON.parse((await lab.run('kubectl get pod nginx-pod -o json')).stdout) as { metadata: { managedFields?: unknown } };
    expect(hidden.metadata.managedFields).toBeUndefined();
    const shown = JSON.parse((await lab.run('kubectl get pod nginx-pod -o json --show-managed-fields')).stdout) as { metadata: { managedFields?: Array<{ manager: string }> } };
    expect(shown.metadata.managedFields?.[0]?.manager).toBe('kubectl');
  });
});
