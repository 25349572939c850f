/** `kubectl auth can-i` and `kubectl auth whoami`: access and self reviews sent to the API server. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubectlLab } from '../../lab.js';

let lab: KubectlLab;

beforeEach(() => {
  lab = new KubectlLab();
});

afterEach(() => {
  lab.dispose();
});

const SA = 'system:serviceaccount:default:reader';

describe('kubectl auth can-i', () => {
  it('answers yes for the admin and no (exit 1) for an unknown user', async () => {
    expect(await lab.run('kubectl auth can-i create deployments.apps')).toMatchObject({ stdout: 'yes\n', stderr: '', status: 0 });
    expect(await lab.run('kubectl auth can-i get pods --as=jane')).toMatchObject({ stdout: 'no\n', stderr: '', status: 1 });
    expect(await lab.run('kubectl auth can-i get pods --as=jane -q')).toMatchObject({ stdout: '', status: 1 });
  });

  it('follows RBAC granted to a service account, by namespace and resource name', async () => {
    const setup = await lab.run(
      [
        'kubectl create serviceaccount reader',
        'kubectl create role pod-reader --verb=get,list --resource=pods --resource-name=web -n default',
        'kubectl create rolebinding read --role=pod-reader --serviceaccount=default:reader -n default',
      ].join('\n'),
    );
    expect(setup.status).toBe(0);
    expect((await lab.run(`kubectl auth can-i get pods/web --as=${SA}`)).stdout).toBe('yes\n');
    expect((await lab.run(`kubectl auth can-i get pods/other --as=${SA}`)).stdout).toBe('no\n');
    expect((await lab.run(`kubectl auth can-i get pods/web --as=${SA} -n kube-system`)).stdout).toBe('no\n');
    const list = await lab.run(`kubectl auth can-i --list --as=${SA}`);
    expect(list.stdout.split('\n').slice(0, 3)).toEqual([
      'Resources                                       Non-Resource URLs                     Resource Names   Verbs',
      'selfsubjectreviews.authentication.k8s.io        []                                    []               [create]',
      'selfsubjectaccessreviews.authorization.k8s.io   []                                    []               [create]',
    ]);
    expect(list.stdout).toContain('\npods                                            []                                    [web]            [get list]\n');
    expect(list.stdout).toContain('\n                                                [/healthz]                            []               [get]\n');
  });

  it('warns about cluster-scoped and unknown resources, and checks non-resource URLs', async () => {
    expect(await lab.run('kubectl auth can-i list nodes')).toMatchObject({ stderr: "Warning: resource 'nodes' is not namespace scoped\n\n", stdout: 'yes\n' });
    expect((await lab.run('kubectl auth can-i list nodes -A')).output).toBe('yes\n');
    expect((await lab.run('kubectl auth can-i get widgets --as=jane')).output).toBe("!Warning: the server doesn't have a resource type 'widgets'\nno\n");
    expect((await lab.run('kubectl auth can-i get /healthz --as=jane')).stdout).toBe('yes\n');
    expect((await lab.run('kubectl auth can-i get /metrics --as=jane')).stdout).toBe('no\n');
  });

  it('rejects wrong arguments', async () => {
    expect((await lab.run('kubectl auth can-i get')).stderr).toBe(
      "error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n",
    );
    expect((await lab.run('kubectl auth can-i --list pods')).stderr).toBe('error: list option must be specified with no arguments\n');
    expect((await lab.run('kubectl auth can-i --list -q')).stderr).toBe('error: --quiet may not be used with --list\n');
  });
});

describe('kubectl auth whoami', () => {
  it('prints the attributes table, or the review with -o yaml', async () => {
    expect((await lab.run('kubectl auth whoami')).stdout).toBe(
      'ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [kubeadm:cluster-admins system:authenticated]\n',
    );
    expect((await lab.run('kubectl auth whoami --as=jane --as-group=devs')).stdout).toBe('ATTRIBUTE   VALUE\nUsername    jane\nGroups      [devs system:authenticated]\n');
    expect((await lab.run('kubectl auth whoami -o yaml')).stdout).toBe(
      [
        'apiVersion: authentication.k8s.io/v1',
        'kind: SelfSubjectReview',
        'metadata:',
        '  creationTimestamp: "2025-01-01T00:00:00Z"',
        'status:',
        '  userInfo:',
        '    groups:',
        '    - kubeadm:cluster-admins',
        '    - system:authenticated',
        '    username: kubernetes-admin',
        '',
      ].join('\n'),
    );
  });

  it('prints the auth help on stderr without a subcommand', async () => {
    const r = await lab.run('kubectl auth');
    expect(r).toMatchObject({ stdout: '', status: 1 });
    expect(r.stderr).toContain('  can-i         Check whether an action is allowed\n');
  });
});
