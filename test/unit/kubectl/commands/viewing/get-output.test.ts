/** `kubectl get`'s template printers, --sort-by, -L, --show-kind, -f, --watch and --raw, end to end. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubectlLab, nginxPod } from '../../lab.js';

let lab: KubectlLab;

beforeEach(() => {
  lab = new KubectlLab();
});

afterEach(() => {
  expect(lab.session.lab.componentErrors).toEqual([]);
  lab.dispose();
});

/** Pods `web-b` (nginx:1.25, tier=back) and `web-a` (nginx:1.27, tier=front), Running. */
async function twoPods(): Promise<void> {
  const b = nginxPod({ name: 'web-b' }).replace('app: nginx', 'app: nginx\n    tier: back');
  const a = nginxPod({ name: 'web-a', image: 'nginx:1.27' }).replace('app: nginx', 'app: nginx\n    tier: front');
  const setup = await lab.run(`kubectl apply -f - <<'EOF'\n${b}---\n${a}EOF\nlab step 30s`);
  expect(setup.stderr).toBe('');
}

describe('kubectl get -o jsonpath', () => {
  it('applies to the List for a type and to the object for a name', async () => {
    await twoPods();
    expect((await lab.run("kubectl get pods -o jsonpath='{.items[*].metadata.name}'")).stdout).toBe('web-a web-b');
    expect((await lab.run(`kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.spec.containers[0].image}{"\\n"}{end}'`)).stdout).toBe(
      'web-a\tnginx:1.27\nweb-b\tnginx:1.25\n',
    );
    expect((await lab.run("kubectl get pod web-a -o jsonpath='{.metadata.labels}'")).stdout).toBe('{"app":"nginx","tier":"front"}');
    expect((await lab.run("kubectl get pod web-a -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}'")).stdout).toBe('True');
    expect((await lab.run("kubectl get pods -o jsonpath-as-json='{.items[*].metadata.name}'")).stdout).toBe('[\n    "web-a",\n    "web-b"\n]\n');
    expect((await lab.run("kubectl get pod web-a -o jsonpath --template='{.kind}'")).stdout).toBe('Pod');
  });

  it('reads the template from a file with jsonpath-file', async () => {
    await twoPods();
    const r = await lab.run("echo '{.metadata.name}' > t.txt\nkubectl get pod web-b -o jsonpath-file=t.txt\nkubectl get pod web-b -o jsonpath-file=nope.txt");
    expect(r.stdout).toBe('web-b\n');
    expect(r.stderr).toBe('error: error reading --template nope.txt, open nope.txt: no such file or directory\n');
  });

  it('reports parse and execution errors as kubectl does', async () => {
    await twoPods();
    expect(await lab.run("kubectl get pods -o jsonpath='{.items[0].metadata.name'")).toMatchObject({
      stdout: '',
      stderr: 'error: error parsing jsonpath {.items[0].metadata.name, unclosed action\n',
      status: 1,
    });
    const r = await lab.run("kubectl get pod web-a -o jsonpath='{.spec.containers[5]}'");
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').slice(0, 4)).toEqual([
      'error: error executing jsonpath "{.spec.containers[5]}": Error executing template: array index out of bounds: index 5, length 1. Printing more information for debugging the template:',
      '\ttemplate was:',
      '\t\t{.spec.containers[5]}',
      '\tobject given to jsonpath engine was:',
    ]);
    expect(r.stderr).toMatch(/^\t\tmap\[string\]interface \{\}\{"apiVersion":"v1", "kind":"Pod", "metadata":map\[string\]interface \{\}\{/m);
    expect(r.stderr.endsWith('}\n\n\n')).toBe(true);
    expect((await lab.run('kubectl get pods -o jsonpath')).stderr).toBe('error: template format specified but no template given\n');
  });
});

