/** Services, Endpoints, ConfigMaps, Secrets and ServiceAccounts end to end through the lab's kubectl. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Secret, Service } from '../../../../src/shared/api/core.js';
import { SECRETS, SERVICES } from '../../../../src/main/cluster/client/resources.js';
import { KubectlLab } from '../lab.js';

let lab: KubectlLab;

beforeEach(() => {
  lab = new KubectlLab();
});

afterEach(() => {
  expect(lab.session.lab.componentErrors).toEqual([]);
  lab.dispose();
});

const APP_YAML = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  MODE: prod
  app.properties: |
    color=blue
---
apiVersion: v1
kind: Secret
metadata:
  name: db
stringData:
  password: s3cr3t
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
`;

const writeApp = `cat > app.yaml <<'EOF'\n${APP_YAML}EOF\n`;

function get<T>(ref: typeof SERVICES, name: string): T | undefined {
  const got = lab.session.lab.client('test').get(ref, 'default', name);
  return got.ok ? (got.value as T) : undefined;
}

describe('the kubernetes Service (kube-apiserver bootstrap controller)', () => {
  it('kubectl get svc shows it on 10.96.0.1:443 since the cluster came up', async () => {
    expect(await lab.run('kubectl get svc')).toMatchObject({
      stdout: 'NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nkubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   10m\n',
      stderr: '',
      status: 0,
    });
    expect((await lab.run('kubectl get services -o wide')).stdout).toBe(
      'NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE   SELECTOR\nkubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   10m   <none>\n',
    );
  });

  it('its Endpoints point at the control plane secure port', async () => {
    expect((await lab.run('kubectl get ep')).stdout).toBe('NAME         ENDPOINTS             AGE\nkubernetes   192.168.200.10:6443   10m\n');
    expect((await lab.run('kubectl get endpoints kubernetes -o yaml')).stdout).toContain(
      '  labels:\n    endpointslice.kubernetes.io/skip-mirror: "true"\n  name: kubernetes\n',
    );
  });

  it('so does its EndpointSlice, written by the same reconciler', async () => {
    expect((await lab.run('kubectl get endpointslices')).stdout).toBe('NAME         ADDRESSTYPE   PORTS   ENDPOINTS        AGE\nkubernetes   IPv4          6443    192.168.200.10   10m\n');
  });

  it('is stored like any Service: labels, targetPort 6443, IP family fields', () => {
    const svc = get<Service>(SERVICES, 'kubernetes')!;
    expect(svc.metadata.labels).toEqual({ component: 'apiserver', provider: 'kubernetes' });
    expect(svc.spec).toMatchObject({
      clusterIP: '10.96.0.1',
      clusterIPs: ['10.96.0.1'],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
    });
  });

  it('the ServiceAccount controller has made the default ServiceAccount of each namespace', async () => {
    expect(await lab.run('kubectl get sa')).toMatchObject({ stdout: 'NAME      SECRETS   AGE\ndefault   0         10m\n', stderr: '', status: 0 });
  });
});

describe('kubectl apply -f with a ConfigMap, a Secret and a Service', () => {
  it('creates them, prints them, and re-applies the ConfigMap and Service unchanged', async () => {
    expect(await lab.run(`${writeApp}kubectl apply -f app.yaml`)).toMatchObject({
      stdout: 'configmap/app-config created\nsecret/db created\nservice/web created\n',
      stderr: '',
      status: 0,
    });
    // The lab's seed decides the random picks: the same every run.
    const svc = get<Service>(SERVICES, 'web')!;
    expect(svc.spec.clusterIP).toBe('10.96.147.84');
    expect(svc.spec.ports![0]!.nodePort).toBe(31176);
    expect((await lab.run('kubectl get cm,secret,svc')).stdout).toBe(
      [
        'NAME                         DATA   AGE',
        'configmap/app-config         2      0s',
        'configmap/kube-root-ca.crt   1      10m',
        '',
        'NAME        TYPE     DATA   AGE',
        'secret/db   Opaque   1      0s',
        '',
        'NAME                 TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)        AGE',
        'service/kubernetes   ClusterIP   10.96.0.1      <none>        443/TCP        10m',
        'service/web          NodePort    10.96.147.84   <none>        80:31176/TCP   0s',
        '',
      ].join('\n'),
    );
    // stringData is sent again each time, as with the real kubectl: the Secret reads "configured".
    expect((await lab.run('kubectl apply -f app.yaml')).stdout).toBe('configmap/app-config unchanged\nsecret/db configured\nservice/web unchanged\n');
    expect(get<Service>(SERVICES, 'web')!.spec.ports![0]!.nodePort).toBe(31176);
  });

  it('stores the Secret base64-encoded, without stringData', async () => {
    await lab.run(`${writeApp}kubectl apply -f app.yaml`);
    const secret = get<Secret>(SECRETS, 'db')!;
    expect(secret.data).toEqual({ password: 'czNjcjN0' });
    expect(secret.stringData).toBeUndefined();
    expect((await lab.run('kubectl get secret db -o yaml')).stdout).toMatch(/^apiVersion: v1\ndata:\n {2}password: czNjcjN0\nkind: Secret\n/);
  });

  it('reports plain text under a Secret data as the server does', async () => {
    const r = await lab.run("kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: Secret\nmetadata:\n  name: bad\ndata:\n  password: admin\nEOF");
    expect(r).toMatchObject({
      stderr: 'Error from server (BadRequest): error when creating "STDIN": Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4\n',
      status: 1,
    });
  });

  it('reports an unquoted number in a ConfigMap as the decoder does', async () => {
    const r = await lab.run("kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  port: 8080\nEOF");
    expect(r.stderr).toBe(
      'Error from server (BadRequest): error when creating "STDIN": ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string\n',
    );
  });

  it('refuses a changed clusterIP on apply', async () => {
    await lab.run(`${writeApp}kubectl apply -f app.yaml`);
    const r = await lab.run(`${writeApp.replace('  type: NodePort\n', '  type: NodePort\n  clusterIP: 10.96.5.5\n')}kubectl apply -f app.yaml`);
    expect(r).toMatchObject({
      stdout: 'configmap/app-config unchanged\nsecret/db configured\n',
      stderr: 'The Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.5.5"}: may not change once set\n',
      status: 1,
    });
  });

  it('kubectl delete svc takes its Endpoints along', async () => {
    await lab.run(`${writeApp}kubectl apply -f app.yaml`);
    await lab.run("kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: Endpoints\nmetadata:\n  name: web\nsubsets:\n- addresses:\n  - ip: 172.16.1.5\n  ports:\n  - port: 8080\nEOF");
    expect((await lab.run('kubectl get ep web')).stdout).toBe('NAME   ENDPOINTS         AGE\nweb    172.16.1.5:8080   0s\n');
    expect((await lab.run('kubectl delete svc web')).stdout).toBe('service "web" deleted\n');
    expect((await lab.run('kubectl get ep web')).stderr).toBe('Error from server (NotFound): endpoints "web" not found\n');
  });
});
