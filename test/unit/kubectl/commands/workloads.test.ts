/**
 * The workload kinds through the lab's kubectl, before any controller runs: apply, get (with the
 * server-side printer columns), configure, and kube-apiserver's refusals as kubectl prints them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Deployment } from '../../../../src/shared/api/apps.js';
import { DEPLOYMENTS } from '../../../../src/main/cluster/client/resources.js';
import { KubectlLab } from '../lab.js';

let lab: KubectlLab;

beforeEach(() => {
  lab = new KubectlLab();
});

afterEach(() => {
  expect(lab.session.lab.componentErrors).toEqual([]);
  lab.dispose();
});

const writeFile = (file: string, text: string): string => `cat > ${file} <<'EOF'\n${text}EOF\n`;

function deploymentYaml(options: { replicas?: number; image?: string; selector?: boolean } = {}): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    `  replicas: ${options.replicas ?? 3}`,
    ...(options.selector === false ? [] : ['  selector:', '    matchLabels:', '      app: web']),
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: web',
    '    spec:',
    '      containers:',
    '      - name: nginx',
    `        image: ${options.image ?? 'nginx:1.25'}`,
    '',
  ].join('\n');
}

function deployment(): Deployment | undefined {
  const got = lab.session.lab.client('test').get<Deployment>(DEPLOYMENTS, 'default', 'web');
  return got.ok ? got.value : undefined;
}

describe('Deployments through kubectl', () => {
  it('applies a Deployment: its ReplicaSet is made at once, its Pods become ready as time passes', async () => {
    expect(await lab.run(writeFile('web.yaml', deploymentYaml()) + 'kubectl apply -f web.yaml')).toMatchObject({ stdout: 'deployment.apps/web created\n', stderr: '', status: 0 });
    expect((await lab.run('kubectl get deploy')).stdout).toBe('NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    0/3     3            0           0s\n');
    expect((await lab.run('kubectl get deployments.apps -o wide')).stdout).toBe(
      'NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES       SELECTOR\nweb    0/3     3            0           0s    nginx        nginx:1.25   app=web\n',
    );
    await lab.run('lab step 30s');
    expect((await lab.run('kubectl get deploy')).stdout).toBe('NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    3/3     3            3           30s\n');
    expect(await lab.run('kubectl apply -f web.yaml')).toMatchObject({ stdout: 'deployment.apps/web unchanged\n', status: 0 });
  });

  it('configures a new image: one new generation for the spec and last-applied annotation together', async () => {
    await lab.run(writeFile('web.yaml', deploymentYaml()) + 'kubectl apply -f web.yaml');
    expect((await lab.run(writeFile('web.yaml', deploymentYaml({ image: 'nginx:1.27' })) + 'kubectl apply -f web.yaml')).stdout).toBe('deployment.apps/web configured\n');
    expect(deployment()?.spec.template.spec.containers[0]!.image).toBe('nginx:1.27');
    expect(deployment()?.metadata.generation).toBe(2);
  });

  it('shows the defaults in -o yaml, with creationTimestamp: null in the template', async () => {
    await lab.run(writeFile('web.yaml', deploymentYaml()) + 'kubectl apply -f web.yaml');
    const yaml = (await lab.run('kubectl get deploy web -o yaml')).stdout;
    expect(yaml).toContain(
      [
        'spec:',
        '  progressDeadlineSeconds: 600',
        '  replicas: 3',
        '  revisionHistoryLimit: 10',
        '  selector:',
        '    matchLabels:',
        '      app: web',
        '  strategy:',
        '    rollingUpdate:',
        '      maxSurge: 25%',
        '      maxUnavailable: 25%',
        '    type: RollingUpdate',
        '  template:',
        '    metadata:',
        '      creationTimestamp: null',
        '      labels:',
        '        app: web',
      ].join('\n'),
    );
    // The deployment controller has already written its first status.
    expect(yaml).toContain('\nstatus:\n  conditions:\n');
    expect(yaml).toContain('    message: Deployment does not have minimum availability.\n');
  });

  it('prints a missing selector as kube-apiserver reports it', async () => {
    const r = await lab.run(writeFile('web.yaml', deploymentYaml({ selector: false })) + 'kubectl apply -f web.yaml');
    expect(r.stderr).toBe(
      'The Deployment "web" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`\n',
    );
    expect(r.status).toBe(1);
  });

  it('prints the immutable-selector refusal', async () => {
    await lab.run(writeFile('web.yaml', deploymentYaml()) + 'kubectl apply -f web.yaml');
    const changed = deploymentYaml().replace('    matchLabels:\n      app: web', '    matchLabels:\n      app: web\n      tier: front').replace('        app: web', '        app: web\n        tier: front');
    const r = await lab.run(writeFile('web.yaml', changed) + 'kubectl apply -f web.yaml');
    expect(r.stderr).toBe(
      'The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"front"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable\n',
    );
  });

  it('deletes by short name', async () => {
    await lab.run(writeFile('web.yaml', deploymentYaml()) + 'kubectl apply -f web.yaml');
    expect((await lab.run('kubectl delete deploy web')).stdout).toBe('deployment.apps "web" deleted\n');
    expect(deployment()).toBeUndefined();
  });
});

describe('Jobs and CronJobs through kubectl', () => {
  it('refuses a Job without a restartPolicy', async () => {
    const job = ['apiVersion: batch/v1', 'kind: Job', 'metadata:', '  name: pi', 'spec:', '  template:', '    spec:', '      containers:', '      - name: pi', '        image: perl:5.34.0', ''].join('\n');
    expect((await lab.run(writeFile('job.yaml', job) + 'kubectl apply -f job.yaml')).stderr).toBe(
      'The Job "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"\n',
    );
  });

  it('lists a CronJob with its schedule', async () => {
    const cronJob = [
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata:',
      '  name: hello',
      'spec:',
      '  schedule: "*/1 * * * *"',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          restartPolicy: OnFailure',
      '          containers:',
      '          - name: hello',
      '            image: busybox:1.36',
      '',
    ].join('\n');
    expect((await lab.run(writeFile('cj.yaml', cronJob) + 'kubectl apply -f cj.yaml')).stdout).toBe('cronjob.batch/hello created\n');
    expect((await lab.run('kubectl get cj')).stdout).toBe(
      'NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\nhello   */1 * * * *   <none>     False     0        <none>          0s\n',
    );
  });
});
