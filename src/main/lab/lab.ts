/**
 * The composition root: builds one lab — clock, seeded randomness, trace, the etcd store, the API
 * server and every component as a client of it, and the hosts with their filesystems — and boots
 * the cluster the way kubeadm would (control plane first, then the workers join). Only this module
 * wires the store.
 */
import { type Disposable, DisposableStore } from '../../shared/lifecycle.js';
import { type LabClock, RealtimeClock, VIRTUAL_EPOCH, VirtualClock } from '../base/clock.js';
import { rfc3339 } from '../base/duration.js';
import { type Random, SeededRandom } from '../base/random.js';
import { Tracer } from '../base/trace.js';
import type { KubeObject, Status } from '../../shared/api/meta.js';
import { ApiServer } from '../cluster/apiserver/api-server.js';
import { AuthenticatorChain } from '../cluster/apiserver/auth/authenticator.js';
import { bootstrapClusterRoles, bootstrapPolicy } from '../cluster/apiserver/auth/bootstrap-policy.js';
import { kubeadmPolicy } from '../cluster/apiserver/auth/kubeadm-policy.js';
import { NodeAuthorizer } from '../cluster/apiserver/auth/node-authorizer.js';
import { RbacAuthorizer } from '../cluster/apiserver/auth/rbac-authorizer.js';
import { readerFromStore } from '../cluster/apiserver/auth/rbac-reader.js';
import { ServiceAccountTokenAuthenticator } from '../cluster/apiserver/auth/service-account-authenticator.js';
import { serviceAccountSigningKey } from '../cluster/apiserver/auth/tokens.js';
import { kubeApiserverAuthorizer } from '../cluster/apiserver/auth/union-authorizer.js';
import { KUBEADM_ADMIN, KUBE_CONTROLLER_MANAGER, KUBE_SCHEDULER, type UserInfo, nodeUser, serviceAccountUser } from '../cluster/apiserver/auth/user.js';
import { defaultAdmissionPlugins } from '../cluster/apiserver/admission/index.js';
import { ControllerManager } from '../cluster/controllers/controller-manager.js';
import { X509Authenticator } from '../cluster/apiserver/auth/x509-authenticator.js';
import type { ClientIdentity } from '../kubectl/environment.js';
import { apiServiceFor } from '../cluster/apiserver/registry/apiservice-bootstrap.js';
import { type CheckedComponent, componentStatusResource } from '../cluster/apiserver/registry/component-status.js';
import { bootstrapFlowSchemas, bootstrapPriorityLevels, foundCondition } from '../cluster/apiserver/registry/flowcontrol-bootstrap.js';
import { builtinResources } from '../cluster/apiserver/registry/index.js';
import { metricsResources } from '../cluster/apiserver/registry/metrics-v1beta1.js';
import { podAttachHandler, podExecHandler } from '../cluster/apiserver/registry/pod-exec.js';
import { podLogHandler } from '../cluster/apiserver/registry/pod-log.js';
import { podPortForwardHandler } from '../cluster/apiserver/registry/pod-portforward.js';
import { kubeletPortForwardSource } from '../cluster/kubelet/port-forward-source.js';
import { PORT_FORWARD_SANDBOXES } from './port-forward-sandboxes.js';
import { kubeletExecSource, kubeletListeningProbe } from '../cluster/kubelet/exec-source.js';
import { kubeletUsageSource } from '../cluster/metrics/kubelet-usage.js';
import { kubeletLogSource } from '../cluster/kubelet/logs.js';
import { clientWorkloadView } from '../cluster/metrics/client-workload-view.js';
import { ApiClient } from '../cluster/client/api-client.js';
import {
  API_SERVICES,
  CLUSTER_ROLES,
  CLUSTER_ROLE_BINDINGS,
  ENDPOINT_SLICES,
  ENDPOINTS,
  FLOW_SCHEMAS,
  NAMESPACES,
  NODES,
  PRIORITY_CLASSES,
  PRIORITY_LEVEL_CONFIGURATIONS,
  ROLES,
  ROLE_BINDINGS,
  SERVICES,
} from '../cluster/client/resources.js';
import { Kubelet } from '../cluster/kubelet/kubelet.js';
import { KubeProxy } from '../cluster/proxy/kube-proxy.js';
import { NetworkModel } from '../cluster/proxy/network-model.js';
import { Scheduler } from '../cluster/scheduler/scheduler.js';
import { MvccStore } from '../cluster/store/mvcc-store.js';
import { SwitchableEtcd } from '../cluster/store/switchable-etcd.js';
import { writeNodeFiles } from '../cluster/node/kubelet-files.js';
import { NodeOs } from '../cluster/node/node-os.js';
import type { Host } from '../hosts/host.js';
import { VirtualFs } from '../hosts/vfs.js';
import { BASHRC, NGINX_POD_YAML, adminKubeconfig } from './home-files.js';
import { ComponentLifecycle } from './component-lifecycle.js';
import { CONTROL_PLANE_IMAGES, K8S_VERSION, controlPlaneManifests } from './kubeadm-manifests.js';
import { DEFAULT_ETCD_DATA_DIR, etcdDataDir, restoredKeyspace } from './etcd-data-dir.js';
import { kubeadmAddons } from './kubeadm-addons.js';
import { createEtcdctlCommand, createEtcdutlCommand } from '../cluster/node/etcdctl.js';
import { createKubeadmCommand, kubeadmConfigMap } from '../cluster/node/kubeadm-command.js';
import { KubeadmPki } from '../cluster/node/kubeadm-pki.js';
import { encodeSnapshot, statusOfSnapshot } from '../cluster/store/snapshot-file.js';
import type { CommandHandler } from '../shell/types.js';
import { LabPki } from './pki.js';
import { nodeGraphFromStore, tokenLookupFromStore } from './store-readers.js';
import { BASTION, CLUSTER, CONTROL_PLANE_ENDPOINT, type MachineSpec, defaultMachines } from './topology.js';

