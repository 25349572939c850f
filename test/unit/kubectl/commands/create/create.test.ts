/** `kubectl create` against the lab's API server: -f, every generator's real creation, errors, token. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../../src/shared/api/meta.js';
import {
  CLUSTER_ROLE_BINDINGS,
  CONFIG_MAPS,
  CRON_JOBS,
  DEPLOYMENTS,
  INGRESSES,
  JOBS,
  NAMESPACES,
  POD_DISRUPTION_BUDGETS,
  PRIORITY_CLASSES,
  RESOURCE_QUOTAS,
  ROLES,
  ROLE_BINDINGS,
  SECRETS,
  SERVICES,
  SERVICE_ACCOUNTS,
  type ResourceRef,
} from '../../../../../src/main/cluster/client/resources.js';
import { KubectlLab } from '../../lab.js';

let lab: KubectlLab;

beforeEach(() => {
  lab = new KubectlLab();
});

afterEach(() => {
  expect(lab.session.lab.componentErrors).toEqual([]);
  lab.dispose();
});

function get(ref: ResourceRef, name: string, namespace: string | undefined = 'default'): KubeObject | undefined {
  const got = lab.session.lab.client('test').get(ref, namespace, name);
  return got.ok ? got.value : undefined;
}

describe('kubectl create -f', () => {
  it('creates each object of a file, then reports AlreadyExists with the file', async () => {
    expect(await lab.run('kubectl create -f nginx-pod.yaml')).toMatchObject({ stdout: 'pod/nginx-pod created\n', stderr: '', status: 0 });
    expect(lab.pod('nginx-pod')?.metadata.managedFields?.[0]?.manager).toBe('kubectl-create');
    expect(await lab.run('kubectl create -f nginx-pod.yaml')).toMatchObject({
      stdout: '',
      stderr: 'Error from server (AlreadyExists): error when creating "nginx-pod.yaml": pods "nginx-pod" already exists\n',
      status: 1,
    });
  });

  it('reads stdin and directories, and records the manifest with --save-config', async () => {
    const r = await lab.run(
      "mkdir m\nkubectl create configmap a --from-literal=k=v --dry-run=client -o yaml > m/a.yaml\nkubectl create namespace dev --dry-run=client -o yaml > m/ns.yaml\nkubectl create -f m\nkubectl create sa robot --dry-run=client -o yaml | kubectl create --save-config -f -",
    );
    expect(r.output).toBe('configmap/a created\nnamespace/dev created\nserviceaccount/robot created\n');
    expect(get(NAMESPACES, 'dev', undefined)).toBeDefined();
    expect(get(SERVICE_ACCOUNTS, 'robot')?.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      '{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"annotations":{},"creationTimestamp":null,"name":"robot","namespace":"default"}}\n',
    );
  });

  it('prints dry runs and refuses a namespace that contradicts -n', async () => {
    expect((await lab.run('kubectl create -f nginx-pod.yaml --dry-run=server')).stdout).toBe('pod/nginx-pod created (server dry run)\n');
    expect((await lab.run('kubectl create -f nginx-pod.yaml -o name --dry-run=client')).stdout).toBe('pod/nginx-pod\n');
    expect(lab.pod('nginx-pod')).toBeUndefined();
    const r = await lab.run("sed 's/name: nginx-pod/name: p\\n  namespace: a/' nginx-pod.yaml | kubectl create -n b -f -");
    expect(r.stderr).toBe("error: the namespace from the provided object \"a\" does not match the namespace \"b\". You must pass '--namespace=a' to perform this operation.\n");
  });

  it('says what is missing or unexpected', async () => {
    expect(await lab.run('kubectl create')).toMatchObject({ stderr: 'error: must specify one of -f and -k\n', status: 1 });
    expect((await lab.run('kubectl create foo')).stderr).toBe("error: Unexpected args: [foo]\nSee 'kubectl create -h' for help and examples\n");
    expect((await lab.run('kubectl create -f nope.yaml')).stderr).toBe('error: the path "nope.yaml" does not exist\n');
  });
});

describe('kubectl create <generator>', () => {
  it('creates workloads that the controllers then run', async () => {
    const r = await lab.run(
      [
        'kubectl create deployment web --image=nginx:1.25 --replicas=2 --port=80',
        'kubectl create job once --image=busybox -- echo hi',
        'kubectl create cronjob tick --image=busybox --schedule="*/1 * * * *" -- date',
        'kubectl create job manual --from=cronjob/tick',
        'lab step 30s',
      ].join('\n'),
    );
    expect(r.stdout).toBe('deployment.apps/web created\njob.batch/once created\ncronjob.batch/tick created\njob.batch/manual created\nclock: 2025-01-01T00:00:30Z (+30s)\n');
    const web = get(DEPLOYMENTS, 'web') as KubeObject & { status?: { readyReplicas?: number } };
    expect(web.status?.readyReplicas).toBe(2);
    expect(web.metadata.managedFields?.[0]?.manager).toBe('kubectl-create');
    expect((get(JOBS, 'once') as KubeObject & { status?: { succeeded?: number } }).status?.succeeded).toBe(1);
    const manual = get(JOBS, 'manual')!;
    expect(manual.metadata.annotations?.['cronjob.kubernetes.io/instantiate']).toBe('manual');
    expect(manual.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'CronJob', name: 'tick', uid: get(CRON_JOBS, 'tick')!.metadata.uid, controller: true });
    expect((await lab.run('kubectl logs job/once')).stdout).toBe('hi\n');
  });

  it('creates configuration, access control and policy objects', async () => {
    const r = await lab.run(
      [
        'kubectl create namespace dev',
        'kubectl create configmap cm --from-literal=a=b -n dev',
        'kubectl create secret generic s --from-literal=password=x',
        'kubectl create secret docker-registry reg --docker-username=u --docker-password=p',
        'kubectl create sa robot',
        'kubectl create service clusterip web --tcp=80:8080',
        'kubectl create role reader --verb=get,list --resource=pods,deploy.apps',
        'kubectl create rolebinding rb --role=reader --serviceaccount=default:robot',
        'kubectl create clusterrolebinding crb --clusterrole=view --user=alice --group=devs',
        'kubectl create ingress ing --rule=foo.com/=web:80',
        'kubectl create quota q --hard=pods=10',
        'kubectl create priorityclass high --value=1000',
        'kubectl create pdb p --selector=app=web --min-available=1',
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'namespace/dev created',
        'configmap/cm created',
        'secret/s created',
        'secret/reg created',
        'serviceaccount/robot created',
        'service/web created',
        'role.rbac.authorization.k8s.io/reader created',
        'rolebinding.rbac.authorization.k8s.io/rb created',
        'clusterrolebinding.rbac.authorization.k8s.io/crb created',
        'ingress.networking.k8s.io/ing created',
        'resourcequota/q created',
        'priorityclass.scheduling.k8s.io/high created',
        'poddisruptionbudget.policy/p created',
        '',
      ].join('\n'),
    );
    expect(get(CONFIG_MAPS, 'cm', 'dev')?.data).toEqual({ a: 'b' });
    expect(get(SECRETS, 's')).toMatchObject({ type: 'Opaque', data: { password: 'eA==' } });
    expect(get(SECRETS, 'reg')?.type).toBe('kubernetes.io/dockerconfigjson');
    expect(get(SERVICES, 'web')).toMatchObject({ spec: { type: 'ClusterIP', selector: { app: 'web' }, ports: [{ name: '80-8080', port: 80, targetPort: 8080 }] } });
    expect(get(ROLES, 'reader')?.rules).toEqual([
      { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] },
      { verbs: ['get', 'list'], apiGroups: ['apps'], resources: ['deployments'] },
    ]);
    expect(get(ROLE_BINDINGS, 'rb')?.subjects).toEqual([{ kind: 'ServiceAccount', name: 'robot', namespace: 'default' }]);
    // --user is the command's own flag here, not kubectl's choice of kubeconfig user.
    expect(get(CLUSTER_ROLE_BINDINGS, 'crb', undefined)?.subjects).toEqual([
      { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' },
      { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'devs' },
    ]);
    expect(get(INGRESSES, 'ing')?.spec).toMatchObject({ rules: [{ host: 'foo.com', http: { paths: [{ path: '/', pathType: 'Exact' }] } }] });
    expect(get(RESOURCE_QUOTAS, 'q')?.spec).toMatchObject({ hard: { pods: '10' } });
    expect(get(PRIORITY_CLASSES, 'high', undefined)).toMatchObject({ value: 1000, preemptionPolicy: 'PreemptLowerPriority' });
    expect(get(POD_DISRUPTION_BUDGETS, 'p')?.spec).toMatchObject({ minAvailable: 1, selector: { matchLabels: { app: 'web' } } });
    expect((await lab.run('kubectl auth can-i list pods --as=system:serviceaccount:default:robot')).stdout).toBe('yes\n');
  });

  it('reports server errors wrapped as each generator wraps them', async () => {
    await lab.run('kubectl create deployment web --image=nginx\nkubectl create namespace dev\nkubectl create cm c\nkubectl create secret generic s\nkubectl create service clusterip web --tcp=80\nkubectl create role r --verb=get --resource=pods');
    const r = await lab.run(
      'kubectl create deployment web --image=nginx\nkubectl create namespace dev\nkubectl create cm c\nkubectl create secret generic s\nkubectl create service clusterip web --tcp=80\nkubectl create role r --verb=get --resource=pods\nkubectl create deployment bad_name --image=nginx',
    );
    expect(r.stderr).toBe(
      [
        'error: failed to create deployment: deployments.apps "web" already exists',
        'Error from server (AlreadyExists): namespaces "dev" already exists',
        'error: failed to create configmap: configmaps "c" already exists',
        'error: failed to create secret secrets "s" already exists',
        'error: failed to create ClusterIP service: services "web" already exists',
        'Error from server (AlreadyExists): roles.rbac.authorization.k8s.io "r" already exists',
        'error: failed to create deployment: Deployment.apps "bad_name" is invalid: metadata.name: Invalid value: "bad_name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')',
        '',
      ].join('\n'),
    );
    expect(r.status).toBe(1);
  });

  it('does a server dry run, and prints the created object with -o yaml', async () => {
    expect((await lab.run('kubectl create deployment srv --image=nginx --dry-run=server')).stdout).toBe('deployment.apps/srv created (server dry run)\n');
    expect(get(DEPLOYMENTS, 'srv')).toBeUndefined();
    const r = await lab.run('kubectl create ns dev -o yaml --save-config');
    expect(r.stdout).toContain('kubectl.kubernetes.io/last-applied-configuration: |\n      {"kind":"Namespace","apiVersion":"v1","metadata":{"name":"dev","creationTimestamp":null},"spec":{},"status":{}}\n');
    expect(r.stdout).toContain('  uid: ');
    expect(r.stdout).toContain('status:\n  phase: Active\n');
  });

  it('uses discovery for role resources and refuses unknown ones', async () => {
    expect((await lab.run('kubectl create role r --verb=get --resource=foo')).stderr).toBe('error: the server doesn\'t have a resource type "foo"\n');
    const r = await lab.run('kubectl create role r --verb=frob --resource=po');
    expect(r.output).toBe("!Warning: 'frob' is not a standard resource verb\nrole.rbac.authorization.k8s.io/r created\n");
    expect(get(ROLES, 'r')?.rules).toEqual([{ verbs: ['frob'], apiGroups: [''], resources: ['pods'] }]);
  });
});

