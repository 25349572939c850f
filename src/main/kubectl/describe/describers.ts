/** kubectl's DescriberFor: the describer for each kind, and the generic one for every other kind. */
import type { Node, Pod } from '../../../shared/api/core.js';
import type { KubeObject } from '../../../shared/api/meta.js';
import { describeConfigMap, describeLimitRange, describeNamespace, describeResourceQuota, describeSecret, describeServiceAccount } from './describe-config.js';
import type { DescribeContext, Describer } from './describer.js';
import { describeGeneric } from './describe-generic.js';
import { describeEndpoints, describeIngress, describeNetworkPolicy, describeService } from './describe-networking.js';
import { describeNode } from './describe-node.js';
import { describePod } from './describe-pod.js';
import { describeHorizontalPodAutoscaler, describePodDisruptionBudget } from './describe-policy.js';
import { describeRole, describeRoleBinding } from './describe-rbac.js';
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass } from './describe-storage.js';
import { describeCronJob, describeDaemonSet, describeDeployment, describeJob, describeReplicaSet, describeStatefulSet } from './describe-workloads.js';

const DESCRIBERS: Record<string, Describer> = {
  Pod: (o, ctx) => describePod(o as Pod, ctx.client, ctx.now),
  Node: (o, ctx) => describeNode(o as Node, ctx.client, ctx.now),
  Deployment: describeDeployment,
  ReplicaSet: describeReplicaSet,
  DaemonSet: describeDaemonSet,
  StatefulSet: describeStatefulSet,
  Job: describeJob,
  CronJob: describeCronJob,
  Service: describeService,
  Endpoints: describeEndpoints,
  Ingress: describeIngress,
  NetworkPolicy: describeNetworkPolicy,
  Namespace: describeNamespace,
  ConfigMap: describeConfigMap,
  Secret: describeSecret,
  ServiceAccount: describeServiceAccount,
  ResourceQuota: describeResourceQuota,
  LimitRange: describeLimitRange,
  PersistentVolumeClaim: describePersistentVolumeClaim,
  PersistentVolume: describePersistentVolume,
  StorageClass: describeStorageClass,
  Role: describeRole,
  ClusterRole: describeRole,
  RoleBinding: describeRoleBinding,
  ClusterRoleBinding: describeRoleBinding,
  HorizontalPodAutoscaler: describeHorizontalPodAutoscaler,
  PodDisruptionBudget: describePodDisruptionBudget,
};

/** Describe one object with the describer its kind has (the generic one otherwise). */
export function describeObject(kind: string, object: KubeObject, ctx: DescribeContext): string {
  return (DESCRIBERS[kind] ?? describeGeneric)(object, ctx);
}
