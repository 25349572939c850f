import { describe, expect, it } from 'vitest';
import { applyStrategicMergePatch } from '../../../../../src/main/cluster/apiserver/patch/strategic-merge.js';

const pod = {
  metadata: { name: 'web', labels: { app: 'web', tier: 'fe' }, finalizers: ['a'] },
  spec: {
    containers: [
      { name: 'app', image: 'nginx:1.25', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }] },
      { name: 'sidecar', image: 'busybox' },
    ],
    tolerations: [{ key: 'x', operator: 'Exists' }],
  },
};

describe('applyStrategicMergePatch', () => {
  it('merges containers by name instead of replacing the list', () => {
    const result = applyStrategicMergePatch(pod, { spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } }) as typeof pod;
    expect(result.spec.containers).toEqual([
      { name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }] },
      { name: 'sidecar', image: 'busybox' },
    ]);
  });

  it('appends list elements with a new merge key', () => {
    const result = applyStrategicMergePatch(pod, { spec: { containers: [{ name: 'extra', image: 'redis' }] } }) as typeof pod;
    expect(result.spec.containers.map((c) => c.name)).toEqual(['app', 'sidecar', 'extra']);
  });

  it('merges nested lists by their own keys (env by name, ports by containerPort)', () => {
    const result = applyStrategicMergePatch(pod, {
      spec: { containers: [{ name: 'app', env: [{ name: 'B', value: '2' }, { name: 'A', value: 'changed' }], ports: [{ containerPort: 443 }] }] },
    }) as typeof pod;
    expect(result.spec.containers[0]!.env).toEqual([
      { name: 'A', value: 'changed' },
      { name: 'B', value: '2' },
    ]);
    expect(result.spec.containers[0]!.ports).toEqual([{ containerPort: 80 }, { containerPort: 443 }]);
  });

  it('deletes a list element with $patch: delete', () => {
    const result = applyStrategicMergePatch(pod, { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } }) as typeof pod;
    expect(result.spec.containers.map((c) => c.name)).toEqual(['app']);
  });

  it('replaces a map with $patch: replace', () => {
    const result = applyStrategicMergePatch(pod, { metadata: { labels: { $patch: 'replace', only: 'this' } } }) as typeof pod;
    expect(result.metadata.labels).toEqual({ only: 'this' });
  });

  it('deletes map keys with null, like a merge patch', () => {
    const result = applyStrategicMergePatch(pod, { metadata: { labels: { tier: null, env: 'prod' } } }) as typeof pod;
    expect(result.metadata.labels).toEqual({ app: 'web', env: 'prod' });
  });

  it('merges finalizers as a set and removes with $deleteFromPrimitiveList', () => {
    const added = applyStrategicMergePatch(pod, { metadata: { finalizers: ['b', 'a'] } }) as typeof pod;
    expect(added.metadata.finalizers).toEqual(['a', 'b']);
    const removed = applyStrategicMergePatch(added, { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }) as typeof pod;
    expect(removed.metadata.finalizers).toEqual(['b']);
  });

  it('replaces lists that have no merge key', () => {
    const result = applyStrategicMergePatch({ spec: { args: ['a', 'b'] } }, { spec: { args: ['c'] } });
    expect(result).toEqual({ spec: { args: ['c'] } });
  });

  it('ignores $setElementOrder directives and leaves inputs untouched', () => {
    const copy = structuredClone(pod);
    const result = applyStrategicMergePatch(pod, {
      spec: { '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'app' }], containers: [{ name: 'app', image: 'x' }] },
    }) as typeof pod;
    expect(Object.keys(result.spec)).not.toContain('$setElementOrder/containers');
    expect(pod).toEqual(copy);
  });

  it('merges a Service spec.ports by port, not by containerPort', () => {
    const service = {
      spec: {
        ports: [
          { name: 'http', port: 80, protocol: 'TCP', targetPort: 8080, nodePort: 30080 },
          { name: 'https', port: 443, protocol: 'TCP', targetPort: 8443, nodePort: 30443 },
        ],
      },
    };
    const result = applyStrategicMergePatch(service, { spec: { ports: [{ port: 443, targetPort: 9443 }, { port: 9090, name: 'metrics' }] } }) as typeof service;
    expect(result.spec.ports).toEqual([
      { name: 'http', port: 80, protocol: 'TCP', targetPort: 8080, nodePort: 30080 },
      { name: 'https', port: 443, protocol: 'TCP', targetPort: 9443, nodePort: 30443 },
      { port: 9090, name: 'metrics' },
    ]);
  });
});
