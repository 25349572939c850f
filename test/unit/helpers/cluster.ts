/**
 * A small control plane for tests, wired the way the Lab wires it: a VirtualClock, seeded
 * randomness, a tracer, the MVCC store (watch delivery and API-server deferral as zero-delay clock
 * tasks) and the real API server with the built-in resources. Components under test are clients of
 * it, exactly as in the lab; tests may also read the store to check what really reached etcd.
 */
import type { Node, Pod, Taint } from '../../../src/shared/api/core.js';
import type { KubeObject, Status } from '../../../src/shared/api/meta.js';
import { type Disposable, DisposableStore } from '../../../src/shared/lifecycle.js';
import { VirtualClock } from '../../../src/main/base/clock.js';
import { SeededRandom } from '../../../src/main/base/random.js';
import { Tracer } from '../../../src/main/base/trace.js';
import { ApiServer } from '../../../src/main/cluster/apiserver/api-server.js';
import { builtinResources } from '../../../src/main/cluster/apiserver/registry/index.js';
import type { ResourceDefinition } from '../../../src/main/cluster/apiserver/registry/resource.js';
import type { AdmissionPlugin } from '../../../src/main/cluster/apiserver/admission/admission.js';
import type { Authorizer, RuleResolver } from '../../../src/main/cluster/apiserver/auth/authorizer.js';
import type { UserInfo } from '../../../src/main/cluster/apiserver/auth/user.js';
import type { ApiResult, RequestQuery, WatchEventObject } from '../../../src/main/cluster/apiserver/types.js';
import { ApiClient } from '../../../src/main/cluster/client/api-client.js';
import { NAMESPACES, NODES, PODS, type ResourceRef } from '../../../src/main/cluster/client/resources.js';
import { MvccStore } from '../../../src/main/cluster/store/mvcc-store.js';

export const DEFAULT_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export interface TestCluster extends Disposable {
  readonly clock: VirtualClock;
  readonly random: SeededRandom;
  readonly tracer: Tracer;
  readonly store: MvccStore;
  readonly api: ApiServer;
  /** Owns what the test starts (components, watches); disposed by `dispose()`. */
  readonly disposables: DisposableStore;
  /** Errors thrown inside clock tasks (component bugs). Tests assert it stays empty. */
  readonly taskErrors: unknown[];
  /** A client as the loopback superuser, or authenticated as `user`. */
  client(agent?: string, user?: UserInfo): ApiClient;
  /** etcd's current revision: unchanged means nothing was written. */
  revision(): number;
  /** Run every task due now (watch deliveries, work queues). */
  settle(): void;
}

export interface ClusterOptions {
  seed?: number;
  namespaces?: string[];
  start?: number;
  /** The served resources (default: the built-in ones). */
  resources?: readonly ResourceDefinition[];
  /** The API server's authorizer (default: allow everything). */
  authorizer?: Authorizer;
  ruleResolver?: RuleResolver;
  /** The API server's admission plugins (default: none beyond NamespaceLifecycle). */
  admission?: readonly AdmissionPlugin[];
}

