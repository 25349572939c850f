/**
 * kube-apiserver 1.32's API Priority and Fairness configuration, created at start-up by its
 * `apf-bootstrap` post-start hook: the mandatory (exempt, catch-all) and suggested priority levels
 * and flow schemas, each annotated `apf.kubernetes.io/autoupdate-spec: "true"`, and the Dangling
 * condition the APF controller then writes on every FlowSchema.
 */
import type { FlowSchema, PriorityLevelConfiguration } from './flowcontrol-v1.js';

const API_VERSION = 'flowcontrol.apiserver.k8s.io/v1';
const AUTO_UPDATE = { 'apf.kubernetes.io/autoupdate-spec': 'true' };

type Subject =
  | { kind: 'Group'; group: { name: string } }
  | { kind: 'User'; user: { name: string } }
  | { kind: 'ServiceAccount'; serviceAccount: { name: string; namespace: string } };

const group = (name: string): Subject => ({ kind: 'Group', group: { name } });
const user = (name: string): Subject => ({ kind: 'User', user: { name } });
const kubeSystemServiceAccount = (name: string): Subject => ({ kind: 'ServiceAccount', serviceAccount: { name, namespace: 'kube-system' } });

interface ResourceRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  clusterScope?: boolean;
  namespaces: string[];
}

const resourceRule = (verbs: string[], apiGroups: string[], resources: string[], namespaces: string[], clusterScope: boolean): ResourceRule => ({
  verbs,
  apiGroups,
  resources,
  ...(clusterScope ? { clusterScope } : {}),
  namespaces,
});

/** Every verb on everything, cluster-scoped or in any namespace, and every non-resource URL. */
const EVERYTHING = {
  resourceRules: [resourceRule(['*'], ['*'], ['*'], ['*'], true)],
  nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
};

const LEADER_ELECTION_RULES = (coreNamespaces: string[]): ResourceRule[] => [
  resourceRule(['get', 'create', 'update'], [''], ['endpoints', 'configmaps'], coreNamespaces, false),
  resourceRule(['get', 'create', 'update'], ['coordination.k8s.io'], ['leases'], ['*'], false),
];

function flowSchema(name: string, level: string, precedence: number, method: string | undefined, subjects: Subject[], rules: object): FlowSchema {
  return {
    apiVersion: API_VERSION,
    kind: 'FlowSchema',
    metadata: { name, annotations: { ...AUTO_UPDATE } },
    spec: {
      priorityLevelConfiguration: { name: level },
      matchingPrecedence: precedence,
      ...(method ? { distinguisherMethod: { type: method } } : {}),
      rules: [{ subjects, ...rules }],
    },
  };
}

const ALL_USERS = [group('system:unauthenticated'), group('system:authenticated')];

/** In bootstrap order: the mandatory ones, then the suggested ones. */
export function bootstrapFlowSchemas(): FlowSchema[] {
  return [
    flowSchema('exempt', 'exempt', 1, undefined, [group('system:masters')], EVERYTHING),
    flowSchema('catch-all', 'catch-all', 10000, 'ByUser', ALL_USERS, EVERYTHING),
    flowSchema('system-nodes', 'system', 500, 'ByUser', [group('system:nodes')], EVERYTHING),
    flowSchema('system-node-high', 'node-high', 400, 'ByUser', [group('system:nodes')], {
      resourceRules: [resourceRule(['*'], [''], ['nodes', 'nodes/status'], ['*'], true), resourceRule(['*'], ['coordination.k8s.io'], ['leases'], ['*'], false)],
    }),
    flowSchema('probes', 'exempt', 2, undefined, ALL_USERS, { nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/healthz', '/readyz', '/livez'] }] }),
    flowSchema('system-leader-election', 'leader-election', 100, 'ByUser', [user('system:kube-controller-manager'), user('system:kube-scheduler'), kubeSystemServiceAccount('*')], {
      resourceRules: LEADER_ELECTION_RULES(['kube-system']),
    }),
    flowSchema('endpoint-controller', 'workload-high', 150, 'ByUser', [user('system:kube-controller-manager'), kubeSystemServiceAccount('endpoint-controller'), kubeSystemServiceAccount('endpointslicemirroring-controller')], {
      resourceRules: [resourceRule(['get', 'create', 'update'], [''], ['endpoints'], ['*'], false)],
    }),
    flowSchema('workload-leader-election', 'leader-election', 200, 'ByUser', [kubeSystemServiceAccount('*')], { resourceRules: LEADER_ELECTION_RULES(['*']) }),
    flowSchema('kube-controller-manager', 'workload-high', 800, 'ByNamespace', [user('system:kube-controller-manager')], EVERYTHING),
    flowSchema('kube-scheduler', 'workload-high', 800, 'ByNamespace', [user('system:kube-scheduler')], EVERYTHING),
    flowSchema('kube-system-service-accounts', 'workload-high', 900, 'ByNamespace', [kubeSystemServiceAccount('*')], EVERYTHING),
    flowSchema('service-accounts', 'workload-low', 9000, 'ByUser', [group('system:serviceaccounts')], EVERYTHING),
    flowSchema('global-default', 'global-default', 9900, 'ByUser', ALL_USERS, EVERYTHING),
  ];
}

function limited(name: string, shares: number, lendablePercent: number, queuing?: { queues: number; handSize: number; queueLengthLimit: number }): PriorityLevelConfiguration {
  return {
    apiVersion: API_VERSION,
    kind: 'PriorityLevelConfiguration',
    metadata: { name, annotations: { ...AUTO_UPDATE } },
    spec: {
      type: 'Limited',
      limited: {
        nominalConcurrencyShares: shares,
        lendablePercent,
        limitResponse: queuing ? { type: 'Queue', queuing } : { type: 'Reject' },
      },
    },
  };
}

export function bootstrapPriorityLevels(): PriorityLevelConfiguration[] {
  return [
    {
      apiVersion: API_VERSION,
      kind: 'PriorityLevelConfiguration',
      metadata: { name: 'exempt', annotations: { ...AUTO_UPDATE } },
      spec: { type: 'Exempt', exempt: { nominalConcurrencyShares: 0, lendablePercent: 0 } },
    },
    limited('catch-all', 5, 0),
    limited('system', 30, 33, { queues: 64, handSize: 6, queueLengthLimit: 50 }),
    limited('node-high', 40, 25, { queues: 64, handSize: 6, queueLengthLimit: 50 }),
    limited('leader-election', 10, 0, { queues: 16, handSize: 4, queueLengthLimit: 50 }),
    limited('workload-high', 40, 50, { queues: 128, handSize: 6, queueLengthLimit: 50 }),
    limited('workload-low', 100, 90, { queues: 128, handSize: 6, queueLengthLimit: 50 }),
    limited('global-default', 20, 50, { queues: 128, handSize: 6, queueLengthLimit: 50 }),
  ];
}

/** The APF controller's Dangling condition for a FlowSchema whose priority level exists. */
export function foundCondition(schema: FlowSchema, now: string): NonNullable<FlowSchema['status']> {
  const level = schema.spec.priorityLevelConfiguration.name;
  return {
    conditions: [
      {
        type: 'Dangling',
        status: 'False',
        lastTransitionTime: now,
        reason: 'Found',
        message: `This FlowSchema references the PriorityLevelConfiguration object named "${level}" and it exists`,
      },
    ],
  };
}
