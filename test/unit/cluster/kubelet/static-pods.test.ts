import { afterEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/shared/api/core.js';
import { PODS } from '../../../../src/main/cluster/client/resources.js';
import { configHash, mirrorPod } from '../../../../src/main/cluster/kubelet/static-pods.js';
import { Lab } from '../../../../src/main/lab/lab.js';

let lab: Lab;
afterEach(() => lab?.dispose());

/** kube-system's mirror Pods (the add-ons' Pods, made by controllers, are not static). */
function systemPods(): Pod[] {
  const listed = lab.client('test').list<Pod>(PODS, 'kube-system');
  return listed.ok ? listed.value.items.filter((p) => p.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) : [];
}

const MANIFESTS = '/etc/kubernetes/manifests';

describe('static Pods of the control plane', () => {
  it('runs kubeadm manifests as mirror Pods in kube-system, on the host network', () => {
    lab = new Lab({ seed: 1, virtualClock: true });
    const pods = systemPods();
    expect(pods.map((p) => p.metadata.name)).toEqual([
      'etcd-controlplane',
      'kube-apiserver-controlplane',
      'kube-controller-manager-controlplane',
      'kube-scheduler-controlplane',
    ]);
    for (const pod of pods) {
      expect(pod.status?.phase).toBe('Running');
      expect(pod.status?.podIP).toBe('192.168.200.10');
      expect(pod.spec.nodeName).toBe('controlplane');
      expect(pod.spec.priority).toBe(2000001000);
      expect(pod.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Node', name: 'controlplane', controller: true });
      expect(pod.metadata.annotations?.['kubernetes.io/config.source']).toBe('file');
      // Mirror Pods skip ServiceAccount admission: no token volume.
      expect(pod.spec.volumes?.some((v) => v.name.startsWith('kube-api-access-'))).toBe(false);
    }
  });

  it('retires a static Pod whose file is moved away, and brings it back with the file', () => {
    lab = new Lab({ seed: 1, virtualClock: true });
    const fs = lab.hosts.get('controlplane')!.fs;
    fs.rename(`${MANIFESTS}/kube-scheduler.yaml`, '/tmp/kube-scheduler.yaml');
    lab.clock.advance(25_000);
    expect(systemPods().map((p) => p.metadata.name)).not.toContain('kube-scheduler-controlplane');
    fs.rename('/tmp/kube-scheduler.yaml', `${MANIFESTS}/kube-scheduler.yaml`);
    lab.clock.advance(25_000);
    const scheduler = systemPods().find((p) => p.metadata.name === 'kube-scheduler-controlplane');
    expect(scheduler?.status?.phase).toBe('Running');
  });

  it('mirrors the Pod again when someone deletes the mirror through the API', () => {
    lab = new Lab({ seed: 1, virtualClock: true });
    const client = lab.client('test');
    const before = systemPods().find((p) => p.metadata.name === 'etcd-controlplane')!;
    expect(client.delete(PODS, 'kube-system', 'etcd-controlplane').ok).toBe(true);
    lab.clock.advance(5_000);
    const after = systemPods().find((p) => p.metadata.name === 'etcd-controlplane');
    expect(after?.metadata.uid).not.toBe(before.metadata.uid);
    expect(after?.status?.phase).toBe('Running');
  });

  it('ignores a file that is not a Pod manifest, and keeps running', () => {
    lab = new Lab({ seed: 1, virtualClock: true });
    lab.hosts.get('controlplane')!.fs.writeFile(`${MANIFESTS}/broken.yaml`, 'kind: Pod\nmetadata: [\n');
    lab.clock.advance(25_000);
    expect(systemPods()).toHaveLength(4);
    expect(lab.componentErrors).toEqual([]);
  });
});

describe('mirrorPod', () => {
  it('names the mirror after the node and hashes the file stably', () => {
    const file = { path: '/etc/kubernetes/manifests/web.yaml', content: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.25\n' };
    const pod = mirrorPod(file, { name: 'node01', uid: 'u1' }, Date.UTC(2025, 0, 1));
    expect(pod?.metadata.name).toBe('web-node01');
    expect(pod?.metadata.namespace).toBe('default');
    expect(pod?.metadata.annotations?.['kubernetes.io/config.hash']).toBe(configHash(file.content));
    expect(configHash(file.content)).toBe(configHash(file.content));
    expect(configHash(file.content)).not.toBe(configHash(file.content + ' '));
    expect(mirrorPod({ path: 'x', content: 'kind: Service\n' }, { name: 'n', uid: 'u' }, 0)).toBeUndefined();
  });
});
