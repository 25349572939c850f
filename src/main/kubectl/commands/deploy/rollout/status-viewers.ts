/**
 * polymorphichelpers' StatusViewers: the one-line progress report `kubectl rollout status` prints
 * for a Deployment, DaemonSet or StatefulSet, whether the rollout is done, or why it failed.
 */
import type { DaemonSet, DaemonSetStatus, Deployment, StatefulSet, StatefulSetStatus } from '../../../../../shared/api/apps.js';
import type { KubeObject } from '../../../../../shared/api/meta.js';

export type RolloutStatus = { ok: true; message: string; done: boolean } | { ok: false; error: string };

const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

function deploymentStatus(d: Deployment, revision: number): RolloutStatus {
  const name = d.metadata.name ?? '';
  if (revision > 0) {
    const running = Number(d.metadata.annotations?.[REVISION_ANNOTATION] ?? '0');
    if (revision !== running) return { ok: false, error: `desired revision (${revision}) is different from the running revision (${running})` };
  }
  const status = d.status ?? {};
  if ((d.metadata.generation ?? 0) > (status.observedGeneration ?? 0)) {
    return { ok: true, message: 'Waiting for deployment spec update to be observed...\n', done: false };
  }
  const progressing = status.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return { ok: false, error: `deployment "${name}" exceeded its progress deadline` };
  const updated = status.updatedReplicas ?? 0;
  const wanted = d.spec.replicas;
  const prefix = `Waiting for deployment "${name}" rollout to finish:`;
  if (wanted !== undefined && updated < wanted) return { ok: true, message: `${prefix} ${updated} out of ${wanted} new replicas have been updated...\n`, done: false };
  const replicas = status.replicas ?? 0;
  if (replicas > updated) return { ok: true, message: `${prefix} ${replicas - updated} old replicas are pending termination...\n`, done: false };
  const available = status.availableReplicas ?? 0;
  if (available < updated) return { ok: true, message: `${prefix} ${available} of ${updated} updated replicas are available...\n`, done: false };
  return { ok: true, message: `deployment "${name}" successfully rolled out\n`, done: true };
}

function daemonSetStatus(ds: DaemonSet): RolloutStatus {
  const name = ds.metadata.name ?? '';
  if ((ds.spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return { ok: false, error: 'rollout status is only available for RollingUpdate strategy type' };
  const status: Partial<DaemonSetStatus> = ds.status ?? {};
  if ((ds.metadata.generation ?? 0) > (status.observedGeneration ?? 0)) {
    return { ok: true, message: 'Waiting for daemon set spec update to be observed...\n', done: false };
  }
  const desired = status.desiredNumberScheduled ?? 0;
  const updated = status.updatedNumberScheduled ?? 0;
  const prefix = `Waiting for daemon set "${name}" rollout to finish:`;
  if (updated < desired) return { ok: true, message: `${prefix} ${updated} out of ${desired} new pods have been updated...\n`, done: false };
  const available = status.numberAvailable ?? 0;
  if (available < desired) return { ok: true, message: `${prefix} ${available} of ${desired} updated pods are available...\n`, done: false };
  return { ok: true, message: `daemon set "${name}" successfully rolled out\n`, done: true };
}

function statefulSetStatus(sts: StatefulSet): RolloutStatus {
  const strategy = sts.spec.updateStrategy ?? { type: 'RollingUpdate' };
  if ((strategy.type ?? 'RollingUpdate') !== 'RollingUpdate') return { ok: false, error: 'rollout status is only available for RollingUpdate strategy type' };
  const status: Partial<StatefulSetStatus> = sts.status ?? {};
  const observed = status.observedGeneration ?? 0;
  if (observed === 0 || (sts.metadata.generation ?? 0) > observed) {
    return { ok: true, message: 'Waiting for statefulset spec update to be observed...\n', done: false };
  }
  const wanted = sts.spec.replicas;
  const ready = status.readyReplicas ?? 0;
  if (wanted !== undefined && ready < wanted) return { ok: true, message: `Waiting for ${wanted - ready} pods to be ready...\n`, done: false };
  const updated = status.updatedReplicas ?? 0;
  if (strategy.rollingUpdate) {
    const partition = strategy.rollingUpdate.partition;
    if (wanted !== undefined && partition !== undefined && updated < wanted - partition) {
      return { ok: true, message: `Waiting for partitioned roll out to finish: ${updated} out of ${wanted - partition} new pods have been updated...\n`, done: false };
    }
    return { ok: true, message: `partitioned roll out complete: ${updated} new pods have been updated...\n`, done: true };
  }
  if (status.updateRevision !== status.currentRevision) {
    return { ok: true, message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${status.updateRevision ?? ''}...\n`, done: false };
  }
  return { ok: true, message: `statefulset rolling update complete ${status.currentReplicas ?? 0} pods at revision ${status.currentRevision ?? ''}...\n`, done: true };
}

/** StatusViewerFor: the viewer for a kind, or the error for kinds without one. */
export function statusViewerFor(group: string, kind: string): ((object: KubeObject, revision: number) => RolloutStatus) | string {
  if (group === 'apps' && kind === 'Deployment') return (o, revision) => deploymentStatus(o as Deployment, revision);
  if (group === 'apps' && kind === 'DaemonSet') return (o) => daemonSetStatus(o as DaemonSet);
  if (group === 'apps' && kind === 'StatefulSet') return (o) => statefulSetStatus(o as StatefulSet);
  return `no status viewer has been implemented for ${group ? `${kind}.${group}` : kind}`;
}
