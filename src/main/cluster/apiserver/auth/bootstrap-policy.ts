/**
 * The RBAC policy kube-apiserver 1.32 reconciles at start-up (plugin/pkg/auth/authorizer/rbac/
 * bootstrappolicy: policy.go, controller_policy.go, namespace_policy.go, as dumped in its testdata):
 * the ClusterRoles (cluster-admin, the aggregated admin/edit/view and the system:aggregate-to-*
 * roles that carry their rules, system:basic-user, system:node …), one `system:controller:<name>`
 * ClusterRole per kube-controller-manager controller bound to its service account, the
 * kube-system/kube-public Roles, and every binding. Each carries `kubernetes.io/bootstrapping:
 * rbac-defaults` and `rbac.authorization.kubernetes.io/autoupdate: "true"`.
 *
 * Rules are written compactly — verbs and resources as space-separated lists, in the sorted order
 * the policy builder stores them — and expanded into fresh objects on every call, so the lab can
 * create them through the API like any client.
 */
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, Subject } from '../../../../shared/api/rbac.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const API_VERSION = `${RBAC_GROUP}/v1`;
const BOOTSTRAP_LABELS = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const AUTOUPDATE = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };

const CORE = [''];
const EVENTS = ['', 'events.k8s.io'];
const APPS_EXT = ['apps', 'extensions'];
const ALL = ['*'];

const READ = 'get list watch';
const WRITE = 'create delete deletecollection patch update';
const READ_WRITE = 'create delete deletecollection get list patch update watch';

function words(list: string): string[] {
  return list.split(' ').filter(Boolean);
}

/** A resource rule: verbs, API groups, resources (`pods pods/log`) and optional resourceNames. */
function r(verbs: string, apiGroups: string[], resources: string, resourceNames?: string): PolicyRule {
  // rbacv1.PolicyRule's field order, as the API serializes it.
  return { verbs: words(verbs), apiGroups: [...apiGroups], resources: words(resources), ...(resourceNames ? { resourceNames: words(resourceNames) } : {}) };
}

/** A non-resource rule: verbs on URL paths (`/healthz/*`). */
function u(verbs: string, urls: string): PolicyRule {
  return { verbs: words(verbs), nonResourceURLs: words(urls) };
}

/** The events rule nearly every component carries (eventsRule() in the policy). */
const eventsRule = (): PolicyRule => r('create patch update', EVENTS, 'events');

interface ClusterRoleSpec {
  name: string;
  rules?: () => PolicyRule[];
  labels?: Record<string, string>;
  /** aggregationRule: the `rbac.authorization.k8s.io/aggregate-to-<x>` label it gathers. */
  aggregateFrom?: string;
}

const aggregateLabel = (to: string): Record<string, string> => ({ [`rbac.authorization.k8s.io/aggregate-to-${to}`]: 'true' });

