/** kubectl Tab completion as `kubectl completion bash` gives it: every verb, flags, TYPE/NAME and names for logs/exec. */
import { afterEach, describe, expect, it } from 'vitest';
import { completeKubectl } from '../../../src/main/kubectl/completion.js';
import { KubectlLab } from '../kubectl/lab.js';

let lab: KubectlLab;
afterEach(() => lab.dispose());

describe('kubectl completion', () => {
  it('offers every kubectl 1.32 verb, the flags of a command, and names in TYPE/NAME form', async () => {
    lab = new KubectlLab();
    await lab.run('kubectl create deployment web --image=nginx\nkubectl create configmap settings --from-literal=a=b\nlab step 20s');
    const client = lab.session.lab.client('test');
    const verbs = completeKubectl(['kubectl'], client);
    expect(verbs).toHaveLength(44);
    expect(verbs.slice(0, 4)).toEqual(['annotate', 'api-resources', 'api-versions', 'apply']);
    expect(verbs).toEqual(expect.arrayContaining(['edit', 'port-forward', 'rollout', 'top', 'wait']));
    const flags = completeKubectl(['kubectl', 'get'], client, '--');
    expect(flags).toEqual(expect.arrayContaining(['--all-namespaces', '--output', '--selector', '--namespace', '--kubeconfig']));
    expect(completeKubectl(['kubectl', 'get'], client, 'configmap/')).toEqual(['configmap/kube-root-ca.crt', 'configmap/settings']);
    const pod = completeKubectl(['kubectl', 'logs'], client, '');
    expect(pod).toHaveLength(1);
    expect(pod[0]).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}$/);
    expect(completeKubectl(['kubectl', 'cordon'], client, '')).toEqual(['controlplane', 'node01', 'node02']);
    expect(completeKubectl(['kubectl', 'edit'], client, '')).toEqual(expect.arrayContaining(['deployments', 'pods']));
  });
});
