/** `kubectl apply -f` end to end: created, unchanged, configured, dry runs and the errors on the way. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/shared/api/core.js';
import { PODS } from '../../../../src/main/cluster/client/resources.js';
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

/** A shell heredoc writing `text` to `file`. */
const writeFile = (file: string, text: string): string => `cat > ${file} <<'EOF'\n${text}EOF\n`;

/** `kubectl apply -f -` with `text` on stdin. */
const applyStdin = (text: string, flags = ''): string => `kubectl apply -f -${flags} <<'EOF'\n${text}EOF\n`;

describe('kubectl apply: created, unchanged, configured', () => {
  it('creates, then leaves an unchanged object alone', async () => {
    expect(await lab.run('kubectl apply -f nginx-pod.yaml')).toMatchObject({ stdout: 'pod/nginx-pod created\n', stderr: '', status: 0 });
    const created = lab.pod('nginx-pod')!;
    expect(created.spec.containers[0]!.image).toBe('nginx:1.25');
    expect(created.metadata.annotations?.[LAST_APPLIED]).toBe(
      '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"labels":{"app":"nginx"},"name":"nginx-pod","namespace":"default"},"spec":{"containers":[{"image":"nginx:1.25","name":"nginx","ports":[{"containerPort":80}]}]}}\n',
    );
    await lab.run('lab step 30s');
    const revision = lab.pod('nginx-pod')!.metadata.resourceVersion;
    expect(await lab.run('kubectl apply -f nginx-pod.yaml')).toMatchObject({ stdout: 'pod/nginx-pod unchanged\n', stderr: '', status: 0 });
    expect(lab.pod('nginx-pod')!.metadata.resourceVersion).toBe(revision);
  });

  it('configures a changed image in place', async () => {
    await lab.run('kubectl apply -f nginx-pod.yaml\nlab step 30s');
    const uid = lab.pod('nginx-pod')!.metadata.uid;
    const r = await lab.run(`${writeFile('nginx-pod.yaml', nginxPod({ image: 'nginx:1.26' }))}kubectl apply -f nginx-pod.yaml`);
    expect(r).toMatchObject({ stdout: 'pod/nginx-pod configured\n', stderr: '', status: 0 });
    const pod = lab.pod('nginx-pod')!;
    expect(pod.metadata.uid).toBe(uid);
    expect(pod.spec.containers[0]!.image).toBe('nginx:1.26');
    expect(pod.metadata.annotations?.[LAST_APPLIED]).toContain('"image":"nginx:1.26"');
    expect((await lab.run('kubectl apply -f nginx-pod.yaml')).stdout).toBe('pod/nginx-pod unchanged\n');
  });

  it('refuses to change an immutable field with a Forbidden Invalid error', async () => {
    await lab.run('kubectl apply -f nginx-pod.yaml\nlab step 30s');
    const r = await lab.run(applyStdin(nginxPod({ port: 8080 })));
    expect(r).toEqual({
      stdout: '',
      stderr:
        'The Pod "nginx-pod" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n',
      output: expect.any(String),
      status: 1,
    });
    expect(lab.pod('nginx-pod')!.spec.containers[0]!.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
  });

  it('applies every document of a file, and a directory', async () => {
    const twoPods = `${nginxPod({ name: 'a' })}---\n${nginxPod({ name: 'b' })}`;
    const r = await lab.run(`mkdir app\n${writeFile('app/pods.yaml', twoPods)}${writeFile('app/more.yml', nginxPod({ name: 'c' }))}kubectl apply -f app`);
    expect(r.stdout).toBe('pod/c created\npod/a created\npod/b created\n');
    expect((await lab.run('kubectl apply -f app/pods.yaml')).stdout).toBe('pod/a unchanged\npod/b unchanged\n');
  });

  it('reads the manifest from stdin with -f -', async () => {
    expect((await lab.run(applyStdin(nginxPod({ name: 'from-stdin' })))).stdout).toBe('pod/from-stdin created\n');
    expect(lab.pod('from-stdin')).toBeDefined();
  });

  it('creates in the namespace of -n, or of the manifest', async () => {
    expect((await lab.run('kubectl apply -f nginx-pod.yaml -n kube-system')).stdout).toBe('pod/nginx-pod created\n');
    expect(lab.pod('nginx-pod', 'kube-system')).toBeDefined();
    expect(lab.pod('nginx-pod')).toBeUndefined();
    expect((await lab.run(applyStdin(nginxPod({ name: 'p', namespace: 'kube-public' })))).stdout).toBe('pod/p created\n');
    expect(lab.pod('p', 'kube-public')).toBeDefined();
  });

  it('warns when the live object lacks the last-applied annotation, and adds it', async () => {
    const created = lab.session.lab.client('test').create<Pod>(PODS, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'nginx-pod', labels: { app: 'nginx' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] },
    });
    expect(created.ok).toBe(true);
    const r = await lab.run('kubectl apply -f nginx-pod.yaml');
    expect(r.output).toBe(
      '!Warning: resource pods/nginx-pod is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n' +
        'pod/nginx-pod configured\n',
    );
    expect(lab.pod('nginx-pod')!.metadata.annotations?.[LAST_APPLIED]).toContain('"name":"nginx-pod"');
  });
});