describe('kubectl get -o custom-columns and go-template', () => {
  it('prints custom columns, <none> for missing values, and several values joined with commas', async () => {
    await twoPods();
    expect((await lab.run('kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image,OWNER:.metadata.ownerReferences[0].name')).stdout).toBe(
      'NAME    IMAGE        OWNER\nweb-a   nginx:1.27   <none>\nweb-b   nginx:1.25   <none>\n',
    );
    expect((await lab.run('kubectl get pod web-a -o custom-columns=LABELS:metadata.labels --no-headers')).stdout).toBe('map[app:nginx tier:front]\n');
    const file = await lab.run("printf 'NAME  TIER\\n.metadata.name {.metadata.labels.tier}\\n' > cols\nkubectl get pods -o custom-columns-file=cols");
    expect(file.stdout).toBe('NAME    TIER\nweb-a   front\nweb-b   back\n');
    expect((await lab.run('kubectl get pods -o custom-columns=NAME')).stderr).toBe('error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n');
    expect((await lab.run('kubectl get pods -o custom-columns=')).stderr).toBe('error: custom-columns format specified but no custom columns given\n');
  });

  it('executes go templates, with --template alone meaning go-template', async () => {
    await twoPods();
    expect((await lab.run(`kubectl get pods -o go-template='{{range .items}}{{.metadata.name}} {{index .metadata.labels "tier"}}{{"\\n"}}{{end}}'`)).stdout).toBe('web-a front\nweb-b back\n');
    expect((await lab.run("kubectl get pod web-b --template='{{.status.phase}}'")).stdout).toBe('Running');
    const r = await lab.run("kubectl get pod web-b -o go-template='{{.spec.nope}}' --allow-missing-template-keys=false");
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('error: error executing template "{{.spec.nope}}": template: output:1:7: executing "output" at <.spec.nope>: map has no entry for key "nope"\n');
    expect(r.stdout.split('\n')[0]).toBe(
      'Error executing template: template: output:1:7: executing "output" at <.spec.nope>: map has no entry for key "nope". Printing more information for debugging the template:',
    );
  });
});

describe('kubectl get --sort-by, -L and --show-kind', () => {
  it('sorts table rows and List items by a field', async () => {
    await twoPods();
    expect((await lab.run('kubectl get pods --sort-by=.spec.containers[0].image -o name')).stdout).toBe('pod/web-b\npod/web-a\n');
    expect((await lab.run("kubectl get pods --sort-by='{.metadata.labels.tier}'")).stdout).toBe(
      'NAME    READY   STATUS    RESTARTS   AGE\nweb-b   1/1     Running   0          30s\nweb-a   1/1     Running   0          30s\n',
    );
    expect(await lab.run('kubectl get pods --sort-by=.spec.nope')).toMatchObject({
      stderr: 'error: couldn\'t find any field with path "{.spec.nope}" in the list of objects\n',
      status: 1,
    });
  });

  it('compares quantities as quantities', async () => {
    const r = await lab.run(
      "kubectl create configmap big --from-literal=size=2Gi\nkubectl create configmap small --from-literal=size=500Mi\nkubectl create configmap mid --from-literal=size=1G\nkubectl get cm --sort-by=.data.size -o jsonpath='{.items[*].metadata.name}'",
    );
    // Objects without the field sort first.
    expect(r.stdout.split('\n').pop()).toBe('kube-root-ca.crt small mid big');
  });

  it('adds label columns with -L and kind prefixes with --show-kind', async () => {
    await twoPods();
    expect((await lab.run('kubectl get pods -L tier,app.kubernetes.io/app -L app --show-kind')).stdout).toBe(
      'NAME        READY   STATUS    RESTARTS   AGE   TIER    APP   APP\n' +
        'pod/web-a   1/1     Running   0          30s   front         nginx\n' +
        'pod/web-b   1/1     Running   0          30s   back          nginx\n',
    );
  });

  it('gets what -f names', async () => {
    await twoPods();
    expect((await lab.run('kubectl get -f nginx-pod.yaml')).stderr).toBe('Error from server (NotFound): pods "nginx-pod" not found\n');
    expect((await lab.run('kubectl apply -f nginx-pod.yaml >/dev/null\nkubectl get -f nginx-pod.yaml -o name')).stdout).toBe('pod/nginx-pod\n');
  });
});

