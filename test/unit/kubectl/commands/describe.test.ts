/** `kubectl describe` end to end: the Pod describer's sections, several objects, prefixes and errors. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubectlLab, nginxPod } from '../lab.js';

let lab: KubectlLab;

beforeEach(async () => {
  lab = new KubectlLab();
  expect((await lab.run('kubectl apply -f nginx-pod.yaml\nlab step 30s')).stderr).toBe('');
});

afterEach(() => {
  expect(lab.session.lab.componentErrors).toEqual([]);
  lab.dispose();
});

/** The describe text, with the Pod's seeded token-volume name filled in (it moves whenever boot draws more names). */
function nginxPodText(): string {
  const pod = lab.pod('nginx-pod');
  return NGINX_POD.replaceAll('VOLUME', pod?.spec.volumes?.[0]?.name ?? 'VOLUME');
}

const NGINX_POD = `Name:             nginx-pod
Namespace:        default
Priority:         0
Service Account:  default
Node:             node02/192.168.200.12
Start Time:       Wed, 01 Jan 2025 00:00:00 +0000
Labels:           app=nginx
Annotations:      <none>
Status:           Running
IP:               172.16.2.2
IPs:
  IP:  172.16.2.2
Containers:
  nginx:
    Container ID:   containerd://d8bdd2a73cc77c32c24baf030ca6f990a0b92fb8fc150803340096adac04aa34
    Image:          nginx:1.25
    Image ID:       docker.io/library/nginx@sha256:e1abf062c60d3c8f39430e383df488b190e9738e59b19c4b9753bc14adec979d
    Port:           80/TCP
    Host Port:      0/TCP
    State:          Running
      Started:      Wed, 01 Jan 2025 00:00:05 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from VOLUME (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  VOLUME:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    ConfigMapOptional:       <nil>
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  30s   default-scheduler  Successfully assigned default/nginx-pod to node02
  Normal  Pulling    30s   kubelet            Pulling image "nginx:1.25"
  Normal  Pulled     26s   kubelet            Successfully pulled image "nginx:1.25" in 3.842s (3.842s including waiting). Image size: 70500000 bytes.
  Normal  Created    26s   kubelet            Created container: nginx
  Normal  Started    25s   kubelet            Started container nginx
`;

