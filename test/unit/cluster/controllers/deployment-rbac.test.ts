/**
 * The ReplicaSet and deployment controllers under kube-apiserver's RBAC, as kube-controller-manager
 * runs them with --use-service-account-credentials: every write they make (Pods created, adopted,
 * released and deleted; ReplicaSets created, scaled, adopted; both statuses; Events) is allowed by
 * the 1.32 bootstrap roles system:controller:replicaset-controller / deployment-controller.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../../../../src/shared/api/apps.js';
import type { Pod } from '../../../../src/shared/api/core.js';
import { bootstrapPolicy } from '../../../../src/main/cluster/apiserver/auth/bootstrap-policy.js';
import { KUBE_CONTROLLER_MANAGER, serviceAccountUser } from '../../../../src/main/cluster/apiserver/auth/user.js';
import { CLUSTER_ROLES, CLUSTER_ROLE_BINDINGS, DEPLOYMENTS, PODS, REPLICA_SETS } from '../../../../src/main/cluster/client/resources.js';
import { DeploymentController } from '../../../../src/main/cluster/controllers/deployment/deployment-controller.js';
import { ReplicaSetController } from '../../../../src/main/cluster/controllers/replicaset.js';
import { type TestCluster, expectOk, podManifest } from '../../helpers/cluster.js';
import { deploymentManifest, replicaSetManifest } from '../../helpers/workloads.js';
import { rbacCluster } from '../apiserver/auth/rbac-cluster.js';

let cluster: TestCluster;

beforeEach(() => {
  cluster = rbacCluster();
  const admin = cluster.client();
  const policy = bootstrapPolicy();
  for (const role of policy.clusterRoles) expectOk(admin.create(CLUSTER_ROLES, undefined, role));
  for (const binding of policy.clusterRoleBindings) expectOk(admin.create(CLUSTER_ROLE_BINDINGS, undefined, binding));
  cluster.settle();
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

it('adopts, releases, creates, scales, rolls out and deletes with only the bootstrap roles (no 403 anywhere)', () => {
  const informers = cluster.client('kube-controller-manager', KUBE_CONTROLLER_MANAGER);
  const as = (sa: string) => cluster.client('kube-controller-manager', serviceAccountUser('kube-system', sa)).withSharedInformers(informers);
  const forbidden: string[] = [];
  cluster.disposables.add(
    cluster.tracer.onDidTrace((event) => {
      if (event.code === 403) forbidden.push(`${event.user ?? ''} ${event.verb} ${event.resource ?? ''}/${event.subresource ?? ''}`);
    }),
  );
  // An orphan a bare ReplicaSet adopts (a patch: the role has no pods/update), later released.
  expectOk(cluster.client().create(PODS, 'default', podManifest('stray', { labels: { app: 'bare' } })));
  cluster.disposables.add(new ReplicaSetController(as('replicaset-controller'), cluster.clock)).start();
  cluster.disposables.add(new DeploymentController(as('deployment-controller'), cluster.clock)).start();
  expectOk(cluster.client().create(REPLICA_SETS, 'default', replicaSetManifest('bare', { replicas: 1 })));
  expectOk(cluster.client().create(DEPLOYMENTS, 'default', deploymentManifest('web', { replicas: 2 })));
  cluster.settle();
  expect(expectOk(cluster.client().get<Pod>(PODS, 'default', 'stray')).metadata.ownerReferences?.[0]?.name).toBe('bare');
  const rs = expectOk(cluster.client().list<ReplicaSet>(REPLICA_SETS, 'default')).items.filter((r) => r.metadata.name !== 'bare');
  expect(rs).toHaveLength(1);
  expect(rs[0]!.status?.replicas).toBe(2);
  expect(expectOk(cluster.client().get<Deployment>(DEPLOYMENTS, 'default', 'web')).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
  expectOk(cluster.client().patch(PODS, 'default', 'stray', 'merge', { metadata: { labels: { app: 'debug' } } }));
  expectOk(cluster.client().patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { replicas: 1, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } } } }));
  cluster.settle();
  expect(expectOk(cluster.client().get<Pod>(PODS, 'default', 'stray')).metadata.ownerReferences ?? []).toEqual([]);
  const web = expectOk(cluster.client().list<Pod>(PODS, 'default')).items.filter((p) => p.metadata.labels?.app === 'web');
  expect(web.map((p) => p.spec.containers[0]!.image)).toContain('nginx:1.26');
  expect(forbidden).toEqual([]);
});
