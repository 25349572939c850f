/** `kubectl taint`, `cordon`, `uncordon` and `drain`: node patches, drain filters, evictions and PDB retries. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Node } from '../../../../../src/shared/api/core.js';
import { NODES } from '../../../../../src/main/cluster/client/resources.js';
import { KubectlLab } from '../../lab.js';
import { disruptionBudget, webDeployment, writeFile } from './fixtures.js';

let lab: KubectlLab;

beforeEach(() => {
  lab = new KubectlLab();
});

afterEach(() => {
  expect(lab.session.lab.componentErrors).toEqual([]);
  lab.dispose();
});

function node(name: string): Node {
  const got = lab.session.lab.client('test').get<Node>(NODES, undefined, name);
  if (!got.ok) throw new Error(`no node ${name}`);
  return got.value;
}

/** The kube-proxy Pod on a node. */
async function kubeProxyOn(name: string): Promise<string> {
  const r = await lab.run(`kubectl get pods -n kube-system -o name --field-selector spec.nodeName=${name} -l k8s-app=kube-proxy`);
  return r.stdout.trim().replace('pod/', '');
}

describe('kubectl taint', () => {
  it('adds, refuses duplicates, overwrites and removes taints', async () => {
    expect((await lab.run('kubectl taint nodes node01 dedicated=infra:NoSchedule')).stdout).toBe('node/node01 tainted\n');
    expect(node('node01').spec.taints).toEqual([{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }]);
    expect(await lab.run('kubectl taint nodes node01 dedicated=other:NoSchedule')).toMatchObject({
      stderr: 'error: node node01 already has dedicated taint(s) with same effect(s) and --overwrite is false\n',
      status: 1,
    });
    expect((await lab.run('kubectl taint nodes node01 dedicated=other:NoSchedule --overwrite')).stdout).toBe('node/node01 modified\n');
    expect(node('node01').spec.taints).toEqual([{ key: 'dedicated', value: 'other', effect: 'NoSchedule' }]);
    expect((await lab.run('kubectl taint nodes node01 dedicated:NoSchedule-')).stdout).toBe('node/node01 untainted\n');
    expect(node('node01').spec.taints).toBeUndefined();
    expect((await lab.run('kubectl taint node node01 dedicated-')).stderr).toBe('error: taint "dedicated" not found\n');
  });

  it('rejects bad effects, specs and resource types with kubectl\'s messages', async () => {
    expect((await lab.run('kubectl taint nodes node01 a=b:Sometimes')).stderr).toBe(
      "error: invalid taint effect: Sometimes, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n",
    );
    // Without `:Effect` the whole spec is the key, which `=` makes invalid.
    expect((await lab.run('kubectl taint nodes node01 a=b')).stderr).toBe(
      "error: invalid taint spec: a=b, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\nSee 'kubectl taint -h' for help and examples\n",
    );
    expect((await lab.run('kubectl taint nodes node01 a:NoSchedule')).stdout).toBe('node/node01 tainted\n');
    expect((await lab.run('kubectl taint pods x a=b:NoSchedule')).stderr).toBe('error: invalid resource type pods, only node types are supported\n');
    expect((await lab.run('kubectl taint nodes a=b:NoSchedule')).stderr).toBe(
      "error: at least one resource name must be specified since 'all' parameter is not set\n",
    );
    expect((await lab.run('kubectl taint nodes node01 a:NoSchedule a:NoSchedule-')).stderr).toBe(
      'error: can not both modify and remove the following taint(s) in the same command: a=NoSchedule\n',
    );
  });

  it('taints every node with --all and previews with --dry-run=client', async () => {
    expect((await lab.run('kubectl taint nodes --all maintenance=soon:PreferNoSchedule --dry-run=client')).stdout).toBe(
      'node/controlplane tainted (dry run)\nnode/node01 tainted (dry run)\nnode/node02 tainted (dry run)\n',
    );
    expect(node('node02').spec.taints).toBeUndefined();
  });
});

describe('kubectl cordon and uncordon', () => {
  it('marks nodes unschedulable and back, saying when nothing changes', async () => {
    expect((await lab.run('kubectl cordon node01')).stdout).toBe('node/node01 cordoned\n');
    expect(node('node01').spec.unschedulable).toBe(true);
    expect((await lab.run('kubectl cordon node01')).stdout).toBe('node/node01 already cordoned\n');
    expect((await lab.run('kubectl uncordon node01')).stdout).toBe('node/node01 uncordoned\n');
    expect(node('node01').spec.unschedulable).toBeUndefined();
    expect((await lab.run('kubectl uncordon node01')).stdout).toBe('node/node01 already uncordoned\n');
    expect((await lab.run('kubectl cordon node01 --dry-run=client')).stdout).toBe('node/node01 cordoned (dry run)\n');
    expect(node('node01').spec.unschedulable).toBeUndefined();
  });

  it('needs a node and finds only real ones', async () => {
    expect((await lab.run('kubectl cordon')).stderr).toBe("error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n");
    expect((await lab.run('kubectl cordon node09')).stderr).toBe('Error from server (NotFound): nodes "node09" not found\n');
  });
});

