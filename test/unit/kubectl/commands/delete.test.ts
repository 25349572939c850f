/** `kubectl delete` end to end: graceful by default and waiting until gone, --force, selectors, errors. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubectlLab, nginxPod } from '../lab.js';

let lab: KubectlLab;

beforeEach(async () => {
  lab = new KubectlLab();
  const setup = await lab.run(`kubectl apply -f nginx-pod.yaml\nkubectl apply -f - <<'EOF'\n${nginxPod({ name: 'web' }).replace('app: nginx', 'app: web')}EOF\nlab step 30s`);
  expect(setup.stderr).toBe('');
});

afterEach(() => {
  expect(lab.session.lab.componentErrors).toEqual([]);
  lab.dispose();
});

const FORCE_WARNING =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';

/** A Pod that a finalizer keeps from going away. */
const STUCK_POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: stuck\n  finalizers:\n  - example.com/hold\nspec:\n  containers:\n  - name: c\n    image: nginx:1.25\n';

describe('kubectl delete', () => {
  it('deletes by type and name and waits until the object is gone', async () => {
    expect(await lab.run('kubectl delete pod nginx-pod')).toMatchObject({ stdout: 'pod "nginx-pod" deleted\n', stderr: '', status: 0 });
    expect(lab.pod('nginx-pod')).toBeUndefined();
    expect(lab.pod('web')).toBeDefined();
  });

  it('returns at once with --wait=false, leaving the Pod terminating', async () => {
    expect((await lab.run('kubectl delete pod nginx-pod --wait=false')).stdout).toBe('pod "nginx-pod" deleted\n');
    const pod = lab.pod('nginx-pod')!;
    expect(pod.metadata.deletionTimestamp).toBe('2025-01-01T00:01:00Z');
    expect(pod.metadata.deletionGracePeriodSeconds).toBe(30);
  });

  it('accepts type/name, several names, -f and -l', async () => {
    expect((await lab.run('kubectl delete pod/nginx-pod pods/web')).stdout).toBe('pod "nginx-pod" deleted\npod "web" deleted\n');
    await lab.run('kubectl apply -f nginx-pod.yaml');
    expect((await lab.run('kubectl delete -f nginx-pod.yaml')).stdout).toBe('pod "nginx-pod" deleted\n');
    await lab.run('kubectl apply -f nginx-pod.yaml');
    expect((await lab.run('kubectl delete pods -l app=nginx')).stdout).toBe('pod "nginx-pod" deleted\n');
  });

  it('deletes everything of a type with --all', async () => {
    expect((await lab.run('kubectl delete pods --all')).stdout).toBe('pod "nginx-pod" deleted\npod "web" deleted\n');
    expect((await lab.run('kubectl get pods')).stderr).toBe('No resources found in default namespace.\n');
  });

  it('says "No resources found" on stdout when a selector or --all matches nothing', async () => {
    expect(await lab.run('kubectl delete pods -l app=none')).toMatchObject({ stdout: 'No resources found\n', stderr: '', status: 0 });
    expect(await lab.run('kubectl delete pods --all -n kube-public')).toMatchObject({ stdout: 'No resources found\n', stderr: '', status: 0 });
  });

  it('force-deletes with a warning and "force deleted"', async () => {
    const r = await lab.run('kubectl delete pod nginx-pod --force');
    expect(r.output).toBe(`!${FORCE_WARNING}pod "nginx-pod" force deleted\n`);
    expect(r.status).toBe(0);
    expect(lab.pod('nginx-pod')).toBeUndefined();
    expect((await lab.run('kubectl delete pod web --grace-period=0 --force')).output).toBe(`!${FORCE_WARNING}pod "web" force deleted\n`);
  });

  it('treats --grace-period=0 without --force as 1 second, without a warning', async () => {
    expect(await lab.run('kubectl delete pod nginx-pod --grace-period=0 --wait=false')).toMatchObject({ stdout: 'pod "nginx-pod" deleted\n', stderr: '' });
    expect(lab.pod('nginx-pod')?.metadata.deletionGracePeriodSeconds).toBe(1);
  });

  it('uses a 1 second grace period with --now, or the one given', async () => {
    expect((await lab.run('kubectl delete pod nginx-pod --now --wait=false')).stdout).toBe('pod "nginx-pod" deleted\n');
    expect(lab.pod('nginx-pod')?.metadata.deletionGracePeriodSeconds).toBe(1);
    await lab.run('kubectl delete pod web --grace-period=7 --wait=false');
    expect(lab.pod('web')?.metadata.deletionGracePeriodSeconds).toBe(7);
  });

  it('prints type/name with -o name', async () => {
    expect((await lab.run('kubectl delete pod nginx-pod -o name')).stdout).toBe('pod/nginx-pod\n');
  });

  it('only says what it would delete with --dry-run=client, and asks the server with --dry-run=server', async () => {
    expect((await lab.run('kubectl delete pod nginx-pod ghost --dry-run=client')).stdout).toBe(
      'pod "nginx-pod" deleted (dry run)\npod "ghost" deleted (dry run)\n',
    );
    expect(await lab.run('kubectl delete pod nginx-pod --dry-run=server')).toMatchObject({ stdout: 'pod "nginx-pod" deleted (server dry run)\n', status: 0 });
    expect(lab.pod('nginx-pod')?.metadata.deletionTimestamp).toBeUndefined();
  });

  it('takes a bare --dry-run for client with klog\'s deprecation warning, and refuses an unknown value', async () => {
    const bare = await lab.run('kubectl delete pod nginx-pod --dry-run');
    expect(bare.stdout).toBe('pod "nginx-pod" deleted (dry run)\n');
    expect(bare.stderr).toMatch(/^W\d{4} \d\d:\d\d:\d\d\.\d{6} +4242 helpers\.go:702\] --dry-run is deprecated and can be replaced with --dry-run=client\.\n$/);
    expect(lab.pod('nginx-pod')?.metadata.deletionTimestamp).toBeUndefined();
    expect(await lab.run('kubectl delete pod nginx-pod --dry-run=maybe')).toMatchObject({
      stdout: '',
      stderr: 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n',
      status: 1,
    });
    expect(lab.pod('nginx-pod')?.metadata.deletionTimestamp).toBeUndefined();
  });

  it('fails with NotFound after deleting the rest, unless told to ignore it', async () => {
    const r = await lab.run('kubectl delete pod ghost nginx-pod');
    expect(r.output).toBe('pod "nginx-pod" deleted\n!Error from server (NotFound): pods "ghost" not found\n');
    expect(r.status).toBe(1);
    expect(await lab.run('kubectl delete pod ghost --ignore-not-found')).toMatchObject({ stdout: '', stderr: '', status: 0 });
  });

  it('times out waiting for an object a finalizer holds', async () => {
    await lab.run(`kubectl apply -f - <<'EOF'\n${STUCK_POD}EOF`);
    const before = lab.now();
    const r = await lab.run('kubectl delete pod stuck --timeout=5s');
    expect(r.output).toBe('pod "stuck" deleted\n!error: timed out waiting for the condition on pods/stuck\n');
    expect(r.status).toBe(1);
    expect(lab.now() - before).toBe(5000);
  });

  it('rejects contradictory or missing arguments', async () => {
    expect(await lab.run('kubectl delete')).toMatchObject({
      stderr:
        "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
      status: 1,
    });
    expect((await lab.run('kubectl delete pods')).stderr).toBe('error: resource(s) were provided, but no name was specified\n');
    expect((await lab.run('kubectl delete pod x --now --grace-period=5')).stderr).toBe('error: --now and --grace-period cannot be specified together\n');
    expect((await lab.run('kubectl delete pod x --force --grace-period=5')).stderr).toBe(
      'error: --force and --grace-period greater than 0 cannot be specified together\n',
    );
    expect((await lab.run('kubectl delete pods --all -l app=web')).stderr).toBe('error: cannot set --all and --selector at the same time\n');
    expect((await lab.run('kubectl delete pod x -o yaml')).stderr).toBe("error: unexpected -o output mode: yaml. We only support '-o name'\n");
    expect((await lab.run('kubectl delete pod nginx-pod -A')).stderr).toBe('error: a resource cannot be retrieved by name across all namespaces\n');
    expect(lab.pod('nginx-pod')).toBeDefined();
  });

  it('sends a raw DELETE with --raw and prints the server’s answer', async () => {
    const r = await lab.run('kubectl delete --raw /api/v1/namespaces/default/pods/web');
    expect(r).toMatchObject({ stderr: '', status: 0 });
    expect(r.stdout).toMatch(/^\{"kind":"Pod","apiVersion":"v1","metadata":\{"name":"web","namespace":"default",.*"deletionGracePeriodSeconds":30,.*\}\n$/);
    expect(lab.pod('web')?.metadata.deletionTimestamp).toBeDefined();
    expect((await lab.run('kubectl delete --raw /api/v1/namespaces/default/pods/none')).stderr).toBe('Error from server (NotFound): pods "none" not found\n');
    expect((await lab.run('kubectl delete --raw foo')).stderr).toBe('error: --raw must be a valid URL path: parse "foo": invalid URI for request\n');
    expect((await lab.run('kubectl delete --raw /api/v1/x -o name')).stderr).toBe('error: --raw and --output are mutually exclusive\n');
    expect((await lab.run('kubectl delete --raw /api/v1/x -f a -f b')).stderr).toBe('error: --raw can only use a single local file or stdin\n');
    expect(lab.pod('nginx-pod')).toBeDefined();
  });

  it('cannot map a kind the server does not serve in a file', async () => {
    const r = await lab.run("cat > d.yaml <<'EOF'\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: web\n  namespace: team\nEOF\nkubectl delete -f d.yaml");
    expect(r.stderr).toBe(
      'error: resource mapping not found for name: "web" namespace: "team" from "d.yaml": no matches for kind "HTTPRoute" in version "gateway.networking.k8s.io/v1"\nensure CRDs are installed first\n',
    );
  });
});
