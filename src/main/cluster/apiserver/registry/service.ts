/**
 * Services, as kube-apiserver 1.32 serves them on a single-stack IPv4 cluster: scheme defaults,
 * the REST hooks that keep clusterIP/clusterIPs in step and allocate cluster IPs and node ports
 * (service/storage: beginCreate, beginUpdate), the strategy (status reset, type-dependent fields),
 * ValidateService's rules and wording, selectable fields and the printer. The Endpoints of the
 * same name go when the Service goes.
 */
import type { Service, ServicePort } from '../../../../shared/api/core.js';
import type { KubeObject, Status } from '../../../../shared/api/meta.js';
import { type FieldError, goStringSlice, internalError, invalid, invalidValue } from '../errors.js';
import { GO_BOOL, GO_INT32, GO_INT_OR_STRING, GO_STRING, decodeError, goMap, goSlice, goStruct } from './decoding.js';
import { ipFamilyOf } from './ip.js';
import { age } from './printing.js';
import { ALL_VERBS, type ResourceDefinition, type StrategyContext, column } from './resource.js';
import { NodePortOperation, NodePortRange, ServiceIPRange } from './service-allocator.js';
import {
  NONE,
  externallyAccessible,
  needsClusterIP,
  needsHealthCheck,
  needsNodePort,
  validateAllocation,
  validateService,
  validateServiceUpdate,
  validateStatus,
} from './service-validation.js';

function shouldAllocateNodePorts(svc: Service): boolean {
  if (svc.spec.type === 'NodePort') return true;
  return svc.spec.type === 'LoadBalancer' && svc.spec.allocateLoadBalancerNodePorts === true;
}

