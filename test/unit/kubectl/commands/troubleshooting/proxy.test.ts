/** `kubectl proxy`: the API server on the workstation's localhost, with the kubeconfig's credentials. */
import { afterEach, describe, expect, it } from 'vitest';
import { KubectlLab } from '../../lab.js';

let lab: KubectlLab;
afterEach(() => {
  expect(lab.session.lab.componentErrors).toEqual([]);
  lab.dispose();
});

describe('kubectl proxy', () => {
  it('serves the API on localhost:8001 as the kubeconfig user until killed', async () => {
    lab = new KubectlLab();
    const r = await lab.run(`kubectl apply -f nginx-pod.yaml
kubectl proxy &
sleep 1
curl -s localhost:8001/api/v1/namespaces/default/pods | head -4
curl -s localhost:8001/api/v1/namespaces/default/pods | jq -r '.items[].metadata.name'
wget -qO- 127.0.0.1:8001/apis/apps/v1/namespaces/kube-system/deployments/coredns | jq -r .spec.replicas
curl -s localhost:8001/healthz; echo
curl -s localhost:8001/version | grep gitVersion
curl -s localhost:8001/api/v1/namespaces/default/pods/nope
curl -s localhost:8001/nope | grep message
curl -s localhost:8001/api/v1/namespaces/default/pods/nginx-pod/exec
kill %1
curl -s localhost:8001/healthz; echo "after kill: $?"
`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'pod/nginx-pod created\nStarting to serve on 127.0.0.1:8001\n' +
        '{\n  "kind": "PodList",\n  "apiVersion": "v1",\n  "metadata": {\n' +
        'nginx-pod\n2\nok\n  "gitVersion": "v1.32.4",\n' +
        '{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": {},\n  "status": "Failure",\n  "message": "pods \\"nope\\" not found",\n' +
        '  "reason": "NotFound",\n  "details": {\n    "name": "nope",\n    "kind": "pods"\n  },\n  "code": 404\n}\n' +
        '  "message": "the server could not find the requested resource",\n' +
        'Forbidden\n' +
        'after kill: 7\n',
    );
  });

  it('answers for the kubeconfig user, filters hosts, and serves under --api-prefix on --port', async () => {
    lab = new KubectlLab();
    const r = await lab.run(`kubectl create serviceaccount viewer
kubectl proxy --port=8002 --api-prefix=/k8s/ --accept-hosts='^127\\.0\\.0\\.1$' --as=system:serviceaccount:default:viewer &
sleep 1
curl -s 127.0.0.1:8002/k8s/api/v1/namespaces/default/secrets | grep message
curl -s 127.0.0.1:8002/api/v1/namespaces/default/pods
curl -s localhost:8002/k8s/healthz
curl -s 127.0.0.1:8002/k8s/healthz; echo
kubectl proxy --port 8002; echo "status $?"
kill %1
`);
    expect(r.stdout).toBe(
      'serviceaccount/viewer created\nStarting to serve on 127.0.0.1:8002\n' +
        '  "message": "secrets is forbidden: User \\"system:serviceaccount:default:viewer\\" cannot list resource \\"secrets\\" in API group \\"\\" in the namespace \\"default\\"",\n' +
        '404 page not found\nForbidden\nok\nstatus 1\n',
    );
    expect(r.stderr).toBe('error: listen tcp 127.0.0.1:8002: bind: address already in use\n');
  });
});