const CLUSTER_ROLES: readonly ClusterRoleSpec[] = [
  { name: 'admin', aggregateFrom: 'admin' },
  { name: 'cluster-admin', rules: () => [r('*', ALL, '*'), u('*', '*')] },
  { name: 'edit', aggregateFrom: 'edit', labels: aggregateLabel('admin') },
  {
    name: 'system:aggregate-to-admin',
    labels: aggregateLabel('admin'),
    rules: () => [r('create', ['authorization.k8s.io'], 'localsubjectaccessreviews'), r(READ_WRITE, [RBAC_GROUP], 'rolebindings roles')],
  },
  {
    name: 'system:aggregate-to-edit',
    labels: aggregateLabel('edit'),
    rules: () => [
      r(READ, CORE, 'pods/attach pods/exec pods/portforward pods/proxy secrets services/proxy'),
      r('impersonate', CORE, 'serviceaccounts'),
      r(WRITE, CORE, 'pods pods/attach pods/exec pods/portforward pods/proxy'),
      r('create', CORE, 'pods/eviction'),
      r(WRITE, CORE, 'configmaps events persistentvolumeclaims replicationcontrollers replicationcontrollers/scale secrets serviceaccounts services services/proxy'),
      r('create', CORE, 'serviceaccounts/token'),
      r(WRITE, ['apps'], 'daemonsets deployments deployments/rollback deployments/scale replicasets replicasets/scale statefulsets statefulsets/scale'),
      r(WRITE, ['autoscaling'], 'horizontalpodautoscalers'),
      r(WRITE, ['batch'], 'cronjobs jobs'),
      r(
        WRITE,
        ['extensions'],
        'daemonsets deployments deployments/rollback deployments/scale ingresses networkpolicies replicasets replicasets/scale replicationcontrollers/scale',
      ),
      r(WRITE, ['policy'], 'poddisruptionbudgets'),
      r(WRITE, ['networking.k8s.io'], 'ingresses networkpolicies'),
      r(READ_WRITE, ['coordination.k8s.io'], 'leases'),
    ],
  },
  {
    name: 'system:aggregate-to-view',
    labels: aggregateLabel('view'),
    rules: () => [
      r(READ, CORE, 'configmaps endpoints persistentvolumeclaims persistentvolumeclaims/status pods replicationcontrollers replicationcontrollers/scale serviceaccounts services services/status'),
      r(READ, CORE, 'bindings events limitranges namespaces/status pods/log pods/status replicationcontrollers/status resourcequotas resourcequotas/status'),
      r(READ, CORE, 'namespaces'),
      r(READ, ['discovery.k8s.io'], 'endpointslices'),
      r(
        READ,
        ['apps'],
        'controllerrevisions daemonsets daemonsets/status deployments deployments/scale deployments/status replicasets replicasets/scale replicasets/status statefulsets statefulsets/scale statefulsets/status',
      ),
      r(READ, ['autoscaling'], 'horizontalpodautoscalers horizontalpodautoscalers/status'),
      r(READ, ['batch'], 'cronjobs cronjobs/status jobs jobs/status'),
      r(
        READ,
        ['extensions'],
        'daemonsets daemonsets/status deployments deployments/scale deployments/status ingresses ingresses/status networkpolicies replicasets replicasets/scale replicasets/status replicationcontrollers/scale',
      ),
      r(READ, ['policy'], 'poddisruptionbudgets poddisruptionbudgets/status'),
      r(READ, ['networking.k8s.io'], 'ingresses ingresses/status networkpolicies'),
    ],
  },
  { name: 'system:auth-delegator', rules: () => [r('create', ['authentication.k8s.io'], 'tokenreviews'), r('create', ['authorization.k8s.io'], 'subjectaccessreviews')] },
  {
    name: 'system:basic-user',
    rules: () => [r('create', ['authorization.k8s.io'], 'selfsubjectaccessreviews selfsubjectrulesreviews'), r('create', ['authentication.k8s.io'], 'selfsubjectreviews')],
  },
  { name: 'system:certificates.k8s.io:certificatesigningrequests:nodeclient', rules: () => [r('create', ['certificates.k8s.io'], 'certificatesigningrequests/nodeclient')] },
  { name: 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', rules: () => [r('create', ['certificates.k8s.io'], 'certificatesigningrequests/selfnodeclient')] },
  ...['kube-apiserver-client', 'kube-apiserver-client-kubelet', 'kubelet-serving', 'legacy-unknown'].map(
    (signer): ClusterRoleSpec => ({ name: `system:certificates.k8s.io:${signer}-approver`, rules: () => [r('approve', ['certificates.k8s.io'], 'signers', `kubernetes.io/${signer}`)] }),
  ),
  { name: 'system:discovery', rules: () => [u('get', '/api /api/* /apis /apis/* /healthz /livez /openapi /openapi/* /readyz /version /version/')] },
  { name: 'system:heapster', rules: () => [r(READ, CORE, 'events namespaces nodes pods'), r(READ, ['extensions'], 'deployments')] },
  { name: 'system:kube-aggregator', rules: () => [r(READ, CORE, 'endpoints services')] },
  {
    name: 'system:kube-controller-manager',
    rules: () => [
      eventsRule(),
      r('create', ['coordination.k8s.io'], 'leases'),
      r('get update', ['coordination.k8s.io'], 'leases', 'kube-controller-manager'),
      r('create', CORE, 'secrets serviceaccounts'),
      r('delete', CORE, 'secrets'),
      r('get', CORE, 'configmaps namespaces secrets serviceaccounts'),
      r('update', CORE, 'secrets serviceaccounts'),
      r('create', ['authentication.k8s.io'], 'tokenreviews'),
      r('create', ['authorization.k8s.io'], 'subjectaccessreviews'),
      r('list watch', ALL, '*'),
      r('create', CORE, 'serviceaccounts/token'),
    ],
  },
  { name: 'system:kube-dns', rules: () => [r('list watch', CORE, 'endpoints services')] },
  {
    name: 'system:kube-scheduler',
    rules: () => [
      eventsRule(),
      r('create', ['coordination.k8s.io'], 'leases'),
      r('get update', ['coordination.k8s.io'], 'leases', 'kube-scheduler'),
      r(READ, CORE, 'nodes'),
      r('delete get list watch', CORE, 'pods'),
      r('create', CORE, 'bindings pods/binding'),
      r('patch update', CORE, 'pods/status'),
      r(READ, CORE, 'replicationcontrollers services'),
      r(READ, APPS_EXT, 'replicasets'),
      r(READ, ['apps'], 'statefulsets'),
      r(READ, ['policy'], 'poddisruptionbudgets'),
      r(READ, CORE, 'persistentvolumeclaims persistentvolumes'),
      r('create', ['authentication.k8s.io'], 'tokenreviews'),
      r('create', ['authorization.k8s.io'], 'subjectaccessreviews'),
      r(READ, ['storage.k8s.io'], 'csinodes'),
      r(READ, CORE, 'namespaces'),
      r(READ, ['storage.k8s.io'], 'csidrivers'),
      r(READ, ['storage.k8s.io'], 'csistoragecapacities'),
    ],
  },
  { name: 'system:kubelet-api-admin', rules: () => [r(READ, CORE, 'nodes'), r('proxy', CORE, 'nodes'), r('*', CORE, 'nodes/log nodes/metrics nodes/proxy nodes/stats')] },
  { name: 'system:monitoring', rules: () => [u('get', '/healthz /healthz/* /livez /livez/* /metrics /metrics/slis /readyz /readyz/*')] },
  {
    name: 'system:node',
    rules: () => [
      r('create', ['authentication.k8s.io'], 'tokenreviews'),
      r('create', ['authorization.k8s.io'], 'localsubjectaccessreviews subjectaccessreviews'),
      r(READ, CORE, 'services'),
      r('create get list watch', CORE, 'nodes'),
      r('patch update', CORE, 'nodes/status'),
      r('patch update', CORE, 'nodes'),
      r('create patch update', CORE, 'events'),
      r(READ, CORE, 'pods'),
      r('create delete', CORE, 'pods'),
      r('patch update', CORE, 'pods/status'),
      r('create', CORE, 'pods/eviction'),
      r(READ, CORE, 'configmaps secrets'),
      r('get', CORE, 'persistentvolumeclaims persistentvolumes'),
      r('get', CORE, 'endpoints'),
      r('create get list watch', ['certificates.k8s.io'], 'certificatesigningrequests'),
      r('create delete get patch update', ['coordination.k8s.io'], 'leases'),
      r('get', ['storage.k8s.io'], 'volumeattachments'),
      r('create', CORE, 'serviceaccounts/token'),
      r('get patch update', CORE, 'persistentvolumeclaims/status'),
      r(READ, ['storage.k8s.io'], 'csidrivers'),
      r('create delete get patch update', ['storage.k8s.io'], 'csinodes'),
      r(READ, ['node.k8s.io'], 'runtimeclasses'),
    ],
  },
  { name: 'system:node-bootstrapper', rules: () => [r('create get list watch', ['certificates.k8s.io'], 'certificatesigningrequests')] },
  { name: 'system:node-problem-detector', rules: () => [r('get', CORE, 'nodes'), r('patch', CORE, 'nodes/status'), eventsRule()] },
  {
    name: 'system:node-proxier',
    rules: () => [r('list watch', CORE, 'endpoints services'), r(READ, CORE, 'nodes'), eventsRule(), r('list watch', ['discovery.k8s.io'], 'endpointslices')],
  },
  {
    name: 'system:persistent-volume-provisioner',
    rules: () => [
      r('create delete get list watch', CORE, 'persistentvolumes'),
      r('get list update watch', CORE, 'persistentvolumeclaims'),
      r(READ, ['storage.k8s.io'], 'storageclasses'),
      r('watch', CORE, 'events'),
      eventsRule(),
    ],
  },
  { name: 'system:public-info-viewer', rules: () => [u('get', '/healthz /livez /readyz /version /version/')] },
  { name: 'system:service-account-issuer-discovery', rules: () => [u('get', '/.well-known/openid-configuration /openid/v1/jwks')] },
  {
    name: 'system:volume-scheduler',
    rules: () => [r('get list patch update watch', CORE, 'persistentvolumes'), r(READ, ['storage.k8s.io'], 'storageclasses'), r('get list patch update watch', CORE, 'persistentvolumeclaims')],
  },
  { name: 'view', aggregateFrom: 'view', labels: aggregateLabel('edit') },
];

/**
 * kube-controller-manager's controllers, each a `system:controller:<name>` ClusterRole bound to
 * the `<name>` service account in kube-system (used with --use-service-account-credentials, which
 * kubeadm sets). Controllers behind feature gates that are off by default in 1.32 are left out.
 */
const CONTROLLER_ROLES: ReadonlyArray<[string, () => PolicyRule[]]> = [
  [
    'attachdetach-controller',
    () => [
      r('list watch', CORE, 'persistentvolumeclaims persistentvolumes'),
      r(READ, CORE, 'nodes'),
      r('patch update', CORE, 'nodes/status'),
      r('list watch', CORE, 'pods'),
      eventsRule(),
      r('create delete get list watch', ['storage.k8s.io'], 'volumeattachments'),
      r(READ, ['storage.k8s.io'], 'csidrivers'),
      r(READ, ['storage.k8s.io'], 'csinodes'),
    ],
  ],
  [
    'certificate-controller',
    () => [
      r('delete get list watch', ['certificates.k8s.io'], 'certificatesigningrequests'),
      r('update', ['certificates.k8s.io'], 'certificatesigningrequests/approval certificatesigningrequests/status'),
      r('approve', ['certificates.k8s.io'], 'signers', 'kubernetes.io/kube-apiserver-client-kubelet'),
      r(
        'sign',
        ['certificates.k8s.io'],
        'signers',
        'kubernetes.io/kube-apiserver-client kubernetes.io/kube-apiserver-client-kubelet kubernetes.io/kubelet-serving kubernetes.io/legacy-unknown',
      ),
      r('create', ['authorization.k8s.io'], 'subjectaccessreviews'),
      eventsRule(),
    ],
  ],
  ['clusterrole-aggregation-controller', () => [r('escalate get list patch update watch', [RBAC_GROUP], 'clusterroles')]],
  [
    'cronjob-controller',
    () => [
      r('get list update watch', ['batch'], 'cronjobs'),
      r('create delete get list patch update watch', ['batch'], 'jobs'),
      r('update', ['batch'], 'cronjobs/status'),
      r('update', ['batch'], 'cronjobs/finalizers'),
      r('delete list watch', CORE, 'pods'),
      eventsRule(),
    ],
  ],
  [
    'daemon-set-controller',
    () => [
      r(READ, APPS_EXT, 'daemonsets'),
      r('update', APPS_EXT, 'daemonsets/status'),
      r('update', APPS_EXT, 'daemonsets/finalizers'),
      r('list watch', CORE, 'nodes'),
      r('create delete list patch watch', CORE, 'pods'),
      r('create', CORE, 'pods/binding'),
      r('create delete get list patch update watch', ['apps'], 'controllerrevisions'),
      eventsRule(),
    ],
  ],
  [
    'deployment-controller',
    () => [
      r('get list update watch', APPS_EXT, 'deployments'),
      r('update', APPS_EXT, 'deployments/status'),
      r('update', APPS_EXT, 'deployments/finalizers'),
      r('create delete get list patch update watch', APPS_EXT, 'replicasets'),
      r('get list update watch', CORE, 'pods'),
      eventsRule(),
    ],
  ],
  [
    'disruption-controller',
    () => [
      r(READ, APPS_EXT, 'deployments'),
      r(READ, APPS_EXT, 'replicasets'),
      r(READ, CORE, 'replicationcontrollers'),
      r(READ, ['policy'], 'poddisruptionbudgets'),
      r(READ, ['apps'], 'statefulsets'),
      r('update', ['policy'], 'poddisruptionbudgets/status'),
      r('patch update', CORE, 'pods/status'),
      r('get', ALL, '*/scale'),
      eventsRule(),
    ],
  ],
  [
    'endpoint-controller',
    () => [r(READ, CORE, 'pods services'), r('create delete get list update watch', CORE, 'endpoints'), r('create', CORE, 'endpoints/restricted'), eventsRule()],
  ],
  [
    'endpointslice-controller',
    () => [
      r(READ, CORE, 'nodes pods services'),
      r('update', CORE, 'services/finalizers'),
      r('create delete get list update watch', ['discovery.k8s.io'], 'endpointslices'),
      eventsRule(),
    ],
  ],
  [
    'endpointslicemirroring-controller',
    () => [
      r(READ, CORE, 'endpoints services'),
      r('update', CORE, 'services/finalizers'),
      r('update', CORE, 'endpoints/finalizers'),
      r('create delete get list update watch', ['discovery.k8s.io'], 'endpointslices'),
      eventsRule(),
    ],
  ],
  [
    'ephemeral-volume-controller',
    () => [r(READ, CORE, 'pods'), r('update', CORE, 'pods/finalizers'), r('create get list watch', CORE, 'persistentvolumeclaims'), eventsRule()],
  ],
  [
    'expand-controller',
    () => [
      r('get list patch update watch', CORE, 'persistentvolumes'),
      r('patch update', CORE, 'persistentvolumeclaims/status'),
      r(READ, CORE, 'persistentvolumeclaims'),
      eventsRule(),
    ],
  ],
  ['generic-garbage-collector', () => [r('delete get list patch update watch', ALL, '*'), eventsRule()]],
  [
    'horizontal-pod-autoscaler',
    () => [
      r(READ, ['autoscaling'], 'horizontalpodautoscalers'),
      r('update', ['autoscaling'], 'horizontalpodautoscalers/status'),
      r('get update', ALL, '*/scale'),
      r('list watch', CORE, 'pods'),
      r('list watch', ['metrics.k8s.io'], 'pods'),
      r(READ, ['custom.metrics.k8s.io'], '*'),
      r(READ, ['external.metrics.k8s.io'], '*'),
      eventsRule(),
    ],
  ],
  [
    'job-controller',
    () => [
      r('get list patch update watch', ['batch'], 'jobs'),
      r('update', ['batch'], 'jobs/status'),
      r('update', ['batch'], 'jobs/finalizers'),
      r('create delete list patch watch', CORE, 'pods'),
      eventsRule(),
    ],
  ],
  [
    'legacy-service-account-token-cleaner',
    () => [r('get', CORE, 'configmaps', 'kube-apiserver-legacy-service-account-token-tracking'), r('delete patch', CORE, 'secrets')],
  ],
  [
    'namespace-controller',
    () => [r('delete get list watch', CORE, 'namespaces'), r('update', CORE, 'namespaces/finalize namespaces/status'), r('delete deletecollection get list watch', ALL, '*')],
  ],
  [
    'node-controller',
    () => [
      r('delete get list patch update watch', CORE, 'nodes'),
      r('patch update', CORE, 'nodes/status'),
      r('patch update', CORE, 'pods/status'),
      r('delete get list watch', CORE, 'pods'),
      eventsRule(),
    ],
  ],
  [
    'persistent-volume-binder',
    () => [
      r('create delete get list update watch', CORE, 'persistentvolumes'),
      r('update', CORE, 'persistentvolumes/status'),
      r('get list update watch', CORE, 'persistentvolumeclaims'),
      r('update', CORE, 'persistentvolumeclaims/status'),
      r('create delete get list watch', CORE, 'pods'),
      r(READ, ['storage.k8s.io'], 'storageclasses'),
      r('list watch', CORE, 'nodes'),
      eventsRule(),
      r('watch', CORE, 'events'),
    ],
  ],
  ['pod-garbage-collector', () => [r('delete list watch', CORE, 'pods'), r(READ, CORE, 'nodes'), r('patch', CORE, 'pods/status')]],
  ['pv-protection-controller', () => [r('get list update watch', CORE, 'persistentvolumes'), eventsRule()]],
  [
    'pvc-protection-controller',
    () => [r('get list update watch', CORE, 'persistentvolumeclaims'), r('update', CORE, 'persistentvolumeclaims/status'), r(READ, CORE, 'pods'), eventsRule()],
  ],
  [
    'replicaset-controller',
    () => [
      r('get list update watch', APPS_EXT, 'replicasets'),
      r('update', APPS_EXT, 'replicasets/status'),
      r('update', APPS_EXT, 'replicasets/finalizers'),
      r('create delete list patch watch', CORE, 'pods'),
      eventsRule(),
    ],
  ],
  [
    'replication-controller',
    () => [
      r('get list update watch', CORE, 'replicationcontrollers'),
      r('update', CORE, 'replicationcontrollers/status'),
      r('update', CORE, 'replicationcontrollers/finalizers'),
      r('create delete list patch watch', CORE, 'pods'),
      eventsRule(),
    ],
  ],
  ['resourcequota-controller', () => [r('list watch', ALL, '*'), r('update', CORE, 'resourcequotas/status'), eventsRule()]],
  ['root-ca-cert-publisher', () => [r('create update', CORE, 'configmaps'), eventsRule()]],
  ['route-controller', () => [r('list watch', CORE, 'nodes'), r('patch', CORE, 'nodes/status'), eventsRule()]],
  ['service-account-controller', () => [r('create', CORE, 'serviceaccounts'), eventsRule()]],
  ['service-controller', () => [r(READ, CORE, 'services'), r('patch update', CORE, 'services/status'), r('list watch', CORE, 'nodes'), eventsRule()]],
  [
    'statefulset-controller',
    () => [
      r('list watch', CORE, 'pods'),
      r(READ, ['apps'], 'statefulsets'),
      r('update', ['apps'], 'statefulsets/status'),
      r('update', ['apps'], 'statefulsets/finalizers'),
      r('create delete get patch update', CORE, 'pods'),
      r('create delete get list patch update watch', ['apps'], 'controllerrevisions'),
      r('create get list watch', CORE, 'persistentvolumeclaims'),
      r('delete update', CORE, 'persistentvolumeclaims'),
      r('update', CORE, 'pods/finalizers'),
      eventsRule(),
    ],
  ],
  ['ttl-after-finished-controller', () => [r('delete get list watch', ['batch'], 'jobs'), eventsRule()]],
  ['ttl-controller', () => [r('list patch update watch', CORE, 'nodes'), eventsRule()]],
  [
    'validatingadmissionpolicy-status-controller',
    () => [
      r(READ, ['admissionregistration.k8s.io'], 'validatingadmissionpolicies'),
      r('get patch update', ['admissionregistration.k8s.io'], 'validatingadmissionpolicies/status'),
      eventsRule(),
    ],
  ],
];

type SubjectSpec = `User:${string}` | `Group:${string}` | `ServiceAccount:${string}/${string}`;

/** `User:jane`, `Group:system:nodes`, `ServiceAccount:kube-system/kube-dns` as an rbac Subject. */
export function subject(spec: SubjectSpec): Subject {
  const colon = spec.indexOf(':');
  const kind = spec.slice(0, colon);
  const rest = spec.slice(colon + 1);
  if (kind === 'ServiceAccount') {
    const [namespace = '', name = ''] = rest.split('/');
    return { kind, name, namespace };
  }
  return { apiGroup: RBAC_GROUP, kind, name: rest };
}

/** The ClusterRoleBindings of policy.go (system:node has no subjects: the Node authorizer serves nodes). */
const CLUSTER_ROLE_BINDINGS: ReadonlyArray<[string, SubjectSpec[]]> = [
  ['cluster-admin', ['Group:system:masters']],
  ['system:basic-user', ['Group:system:authenticated']],
  ['system:discovery', ['Group:system:authenticated']],
  ['system:kube-controller-manager', ['User:system:kube-controller-manager']],
  ['system:kube-dns', ['ServiceAccount:kube-system/kube-dns']],
  ['system:kube-scheduler', ['User:system:kube-scheduler']],
  ['system:monitoring', ['Group:system:monitoring']],
  ['system:node', []],
  ['system:node-proxier', ['User:system:kube-proxy']],
  ['system:public-info-viewer', ['Group:system:authenticated', 'Group:system:unauthenticated']],
  ['system:service-account-issuer-discovery', ['Group:system:serviceaccounts']],
  ['system:volume-scheduler', ['User:system:kube-scheduler']],
];

const LEADER_LOCKING = (): PolicyRule[] => [r('create get list update watch', ['coordination.k8s.io'], 'leases'), r('create get list update watch', ['coordination.k8s.io'], 'leasecandidates')];

/** namespace_policy.go: Roles by namespace. */
const NAMESPACE_ROLES: ReadonlyArray<[string, string, () => PolicyRule[]]> = [
  ['kube-public', 'system:controller:bootstrap-signer', () => [r(READ, CORE, 'configmaps'), r('update', CORE, 'configmaps', 'cluster-info'), eventsRule()]],
  ['kube-system', 'extension-apiserver-authentication-reader', () => [r(READ, CORE, 'configmaps', 'extension-apiserver-authentication')]],
  ['kube-system', 'system::leader-locking-kube-controller-manager', LEADER_LOCKING],
  ['kube-system', 'system::leader-locking-kube-scheduler', LEADER_LOCKING],
  ['kube-system', 'system:controller:bootstrap-signer', () => [r(READ, CORE, 'secrets')]],
  ['kube-system', 'system:controller:cloud-provider', () => [r('create get list watch', CORE, 'configmaps')]],
  ['kube-system', 'system:controller:token-cleaner', () => [r('delete get list watch', CORE, 'secrets'), eventsRule()]],
];

/** namespace_policy.go: RoleBindings by namespace (name, Role, subjects). */
const NAMESPACE_ROLE_BINDINGS: ReadonlyArray<[string, string, string, SubjectSpec[]]> = [
  ['kube-public', 'system:controller:bootstrap-signer', 'system:controller:bootstrap-signer', ['ServiceAccount:kube-system/bootstrap-signer']],
  ['kube-system', 'system::extension-apiserver-authentication-reader', 'extension-apiserver-authentication-reader', ['User:system:kube-controller-manager', 'User:system:kube-scheduler']],
  [
    'kube-system',
    'system::leader-locking-kube-controller-manager',
    'system::leader-locking-kube-controller-manager',
    ['User:system:kube-controller-manager', 'ServiceAccount:kube-system/kube-controller-manager', 'ServiceAccount:kube-system/leader-election-controller'],
  ],
  ['kube-system', 'system::leader-locking-kube-scheduler', 'system::leader-locking-kube-scheduler', ['User:system:kube-scheduler', 'ServiceAccount:kube-system/kube-scheduler']],
  ['kube-system', 'system:controller:bootstrap-signer', 'system:controller:bootstrap-signer', ['ServiceAccount:kube-system/bootstrap-signer']],
  ['kube-system', 'system:controller:cloud-provider', 'system:controller:cloud-provider', ['ServiceAccount:kube-system/cloud-provider']],
  ['kube-system', 'system:controller:token-cleaner', 'system:controller:token-cleaner', ['ServiceAccount:kube-system/token-cleaner']],
];

function bootstrapMeta(name: string, namespace?: string, labels?: Record<string, string>): ClusterRole['metadata'] {
  return { name, ...(namespace ? { namespace } : {}), labels: { ...BOOTSTRAP_LABELS, ...labels }, annotations: { ...AUTOUPDATE } };
}

function clusterRole(spec: ClusterRoleSpec): ClusterRole {
  return {
    apiVersion: API_VERSION,
    kind: 'ClusterRole',
    metadata: bootstrapMeta(spec.name, undefined, spec.labels),
    ...(spec.aggregateFrom ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: aggregateLabel(spec.aggregateFrom) }] } } : {}),
    ...(spec.rules ? { rules: spec.rules() } : {}),
  };
}

