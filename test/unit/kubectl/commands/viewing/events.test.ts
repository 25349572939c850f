/** `kubectl events`: the table, --for, --types, -A, -o and the empty-namespace message. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubectlLab } from '../../lab.js';

let lab: KubectlLab;

beforeEach(() => {
  lab = new KubectlLab();
});

afterEach(() => {
  expect(lab.session.lab.componentErrors).toEqual([]);
  lab.dispose();
});

describe('kubectl events', () => {
  it("lists an object's events oldest first with --for, and filters with --types", async () => {
    await lab.run('kubectl apply -f nginx-pod.yaml\nlab step 30s');
    expect((await lab.run('kubectl events --for pod/nginx-pod')).stdout).toBe(
      [
        'LAST SEEN   TYPE     REASON      OBJECT          MESSAGE',
        '30s         Normal   Scheduled   Pod/nginx-pod   Successfully assigned default/nginx-pod to node02',
        '30s         Normal   Pulling     Pod/nginx-pod   Pulling image "nginx:1.25"',
        '26s         Normal   Pulled      Pod/nginx-pod   Successfully pulled image "nginx:1.25" in 3.842s (3.842s including waiting). Image size: 70500000 bytes.',
        '26s         Normal   Created     Pod/nginx-pod   Created container: nginx',
        '25s         Normal   Started     Pod/nginx-pod   Started container nginx',
        '',
      ].join('\n'),
    );
    expect(await lab.run('kubectl events --for pod/nginx-pod --types=Warning')).toMatchObject({ stdout: '', stderr: 'No events found in default namespace.\n', status: 0 });
    expect((await lab.run('kubectl events --types=Bad')).stderr).toBe('error: valid --types are Normal or Warning\n');
  });

  it('shows repeated events with their count, and every namespace with -A', async () => {
    await lab.run('kubectl run bad --image=nginx:doesnotexist\nlab step 40s');
    const warnings = (await lab.run('kubectl events --types=warning')).stdout.split('\n');
    expect(warnings[0]).toBe('LAST SEEN          TYPE      REASON   OBJECT    MESSAGE');
    expect(warnings.slice(2)).toEqual(['6s (x3 over 38s)   Warning   Failed   Pod/bad   Error: ErrImagePull', '1s (x3 over 34s)   Warning   Failed   Pod/bad   Error: ImagePullBackOff', '']);
    const all = (await lab.run('kubectl events -A --types=Warning')).stdout.split('\n');
    expect(all[0]).toBe('NAMESPACE     LAST SEEN          TYPE      REASON             OBJECT                         MESSAGE');
    expect(all[1]?.replace(/coredns-\w+-\w+/, 'coredns-x')).toBe('kube-system   10m                Warning   FailedScheduling   Pod/coredns-x   no nodes available to schedule pods');
  });

  it('prints events with -o and says so when there are none', async () => {
    await lab.run('kubectl apply -f nginx-pod.yaml\nlab step 30s');
    expect((await lab.run("kubectl events --for pod/nginx-pod -o jsonpath='{.items[*].reason}'")).stdout).toBe('Scheduled Pulling Pulled Created Started');
    expect((await lab.run('kubectl events --for pod/nginx-pod -o name')).stdout.split('\n')[0]).toMatch(/^event\/nginx-pod\.[0-9a-f]+$/);
    expect(await lab.run('kubectl events -n kube-public')).toMatchObject({ stdout: '', stderr: 'No events found in kube-public namespace.\n', status: 0 });
    expect((await lab.run('kubectl events --for foo/x')).stderr).toBe('error: the server doesn\'t have a resource type "foo"\n');
  });
});
