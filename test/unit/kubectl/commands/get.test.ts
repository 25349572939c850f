/** `kubectl get` end to end in a default lab: tables, -o yaml|json|name, selectors and messages. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubectlLab, nginxPod } from '../lab.js';

let lab: KubectlLab;

beforeEach(() => {
  lab = new KubectlLab();
});

afterEach(() => {
  expect(lab.session.lab.componentErrors).toEqual([]);
  lab.dispose();
});

const DEFAULT_NS_YAML = `apiVersion: v1
kind: Namespace
metadata:
  creationTimestamp: "2024-12-31T23:50:00Z"
  labels:
    kubernetes.io/metadata.name: default
  name: default
  resourceVersion: "2"
  uid: 37437d28-2d5b-41a7-921a-b4bcbaca267e
spec:
  finalizers:
  - kubernetes
status:
  phase: Active
`;

/** Two Running nginx pods: one in default, one in kube-public. */
async function twoPods(): Promise<void> {
  const setup = await lab.run(
    `kubectl apply -f nginx-pod.yaml\nkubectl apply -f - <<'EOF'\n${nginxPod({ name: 'web', namespace: 'kube-public' }).replace('app: nginx', 'app: web')}EOF\nlab step 30s`,
  );
  expect(setup.stderr).toBe('');
}

describe('kubectl get: tables', () => {
  it('prints the namespace table', async () => {
    const r = await lab.run('kubectl get namespaces');
    expect(r).toEqual({
      stdout: 'NAME              STATUS   AGE\ndefault           Active   10m\nkube-node-lease   Active   10m\nkube-public       Active   10m\nkube-system       Active   10m\n',
      stderr: '',
      output: expect.any(String),
      status: 0,
    });
  });

  it('accepts the short name and a single name', async () => {
    expect((await lab.run('kubectl get ns kube-public')).stdout).toBe('NAME          STATUS   AGE\nkube-public   Active   10m\n');
  });

  it('adds a NAMESPACE column with -A', async () => {
    await twoPods();
    // kube-system holds the control plane's static Pods and kubeadm's add-ons, as on any kubeadm cluster.
    // The add-ons' Pod names carry seeded suffixes (same length whatever the seed draws); rows compare as a set.
    const rows = (text: string): string[] =>
      text
        .replace(/coredns-[a-z0-9]{10}-[a-z0-9]{5}/g, 'coredns-xxxxxxxxxx-xxxxx')
        .replace(/kube-proxy-[a-z0-9]{5}/g, 'kube-proxy-xxxxx')
        .split('\n')
        .sort();
    expect(rows((await lab.run('kubectl get pods -A')).stdout)).toEqual(
      rows(
        'NAMESPACE     NAME                                   READY   STATUS    RESTARTS   AGE\n' +
          'default       nginx-pod                              1/1     Running   0          30s\n' +
          'kube-public   web                                    1/1     Running   0          30s\n' +
          'kube-system   coredns-xxxxxxxxxx-xxxxx               1/1     Running   0          10m\n' +
          'kube-system   coredns-xxxxxxxxxx-xxxxx               1/1     Running   0          10m\n' +
          'kube-system   etcd-controlplane                      1/1     Running   0          10m\n' +
          'kube-system   kube-apiserver-controlplane            1/1     Running   0          10m\n' +
          'kube-system   kube-controller-manager-controlplane   1/1     Running   0          10m\n' +
          'kube-system   kube-proxy-xxxxx                       1/1     Running   0          8m\n' +
          'kube-system   kube-proxy-xxxxx                       1/1     Running   0          10m\n' +
          'kube-system   kube-proxy-xxxxx                       1/1     Running   0          7m30s\n' +
          'kube-system   kube-scheduler-controlplane            1/1     Running   0          10m\n',
      ),
    );
    expect((await lab.run('kubectl get pods --all-namespaces --no-headers -l app')).stdout).toBe(
      'default       nginx-pod   1/1   Running   0     30s\nkube-public   web         1/1   Running   0     30s\n',
    );
  });

  it('lists one namespace with -n', async () => {
    await twoPods();
    expect((await lab.run('kubectl get pods -n kube-public')).stdout).toBe(
      'NAME   READY   STATUS    RESTARTS   AGE\nweb    1/1     Running   0          30s\n',
    );
    expect((await lab.run('kubectl -n kube-public get pods')).stdout).toBe(
      'NAME   READY   STATUS    RESTARTS   AGE\nweb    1/1     Running   0          30s\n',
    );
  });

  it('adds LABELS with --show-labels and drops the header with --no-headers', async () => {
    await twoPods();
    expect((await lab.run('kubectl get pods --show-labels')).stdout).toBe(
      'NAME        READY   STATUS    RESTARTS   AGE   LABELS\nnginx-pod   1/1     Running   0          30s   app=nginx\n',
    );
    expect((await lab.run('kubectl get ns default --show-labels --no-headers')).stdout).toBe(
      'default   Active   10m   kubernetes.io/metadata.name=default\n',
    );
  });

  it('filters with -l label selectors', async () => {
    await twoPods();
    expect((await lab.run('kubectl get pods -A -l app=web -o name')).stdout).toBe('pod/web\n');
    expect((await lab.run('kubectl get pods -n default -l app!=web -o name')).stdout).toBe('pod/nginx-pod\n');
    // Pods without the label match `!=` too: kube-system's Pods have no `app`.
    const names = (await lab.run('kubectl get pods -A -l app!=web -o name')).stdout.replace(/coredns-[a-z0-9]{10}-[a-z0-9]{5}/g, 'coredns-*').replace(/kube-proxy-[a-z0-9]{5}/g, 'kube-proxy-*');
    expect(names).toBe(
      'pod/nginx-pod\npod/coredns-*\npod/coredns-*\npod/etcd-controlplane\npod/kube-apiserver-controlplane\npod/kube-controller-manager-controlplane\n' +
        'pod/kube-proxy-*\npod/kube-proxy-*\npod/kube-proxy-*\npod/kube-scheduler-controlplane\n',
    );
    expect((await lab.run("kubectl get pods -A -l 'app in (nginx,web)' -o name")).stdout).toBe('pod/nginx-pod\npod/web\n');
    expect((await lab.run('kubectl get pods -A --selector app -o name')).stdout).toBe('pod/nginx-pod\npod/web\n');
  });

  it('filters with --field-selector', async () => {
    await twoPods();
    expect((await lab.run('kubectl get pods -A --field-selector metadata.namespace=kube-public -o name')).stdout).toBe('pod/web\n');
  });

  it('prints wide columns with -o wide', async () => {
    expect((await lab.run('kubectl get nodes -o wide')).stdout.split('\n')[0]).toBe(
      'NAME           STATUS   ROLES           AGE     VERSION   INTERNAL-IP      EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION       CONTAINER-RUNTIME',
    );
  });

  it('prints one table per type, prefixing names with the type, separated by a blank line', async () => {
    await twoPods();
    expect((await lab.run('kubectl get pods,nodes')).stdout).toBe(
      'NAME            READY   STATUS    RESTARTS   AGE\n' +
        'pod/nginx-pod   1/1     Running   0          30s\n' +
        '\n' +
        'NAME                STATUS   ROLES           AGE     VERSION\n' +
        'node/controlplane   Ready    control-plane   10m     v1.32.4\n' +
        'node/node01         Ready    <none>          8m      v1.32.4\n' +
        'node/node02         Ready    <none>          7m30s   v1.32.4\n',
    );
  });

  it('accepts type/name arguments', async () => {
    await twoPods();
    expect((await lab.run('kubectl get pod/nginx-pod ns/default -o name')).stdout).toBe('pod/nginx-pod\nnamespace/default\n');
  });
});