function binding(kind: 'ClusterRoleBinding' | 'RoleBinding', name: string, roleKind: 'ClusterRole' | 'Role', roleName: string, subjects: SubjectSpec[], namespace?: string): RoleBinding {
  return {
    apiVersion: API_VERSION,
    kind,
    metadata: bootstrapMeta(name, namespace),
    roleRef: { apiGroup: RBAC_GROUP, kind: roleKind, name: roleName },
    ...(subjects.length > 0 ? { subjects: subjects.map(subject) } : {}),
  };
}

/** ClusterRoles(): the cluster-wide roles, aggregated ones without rules (the aggregation controller fills them). */
export function bootstrapClusterRoles(): ClusterRole[] {
  return CLUSTER_ROLES.map(clusterRole);
}

/** ControllerRoles(): one `system:controller:<name>` ClusterRole per controller. */
export function bootstrapControllerRoles(): ClusterRole[] {
  return CONTROLLER_ROLES.map(([name, rules]) => clusterRole({ name: `system:controller:${name}`, rules }));
}

export function bootstrapClusterRoleBindings(): ClusterRoleBinding[] {
  return CLUSTER_ROLE_BINDINGS.map(([name, subjects]) => binding('ClusterRoleBinding', name, 'ClusterRole', name, subjects));
}