describe('kubectl apply: dry runs', () => {
  it('only says what it would do with --dry-run=client', async () => {
    expect((await lab.run('kubectl apply -f nginx-pod.yaml --dry-run=client')).stdout).toBe('pod/nginx-pod created (dry run)\n');
    expect(lab.pod('nginx-pod')).toBeUndefined();
    await lab.run('kubectl apply -f nginx-pod.yaml');
    expect((await lab.run('kubectl apply -f nginx-pod.yaml --dry-run=client')).stdout).toBe('pod/nginx-pod unchanged (dry run)\n');
    expect((await lab.run(applyStdin(nginxPod({ image: 'nginx:1.26' }), ' --dry-run=client'))).stdout).toBe(
      'pod/nginx-pod configured (dry run)\n',
    );
    expect(lab.pod('nginx-pod')!.spec.containers[0]!.image).toBe('nginx:1.25');
  });

  it('takes a bare --dry-run or --dry-run=true for client, with klog\'s deprecation warnings', async () => {
    const klog = (source: string, message: string): RegExp => new RegExp(`^W\\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d{6} +4242 ${source}\\] ${message}\\n$`);
    const bare = await lab.run('kubectl apply -f nginx-pod.yaml --dry-run');
    expect(bare.stdout).toBe('pod/nginx-pod created (dry run)\n');
    expect(bare.stderr).toMatch(klog('helpers\\.go:702', '--dry-run is deprecated and can be replaced with --dry-run=client\\.'));
    const boolean = await lab.run('kubectl apply -f nginx-pod.yaml --dry-run=true');
    expect(boolean.stdout).toBe('pod/nginx-pod created (dry run)\n');
    expect(boolean.stderr).toMatch(klog('helpers\\.go:716', '--dry-run=true is deprecated \\(boolean value\\) and can be replaced with --dry-run=client\\.'));
    expect(lab.pod('nginx-pod')).toBeUndefined();
    const serverSide = await lab.run('kubectl apply -f nginx-pod.yaml --server-side --dry-run=true');
    expect(serverSide.stderr.endsWith("error: --dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)\n")).toBe(true);
    expect(serverSide.status).toBe(1);
    expect(await lab.run('kubectl apply -f nginx-pod.yaml --dry-run=maybe')).toMatchObject({
      stderr: 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n',
      status: 1,
    });
    expect(lab.pod('nginx-pod')).toBeUndefined();
  });

  it('lets the server check without storing with --dry-run=server', async () => {
    expect((await lab.run('kubectl apply -f nginx-pod.yaml --dry-run=server')).stdout).toBe('pod/nginx-pod created (server dry run)\n');
    expect(lab.pod('nginx-pod')).toBeUndefined();
    expect((await lab.run(applyStdin('apiVersion: v1\nkind: Pod\nmetadata:\n  name: noimage\nspec:\n  containers:\n  - name: c\n', ' --dry-run=server'))).stderr).toBe(
      'The Pod "noimage" is invalid: spec.containers[0].image: Required value\n',
    );
  });
});

