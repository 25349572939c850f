/** makeEnvironmentVariables: envFrom, env with $(VAR), valueFrom refs, and the kubelet's errors. */
import { describe, expect, it } from 'vitest';
import { type EnvSources, specEnvironment } from '../../../../src/main/cluster/kubelet/container-env.js';
import type { Container, Pod } from '../../../../src/shared/api/core.js';

const sources: EnvSources = {
  configMap: (namespace, name) => (namespace === 'dev' && name === 'cfg' ? { MODE: 'prod', LEVEL: '3', '1bad': 'x', 'dotted.name-ok': 'y' } : undefined),
  secret: (namespace, name) => (namespace === 'dev' && name === 'db' ? { password: 's3cr3t' } : undefined),
  podIP: '172.16.1.7',
  hostIP: '192.168.200.11',
  allocatable: { cpu: '2', memory: '3970Mi' },
};

function pod(container: Partial<Container>): { pod: Pod; container: Container } {
  const c = { name: 'app', image: 'busybox', ...container } as Container;
  return {
    pod: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'dev', uid: 'u-1', labels: { tier: 'front' } }, spec: { nodeName: 'node01', serviceAccountName: 'default', containers: [c] } } as Pod,
    container: c,
  };
}

function envOf(container: Record<string, unknown>): ReturnType<typeof specEnvironment> {
  const made = pod(container as Partial<Container>);
  return specEnvironment(made.pod, made.container, sources);
}

describe('specEnvironment', () => {
  it('takes envFrom keys (with prefix), skipping invalid names with the kubelet event, then env on top', () => {
    const result = envOf({
      envFrom: [{ configMapRef: { name: 'cfg' }, prefix: 'CFG_' }, { configMapRef: { name: 'cfg' } }, { secretRef: { name: 'db' } }],
      env: [{ name: 'MODE', value: 'override' }],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect([...result.env]).toEqual([
      ['CFG_MODE', 'prod'],
      ['CFG_LEVEL', '3'],
      ['CFG_1bad', 'x'],
      ['CFG_dotted.name-ok', 'y'],
      ['MODE', 'override'],
      ['LEVEL', '3'],
      ['dotted.name-ok', 'y'],
      ['password', 's3cr3t'],
    ]);
    expect(result.warnings).toEqual(['Keys [1bad] from the EnvFrom configMap dev/cfg were skipped since they are considered invalid environment variable names.']);
  });

  it('expands $(VAR) from the variables defined before it, keeps unknown ones and $$ as $', () => {
    const result = envOf({ env: [{ name: 'A', value: 'one' }, { name: 'B', value: '$(A)-$(C)-$$(A)' }, { name: 'C', value: 'three' }] });
    expect(result.ok && result.env.get('B')).toBe('one-$(C)-$(A)');
  });

  it('answers fieldRef and resourceFieldRef as the kubelet does', () => {
    const field = (fieldPath: string): { name: string; valueFrom: unknown } => ({ name: fieldPath, valueFrom: { fieldRef: { fieldPath } } });
    const resource = (name: string, resourceName: string, divisor?: string): { name: string; valueFrom: unknown } => ({ name, valueFrom: { resourceFieldRef: { resource: resourceName, ...(divisor ? { divisor } : {}) } } });
    const result = envOf({
      resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { memory: '128Mi' } },
      env: [
        field('metadata.name'),
        field('metadata.namespace'),
        field('metadata.uid'),
        field("metadata.labels['tier']"),
        field('spec.nodeName'),
        field('spec.serviceAccountName'),
        field('status.podIP'),
        field('status.hostIP'),
        resource('CPU_REQUEST_CORES', 'requests.cpu'),
        resource('CPU_REQUEST_MILLI', 'requests.cpu', '1m'),
        resource('MEMORY_LIMIT_MI', 'limits.memory', '1Mi'),
        resource('MEMORY_LIMIT', 'limits.memory'),
        resource('CPU_LIMIT', 'limits.cpu'),
      ],
    });
    expect(result.ok && Object.fromEntries(result.env)).toEqual({
      'metadata.name': 'web',
      'metadata.namespace': 'dev',
      'metadata.uid': 'u-1',
      "metadata.labels['tier']": 'front',
      'spec.nodeName': 'node01',
      'spec.serviceAccountName': 'default',
      'status.podIP': '172.16.1.7',
      'status.hostIP': '192.168.200.11',
      // 250m rounds up to one core; with divisor 1m it is 250.
      CPU_REQUEST_CORES: '1',
      CPU_REQUEST_MILLI: '250',
      MEMORY_LIMIT_MI: '128',
      MEMORY_LIMIT: String(128 * 1024 * 1024),
      // No CPU limit: the node's allocatable.
      CPU_LIMIT: '2',
    });
  });

  it('fails the start with the kubelet messages for a missing object or key, unless optional', () => {
    expect(envOf({ envFrom: [{ configMapRef: { name: 'nope' } }] })).toEqual({ ok: false, message: 'configmap "nope" not found' });
    expect(envOf({ envFrom: [{ secretRef: { name: 'nope' } }] })).toEqual({ ok: false, message: 'secret "nope" not found' });
    expect(envOf({ env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'missing' } } }] })).toEqual({ ok: false, message: "couldn't find key missing in ConfigMap dev/cfg" });
    expect(envOf({ env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'db', key: 'user' } } }] })).toEqual({ ok: false, message: "couldn't find key user in Secret dev/db" });
    expect(envOf({ env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'gone', key: 'k' } } }] })).toEqual({ ok: false, message: 'secret "gone" not found' });
    const optional = envOf({
      envFrom: [{ configMapRef: { name: 'nope', optional: true } }],
      env: [
        { name: 'X', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'missing', optional: true } } },
        { name: 'Y', valueFrom: { secretKeyRef: { name: 'gone', key: 'k', optional: true } } },
        { name: 'Z', value: 'kept' },
      ],
    });
    expect(optional.ok && [...optional.env]).toEqual([['Z', 'kept']]);
  });
});
