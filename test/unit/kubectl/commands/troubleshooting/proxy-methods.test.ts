/** `kubectl proxy`: discovery documents, every method passed on, and the default filter. */
import { afterEach, describe, expect, it } from 'vitest';
import { KubectlLab } from '../../lab.js';

let lab: KubectlLab;
afterEach(() => {
  expect(lab.session.lab.componentErrors).toEqual([]);
  lab.dispose();
});

describe('kubectl proxy: discovery and methods', () => {
  it('serves /api, /apis, /apis/<group> and the APIResourceLists as kube-apiserver does', async () => {
    lab = new KubectlLab();
    const r = await lab.run(`kubectl proxy &
sleep 1
curl -s localhost:8001/api
curl -s localhost:8001/apis | jq -r '.kind, .apiVersion, (.groups[] | .name + " " + .preferredVersion.version)' | head -8
curl -s localhost:8001/apis/autoscaling | jq -c .
curl -s localhost:8001/api/v1 | jq -c '.kind, .apiVersion, .groupVersion, .resources[0], (.resources[] | select(.name == "pods" or .name == "pods/eviction" or .name == "pods/status"))'
curl -s localhost:8001/apis/apps/v1 | jq -c '.kind, .apiVersion, .groupVersion, [.resources[].name]'
curl -s localhost:8001/apis/apps/v2 | jq -r .reason
curl -s localhost:8001/livez; echo
curl -s localhost:8001/readyz; echo
kill %1
`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'Starting to serve on 127.0.0.1:8001\n' +
        '{\n  "kind": "APIVersions",\n  "versions": [\n    "v1"\n  ],\n  "serverAddressByClientCIDRs": [\n    {\n      "clientCIDR": "0.0.0.0/0",\n      "serverAddress": "192.168.200.10:6443"\n    }\n  ]\n}\n' +
        'APIGroupList\nv1\napiregistration.k8s.io v1\napps v1\nevents.k8s.io v1\nauthentication.k8s.io v1\nauthorization.k8s.io v1\nautoscaling v2\n' +
        '{"kind":"APIGroup","apiVersion":"v1","name":"autoscaling","versions":[{"groupVersion":"autoscaling/v2","version":"v2"},{"groupVersion":"autoscaling/v1","version":"v1"}],"preferredVersion":{"groupVersion":"autoscaling/v2","version":"v2"}}\n' +
        '"APIResourceList"\nnull\n"v1"\n' +
        '{"name":"bindings","singularName":"binding","namespaced":true,"kind":"Binding","verbs":["create"]}\n' +
        '{"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","verbs":["create","delete","deletecollection","get","list","patch","update","watch"],"shortNames":["po"],"categories":["all"]}\n' +
        '{"name":"pods/eviction","singularName":"","namespaced":true,"group":"policy","version":"v1","kind":"Eviction","verbs":["create"]}\n' +
        '{"name":"pods/status","singularName":"","namespaced":true,"kind":"Pod","verbs":["get","patch","update"]}\n' +
        '"APIResourceList"\n"v1"\n"apps/v1"\n' +
        '["controllerrevisions","daemonsets","daemonsets/status","deployments","deployments/scale","deployments/status","replicasets","replicasets/scale","replicasets/status","statefulsets","statefulsets/scale","statefulsets/status"]\n' +
        'NotFound\nok\nok\n',
    );
  });

  it('passes POST, PUT, PATCH and DELETE on, decoding bodies by Content-Type', async () => {
    lab = new KubectlLab();
    const r = await lab.run(`kubectl apply -f nginx-pod.yaml
kubectl proxy &
sleep 1
cat > cm.yaml <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: cm1
data:
  a: b
YAML
curl -s -H 'Content-Type: application/yaml' --data-binary @cm.yaml localhost:8001/api/v1/namespaces/default/configmaps | jq -c '[.kind, .metadata.name, .data, .metadata.managedFields[0].manager]'
curl -s -XPATCH -H 'Content-Type: application/merge-patch+json' -d '{"data":{"a":"c"}}' localhost:8001/api/v1/namespaces/default/configmaps/cm1 | jq -c .data
kubectl get cm cm1 -o json | jq '.data.a = "d"' > cm.json
curl -s -X PUT -H 'Content-Type: application/json' -d @cm.json localhost:8001/api/v1/namespaces/default/configmaps/cm1 | jq -c .data
curl -s -d 'a=b' localhost:8001/api/v1/namespaces/default/configmaps | jq -c '[.code, .reason, .message]'
curl -s -X PATCH -H 'Content-Type: application/json' -d '{}' localhost:8001/api/v1/namespaces/default/configmaps/cm1 | jq -c '[.code, .reason, .message]'
curl -s -X PUT -H 'Content-Type: application/json' -d '{}' localhost:8001/api/v1/namespaces/default/configmaps | jq -c '[.code, .reason, .message]'
curl -s -X DELETE localhost:8001/api/v1/namespaces/default/configmaps/cm1 | jq -r '.details.name // .metadata.name'
curl -s -X DELETE localhost:8001/api/v1/namespaces/default/pods/nginx-pod | jq -r .kind
kubectl get pods 2>&1; kubectl get cm cm1
kill %1
`);
    expect(r.stderr).toBe('Error from server (NotFound): configmaps "cm1" not found\n');
    expect(r.stdout).toBe(
      'pod/nginx-pod created\nStarting to serve on 127.0.0.1:8001\n' +
        '["ConfigMap","cm1",{"a":"b"},"curl"]\n{"a":"c"}\n{"a":"d"}\n' +
        '[415,"UnsupportedMediaType","the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf"]\n' +
        '[415,"UnsupportedMediaType","the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json"]\n' +
        '[405,"MethodNotAllowed","the server does not allow this method on the requested resource"]\n' +
        'cm1\nPod\nNo resources found in default namespace.\n',
    );
  });

  it('rejects exec and attach paths and --reject-methods with 403 Forbidden, after taking off --api-prefix', async () => {
    lab = new KubectlLab();
    const r = await lab.run(`kubectl proxy --reject-methods='^DELETE$' --api-prefix=/k8s &
sleep 1
curl -si -X POST localhost:8001/k8s/api/v1/namespaces/default/pods/web/exec | sed -n '1p;$p'
curl -s localhost:8001/k8s/api/v1/namespaces/default/pods/web/attach
curl -s -X DELETE localhost:8001/k8s/api/v1/namespaces/default/pods/web
curl -s localhost:8001/k8s/api/v1/namespaces/default/pods/web | jq -r .reason
kill %1
kubectl proxy --reject-paths='' --port 8002 &
sleep 1
curl -s localhost:8002/api/v1/namespaces/default/pods/web/exec | jq -r .reason
kill %2
`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('Starting to serve on 127.0.0.1:8001\nHTTP/1.1 403 Forbidden\nForbidden\nForbidden\nForbidden\nNotFound\nStarting to serve on 127.0.0.1:8002\nNotFound\n');
  });
});
