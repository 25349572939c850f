/** `kubectl rollout` against the running Deployment, DaemonSet and StatefulSet controllers. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubectlLab } from '../../lab.js';
import { applyScript, deployment, deploymentYaml } from './fixtures.js';

let lab: KubectlLab;

beforeEach(async () => {
  lab = new KubectlLab();
  const setup = await lab.run(applyScript(deploymentYaml()));
  expect(setup.stderr).toBe('');
});

afterEach(() => {
  expect(lab.session.lab.componentErrors).toEqual([]);
  lab.dispose();
});

const TEMPLATE_127 = (hash: string): string =>
  [
    'Pod Template:',
    '  Labels:\tapp=web',
    `\tpod-template-hash=${hash}`,
    '  Containers:',
    '   nginx:',
    '    Image:\tnginx:1.27',
    '    Port:\t<none>',
    '    Host Port:\t<none>',
    '    Environment:\t<none>',
    '    Mounts:\t<none>',
    '  Volumes:\t<none>',
    '  Node-Selectors:\t<none>',
    '  Tolerations:\t<none>',
    '',
  ].join('\n');

describe('kubectl rollout status', () => {
  it('follows a new revision until it is rolled out', async () => {
    await lab.run('kubectl set image deployment/web nginx=nginx:1.27');
    const r = await lab.run('kubectl rollout status deployment/web');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...');
    expect(lines).toContain('Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...');
    expect(lines[lines.length - 1]).toBe('deployment "web" successfully rolled out');
    expect(deployment(lab).status?.updatedReplicas).toBe(3);
  });

  it('prints once with --watch=false and checks --revision', async () => {
    expect(await lab.run('kubectl rollout status deploy web --watch=false')).toMatchObject({ stdout: 'deployment "web" successfully rolled out\n', status: 0 });
    await lab.run('kubectl set image deployment/web nginx=nginx:1.27');
    expect(await lab.run('kubectl rollout status deploy/web -w=false')).toMatchObject({
      stdout: 'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n',
      status: 0,
    });
    expect(await lab.run('kubectl rollout status deploy/web --revision=1')).toMatchObject({
      stderr: 'error: desired revision (1) is different from the running revision (2)\n',
      status: 1,
    });
  });

  it('times out on the lab clock and reports an exceeded progress deadline', async () => {
    await lab.run(applyScript(deploymentYaml({ name: 'broken', replicas: 1, image: 'nginx:does-not-exist', extra: '  progressDeadlineSeconds: 60' }), '1s'));
    const timedOut = await lab.run('kubectl rollout status deployment/broken --timeout=10s');
    expect(timedOut.stderr).toBe('error: timed out waiting for the condition\n');
    expect(timedOut.status).toBe(1);
    const exceeded = await lab.run('kubectl rollout status deployment/broken');
    expect(exceeded.stderr).toBe('error: deployment "broken" exceeded its progress deadline\n');
    expect(exceeded.status).toBe(1);
  });

  it('refuses kinds without a status viewer and missing arguments', async () => {
    await lab.run('kubectl apply -f nginx-pod.yaml');
    expect((await lab.run('kubectl rollout status pod/nginx-pod')).stderr).toBe('error: no status viewer has been implemented for Pod\n');
    expect((await lab.run('kubectl rollout status')).stderr).toBe('error: required resource not specified\n');
    expect((await lab.run('kubectl rollout status deploy/nope')).stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
  });
});

describe('kubectl rollout history and undo', () => {
  it('lists revisions, shows one, and rolls back to the previous or a chosen one', async () => {
    await lab.run('kubectl set image deployment/web nginx=nginx:1.27\nlab step 30s');
    expect((await lab.run('kubectl rollout history deployment/web')).stdout).toBe(
      'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
    );
    const revision2 = await lab.run('kubectl rollout history deployment/web --revision=2');
    const rsHash = /pod-template-hash=(\w+)/.exec(revision2.stdout)?.[1] ?? '';
    expect(revision2.stdout).toBe(`deployment.apps/web with revision #2\n${TEMPLATE_127(rsHash)}\n`);
    expect((await lab.run('kubectl rollout history deployment/web --revision=9')).stderr).toBe('error: unable to find the specified revision\n');
    expect((await lab.run('kubectl rollout history deployment/web --revision=2 -o name')).stdout).toBe(`replicaset.apps/web-${rsHash}\n`);

    expect(await lab.run('kubectl rollout undo deployment/web --to-revision=9')).toMatchObject({
      stderr: 'error: unable to find specified revision 9 in history\n',
      status: 1,
    });
    expect((await lab.run('kubectl rollout undo deployment/web --to-revision=2')).stdout).toBe(
      'deployment.apps/web skipped rollback (current template already matches revision 2)\n',
    );
    expect((await lab.run('kubectl rollout undo deployment/web')).stdout).toBe('deployment.apps/web rolled back\n');
    expect(deployment(lab).spec.template.spec.containers[0]!.image).toBe('nginx:1.25');
    await lab.run('lab step 30s');
    expect((await lab.run('kubectl rollout history deploy/web')).stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
    expect((await lab.run('kubectl rollout undo deployment/web --to-revision=2 --dry-run=client')).stdout).toBe(
      `deployment.apps/web ${TEMPLATE_127(rsHash)} (dry run)\n`,
    );
    expect(deployment(lab).spec.template.spec.containers[0]!.image).toBe('nginx:1.25');
  });

  it('shows the change cause and says when there is nothing to undo', async () => {
    const annotated = deploymentYaml().replace('  name: web\n', "  name: web\n  annotations:\n    kubernetes.io/change-cause: first version\n");
    await lab.run(applyScript(annotated));
    expect((await lab.run('kubectl rollout history deployment web')).stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         first version\n\n');
    expect((await lab.run('kubectl rollout history deployment web --revision=1')).stdout).toContain(
      '\tpod-template-hash=',
    );
    expect((await lab.run('kubectl rollout history deployment web --revision=1')).stdout).toContain('  Annotations:\tkubernetes.io/change-cause: first version\n');
    expect((await lab.run('kubectl rollout undo deployment/web')).stderr).toBe('error: no rollout history found for deployment "web"\n');
  });

  it('keeps DaemonSet history in ControllerRevisions', async () => {
    const ds = [
      'apiVersion: apps/v1',
      'kind: DaemonSet',
      'metadata:',
      '  name: agent',
      'spec:',
      '  selector:',
      '    matchLabels:',
      '      app: agent',
      '  template:',
      '    metadata:',
      '      labels:',
      '        app: agent',
      '    spec:',
      '      containers:',
      '      - name: agent',
      '        image: nginx:1.25',
      '',
    ].join('\n');
    await lab.run(applyScript(ds));
    expect((await lab.run('kubectl rollout status ds/agent')).stdout).toBe('daemon set "agent" successfully rolled out\n');
    expect((await lab.run('kubectl rollout undo ds/agent')).stderr).toBe('error: no last revision to roll back to\n');
    await lab.run('kubectl set image ds/agent agent=nginx:1.27\nlab step 30s');
    expect((await lab.run('kubectl rollout history daemonset/agent')).stdout).toBe(
      'daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
    );
    expect((await lab.run('kubectl rollout history daemonset/agent --revision=1')).stdout).toContain('    Image:\tnginx:1.25\n');
    expect((await lab.run('kubectl rollout undo daemonset/agent')).stdout).toBe('daemonset.apps/agent rolled back\n');
    const got = await lab.run("kubectl get ds agent -o yaml | grep 'image:'");
    expect(got.stdout).toBe('      - image: nginx:1.25\n');
  });
});

describe('kubectl rollout pause, resume and restart', () => {
  it('pauses and resumes with strategic merge patches and refuses repeats', async () => {
    expect((await lab.run('kubectl rollout pause deployment/web')).stdout).toBe('deployment.apps/web paused\n');
    expect(deployment(lab).spec.paused).toBe(true);
    expect(await lab.run('kubectl rollout pause deployment/web')).toMatchObject({ stderr: 'error: deployments.apps "web" is already paused\n', status: 1 });
    expect((await lab.run('kubectl rollout restart deployment/web')).stderr).toBe(
      'error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)\n',
    );
    expect((await lab.run('kubectl rollout undo deployment/web --to-revision=1')).stderr).toBe(
      "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n",
    );
    expect((await lab.run('kubectl rollout resume deployment/web')).stdout).toBe('deployment.apps/web resumed\n');
    expect(deployment(lab).spec.paused).toBeUndefined();
    expect((await lab.run('kubectl rollout resume deployment/web')).stderr).toBe('error: deployments.apps "web" is not paused\n');
  });

  it('restarts by stamping the pod template with the lab clock', async () => {
    expect((await lab.run('kubectl rollout restart deployment/web')).stdout).toBe('deployment.apps/web restarted\n');
    expect(deployment(lab).spec.template.metadata.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': '2025-01-01T00:00:30Z' });
    expect((await lab.run('kubectl rollout restart deployment/web')).stderr).toBe(
      'error: failed to create patch for web: if restart has already been triggered within the past second, please wait before attempting to trigger another\n',
    );
    expect((await lab.run('kubectl rollout status deployment/web')).stdout).toMatch(/deployment "web" successfully rolled out\n$/);
    expect((await lab.run('kubectl get rs -l app=web --no-headers')).stdout.trim().split('\n')).toHaveLength(2);
  });

  it('prints the group help and rejects unknown subcommands', async () => {
    const help = await lab.run('kubectl rollout');
    expect(help.status).toBe(1);
    expect(help.stdout).toMatch(/^Manage the rollout of one or many resources\.\n/);
    expect((await lab.run('kubectl rollout foo')).stderr).toBe('error: unknown command "foo"\nSee \'kubectl rollout -h\' for help and examples\n');
  });
});
