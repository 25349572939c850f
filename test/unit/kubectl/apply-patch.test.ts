/** The three-way strategic merge patch kubectl apply computes from last-applied, the manifest and the live object. */
import { describe, expect, it } from 'vitest';
import { threeWayPatch } from '../../../src/main/kubectl/apply-patch.js';

const manifest = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'nginx-pod', namespace: 'default', labels: { app: 'nginx' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] },
};

/** What the server holds after creating the manifest: defaults and status filled in. */
const live = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'nginx-pod', namespace: 'default', labels: { app: 'nginx' }, uid: 'u-1', resourceVersion: '7', creationTimestamp: '2025-01-01T00:00:00Z' },
  spec: {
    containers: [
      {
        name: 'nginx',
        image: 'nginx:1.25',
        imagePullPolicy: 'IfNotPresent',
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        resources: {},
        terminationMessagePath: '/dev/termination-log',
      },
    ],
    dnsPolicy: 'ClusterFirst',
    restartPolicy: 'Always',
    nodeName: 'node01',
    tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
  },
  status: { phase: 'Running' },
};

function clone<T>(value: T): T {
  return structuredClone(value);
}

describe('threeWayPatch', () => {
  it('is empty when the manifest is unchanged', () => {
    expect(threeWayPatch(manifest, manifest, live)).toEqual({});
  });

  it('ignores fields the server defaulted or set', () => {
    const current = clone(live);
    current.metadata.resourceVersion = '99';
    current.status.phase = 'Pending';
    expect(threeWayPatch(manifest, manifest, current)).toEqual({});
  });

  it('sets a changed container image through the name merge key', () => {
    const modified = clone(manifest);
    modified.spec.containers[0]!.image = 'nginx:1.26';
    expect(threeWayPatch(manifest, modified, live)).toEqual({ spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } });
  });

  it('adds a new label and changes one', () => {
    const modified = clone(manifest);
    modified.metadata.labels = { app: 'web', tier: 'front' } as typeof modified.metadata.labels;
    expect(threeWayPatch(manifest, modified, live)).toEqual({ metadata: { labels: { app: 'web', tier: 'front' } } });
  });

  it('deletes a field the manifest dropped with null', () => {
    const original = clone(manifest);
    (original.metadata.labels as Record<string, string>).tier = 'front';
    const current = clone(live);
    (current.metadata.labels as Record<string, string>).tier = 'front';
    expect(threeWayPatch(original, manifest, current)).toEqual({ metadata: { labels: { tier: null } } });
  });

  it('does not delete what the manifest never had, though the server has it', () => {
    const modified = clone(manifest);
    expect(threeWayPatch(manifest, modified, { ...live, spec: { ...live.spec, hostname: 'x' } })).toEqual({});
  });

  it('deletes a container the manifest dropped with $patch: delete', () => {
    const original = clone(manifest);
    original.spec.containers.push({ name: 'sidecar', image: 'busybox', ports: [] });
    const current = clone(live);
    current.spec.containers.push({ ...current.spec.containers[0]!, name: 'sidecar', image: 'busybox' });
    expect(threeWayPatch(original, manifest, current)).toEqual({ spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } });
  });

  it('adds a new container whole', () => {
    const modified = clone(manifest);
    modified.spec.containers.push({ name: 'sidecar', image: 'busybox', ports: [] });
    expect(threeWayPatch(manifest, modified, live)).toEqual({ spec: { containers: [{ name: 'sidecar', image: 'busybox', ports: [] }] } });
  });

  it('diffs ports by containerPort inside a container', () => {
    const modified = clone(manifest);
    modified.spec.containers[0]!.ports = [{ containerPort: 80 }, { containerPort: 443 }];
    expect(threeWayPatch(manifest, modified, live)).toEqual({
      spec: { containers: [{ name: 'nginx', ports: [{ containerPort: 443 }] }] },
    });
  });

  it('replaces lists without a merge key whole', () => {
    const original = { spec: { containers: [{ name: 'c', image: 'i', args: ['a', 'b'] }] } };
    const modified = { spec: { containers: [{ name: 'c', image: 'i', args: ['a'] }] } };
    expect(threeWayPatch(original, modified, original)).toEqual({ spec: { containers: [{ name: 'c', args: ['a'] }] } });
  });

  it('sets a whole map when the server has none, and a scalar that replaces a map', () => {
    expect(threeWayPatch({}, { metadata: { annotations: { a: '1' } } }, { metadata: {} })).toEqual({ metadata: { annotations: { a: '1' } } });
    expect(threeWayPatch({}, { spec: { x: 'flat' } }, { spec: { x: { nested: true } } })).toEqual({ spec: { x: 'flat' } });
  });

  it('treats a missing last-applied configuration as empty', () => {
    expect(threeWayPatch(undefined, manifest, live)).toEqual({});
    expect(threeWayPatch(undefined, { metadata: { labels: { app: 'other' } } }, live)).toEqual({ metadata: { labels: { app: 'other' } } });
  });

  it('diffs a Service spec.ports by port, so allocated node ports are no change', () => {
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] } };
    const liveService = {
      ...service,
      spec: {
        type: 'NodePort',
        clusterIP: '10.100.1.2',
        ports: [
          { name: 'http', port: 80, protocol: 'TCP', targetPort: 80, nodePort: 31001 },
          { name: 'https', port: 443, protocol: 'TCP', targetPort: 443, nodePort: 31002 },
        ],
      },
    };
    expect(threeWayPatch(service, service, liveService)).toEqual({});
    const changed = { ...service, spec: { type: 'NodePort', ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443, targetPort: 8443 }] } };
    expect(threeWayPatch(service, changed, liveService)).toEqual({ spec: { ports: [{ port: 443, targetPort: 8443 }] } });
  });
});

