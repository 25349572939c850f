/**
 * The PersistentVolume controller (kube-controller-manager's persistentvolume-binder): binds claims
 * to volumes both ways — the volume's claimRef and phase Bound, the claim's volumeName,
 * `pv.kubernetes.io/bind-completed`/`bound-by-controller` and status Bound with the volume's
 * capacity and access modes — hands claims with a provisioning class to their provisioner
 * (`volume.kubernetes.io/storage-provisioner`, ExternalProvisioning), waits for the scheduler's
 * selected node on WaitForFirstConsumer claims, and releases (and with reclaimPolicy Delete,
 * deletes) volumes whose claim is gone.
 */
import type { Node } from '../../../../shared/api/core.js';
import { type Disposable, DisposableStore } from '../../../../shared/lifecycle.js';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../../../shared/api/storage.js';
import type { Clock } from '../../../base/clock.js';
import type { ApiClient } from '../../client/api-client.js';
import { EventRecorder } from '../../client/event-recorder.js';
import { Informer, objectKey } from '../../client/informer.js';
import { NODES, PERSISTENT_VOLUMES, PERSISTENT_VOLUME_CLAIMS, STORAGE_CLASSES } from '../../client/resources.js';
import { WorkQueue } from '../../client/work-queue.js';
import {
  ANN_BETA_DEFAULT_STORAGE_CLASS,
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_DEFAULT_STORAGE_CLASS,
  ANN_PROVISIONED_BY,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
} from './annotations.js';
import { claimClassName, findBestMatch, isPreBoundTo } from './matching.js';
import { SimulatedProvisioner } from './provisioner.js';

export const CONTROLLER_NAME = 'persistentvolume-controller';
/** --pvclaimbinder-sync-period: every claim and volume is synced again this often. */
export const SYNC_PERIOD_MS = 15_000;
/** A write lost to a newer version (our cache lagging our own write) is retried this soon, as the rate-limited queue would. */
const CONFLICT_RETRY_MS = 10;
const CLAIM = 'claim:';
const VOLUME = 'volume:';