/** ControllerRoleBindings(): `system:controller:<name>` to the `<name>` service account in kube-system. */
export function bootstrapControllerRoleBindings(): ClusterRoleBinding[] {
  return CONTROLLER_ROLES.map(([name]) => binding('ClusterRoleBinding', `system:controller:${name}`, 'ClusterRole', `system:controller:${name}`, [`ServiceAccount:kube-system/${name}`]));
}

export function bootstrapRoles(): Role[] {
  return NAMESPACE_ROLES.map(([namespace, name, rules]): Role => ({ apiVersion: API_VERSION, kind: 'Role', metadata: bootstrapMeta(name, namespace), rules: rules() }));
}

export function bootstrapRoleBindings(): RoleBinding[] {
  return NAMESPACE_ROLE_BINDINGS.map(([namespace, name, role, subjects]) => binding('RoleBinding', name, 'Role', role, subjects, namespace));
}

export interface RbacPolicy {
  clusterRoles: ClusterRole[];
  clusterRoleBindings: ClusterRoleBinding[];
  roles: Role[];
  roleBindings: RoleBinding[];
}

/** Everything kube-apiserver's rbac/bootstrap-roles post-start hook ensures exists. */
export function bootstrapPolicy(): RbacPolicy {
  return {
    clusterRoles: [...bootstrapClusterRoles(), ...bootstrapControllerRoles()],
    clusterRoleBindings: [...bootstrapClusterRoleBindings(), ...bootstrapControllerRoleBindings()],
    roles: bootstrapRoles(),
    roleBindings: bootstrapRoleBindings(),
  };
}