export function makeCluster(options: ClusterOptions = {}): TestCluster {
  const disposables = new DisposableStore();
  const clock = disposables.add(new VirtualClock(options.start));
  const taskErrors: unknown[] = [];
  disposables.add(clock.onDidFail((error) => taskErrors.push(error)));
  const random = new SeededRandom(options.seed ?? 1);
  const tracer = new Tracer(() => clock.now());
  const store = new MvccStore((deliver) => {
    clock.schedule(0, deliver);
  });
  const api = new ApiServer({
    etcd: store,
    clock,
    random: random.fork('kube-apiserver'),
    tracer,
    resources: options.resources ?? builtinResources,
    defer: (fn) => {
      clock.schedule(0, fn);
    },
    authorizer: options.authorizer,
    ruleResolver: options.ruleResolver,
    admission: options.admission,
  });
  const admin = new ApiClient(api, 'test');
  for (const name of options.namespaces ?? DEFAULT_NAMESPACES) {
    expectOk(admin.create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
  }
  clock.runDue();
  return {
    clock,
    random,
    tracer,
    store,
    api,
    disposables,
    taskErrors,
    client: (agent = 'test', user?: UserInfo) => new ApiClient(api, agent, user),
    revision: () => store.status().revision,
    settle: () => {
      clock.runDue();
    },
    dispose: () => disposables.dispose(),
  };
}

/** Unwrap a successful result, or fail the test with the Status message. */
export function expectOk<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.status.code}: ${result.status.message ?? ''}`);
  return result.value;
}

/** Every item of a list read page by page (`limit`, then each `continue` token until none). */
export function listAllPages<T extends KubeObject>(client: ApiClient, ref: ResourceRef, namespace: string | undefined, query: RequestQuery & { limit: number }): T[] {
  const items: T[] = [];
  let cont: string | undefined;
  do {
    const page = expectOk(client.list<T>(ref, namespace, { ...query, ...(cont ? { continue: cont } : {}) }));
    items.push(...page.items);
    cont = page.metadata.continue;
  } while (cont);
  return items;
}

/** Unwrap a failed result's Status, or fail the test. */
export function expectStatus(result: ApiResult<unknown>): Status {
  if (result.ok) throw new Error(`expected a failure, got ${result.code}`);
  return result.status;
}

export interface PodOptions {
  namespace?: string;
  image?: string;
  cpu?: string;
  memory?: string;
  nodeName?: string;
  labels?: Record<string, string>;
  containers?: number;
}

export function podManifest(name: string, options: PodOptions = {}): Pod {
  const requests: Record<string, string> = {};
  if (options.cpu) requests.cpu = options.cpu;
  if (options.memory) requests.memory = options.memory;
  const count = options.containers ?? 1;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...(options.namespace ? { namespace: options.namespace } : {}), ...(options.labels ? { labels: options.labels } : {}) },
    spec: {
      containers: Array.from({ length: count }, (_, i) => ({
        name: count === 1 ? name : `${name}-${i}`,
        image: options.image ?? 'nginx:1.25',
        ...(Object.keys(requests).length > 0 ? { resources: { requests } } : {}),
      })),
      ...(options.nodeName ? { nodeName: options.nodeName } : {}),
    },
  };
}

export function createPod(client: ApiClient, name: string, options: PodOptions = {}): Pod {
  return expectOk(client.create<Pod>(PODS, options.namespace ?? 'default', podManifest(name, options)));
}

export interface NodeOptions {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  ready?: boolean;
}

/** Create a Node and report a status for it, as a kubelet would (without running one). */
export function createNode(client: ApiClient, name: string, options: NodeOptions = {}): Node {
  const created = expectOk(
    client.create<Node>(NODES, undefined, {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name, ...options.labels } },
      spec: { ...(options.taints ? { taints: options.taints } : {}), ...(options.unschedulable ? { unschedulable: true } : {}) },
    }),
  );
  const resources = { cpu: options.cpu ?? '2', memory: options.memory ?? '4Gi', pods: options.pods ?? '110' };
  return expectOk(
    client.updateStatus<Node>(NODES, undefined, {
      ...created,
      status: {
        capacity: resources,
        allocatable: resources,
        conditions: [
          {
            type: 'Ready',
            status: options.ready === false ? 'False' : 'True',
            reason: options.ready === false ? 'KubeletNotReady' : 'KubeletReady',
            message: 'test',
            lastHeartbeatTime: '2025-01-01T00:00:00Z',
            lastTransitionTime: '2025-01-01T00:00:00Z',
          },
        ],
      },
    }),
  );
}

export const CONTROL_PLANE_TAINT: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

/** Collect a watch's events until disposed. */
export function recordWatch(
  cluster: TestCluster,
  ref: ResourceRef,
  namespace: string | undefined,
  query: RequestQuery = {},
  name?: string,
): WatchEventObject[] {
  const events: WatchEventObject[] = [];
  const watch = expectOk(cluster.client('watcher').watch(ref, namespace, query, (event) => events.push(event), name));
  cluster.disposables.add(watch);
  return events;
}

/** `TYPE name` lines, the shape most watch assertions want. */
export function summarize(events: WatchEventObject[]): string[] {
  return events.map((e) => `${e.type} ${(e.object as KubeObject).metadata.name ?? ''}`);
}
