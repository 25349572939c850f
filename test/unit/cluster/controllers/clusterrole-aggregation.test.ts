/** The clusterrole-aggregation controller against the in-memory API server. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClusterRole, PolicyRule } from '../../../../src/shared/api/rbac.js';
import { ClusterRoleAggregationController, aggregatedRules } from '../../../../src/main/cluster/controllers/clusterrole-aggregation.js';
import { CLUSTER_ROLES } from '../../../../src/main/cluster/client/resources.js';
import { type TestCluster, expectOk, makeCluster } from '../../helpers/cluster.js';

let cluster: TestCluster;

beforeEach(() => {
  cluster = makeCluster();
});

afterEach(() => {
  expect(cluster.taskErrors).toEqual([]);
  cluster.dispose();
});

const RBAC = 'rbac.authorization.k8s.io/v1';
const GET_PODS: PolicyRule = { verbs: ['get'], apiGroups: [''], resources: ['pods'] };
const LIST_PODS: PolicyRule = { verbs: ['list'], apiGroups: [''], resources: ['pods'] };
const GET_DEPLOYMENTS: PolicyRule = { verbs: ['get'], apiGroups: ['apps'], resources: ['deployments'] };

function role(name: string, labels: Record<string, string>, rules?: PolicyRule[], aggregateFrom?: string): ClusterRole {
  return {
    apiVersion: RBAC,
    kind: 'ClusterRole',
    metadata: { name, labels },
    ...(rules ? { rules } : {}),
    ...(aggregateFrom ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [aggregateFrom]: 'true' } }] } } : {}),
  };
}

function create(obj: ClusterRole): void {
  expectOk(cluster.client().create(CLUSTER_ROLES, undefined, obj));
}

function rulesOf(name: string): PolicyRule[] | undefined {
  return expectOk(cluster.client().get<ClusterRole>(CLUSTER_ROLES, undefined, name)).rules;
}

function start(): ClusterRoleAggregationController {
  const controller = cluster.disposables.add(new ClusterRoleAggregationController(cluster.client('kube-controller-manager'), cluster.clock));
  controller.start();
  cluster.settle();
  return controller;
}

describe('aggregatedRules', () => {
  it('unions matching roles by name order, each rule once, skipping the role itself', () => {
    const target = role('agg', { 'x/agg': 'true' }, [GET_DEPLOYMENTS], 'x/agg');
    const all = [target, role('b', { 'x/agg': 'true' }, [LIST_PODS, GET_PODS]), role('a', { 'x/agg': 'true' }, [GET_PODS]), role('c', {}, [GET_DEPLOYMENTS])];
    expect(aggregatedRules(target, all)).toEqual({ ok: true, rules: [GET_PODS, LIST_PODS] });
  });

  it('treats a missing list and an empty one as the same rule (equality.Semantic)', () => {
    const target = role('agg', {}, undefined, 'x/agg');
    const all = [role('a', { 'x/agg': 'true' }, [{ ...GET_PODS, resourceNames: [] }]), role('b', { 'x/agg': 'true' }, [GET_PODS])];
    expect(aggregatedRules(target, all)).toEqual({ ok: true, rules: [{ ...GET_PODS, resourceNames: [] }] });
  });
});

describe('ClusterRoleAggregationController', () => {
  it('fills an aggregated role from the roles its selector matches and follows changes', () => {
    create(role('monitoring', {}, undefined, 'example.com/aggregate-to-monitoring'));
    create(role('pods', { 'example.com/aggregate-to-monitoring': 'true' }, [GET_PODS]));
    start();
    expect(rulesOf('monitoring')).toEqual([GET_PODS]);
    create(role('deployments', { 'example.com/aggregate-to-monitoring': 'true' }, [GET_DEPLOYMENTS]));
    cluster.settle();
    expect(rulesOf('monitoring')).toEqual([GET_DEPLOYMENTS, GET_PODS]);
    expectOk(cluster.client().delete(CLUSTER_ROLES, undefined, 'deployments'));
    cluster.settle();
    expect(rulesOf('monitoring')).toEqual([GET_PODS]);
  });

  it('writes the rules by server-side apply as field manager clusterrole-aggregation-controller', () => {
    create(role('monitoring', {}, undefined, 'example.com/aggregate-to-monitoring'));
    create(role('pods', { 'example.com/aggregate-to-monitoring': 'true' }, [GET_PODS]));
    start();
    const managed = expectOk(cluster.client().get<ClusterRole>(CLUSTER_ROLES, undefined, 'monitoring')).metadata.managedFields ?? [];
    expect(managed.map((entry) => [entry.manager, entry.operation])).toContainEqual(['clusterrole-aggregation-controller', 'Apply']);
  });

  it('empties the rules when nothing matches any more', () => {
    create(role('monitoring', {}, undefined, 'example.com/aggregate-to-monitoring'));
    create(role('pods', { 'example.com/aggregate-to-monitoring': 'true' }, [GET_PODS]));
    start();
    expectOk(cluster.client().delete(CLUSTER_ROLES, undefined, 'pods'));
    cluster.settle();
    expect(rulesOf('monitoring') ?? []).toEqual([]);
  });

  it('makes zero writes on a second pass (a restarted controller)', () => {
    create(role('monitoring', {}, undefined, 'example.com/aggregate-to-monitoring'));
    create(role('pods', { 'example.com/aggregate-to-monitoring': 'true' }, [GET_PODS, LIST_PODS]));
    const first = start();
    const revision = cluster.revision();
    first.dispose();
    start();
    expect(cluster.revision()).toBe(revision);
  });
});
