/** Tab completion for kubectl: subcommands, resource types, then names in the namespace given. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../src/main/cluster/client/api-client.js';
import { COMPLETABLE_COMMANDS, completeKubectl } from '../../../src/main/kubectl/completion.js';
import { KubectlLab, nginxPod } from './lab.js';

let lab: KubectlLab;
let client: ApiClient;

beforeEach(async () => {
  lab = new KubectlLab();
  client = lab.session.lab.client('test');
  await lab.run(`kubectl apply -f nginx-pod.yaml\nkubectl apply -f - <<'EOF'\n${nginxPod({ name: 'web', namespace: 'kube-public' })}EOF`);
});

afterEach(() => {
  lab.dispose();
});

describe('completeKubectl', () => {
  it('offers the subcommands first', () => {
    expect(completeKubectl(['kubectl'], client)).toEqual(COMPLETABLE_COMMANDS);
    expect(COMPLETABLE_COMMANDS).toEqual(expect.arrayContaining(['apply', 'delete', 'describe', 'edit', 'get', 'logs', 'port-forward', 'rollout', 'version']));
    expect(completeKubectl(['kubectl', '-n', 'kube-system'], client)).toEqual(COMPLETABLE_COMMANDS);
  });

  it('offers resource types after get, describe and delete', () => {
    // Every served resource, sorted; the groups served grow, so the core ones are named here.
    const types = client.discovery().map((r) => r.name).sort();
    expect(types).toEqual(expect.arrayContaining(['configmaps', 'endpoints', 'events', 'leases', 'namespaces', 'nodes', 'pods', 'secrets', 'serviceaccounts', 'services']));
    expect(completeKubectl(['kubectl', 'get'], client)).toEqual(types);
    expect(completeKubectl(['kubectl', 'describe'], client)).toEqual(types);
    expect(completeKubectl(['kubectl', 'delete', '--force'], client)).toEqual(types);
  });

  it('offers names of the type in the default namespace, or the one given with -n', () => {
    expect(completeKubectl(['kubectl', 'get', 'pods'], client)).toEqual(['nginx-pod']);
    expect(completeKubectl(['kubectl', 'get', 'po', '-n', 'kube-public'], client)).toEqual(['web']);
    expect(completeKubectl(['kubectl', '--namespace', 'kube-public', 'describe', 'pod'], client)).toEqual(['web']);
    expect(completeKubectl(['kubectl', 'delete', 'pod', '--namespace=kube-public'], client)).toEqual(['web']);
    expect(completeKubectl(['kubectl', 'get', 'nodes', '-n', 'kube-system'], client)).toEqual(['controlplane', 'node01', 'node02']);
  });

  it('offers namespaces for the value of -n', () => {
    const namespaces = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];
    expect(completeKubectl(['kubectl', 'get', 'pods', '-n'], client)).toEqual(namespaces);
    expect(completeKubectl(['kubectl', '--namespace'], client)).toEqual(namespaces);
  });

  it('offers nothing it cannot know', () => {
    expect(completeKubectl(['kubectl', 'get', 'foos'], client)).toEqual([]);
    expect(completeKubectl(['kubectl', 'apply'], client)).toEqual([]);
    expect(completeKubectl(['kubectl', 'version'], client)).toEqual([]);
    expect(completeKubectl(['kubectl', 'get'], undefined)).toEqual([]);
    expect(completeKubectl(['kubectl', 'get', 'pods', '-n'], undefined)).toEqual([]);
    expect(completeKubectl(['kubectl', 'get', 'pods', '-n', 'nowhere'], client)).toEqual([]);
  });

  it('is what the lab registers for kubectl', async () => {
    const completer = lab.session.registry.completer('kubectl')!;
    expect(await completer(['kubectl', 'get', 'pods'], 'ng')).toEqual(['nginx-pod']);
  });
});
