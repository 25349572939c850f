import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../../../../src/shared/api/apps.js';
import type { CoreEvent, Pod } from '../../../../src/shared/api/core.js';
import { DeploymentController } from '../../../../src/main/cluster/controllers/deployment/deployment-controller.js';
import { computeHash, resolveFenceposts, safeEncodeString } from '../../../../src/main/cluster/controllers/deployment/util.js';
import { ReplicaSetController } from '../../../../src/main/cluster/controllers/replicaset.js';
import { DEPLOYMENTS, EVENTS, PODS, REPLICA_SETS, RESOURCE_QUOTAS } from '../../../../src/main/cluster/client/resources.js';
import { resourceQuota } from '../../../../src/main/cluster/apiserver/admission/resource-quota.js';
import { ResourceQuotaController } from '../../../../src/main/cluster/controllers/resource-quota.js';
import { type TestCluster, expectOk, makeCluster } from '../../helpers/cluster.js';
import { deploymentManifest, template } from '../../helpers/workloads.js';

let cluster: TestCluster;

beforeEach(() => {
  cluster = makeCluster();
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

function start(): void {
  cluster.disposables.add(new ReplicaSetController(cluster.client('replicaset-controller'), cluster.clock)).start();
  cluster.disposables.add(new DeploymentController(cluster.client('deployment-controller'), cluster.clock)).start();
  cluster.settle();
}

function deployment(name = 'web'): Deployment {
  return expectOk(cluster.client().get<Deployment>(DEPLOYMENTS, 'default', name));
}

function replicaSets(): ReplicaSet[] {
  return expectOk(cluster.client().list<ReplicaSet>(REPLICA_SETS, 'default')).items;
}

function rsFor(image: string): ReplicaSet | undefined {
  return replicaSets().find((rs) => rs.spec.template.spec.containers[0]!.image === image);
}

function pods(): Pod[] {
  return expectOk(cluster.client().list<Pod>(PODS, 'default')).items;
}

function events(reason = 'ScalingReplicaSet'): string[] {
  return expectOk(cluster.client().list<CoreEvent>(EVENTS, 'default'))
    .items.filter((e) => e.reason === reason)
    .map((e) => e.message ?? '');
}

function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** What the kubelets would do: every Pod not yet Ready starts and turns Ready now. */
function readyAll(): number {
  let count = 0;
  for (const pod of pods()) {
    if (pod.metadata.deletionTimestamp || pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) continue;
    expectOk(
      cluster.client('kubelet').updateStatus<Pod>(PODS, 'default', {
        ...pod,
        status: { ...pod.status, phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(cluster.clock.now()) }] },
      }),
    );
    count++;
  }
  cluster.settle();
  return count;
}

/** Let Pods become Ready, a second at a time, until the rollout settles. */
function converge(): void {
  for (let i = 0; i < 50; i++) {
    cluster.clock.advance(1000);
    cluster.settle();
    if (readyAll() === 0 && i > 2) return;
  }
  throw new Error('did not converge');
}

function create(spec: Partial<Deployment['spec']> = {}, name = 'web'): void {
  expectOk(cluster.client().create(DEPLOYMENTS, 'default', deploymentManifest(name, spec)));
  cluster.settle();
}

function setImage(image: string, name = 'web'): void {
  expectOk(cluster.client().patch(DEPLOYMENTS, 'default', name, 'merge', { spec: { template: { spec: { containers: [{ name: 'nginx', image }] } } } }));
  cluster.settle();
}

function expectQuiet(): void {
  const revision = cluster.revision();
  cluster.clock.advance(5 * 60_000);
  cluster.settle();
  expect(cluster.revision()).toBe(revision);
}

describe('pod-template-hash', () => {
  it('is deterministic, safe-encoded from the FNV-32a decimal, and changes with collisionCount (controller.ComputeHash)', () => {
    const t = template('web');
    const hash = computeHash(t, undefined);
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(computeHash(structuredClone(t), undefined)).toBe(hash);
    expect(computeHash(t, 1)).not.toBe(hash);
    expect(computeHash(template('web', 'nginx:1.26'), undefined)).not.toBe(hash);
    // rand.SafeEncodeString maps digits 0-9 onto 4 5 6 7 8 9 b c d f.
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('resolves fenceposts: surge rounds up, unavailable down, both zero → one unavailable', () => {
    const d = deploymentManifest('web', { replicas: 10, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } });
    expect(resolveFenceposts(d)).toEqual({ surge: 3, unavailable: 2 });
    d.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '5%' } };
    expect(resolveFenceposts(d)).toEqual({ surge: 0, unavailable: 1 });
  });
});

