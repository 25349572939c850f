/** The annotations the PV controller, the scheduler and provisioners talk through (pkg/controller/volume/persistentvolume/util). */

/** On a claim: the controller finished binding it (set once, never removed). */
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
/** On a claim or volume: the controller (not the user) filled in volumeName / claimRef. */
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
/** On a claim: which provisioner is expected to make its volume. */
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
/** On a WaitForFirstConsumer claim: the node the scheduler picked for its first Pod. */
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
/** On a volume: the provisioner that made it (and deletes it with reclaimPolicy Delete). */
export const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
export const ANN_DEFAULT_STORAGE_CLASS = 'storageclass.kubernetes.io/is-default-class';
export const ANN_BETA_DEFAULT_STORAGE_CLASS = 'storageclass.beta.kubernetes.io/is-default-class';

/** The class that has no provisioner: claims only bind to pre-made volumes. */
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';
