/** `kubectl expose`: selector, ports and protocols introspected from the object, flags, errors. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../../src/shared/api/meta.js';
import { SERVICES } from '../../../../../src/main/cluster/client/resources.js';
import { KubectlLab } from '../../lab.js';

let lab: KubectlLab;

beforeEach(async () => {
  lab = new KubectlLab();
  const setup = await lab.run('kubectl apply -f nginx-pod.yaml\nkubectl create deployment web --image=nginx:1.25 --port=8080\nlab step 30s');
  expect(setup.stderr).toBe('');
});

afterEach(() => {
  expect(lab.session.lab.componentErrors).toEqual([]);
  lab.dispose();
});

function service(name: string): KubeObject | undefined {
  const got = lab.session.lab.client('test').get(SERVICES, 'default', name);
  return got.ok ? got.value : undefined;
}

describe('kubectl expose', () => {
  it('prints the generated Service for a client dry run', async () => {
    const r = await lab.run('kubectl expose pod nginx-pod --dry-run=client -o yaml');
    expect(r.stdout).toBe(`apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: nginx
  name: nginx-pod
spec:
  ports:
  - port: 80
    protocol: TCP
    targetPort: 80
  selector:
    app: nginx
status:
  loadBalancer: {}
`);
    expect((await lab.run('kubectl expose pod nginx-pod --dry-run=client')).stdout).toBe('service/nginx-pod exposed (dry run)\n');
    expect(service('nginx-pod')).toBeUndefined();
  });

  it('exposes a Deployment with its selector and container port, and with flags', async () => {
    expect(await lab.run('kubectl expose deployment web')).toMatchObject({ stdout: 'service/web exposed\n', stderr: '', status: 0 });
    expect(service('web')).toMatchObject({ metadata: { labels: { app: 'web' } }, spec: { type: 'ClusterIP', selector: { app: 'web' }, ports: [{ port: 8080, targetPort: 8080, protocol: 'TCP' }] } });
    expect(service('web')?.metadata.managedFields?.[0]?.manager).toBe('kubectl-expose');
    expect((await lab.run('kubectl expose deploy/web --name=web-np --type=NodePort --port=80 --target-port=8080')).stdout).toBe('service/web-np exposed\n');
    expect(service('web-np')).toMatchObject({ spec: { type: 'NodePort', ports: [{ port: 80, targetPort: 8080 }] } });
    expect((await lab.run('kubectl expose svc web --name=web-copy --port=81')).stdout).toBe('service/web-copy exposed\n');
    expect(service('web-copy')).toMatchObject({ spec: { selector: { app: 'web' }, ports: [{ port: 81, targetPort: 81 }] } });
    const endpoints = await lab.run('lab step 5s\nkubectl get endpoints web -o jsonpath={.subsets[0].ports[0].port}');
    expect(endpoints.stdout).toContain('8080');
  });

  it('names every port of a multi-port object and keeps the introspected protocols', async () => {
    const manifest = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: dns',
      '  labels: {app: dns}',
      'spec:',
      '  containers:',
      '  - name: dns',
      '    image: coredns/coredns',
      '    ports: [{containerPort: 53, protocol: UDP}, {containerPort: 53}, {containerPort: 9153}]',
    ].join('\n');
    await lab.run(`kubectl apply -f - <<'EOF'\n${manifest}\nEOF`);
    const r = await lab.run('kubectl expose pod dns --dry-run=client -o jsonpath={.spec.ports}');
    expect(r.stdout).toBe(
      '[{"name":"port-1-udp","port":53,"protocol":"UDP","targetPort":53},{"name":"port-1-tcp","port":53,"protocol":"TCP","targetPort":53},{"name":"port-2","port":9153,"protocol":"TCP","targetPort":9153}]',
    );
  });

  it('reports what it cannot expose', async () => {
    await lab.run("kubectl run bare --image=busybox --labels=x=y -- sleep 1000");
    expect((await lab.run('kubectl expose pod bare')).stderr).toBe("error: couldn't find port via --port flag or introspection\n");
    expect((await lab.run('kubectl expose pod missing')).stderr).toBe('Error from server (NotFound): pods "missing" not found\n');
    expect((await lab.run('kubectl expose cm kube-root-ca.crt --port=80')).stderr).toBe('error: cannot expose a ConfigMap\n');
    expect((await lab.run('kubectl expose deployment web')).status).toBe(0);
    expect((await lab.run('kubectl expose deployment web')).stderr).toBe('Error from server (AlreadyExists): services "web" already exists\n');
    expect((await lab.run('kubectl expose')).stderr).toBe(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
  });
});