describe('kubectl get --watch', () => {
  it('prints the table, then a row per watch event, until --request-timeout ends the watch', async () => {
    const r = await lab.run('kubectl apply -f nginx-pod.yaml\nkubectl get pods -w --request-timeout=10s\necho "status $?"');
    expect(r.stdout).toBe(
      'pod/nginx-pod created\n' +
        'NAME        READY   STATUS              RESTARTS   AGE\n' +
        'nginx-pod   0/1     ContainerCreating   0          0s\n' +
        // A status update that changes no column still prints its row.
        'nginx-pod   0/1     ContainerCreating   0          0s\n' +
        'nginx-pod   1/1     Running             0          5s\n' +
        'status 0\n',
    );
  });

  it('prints only changes with --watch-only, and the event types with --output-watch-events', async () => {
    await lab.run('kubectl apply -f nginx-pod.yaml\nlab step 30s');
    const r = await lab.run('kubectl delete pod nginx-pod --wait=false\nkubectl get pods --watch-only --output-watch-events --request-timeout=40s');
    expect(r.stdout).toBe(
      'pod "nginx-pod" deleted\n' +
        'EVENT      NAME        READY   STATUS        RESTARTS   AGE\n' +
        'MODIFIED   nginx-pod   0/1     Terminating   0          30s\n' +
        'DELETED    nginx-pod   0/1     Terminating   0          30s\n',
    );
  });

  it('runs until Ctrl+C', async () => {
    await lab.run('kubectl apply -f nginx-pod.yaml');
    const controller = new AbortController();
    let out = '';
    const io = {
      stdout: {
        write: (text: string) => {
          out += text;
          if (out.includes('Running')) controller.abort();
        },
      },
      stderr: { write: () => undefined },
      isTerminal: false,
    };
    const status = await lab.shell.run('kubectl get pod nginx-pod -w', io, controller.signal);
    expect(out).toBe(
      'NAME        READY   STATUS              RESTARTS   AGE\nnginx-pod   0/1     ContainerCreating   0          0s\nnginx-pod   0/1     ContainerCreating   0          0s\nnginx-pod   1/1     Running             0          5s\n',
    );
    // The lab's shell reports any command stopped by Ctrl+C as 130.
    expect(status).toBe(130);
  });

  it('refuses several types and --output-watch-events without a watch', async () => {
    expect((await lab.run('kubectl get pods,svc -w')).stderr).toBe('error: you may only specify a single resource type\n');
    expect((await lab.run('kubectl get pods --output-watch-events')).stderr).toBe(
      "error: --output-watch-events option can only be used with --watch or --watch-only\nSee 'kubectl get -h' for help and examples\n",
    );
  });
});

describe('kubectl get --raw', () => {
  it('prints what the server returns for an API path', async () => {
    const r = await lab.run('kubectl get --raw /api/v1/namespaces/default');
    expect(r.stdout).toMatch(/^\{"kind":"Namespace","apiVersion":"v1","metadata":\{"name":"default","uid":"[0-9a-f-]+","resourceVersion":"2","creationTimestamp":"2024-12-31T23:50:00Z","labels":\{"kubernetes.io\/metadata.name":"default"\}/);
    expect(r.stdout.endsWith('"status":{"phase":"Active"}}\n')).toBe(true);
    expect((await lab.run('kubectl get --raw /healthz')).stdout).toBe('ok');
    expect((await lab.run('kubectl get --raw /api/v1/namespaces/nope')).stderr).toBe('Error from server (NotFound): namespaces "nope" not found\n');
    expect((await lab.run('kubectl get --raw /api/v1/namespaces -o yaml')).stderr).toBe("error: --raw and --output are mutually exclusive\nSee 'kubectl get -h' for help and examples\n");
    expect((await lab.run('kubectl get pods --raw /api')).stderr).toBe('error: arguments may not be passed when --raw is specified\n');
  });
});
