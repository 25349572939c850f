/**
 * kube-controller-manager: starts every controller as its own client. With kubeadm's
 * `--use-service-account-credentials`, each controller writes as
 * `system:serviceaccount:kube-system:<controller>` (allowed by its `system:controller:*` role) while
 * its informers list and watch as `system:kube-controller-manager`. Stopping the manager stops them
 * all (its static Pod going away, later).
 *
 * To add a controller: one entry in CONTROLLERS, named after the service account it runs as.
 */
import { type Disposable, DisposableStore } from '../../../shared/lifecycle.js';
import type { Clock } from '../../base/clock.js';
import type { Random } from '../../base/random.js';
import type { ApiClient } from '../client/api-client.js';
import { ClusterRoleAggregationController } from './clusterrole-aggregation.js';
import { CronJobController } from './cronjob/cronjob-controller.js';
import { DaemonSetController } from './daemonset/daemonset-controller.js';
import { DeploymentController } from './deployment/deployment-controller.js';
import { DisruptionController } from './disruption.js';
import { EndpointsController } from './endpoints.js';
import { EndpointSliceController } from './endpointslice/endpointslice-controller.js';
import { EndpointSliceMirroringController } from './endpointslice/mirroring.js';
import { GarbageCollector } from './garbage-collector/garbage-collector.js';
import { HorizontalPodAutoscalerController } from './hpa/hpa-controller.js';
import { JobController } from './job/job-controller.js';
import { NamespaceController } from './namespace.js';
import { NodeIpamController } from './node-ipam.js';
import { NodeLifecycleController } from './node-lifecycle/node-lifecycle-controller.js';
import { TaintEvictionController } from './node-lifecycle/taint-eviction.js';
import { PersistentVolumeController } from './persistent-volume/pv-controller.js';
import { ReplicaSetController } from './replicaset.js';
import { createReplicationManager } from './replication-controller.js';
import { ResourceQuotaController } from './resource-quota.js';
import { PLACEHOLDER_ROOT_CA, RootCaPublisher } from './root-ca-publisher.js';
import { ServiceAccountController } from './service-account.js';
import { StatefulSetController } from './statefulset/statefulset-controller.js';
import { TtlAfterFinishedController } from './ttl-after-finished.js';

export interface ControllerManagerConfig {
  /** --cluster-cidr */
  clusterCIDR: string;
  /** The cluster CA (PEM) published as `kube-root-ca.crt` in every namespace; a placeholder when unset. */
  rootCA?: string;
}

export interface ControllerContext {
  /** A client that writes as the controller's service account and lists/watches as the manager. */
  client: ApiClient;
  clock: Clock;
  /** A seeded stream for this controller (generated names …). */
  random: Random;
  config: ControllerManagerConfig;
}

interface StartableController extends Disposable {
  start(): void;
}

interface ControllerSpec {
  /** The controller's service account in kube-system (`<name>` of `system:controller:<name>`). */
  serviceAccount: string;
  create(ctx: ControllerContext): StartableController;
}

const CONTROLLERS: readonly ControllerSpec[] = [
  { serviceAccount: 'node-controller', create: (ctx) => new NodeIpamController(ctx.client, ctx.clock, ctx.config.clusterCIDR) },
  { serviceAccount: 'clusterrole-aggregation-controller', create: (ctx) => new ClusterRoleAggregationController(ctx.client, ctx.clock) },
  { serviceAccount: 'service-account-controller', create: (ctx) => new ServiceAccountController(ctx.client, ctx.clock) },
  { serviceAccount: 'resourcequota-controller', create: (ctx) => new ResourceQuotaController(ctx.client, ctx.clock) },
  { serviceAccount: 'disruption-controller', create: (ctx) => new DisruptionController(ctx.client, ctx.clock) },
  { serviceAccount: 'persistent-volume-binder', create: (ctx) => new PersistentVolumeController(ctx.client, ctx.clock) },
  { serviceAccount: 'job-controller', create: (ctx) => new JobController(ctx.client, ctx.clock) },
  { serviceAccount: 'cronjob-controller', create: (ctx) => new CronJobController(ctx.client, ctx.clock) },
  { serviceAccount: 'ttl-after-finished-controller', create: (ctx) => new TtlAfterFinishedController(ctx.client, ctx.clock) },
  { serviceAccount: 'replicaset-controller', create: (ctx) => new ReplicaSetController(ctx.client, ctx.clock) },
  { serviceAccount: 'replication-controller', create: (ctx) => createReplicationManager(ctx.client, ctx.clock) },
  { serviceAccount: 'deployment-controller', create: (ctx) => new DeploymentController(ctx.client, ctx.clock) },
  { serviceAccount: 'generic-garbage-collector', create: (ctx) => new GarbageCollector(ctx.client, ctx.clock) },
  { serviceAccount: 'namespace-controller', create: (ctx) => new NamespaceController(ctx.client, ctx.clock) },
  { serviceAccount: 'root-ca-cert-publisher', create: (ctx) => new RootCaPublisher(ctx.client, ctx.clock, ctx.config.rootCA ?? PLACEHOLDER_ROOT_CA) },
  { serviceAccount: 'endpoint-controller', create: (ctx) => new EndpointsController(ctx.client, ctx.clock) },
  { serviceAccount: 'endpointslice-controller', create: (ctx) => new EndpointSliceController(ctx.client, ctx.clock) },
  { serviceAccount: 'endpointslicemirroring-controller', create: (ctx) => new EndpointSliceMirroringController(ctx.client, ctx.clock) },
  // node-lifecycle runs as node-controller too, beside node IPAM; so does taint-eviction-controller,
  // which kube-controller-manager gives node-controller's client (it has no role of its own).
  { serviceAccount: 'node-controller', create: (ctx) => new NodeLifecycleController(ctx.client, ctx.clock) },
  { serviceAccount: 'node-controller', create: (ctx) => new TaintEvictionController(ctx.client, ctx.clock) },
  { serviceAccount: 'daemon-set-controller', create: (ctx) => new DaemonSetController(ctx.client, ctx.clock) },
  { serviceAccount: 'statefulset-controller', create: (ctx) => new StatefulSetController(ctx.client, ctx.clock) },
  { serviceAccount: 'horizontal-pod-autoscaler', create: (ctx) => new HorizontalPodAutoscalerController(ctx.client, ctx.clock) },
];

export interface ControllerManagerOptions {
  /** A client for a user (controllers' service accounts, the manager's own identity). */
  clientFor(user: 'manager' | { serviceAccount: string }): ApiClient;
  clock: Clock;
  random: Random;
  config: ControllerManagerConfig;
}

export class ControllerManager implements Disposable {
  private running: DisposableStore | undefined;

  constructor(private readonly options: ControllerManagerOptions) {}

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /** Start every controller (a no-op when running). */
  start(): void {
    if (this.running) return;
    const running = (this.running = new DisposableStore());
    const informers = this.options.clientFor('manager');
    for (const spec of CONTROLLERS) {
      const client = this.options.clientFor({ serviceAccount: spec.serviceAccount }).withSharedInformers(informers);
      const controller = running.add(spec.create({ client, clock: this.options.clock, random: this.options.random.fork(spec.serviceAccount), config: this.options.config }));
      controller.start();
    }
  }

  /** Stop every controller; what they wrote stays. */
  stop(): void {
    this.running?.dispose();
    this.running = undefined;
  }

  dispose(): void {
    this.stop();
  }
}
