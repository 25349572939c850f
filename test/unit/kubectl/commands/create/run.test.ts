/** `kubectl run`: the generated Pod, --expose, the attached -i/--rm form, and its checks. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SERVICES } from '../../../../../src/main/cluster/client/resources.js';
import { KubectlLab } from '../../lab.js';

let lab: KubectlLab;

beforeEach(() => {
  lab = new KubectlLab();
});

afterEach(() => {
  expect(lab.session.lab.componentErrors).toEqual([]);
  lab.dispose();
});

const NGINX_POD = `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: nginx
  name: nginx
spec:
  containers:
  - image: nginx
    name: nginx
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`;

describe('kubectl run', () => {
  it('prints the run-pod/v1 Pod for a client dry run', async () => {
    expect(await lab.run('kubectl run nginx --image=nginx --dry-run=client -o yaml')).toMatchObject({ stdout: NGINX_POD, stderr: '', status: 0 });
    const r = await lab.run('kubectl run t --image=busybox -l a=b --env=X=1 --port=80 --restart=Never --command --dry-run=client -o yaml -n dev -- sleep 10');
    expect(r.stdout).toBe(`apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    a: b
  name: t
  namespace: dev
spec:
  containers:
  - command:
    - sleep
    - "10"
    env:
    - name: X
      value: "1"
    image: busybox
    name: t
    ports:
    - containerPort: 80
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Never
status: {}
`);
  });

  it('creates a Pod that the kubelet runs, and a Service with --expose', async () => {
    const r = await lab.run('kubectl run web --image=nginx:1.25 --port=80 --expose\nlab step 30s');
    expect(r.stdout).toBe('service/web created\npod/web created\nclock: 2025-01-01T00:00:30Z (+30s)\n');
    expect(lab.pod('web')?.status?.phase).toBe('Running');
    expect(lab.pod('web')?.metadata.managedFields?.[0]?.manager).toBe('kubectl-run');
    const service = lab.session.lab.client('test').get(SERVICES, 'default', 'web');
    expect(service.ok && service.value.spec).toMatchObject({ selector: { run: 'web' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] });
    expect((await lab.run('kubectl run web --image=nginx')).stderr).toBe('Error from server (AlreadyExists): pods "web" already exists\n');
  });

  it('shows the output of -i --rm --restart=Never, deletes the Pod and passes on its exit code', async () => {
    const r = await lab.run('kubectl run t --image=busybox --rm -i --restart=Never -- echo hi');
    expect(r).toMatchObject({ stdout: 'hi\npod "t" deleted\n', stderr: '', status: 0 });
    expect(lab.pod('t')).toBeUndefined();
    const failed = await lab.run("kubectl run f --image=busybox --rm -i --restart=Never -- sh -c 'echo bye; exit 3'");
    expect(failed).toMatchObject({ output: 'bye\npod "f" deleted\n!error: pod default/f terminated (Error)\n', status: 3 });
  });

  it('--rm -it -- wget -qO- SERVICE: the page from the image\'s wget, then the Pod deleted', async () => {
    await lab.run('kubectl create deployment web --image=nginx:1.25\nkubectl expose deployment web --port=80\nlab step 60s');
    const r = await lab.run('kubectl run tmp --image=busybox:1.36 --restart=Never --rm -it -- wget -qO- web');
    expect(r).toMatchObject({ stderr: '', status: 0 });
    expect(r.stdout).toMatch(/^<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!<\/title>\n/);
    expect(r.stdout.endsWith('<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\npod "tmp" deleted\n')).toBe(true);
    expect(lab.pod('tmp')).toBeUndefined();
    const lookup = await lab.run('kubectl run dns --image=busybox:1.36 --restart=Never --rm -it -- nslookup web');
    expect(lookup.stdout).toMatch(/^Server:\t\t10\.96\.0\.10\nAddress:\t10\.96\.0\.10:53\n\nName:\tweb\.default\.svc\.cluster\.local\nAddress: 10\.96\.\d+\.\d+\n\npod "dns" deleted\n$/);
    const failed = await lab.run('kubectl run bad --image=busybox:1.36 --restart=Never --rm -it -- wget -qO- -T 2 nothere');
    expect(failed).toMatchObject({ output: 'wget: bad address \'nothere\'\npod "bad" deleted\n!error: pod default/bad terminated (Error)\n', status: 1 });
  });

  it('checks its flags the way kubectl does', async () => {
    expect((await lab.run('kubectl run x')).stderr).toBe('error: required flag(s) "image" not set\n');
    const usage = (message: string): string => `error: ${message}\nSee 'kubectl run -h' for help and examples\n`;
    expect((await lab.run('kubectl run --image=x')).stderr).toBe(usage('NAME is required for run'));
    expect((await lab.run('kubectl run x --image=x --restart=Foo')).stderr).toBe(usage('invalid restart policy: Foo'));
    expect((await lab.run('kubectl run x --image=x --rm')).stderr).toBe(usage('--rm should only be used for attached containers'));
    expect((await lab.run('kubectl run x --image=x -t')).stderr).toBe(usage('-i/--stdin is required for containers with -t/--tty=true'));
    expect((await lab.run('kubectl run x --image=x --expose')).stderr).toBe(usage('--port must be set when exposing a service'));
    expect((await lab.run('kubectl run x --image=x -i --dry-run=client')).stderr).toBe(
      usage("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)"),
    );
    expect((await lab.run('kubectl run x --image=X')).stderr).toBe('error: Invalid image name "X": invalid reference format\n');
    expect(lab.pod('x')).toBeUndefined();
  });
});

describe('kubectl run --overrides', () => {
  it('merges JSON into the generated Pod (a merge patch replaces containers whole; unknown fields are dropped)', async () => {
    const r = await lab.run(
      `kubectl run r --image=busybox:1.36 --dry-run=client -o yaml --overrides='{"spec":{"containers":[{"name":"r","image":"busybox:1.36","command":["sleep","3600"],"bogus":1}],"nodeName":"node01"}}'`,
    );
    expect(r.stdout).toBe(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: r\n  name: r\nspec:\n  containers:\n  - command:\n    - sleep\n    - "3600"\n    image: busybox:1.36\n    name: r\n    resources: {}\n  dnsPolicy: ClusterFirst\n  nodeName: node01\n  restartPolicy: Always\nstatus: {}\n',
    );
  });

  it('takes strategic merge patches (containers merge by name) and JSON patches', async () => {
    const strategic = await lab.run(`kubectl run r --image=busybox:1.36 --dry-run=client -o yaml --override-type=strategic --overrides='{"spec":{"containers":[{"name":"r","command":["sleep","60"]}]}}'`);
    expect(strategic.stdout).toContain('  containers:\n  - command:\n    - sleep\n    - "60"\n    image: busybox:1.36\n    name: r\n    resources: {}\n');
    const json = await lab.run(`kubectl run r --image=busybox:1.36 --dry-run=client -o yaml --override-type=json --overrides='[{"op":"add","path":"/spec/hostname","value":"h1"}]'`);
    expect(json.stdout).toContain('  hostname: h1\n');
  });

  it('creates the overridden Pod, and refuses a bad fragment or type with kubectl\'s errors', async () => {
    expect(await lab.run(`kubectl run r --image=busybox:1.36 --overrides='{"spec":{"containers":[{"name":"r","image":"busybox:1.36","command":["sleep","3600"]}]}}'\nlab step 20s\nkubectl get pod r -o jsonpath='{.spec.containers[0].command} {.status.phase}'`)).toMatchObject({
      stdout: 'pod/r created\nclock: 2025-01-01T00:00:20Z (+20s)\n["sleep","3600"] Running',
      status: 0,
    });
    expect(await lab.run(`kubectl run x --image=busybox --overrides='{bad'`)).toMatchObject({ stderr: 'error: Invalid JSON Patch\n', status: 1 });
    expect(await lab.run(`kubectl run x --image=busybox --override-type=strategic --overrides='{bad'`)).toMatchObject({ stderr: 'error: invalid JSON document\n', status: 1 });
    expect(await lab.run(`kubectl run x --image=busybox --override-type=xml --overrides='{}'`)).toMatchObject({ stderr: 'error: invalid override type: xml\n', status: 1 });
  });
});