describe('kubectl apply: errors', () => {
  it('reports validation errors from the server, with several causes as a list', async () => {
    expect(await lab.run(applyStdin('apiVersion: v1\nkind: Pod\nmetadata:\n  name: noimage\nspec:\n  containers:\n  - name: web\n'))).toMatchObject({
      stdout: '',
      stderr: 'The Pod "noimage" is invalid: spec.containers[0].image: Required value\n',
      status: 1,
    });
    const r = await lab.run(applyStdin('apiVersion: v1\nkind: Pod\nmetadata:\n  name: Bad_Name\nspec:\n  containers:\n  - name: c\n'));
    expect(r.stderr).toBe(
      'The Pod "Bad_Name" is invalid: \n' +
        `* metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n` +
        '* spec.containers[0].image: Required value\n',
    );
  });

  it('names the source when creating fails', async () => {
    expect((await lab.run(applyStdin(nginxPod({ namespace: 'nowhere' })))).stderr).toBe(
      'Error from server (NotFound): error when creating "STDIN": namespaces "nowhere" not found\n',
    );
  });

  it('refuses a typo\'d field (strict field validation) and stores nothing', async () => {
    const typo = nginxPod().replace('    image:', '    imagee:');
    const r = await lab.run(`${writeFile('x.yaml', typo)}kubectl apply -f x.yaml`);
    expect(r).toMatchObject({
      stdout: '',
      stderr:
        'Error from server (BadRequest): error when creating "x.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"\n',
      status: 1,
    });
    expect(lab.pod('nginx-pod')).toBeUndefined();
  });

  it('drops a typo\'d field with --validate=warn or --validate=false, and refuses a bad --validate', async () => {
    const typo = nginxPod({ name: 'typo' }).replace('  labels:', '  labelz:\n    a: b\n  labels:');
    expect(await lab.run(`${writeFile('x.yaml', typo)}kubectl apply -f x.yaml --validate=warn`)).toMatchObject({ stdout: 'pod/typo created\n', stderr: '', status: 0 });
    expect(lab.pod('typo')!.metadata).not.toHaveProperty('labelz');
    expect((await lab.run('kubectl apply -f x.yaml --validate=false')).status).toBe(0);
    expect(await lab.run('kubectl apply -f x.yaml --validate=maybe')).toMatchObject({
      stderr: 'error: invalid - validate option "maybe"; must be one of: strict (or true), warn, ignore (or false)\n',
      status: 1,
    });
  });

  it('goes on with the other documents after a failure and exits 1', async () => {
    const r = await lab.run(applyStdin(`${nginxPod({ namespace: 'nowhere' })}---\n${nginxPod({ name: 'ok' })}`));
    expect(r.output).toBe('!Error from server (NotFound): error when creating "STDIN": namespaces "nowhere" not found\npod/ok created\n');
    expect(r.status).toBe(1);
  });

  it('refuses a namespace that contradicts -n', async () => {
    expect(await lab.run(applyStdin(nginxPod({ namespace: 'kube-system' }), ' -n other'))).toMatchObject({
      stderr:
        "error: the namespace from the provided object \"kube-system\" does not match the namespace \"other\". You must pass '--namespace=kube-system' to perform this operation.\n",
      status: 1,
    });
  });

  it('cannot map a kind the server does not serve', async () => {
    expect((await lab.run(applyStdin('apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: web\n'))).stderr).toBe(
      'error: resource mapping not found for name: "web" namespace: "" from "STDIN": no matches for kind "HTTPRoute" in version "gateway.networking.k8s.io/v1"\nensure CRDs are installed first\n',
    );
    expect((await lab.run(applyStdin('apiVersion: v2\nkind: Pod\nmetadata:\n  name: web\n'))).stderr).toBe(
      'error: resource mapping not found for name: "web" namespace: "" from "STDIN": no matches for kind "Pod" in version "v2"\nensure CRDs are installed first\n',
    );
  });

  it('needs a name', async () => {
    expect((await lab.run(applyStdin('apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    a: b\n'))).stderr).toBe(
      'error: error when retrieving current configuration of:\nResource: "/v1, Resource=pods", GroupVersionKind: "/v1, Kind=Pod"\nName: "", Namespace: "default"\nfrom server for: "STDIN": resource name may not be empty\n',
    );
  });

  it('needs a kind and an apiVersion before sending anything', async () => {
    expect(await lab.run(applyStdin('metadata:\n  name: nokind\n'))).toMatchObject({
      stderr: `error: unable to decode "STDIN": Object 'Kind' is missing in '{"metadata":{"name":"nokind"}}'\n`,
      status: 1,
    });
    expect((await lab.run(applyStdin('kind: Pod\nmetadata:\n  name: noversion\n'))).stderr).toBe(
      `error: unable to decode "STDIN": Object 'apiVersion' is missing in '{"kind":"Pod","metadata":{"name":"noversion"}}'\n`,
    );
  });

  it('reports YAML errors with the file and line', async () => {
    const broken = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\nspec:\n  containers:\n  - name: web\n     image: nginx\n';
    expect(await lab.run(`${writeFile('broken.yaml', broken)}kubectl apply -f broken.yaml`)).toMatchObject({
      stdout: '',
      stderr: 'error: error parsing broken.yaml: error converting YAML to JSON: yaml: line 8: mapping values are not allowed in this context\n',
      status: 1,
    });
  });

  it('reports a missing file', async () => {
    expect(await lab.run('kubectl apply -f nope.yaml')).toMatchObject({ stderr: 'error: the path "nope.yaml" does not exist\n', status: 1 });
  });

  it('needs -f and takes no arguments', async () => {
    expect(await lab.run('kubectl apply')).toMatchObject({ stderr: 'error: must specify one of -f and -k\n', status: 1 });
    expect((await lab.run('kubectl apply -f nginx-pod.yaml extra')).stderr).toBe("error: Unexpected args: [extra]\nSee 'kubectl apply -h' for help and examples\n");
    expect(lab.pod('nginx-pod')).toBeUndefined();
  });
});
