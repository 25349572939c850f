/** `kubectl set image|env|resources|serviceaccount`: strategic merge patches of pod templates. */
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

const container = (): Record<string, unknown> => deployment(lab).spec.template.spec.containers[0] as unknown as Record<string, unknown>;

describe('kubectl set image', () => {
  it('updates the image, which starts a new ReplicaSet and revision', async () => {
    expect(await lab.run('kubectl set image deployment/web nginx=nginx:1.27')).toMatchObject({ stdout: 'deployment.apps/web image updated\n', status: 0 });
    expect(container().image).toBe('nginx:1.27');
    expect(container().imagePullPolicy).toBe('IfNotPresent');
    const status = await lab.run('kubectl rollout status deployment/web');
    expect(status.stdout).toMatch(/deployment "web" successfully rolled out\n$/);
    expect(deployment(lab).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    // Setting what is already there sends nothing and prints nothing.
    expect(await lab.run('kubectl set image deployment web nginx=nginx:1.27')).toMatchObject({ stdout: '', stderr: '', status: 0 });
  });

  it('accepts *, -l and --all, and prints dry runs without changing anything', async () => {
    const dry = await lab.run("kubectl set image deploy/web '*=nginx:1.28' --dry-run=client -o yaml");
    expect(dry.stdout).toContain('      - image: nginx:1.28\n');
    expect((await lab.run('kubectl set image deploy -l app=web nginx=nginx:1.26 --dry-run=server')).stdout).toBe('deployment.apps/web image updated (server dry run)\n');
    expect(container().image).toBe('nginx:1.25');
    expect((await lab.run("kubectl set image deploy --all '*=nginx:1.27'")).stdout).toBe('deployment.apps/web image updated\n');
    expect(container().image).toBe('nginx:1.27');
  });

  it('gives kubectl\'s errors', async () => {
    expect(await lab.run('kubectl set image deployment/web x=nginx:1.27')).toMatchObject({ stderr: 'error: unable to find container named "x"\n', status: 1 });
    expect((await lab.run('kubectl set image deployment/web')).stderr).toBe('error: at least one image update is required\n');
    expect((await lab.run('kubectl set image nginx=nginx:1.27 deployment/web')).stderr).toBe(
      'error: all resources must be specified before image changes: deployment/web\n',
    );
    expect((await lab.run("kubectl set image deployment/web '*=a' nginx=b")).stderr).toBe(
      'error: all containers are already specified by *, but saw more than one container_name=container_image pairs\n',
    );
    expect((await lab.run('kubectl set image deployment/nope nginx=nginx:1.27')).stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect((await lab.run('kubectl set')).stderr).toMatch(/^Configure application resources\.\n/);
    expect((await lab.run('kubectl set bogus')).stderr).toBe('error: unknown command "bogus"\nSee \'kubectl set -h\' for help and examples\n');
  });

  it('edits a local file with --local and no server change', async () => {
    const r = await lab.run('kubectl set image -f nginx-pod.yaml nginx=nginx:1.27 --local -o yaml');
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('  - image: nginx:1.27\n');
    expect(lab.pod('nginx-pod')).toBeUndefined();
  });
});

describe('kubectl set env', () => {
  it('adds, lists and removes variables', async () => {
    expect((await lab.run('kubectl set env deployment/web FOO=bar GREETING=hello')).stdout).toBe('deployment.apps/web env updated\n');
    expect(container().env).toEqual([
      { name: 'FOO', value: 'bar' },
      { name: 'GREETING', value: 'hello' },
    ]);
    expect((await lab.run('kubectl set env deployment/web --list')).stdout).toBe('# Deployment web, container nginx\nFOO=bar\nGREETING=hello\n');
    expect((await lab.run('kubectl set env deployment/web FOO-')).stdout).toBe('deployment.apps/web env updated\n');
    expect(container().env).toEqual([{ name: 'GREETING', value: 'hello' }]);
    expect((await lab.run('kubectl set env deployment/web GREETING=hi --overwrite=false')).stderr).toBe(
      "error: deployments/web 'GREETING' already has a value (hello), and --overwrite is false\n",
    );
    expect((await lab.run('kubectl set env deployment/web -c other A=b')).stderr).toBe('Warning: Deployment/web does not have any containers matching "other"\n');
    expect((await lab.run('kubectl set env deployment/web 1X=b')).stderr).toMatch(/^error: "1X" is not a valid key name: a valid environment variable name must consist/);
  });

  it('imports keys from a ConfigMap or Secret with --from, --keys and --prefix', async () => {
    await lab.run("kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n  log-level: debug\nEOF");
    const r = await lab.run('kubectl set env deployment/web --from=configmap/settings --prefix=APP_');
    expect(r.stderr).toBe('Warning: key log-level transferred to LOG_LEVEL\nWarning: key mode transferred to MODE\n');
    expect(r.stdout).toBe('deployment.apps/web env updated\n');
    expect(container().env).toEqual([
      { name: 'APP_LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'settings', key: 'log-level' } } },
      { name: 'APP_MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode' } } },
    ]);
    expect((await lab.run('kubectl set env deployment/web --list')).stdout).toBe(
      '# Deployment web, container nginx\n# APP_LOG_LEVEL from configmap settings, key log-level\n# APP_MODE from configmap settings, key mode\n',
    );
    expect((await lab.run('kubectl set env deployment/web --keys=mode')).stderr).toBe(
      'error: when specifying --keys, a configmap or secret must be provided with --from\n',
    );
  });
});

describe('kubectl set resources and serviceaccount', () => {
  it('sets limits and requests on the chosen containers', async () => {
    expect((await lab.run('kubectl set resources deployment web -c=nginx --limits=cpu=200m,memory=512Mi --requests=cpu=100m')).stdout).toBe(
      'deployment.apps/web resource requirements updated\n',
    );
    expect(container().resources).toEqual({ limits: { cpu: '200m', memory: '512Mi' }, requests: { cpu: '100m' } });
    expect((await lab.run('kubectl set resources deployment web -c=x --limits=cpu=1')).stderr).toBe('error: unable to find container named x\n');
    expect((await lab.run('kubectl set resources deployment web')).stderr).toBe(
      'error: you must specify an update to requests or limits (in the form of --requests/--limits)\n',
    );
    expect((await lab.run('kubectl set resources deployment web --limits=cpu')).stderr).toBe('error: Invalid argument syntax cpu, expected <resource>=<value>\n');
  });

  it('sets the service account', async () => {
    expect((await lab.run('kubectl set serviceaccount deployment web default')).stdout).toBe('deployment.apps/web serviceaccount updated\n');
    expect(deployment(lab).spec.template.spec.serviceAccountName).toBe('default');
    expect((await lab.run('kubectl set sa deployment web default --dry-run=client')).stdout).toBe('deployment.apps/web serviceaccount updated (dry run)\n');
    expect((await lab.run('kubectl set serviceaccount')).stderr).toBe('error: serviceaccount is required\n');
  });
});

describe('kubectl set subject and selector', () => {
  it('adds subjects to a RoleBinding once', async () => {
    const binding = [
      'apiVersion: rbac.authorization.k8s.io/v1',
      'kind: RoleBinding',
      'metadata:',
      '  name: readers',
      'roleRef:',
      '  apiGroup: rbac.authorization.k8s.io',
      '  kind: ClusterRole',
      '  name: view',
      'subjects:',
      '- kind: User',
      '  apiGroup: rbac.authorization.k8s.io',
      '  name: alice',
      '',
    ].join('\n');
    await lab.run(applyScript(binding, '1s'));
    expect((await lab.run('kubectl set subject rolebinding readers --user=alice --user=bob --serviceaccount=:builder')).stdout).toBe(
      'rolebinding.rbac.authorization.k8s.io/readers subjects updated\n',
    );
    const got = await lab.run("kubectl get rolebinding readers -o jsonpath='{.subjects[*].name}' 2>/dev/null || kubectl get rolebinding readers -o yaml");
    expect(got.stdout).toContain('bob');
    expect(got.stdout).toContain('builder');
    // Already there: nothing to send, nothing printed.
    expect((await lab.run('kubectl set subject rolebinding readers --user=bob')).stdout).toBe('');
    expect((await lab.run('kubectl set subject rolebinding readers')).stderr).toBe('error: you must specify at least one value of user, group or serviceaccount\n');
    expect((await lab.run('kubectl set subject rolebinding readers --serviceaccount=builder')).stderr).toBe('error: serviceaccount must be <namespace>:<name>\n');
  });

  it('replaces a Service selector', async () => {
    const service = ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: front', 'spec:', '  selector:', '    app: old', '    tier: web', '  ports:', '  - port: 80', ''].join('\n');
    await lab.run(applyScript(service, '1s'));
    expect((await lab.run('kubectl set selector service front app=web')).stdout).toBe('service/front selector updated\n');
    const yaml = await lab.run('kubectl get service front -o yaml');
    expect(yaml.stdout).toContain('  selector:\n    app: web\n  sessionAffinity');
    expect((await lab.run('kubectl set selector deployment web app=web')).stderr).toBe('error: setting a selector is only supported for Services\n');
    expect((await lab.run('kubectl set selector service front tier')).stderr).toBe('error: match expression [{tier Exists []}] not supported on this object\n');
    expect((await lab.run('kubectl set selector service app=web')).stderr).toBe('error: resource(s) were provided, but no name was specified\n');
  });
});
