/**
 * A simulated external provisioner (sig-storage-lib-external-provisioner, as rancher.io/local-path
 * and CSI provisioners run it): for a claim the PV controller handed to a provisioner
 * (`volume.kubernetes.io/storage-provisioner`) — and, for WaitForFirstConsumer, once the scheduler
 * picked a node — it creates `pvc-<claim uid>` pre-bound to the claim with the class's reclaim
 * policy, and deletes such volumes again when released under reclaimPolicy Delete.
 * `kubernetes.io/no-provisioner` classes get nothing: their volumes are made by hand.
 */
import { type Disposable, DisposableStore } from '../../../../shared/lifecycle.js';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../../../shared/api/storage.js';
import type { Clock } from '../../../base/clock.js';
import type { ApiClient } from '../../client/api-client.js';
import { EventRecorder } from '../../client/event-recorder.js';
import { type Informer, objectKey } from '../../client/informer.js';
import { PERSISTENT_VOLUMES } from '../../client/resources.js';
import { WorkQueue } from '../../client/work-queue.js';
import { ANN_BIND_COMPLETED, ANN_PROVISIONED_BY, ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER, NO_PROVISIONER } from './annotations.js';

export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';
/** local-path-provisioner's default node path. */
const LOCAL_PATH_ROOT = '/opt/local-path-provisioner';
const DELETE = 'delete:';
/** Watch latency plus the volume's creation (local-path runs a helper Pod): a simulated second. */
export const PROVISIONER_DELAY_MS = 1000;

export interface ProvisionerInformers {
  claims: Informer<PersistentVolumeClaim>;
  volumes: Informer<PersistentVolume>;
  classes: Informer<StorageClass>;
}

export class SimulatedProvisioner implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly queue: WorkQueue;
  private readonly recorders = new Map<string, EventRecorder>();

  constructor(
    private readonly client: ApiClient,
    private readonly clock: Clock,
    private readonly informers: ProvisionerInformers,
  ) {
    this.queue = this.disposables.add(new WorkQueue(clock, (key) => (key.startsWith(DELETE) ? this.syncDelete(key.slice(DELETE.length)) : this.syncClaim(key))));
    this.disposables.add(
      informers.claims.onDidChange((change) => {
        // The provisioner is its own process watching claims: it acts a moment after the controller.
        if (change.type !== 'delete') this.queue.addAfter(objectKey(change.object), PROVISIONER_DELAY_MS);
      }),
    );
  }

  start(): void {
    // The informers are started by the controller that shares them.
  }

  /** Every provisioner name but no-provisioner is simulated as a working external provisioner. */
  handles(provisioner: string): boolean {
    return provisioner !== '' && provisioner !== NO_PROVISIONER;
  }

  /** A released volume with reclaimPolicy Delete that we made: delete it (the provisioner's Delete). */
  deleteVolume(pv: PersistentVolume): void {
    this.queue.addAfter(DELETE + (pv.metadata.name ?? ''), PROVISIONER_DELAY_MS);
  }

  private recorder(provisioner: string): EventRecorder {
    let recorder = this.recorders.get(provisioner);
    if (!recorder) {
      // External provisioners report as `<provisioner>_<pod>_<id>`; the lab's one instance is stable.
      recorder = new EventRecorder(this.client, this.clock, { component: `${provisioner}_${provisionerPodName(provisioner)}` });
      this.recorders.set(provisioner, recorder);
    }
    return recorder;
  }

  private syncClaim(key: string): void {
    const claim = this.informers.claims.get(key);
    if (!claim || claim.metadata.deletionTimestamp || claim.spec.volumeName || claim.metadata.annotations?.[ANN_BIND_COMPLETED]) return;
    const provisioner = claim.metadata.annotations?.[ANN_STORAGE_PROVISIONER];
    if (!provisioner || !this.handles(provisioner)) return;
    const storageClass = this.informers.classes.get(claim.spec.storageClassName ?? '');
    if (!storageClass || storageClass.provisioner !== provisioner) return;
    const name = `pvc-${claim.metadata.uid ?? ''}`;
    if (this.informers.volumes.get(name)) return;
    const selectedNode = claim.metadata.annotations?.[ANN_SELECTED_NODE];
    // shouldProvision: a WaitForFirstConsumer claim waits for the scheduler's node.
    if (storageClass.volumeBindingMode === 'WaitForFirstConsumer' && !selectedNode) return;
    const recorder = this.recorder(provisioner);
    const namespace = claim.metadata.namespace ?? 'default';
    recorder.event(claim, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${namespace}/${claim.metadata.name ?? ''}"`);
    const local = provisioner === LOCAL_PATH_PROVISIONER;
    if (local && !selectedNode) {
      recorder.event(claim, 'Warning', 'ProvisioningFailed', 'failed to provision volume with StorageClass "' + (storageClass.metadata.name ?? '') + '": configuration error, no node was specified');
      return;
    }
    const pv: PersistentVolume = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name, annotations: { [ANN_PROVISIONED_BY]: provisioner } },
      spec: {
        accessModes: claim.spec.accessModes,
        capacity: { storage: claim.spec.resources?.requests?.storage ?? '0' },
        claimRef: { kind: 'PersistentVolumeClaim', namespace, name: claim.metadata.name, uid: claim.metadata.uid, apiVersion: 'v1', resourceVersion: claim.metadata.resourceVersion },
        persistentVolumeReclaimPolicy: storageClass.reclaimPolicy ?? 'Delete',
        storageClassName: storageClass.metadata.name,
        volumeMode: claim.spec.volumeMode ?? 'Filesystem',
        ...(storageClass.mountOptions ? { mountOptions: storageClass.mountOptions } : {}),
        ...(local
          ? {
              hostPath: { path: `${LOCAL_PATH_ROOT}/${name}_${namespace}_${claim.metadata.name ?? ''}`, type: 'DirectoryOrCreate' },
              nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [selectedNode!] }] }] } },
            }
          : { csi: { driver: provisioner, volumeHandle: name, fsType: 'ext4' } }),
      },
    };
    const created = this.client.create(PERSISTENT_VOLUMES, undefined, pv);
    if (!created.ok && created.status.reason !== 'AlreadyExists') {
      recorder.event(claim, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${storageClass.metadata.name ?? ''}": ${created.status.message ?? ''}`);
      return;
    }
    recorder.event(claim, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${name}`);
  }

  private syncDelete(name: string): void {
    const pv = this.informers.volumes.get(name);
    if (!pv || pv.metadata.deletionTimestamp || pv.status?.phase !== 'Released' || pv.spec.persistentVolumeReclaimPolicy !== 'Delete') return;
    this.client.delete(PERSISTENT_VOLUMES, undefined, name);
  }

  dispose(): void {
    this.disposables.dispose();
  }
}

/** The provisioner's Pod as events name it (local-path-provisioner runs in local-path-storage). */
function provisionerPodName(provisioner: string): string {
  return provisioner === LOCAL_PATH_PROVISIONER ? 'local-path-provisioner' : provisioner.replace(/[^a-z0-9-]/g, '-');
}
