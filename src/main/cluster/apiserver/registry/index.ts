/**
 * Every resource the API server serves, group by group: the core group first, then the named
 * groups alphabetically (the order `kubectl api-resources` prints). Within a group several versions
 * of one resource list the stored (preferred) version first. metrics.k8s.io is added by the lab,
 * since it is served from the kubelets' usage (metrics-server's job).
 */
import { admissionregistrationV1Resources } from './admissionregistration-v1.js';
import { apiServiceResource } from './apiregistration-v1.js';
import { appsV1Resources } from './apps-v1.js';
import { authenticationV1Resources } from './authentication-v1.js';
import { authorizationV1Resources } from './authorization-v1.js';
import { autoscalingResources } from './autoscaling.js';
import { batchV1Resources } from './batch-v1.js';
import { bindingResource } from './binding.js';
import { certificatesV1Resources } from './certificates-v1.js';
import { healthyComponentStatusResource } from './component-status.js';
import { coreV1Resources } from './core-v1.js';
import { coreV1PolicyResources } from './core-v1-policy.js';
import { coreV1StorageResources } from './core-v1-storage.js';
import { apiextensionsV1Resources } from './custom-resource-definition.js';
import { discoveryV1Resources } from './discovery-v1.js';
import { eventsV1Resources } from './events-v1.js';
import { flowcontrolV1Resources } from './flowcontrol-v1.js';
import { leaseResource } from './lease.js';
import { networkingV1Resources } from './networking-v1.js';
import { nodeV1Resources } from './node-v1.js';
import { podTemplateResource } from './pod-template-resource.js';
import { policyV1Resources } from './policy-v1.js';
import { rbacV1Resources } from './rbac-v1.js';
import { replicationControllerResource } from './replication-controller.js';
import type { ResourceDefinition } from './resource.js';
import { schedulingV1Resources } from './scheduling-v1.js';
import { storageV1Resources } from './storage-v1.js';
import { csiDriverResource, csiNodeResource, csiStorageCapacityResource, volumeAttachmentResource } from './storage-v1-csi.js';

export const builtinResources: readonly ResourceDefinition[] = [
  // The core group's resources in alphabetical order, as kube-apiserver's discovery lists them.
  ...[
    ...coreV1Resources,
    ...coreV1StorageResources,
    ...coreV1PolicyResources,
    bindingResource,
    healthyComponentStatusResource,
    podTemplateResource,
    replicationControllerResource,
  ].sort((a, b) => (a.plural < b.plural ? -1 : 1)),
  ...admissionregistrationV1Resources,
  ...apiextensionsV1Resources,
  apiServiceResource,
  ...appsV1Resources,
  ...authenticationV1Resources,
  ...authorizationV1Resources,
  ...autoscalingResources,
  ...batchV1Resources,
  ...certificatesV1Resources,
  leaseResource,
  ...discoveryV1Resources,
  ...eventsV1Resources,
  ...flowcontrolV1Resources,
  ...networkingV1Resources,
  ...nodeV1Resources,
  ...policyV1Resources,
  ...rbacV1Resources,
  ...schedulingV1Resources,
  // storage.k8s.io/v1 by plural: the CSI kinds around StorageClasses.
  ...[...storageV1Resources, csiDriverResource, csiNodeResource, csiStorageCapacityResource, volumeAttachmentResource].sort((a, b) => (a.plural < b.plural ? -1 : 1)),
];
