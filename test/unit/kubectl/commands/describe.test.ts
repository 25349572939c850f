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

  it('asks for a resource type, and says which types it cannot describe yet', async () => {
    expect(await lab.run('kubectl describe')).toMatchObject({
      stderr:
        'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
        'error: Required resource not specified.\n' +
        'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
        "See 'kubectl describe -h' for help and examples\n",
      status: 1,
    });
    expect((await lab.run('kubectl describe ns default')).stderr).toBe('error: describing namespaces is not supported in this lab yet\n');
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