export interface LabOptions {
  seed?: number;
  /** Virtual time (moves only when told) instead of scaled real time. */
  virtualClock?: boolean;
  /** Real-time speed factor (1–50). */
  speed?: number;
  /** Number of worker nodes (default 2). */
  workers?: number;
}

/** How long before the session starts the cluster was set up: nodes show this age at first. */
export const BOOT_LEAD_MS = 10 * 60 * 1000;

/** kube-apiserver's --etcd-compaction-interval: history older than one interval is compacted. */
const COMPACTION_INTERVAL_MS = 5 * 60 * 1000;

/** The control-plane images kubeadm pulls before `kubeadm init`. */
const PRELOADED_IMAGES = ['registry.k8s.io/pause:3.10'];

export class Lab implements Disposable {
  readonly seed: number;
  readonly clock: LabClock;
  readonly random: Random;
  /** The stream kubectl draws generated names from (one per lab, so each run continues it). */
  readonly kubectlRandom: Random;
  readonly tracer: Tracer;
  readonly apiServer: ApiServer;
  /** kube-scheduler as it runs now (a new one each time its static Pod comes back). */
  private currentScheduler: Scheduler;
  /** The data plane: Service rules per node, cluster DNS, connections through NetworkPolicies. */
  readonly network: NetworkModel;
  readonly kubelets = new Map<string, Kubelet>();
  /** What a container's main process sees for its image's tools (wget, nslookup …): as an exec'd process does. */
  private readonly containerTargets = kubeletExecSource(() => this.kubelets.values(), { network: () => this.network, now: () => this.clock.now() });
  /** Each cluster node's operating system: systemd (kubelet, containerd) and the journal. */
  readonly nodes = new Map<string, NodeOs>();
  /** The control-plane components follow their static Pods on the control-plane node. */
  private readonly components: ComponentLifecycle;
  readonly hosts = new Map<string, Host>();
  readonly machines: MachineSpec[];
  /** The etcd endpoint: handed only to the API server (and, later, etcdctl and persistence). */
  private readonly etcd: SwitchableEtcd;
  /** Watch deliveries run as zero-delay clock tasks, after the request that caused them. */
  private readonly etcdDispatch = (deliver: () => void): void => {
    this.clock.schedule(0, deliver);
  };
  /** The data directory etcd runs on (the manifest's `etcd-data` hostPath). */
  private etcdDataDirInUse = DEFAULT_ETCD_DATA_DIR;
  private readonly disposables = new DisposableStore();
  private readonly bootstrapClient: ApiClient;
  /** The cluster CA and the certificates kubeadm issued. */
  readonly pki: LabPki;
  /** The rest of kubeadm's PKI on the control plane (etcd's CA, front proxy, service-account keys …). */
  private kubeadmPki: KubeadmPki | undefined;
  private readonly authenticator: AuthenticatorChain;
  private controllerManager: ControllerManager | undefined;
  private readonly errors: unknown[] = [];
  /** The pending compaction: one at a time, cancelled on dispose. */
  private compaction: Disposable | undefined;

