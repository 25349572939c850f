/** `kubectl kustomize` and `-k`: building a kustomization as kustomize 5.5 does, and applying it. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubectlLab } from '../../lab.js';

let lab: KubectlLab;

/** A file written through the shell, as a learner would with a heredoc. */
function write(path: string, lines: string[]): string {
  return `cat > ${path} <<'EOF'\n${lines.join('\n')}\nEOF`;
}

const SETUP = [
  'mkdir -p app/base app/prod',
  write('app/base/deploy.yaml', [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  replicas: 1',
    '  selector:',
    '    matchLabels:',
    '      app: web',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: web',
    '    spec:',
    '      containers:',
    '      - name: nginx',
    '        image: nginx:1.25',
    '        envFrom:',
    '        - configMapRef:',
    '            name: web-config',
  ]),
  write('app/base/kustomization.yaml', ['resources:', '- deploy.yaml', 'configMapGenerator:', '- name: web-config', '  literals:', '  - COLOR=blue', '  - SIZE=10']),
  write('app/prod/kustomization.yaml', [
    'namespace: prod',
    'namePrefix: prod-',
    'labels:',
    '- pairs:',
    '    env: prod',
    '  includeSelectors: true',
    'resources:',
    '- ../base',
    'images:',
    '- name: nginx',
    '  newTag: "1.26"',
    'patches:',
    '- patch: |-',
    '    apiVersion: apps/v1',
    '    kind: Deployment',
    '    metadata:',
    '      name: web',
    '    spec:',
    '      replicas: 2',
  ]),
].join('\n');

beforeEach(async () => {
  lab = new KubectlLab();
  expect(await lab.run(SETUP)).toMatchObject({ stderr: '', status: 0 });
});

afterEach(() => {
  lab.dispose();
});

describe('kubectl kustomize', () => {
  it('builds generators with their hash suffix and points references at them', async () => {
    expect(await lab.run('kubectl kustomize app/base')).toMatchObject({
      stdout: [
        'apiVersion: v1',
        'data:',
        '  COLOR: blue',
        '  SIZE: "10"',
        'kind: ConfigMap',
        'metadata:',
        '  name: web-config-m6ggck28tf',
        '---',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web',
        'spec:',
        '  replicas: 1',
        '  selector:',
        '    matchLabels:',
        '      app: web',
        '  template:',
        '    metadata:',
        '      labels:',
        '        app: web',
        '    spec:',
        '      containers:',
        '      - envFrom:',
        '        - configMapRef:',
        '            name: web-config-m6ggck28tf',
        '        image: nginx:1.25',
        '        name: nginx',
        '',
      ].join('\n'),
      stderr: '',
      status: 0,
    });
  });

  it('applies an overlay: namespace, prefix, labels with selectors, images and patches', async () => {
    const out = (await lab.run('kubectl kustomize app/prod')).stdout;
    expect(out).toContain('  name: prod-web-config-m6ggck28tf\n  namespace: prod\n');
    expect(out).toContain('  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n      env: prod\n');
    expect(out).toContain('            name: prod-web-config-m6ggck28tf\n        image: nginx:1.26\n');
  });

  it("warns about deprecated fields and fails with kustomize's klog line", async () => {
    await lab.run(write('app/prod/kustomization.yaml', ['commonLabels:', '  env: prod', 'resources:', '- ../base']));
    const r = await lab.run('kubectl kustomize app/prod');
    expect(r.stderr).toBe("# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. Run 'kustomize edit fix' to update your Kustomization automatically.\n");
    expect(r.stdout).toContain('  selector:\n    matchLabels:\n      app: web\n      env: prod\n');
    const missing = await lab.run('kubectl kustomize app');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe(
      "error: unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '/home/student/app'\n",
    );
  });
});

describe('-k', () => {
  it('applies, gets and deletes what a kustomization builds', async () => {
    const applied = await lab.run('kubectl create namespace prod\nkubectl apply -k app/prod\nlab step 30s');
    expect(applied.stdout).toContain('configmap/prod-web-config-m6ggck28tf created\ndeployment.apps/prod-web created\n');
    const deployment = lab.session.lab.client('test').get({ group: 'apps', version: 'v1', resource: 'deployments' }, 'prod', 'prod-web');
    expect(deployment.ok && (deployment.value as unknown as { spec: { replicas: number } }).spec.replicas).toBe(2);
    expect((await lab.run('kubectl get -k app/prod -o name')).stdout).toBe('configmap/prod-web-config-m6ggck28tf\ndeployment.apps/prod-web\n');
    expect((await lab.run('kubectl delete -k app/prod')).stdout).toBe('configmap "prod-web-config-m6ggck28tf" deleted\ndeployment.apps "prod-web" deleted\n');
    expect((await lab.run('kubectl apply -k app/prod -f x.yaml')).stderr).toBe('error: only one of -f or -k can be specified\n');
  });
});

describe('kubectl completion', () => {
  it('prints a script the lab shell can source, and rejects other shells', async () => {
    const r = await lab.run('kubectl completion bash > /tmp/k.sh\nsource /tmp/k.sh\necho sourced=$?');
    expect(r.stdout).toBe('sourced=0\n');
    expect((await lab.run('kubectl completion bash')).stdout).toContain('# bash completion V2 for kubectl');
    expect((await lab.run('kubectl completion tcsh')).stderr).toBe('error: Unsupported shell type "tcsh".\nSee \'kubectl completion -h\' for help and examples\n');
    expect((await lab.run('kubectl completion')).stderr).toBe("error: Shell not specified.\nSee 'kubectl completion -h' for help and examples\n");
  });
});
