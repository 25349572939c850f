/** Group/version/resource triples the components use, like client-go's typed clients. */

export interface ResourceRef {
  group: string;
  version: string;
  resource: string;
}

export const NAMESPACES: ResourceRef = { group: '', version: 'v1', resource: 'namespaces' };
export const NODES: ResourceRef = { group: '', version: 'v1', resource: 'nodes' };
export const PODS: ResourceRef = { group: '', version: 'v1', resource: 'pods' };
export const EVENTS: ResourceRef = { group: '', version: 'v1', resource: 'events' };
export const LEASES: ResourceRef = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' };
export const SERVICES: ResourceRef = { group: '', version: 'v1', resource: 'services' };
export const ENDPOINTS: ResourceRef = { group: '', version: 'v1', resource: 'endpoints' };
export const CONFIG_MAPS: ResourceRef = { group: '', version: 'v1', resource: 'configmaps' };
export const SECRETS: ResourceRef = { group: '', version: 'v1', resource: 'secrets' };
export const SERVICE_ACCOUNTS: ResourceRef = { group: '', version: 'v1', resource: 'serviceaccounts' };
export const DEPLOYMENTS: ResourceRef = { group: 'apps', version: 'v1', resource: 'deployments' };
export const REPLICA_SETS: ResourceRef = { group: 'apps', version: 'v1', resource: 'replicasets' };
export const REPLICATION_CONTROLLERS: ResourceRef = { group: '', version: 'v1', resource: 'replicationcontrollers' };
export const STATEFUL_SETS: ResourceRef = { group: 'apps', version: 'v1', resource: 'statefulsets' };
export const DAEMON_SETS: ResourceRef = { group: 'apps', version: 'v1', resource: 'daemonsets' };
export const CONTROLLER_REVISIONS: ResourceRef = { group: 'apps', version: 'v1', resource: 'controllerrevisions' };
export const JOBS: ResourceRef = { group: 'batch', version: 'v1', resource: 'jobs' };
export const CRON_JOBS: ResourceRef = { group: 'batch', version: 'v1', resource: 'cronjobs' };
export const ROLES: ResourceRef = { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles' };
export const CLUSTER_ROLES: ResourceRef = { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles' };
export const ROLE_BINDINGS: ResourceRef = { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'rolebindings' };
export const CLUSTER_ROLE_BINDINGS: ResourceRef = { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings' };
export const PRIORITY_CLASSES: ResourceRef = { group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses' };
export const FLOW_SCHEMAS: ResourceRef = { group: 'flowcontrol.apiserver.k8s.io', version: 'v1', resource: 'flowschemas' };
export const PRIORITY_LEVEL_CONFIGURATIONS: ResourceRef = { group: 'flowcontrol.apiserver.k8s.io', version: 'v1', resource: 'prioritylevelconfigurations' };
export const API_SERVICES: ResourceRef = { group: 'apiregistration.k8s.io', version: 'v1', resource: 'apiservices' };
export const STORAGE_CLASSES: ResourceRef = { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' };
export const PERSISTENT_VOLUMES: ResourceRef = { group: '', version: 'v1', resource: 'persistentvolumes' };
export const PERSISTENT_VOLUME_CLAIMS: ResourceRef = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
export const INGRESSES: ResourceRef = { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses' };
export const INGRESS_CLASSES: ResourceRef = { group: 'networking.k8s.io', version: 'v1', resource: 'ingressclasses' };
export const NETWORK_POLICIES: ResourceRef = { group: 'networking.k8s.io', version: 'v1', resource: 'networkpolicies' };
export const POD_DISRUPTION_BUDGETS: ResourceRef = { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets' };
export const RESOURCE_QUOTAS: ResourceRef = { group: '', version: 'v1', resource: 'resourcequotas' };
export const LIMIT_RANGES: ResourceRef = { group: '', version: 'v1', resource: 'limitranges' };
export const EVENTS_V1: ResourceRef = { group: 'events.k8s.io', version: 'v1', resource: 'events' };
export const ENDPOINT_SLICES: ResourceRef = { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' };
export const HORIZONTAL_POD_AUTOSCALERS: ResourceRef = { group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers' };
export const HORIZONTAL_POD_AUTOSCALERS_V1: ResourceRef = { group: 'autoscaling', version: 'v1', resource: 'horizontalpodautoscalers' };
export const NODE_METRICS: ResourceRef = { group: 'metrics.k8s.io', version: 'v1beta1', resource: 'nodes' };
export const POD_METRICS: ResourceRef = { group: 'metrics.k8s.io', version: 'v1beta1', resource: 'pods' };