  constructor(options: LabOptions = {}) {
    this.seed = options.seed ?? 1;
    const bootStart = (options.virtualClock ? VIRTUAL_EPOCH : Date.now()) - BOOT_LEAD_MS;
    this.clock = this.disposables.add(options.virtualClock ? new VirtualClock(bootStart) : new RealtimeClock(undefined, bootStart));
    if (this.clock instanceof RealtimeClock && options.speed) this.clock.setSpeed(options.speed);
    this.disposables.add(this.clock.onDidFail((error) => this.errors.push(error)));
    this.random = new SeededRandom(this.seed);
    this.kubectlRandom = this.random.fork('kubectl');
    this.pki = new LabPki(this.random.fork('pki'), bootStart);
    this.tracer = new Tracer(() => this.clock.now());
    this.etcd = new SwitchableEtcd(new MvccStore(this.etcdDispatch));
    // --authorization-mode=Node,RBAC (kubeadm's), reading roles and bindings from etcd.
    const rbac = new RbacAuthorizer(readerFromStore(this.etcd));
    const nodeRules = bootstrapClusterRoles().find((role) => role.metadata.name === 'system:node')?.rules ?? [];
    this.apiServer = this.disposables.add(new ApiServer({
      etcd: this.etcd,
      clock: this.clock,
      random: this.random.fork('kube-apiserver'),
      authorizer: kubeApiserverAuthorizer(new NodeAuthorizer(nodeGraphFromStore(this.etcd), nodeRules), rbac),
      ruleResolver: rbac,
      admission: defaultAdmissionPlugins({ serviceAccount: { defaultAccountController: () => this.controllerManager?.isRunning === true } }),
      tracer: this.tracer,
      // metrics.k8s.io as metrics-server serves it, from the simulated usage of running Pods.
      resources: [
        // pods/log proxies to the kubelet that runs the Pod (the kubelets are looked up at each read).
        ...builtinResources.map((r) =>
          r.group === '' && r.plural === 'pods'
            ? {
                ...r,
                subresourceHandlers: {
                  ...r.subresourceHandlers,
                  log: podLogHandler(kubeletLogSource(() => this.kubelets.values())),
                  exec: podExecHandler(kubeletExecSource(() => this.kubelets.values(), { network: () => this.network, now: () => this.clock.now() })),
                  attach: podAttachHandler(kubeletExecSource(() => this.kubelets.values(), { network: () => this.network, now: () => this.clock.now() })),
                  portforward: podPortForwardHandler(kubeletPortForwardSource(() => this.kubelets.values(), PORT_FORWARD_SANDBOXES)),
                },
              }
            : r,
        ).map((r) => (r.group === '' && r.plural === 'componentstatuses' ? componentStatusResource((c) => this.isComponentHealthy(c)) : r)),
        // metrics.k8s.io as metrics-server serves it: scraped from the kubelets' running containers.
        ...metricsResources(
          kubeletUsageSource(() => this.kubelets.values(), {
            view: clientWorkloadView(() => this.client('metrics-server')),
            random: this.random.fork('metrics-server'),
            now: () => this.clock.now(),
          }),
        ),
      ],
      defer: (fn) => {
        this.clock.schedule(0, fn);
      },
      config: { serviceClusterIPRange: CLUSTER.serviceCIDR },
    }));
    this.authenticator = new AuthenticatorChain([
      new X509Authenticator(this.pki.ca, () => this.clock.now()),
      new ServiceAccountTokenAuthenticator(serviceAccountSigningKey(this.random.fork('kube-apiserver')), () => this.clock.now(), tokenLookupFromStore(this.etcd)),
    ]);
    this.bootstrapClient = new ApiClient(this.apiServer, 'kube-apiserver');
    this.machines = defaultMachines(options.workers ?? 2);
    this.currentScheduler = this.createScheduler();
    this.components = this.disposables.add(
      new ComponentLifecycle([
        { staticPod: 'etcd', start: () => undefined, stop: () => undefined },
        { staticPod: 'kube-apiserver', start: () => undefined, stop: () => undefined },
        {
          staticPod: 'kube-scheduler',
          start: () => {
            this.currentScheduler.dispose();
            this.currentScheduler = this.createScheduler();
            this.currentScheduler.start();
          },
          stop: () => this.currentScheduler.dispose(),
        },
        { staticPod: 'kube-controller-manager', start: () => this.controllerManager?.start(), stop: () => this.controllerManager?.stop() },
      ]),
    );
    this.network = this.disposables.add(
      new NetworkModel({
        // It reads Pods and NetworkPolicies as the CNI and CoreDNS would: through the loopback identity.
        client: this.client('network'),
        clock: this.clock,
        random: this.random.fork('network'),
        clusterCIDR: CLUSTER.podCIDR,
        clusterDomain: CLUSTER.domain,
        clusterDNS: CLUSTER.dnsServiceIP,
        requireKubeProxy: true,
        listening: kubeletListeningProbe(() => this.kubelets.values()),
      }),
    );
    this.createHosts();
    this.boot();
  }

