/** Manifests the deploy-command tests start from. */
import type { Deployment } from '../../../../../src/shared/api/apps.js';
import { DEPLOYMENTS } from '../../../../../src/main/cluster/client/resources.js';
import type { KubectlLab } from '../../lab.js';

export function deploymentYaml(options: { name?: string; replicas?: number; image?: string; extra?: string } = {}): string {
  const name = options.name ?? 'web';
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    '  labels:',
    `    app: ${name}`,
    'spec:',
    `  replicas: ${options.replicas ?? 3}`,
    ...(options.extra ? [options.extra] : []),
    '  selector:',
    '    matchLabels:',
    `      app: ${name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: ${name}`,
    '    spec:',
    '      containers:',
    '      - name: nginx',
    `        image: ${options.image ?? 'nginx:1.25'}`,
    '',
  ].join('\n');
}

/** `kubectl apply` of a manifest through a heredoc, then time for the controllers. */
export function applyScript(yaml: string, step = '30s'): string {
  return `kubectl apply -f - <<'EOF'\n${yaml}EOF\nlab step ${step}`;
}

export function deployment(lab: KubectlLab, name = 'web'): Deployment {
  const got = lab.session.lab.client('test').get<Deployment>(DEPLOYMENTS, 'default', name);
  if (!got.ok) throw new Error(`no deployment ${name}`);
  return got.value;
}
