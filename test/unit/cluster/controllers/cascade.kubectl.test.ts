/**
 * The collectors in the running lab, through kubectl: `--cascade=foreground|orphan` and
 * `kubectl delete namespace` return once the garbage collector and the namespace controller have
 * done their part, instead of waiting until the timeout.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ConfigMap } from '../../../../src/shared/api/core.js';
import { CONFIG_MAPS } from '../../../../src/main/cluster/client/resources.js';
import { KubectlLab } from '../../kubectl/lab.js';

let lab: KubectlLab;

beforeEach(() => {
  lab = new KubectlLab();
});
afterEach(() => {
  expect(lab.session.lab.componentErrors).toEqual([]);
  lab.dispose();
});

function configMap(name: string, namespace = 'default'): ConfigMap | undefined {
  const got = lab.session.lab.client('test').get<ConfigMap>(CONFIG_MAPS, namespace, name);
  return got.ok ? got.value : undefined;
}

function manifest(kind: string, name: string, namespace?: string): string {
  return `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}`;
}

async function ownerAndDependent(): Promise<void> {
  expect((await lab.run(`kubectl apply -f - <<'EOF'\n${manifest('ConfigMap', 'owner')}EOF`)).stderr).toBe('');
  const uid = configMap('owner')?.metadata.uid ?? '';
  const dependent = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dependent\n  ownerReferences:\n  - apiVersion: v1\n    kind: ConfigMap\n    name: owner\n    uid: ${uid}\n    blockOwnerDeletion: true\n`;
  expect((await lab.run(`kubectl apply -f - <<'EOF'\n${dependent}EOF`)).stderr).toBe('');
}

it('kubectl delete --cascade=foreground deletes the dependent first and returns within seconds', async () => {
  await ownerAndDependent();
  const before = lab.now();
  expect(await lab.run('kubectl delete configmap owner --cascade=foreground')).toMatchObject({ stdout: 'configmap "owner" deleted\n', stderr: '', status: 0 });
  expect(lab.now() - before).toBeLessThan(5_000);
  expect(configMap('owner')).toBeUndefined();
  expect(configMap('dependent')).toBeUndefined();
});

it('kubectl delete --cascade=orphan leaves the dependent without its owner reference', async () => {
  await ownerAndDependent();
  const before = lab.now();
  expect((await lab.run('kubectl delete configmap owner --cascade=orphan')).stdout).toBe('configmap "owner" deleted\n');
  expect(lab.now() - before).toBeLessThan(5_000);
  expect(configMap('owner')).toBeUndefined();
  expect(configMap('dependent')?.metadata.ownerReferences).toBeUndefined();
});

it('kubectl delete (background) removes the dependent soon after the owner', async () => {
  await ownerAndDependent();
  expect((await lab.run('kubectl delete configmap owner')).stdout).toBe('configmap "owner" deleted\n');
  await lab.run('lab step 1s');
  expect(configMap('dependent')).toBeUndefined();
});

it('kubectl delete namespace waits while the namespace terminates, then it is gone', async () => {
  const objects = `${manifest('Namespace', 'team')}---\n${manifest('ConfigMap', 'settings', 'team')}`;
  expect((await lab.run(`kubectl apply -f - <<'EOF'\n${objects}EOF\nlab step 1s`)).stderr).toBe('');
  expect(configMap('settings', 'team')).toBeDefined();
  expect(configMap('kube-root-ca.crt', 'team')?.data?.['ca.crt']).toContain('BEGIN CERTIFICATE');
  const before = lab.now();
  expect(await lab.run('kubectl delete namespace team')).toMatchObject({ stdout: 'namespace "team" deleted\n', stderr: '', status: 0 });
  // namespaceDeletionGracePeriod (5 s), then the content goes and the finalizer with it.
  expect(lab.now() - before).toBeGreaterThanOrEqual(5_000);
  expect(lab.now() - before).toBeLessThan(15_000);
  expect((await lab.run('kubectl get namespace team')).stderr).toBe('Error from server (NotFound): namespaces "team" not found\n');
});
