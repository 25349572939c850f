/**
 * emptyDir volumes as the containers of a Pod share them: each container's files route the paths
 * under its emptyDir mounts (and subPaths) to the volume's one store.
 */
import { describe, expect, it } from 'vitest';
import type { Container, Pod } from '../../../../src/shared/api/core.js';
import { ContainerFiles, type EmptyDirs, emptyDirMounts } from '../../../../src/main/cluster/kubelet/empty-dir.js';

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default' },
  spec: {
    containers: [
      { name: 'app', image: 'busybox', volumeMounts: [{ name: 'logs', mountPath: '/var/log/' }, { name: 'cfg', mountPath: '/etc/cfg' }] },
      { name: 'sidecar', image: 'busybox', volumeMounts: [{ name: 'logs', mountPath: '/logs' }, { name: 'logs', mountPath: '/one', subPath: 'app' }] },
    ],
    volumes: [
      { name: 'logs', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'cfg' } },
    ],
  },
} as unknown as Pod;

function filesOf(container: Container, dirs: EmptyDirs): ContainerFiles {
  return new ContainerFiles(emptyDirMounts(pod, container, dirs));
}

describe('ContainerFiles', () => {
  it('keeps emptyDir paths in the volume, seen by every container that mounts it, and other paths to itself', () => {
    const dirs: EmptyDirs = new Map();
    const app = filesOf(pod.spec.containers[0]!, dirs);
    const sidecar = filesOf(pod.spec.containers[1]!, dirs);
    app.set('/var/log/app/out.log', 'one\n').set('/tmp/own', 'x').set('/etc/cfg/written', 'not an emptyDir');
    expect(dirs.get('logs')).toEqual(new Map([['app/out.log', 'one\n']]));
    expect(sidecar.get('/logs/app/out.log')).toBe('one\n');
    // A subPath mount shows that part of the volume.
    expect(sidecar.get('/one/out.log')).toBe('one\n');
    expect(sidecar.has('/tmp/own')).toBe(false);
    expect([...sidecar]).toEqual([
      ['/logs/app/out.log', 'one\n'],
      ['/one/out.log', 'one\n'],
    ]);
    expect(sidecar.size).toBe(2);
    expect([...app.keys()]).toEqual(['/tmp/own', '/etc/cfg/written', '/var/log/app/out.log']);
    sidecar.set('/one/out.log', 'two\n');
    expect(app.get('/var/log/app/out.log')).toBe('two\n');
    expect(new Map(app).get('/var/log/app/out.log')).toBe('two\n');
    expect(app.delete('/var/log/app/out.log')).toBe(true);
    expect(sidecar.has('/logs/app/out.log')).toBe(false);
  });

  it('outlives a container: a new process of the container finds what the last one wrote', () => {
    const dirs: EmptyDirs = new Map();
    filesOf(pod.spec.containers[0]!, dirs).set('/var/log/x', '1');
    expect(filesOf(pod.spec.containers[0]!, dirs).get('/var/log/x')).toBe('1');
    expect(filesOf(pod.spec.containers[0]!, new Map()).get('/var/log/x')).toBeUndefined();
  });
});
