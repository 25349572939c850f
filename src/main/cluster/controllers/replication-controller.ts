/**
 * kube-controller-manager's `replicationcontroller` controller (the ReplicationManager): the
 * ReplicaSet controller's own code run on ReplicationControllers — Pods owned by `v1`
 * ReplicationController, the map selector read as `matchLabels`, events from
 * `replication-controller`.
 */
import type { ReplicaSet } from '../../../shared/api/apps.js';
import type { ReplicationController } from '../../../shared/api/replication-controller.js';
import type { Clock } from '../../base/clock.js';
import type { ApiClient } from '../client/api-client.js';
import { REPLICATION_CONTROLLERS } from '../client/resources.js';
import { ReplicaSetController, type ReplicaSetFlavor } from './replicaset.js';

const REPLICATION_CONTROLLER_FLAVOR: ReplicaSetFlavor = {
  resource: REPLICATION_CONTROLLERS,
  apiVersion: 'v1',
  kind: 'ReplicationController',
  component: 'replication-controller',
  selector: (owner: ReplicaSet) => ({ matchLabels: { ...((owner as unknown as ReplicationController).spec.selector ?? {}) } }),
};

export function createReplicationManager(client: ApiClient, clock: Clock): ReplicaSetController {
  return new ReplicaSetController(client, clock, REPLICATION_CONTROLLER_FLAVOR);
}