function sameStrings(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

function sameClusterIPs(a: Service, b: Service): boolean {
  return (a.spec.clusterIP ?? '') === (b.spec.clusterIP ?? '') && sameStrings(a.spec.clusterIPs, b.spec.clusterIPs);
}

function nodePortsOf(svc: Service): number[] {
  return (svc.spec.ports ?? []).map((p) => p.nodePort ?? 0).filter((p) => p !== 0);
}

// ---- decoding and defaults ----------------------------------------------------------------------

const STRINGS = goSlice(GO_STRING);

/** The Service fields whose JSON type the decoder checks (v1.ServiceSpec, v1.ServicePort). */
const SERVICE = goStruct('Service', {
  spec: goStruct('ServiceSpec', {
    ports: goSlice(
      goStruct('ServicePort', {
        name: GO_STRING,
        protocol: { kind: 'string', name: 'v1.Protocol' },
        appProtocol: GO_STRING,
        port: GO_INT32,
        targetPort: GO_INT_OR_STRING,
        nodePort: GO_INT32,
      }),
    ),
    selector: goMap(GO_STRING),
    clusterIP: GO_STRING,
    clusterIPs: STRINGS,
    type: { kind: 'string', name: 'v1.ServiceType' },
    externalIPs: STRINGS,
    externalName: GO_STRING,
    sessionAffinity: { kind: 'string', name: 'v1.ServiceAffinity' },
    sessionAffinityConfig: goStruct('SessionAffinityConfig', { clientIP: goStruct('ClientIPConfig', { timeoutSeconds: GO_INT32 }) }),
    loadBalancerIP: GO_STRING,
    loadBalancerSourceRanges: STRINGS,
    externalTrafficPolicy: { kind: 'string', name: 'v1.ServiceExternalTrafficPolicy' },
    healthCheckNodePort: GO_INT32,
    publishNotReadyAddresses: GO_BOOL,
    ipFamilies: goSlice({ kind: 'string', name: 'v1.IPFamily' }),
    ipFamilyPolicy: { kind: 'string', name: 'v1.IPFamilyPolicy' },
    allocateLoadBalancerNodePorts: GO_BOOL,
    loadBalancerClass: GO_STRING,
    internalTrafficPolicy: { kind: 'string', name: 'v1.ServiceInternalTrafficPolicy' },
    trafficDistribution: GO_STRING,
  }),
});

function decode(obj: KubeObject): string | undefined {
  return decodeError(obj, SERVICE);
}

/** SetDefaults_Service. */
function applyDefaults(obj: KubeObject): void {
  const svc = obj as Service;
  const spec = (svc.spec ??= {});
  spec.sessionAffinity ||= 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined) {
    // DefaultClientIPServiceAffinitySeconds: three hours.
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  spec.type ||= 'ClusterIP';
  for (const port of spec.ports ?? []) {
    port.protocol ||= 'TCP';
    if (port.targetPort === undefined || port.targetPort === null || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port ?? 0;
  }
  if (externallyAccessible(svc) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (spec.internalTrafficPolicy === undefined && ['ClusterIP', 'NodePort', 'LoadBalancer'].includes(spec.type)) spec.internalTrafficPolicy = 'Cluster';
  if (spec.type === 'LoadBalancer') {
    spec.allocateLoadBalancerNodePorts ??= true;
    for (const ingress of svc.status?.loadBalancer?.ingress ?? []) {
      if (ingress.ip && ingress.ipMode === undefined) ingress.ipMode = 'VIP';
    }
  }
}

// ---- clusterIP / clusterIPs and IP families -----------------------------------------------------

/** normalizeClusterIPs: old clients set only `clusterIP`; keep `clusterIPs` in step with it. */
function normalizeClusterIPs(svc: Service, old: Service | undefined): void {
  const spec = svc.spec;
  if (!old) {
    if (spec.clusterIP && (spec.clusterIPs ?? []).length === 0) spec.clusterIPs = [spec.clusterIP];
    return;
  }
  // An old client patching some other field dropped clusterIPs.
  if ((old.spec.clusterIPs ?? []).length > 0 && (spec.clusterIPs ?? []).length === 0 && (old.spec.clusterIP ?? '') === (spec.clusterIP ?? '')) {
    spec.clusterIPs = old.spec.clusterIPs;
  }
  if ((old.spec.clusterIP ?? '') !== (spec.clusterIP ?? '')) {
    if (old.spec.clusterIP && !spec.clusterIP) {
      if (sameStrings(old.spec.clusterIPs, spec.clusterIPs)) delete spec.clusterIPs;
    } else if (sameStrings(old.spec.clusterIPs, spec.clusterIPs)) {
      spec.clusterIPs = [spec.clusterIP ?? ''];
    }
  }
}

/** patchAllocatedValues: re-applying the YAML a Service was created from keeps what was allocated. */
function patchAllocatedValues(svc: Service, old: Service): void {
  if (needsClusterIP(old) && needsClusterIP(svc)) {
    if (!svc.spec.clusterIP && old.spec.clusterIP) svc.spec.clusterIP = old.spec.clusterIP;
    if ((svc.spec.clusterIPs ?? []).length === 0 && (old.spec.clusterIPs ?? []).length > 0) svc.spec.clusterIPs = old.spec.clusterIPs;
  }
  if (needsNodePort(old) && needsNodePort(svc)) {
    const kept = new Set(nodePortsOf(old).filter((p) => nodePortsOf(svc).includes(p)));
    const byName = new Map((old.spec.ports ?? []).map((p) => [p.name ?? '', p.nodePort ?? 0]));
    for (const port of svc.spec.ports ?? []) {
      if (port.nodePort) continue;
      const previous = byName.get(port.name ?? '') ?? 0;
      if (previous && !kept.has(previous)) port.nodePort = previous;
    }
  }
  if (needsHealthCheck(old) && needsHealthCheck(svc) && !svc.spec.healthCheckNodePort && old.spec.healthCheckNodePort) {
    svc.spec.healthCheckNodePort = old.spec.healthCheckNodePort;
  }
}

/** isMatchingPreferDualStackClusterIPFields: nothing to (re)allocate for an unchanged PreferDualStack Service. */
function unchangedPreferDualStack(svc: Service, old: Service | undefined): boolean {
  if (!old || svc.spec.ipFamilyPolicy === undefined || old.spec.type !== svc.spec.type || !needsClusterIP(svc)) return false;
  if (svc.spec.ipFamilyPolicy !== 'PreferDualStack') return false;
  if (old.spec.ipFamilyPolicy !== undefined && old.spec.ipFamilyPolicy !== 'PreferDualStack') return false;
  return sameClusterIPs(old, svc) && sameStrings(old.spec.ipFamilies, svc.spec.ipFamilies);
}

/** initIPFamilyFields on a cluster whose only service IP family is IPv4. */
function initIPFamilyFields(svc: Service, old: Service | undefined): FieldError[] {
  const spec = svc.spec;
  if (spec.type === 'ExternalName' || unchangedPreferDualStack(svc, old)) return [];
  const selectorless = Object.keys(spec.selector ?? {}).length === 0;
  if (spec.ipFamilyPolicy === undefined) {
    if (old?.spec.ipFamilyPolicy !== undefined) spec.ipFamilyPolicy = old.spec.ipFamilyPolicy;
    else if (spec.clusterIP === NONE && selectorless) spec.ipFamilyPolicy = 'RequireDualStack';
    else spec.ipFamilyPolicy = 'SingleStack';
  }
  const loose = validateAllocation(svc);
  if (loose.length > 0) return loose;
  const errors: FieldError[] = [];
  const policy = spec.ipFamilyPolicy;
  if (old) {
    if (policy === 'SingleStack') {
      // Setting SingleStack with unchanged fields is a clear request to drop the secondary IP.
      if (sameClusterIPs(old, svc) && (spec.clusterIPs ?? []).length > 1) spec.clusterIPs = spec.clusterIPs!.slice(0, 1);
      if (sameStrings(old.spec.ipFamilies, spec.ipFamilies) && (spec.ipFamilies ?? []).length > 1) spec.ipFamilies = spec.ipFamilies!.slice(0, 1);
    } else {
      if ((spec.clusterIPs ?? []).length < (old.spec.clusterIPs ?? []).length) {
        errors.push(invalidValue('spec.ipFamilyPolicy', policy, "must be 'SingleStack' to release the secondary cluster IP"));
      }
      if ((spec.ipFamilies ?? []).length < (old.spec.ipFamilies ?? []).length) {
        errors.push(invalidValue('spec.ipFamilyPolicy', policy, "must be 'SingleStack' to release the secondary IP family"));
      }
    }
  }
  if (policy === 'SingleStack') {
    if ((spec.clusterIPs ?? []).length === 2) {
      errors.push(invalidValue('spec.ipFamilyPolicy', policy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
    }
    if ((spec.ipFamilies ?? []).length === 2) {
      errors.push(invalidValue('spec.ipFamilyPolicy', policy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
    }
  }
  // Families follow the addresses the user chose.
  const clusterIPs = spec.clusterIPs ?? [];
  for (let i = 0; i < clusterIPs.length; i++) {
    const ip = clusterIPs[i]!;
    if (ip === NONE) break;
    const family = ipFamilyOf(ip) ?? 'IPv4';
    if (i >= (spec.ipFamilies ?? []).length) {
      if (family !== 'IPv4') errors.push(invalidValue(`spec.clusterIPs[${i}]`, goStringSlice(clusterIPs), `${family} is not configured on this cluster`));
      else (spec.ipFamilies ??= []).push(family);
    }
  }
  if (errors.length > 0) return errors;
  if (spec.clusterIP === NONE && selectorless) {
    // Headless without a selector: its endpoints are the user's, of any family.
    if ((spec.ipFamilies ?? []).length === 0) spec.ipFamilies = ['IPv4'];
    if (spec.ipFamilies!.length < 2 && policy !== 'SingleStack') spec.ipFamilies!.push(spec.ipFamilies![0] === 'IPv4' ? 'IPv6' : 'IPv4');
    return [];
  }
  if (policy === 'RequireDualStack') errors.push(invalidValue('spec.ipFamilyPolicy', policy, 'this cluster is not configured for dual-stack services'));
  (spec.ipFamilies ?? []).forEach((family, i) => {
    if (family !== 'IPv4') errors.push(invalidValue(`spec.ipFamilies[${i}]`, family, 'not configured on this cluster'));
  });
  if (errors.length > 0) return errors;
  if ((spec.ipFamilies ?? []).length === 0) spec.ipFamilies = ['IPv4'];
  return [];
}

function takenClusterIPs(ctx: StrategyContext): string[] {
  return ctx.list('', 'services').flatMap((o) => {
    const spec = (o as Service).spec ?? {};
    return [...(spec.clusterIPs ?? []), ...(spec.clusterIP ? [spec.clusterIP] : [])];
  });
}

/** allocClusterIPs: the chosen address if free and in range, else a random one from the upper band. */
function allocClusterIPs(svc: Service, ctx: StrategyContext): Status | undefined {
  const spec = svc.spec;
  if (spec.type === 'ExternalName' || (spec.clusterIPs ?? [])[0] === NONE) return undefined;
  const range = new ServiceIPRange(ctx.config.serviceClusterIPRange);
  const clusterIPs = (spec.clusterIPs ??= []);
  // Only IPv4 is configured, and initIPFamilyFields refused anything else.
  if (clusterIPs.length === 0) clusterIPs.push('');
  const wanted = clusterIPs[0]!;
  let ip: string;
  if (!wanted) {
    const next = range.allocateNext(takenClusterIPs(ctx), ctx.stream('service-cluster-ip-allocator'));
    if (next === undefined) return internalError('failed to allocate a serviceIP: range is full');
    ip = next;
  } else {
    const error = range.allocate(wanted, takenClusterIPs(ctx));
    if (error) {
      return invalid('Service', '', svc.metadata.name ?? '', [invalidValue('spec.clusterIPs', goStringSlice(clusterIPs), `failed to allocate IP ${wanted}: ${error}`)]);
    }
    ip = wanted;
  }
  clusterIPs[0] = ip;
  spec.clusterIP = ip;
  return undefined;
}

function nodePortOperation(ctx: StrategyContext): NodePortOperation {
  const taken = ctx.list('', 'services').flatMap((o) => {
    const svc = o as Service;
    return [...nodePortsOf(svc), ...(svc.spec?.healthCheckNodePort ? [svc.spec.healthCheckNodePort] : [])];
  });
  return new NodePortOperation(new NodePortRange(ctx.config.serviceNodePortRange), taken, ctx.stream('service-node-port-allocator'));
}

function nodePortInvalid(svc: Service, index: number, port: number, error: string): Status {
  return invalid('Service', '', svc.metadata.name ?? '', [invalidValue(`spec.ports[${index}].nodePort`, port, error)]);
}

/** initNodePorts: ports with the same number (TCP and UDP 53) share one node port. */
function initNodePorts(svc: Service, op: NodePortOperation): Status | undefined {
  const ports = svc.spec.ports ?? [];
  const byPort = new Map<number, number>();
  for (let i = 0; i < ports.length; i++) {
    const port = ports[i]!;
    if (!port.nodePort && !shouldAllocateNodePorts(svc)) continue;
    const allocated = byPort.get(port.port) ?? 0;
    if (allocated === 0) {
      const requested = ports.find((p) => p.port === port.port && p.nodePort)?.nodePort ?? 0;
      if (requested) {
        const error = op.allocate(requested);
        if (error) return nodePortInvalid(svc, i, requested, error);
        port.nodePort = requested;
      } else {
        const next = op.allocateNext();
        if (next === undefined) return internalError('failed to allocate a nodePort: range is full');
        port.nodePort = next;
      }
      byPort.set(port.port, port.nodePort);
    } else if (port.nodePort !== allocated) {
      if (!port.nodePort) port.nodePort = allocated;
      else {
        const error = op.allocate(port.nodePort);
        if (error) return nodePortInvalid(svc, i, port.nodePort, error);
      }
    }
  }
  return undefined;
}

function allocHealthCheckNodePort(svc: Service, op: NodePortOperation): Status | undefined {
  const requested = svc.spec.healthCheckNodePort ?? 0;
  if (requested) {
    const error = op.allocate(requested);
    return error ? internalError(`failed to allocate requested HealthCheck NodePort ${requested}: ${error}`) : undefined;
  }
  const next = op.allocateNext();
  if (next === undefined) return internalError('failed to allocate a HealthCheck NodePort 0: range is full');
  svc.spec.healthCheckNodePort = next;
  return undefined;
}

function beginCreate(obj: KubeObject, ctx: StrategyContext): Status | undefined {
  const svc = obj as Service;
  normalizeClusterIPs(svc, undefined);
  const familyErrors = initIPFamilyFields(svc, undefined);
  if (familyErrors.length > 0) return invalid('Service', '', svc.metadata.name ?? '', familyErrors);
  const refused = allocClusterIPs(svc, ctx);
  if (refused) return refused;
  const op = nodePortOperation(ctx);
  if (needsNodePort(svc)) {
    const failed = initNodePorts(svc, op);
    if (failed) return failed;
  }
  return needsHealthCheck(svc) ? allocHealthCheckNodePort(svc, op) : undefined;
}

/** updateNodePorts: ports the Service already holds stay; new ones are allocated. */
function updateNodePorts(svc: Service, old: Service, op: NodePortOperation): Status | undefined {
  const held = nodePortsOf(old);
  const allocatedNow = new Set<number>();
  const seen: string[] = [];
  const ports = svc.spec.ports ?? [];
  for (let i = 0; i < ports.length; i++) {
    const port = ports[i]!;
    if (!port.nodePort && !shouldAllocateNodePorts(svc)) continue;
    if (port.nodePort) {
      if (!held.includes(port.nodePort) && !allocatedNow.has(port.nodePort)) {
        const error = op.allocate(port.nodePort);
        if (error) return nodePortInvalid(svc, i, port.nodePort, error);
        allocatedNow.add(port.nodePort);
      }
    } else {
      const next = op.allocateNext();
      if (next === undefined) return internalError('failed to allocate a nodePort: range is full');
      port.nodePort = next;
    }
    const key = `{${port.protocol ?? ''} ${port.nodePort}}`;
    if (seen.includes(key)) return internalError(`duplicate nodePort: ${key}`);
    seen.push(key);
  }
  return undefined;
}

function beginUpdate(obj: KubeObject, oldObj: KubeObject, ctx: StrategyContext): Status | undefined {
  const svc = obj as Service;
  const old = oldObj as Service;
  svc.spec ??= {};
  patchAllocatedValues(svc, old);
  normalizeClusterIPs(svc, old);
  const familyErrors = initIPFamilyFields(svc, old);
  if (familyErrors.length > 0) return invalid('Service', '', svc.metadata.name ?? '', familyErrors);
  // From ExternalName to a type with a cluster IP: allocate as on create. Addresses given back
  // (to ExternalName, or on delete) are free as soon as no stored Service holds them.
  if (!unchangedPreferDualStack(svc, old) && old.spec.type === 'ExternalName' && svc.spec.type !== 'ExternalName') {
    const refused = allocClusterIPs(svc, ctx);
    if (refused) return refused;
  }
  const op = nodePortOperation(ctx);
  if (needsNodePort(svc)) {
    const failed = updateNodePorts(svc, old, op);
    if (failed) return failed;
  }
  if (!needsHealthCheck(old) && needsHealthCheck(svc)) return allocHealthCheckNodePort(svc, op);
  return undefined;
}

// ---- strategy ------------------------------------------------------------------------------------

function prepareForCreate(obj: KubeObject): void {
  // Status is the load balancer controller's to write.
  (obj as Service).status = { loadBalancer: {} };
}

/** dropTypeDependentFields: a type change clears what the old type had allocated, unless the user changed it too. */
function prepareForUpdate(obj: KubeObject, oldObj: KubeObject): void {
  const svc = obj as Service;
  const old = oldObj as Service;
  const spec = svc.spec;
  if (needsClusterIP(old) && !needsClusterIP(svc)) {
    if (sameClusterIPs(old, svc)) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (sameStrings(old.spec.ipFamilies, spec.ipFamilies)) delete spec.ipFamilies;
    if (old.spec.ipFamilyPolicy === spec.ipFamilyPolicy) delete spec.ipFamilyPolicy;
  }
  const oldPorts = new Set(nodePortsOf(old));
  if (needsNodePort(old) && !needsNodePort(svc) && nodePortsOf(svc).every((p) => oldPorts.has(p))) {
    for (const port of spec.ports ?? []) delete port.nodePort;
  }
  if (needsHealthCheck(old) && !needsHealthCheck(svc) && old.spec.healthCheckNodePort === spec.healthCheckNodePort) delete spec.healthCheckNodePort;
  if (old.spec.type === 'LoadBalancer' && spec.type !== 'LoadBalancer') {
    if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts === old.spec.allocateLoadBalancerNodePorts) {
      delete spec.allocateLoadBalancerNodePorts;
    }
    if (spec.loadBalancerClass === old.spec.loadBalancerClass) delete spec.loadBalancerClass;
  }
  if (externallyAccessible(old) && !externallyAccessible(svc) && spec.externalTrafficPolicy === old.spec.externalTrafficPolicy) {
    delete spec.externalTrafficPolicy;
  }
  // Load balancer de-provisioning is asynchronous, but the user need not see that.
  if (spec.type !== 'LoadBalancer') svc.status = { ...svc.status, loadBalancer: {} };
}

function selectableField(obj: KubeObject, field: string): string | undefined {
  const spec = (obj as Service).spec ?? {};
  if (field === 'spec.clusterIP') return spec.clusterIP ?? '';
  if (field === 'spec.type') return spec.type ?? '';
  return undefined;
}

// ---- printer -------------------------------------------------------------------------------------

/** makePortString: `80/TCP`, `80:30080/TCP`, joined by commas. */
export function portsText(ports: readonly ServicePort[] | undefined): string {
  return (ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`)).join(',');
}

/** getServiceExternalIP, wide as server-side printing always is. */
export function externalIPText(svc: Service): string {
  const externalIPs = svc.spec.externalIPs ?? [];
  switch (svc.spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress = new Set<string>();
      for (const i of svc.status?.loadBalancer?.ingress ?? []) {
        if (i.ip) ingress.add(i.ip);
        else if (i.hostname) ingress.add(i.hostname);
      }
      const lb = [...ingress].sort();
      if (externalIPs.length > 0) return [...lb, ...externalIPs].join(',');
      return lb.length > 0 ? lb.join(',') : '<pending>';
    }
    case 'ExternalName':
      return svc.spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** labels.FormatLabels: sorted `k=v` pairs, `<none>` when empty. */
function selectorText(selector: Record<string, string> | undefined): string {
  const entries = Object.entries(selector ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length === 0 ? '<none>' : entries.map(([k, v]) => `${k}=${v}`).join(',');
}

function serviceCells(obj: KubeObject, now: number): string[] {
  const svc = obj as Service;
  const spec = svc.spec ?? {};
  return [
    svc.metadata.name ?? '',
    spec.type ?? '',
    (spec.clusterIPs ?? [])[0] ?? '<none>',
    externalIPText({ ...svc, spec }),
    portsText(spec.ports) || '<none>',
    age(svc.metadata.creationTimestamp, now),
    selectorText(spec.selector),
  ];
}

export const serviceResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Service',
  plural: 'services',
  singular: 'service',
  namespaced: true,
  shortNames: ['svc'],
  categories: ['all'],
  storagePrefix: 'services/specs',
  verbs: ALL_VERBS,
  subresources: ['proxy', 'status'],
  strategy: {
    returnDeletedObject: true,
    hasStatusSubresource: true,
    decode,
    applyDefaults,
    beginCreate,
    beginUpdate,
    prepareForCreate,
    prepareForUpdate,
    validate: (obj) => validateService(obj as Service),
    validateUpdate: (obj, old) => validateServiceUpdate(obj as Service, old as Service),
    validateStatusUpdate: (obj) => validateStatus(obj as Service),
    dependents: (obj) => [{ group: '', resource: 'endpoints', namespace: obj.metadata.namespace, name: obj.metadata.name ?? '' }],
    selectableField,
    selectableFields: ['spec.clusterIP', 'spec.type'],
  },
  printer: {
    columns: [
      column('Name', 'string', 'Name must be unique within a namespace.', 0, 'name'),
      column('Type', 'string', 'type determines how the Service is exposed.'),
      column('Cluster-IP', 'string', 'clusterIP is the IP address of the service and is usually assigned randomly.'),
      column('External-IP', 'string', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'),
      column('Port(s)', 'string', 'The list of ports that are exposed by this service.'),
      column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
      column('Selector', 'string', 'Route service traffic to pods with label keys and values matching this selector.', 1),
    ],
    cells: serviceCells,
  },
};