  get scheduler(): Scheduler {
    return this.currentScheduler;
  }

  /**
   * kube-apiserver serves while its static Pod's container runs and etcd's does: without its
   * storage the real one fails its health checks and is restarted over and over, so clients are
   * refused nearly all the time.
   */
  get apiServerServing(): boolean {
    return this.components.isRunning('kube-apiserver') && this.components.isRunning('etcd');
  }

  /** What kube-apiserver's ComponentStatus probes find: the static Pod's component running. */
  private isComponentHealthy(component: CheckedComponent): boolean {
    const staticPods: Record<CheckedComponent, string> = { scheduler: 'kube-scheduler', 'controller-manager': 'kube-controller-manager', 'etcd-0': 'etcd' };
    return this.isComponentRunning(staticPods[component]);
  }

  /** Whether the component of a control-plane static Pod (`kube-scheduler` …) runs now. */
  isComponentRunning(staticPod: string): boolean {
    return this.components.isRunning(staticPod);
  }

  private createScheduler(): Scheduler {
    return new Scheduler(this.client('kube-scheduler', KUBE_SCHEDULER), this.clock, this.random.fork('kube-scheduler'));
  }

  /**
   * A client of the API server acting as `agent` (shown in the trace), authenticated as `user` —
   * a component's own identity — or as the server's loopback identity (the lab's own tooling).
   */
  client(agent: string, user?: UserInfo): ApiClient {
    return new ApiClient(this.apiServer, agent, user);
  }

  /**
   * A client that presents `identity` as kubectl does (client certificate or bearer token, plus
   * `--as` impersonation): authenticated by the API server's authenticator, 401 when it fails.
   */
  connect(agent: string, identity: ClientIdentity): { ok: true; client: ApiClient } | { ok: false; status: Status } {
    const authenticated = this.authenticator.authenticate(identity.credentials);
    if (!authenticated.ok) return authenticated;
    return { ok: true, client: new ApiClient(this.apiServer, agent, authenticated.user, identity.impersonate) };
  }

  /** Run all work due now to quiescence (after each shell command). */
  settle(): void {
    this.clock.runDue();
  }

  /** Errors thrown by components (bugs); the lab keeps running. */
  get componentErrors(): readonly unknown[] {
    return this.errors;
  }

  /**
   * Wait `ms` of simulated time. Virtual: jump there now, processing everything on the way.
   * Real time: resolve when the clock reaches it (honours speed and pause).
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return this.waitUntil(() => false, ms, signal).then(() => undefined);
  }

  /** Resolve true as soon as `condition()` holds, false when `timeoutMs` of simulated time passed. */
  waitUntil(condition: () => boolean, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    if (this.clock.mode === 'virtual') {
      const met = this.clock.advanceUntil(() => condition() || signal?.aborted === true, timeoutMs) && !signal?.aborted;
      // Resolve on the next macrotask: a command that follows something in a loop (`journalctl -f`,
      // `kubectl get -w`) must let input such as Ctrl+C in between, or virtual time would spin forever.
      return new Promise((resolve) => setImmediate(() => resolve(met)));
    }
    return new Promise((resolve) => {
      const store = new DisposableStore();
      const finish = (value: boolean): void => {
        store.dispose();
        resolve(value);
      };
      if (condition()) {
        resolve(true);
        return;
      }
      store.add(this.clock.onDidRunTasks(() => condition() && finish(true)));
      store.add(this.clock.schedule(timeoutMs, () => finish(condition())));
      if (signal) {
        const onAbort = (): void => finish(false);
        signal.addEventListener('abort', onAbort, { once: true });
        store.add({ dispose: () => signal.removeEventListener('abort', onAbort) });
      }
    });
  }

