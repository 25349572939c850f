/** `kubectl scale` through the scale subresource and `kubectl autoscale` creating autoscaling/v1 HPAs. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HORIZONTAL_POD_AUTOSCALERS_V1 } from '../../../../../src/main/cluster/client/resources.js';
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

describe('kubectl scale', () => {
  it('scales by TYPE NAME, TYPE/NAME, -l and --all, and the controllers follow', async () => {
    expect(await lab.run('kubectl scale deployment web --replicas=5')).toMatchObject({ stdout: 'deployment.apps/web scaled\n', status: 0 });
    expect(deployment(lab).spec.replicas).toBe(5);
    await lab.run('lab step 30s');
    expect(deployment(lab).status?.readyReplicas).toBe(5);
    expect((await lab.run('kubectl scale deploy/web --replicas=1')).stdout).toBe('deployment.apps/web scaled\n');
    expect((await lab.run('kubectl scale deploy -l app=web --replicas=2')).stdout).toBe('deployment.apps/web scaled\n');
    expect((await lab.run('kubectl scale deploy --all --replicas=4')).stdout).toBe('deployment.apps/web scaled\n');
    expect(deployment(lab).spec.replicas).toBe(4);
    expect(await lab.run('kubectl scale deploy -l app=none --replicas=2')).toMatchObject({ stderr: 'error: no objects passed to scale\n', status: 1 });
  });

  it('checks --current-replicas and --resource-version before writing', async () => {
    expect(await lab.run('kubectl scale deploy/web --replicas=2 --current-replicas=4')).toMatchObject({
      stderr: 'error: Expected replicas to be 4, was 3\n',
      status: 1,
    });
    expect((await lab.run('kubectl scale deploy/web --replicas=2 --resource-version=1')).stderr).toMatch(/^error: Expected resource version to be 1, was \d+\n$/);
    expect(deployment(lab).spec.replicas).toBe(3);
    expect((await lab.run('kubectl scale deploy/web --replicas=2 --current-replicas=3')).stdout).toBe('deployment.apps/web scaled\n');
    expect(deployment(lab).spec.replicas).toBe(2);
  });

  it('prints without writing for --dry-run=client and writes nothing for server dry runs', async () => {
    expect((await lab.run('kubectl scale deploy/web --replicas=7 --dry-run=client')).stdout).toBe('deployment.apps/web scaled (dry run)\n');
    expect((await lab.run('kubectl scale deploy/web --replicas=7 --dry-run=server')).stdout).toBe('deployment.apps/web scaled (server dry run)\n');
    expect(deployment(lab).spec.replicas).toBe(3);
  });

  it('gives kubectl\'s errors', async () => {
    expect((await lab.run('kubectl scale deploy/web')).stderr).toBe(
      'error: required flag(s) "replicas" not set\n',
    );
    expect((await lab.run('kubectl scale deploy --replicas=1')).stderr).toBe('error: resource(s) were provided, but no name was specified\n');
    expect((await lab.run('kubectl scale deploy/web --replicas=-1')).stderr).toBe(
      'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n',
    );
    expect((await lab.run('kubectl scale deploy/nope --replicas=1')).stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    await lab.run('kubectl apply -f nginx-pod.yaml');
    expect((await lab.run('kubectl scale pod nginx-pod --replicas=1')).stderr).toBe('Error from server (NotFound): the server could not find the requested resource\n');
  });
});

describe('kubectl autoscale', () => {
  it('prints the autoscaling/v1 object for a client dry run', async () => {
    expect((await lab.run('kubectl autoscale deployment web --max=5 --dry-run=client -o yaml')).stdout).toBe(
      [
        'apiVersion: autoscaling/v1',
        'kind: HorizontalPodAutoscaler',
        'metadata:',
        '  creationTimestamp: null',
        '  name: web',
        'spec:',
        '  maxReplicas: 5',
        '  scaleTargetRef:',
        '    apiVersion: apps/v1',
        '    kind: Deployment',
        '    name: web',
        'status:',
        '  currentReplicas: 0',
        '  desiredReplicas: 0',
        '',
      ].join('\n'),
    );
    const json = await lab.run('kubectl autoscale deploy/web --min=2 --max=5 --cpu-percent=80 --name=front --dry-run=client -o json');
    expect(JSON.stringify(JSON.parse(json.stdout))).toBe(
      '{"kind":"HorizontalPodAutoscaler","apiVersion":"autoscaling/v1","metadata":{"name":"front","creationTimestamp":null},"spec":{"scaleTargetRef":{"kind":"Deployment","name":"web","apiVersion":"apps/v1"},"minReplicas":2,"maxReplicas":5,"targetCPUUtilizationPercentage":80},"status":{"currentReplicas":0,"desiredReplicas":0}}',
    );
    expect((await lab.run('kubectl autoscale deploy/web --max=5 --dry-run=client')).stdout).toBe('horizontalpodautoscaler.autoscaling/web created (dry run)\n');
    expect(lab.session.lab.client('test').get(HORIZONTAL_POD_AUTOSCALERS_V1, 'default', 'web').ok).toBe(false);
  });

  it('creates the HPA, which the controller then acts on', async () => {
    expect((await lab.run('kubectl autoscale deployment web --min=2 --max=5 --cpu-percent=80')).stdout).toBe('horizontalpodautoscaler.autoscaling/web autoscaled\n');
    const hpa = lab.session.lab.client('test').get(HORIZONTAL_POD_AUTOSCALERS_V1, 'default', 'web');
    expect(hpa.ok && hpa.value.metadata.managedFields?.[0]?.manager).toBe('kubectl-autoscale');
    expect(hpa.ok && (hpa.value as unknown as { spec: unknown }).spec).toEqual({
      scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' },
      minReplicas: 2,
      maxReplicas: 5,
      targetCPUUtilizationPercentage: 80,
    });
    expect((await lab.run('kubectl autoscale deployment web --max=5')).stderr).toBe(
      'Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling "web" already exists\n',
    );
  });

  it('validates --min and --max and refuses what cannot scale', async () => {
    expect((await lab.run('kubectl autoscale deployment web')).stderr).toBe(
      'error: required flag(s) "max" not set\n',
    );
    expect((await lab.run('kubectl autoscale deployment web --max=0')).stderr).toBe('error: --max=MAXPODS is required and must be at least 1, max: 0\n');
    expect((await lab.run('kubectl autoscale deployment web --min=5 --max=2')).stderr).toBe(
      'error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 2, min: 5\n',
    );
    await lab.run('kubectl apply -f nginx-pod.yaml');
    expect((await lab.run('kubectl autoscale pod nginx-pod --max=2')).stderr).toBe(
      'error: cannot autoscale a Pod: could not find scale subresource for /v1, Resource=pods in discovery information\n',
    );
  });
});