describe('kubectl get: -o yaml, json and name', () => {
  it('prints a single object as itself', async () => {
    const r = await lab.run('kubectl get ns default -o yaml');
    expect(r.stdout).toBe(DEFAULT_NS_YAML);
    expect(r.status).toBe(0);
  });

  it('prints several objects as a List', async () => {
    const r = await lab.run('kubectl get ns -o yaml');
    expect(r.stdout.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata:\n')).toBe(true);
    expect(r.stdout.endsWith('    phase: Active\nkind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
    expect(r.stdout.match(/^- apiVersion: v1$/gm)).toHaveLength(4);
    const two = await lab.run('kubectl get ns default kube-public -o yaml');
    expect(two.stdout.match(/^- apiVersion: v1$/gm)).toHaveLength(2);
    expect(two.stdout.startsWith('apiVersion: v1\nitems:\n')).toBe(true);
  });

  it('prints an empty List, and nothing on stderr, when nothing matches', async () => {
    expect(await lab.run('kubectl get pods -o yaml')).toMatchObject({
      stdout: 'apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n',
      stderr: '',
      status: 0,
    });
    expect((await lab.run('kubectl get pods -o json')).stdout).toBe(
      '{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n',
    );
  });

  it('prints JSON with four-space indentation and sorted keys', async () => {
    expect((await lab.run('kubectl get ns default -o json')).stdout).toBe(
      [
        '{',
        '    "apiVersion": "v1",',
        '    "kind": "Namespace",',
        '    "metadata": {',
        '        "creationTimestamp": "2024-12-31T23:50:00Z",',
        '        "labels": {',
        '            "kubernetes.io/metadata.name": "default"',
        '        },',
        '        "name": "default",',
        '        "resourceVersion": "2",',
        '        "uid": "37437d28-2d5b-41a7-921a-b4bcbaca267e"',
        '    },',
        '    "spec": {',
        '        "finalizers": [',
        '            "kubernetes"',
        '        ]',
        '    },',
        '    "status": {',
        '        "phase": "Active"',
        '    }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('gives list items their kind and apiVersion', async () => {
    await twoPods();
    const r = await lab.run('kubectl get pods -o json');
    const list = JSON.parse(r.stdout) as { kind: string; items: Array<{ kind: string; apiVersion: string; metadata: { name: string; managedFields?: unknown } }> };
    expect(list.kind).toBe('List');
    expect(list.items.map((i) => [i.apiVersion, i.kind, i.metadata.name])).toEqual([['v1', 'Pod', 'nginx-pod']]);
    expect(list.items[0]!.metadata.managedFields).toBeUndefined();
  });

  it('prints type/name with -o name', async () => {
    expect((await lab.run('kubectl get nodes -o name')).stdout).toBe('node/controlplane\nnode/node01\nnode/node02\n');
    expect((await lab.run('kubectl get ns kube-public -o name')).stdout).toBe('namespace/kube-public\n');
    expect((await lab.run('kubectl get leases -n kube-node-lease -o name')).stdout).toBe(
      'lease.coordination.k8s.io/controlplane\nlease.coordination.k8s.io/node01\nlease.coordination.k8s.io/node02\n',
    );
  });

  it('prints the objects it found and the errors for the rest', async () => {
    const r = await lab.run('kubectl get ns default nowhere -o yaml');
    expect(r.stdout).toContain('  name: default\n');
    expect(r.stdout.startsWith('apiVersion: v1\nitems:\n')).toBe(true);
    expect(r.stderr).toBe('Error from server (NotFound): namespaces "nowhere" not found\n');
    expect(r.status).toBe(1);
    expect(await lab.run('kubectl get pod ghost -o yaml')).toMatchObject({ stdout: '', stderr: 'Error from server (NotFound): pods "ghost" not found\n', status: 1 });
  });
});

describe('kubectl get: messages and errors', () => {
  it('says so on stderr when the namespace is empty', async () => {
    expect(await lab.run('kubectl get pods')).toMatchObject({ stdout: '', stderr: 'No resources found in default namespace.\n', status: 0 });
    expect((await lab.run('kubectl get pods -n kube-public')).stderr).toBe('No resources found in kube-public namespace.\n');
    expect((await lab.run('kubectl get pods -A -l app=none')).stderr).toBe('No resources found\n');
    expect((await lab.run('kubectl get pods -l app=none')).stderr).toBe('No resources found in default namespace.\n');
  });

  it('fails with NotFound for a missing name, unless told to ignore it', async () => {
    expect(await lab.run('kubectl get pod x')).toMatchObject({ stdout: '', stderr: 'Error from server (NotFound): pods "x" not found\n', status: 1 });
    expect(await lab.run('kubectl get pod x --ignore-not-found')).toMatchObject({ stdout: '', stderr: '', status: 0 });
    expect(await lab.run('kubectl get pod x -o yaml --ignore-not-found')).toMatchObject({ stdout: '', stderr: '', status: 0 });
    expect(await lab.run('kubectl get pods --ignore-not-found')).toMatchObject({ stdout: '', stderr: '', status: 0 });
  });

  it('names the namespace only when every type listed is namespaced', async () => {
    expect((await lab.run('kubectl get pods,nodes -l nothing=here')).stderr).toBe('No resources found\n');
    expect((await lab.run('kubectl get pods,events -l nothing=here')).stderr).toBe('No resources found in default namespace.\n');
    expect((await lab.run('kubectl get nodes -l nothing=here')).stderr).toBe('No resources found\n');
  });

  it('prints what it found before the NotFound errors', async () => {
    const r = await lab.run('kubectl get ns nowhere default');
    expect(r.output).toBe('NAME      STATUS   AGE\ndefault   Active   10m\n!Error from server (NotFound): namespaces "nowhere" not found\n');
    expect(r.status).toBe(1);
  });

  it('refuses names across all namespaces', async () => {
    expect(await lab.run('kubectl get pod nginx-pod -A')).toMatchObject({
      stdout: '',
      stderr: 'error: a resource cannot be retrieved by name across all namespaces\n',
      status: 1,
    });
    expect((await lab.run('kubectl get node node01 -A -o name')).stdout).toBe('node/node01\n');
  });

  it('rejects unknown types and output formats', async () => {
    expect(await lab.run('kubectl get foos')).toMatchObject({ stderr: 'error: the server doesn\'t have a resource type "foos"\n', status: 1 });
    expect((await lab.run('kubectl get pods -o xml')).stderr).toBe(
      'error: unable to match a printer suitable for the output format "xml", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
    );
  });

  it('asks for a resource type', async () => {
    expect(await lab.run('kubectl get')).toMatchObject({
      stdout: '',
      stderr:
        'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
        'error: Required resource not specified.\n' +
        'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
        "See 'kubectl get -h' for help and examples\n",
      status: 1,
    });
  });

  it('refuses a type given apart from type/name arguments', async () => {
    expect((await lab.run('kubectl get pods pod/x')).stderr).toBe(
      "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n",
    );
  });

  it('reports flag errors with the usage hint', async () => {
    expect(await lab.run('kubectl get pods --bogus')).toMatchObject({
      stderr: "error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n",
      status: 1,
    });
    expect((await lab.run('kubectl get pods -Az')).stderr).toBe("error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n");
  });
});