  findHost(nameOrAddress: string): Host | undefined {
    const direct = this.hosts.get(nameOrAddress);
    if (direct) return direct;
    return [...this.hosts.values()].find((h) => h.address === nameOrAddress);
  }

  /** Lab facts for `lab status` and the UI. */
  etcdStatus(): { revision: number; keys: number } {
    const s = this.etcd.status();
    return { revision: s.revision, keys: s.keys };
  }

  private createHosts(): void {
    const now = (): number => this.clock.now();
    const bastionFs = new VirtualFs({ now });
    const home = BASTION.home;
    bastionFs.mkdir(`${home}/.kube`, { parents: true });
    bastionFs.writeFile(`${home}/.kube/config`, adminKubeconfig(this.random.fork('pki/admin'), { ca: this.pki.caCertificate(), clientCertificate: this.pki.adminCertificate() }), 0o600);
    bastionFs.writeFile(`${home}/.bashrc`, BASHRC);
    bastionFs.writeFile(`${home}/nginx-pod.yaml`, NGINX_POD_YAML);
    bastionFs.mkdir('/tmp', { parents: true });
    this.hosts.set(BASTION.name, { name: BASTION.name, address: BASTION.address, user: BASTION.user, home, fs: bastionFs });
    for (const machine of this.machines) {
      const fs = new VirtualFs({ now });
      fs.mkdir('/root', { parents: true });
      fs.mkdir('/tmp', { parents: true });
      fs.writeFile('/root/.bashrc', BASHRC);
      fs.mkdir('/etc/kubernetes/manifests', { parents: true });
      writeNodeFiles(fs, { node: machine.name, server: CONTROL_PLANE_ENDPOINT, caCertificate: this.pki.caCertificate(), clusterDNS: CLUSTER.dnsServiceIP, clusterDomain: CLUSTER.domain });
      if (machine.role === 'control-plane') {
        fs.mkdir('/etc/kubernetes/pki/etcd', { parents: true });
        fs.writeFile('/etc/kubernetes/pki/ca.crt', this.pki.caCertificate(), 0o644);
        this.kubeadmPki = new KubeadmPki({
          random: this.random.fork('pki/kubeadm'),
          issuedAt: this.clock.now(),
          clusterCa: this.pki.ca,
          clusterCaCertificate: this.pki.caCertificate(),
          node: { name: machine.name, address: machine.address },
          apiServerPort: CLUSTER.apiServerPort,
        });
        for (const [path, file] of this.kubeadmPki.files()) fs.writeFile(path, file.content, file.mode);
        fs.writeFile('/etc/kubernetes/admin.conf', adminKubeconfig(this.random.fork('pki/admin'), { ca: this.pki.caCertificate(), clientCertificate: this.pki.adminCertificate() }, CONTROL_PLANE_ENDPOINT), 0o600);
        for (const [file, content] of Object.entries(controlPlaneManifests(machine.name, machine.address))) {
          fs.writeFile(`/etc/kubernetes/manifests/${file}`, content, 0o600);
        }
      }
      this.hosts.set(machine.name, { name: machine.name, address: machine.address, user: 'root', home: '/root', fs });
      const os = this.disposables.add(new NodeOs({ hostname: machine.name, fs, clock: this.clock, random: this.random.fork(`node/${machine.name}`) }));
      this.nodes.set(machine.name, os);
      os.containerdUnit.start();
    }
  }

