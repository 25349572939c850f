/**
 * Ephemeral containers: the API server's `pods/ephemeralcontainers` subresource (only
 * `spec.ephemeralContainers` changes, kube-apiserver's validation and wording) and the kubelet
 * running them (pulled, started once, never restarted, never ready, stopped with the Pod).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreEvent, EphemeralContainer, Pod } from '../../../../src/shared/api/core.js';
import type { ApiClient } from '../../../../src/main/cluster/client/api-client.js';
import { EVENTS, PODS } from '../../../../src/main/cluster/client/resources.js';
import { lookupImage, parseImage } from '../../../../src/main/cluster/kubelet/image-catalog.js';
import { type TestCluster, createPod, expectOk, expectStatus, makeCluster, podManifest } from '../../helpers/cluster.js';
import { startIpam, startKubelet } from '../../helpers/kubelet.js';

let cluster: TestCluster;
let client: ApiClient;

beforeEach(() => {
  cluster = makeCluster();
  client = cluster.client('kubectl');
  startIpam(cluster);
  startKubelet(cluster, 'node01');
  createPod(client, 'web', { nodeName: 'node01' });
  cluster.clock.advance(30_000);
  cluster.settle();
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function pod(): Pod {
  return expectOk(client.get<Pod>(PODS, 'default', 'web'));
}

/** PATCH pods/web/ephemeralcontainers with these ephemeral containers (a strategic merge patch). */
function addEphemeral(...containers: EphemeralContainer[]) {
  return client.patch<Pod>(PODS, 'default', 'web', 'strategic', { spec: { ephemeralContainers: containers } }, { subresource: 'ephemeralcontainers' });
}

function step(ms: number): void {
  cluster.clock.advance(ms);
  cluster.settle();
}

describe('pods/ephemeralcontainers in the API server', () => {
  it('takes only the ephemeral containers from the update, defaulted like any container', () => {
    const before = pod();
    const sent = { ...before, metadata: { ...before.metadata, labels: { changed: 'yes' } }, spec: { ...before.spec, activeDeadlineSeconds: 5, ephemeralContainers: [{ name: 'dbg', image: 'busybox:1.36', command: ['sleep', '1h'] }] } };
    const updated = expectOk(client.request<Pod>({ verb: 'update', ...PODS, subresource: 'ephemeralcontainers', namespace: 'default', name: 'web', body: sent }));
    expect(updated.spec.ephemeralContainers).toEqual([
      { name: 'dbg', image: 'busybox:1.36', command: ['sleep', '1h'], imagePullPolicy: 'IfNotPresent', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' },
    ]);
    expect(updated.metadata.labels).toBeUndefined();
    expect(updated.spec.activeDeadlineSeconds).toBeUndefined();
  });

  it('refuses fields an ephemeral container may not have, a taken name and an unknown target', () => {
    const status = expectStatus(addEphemeral({ name: 'web', image: 'busybox', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '1' } }, readinessProbe: { exec: { command: ['true'] } }, targetContainerName: 'nope' }));
    expect(status.code).toBe(422);
    expect(status.message).toBe(
      'Pod "web" is invalid: [spec.ephemeralContainers[0].name: Duplicate value: "web", spec.ephemeralContainers[0].targetContainerName: Not found: "nope", spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container, spec.ephemeralContainers[0].resources: Forbidden: cannot be set for an Ephemeral Container, spec.ephemeralContainers[0].readinessProbe: Forbidden: cannot be set for an Ephemeral Container]',
    );
    expect(pod().spec.ephemeralContainers).toBeUndefined();
  });

  it('keeps existing ephemeral containers as they are', () => {
    expectOk(addEphemeral({ name: 'dbg', image: 'busybox:1.36' }));
    const current = pod();
    const removed = { ...current, spec: { ...current.spec, ephemeralContainers: [] } };
    expect(expectStatus(client.request({ verb: 'update', ...PODS, subresource: 'ephemeralcontainers', namespace: 'default', name: 'web', body: removed })).message).toBe(
      'Pod "web" is invalid: spec.ephemeralContainers: Forbidden: existing ephemeral containers "dbg" may not be removed\n',
    );
    const changed = expectStatus(addEphemeral({ name: 'dbg', image: 'busybox:1.37' }));
    expect(changed.message).toMatch(/^Pod "web" is invalid: spec\.ephemeralContainers\[dbg\]: Forbidden: existing ephemeral containers "dbg" may not be changed\n/);
  });

  it('refuses them on create and through the main endpoint', () => {
    const manifest = podManifest('other');
    manifest.spec.ephemeralContainers = [{ name: 'dbg', image: 'busybox' }];
    expect(expectStatus(client.create(PODS, 'default', manifest)).message).toBe('Pod "other" is invalid: spec.ephemeralContainers: Forbidden: cannot be set on create');
    const current = pod();
    const updated = expectStatus(client.update(PODS, 'default', { ...current, spec: { ...current.spec, ephemeralContainers: [{ name: 'dbg', image: 'busybox' }] } }));
    expect(updated.message).toMatch(/^Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than/);
  });
});

describe('ephemeral containers in the kubelet', () => {
  it('pulls and starts one, reports it in ephemeralContainerStatuses, and never restarts it', () => {
    expectOk(addEphemeral({ name: 'dbg', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 5; exit 2'] }));
    step(3_000);
    const running = pod().status!.ephemeralContainerStatuses!;
    expect(running).toEqual([
      expect.objectContaining({ name: 'dbg', ready: false, restartCount: 0, image: 'docker.io/library/busybox:1.36', lastState: {}, state: { running: { startedAt: expect.any(String) } } }),
    ]);
    expect(running[0]!.started).toBeUndefined();
    step(60_000);
    const after = pod();
    expect(after.status!.ephemeralContainerStatuses![0]).toMatchObject({ restartCount: 0, state: { terminated: { exitCode: 2, reason: 'Error' } } });
    // The Pod's own containers and conditions are untouched.
    expect(after.status!.phase).toBe('Running');
    expect(after.status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('True');
    const events = expectOk(client.list<CoreEvent>(EVENTS, 'default', { fieldSelector: 'involvedObject.name=web' })).items;
    expect(events.filter((e) => e.involvedObject.fieldPath === 'spec.ephemeralContainers{dbg}').map((e) => e.reason)).toEqual(['Pulling', 'Pulled', 'Created', 'Started']);
  });

  it('reports a pull failure as the container’s waiting state', () => {
    expectOk(addEphemeral({ name: 'dbg', image: 'busybox:9.9' }));
    step(5_000);
    expect(pod().status!.ephemeralContainerStatuses![0]!.state.waiting).toMatchObject({ reason: 'ErrImagePull' });
  });

  it('stops it with the Pod', () => {
    expectOk(addEphemeral({ name: 'dbg', image: 'busybox:1.36', command: ['sleep', '1h'] }));
    step(3_000);
    expectOk(client.delete(PODS, 'default', 'web'));
    step(40_000);
    expect(client.get(PODS, 'default', 'web').ok).toBe(false);
  });
});

describe('the image catalogue’s Alpine variants', () => {
  it('gives *-alpine and alpine tags busybox’s userland', () => {
    const userland = (image: string): string | undefined => {
      const found = lookupImage(parseImage(image));
      return found.found ? found.image.userland : undefined;
    };
    expect([userland('nginx:alpine'), userland('nginx:1.27-alpine'), userland('redis:7-alpine'), userland('httpd:alpine')]).toEqual(['busybox', 'busybox', 'busybox', 'busybox']);
    expect([userland('nginx:1.25'), userland('redis:7')]).toEqual(['debian', 'debian']);
  });
});
