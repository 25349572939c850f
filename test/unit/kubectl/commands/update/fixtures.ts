/** Manifests the update-command tests share. */

/** A Deployment whose Pods all land on node01 (two replicas). */
export function webDeployment(options: { image?: string; replicas?: number; node?: string } = {}): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    `  replicas: ${options.replicas ?? 2}`,
    '  selector:',
    '    matchLabels: {app: web}',
    '  template:',
    '    metadata:',
    '      labels: {app: web}',
    '    spec:',
    ...(options.node ? ['      nodeSelector:', `        kubernetes.io/hostname: ${options.node}`] : []),
    '      containers:',
    '      - name: web',
    `        image: ${options.image ?? 'nginx:1.25'}`,
    '',
  ].join('\n');
}

export function disruptionBudget(minAvailable: number): string {
  return `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: ${minAvailable}\n  selector:\n    matchLabels: {app: web}\n`;
}

/** A heredoc that writes `text` to `file` in the lab shell. */
export function writeFile(file: string, text: string): string {
  return `cat > ${file} <<'EOF'\n${text}EOF`;
}
