/** `kubectl cluster-info dump`: the cluster's state and logs, to stdout or a directory tree. */
import { afterEach, describe, expect, it } from 'vitest';
import { KubectlLab } from '../../lab.js';

let lab: KubectlLab;
afterEach(() => {
  expect(lab.session.lab.componentErrors).toEqual([]);
  lab.dispose();
});

const KINDS = ['EventList', 'ReplicationControllerList', 'ServiceList', 'DaemonSetList', 'DeploymentList', 'ReplicaSetList', 'PodList'];

describe('kubectl cluster-info dump', () => {
  it('prints the NodeList, then each namespace’s typed lists and every container’s log, as JSON', async () => {
    lab = new KubectlLab();
    await lab.run('kubectl apply -f nginx-pod.yaml\nlab step 30s\n');
    const r = await lab.run('kubectl cluster-info dump');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // Top-level lists: four-space indent, kind then apiVersion, at column 4.
    const lists = [...r.stdout.matchAll(/^ {4}"kind": "(\w+)",\n {4}"apiVersion": "([\w/]+)",$/gm)].map((m) => `${m[2]} ${m[1]}`);
    const namespaceLists = KINDS.map((k) => `${['DaemonSetList', 'DeploymentList', 'ReplicaSetList'].includes(k) ? 'apps/v1' : 'v1'} ${k}`);
    expect(lists).toEqual(['v1 NodeList', ...namespaceLists, ...namespaceLists]);
    expect(r.stdout.startsWith('{\n    "kind": "NodeList",\n    "apiVersion": "v1",\n    "metadata": {\n        "resourceVersion": "')).toBe(true);
    // Typed lists: items carry no kind of their own, and managedFields are left out.
    expect(r.stdout).toMatch(/"items": \[\n {8}\{\n {12}"metadata": \{\n {16}"name": "controlplane",/);
    expect(r.stdout).not.toContain('managedFields');
    // kube-system first, then the current namespace; logs after each namespace's PodList.
    const starts = [...r.stdout.matchAll(/^==== START logs for container (\S+) of pod (\S+) ====$/gm)].map((m) => `${m[2]} ${m[1]}`);
    expect(starts).toContain('kube-system/etcd-controlplane etcd');
    expect(starts.at(-1)).toBe('default/nginx-pod nginx');
    expect(r.stdout).toMatch(/==== START logs for container nginx of pod default\/nginx-pod ====\n\/docker-entrypoint\.sh: [^\n]*\n[\s\S]*\n==== END logs for container nginx of pod default\/nginx-pod ====\n$/);
    expect(r.stdout).not.toContain('Cluster info dumped');
  });

  it('writes a directory tree with --output-directory, one file per list and logs.txt per Pod', async () => {
    lab = new KubectlLab();
    await lab.run('kubectl apply -f nginx-pod.yaml\nlab step 30s\n');
    const r = await lab.run('kubectl cluster-info dump --namespaces default --output-directory dump\nls dump dump/default dump/default/nginx-pod\nhead -3 dump/default/pods.json\nhead -1 dump/default/nginx-pod/logs.txt');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'Cluster info dumped to dump\n' +
        'dump:\ndefault\nnodes.json\n\n' +
        'dump/default:\ndaemonsets.json\ndeployments.json\nevents.json\nnginx-pod\npods.json\nreplicasets.json\nreplication-controllers.json\nservices.json\n\n' +
        'dump/default/nginx-pod:\nlogs.txt\n' +
        '{\n    "kind": "PodList",\n    "apiVersion": "v1",\n' +
        '==== START logs for container nginx of pod default/nginx-pod ====\n',
    );
  });

  it('uses .yaml files and one YAML printer (--- before every list after the first) with -o yaml; -A dumps every namespace', async () => {
    lab = new KubectlLab();
    const r = await lab.run('kubectl cluster-info dump -o yaml -A --output-directory=/tmp/d\nls /tmp/d\nhead -2 /tmp/d/default/events.yaml\ngrep ^kind /tmp/d/nodes.yaml\nhead -1 /tmp/d/nodes.yaml');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('Cluster info dumped to /tmp/d\ndefault\nkube-node-lease\nkube-public\nkube-system\nnodes.yaml\n---\napiVersion: v1\nkind: NodeList\napiVersion: v1\n');
  });

  it('rejects an unknown output format before dumping anything', async () => {
    lab = new KubectlLab();
    const r = await lab.run('kubectl cluster-info dump -o wide --pod-running-timeout=5s');
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
    );
    expect(r.status).toBe(1);
  });
});