  /** `kubeadm init` on the control plane, then `kubeadm join` on each worker, before the session starts. */
  private boot(): void {
    for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
      this.bootstrapClient.create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    }
    this.createKubernetesService();
    this.createSystemPriorityClasses();
    this.createRbacPolicy();
    this.createFlowControlAndApiServices();
    this.createObjects([
      kubeadmConfigMap({ kubernetesVersion: K8S_VERSION, podSubnet: CLUSTER.podCIDR, serviceSubnet: CLUSTER.serviceCIDR, dnsDomain: CLUSTER.domain }),
      ...kubeadmAddons(CONTROL_PLANE_ENDPOINT),
    ]);
    this.startControllers();
    this.scheduler.start();
    this.network.start();
    this.clock.runDue();
    this.machines.forEach((machine, index) => {
      // Workers join a couple of minutes after the control plane came up.
      const at = index === 0 ? 0 : 120_000 + index * 30_000;
      this.clock.schedule(at, () => this.startKubelet(machine));
    });
    this.scheduleCompaction(this.etcd.status().revision);
    this.clock.advance(BOOT_LEAD_MS);
  }

  /**
   * kube-apiserver's bootstrap controller: the `kubernetes` Service in `default` on the first
   * address of the service range, and (the lease endpoint reconciler) its Endpoints: the
   * control plane's address and secure port.
   */
  private createKubernetesService(): void {
    const controlPlane = this.machines.find((m) => m.role === 'control-plane');
    this.bootstrapClient.create(SERVICES, 'default', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: {
        type: 'ClusterIP',
        clusterIP: CLUSTER.kubernetesServiceIP,
        sessionAffinity: 'None',
        ports: [{ name: 'https', protocol: 'TCP', port: 443, targetPort: CLUSTER.apiServerPort }],
      },
    });
    if (!controlPlane) return;
    this.bootstrapClient.create(ENDPOINTS, 'default', {
      apiVersion: 'v1',
      kind: 'Endpoints',
      // The EndpointSlice mirroring controller leaves it alone: the reconciler writes that slice too.
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: controlPlane.address }], ports: [{ name: 'https', port: CLUSTER.apiServerPort, protocol: 'TCP' }] }],
    });
    // The reconciler writes the matching EndpointSlice too (no owner, no managed-by label).
    this.bootstrapClient.create(ENDPOINT_SLICES, 'default', {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [controlPlane.address], conditions: { ready: true } }],
      ports: [{ name: 'https', port: CLUSTER.apiServerPort, protocol: 'TCP' }],
    });
  }

  /**
   * kube-apiserver's other start-up objects: API Priority and Fairness's bootstrap configuration
   * (with the Dangling conditions its controller writes), and the aggregator's APIServices for
   * every served group/version, which its availability controller marks Available.
   */
  private createFlowControlAndApiServices(): void {
    const now = rfc3339(this.clock.now());
    for (const level of bootstrapPriorityLevels()) this.bootstrapClient.create(PRIORITY_LEVEL_CONFIGURATIONS, undefined, level);
    for (const schema of bootstrapFlowSchemas()) {
      const created = this.bootstrapClient.create(FLOW_SCHEMAS, undefined, schema);
      if (created.ok) this.bootstrapClient.updateStatus(FLOW_SCHEMAS, undefined, { ...created.value, status: foundCondition(schema, now) });
    }
    const groupVersions = new Map(this.apiServer.discovery().map((r) => [`${r.group}/${r.version}`, r]));
    for (const { group, version } of groupVersions.values()) {
      const { object, status } = apiServiceFor(group, version, now);
      const created = this.bootstrapClient.create(API_SERVICES, undefined, object);
      if (created.ok) this.bootstrapClient.updateStatus(API_SERVICES, undefined, { ...created.value, status });
    }
  }

  /** kube-apiserver creates the two system PriorityClasses at start-up (the scheduling bootstrap). */
  private createSystemPriorityClasses(): void {
    const classes = [
      { name: 'system-cluster-critical', value: 2000000000, description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.' },
      { name: 'system-node-critical', value: 2000001000, description: 'Used for system critical pods that must not be moved from their current node.' },
    ];
    for (const pc of classes) {
      this.bootstrapClient.create(PRIORITY_CLASSES, undefined, {
        apiVersion: 'scheduling.k8s.io/v1',
        kind: 'PriorityClass',
        metadata: { name: pc.name },
        value: pc.value,
        description: pc.description,
      });
    }
  }

  /**
   * kube-apiserver's RBAC bootstrap (the default ClusterRoles and bindings, `rbac-defaults`), then
   * kubeadm's own: `kubeadm:cluster-admins` → cluster-admin, which makes admin.conf's user an admin.
   */
  private createRbacPolicy(): void {
    for (const policy of [bootstrapPolicy(), kubeadmPolicy()]) {
      for (const role of policy.clusterRoles) this.bootstrapClient.create(CLUSTER_ROLES, undefined, role);
      for (const binding of policy.clusterRoleBindings) this.bootstrapClient.create(CLUSTER_ROLE_BINDINGS, undefined, binding);
      for (const role of policy.roles) this.bootstrapClient.create(ROLES, role.metadata.namespace, role);
      for (const binding of policy.roleBindings) this.bootstrapClient.create(ROLE_BINDINGS, binding.metadata.namespace, binding);
    }
  }

  /** `etcdctl` on the control plane: it reaches the store through the etcd client, like the API server. */
  etcdctl(): CommandHandler {
    const controlPlane = this.machines.find((m) => m.role === 'control-plane')!;
    return createEtcdctlCommand({
      etcd: () => this.etcd,
      listenClientUrls: ['https://127.0.0.1:2379', `https://${controlPlane.address}:2379`],
      ...(this.kubeadmPki ? { ca: this.kubeadmPki.etcdCa } : {}),
      now: () => this.clock.now(),
      member: { name: controlPlane.name, peerUrls: [`https://${controlPlane.address}:2380`], clientUrls: [`https://${controlPlane.address}:2379`] },
      snapshots: this.snapshotCodec(),
      random: this.random.fork('etcdctl'),
      sleep: (ms, signal) => this.sleep(ms, signal),
    });
  }

  etcdutl(): CommandHandler {
    return createEtcdutlCommand({ now: () => this.clock.now(), snapshots: this.snapshotCodec() });
  }

  /** Snapshots of the lab's one etcd member (the store keeps its own snapshot; etcdctl only names the endpoint). */
  private snapshotCodec(): { encode(): Uint8Array; status(bytes: Uint8Array): ReturnType<typeof statusOfSnapshot> } {
    return { encode: () => encodeSnapshot(this.etcd), status: (bytes) => statusOfSnapshot(bytes) };
  }

  kubeadm(): CommandHandler {
    return createKubeadmCommand({
      client: () => this.client('kubeadm', KUBEADM_ADMIN),
      now: () => this.clock.now(),
      random: this.random.fork('kubeadm'),
      controlPlaneEndpoint: CONTROL_PLANE_ENDPOINT.replace(/^https:\/\//, ''),
      caCertificate: () => this.pki.caCertificate(),
    });
  }

  /** Create manifests through the API, finding each kind's resource by discovery. */
  private createObjects(objects: readonly KubeObject[]): void {
    const served = this.apiServer.discovery();
    for (const object of objects) {
      const [group, version] = object.apiVersion?.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion ?? 'v1'];
      const resource = served.find((r) => r.group === group && r.version === version && r.kind === object.kind);
      if (!resource) throw new Error(`lab: no resource serves ${object.apiVersion ?? ''} ${object.kind ?? ''}`);
      const created = this.bootstrapClient.create({ group: resource.group, version: resource.version, resource: resource.name }, object.metadata.namespace, object);
      if (!created.ok) throw new Error(`lab: creating ${object.kind ?? ''} ${object.metadata.name ?? ''}: ${created.status.message ?? ''}`);
    }
  }

  /** kube-controller-manager, each controller as its own service account. */
  private startControllers(): void {
    this.controllerManager = this.disposables.add(
      new ControllerManager({
        clientFor: (user) =>
          user === 'manager' ? this.client('kube-controller-manager', KUBE_CONTROLLER_MANAGER) : this.client('kube-controller-manager', serviceAccountUser('kube-system', user.serviceAccount)),
        clock: this.clock,
        random: this.random.fork('kube-controller-manager'),
        config: { clusterCIDR: CLUSTER.podCIDR, rootCA: this.pki.caCertificate() },
      }),
    );
    this.controllerManager.start();
  }

  /** Every interval, compact up to the revision seen one interval ago (as kube-apiserver does). */
  private scheduleCompaction(previous: number): void {
    this.compaction = this.clock.schedule(
      COMPACTION_INTERVAL_MS,
      () => {
        const status = this.etcd.status();
        if (previous > status.compactRevision) this.etcd.compact(previous);
        this.scheduleCompaction(status.revision);
      },
      { background: true },
    );
  }

  private startKubelet(machine: MachineSpec): void {
    const random = this.random.fork(`kubelet/${machine.name}`);
    const kubelet = this.disposables.add(
      new Kubelet({
        client: this.client(`kubelet/${machine.name}`, nodeUser(machine.name)),
        clock: this.clock,
        random,
        machine: {
          name: machine.name,
          address: machine.address,
          cpu: machine.cpu,
          memory: machine.memory,
          pods: '110',
          ephemeralStorage: '20134592Ki',
          machineID: random.string(32, '0123456789abcdef'),
          systemUUID: random.uuid(),
          bootID: random.uuid(),
        },
        preloadedImages: machine.role === 'control-plane' ? [...PRELOADED_IMAGES, ...CONTROL_PLANE_IMAGES] : PRELOADED_IMAGES,
        staticPodManifests: () => this.readManifestDirectory(machine.name),
        hostFiles: (path) => this.readHostTree(machine.name, path),
        containerTarget: (pod, container) => this.containerTargets.target(pod, container),
      }),
    );
    this.kubelets.set(machine.name, kubelet);
    if (machine.role === 'control-plane') {
      this.components.watch(kubelet);
      this.disposables.add(kubelet.onDidSyncPod(() => this.followEtcdDataDir(machine.name, kubelet)));
    }
    // systemd starts the kubelet service (kubeadm init/join enable and start it).
    const os = this.nodes.get(machine.name);
    if (os) os.attachKubelet(kubelet);
    else kubelet.start();
    // kube-proxy comes with the node (kubeadm runs it as a DaemonSet Pod on every node).
    const proxy = this.disposables.add(
      new KubeProxy({ client: this.client(`kube-proxy/${machine.name}`, serviceAccountUser('kube-system', 'kube-proxy')), clock: this.clock, nodeName: machine.name, network: this.network }),
    );
    proxy.start();
    if (machine.role === 'control-plane') this.markControlPlane(machine.name);
  }

  /**
   * etcd restarted on another data directory: a restored snapshot there becomes the keyspace the
   * API server serves (every watch re-lists). A directory without a member database is not modelled.
   */
  private followEtcdDataDir(node: string, kubelet: Kubelet): void {
    const fs = this.hosts.get(node)?.fs;
    if (!fs || !kubelet.isStaticPodRunning('etcd')) return;
    const dir = etcdDataDir(fs);
    if (!dir || dir === this.etcdDataDirInUse) return;
    const keyspace = restoredKeyspace(fs, dir);
    if (!keyspace) return;
    this.etcdDataDirInUse = dir;
    this.etcd.switchTo(MvccStore.restore(keyspace, this.etcdDispatch));
    this.tracer.emit({ from: 'etcd', to: 'etcd', verb: 'restore', key: `${dir}/member/snap/db`, revision: keyspace.revision });
  }

  /** The node's static Pod directory, read through its own filesystem (the learner can edit it). */
  /** The regular files under `path` on a node's disk, by path relative to it (hostPath volumes). */
  private readHostTree(node: string, path: string): Map<string, string> {
    const fs = this.hosts.get(node)?.fs;
    const files = new Map<string, string>();
    const walk = (dir: string, relative: string): void => {
      for (const name of fs?.readdir(dir) ?? []) {
        const full = `${dir === '/' ? '' : dir}/${name}`;
        const stat = fs?.tryStat(full);
        if (stat?.isDirectory) walk(full, `${relative}${name}/`);
        else if (stat?.isFile) files.set(`${relative}${name}`, fs!.readFile(full));
      }
    };
    if (fs?.tryStat(path)?.isDirectory) walk(path, '');
    return files;
  }

  private readManifestDirectory(node: string): Array<{ path: string; content: string }> {
    const fs = this.hosts.get(node)?.fs;
    const dir = '/etc/kubernetes/manifests';
    if (!fs?.tryStat(dir)?.isDirectory) return [];
    return fs
      .readdir(dir)
      .filter((name) => !name.startsWith('.'))
      .map((name) => `${dir}/${name}`)
      .filter((path) => fs.tryStat(path)?.isFile)
      .map((path) => ({ path, content: fs.readFile(path) }));
  }

  /** kubeadm's mark-control-plane phase: the role label and the NoSchedule taint. */
  private markControlPlane(name: string): void {
    const kubeadm = this.client('kubeadm');
    kubeadm.patch(NODES, undefined, name, 'strategic', {
      metadata: {
        labels: { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' },
        annotations: { 'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock' },
      },
      spec: { taints: [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }] },
    });
  }

  dispose(): void {
    this.compaction?.dispose();
    this.currentScheduler.dispose();
    this.disposables.dispose();
    for (const host of this.hosts.values()) host.fs.dispose();
  }
}