describe('kubectl describe pod', () => {
  it('prints every section of a running Pod, each block aligned on its own', async () => {
    expect(await lab.run('kubectl describe pod nginx-pod')).toMatchObject({ stdout: nginxPodText(), stderr: '', status: 0 });
  });

  it('describes a Pod just created, before it runs', async () => {
    const r = await lab.run(`kubectl apply -f - <<'EOF'\n${nginxPod({ name: 'fresh' })}EOF\nkubectl describe pod fresh`);
    const text = r.stdout.replace('pod/fresh created\n', '');
    expect(text).toContain('\nStatus:           Pending\nIP:               \nIPs:              <none>\n');
    expect(text).toContain('\n    Container ID:   \n    Image:          nginx:1.25\n    Image ID:       \n');
    expect(text).toContain('\n    State:          Waiting\n      Reason:       ContainerCreating\n    Ready:          False\n');
    expect(text.slice(text.indexOf('Events:'))).toBe(
      'Events:\n  Type    Reason     Age   From               Message\n  ----    ------     ----  ----               -------\n  Normal  Scheduled  0s    default-scheduler  Successfully assigned default/fresh to node01\n',
    );
  });

  it('shows a terminating Pod as kubectl does, "<invalid>" while the deadline is ahead', async () => {
    await lab.run('kubectl delete pod nginx-pod --wait=false');
    const r = await lab.run('kubectl describe pod nginx-pod');
    expect(r.stdout).toContain('\nStatus:                    Terminating (lasts <invalid>)\nTermination Grace Period:  30s\n');
  });

  it('describes all Pods of the namespace without a name, separated by a blank line', async () => {
    await lab.run(`kubectl apply -f - <<'EOF'\n${nginxPod({ name: 'other' })}EOF`);
    const r = await lab.run('kubectl describe pods');
    expect(r.stdout.startsWith('Name:             nginx-pod\n')).toBe(true);
    expect(r.stdout).toContain('Started container nginx\n\n\nName:             other\n');
  });

  it('describes every Pod whose name starts with the name given', async () => {
    expect((await lab.run('kubectl describe pod nginx')).stdout).toBe(`${nginxPodText()}\n`);
    expect(await lab.run('kubectl describe pod nope')).toMatchObject({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', status: 1 });
  });

  it('prints what it found before the NotFound errors and exits 1', async () => {
    const r = await lab.run('kubectl describe pods nginx-pod ghost');
    expect(r.output).toBe(`${nginxPodText()}!Error from server (NotFound): pods "ghost" not found\n`);
    expect(r.status).toBe(1);
  });

  it('says so on stderr when there is nothing to describe', async () => {
    expect(await lab.run('kubectl describe pods -n kube-public')).toMatchObject({ stdout: '', stderr: 'No resources found in kube-public namespace.\n', status: 0 });
    expect((await lab.run('kubectl describe pods -l app=none')).stderr).toBe('No resources found in default namespace.\n');
  });

  it('asks for a resource type', async () => {
    expect(await lab.run('kubectl describe')).toMatchObject({
      stdout: '',
      stderr: 'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n',
      status: 1,
    });
  });
});

describe('kubectl describe node', () => {
  it('starts with the node identity, labels and taints', async () => {
    const r = await lab.run('kubectl describe node controlplane');
    expect(r.stdout.split('\n').slice(0, 15).join('\n')).toBe(
      [
        'Name:               controlplane',
        'Roles:              control-plane',
        'Labels:             beta.kubernetes.io/arch=amd64',
        '                    beta.kubernetes.io/os=linux',
        '                    kubernetes.io/arch=amd64',
        '                    kubernetes.io/hostname=controlplane',
        '                    kubernetes.io/os=linux',
        '                    node-role.kubernetes.io/control-plane=',
        '                    node.kubernetes.io/exclude-from-external-load-balancers=',
        'Annotations:        kubeadm.alpha.kubernetes.io/cri-socket: unix:///var/run/containerd/containerd.sock',
        '                    node.alpha.kubernetes.io/ttl: 0',
        '                    volumes.kubernetes.io/controller-managed-attach-detach: true',
        'CreationTimestamp:  Tue, 31 Dec 2024 23:50:00 +0000',
        'Taints:             node-role.kubernetes.io/control-plane:NoSchedule',
        'Unschedulable:      false',
      ].join('\n'),
    );
  });

  it('lists the Pods running on the node', async () => {
    const r = await lab.run('kubectl describe node node02');
    // kube-proxy's Pod name has a seeded suffix; the layout is what this checks.
    expect(r.stdout.replace(/kube-proxy-[a-z0-9]{5}/, 'kube-proxy-xxxxx')).toContain(
      'Non-terminated Pods:          (2 in total)\n' +
        '  Namespace                   Name                CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age\n' +
        '  ---------                   ----                ------------  ----------  ---------------  -------------  ---\n' +
        '  default                     nginx-pod           0 (0%)        0 (0%)      0 (0%)           0 (0%)         30s\n' +
        '  kube-system                 kube-proxy-xxxxx    0 (0%)        0 (0%)      0 (0%)           0 (0%)         7m30s\n',
    );
  });
});

describe('kubectl describe: workloads, services and configuration', () => {
  beforeEach(async () => {
    const setup = await lab.run(
      'kubectl create deployment web --image=nginx:1.25 --replicas=2\n' +
        'kubectl expose deployment web --port=80 --target-port=8080 --name=web-svc\n' +
        'kubectl create configmap cfg --from-literal=mode=fast --from-literal=level=3\n' +
        'kubectl create secret generic creds --from-literal=user=admin --from-literal=password=s3cret\n' +
        'kubectl create ingress web --rule="example.com/=web-svc:80" --rule="/api=missing:8080"\n' +
        'lab step 30s',
    );
    expect(setup.stderr).toBe('');
  });

  it('describes a Deployment with its template, conditions, ReplicaSets and events', async () => {
    expect((await lab.run('kubectl describe deployment web')).stdout).toBe(
      [
        'Name:                   web',
        'Namespace:              default',
        'CreationTimestamp:      Wed, 01 Jan 2025 00:00:30 +0000',
        'Labels:                 app=web',
        'Annotations:            deployment.kubernetes.io/revision: 1',
        'Selector:               app=web',
        'Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable',
        'StrategyType:           RollingUpdate',
        'MinReadySeconds:        0',
        'RollingUpdateStrategy:  25% max unavailable, 25% max surge',
        'Pod Template:',
        '  Labels:  app=web',
        '  Containers:',
        '   nginx:',
        '    Image:         nginx:1.25',
        '    Port:          <none>',
        '    Host Port:     <none>',
        '    Environment:   <none>',
        '    Mounts:        <none>',
        '  Volumes:         <none>',
        '  Node-Selectors:  <none>',
        '  Tolerations:     <none>',
        'Conditions:',
        '  Type           Status  Reason',
        '  ----           ------  ------',
        '  Available      True    MinimumReplicasAvailable',
        '  Progressing    True    NewReplicaSetAvailable',
        'OldReplicaSets:  <none>',
        'NewReplicaSet:   web-7d4bcbbf5b (2/2 replicas created)',
        'Events:',
        '  Type    Reason             Age   From                   Message',
        '  ----    ------             ----  ----                   -------',
        '  Normal  ScalingReplicaSet  30s   deployment-controller  Scaled up replica set web-7d4bcbbf5b from 0 to 2',
        '',
      ].join('\n'),
    );
    expect((await lab.run('kubectl describe deploy web --show-events=false')).stdout).not.toContain('Events:');
  });

  it('describes a Service with its endpoints', async () => {
    expect((await lab.run('kubectl describe svc web-svc')).stdout).toBe(
      [
        'Name:                     web-svc',
        'Namespace:                default',
        'Labels:                   app=web',
        'Annotations:              <none>',
        'Selector:                 app=web',
        'Type:                     ClusterIP',
        'IP Family Policy:         SingleStack',
        'IP Families:              IPv4',
        'IP:                       10.96.147.84',
        'IPs:                      10.96.147.84',
        'Port:                     <unset>  80/TCP',
        'TargetPort:               8080/TCP',
        'Endpoints:                172.16.1.2:8080,172.16.1.3:8080',
        'Session Affinity:         None',
        'Internal Traffic Policy:  Cluster',
        'Events:                   <none>',
        '',
      ].join('\n'),
    );
  });

  it('describes a ConfigMap with its data and a Secret with its sizes only', async () => {
    expect((await lab.run('kubectl describe cm cfg')).stdout).toBe(
      'Name:         cfg\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\nlevel:\n----\n3\n\nmode:\n----\nfast\n\n\nBinaryData\n====\n\nEvents:  <none>\n',
    );
    expect((await lab.run('kubectl describe secret creds')).stdout).toBe(
      'Name:         creds\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\npassword:  6 bytes\nuser:      5 bytes\n',
    );
  });

  it('describes an Ingress, with the error for a backend without endpoints', async () => {
    expect((await lab.run('kubectl describe ingress web')).stdout).toBe(
      [
        'Name:             web',
        'Labels:           <none>',
        'Namespace:        default',
        'Address:          ',
        'Ingress Class:    <none>',
        'Default backend:  <default>',
        'Rules:',
        '  Host         Path  Backends',
        '  ----         ----  --------',
        '  example.com  ',
        '               /   web-svc:80 (172.16.1.2:8080,172.16.1.3:8080)',
        '  *            ',
        '               /api   missing:8080 (<error: endpoints "missing" not found>)',
        'Annotations:   <none>',
        'Events:        <none>',
        '',
      ].join('\n'),
    );
  });

  it('describes a Namespace with its quotas and limit ranges, and other kinds generically', async () => {
    expect((await lab.run('kubectl describe ns kube-public')).stdout).toBe(
      'Name:         kube-public\nLabels:       kubernetes.io/metadata.name=kube-public\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n',
    );
    const lease = (await lab.run('kubectl describe lease node01 -n kube-node-lease')).stdout;
    expect(lease.split('\n').slice(0, 9)).toEqual([
      'Name:         node01',
      'Namespace:    kube-node-lease',
      'Labels:       <none>',
      'Annotations:  <none>',
      'API Version:  coordination.k8s.io/v1',
      'Kind:         Lease',
      'Metadata:',
      '  Creation Timestamp:  2024-12-31T23:52:30Z',
      '  Owner References:',
    ]);
    expect(lease).toContain('\nSpec:\n  Holder Identity:         node01\n  Lease Duration Seconds:  40\n');
    expect(lease.endsWith('Events:                    <none>\n')).toBe(true);
  });
});

describe('kubectl describe: -f and empty results', () => {
  it('describes what -f names, and names the namespace when nothing matches whatever the scope', async () => {
    expect((await lab.run('kubectl describe -f nginx-pod.yaml')).stdout.split('\n')[0]).toBe('Name:             nginx-pod');
    const kustomized = await lab.run("mkdir k && cp nginx-pod.yaml k/\nprintf 'resources:\\n- nginx-pod.yaml\\n' > k/kustomization.yaml\nkubectl describe -k k");
    expect(kustomized.stdout.split('\n')[0]).toBe('Name:             nginx-pod');
    expect(await lab.run('kubectl describe storageclasses')).toMatchObject({ stdout: '', stderr: 'No resources found in default namespace.\n', status: 0 });
    expect((await lab.run('kubectl describe storageclasses -A')).stderr).toBe('No resources found\n');
  });
});

describe('kubectl describe: jobs, RBAC, policies and storage', () => {
  it('describes a finished Job and a CronJob', async () => {
    const r = await lab.run('kubectl create job pi --image=busybox -- echo hi\nkubectl create cronjob nightly --image=busybox --schedule="0 0 * * *" -- date\nlab step 30s\nkubectl describe job pi\nkubectl describe cronjob nightly');
    expect(r.stdout).toContain(
      'Parallelism:      1\nCompletions:      1\nCompletion Mode:  NonIndexed\nSuspend:          false\nBackoff Limit:    6\nStart Time:       Wed, 01 Jan 2025 00:00:30 +0000\nCompleted At:     Wed, 01 Jan 2025 00:00:32 +0000\nDuration:         2s\nPods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed\nPod Template:\n',
    );
    expect(r.stdout).toContain(
      'Name:                          nightly\nNamespace:                     default\nLabels:                        <none>\nAnnotations:                   <none>\nSchedule:                      0 0 * * *\nConcurrency Policy:            Allow\nSuspend:                       False\nSuccessful Job History Limit:  3\nFailed Job History Limit:      1\nStarting Deadline Seconds:     <unset>\nSelector:                      <unset>\nParallelism:                   <unset>\nCompletions:                   <unset>\nPod Template:\n',
    );
    expect(r.stdout).toContain('Last Schedule Time:  <unset>\nActive Jobs:         <none>\nEvents:              <none>\n');
  });

  it('describes Roles rule by rule and RoleBindings with their subjects', async () => {
    const r = await lab.run(
      'kubectl create role reader --verb=get,list --resource=pods,deployments.apps --resource-name=x\nkubectl create rolebinding rb --role=reader --user=jane --serviceaccount=default:default\nkubectl describe role reader\nkubectl describe rolebinding rb',
    );
    expect(r.stdout).toContain(
      'Name:         reader\nLabels:       <none>\nAnnotations:  <none>\nPolicyRule:\n  Resources         Non-Resource URLs  Resource Names  Verbs\n  ---------         -----------------  --------------  -----\n  pods              []                 [x]             [get list]\n  deployments.apps  []                 [x]             [get list]\n',
    );
    expect(r.stdout).toContain(
      'Name:         rb\nLabels:       <none>\nAnnotations:  <none>\nRole:\n  Kind:  Role\n  Name:  reader\nSubjects:\n  Kind            Name     Namespace\n  ----            ----     ---------\n  User            jane     \n  ServiceAccount  default  default\n',
    );
  });

  it('describes quotas, PodDisruptionBudgets, PVCs and NetworkPolicies', async () => {
    const r = await lab.run(
      [
        'kubectl create quota q --hard=pods=10,cpu=2',
        'kubectl create pdb pdb1 --selector=app=web --min-available=1',
        "kubectl apply -f - <<'EOF' >/dev/null",
        'apiVersion: v1',
        'kind: PersistentVolumeClaim',
        'metadata: {name: data}',
        'spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}',
        '---',
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicy',
        'metadata: {name: deny}',
        'spec: {podSelector: {}, policyTypes: [Ingress]}',
        'EOF',
        'lab step 10s',
        'kubectl describe quota q',
        'kubectl describe pdb pdb1 --show-events=false',
        'kubectl describe pvc data --show-events=false',
        'kubectl describe netpol deny',
      ].join('\n'),
    );
    expect(r.stdout).toContain('Name:       q\nNamespace:  default\nResource    Used  Hard\n--------    ----  ----\ncpu         0     2\npods        1     10\n');
    expect(r.stdout).toContain(
      'Name:           pdb1\nNamespace:      default\nMin available:  1\nSelector:       app=web\nStatus:\n    Allowed disruptions:  0\n    Current:              0\n    Desired:              1\n    Total:                0\n',
    );
    expect(r.stdout).toContain(
      'Name:          data\nNamespace:     default\nStorageClass:  \nStatus:        Pending\nVolume:        \nLabels:        <none>\nAnnotations:   <none>\nFinalizers:    [kubernetes.io/pvc-protection]\nCapacity:      \nAccess Modes:  \nVolumeMode:    Filesystem\nUsed By:       <none>\n',
    );
    expect(r.stdout).toContain(
      'Name:         deny\nNamespace:    default\nCreated on:   2025-01-01 00:00:30 +0000 UTC\nLabels:       <none>\nAnnotations:  <none>\nSpec:\n  PodSelector:     <none> (Allowing the specific traffic to all pods in this namespace)\n  Allowing ingress traffic:\n    <none> (Selected pods are isolated for ingress connectivity)\n  Not affecting egress traffic\n  Policy Types: Ingress\n',
    );
  });
});

describe('kubectl describe: autoscalers, stateful workloads, volumes and service accounts', () => {
  it('describes an HPA, a StatefulSet with its claim templates, the PersistentVolume it bound and a ServiceAccount', async () => {
    const setup = await lab.run(
      [
        'kubectl create deployment web --image=nginx:1.25 --replicas=1',
        'kubectl autoscale deployment web --min=1 --max=4 --cpu-percent=70',
        "kubectl apply -f - <<'EOF'",
        'apiVersion: apps/v1',
        'kind: StatefulSet',
        'metadata: {name: db}',
        'spec:',
        '  serviceName: db',
        '  replicas: 1',
        '  selector: {matchLabels: {app: db}}',
        '  template:',
        '    metadata: {labels: {app: db}}',
        '    spec: {containers: [{name: db, image: "redis:7"}]}',
        '  volumeClaimTemplates:',
        '  - metadata: {name: data}',
        '    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}',
        '---',
        'apiVersion: v1',
        'kind: PersistentVolume',
        'metadata: {name: pv1}',
        'spec: {capacity: {storage: 2Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /data/pv1}}',
        'EOF',
        'lab step 30s',
      ].join('\n'),
    );
    expect(setup.stderr).toBe('');
    const hpa = (await lab.run('kubectl describe hpa web')).stdout;
    expect(hpa.split('\n').slice(5, 11)).toEqual([
      'Reference:                                             Deployment/web',
      'Metrics:                                               ( current / target )',
      '  resource cpu on pods  (as a percentage of request):  <unknown> / 70%',
      'Min replicas:                                          1',
      'Max replicas:                                          4',
      'Deployment pods:                                       1 current / 0 desired',
    ]);
    const sts = (await lab.run('kubectl describe sts db --show-events=false')).stdout;
    expect(sts.split('\n').slice(0, 10)).toEqual([
      'Name:               db',
      'Namespace:          default',
      'CreationTimestamp:  Wed, 01 Jan 2025 00:00:30 +0000',
      'Selector:           app=db',
      'Labels:             <none>',
      'Annotations:        <none>',
      'Replicas:           1 desired | 1 total',
      'Update Strategy:    RollingUpdate',
      '  Partition:        0',
      'Pods Status:        1 Running / 0 Waiting / 0 Succeeded / 0 Failed',
    ]);
    expect(sts.endsWith('Volume Claims:\n  Name:          data\n  StorageClass:  \n  Labels:        <none>\n  Annotations:   <none>\n  Capacity:      1Gi\n  Access Modes:  [ReadWriteOnce]\n')).toBe(true);
    expect((await lab.run('kubectl describe pv pv1')).stdout).toBe(
      [
        'Name:            pv1',
        'Labels:          <none>',
        'Annotations:     pv.kubernetes.io/bound-by-controller: yes',
        'Finalizers:      [kubernetes.io/pv-protection]',
        'StorageClass:    ',
        'Status:          Bound',
        'Claim:           default/data-db-0',
        'Reclaim Policy:  Retain',
        'Access Modes:    RWO',
        'VolumeMode:      Filesystem',
        'Capacity:        2Gi',
        'Node Affinity:   <none>',
        'Message:         ',
        'Source:',
        '    Type:          HostPath (bare host directory volume)',
        '    Path:          /data/pv1',
        '    HostPathType:  ',
        'Events:            <none>',
        '',
      ].join('\n'),
    );
    expect((await lab.run('kubectl describe sa default')).stdout).toBe(
      'Name:                default\nNamespace:           default\nLabels:              <none>\nAnnotations:         <none>\nImage pull secrets:  <none>\nMountable secrets:   <none>\nTokens:              <none>\nEvents:              <none>\n',
    );
  });
});
