/**
 * `kubectl create <generator>` client dry runs and client-side errors, byte for byte against
 * kubectl 1.32: every expected text below is the real kubectl's output for the same command
 * (`--dry-run=client -o yaml` appended unless the command picks its own `-o`), captured offline
 * through `$(…)`, which keeps exactly one trailing newline.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { KubectlLab } from '../../lab.js';

let lab: KubectlLab;

beforeEach(async () => {
  lab = new KubectlLab();
  await lab.run("printf 'a=1\\n# c\\nb=two\\n' > env.txt\nmkdir -p d\necho hello > d/x.txt\necho world > d/y.conf");
});

afterEach(() => lab.dispose());

/** [command after `kubectl`, kubectl 1.32's stdout and stderr, exit status]. */
const CASES: [string, string, number][] = [
  ["create deployment web --image=nginx", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  strategy: {}\n  template:\n    metadata:\n      creationTimestamp: null\n      labels:\n        app: web\n    spec:\n      containers:\n      - image: nginx\n        name: nginx\n        resources: {}\nstatus: {}\n", 0],
  ["create deployment web --image=nginx --image=busybox --replicas=3 --port=80 -n foo", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\n  namespace: foo\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  strategy: {}\n  template:\n    metadata:\n      creationTimestamp: null\n      labels:\n        app: web\n    spec:\n      containers:\n      - image: nginx\n        name: nginx\n        ports:\n        - containerPort: 80\n        resources: {}\n      - image: busybox\n        name: busybox\n        resources: {}\nstatus: {}\n", 0],
  ["create deployment web --image=nginx --port=8080 -- sleep 10", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  strategy: {}\n  template:\n    metadata:\n      creationTimestamp: null\n      labels:\n        app: web\n    spec:\n      containers:\n      - command:\n        - sleep\n        - \"10\"\n        image: nginx\n        name: nginx\n        ports:\n        - containerPort: 8080\n        resources: {}\nstatus: {}\n", 0],
  ["create deploy web --image=nginx --save-config", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: |\n      {\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1\",\"metadata\":{\"name\":\"web\",\"creationTimestamp\":null,\"labels\":{\"app\":\"web\"}},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"creationTimestamp\":null,\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx\",\"resources\":{}}]}},\"strategy\":{}},\"status\":{}}\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  strategy: {}\n  template:\n    metadata:\n      creationTimestamp: null\n      labels:\n        app: web\n    spec:\n      containers:\n      - image: nginx\n        name: nginx\n        resources: {}\nstatus: {}\n", 0],
  ["create namespace foo", "apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: null\n  name: foo\nspec: {}\nstatus: {}\n", 0],
  ["create ns foo --save-config", "apiVersion: v1\nkind: Namespace\nmetadata:\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: |\n      {\"kind\":\"Namespace\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"foo\",\"creationTimestamp\":null},\"spec\":{},\"status\":{}}\n  creationTimestamp: null\n  name: foo\nspec: {}\nstatus: {}\n", 0],
  ["create configmap cm --from-literal=a=b --from-literal=c=d", "apiVersion: v1\ndata:\n  a: b\n  c: d\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: cm\n", 0],
  ["create cm cm --from-file=d --from-file=k=env.txt --from-literal=z=1", "apiVersion: v1\ndata:\n  k: |\n    a=1\n    # c\n    b=two\n  x.txt: |\n    hello\n  y.conf: |\n    world\n  z: \"1\"\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: cm\n", 0],
  ["create configmap cm2 --from-env-file=env.txt", "apiVersion: v1\ndata:\n  a: \"1\"\n  b: two\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: cm2\n", 0],
  ["create secret generic s --from-literal=a=b --type=Opaque", "apiVersion: v1\ndata:\n  a: Yg==\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: s\ntype: Opaque\n", 0],
  ["create secret generic s2 --from-file=d -n foo", "apiVersion: v1\ndata:\n  x.txt: aGVsbG8K\n  y.conf: d29ybGQK\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: s2\n  namespace: foo\n", 0],
  ["create secret docker-registry reg --docker-server=r.io --docker-username=u --docker-password=p --docker-email=e@x", "apiVersion: v1\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJyLmlvIjp7InVzZXJuYW1lIjoidSIsInBhc3N3b3JkIjoicCIsImVtYWlsIjoiZUB4IiwiYXV0aCI6ImRUcHcifX19\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: reg\ntype: kubernetes.io/dockerconfigjson\n", 0],
  ["create secret docker-registry reg --docker-username=u --docker-password=p", "apiVersion: v1\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJodHRwczovL2luZGV4LmRvY2tlci5pby92MS8iOnsidXNlcm5hbWUiOiJ1IiwicGFzc3dvcmQiOiJwIiwiYXV0aCI6ImRUcHcifX19\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: reg\ntype: kubernetes.io/dockerconfigjson\n", 0],
  ["create serviceaccount sa", "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  creationTimestamp: null\n  name: sa\n", 0],
  ["create sa sa -n foo", "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  creationTimestamp: null\n  name: sa\n  namespace: foo\n", 0],
  ["create service clusterip svc --tcp=80:8080", "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: svc\n  name: svc\nspec:\n  ports:\n  - name: 80-8080\n    port: 80\n    protocol: TCP\n    targetPort: 8080\n  selector:\n    app: svc\n  type: ClusterIP\nstatus:\n  loadBalancer: {}\n", 0],
  ["create svc clusterip svc --tcp=80:8080,443:https", "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: svc\n  name: svc\nspec:\n  ports:\n  - name: 80-8080\n    port: 80\n    protocol: TCP\n    targetPort: 8080\n  - name: 443-https\n    port: 443\n    protocol: TCP\n    targetPort: https\n  selector:\n    app: svc\n  type: ClusterIP\nstatus:\n  loadBalancer: {}\n", 0],
  ["create service nodeport np --tcp=80:8080 --node-port=30080", "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: np\n  name: np\nspec:\n  ports:\n  - name: 80-8080\n    nodePort: 30080\n    port: 80\n    protocol: TCP\n    targetPort: 8080\n  selector:\n    app: np\n  type: NodePort\nstatus:\n  loadBalancer: {}\n", 0],
  ["create service clusterip hl --clusterip=None", "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: hl\n  name: hl\nspec:\n  clusterIP: None\n  selector:\n    app: hl\n  type: ClusterIP\nstatus:\n  loadBalancer: {}\n", 0],
  ["create service externalname ex --external-name=example.com", "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: ex\n  name: ex\nspec:\n  externalName: example.com\n  selector:\n    app: ex\n  type: ExternalName\nstatus:\n  loadBalancer: {}\n", 0],
  ["create service loadbalancer lb --tcp=80", "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: lb\n  name: lb\nspec:\n  ports:\n  - name: \"80\"\n    port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    app: lb\n  type: LoadBalancer\nstatus:\n  loadBalancer: {}\n", 0],
  ["create job j --image=busybox -- echo hi", "apiVersion: batch/v1\nkind: Job\nmetadata:\n  creationTimestamp: null\n  name: j\nspec:\n  template:\n    metadata:\n      creationTimestamp: null\n    spec:\n      containers:\n      - command:\n        - echo\n        - hi\n        image: busybox\n        name: j\n        resources: {}\n      restartPolicy: Never\nstatus: {}\n", 0],
  ["create job j2 --image=busybox", "apiVersion: batch/v1\nkind: Job\nmetadata:\n  creationTimestamp: null\n  name: j2\nspec:\n  template:\n    metadata:\n      creationTimestamp: null\n    spec:\n      containers:\n      - image: busybox\n        name: j2\n        resources: {}\n      restartPolicy: Never\nstatus: {}\n", 0],
  ["create cronjob cj --image=busybox --schedule=*/5 --restart=Never", "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  creationTimestamp: null\n  name: cj\nspec:\n  jobTemplate:\n    metadata:\n      creationTimestamp: null\n      name: cj\n    spec:\n      template:\n        metadata:\n          creationTimestamp: null\n        spec:\n          containers:\n          - image: busybox\n            name: cj\n            resources: {}\n          restartPolicy: Never\n  schedule: '*/5'\nstatus: {}\n", 0],
  ["create clusterrole cr --verb=get --non-resource-url=/logs/*", "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  creationTimestamp: null\n  name: cr\nrules:\n- nonResourceURLs:\n  - /logs/*\n  verbs:\n  - get\n", 0],
  ["create clusterrole agg --aggregation-rule=a=b,c=d", "aggregationRule:\n  clusterRoleSelectors:\n  - matchLabels:\n      a: b\n      c: d\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  creationTimestamp: null\n  name: agg\nrules: null\n", 0],
  ["create rolebinding rb --role=r --user=bob --group=g --serviceaccount=default:sa", "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  creationTimestamp: null\n  name: rb\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: r\nsubjects:\n- apiGroup: rbac.authorization.k8s.io\n  kind: User\n  name: bob\n- apiGroup: rbac.authorization.k8s.io\n  kind: Group\n  name: g\n- kind: ServiceAccount\n  name: sa\n  namespace: default\n", 0],
  ["create rolebinding rb2 --clusterrole=view --user=bob -n foo", "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  creationTimestamp: null\n  name: rb2\n  namespace: foo\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n- apiGroup: rbac.authorization.k8s.io\n  kind: User\n  name: bob\n", 0],
  ["create clusterrolebinding crb --clusterrole=view --user=a --group=b", "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  creationTimestamp: null\n  name: crb\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n- apiGroup: rbac.authorization.k8s.io\n  kind: User\n  name: a\n- apiGroup: rbac.authorization.k8s.io\n  kind: Group\n  name: b\n", 0],
  ["create ingress ing --rule=foo.com/bar*=svc:8080,tls=sec --rule=/x=s2:http --class=nginx --default-backend=def:80 --annotation=a=b", "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  annotations:\n    a: b\n  creationTimestamp: null\n  name: ing\nspec:\n  defaultBackend:\n    service:\n      name: def\n      port:\n        number: 80\n  ingressClassName: nginx\n  rules:\n  - host: foo.com\n    http:\n      paths:\n      - backend:\n          service:\n            name: svc\n            port:\n              number: 8080\n        path: /bar\n        pathType: Prefix\n  - http:\n      paths:\n      - backend:\n          service:\n            name: s2\n            port:\n              name: http\n        path: /x\n        pathType: Exact\n  tls:\n  - hosts:\n    - foo.com\n    secretName: sec\nstatus:\n  loadBalancer: {}\n", 0],
  ["create ingress ing2 --rule=a.com/=svc:80,tls --rule=b.com/=svc:80,tls --rule=a.com/y=svc:81", "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  creationTimestamp: null\n  name: ing2\nspec:\n  rules:\n  - host: a.com\n    http:\n      paths:\n      - backend:\n          service:\n            name: svc\n            port:\n              number: 80\n        path: /\n        pathType: Exact\n      - backend:\n          service:\n            name: svc\n            port:\n              number: 81\n        path: /y\n        pathType: Exact\n  - host: b.com\n    http:\n      paths:\n      - backend:\n          service:\n            name: svc\n            port:\n              number: 80\n        path: /\n        pathType: Exact\n  tls:\n  - hosts:\n    - a.com\n    - b.com\nstatus:\n  loadBalancer: {}\n", 0],
  ["create quota q --hard=cpu=1,pods=2 --scopes=BestEffort", "apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  creationTimestamp: null\n  name: q\nspec:\n  hard:\n    cpu: \"1\"\n    pods: \"2\"\n  scopes:\n  - BestEffort\nstatus: {}\n", 0],
  ["create quota q2", "apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  creationTimestamp: null\n  name: q2\nspec: {}\nstatus: {}\n", 0],
  ["create priorityclass pc --value=1000 --global-default --description=hi --preemption-policy=Never", "apiVersion: scheduling.k8s.io/v1\ndescription: hi\nglobalDefault: true\nkind: PriorityClass\nmetadata:\n  creationTimestamp: null\n  name: pc\npreemptionPolicy: Never\nvalue: 1000\n", 0],
  ["create pc pc2 --value=5", "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  creationTimestamp: null\n  name: pc2\npreemptionPolicy: PreemptLowerPriority\nvalue: 5\n", 0],
  ["create pdb p --selector=app=x --min-available=50%", "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  creationTimestamp: null\n  name: p\nspec:\n  minAvailable: 50%\n  selector:\n    matchLabels:\n      app: x\nstatus:\n  currentHealthy: 0\n  desiredHealthy: 0\n  disruptionsAllowed: 0\n  expectedPods: 0\n", 0],
  ["create pdb p2 --selector=app=x,tier!=db --max-unavailable=1", "error: \"!=\" is not a valid label selector operator\n", 1],
  ["create deployment web --image=x -o name", "deployment.apps/web\n", 0],
  ["create deployment web --image=x -o json", "{\n    \"kind\": \"Deployment\",\n    \"apiVersion\": \"apps/v1\",\n    \"metadata\": {\n        \"name\": \"web\",\n        \"creationTimestamp\": null,\n        \"labels\": {\n            \"app\": \"web\"\n        }\n    },\n    \"spec\": {\n        \"replicas\": 1,\n        \"selector\": {\n            \"matchLabels\": {\n                \"app\": \"web\"\n            }\n        },\n        \"template\": {\n            \"metadata\": {\n                \"creationTimestamp\": null,\n                \"labels\": {\n                    \"app\": \"web\"\n                }\n            },\n            \"spec\": {\n                \"containers\": [\n                    {\n                        \"name\": \"x\",\n                        \"image\": \"x\",\n                        \"resources\": {}\n                    }\n                ]\n            }\n        },\n        \"strategy\": {}\n    },\n    \"status\": {}\n}\n", 0],
  ["create deployment web --image=x -o jsonpath={.spec.replicas}", "1\n", 0],
  ["create deployment web --image=x", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  strategy: {}\n  template:\n    metadata:\n      creationTimestamp: null\n      labels:\n        app: web\n    spec:\n      containers:\n      - image: x\n        name: x\n        resources: {}\nstatus: {}\n", 0],
  ["create deployment broken", "error: required flag(s) \"image\" not set\n", 1],
  ["create deployment a b --image=x", "error: exactly one NAME is required, got 2\nSee 'kubectl create deployment -h' for help and examples\n", 1],
  ["create ns", "error: exactly one NAME is required, got 0\nSee 'kubectl create namespace -h' for help and examples\n", 1],
  ["create job j", "error: either --image or --from must be specified\n", 1],
  ["create job j --image=a --from=cronjob/x", "error: either --image or --from must be specified\n", 1],
  ["create service clusterip x", "error: at least one tcp port specifier must be provided\n", 1],
  ["create service clusterip x --tcp=abc", "error: strconv.ParseUint: parsing \"abc\": invalid syntax\n", 1],
  ["create service clusterip x --tcp=80:-1", "error: must be between 1 and 65535, inclusive\n", 1],
  ["create service clusterip x --tcp=80:a_b", "error: must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)\n", 1],
  ["create service externalname x --external-name=A_B", "error: invalid service external name A_B\n", 1],
  ["create role r", "error: at least one verb must be specified\n", 1],
  ["create role r --verb=get", "error: at least one resource must be specified\n", 1],
  ["create clusterrole c --verb=get --non-resource-url=logs", "error: nonResourceURL should start with /\n", 1],
  ["create clusterrole c --verb=list --non-resource-url=/logs", "error: invalid verb: 'list' for nonResourceURL\n", 1],
  ["create rolebinding rb", "error: exactly one of clusterrole or role must be specified\n", 1],
  ["create rolebinding rb --role=a --serviceaccount=foo", "error: serviceaccount must be <namespace>:<name>\n", 1],
  ["create ingress x", "error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)\n", 1],
  ["create ingress x --rule=bad", "error: rule bad is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]\n", 1],
  ["create pdb p", "error: a selector must be specified\n", 1],
  ["create pdb p --selector=a=b", "error: one of min-available or max-unavailable must be specified\n", 1],
  ["create pdb p --selector=a=b --min-available=x", "error: invalid format specified for min-available\n", 1],
  ["create quota q --hard=cpu", "error: Invalid argument syntax cpu, expected <resource>=<value>\n", 1],
  ["create configmap c --from-file=nonexist", "error: error reading nonexist: no such file or directory\n", 1],
  ["create configmap c --from-env-file=env.txt --from-literal=a=b", "error: from-env-file cannot be combined with from-file or from-literal\n", 1],
  ["create configmap c --from-literal=bad", "error: invalid literal source bad, expected key=value\n", 1],
  ["create configmap c --from-literal=a=b --from-literal=a=c", "error: cannot add key \"a\", another key by that name already exists in Data for ConfigMap \"c\"\n", 1],
  ["create secret generic s --from-literal=a=b --from-literal=a=c", "error: cannot add key a, another key by that name already exists\n", 1],
  ["create secret tls t --cert=nonexist --key=x", "error: Cannot read file nonexist, open nonexist: no such file or directory\n", 1],
  ["create secret tls t", "error: key and cert must be specified\n", 1],
  ["create foo", "error: Unexpected args: [foo]\nSee 'kubectl create -h' for help and examples\n", 1],
  ["create", "error: must specify one of -f and -k\n", 1],
  ["create -f nonexist", "error: the path \"nonexist\" does not exist\n", 1],
  ["create quota q --hard=memory=1024Mi,cpu=500m,pods=010,requests.storage=1.5Gi,x=1e3,y=1000,z=5e2,w=2000m,v=1.0,u=2048,t=1000Ki", "apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  creationTimestamp: null\n  name: q\nspec:\n  hard:\n    cpu: 500m\n    memory: 1Gi\n    pods: \"010\"\n    requests.storage: 1536Mi\n    t: 1000Ki\n    u: \"2048\"\n    v: \"1\"\n    w: \"2\"\n    x: \"1e3\"\n    \"y\": 1k\n    z: \"500\"\nstatus: {}\n", 0],
  ["create quota q --hard=x=abc", "error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n", 1],
];

/** The command line as typed in the lab's shell: globs and braces quoted, the dry-run flags added. */
function commandLine(command: string): string {
  const quoted = command.replace(/\*/g, "'*'").replace(/\{/g, "'{").replace(/\}/g, "}'");
  if (quoted.includes(' -- ')) {
    const [before, after] = quoted.split(' -- ');
    return `kubectl ${before} --dry-run=client -o yaml -- ${after}`;
  }
  return quoted.includes(' -o ') ? `kubectl ${quoted} --dry-run=client` : `kubectl ${quoted} --dry-run=client -o yaml`;
}

it('prints what kubectl 1.32 prints for every generator and its client-side errors', async () => {
  for (const [command, expected, status] of CASES) {
    const r = await lab.run(commandLine(command));
    const text = `${(r.stdout + r.stderr).replace(/\n+$/, '')}\n`;
    expect({ command, text, status: r.status }).toEqual({ command, text: expected, status });
  }
});

it('sends nothing for a client dry run', async () => {
  const r = await lab.run('kubectl create deployment web --image=nginx --dry-run=client\nkubectl create namespace foo --dry-run=client');
  expect(r.stdout).toBe('deployment.apps/web created (dry run)\nnamespace/foo created (dry run)\n');
  expect((await lab.run('kubectl get deployments')).stderr).toBe('No resources found in default namespace.\n');
  expect((await lab.run('kubectl get namespace foo')).stderr).toBe('Error from server (NotFound): namespaces "foo" not found\n');
});