export class PersistentVolumeController implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly volumes: Informer<PersistentVolume>;
  private readonly claims: Informer<PersistentVolumeClaim>;
  private readonly classes: Informer<StorageClass>;
  private readonly nodes: Informer<Node>;
  private readonly queue: WorkQueue;
  private readonly recorder: EventRecorder;
  private readonly provisioner: SimulatedProvisioner;
  private resync: Disposable | undefined;

  constructor(
    private readonly client: ApiClient,
    private readonly clock: Clock,
  ) {
    this.volumes = this.disposables.add(new Informer<PersistentVolume>(client, PERSISTENT_VOLUMES));
    this.claims = this.disposables.add(new Informer<PersistentVolumeClaim>(client, PERSISTENT_VOLUME_CLAIMS));
    this.classes = this.disposables.add(new Informer<StorageClass>(client, STORAGE_CLASSES));
    this.nodes = this.disposables.add(new Informer<Node>(client, NODES));
    this.queue = this.disposables.add(new WorkQueue(clock, (key) => (key.startsWith(CLAIM) ? this.syncClaim(key.slice(CLAIM.length)) : this.syncVolume(key.slice(VOLUME.length)))));
    this.recorder = new EventRecorder(client, clock, { component: CONTROLLER_NAME });
    this.provisioner = this.disposables.add(new SimulatedProvisioner(client, clock, { claims: this.claims, volumes: this.volumes, classes: this.classes }));
    this.disposables.add(
      this.claims.onDidChange((change) => {
        const claim = change.object;
        this.queue.add(CLAIM + objectKey(claim));
        if (claim.spec.volumeName) this.queue.add(VOLUME + claim.spec.volumeName);
        // A deleted claim releases the volumes that point at it.
        if (change.type === 'delete') for (const pv of this.volumes.list()) if (pv.spec.claimRef && isPreBoundTo(pv, claim)) this.queue.add(VOLUME + (pv.metadata.name ?? ''));
      }),
    );
    this.disposables.add(
      this.volumes.onDidChange((change) => {
        const pv = change.object;
        if (change.type !== 'delete') this.queue.add(VOLUME + (pv.metadata.name ?? ''));
        const ref = pv.spec.claimRef;
        if (ref?.name) this.queue.add(`${CLAIM}${ref.namespace ?? ''}/${ref.name}`);
      }),
    );
  }

  start(): void {
    this.classes.start();
    this.nodes.start();
    this.volumes.start();
    this.claims.start();
    this.provisioner.start();
    this.scheduleResync();
  }

  /** The periodic resync: a claim waiting for a volume notices a new one at the next period. */
  private scheduleResync(): void {
    // Background work: a periodic resync never keeps the lab clock busy on its own.
    this.resync = this.clock.schedule(
      SYNC_PERIOD_MS,
      () => {
        for (const claim of this.claims.list()) if (claim.status?.phase !== 'Bound') this.queue.add(CLAIM + objectKey(claim));
        for (const pv of this.volumes.list()) if (pv.status?.phase !== 'Bound') this.queue.add(VOLUME + (pv.metadata.name ?? ''));
        this.scheduleResync();
      },
      { background: true },
    );
  }

  private storageClass(claim: PersistentVolumeClaim): StorageClass | undefined {
    const name = claimClassName(claim);
    return name ? this.classes.get(name) : undefined;
  }

  private syncClaim(key: string): void {
    const claim = this.claims.get(key);
    if (!claim || claim.metadata.deletionTimestamp) return;
    if (claim.metadata.annotations?.[ANN_BIND_COMPLETED]) this.syncBoundClaim(claim);
    else this.syncUnboundClaim(claim);
  }

  private syncUnboundClaim(claim: PersistentVolumeClaim): void {
    if (claim.spec.volumeName) {
      // The user asked for a volume by name.
      const pv = this.volumes.get(claim.spec.volumeName);
      if (!pv) {
        this.setClaimPhase(claim, 'Pending');
        return;
      }
      if (!pv.spec.claimRef || isPreBoundTo(pv, claim)) this.bind(pv, claim);
      else this.setClaimPhase(claim, 'Pending');
      return;
    }
    // RetroactiveDefaultStorageClass: a claim with no class at all (nil, not "") gets today's default.
    if (claim.spec.storageClassName === undefined) {
      const fallback = this.defaultClass();
      if (fallback) {
        const updated = structuredClone(claim);
        updated.spec.storageClassName = fallback.metadata.name;
        this.client.update(PERSISTENT_VOLUME_CLAIMS, claim.metadata.namespace, updated);
        return;
      }
    }
    const storageClass = this.storageClass(claim);
    const delayBinding = storageClass?.volumeBindingMode === 'WaitForFirstConsumer';
    const selectedNode = claim.metadata.annotations?.[ANN_SELECTED_NODE];
    const node = selectedNode ? this.nodes.get(selectedNode) : undefined;
    const pv = findBestMatch(claim, this.volumes.list(), { delayBinding, node });
    if (pv) {
      this.bind(pv, claim);
      return;
    }
    this.setClaimPhase(claim, 'Pending');
    if (delayBinding && !selectedNode) {
      this.recorder.event(claim, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
      return;
    }
    const className = claimClassName(claim);
    if (className === '') {
      this.recorder.event(claim, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
      return;
    }
    if (!storageClass) {
      this.recorder.event(claim, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`);
      return;
    }
    this.provisionClaim(claim, storageClass);
  }

  /** provisionClaim for an external provisioner: name it on the claim and wait for its volume. */
  private provisionClaim(claim: PersistentVolumeClaim, storageClass: StorageClass): void {
    const annotations = claim.metadata.annotations ?? {};
    if (annotations[ANN_STORAGE_PROVISIONER] !== storageClass.provisioner || annotations[ANN_BETA_STORAGE_PROVISIONER] !== storageClass.provisioner) {
      const updated = structuredClone(claim);
      updated.metadata.annotations = { ...annotations, [ANN_BETA_STORAGE_PROVISIONER]: storageClass.provisioner, [ANN_STORAGE_PROVISIONER]: storageClass.provisioner };
      const written = this.client.update<PersistentVolumeClaim>(PERSISTENT_VOLUME_CLAIMS, claim.metadata.namespace, updated);
      if (!written.ok) return;
      claim = written.value;
    }
    this.recorder.event(
      claim,
      'Normal',
      'ExternalProvisioning',
      `Waiting for a volume to be created either by the external provisioner '${storageClass.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    );
  }

  private syncBoundClaim(claim: PersistentVolumeClaim): void {
    const pv = claim.spec.volumeName ? this.volumes.get(claim.spec.volumeName) : undefined;
    if (!pv || !pv.spec.claimRef || !isPreBoundTo(pv, claim)) {
      if (claim.status?.phase !== 'Lost') {
        this.setClaimPhase(claim, 'Lost');
        this.recorder.event(
          claim,
          'Warning',
          'ClaimLost',
          pv ? 'Two claims are bound to the same volume, this one is bound incorrectly' : 'Bound claim has lost its PersistentVolume. Data on the volume is lost!',
        );
      }
      return;
    }
    this.bind(pv, claim);
  }

  /** ctrl.bind: volume first (claimRef, then phase), then the claim (volumeName, annotations, then status). */
  private bind(pv: PersistentVolume, claim: PersistentVolumeClaim): void {
    if (!this.tryBind(pv, claim)) this.queue.addAfter(CLAIM + objectKey(claim), CONFLICT_RETRY_MS);
  }

  private tryBind(pv: PersistentVolume, claim: PersistentVolumeClaim): boolean {
    const boundPv = this.bindVolumeToClaim(pv, claim);
    if (!boundPv) return false;
    if (boundPv.status?.phase !== 'Bound') {
      const updated = structuredClone(boundPv);
      updated.status = { ...updated.status, phase: 'Bound' };
      delete updated.status.reason;
      delete updated.status.message;
      if (!this.client.updateStatus(PERSISTENT_VOLUMES, undefined, updated).ok) return false;
    }
    const boundClaim = this.bindClaimToVolume(claim, boundPv);
    if (!boundClaim) return false;
    const status = boundClaim.status ?? {};
    if (status.phase !== 'Bound' || JSON.stringify(status.capacity) !== JSON.stringify(boundPv.spec.capacity) || JSON.stringify(status.accessModes) !== JSON.stringify(boundPv.spec.accessModes)) {
      const updated = structuredClone(boundClaim);
      updated.status = { ...status, phase: 'Bound', accessModes: boundPv.spec.accessModes, capacity: boundPv.spec.capacity };
      return this.client.updateStatus(PERSISTENT_VOLUME_CLAIMS, claim.metadata.namespace, updated).ok;
    }
    return true;
  }

  private bindVolumeToClaim(pv: PersistentVolume, claim: PersistentVolumeClaim): PersistentVolume | undefined {
    const ref = pv.spec.claimRef;
    const complete = ref && ref.uid === claim.metadata.uid && ref.name === claim.metadata.name && ref.namespace === claim.metadata.namespace;
    if (complete) return pv;
    const updated = structuredClone(pv);
    updated.spec.claimRef = {
      kind: 'PersistentVolumeClaim',
      namespace: claim.metadata.namespace,
      name: claim.metadata.name,
      uid: claim.metadata.uid,
      apiVersion: 'v1',
      resourceVersion: claim.metadata.resourceVersion,
    };
    // The controller filled the claimRef in (rather than the user pre-binding it).
    if (!ref) updated.metadata.annotations = { ...updated.metadata.annotations, [ANN_BOUND_BY_CONTROLLER]: 'yes' };
    const written = this.client.update<PersistentVolume>(PERSISTENT_VOLUMES, undefined, updated);
    return written.ok ? written.value : undefined;
  }

  private bindClaimToVolume(claim: PersistentVolumeClaim, pv: PersistentVolume): PersistentVolumeClaim | undefined {
    const annotations = claim.metadata.annotations ?? {};
    if (claim.spec.volumeName === pv.metadata.name && annotations[ANN_BIND_COMPLETED]) return claim;
    const updated = structuredClone(claim);
    const next: Record<string, string> = { ...annotations, [ANN_BIND_COMPLETED]: 'yes' };
    if (claim.spec.volumeName !== pv.metadata.name) {
      updated.spec.volumeName = pv.metadata.name;
      next[ANN_BOUND_BY_CONTROLLER] = 'yes';
    }
    updated.metadata.annotations = next;
    const written = this.client.update<PersistentVolumeClaim>(PERSISTENT_VOLUME_CLAIMS, claim.metadata.namespace, updated);
    return written.ok ? written.value : undefined;
  }

  private setClaimPhase(claim: PersistentVolumeClaim, phase: 'Pending' | 'Lost'): void {
    if (claim.status?.phase === phase) return;
    const updated = structuredClone(claim);
    updated.status = { ...updated.status, phase };
    this.client.updateStatus(PERSISTENT_VOLUME_CLAIMS, claim.metadata.namespace, updated);
  }

  private setVolumePhase(pv: PersistentVolume, phase: 'Available' | 'Released'): void {
    if (pv.status?.phase === phase) return;
    const updated = structuredClone(pv);
    updated.status = { ...updated.status, phase };
    this.client.updateStatus(PERSISTENT_VOLUMES, undefined, updated);
  }

  private syncVolume(name: string): void {
    const pv = this.volumes.get(name);
    if (!pv || pv.metadata.deletionTimestamp) return;
    const ref = pv.spec.claimRef;
    if (!ref) {
      this.setVolumePhase(pv, 'Available');
      return;
    }
    const claim = this.claims.get(`${ref.namespace ?? ''}/${ref.name ?? ''}`);
    if (claim && (!ref.uid || claim.metadata.uid === ref.uid)) {
      // Pre-bound but the claim not yet: the claim's sync finishes the binding.
      if (claim.spec.volumeName !== name || pv.status?.phase !== 'Bound') this.queue.add(CLAIM + objectKey(claim));
      return;
    }
    if (!ref.uid) {
      // Pre-bound by the user to a claim that does not exist yet.
      this.setVolumePhase(pv, 'Available');
      return;
    }
    // The claim is gone: the volume is released and reclaimed by its policy.
    if (pv.status?.phase !== 'Released' && pv.status?.phase !== 'Failed') this.setVolumePhase(pv, 'Released');
    this.reclaim(pv);
  }

  /** reclaimVolume: Retain keeps it Released; Delete has its provisioner delete it. */
  private reclaim(pv: PersistentVolume): void {
    const policy = pv.spec.persistentVolumeReclaimPolicy ?? 'Retain';
    if (policy !== 'Delete') return;
    const provisionedBy = pv.metadata.annotations?.[ANN_PROVISIONED_BY];
    if (provisionedBy && this.provisioner.handles(provisionedBy)) {
      this.provisioner.deleteVolume(pv);
      return;
    }
    // A statically made volume has nobody to delete it (no in-tree deleter in 1.32).
    this.recorder.event(
      pv,
      'Warning',
      'VolumeFailedDelete',
      provisionedBy ? `Waiting for a volume to be deleted by the external provisioner '${provisionedBy}'` : 'error getting deleter volume plugin for volume "' + (pv.metadata.name ?? '') + '": no deletable volume plugin matched',
    );
  }

  private defaultClass(): StorageClass | undefined {
    const defaults = this.classes.list().filter((c) => {
      const a = c.metadata.annotations ?? {};
      return a[ANN_DEFAULT_STORAGE_CLASS] === 'true' || a[ANN_BETA_DEFAULT_STORAGE_CLASS] === 'true';
    });
    // With several defaults the newest wins.
    return defaults.sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))[0];
  }

  dispose(): void {
    this.resync?.dispose();
    this.disposables.dispose();
  }
}