describe('kubectl drain', () => {
  it('refuses DaemonSet Pods without --ignore-daemonsets, after cordoning', async () => {
    const proxy = await kubeProxyOn('node01');
    const r = await lab.run('kubectl drain node01');
    expect(r.output).toBe(
      [
        'node/node01 cordoned',
        `!error: unable to drain node "node01" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/${proxy}, continuing command...`,
        '!There are pending nodes to be drained:',
        '! node01',
        `!cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/${proxy}`,
        '',
      ].join('\n'),
    );
    expect(r.status).toBe(1);
    expect(node('node01').spec.unschedulable).toBe(true);
  });

  it('refuses unmanaged Pods without --force, with kubectl\'s doubled wording', async () => {
    await lab.run('kubectl apply -f nginx-pod.yaml\nlab step 10s');
    const where = (await lab.run("kubectl get pod nginx-pod -o jsonpath='{.spec.nodeName}'")).stdout || 'node02';
    const r = await lab.run(`kubectl drain ${where} --ignore-daemonsets`);
    expect(r.stderr).toContain(
      'cannot delete cannot delete Pods that declare no controller (use --force to override): default/nginx-pod, continuing command...\n',
    );
    expect(r.status).toBe(1);
    expect(lab.pod('nginx-pod')).toBeDefined();
  });

  it('evicts the Pods, waits until they are gone and says drained', async () => {
    await lab.run(`${writeFile('web.yaml', webDeployment({ node: 'node01' }))}\nkubectl apply -f web.yaml\nlab step 30s`);
    const proxy = await kubeProxyOn('node01');
    const pods = (await lab.run('kubectl get pods -l app=web -o name')).stdout.trim().split('\n').map((p) => p.replace('pod/', ''));
    const r = await lab.run('kubectl drain node01 --ignore-daemonsets');
    expect(r.output).toBe(
      [
        'node/node01 cordoned',
        `!Warning: ignoring DaemonSet-managed Pods: kube-system/${proxy}`,
        ...pods.map((p) => `evicting pod default/${p}`),
        ...pods.map((p) => `pod/${p} evicted`),
        'node/node01 drained',
        '',
      ].join('\n'),
    );
    expect(r.status).toBe(0);
    for (const p of pods) expect(lab.pod(p)).toBeUndefined();
  });

  it('retries every 5s while a PodDisruptionBudget refuses, until --timeout', async () => {
    await lab.run(`${writeFile('web.yaml', webDeployment({ node: 'node01' }))}\nkubectl apply -f web.yaml\n${writeFile('pdb.yaml', disruptionBudget(2))}\nkubectl apply -f pdb.yaml\nlab step 30s`);
    const pods = (await lab.run('kubectl get pods -l app=web -o name')).stdout.trim().split('\n').map((p) => p.replace('pod/', ''));
    const start = lab.now();
    const r = await lab.run('kubectl drain node01 --ignore-daemonsets --timeout=10s');
    const refused = (p: string): string => `!error when evicting pods/"${p}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`;
    expect(r.output.split('\n')).toEqual(expect.arrayContaining([`evicting pod default/${pods[0]}`, refused(pods[0]!), refused(pods[1]!)]));
    expect(r.stderr).toContain(`There are pending nodes to be drained:\n node01\nerror when evicting pods/"${pods[0]}" -n "default": global timeout reached: 10s\n`);
    expect(r.status).toBe(1);
    expect(lab.now() - start).toBe(10_000);
    for (const p of pods) expect(lab.pod(p)).toBeDefined();
  });

  it('lists what it would evict with --dry-run=client and changes nothing', async () => {
    await lab.run(`${writeFile('web.yaml', webDeployment({ node: 'node01', replicas: 1 }))}\nkubectl apply -f web.yaml\nlab step 30s`);
    const pod = (await lab.run('kubectl get pods -l app=web -o name')).stdout.trim().replace('pod/', '');
    const r = await lab.run('kubectl drain node01 --ignore-daemonsets --dry-run=client');
    expect(r.stdout).toBe(`node/node01 cordoned (dry run)\nevicting pod default/${pod} (dry run)\nnode/node01 drained (dry run)\n`);
    expect(node('node01').spec.unschedulable).toBeUndefined();
    expect(lab.pod(pod)).toBeDefined();
  });

  it('deletes instead of evicting with --disable-eviction', async () => {
    await lab.run(`${writeFile('web.yaml', webDeployment({ node: 'node01', replicas: 1 }))}\nkubectl apply -f web.yaml\nlab step 30s`);
    const pod = (await lab.run('kubectl get pods -l app=web -o name')).stdout.trim().replace('pod/', '');
    const r = await lab.run('kubectl drain node01 --ignore-daemonsets --disable-eviction');
    expect(r.stdout).toBe(`node/node01 cordoned\npod/${pod} deleted\nnode/node01 drained\n`);
  });
});