describe('kubectl create token', () => {
  it('requests a token for the ServiceAccount and prints it', async () => {
    await lab.run('kubectl create sa robot');
    const r = await lab.run('kubectl create token robot --duration=1h --audience=api');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = JSON.parse(Buffer.from(r.stdout.split('.')[1]!, 'base64url').toString()) as { aud: string[]; exp: number; iat: number; sub: string };
    expect(claims).toMatchObject({ aud: ['api'], sub: 'system:serviceaccount:default:robot' });
    expect(claims.exp - claims.iat).toBe(3600);
    expect((await lab.run('kubectl create token robot -o jsonpath={.kind}')).stdout).toBe('TokenRequest');
  });

  it('says what is wrong before and after asking', async () => {
    expect((await lab.run('kubectl create token nobody')).stderr).toBe('error: failed to create token: serviceaccounts "nobody" not found\n');
    expect((await lab.run('kubectl create token default --bound-object-kind=Job')).stderr).toBe('error: supported --bound-object-kind values are Node, Pod, Secret\n');
    expect((await lab.run('kubectl create token default --bound-object-name=x')).stderr).toBe('error: --bound-object-name can only be set if --bound-object-kind is provided\n');
    expect((await lab.run('kubectl create token default --duration=1500ms')).stderr).toBe('error: --duration cannot be expressed in units less than seconds\n');
  });
});