describe('Deployment controller', () => {
  it('creates <name>-<hash> with the pod-template-hash label and selector, the revision annotations, and converges to NewReplicaSetAvailable', () => {
    start();
    create({ replicas: 3 });
    const [rs] = replicaSets();
    const d0 = deployment();
    const hash = computeHash(d0.spec.template, undefined);
    expect(rs!.metadata.name).toBe(`web-${hash}`);
    expect(rs!.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs!.spec.selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
    expect(rs!.spec.template.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs!.metadata.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
      'deployment.kubernetes.io/revision': '1',
    });
    expect(rs!.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d0.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    // The revision is written through /status: no new generation.
    expect(d0.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
    expect(d0.metadata.generation).toBe(1);
    expect(events()).toEqual([`Scaled up replica set web-${hash} from 0 to 3`]);
    expect(d0.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'],
      ['Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "web-${hash}" is progressing.`],
    ]);
    converge();
    const d = deployment();
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(d.status?.unavailableReplicas).toBeUndefined();
    expect(d.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "web-${hash}" has successfully progressed.`],
    ]);
    expectQuiet();
  });

  it('scales up and down without a new ReplicaSet, updating desired/max-replicas', () => {
    start();
    create({ replicas: 2 });
    converge();
    expectOk(cluster.client().patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { replicas: 5 } }));
    converge();
    expect(replicaSets()).toHaveLength(1);
    const rs = replicaSets()[0]!;
    expect(rs.spec.replicas).toBe(5);
    expect(rs.metadata.annotations?.['deployment.kubernetes.io/desired-replicas']).toBe('5');
    expect(rs.metadata.annotations?.['deployment.kubernetes.io/max-replicas']).toBe('7');
    expect(pods()).toHaveLength(5);
    expectOk(cluster.client().patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { replicas: 1 } }));
    converge();
    expect(pods()).toHaveLength(1);
    expect(events()).toEqual([
      `Scaled up replica set ${rs.metadata.name ?? ''} from 0 to 2`,
      `Scaled up replica set ${rs.metadata.name ?? ''} from 2 to 5`,
      `Scaled down replica set ${rs.metadata.name ?? ''} from 5 to 1`,
    ]);
    expect(deployment().status).toMatchObject({ observedGeneration: 3, replicas: 1, updatedReplicas: 1, availableReplicas: 1 });
    expectQuiet();
  });

  it('rolls nginx:1.25 → 1.26 with maxSurge 25% / maxUnavailable 25%: never more than 5 Pods nor fewer than 3 available of 4', () => {
    start();
    create({ replicas: 4 });
    converge();
    const oldName = replicaSets()[0]!.metadata.name ?? '';
    setImage('nginx:1.26');
    const newName = rsFor('nginx:1.26')!.metadata.name ?? '';
    for (let i = 0; i < 30; i++) {
      const rss = replicaSets();
      const total = rss.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0);
      const available = rss.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);
      expect(total).toBeLessThanOrEqual(5);
      expect(available).toBeGreaterThanOrEqual(3);
      cluster.clock.advance(1000);
      cluster.settle();
      readyAll();
    }
    expect(events()).toEqual([
      `Scaled up replica set ${oldName} from 0 to 4`,
      `Scaled up replica set ${newName} from 0 to 1`,
      `Scaled down replica set ${oldName} from 4 to 3`,
      // Old down to 3 leaves room (5 total) for a second new Pod before any is ready.
      `Scaled up replica set ${newName} from 1 to 2`,
      // Both new Pods ready at once: 5 available, 3 must stay, so two old ones go.
      `Scaled down replica set ${oldName} from 3 to 1`,
      `Scaled up replica set ${newName} from 2 to 4`,
      `Scaled down replica set ${oldName} from 1 to 0`,
    ]);
    const d = deployment();
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(d.status).toMatchObject({ observedGeneration: 2, replicas: 4, updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4 });
    expect(rsFor('nginx:1.25')?.spec.replicas).toBe(0);
    expect(rsFor('nginx:1.25')?.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(pods().every((p) => p.spec.containers[0]!.image === 'nginx:1.26')).toBe(true);
    expectQuiet();
  });

  it('Recreate: scales the old ReplicaSet to zero and waits for its Pods before creating the new one', () => {
    start();
    create({ replicas: 3, strategy: { type: 'Recreate' } });
    converge();
    const oldName = replicaSets()[0]!.metadata.name ?? '';
    setImage('nginx:1.26');
    // Same pass: the old Pods (unscheduled here) are gone at once, so the new ReplicaSet follows.
    converge();
    const newRs = rsFor('nginx:1.26')!;
    expect(events()).toEqual([`Scaled up replica set ${oldName} from 0 to 3`, `Scaled down replica set ${oldName} from 3 to 0`, `Scaled up replica set ${newRs.metadata.name ?? ''} from 0 to 3`]);
    expect(deployment().status).toMatchObject({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    expectQuiet();
  });

  it('Recreate waits while an old Pod is still terminating', () => {
    start();
    create({ replicas: 1, strategy: { type: 'Recreate' } });
    converge();
    // Put the Pod on a node so that its deletion is graceful (a kubelet would have to finish it).
    const pod = pods()[0]!;
    expectOk(cluster.client().bind('default', pod.metadata.name ?? '', 'node01'));
    cluster.settle();
    setImage('nginx:1.26');
    cluster.clock.advance(1000);
    cluster.settle();
    expect(rsFor('nginx:1.26')).toBeUndefined();
    expect(pods()[0]!.metadata.deletionTimestamp).toBeDefined();
    // The kubelet's final delete: then the new ReplicaSet comes.
    expectOk(cluster.client().delete(PODS, 'default', pod.metadata.name ?? '', { gracePeriodSeconds: 0 }));
    cluster.settle();
    expect(rsFor('nginx:1.26')?.spec.replicas).toBe(1);
  });

  it('pause: no rollout, Progressing Unknown DeploymentPaused; resume: DeploymentResumed, then the rollout', () => {
    start();
    create({ replicas: 2 });
    converge();
    expectOk(cluster.client().patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { paused: true } }));
    cluster.settle();
    setImage('nginx:1.26');
    converge();
    expect(replicaSets()).toHaveLength(1);
    const paused = deployment().status?.conditions?.find((c) => c.type === 'Progressing');
    expect([paused?.status, paused?.reason, paused?.message]).toEqual(['Unknown', 'DeploymentPaused', 'Deployment is paused']);
    expect(deployment().status?.observedGeneration).toBe(3);
    expectOk(cluster.client().patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { paused: false } }));
    cluster.settle();
    expect(rsFor('nginx:1.26')).toBeDefined();
    converge();
    const progressing = deployment().status?.conditions?.find((c) => c.type === 'Progressing');
    expect([progressing?.status, progressing?.reason]).toEqual(['True', 'NewReplicaSetAvailable']);
    expect(rsFor('nginx:1.25')?.spec.replicas).toBe(0);
    expectQuiet();
  });

  it('a second rollout mid-rollout scales both older ReplicaSets down and the newest up', () => {
    start();
    create({ replicas: 4 });
    converge();
    setImage('nginx:1.26');
    cluster.clock.advance(1000);
    cluster.settle();
    setImage('nginx:1.27');
    converge();
    expect(replicaSets()).toHaveLength(3);
    expect(rsFor('nginx:1.25')?.spec.replicas).toBe(0);
    expect(rsFor('nginx:1.26')?.spec.replicas).toBe(0);
    expect(rsFor('nginx:1.27')?.spec.replicas).toBe(4);
    expect(rsFor('nginx:1.27')?.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(deployment().status).toMatchObject({ replicas: 4, updatedReplicas: 4, availableReplicas: 4 });
    expectQuiet();
  });

  it('scales proportionally mid-rollout: the extra replicas are shared by the ReplicaSets in proportion (ReplicaSetsBySizeNewer)', () => {
    start();
    create({ replicas: 10 });
    converge();
    setImage('nginx:1.26');
    // New Pods never become ready: the rollout stalls at 3 new (surge) and 8 old (unavailable 2).
    cluster.clock.advance(1000);
    cluster.settle();
    expect([rsFor('nginx:1.25')?.spec.replicas, rsFor('nginx:1.26')?.spec.replicas]).toEqual([8, 5]);
    expectOk(cluster.client().patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { replicas: 20 } }));
    cluster.settle();
    const [oldRs, newRs] = [rsFor('nginx:1.25')!, rsFor('nginx:1.26')!];
    // allowed 20 + 5 = 25, 12 to add: old 8*25/13 → 15 (+7), new 5*25/13 → 10 (+5).
    expect([oldRs.spec.replicas, newRs.spec.replicas]).toEqual([15, 10]);
    expect(events().slice(-2)).toEqual([`Scaled up replica set ${oldRs.metadata.name ?? ''} from 8 to 15`, `Scaled up replica set ${newRs.metadata.name ?? ''} from 5 to 10`]);
    for (const rs of [oldRs, newRs]) {
      expect(rs.metadata.annotations?.['deployment.kubernetes.io/desired-replicas']).toBe('20');
      expect(rs.metadata.annotations?.['deployment.kubernetes.io/max-replicas']).toBe('25');
    }
  });

  it('keeps revisionHistoryLimit old ReplicaSets, deleting the oldest scaled-down ones', () => {
    start();
    create({ replicas: 1, revisionHistoryLimit: 1 });
    converge();
    for (const image of ['nginx:1.26', 'nginx:1.27', 'nginx:1.28']) {
      setImage(image);
      converge();
    }
    expect(replicaSets().map((rs) => [rs.spec.template.spec.containers[0]!.image, rs.metadata.annotations?.['deployment.kubernetes.io/revision']]).sort()).toEqual([
      ['nginx:1.27', '3'],
      ['nginx:1.28', '4'],
    ]);
    expectQuiet();
  });

  it('rollback (kubectl rollout undo copies the old template): reuses the old ReplicaSet under the next revision with revision-history', () => {
    start();
    create({ replicas: 2 });
    converge();
    const first = replicaSets()[0]!.metadata.name ?? '';
    setImage('nginx:1.26');
    converge();
    setImage('nginx:1.25');
    converge();
    expect(replicaSets()).toHaveLength(2);
    const reused = rsFor('nginx:1.25')!;
    expect(reused.metadata.name).toBe(first);
    expect(reused.spec.replicas).toBe(2);
    expect(reused.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(reused.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(deployment().metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(rsFor('nginx:1.26')?.spec.replicas).toBe(0);
    expectQuiet();
  });

  it('reports ProgressDeadlineExceeded when the rollout makes no progress for progressDeadlineSeconds', () => {
    start();
    create({ replicas: 1, progressDeadlineSeconds: 60 });
    cluster.clock.advance(59_000);
    cluster.settle();
    expect(deployment().status?.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe('ReplicaSetUpdated');
    cluster.clock.advance(3_000);
    cluster.settle();
    const rsName = replicaSets()[0]!.metadata.name ?? '';
    const condition = deployment().status?.conditions?.find((c) => c.type === 'Progressing');
    expect([condition?.status, condition?.reason, condition?.message]).toEqual(['False', 'ProgressDeadlineExceeded', `ReplicaSet "${rsName}" has timed out progressing.`]);
    expectQuiet();
    // Pods becoming available complete it after all.
    readyAll();
    cluster.settle();
    expect(deployment().status?.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
  });

  it('adopts an orphaned ReplicaSet whose labels match, and copies the Deployment annotations onto the new ReplicaSet', () => {
    start();
    expectOk(
      cluster.client().create(DEPLOYMENTS, 'default', { ...deploymentManifest('web', { replicas: 1 }), metadata: { name: 'web', annotations: { team: 'blue' } } }),
    );
    cluster.settle();
    const rs = replicaSets()[0]!;
    expect(rs.metadata.annotations?.team).toBe('blue');
    // Orphan it, as `kubectl delete deploy --cascade=orphan` would leave it, then let the Deployment adopt it back.
    const orphan = structuredClone(rs);
    delete orphan.metadata.ownerReferences;
    expectOk(cluster.client().update(REPLICA_SETS, 'default', orphan));
    cluster.settle();
    expect(replicaSets()[0]!.metadata.ownerReferences?.[0]?.uid).toBe(deployment().metadata.uid);
    expect(replicaSets()).toHaveLength(1);
  });

  it('counts a hash collision in status.collisionCount and names the ReplicaSet with the next hash', () => {
    start();
    const manifest = deploymentManifest('web', { replicas: 1 });
    // Someone else's ReplicaSet already has the name the Deployment's template hashes to.
    const probe = expectOk(cluster.client().create<Deployment>(DEPLOYMENTS, 'default', manifest, { dryRun: 'All' }));
    const taken = `web-${computeHash(probe.spec.template, undefined)}`;
    expectOk(
      cluster.client().create(REPLICA_SETS, 'default', {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: taken },
        spec: { replicas: 0, selector: { matchLabels: { app: 'other' } }, template: template('other') },
      }),
    );
    create({ replicas: 1 });
    const d = deployment();
    expect(d.status?.collisionCount).toBe(1);
    const ours = replicaSets().filter((rs) => rs.metadata.name !== taken);
    expect(ours.map((rs) => rs.metadata.name)).toEqual([`web-${computeHash(d.spec.template, 1)}`]);
  });

  it('carries the ReplicaSet\'s ReplicaFailure into the Deployment\'s conditions', () => {
    cluster.dispose();
    cluster = makeCluster({ admission: [resourceQuota] });
    cluster.disposables.add(new ResourceQuotaController(cluster.client('resourcequota-controller'), cluster.clock)).start();
    expectOk(cluster.client().create(RESOURCE_QUOTAS, 'default', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'pods' }, spec: { hard: { pods: '1' } } }));
    cluster.settle();
    start();
    create({ replicas: 2 });
    cluster.clock.advance(1000);
    cluster.settle();
    const failure = deployment().status?.conditions?.find((c) => c.type === 'ReplicaFailure');
    expect([failure?.status, failure?.reason]).toEqual(['True', 'FailedCreate']);
    // ResourceQuota validates after the name is generated, so the message names the Pod.
    expect(failure?.message).toMatch(/^pods "web-[a-z0-9]+-[a-z0-9]{5}" is forbidden: exceeded quota: pods/);
  });
});

