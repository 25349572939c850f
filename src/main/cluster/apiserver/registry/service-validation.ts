/**
 * ValidateService, ValidateServiceUpdate and ValidateServiceStatusUpdate (pkg/apis/core/validation,
 * 1.32) with their field paths and wording, and the Service predicates they and the registry share
 * (pkg/api/service: ExternallyAccessible, NeedsHealthCheck …).
 */
import type { Service, ServicePort } from '../../../../shared/api/core.js';
import {
  type FieldError,
  duplicate,
  forbidden,
  goLiteral,
  goStringSlice,
  invalidValue,
  notSupported,
  required,
} from '../errors.js';
import { ipFamilyOf } from './ip.js';
import {
  PORT_RANGE_ERROR,
  isValidPortNum,
  validateDns1123Label,
  validateCIDR,
  validateDns1123Subdomain,
  validateIP,
  validateLabels,
  validateNonSpecialIP,
  validateObjectMeta,
  validatePortNumOrName,
  validateQualifiedName,
} from './validation.js';

export const NONE = 'None';
export const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const AFFINITIES = ['ClientIP', 'None'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const IP_FAMILIES = ['IPv4', 'IPv6'];
const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;

export function needsClusterIP(svc: Service): boolean {
  return svc.spec.type !== 'ExternalName';
}

export function needsNodePort(svc: Service): boolean {
  return svc.spec.type === 'NodePort' || svc.spec.type === 'LoadBalancer';
}

/** NeedsHealthCheck: a LoadBalancer that keeps traffic on the node it arrived at. */
export function needsHealthCheck(svc: Service): boolean {
  return svc.spec.type === 'LoadBalancer' && svc.spec.externalTrafficPolicy === 'Local';
}

/** ExternallyAccessible: reachable from outside the cluster, so externalTrafficPolicy applies. */
export function externallyAccessible(svc: Service): boolean {
  const type = svc.spec.type;
  return type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && (svc.spec.externalIPs ?? []).length > 0);
}

export function isHeadless(svc: Service): boolean {
  const ips = svc.spec.clusterIPs ?? [];
  return ips.length === 1 && ips[0] === NONE;
}

/** `%#v` of a core.ServicePort, as a duplicate port is reported. */
function goServicePort(protocol: string | undefined, port: number): string {
  return `core.ServicePort{Name:"", Protocol:${JSON.stringify(protocol ?? '')}, AppProtocol:(*string)(nil), Port:${port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;
}

function validatePort(port: ServicePort, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (requireName && !port.name) errors.push(required(`${path}.name`));
  else if (port.name) {
    errors.push(...validateDns1123Label(port.name, `${path}.name`));
    if (names.has(port.name)) errors.push(duplicate(`${path}.name`, port.name));
    else names.add(port.name);
  }
  if (!isValidPortNum(port.port)) errors.push(invalidValue(`${path}.port`, port.port ?? 0, PORT_RANGE_ERROR));
  if (!port.protocol) errors.push(required(`${path}.protocol`));
  else if (!PROTOCOLS.includes(port.protocol)) errors.push(notSupported(`${path}.protocol`, port.protocol, PROTOCOLS));
  errors.push(...validatePortNumOrName(port.targetPort ?? 0, `${path}.targetPort`));
  if (port.appProtocol !== undefined) errors.push(...validateQualifiedName(port.appProtocol, `${path}.appProtocol`));
  return errors;
}

/**
 * ValidateServiceClusterIPsRelatedFields: clusterIP and clusterIPs agree, families and policy are
 * known values, addresses are valid and at most one per family. The allocator runs it first.
 */
export function validateAllocation(svc: Service): FieldError[] {
  const spec = svc.spec;
  if (spec.type === 'ExternalName') return [];
  const errors: FieldError[] = [];
  const clusterIPs = spec.clusterIPs ?? [];
  const shown = goStringSlice(spec.clusterIPs);
  if (spec.clusterIP) {
    if (clusterIPs.length === 0) errors.push(required('spec.clusterIPs'));
    else if (clusterIPs[0] !== spec.clusterIP) errors.push(invalidValue('spec.clusterIPs', shown, 'first value must match `clusterIP`'));
  } else if (clusterIPs.length > 0) {
    errors.push(invalidValue('spec.clusterIPs', shown, 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  (spec.ipFamilies ?? []).forEach((family, i) => {
    if (!IP_FAMILIES.includes(family)) errors.push(notSupported(`spec.ipFamilies[${i}]`, family, IP_FAMILIES));
    if (seen.has(family)) errors.push(duplicate(`spec.ipFamilies[${i}]`, family));
    seen.add(family);
  });
  if (spec.ipFamilyPolicy !== undefined && !IP_FAMILY_POLICIES.includes(spec.ipFamilyPolicy)) {
    errors.push(notSupported('spec.ipFamilyPolicy', spec.ipFamilyPolicy, IP_FAMILY_POLICIES));
  }
  let badIPs = false;
  clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === NONE) {
      if (clusterIPs.length > 1) {
        badIPs = true;
        errors.push(invalidValue('spec.clusterIPs', shown, "'None' must be the first and only value"));
      }
      return;
    }
    const ipErrors = validateIP(ip, `spec.clusterIPs[${i}]`);
    if (ipErrors.length > 0) badIPs = true;
    errors.push(...ipErrors);
  });
  if (clusterIPs.length > 2) errors.push(invalidValue('spec.clusterIPs', shown, 'may only hold up to 2 values'));
  // Bad addresses would only make the family checks below confusing.
  if (badIPs) return errors;
  if (clusterIPs.length > 1 && ipFamilyOf(clusterIPs[0]!) === ipFamilyOf(clusterIPs[1]!)) {
    errors.push(invalidValue('spec.clusterIPs', shown, 'may specify no more than one IP for each IP family'));
  }
  if (!isHeadless(svc)) {
    clusterIPs.forEach((ip, i) => {
      const family = spec.ipFamilies?.[i];
      if (family === 'IPv4' && ipFamilyOf(ip) === 'IPv6') {
        errors.push(invalidValue(`spec.clusterIPs[${i}]`, ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      }
      if (family === 'IPv6' && ipFamilyOf(ip) !== 'IPv6') {
        errors.push(invalidValue(`spec.clusterIPs[${i}]`, ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
      }
    });
  }
  return errors;
}

function validateSessionAffinity(svc: Service): FieldError[] {
  const spec = svc.spec;
  const affinity = spec.sessionAffinity;
  if (!affinity) return [required('spec.sessionAffinity')];
  if (!AFFINITIES.includes(affinity)) return [notSupported('spec.sessionAffinity', affinity, AFFINITIES)];
  const path = 'spec.sessionAffinityConfig';
  if (affinity === 'None') return spec.sessionAffinityConfig ? [forbidden(path, 'must not be set when session affinity is None')] : [];
  const why = 'when session affinity type is ClientIP';
  const config = spec.sessionAffinityConfig;
  if (!config) return [required(path, why)];
  if (!config.clientIP) return [required(`${path}.clientIP`, why)];
  const timeout = config.clientIP.timeoutSeconds;
  if (timeout === undefined) return [required(`${path}.clientIP.timeoutSeconds`, why)];
  if (timeout <= 0 || timeout > MAX_CLIENT_IP_AFFINITY_SECONDS) {
    return [invalidValue(`${path}.clientIP.timeoutSeconds`, timeout, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`)];
  }
  return [];
}

function validateTrafficPolicies(svc: Service): FieldError[] {
  const spec = svc.spec;
  const errors: FieldError[] = [];
  if (!externallyAccessible(svc)) {
    if (spec.externalTrafficPolicy) {
      errors.push(invalidValue('spec.externalTrafficPolicy', spec.externalTrafficPolicy, 'may only be set for externally-accessible services'));
    }
  } else if (!spec.externalTrafficPolicy) {
    errors.push(required('spec.externalTrafficPolicy'));
  } else if (!TRAFFIC_POLICIES.includes(spec.externalTrafficPolicy)) {
    errors.push(notSupported('spec.externalTrafficPolicy', spec.externalTrafficPolicy, TRAFFIC_POLICIES));
  }
  const hc = spec.healthCheckNodePort ?? 0;
  if (!needsHealthCheck(svc)) {
    if (hc !== 0) {
      errors.push(invalidValue('spec.healthCheckNodePort', hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
    }
  } else if (hc === 0) {
    errors.push(required('spec.healthCheckNodePort'));
  } else if (!isValidPortNum(hc)) {
    errors.push(invalidValue('spec.healthCheckNodePort', hc, PORT_RANGE_ERROR));
  }
  const internal = spec.internalTrafficPolicy;
  // Not forbidden on ExternalName, for historical reasons.
  if (internal === undefined && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type ?? '')) errors.push(required('spec.internalTrafficPolicy'));
  if (internal !== undefined && !TRAFFIC_POLICIES.includes(internal)) errors.push(notSupported('spec.internalTrafficPolicy', internal, TRAFFIC_POLICIES));
  if (spec.trafficDistribution !== undefined && spec.trafficDistribution !== 'PreferClose') {
    errors.push(notSupported('spec.trafficDistribution', spec.trafficDistribution, ['PreferClose']));
  }
  return errors;
}

function validateLoadBalancerClass(svc: Service, old: Service | undefined): FieldError[] {
  const errors: FieldError[] = [];
  const cls = svc.spec.loadBalancerClass;
  if (old?.spec.type === 'LoadBalancer' && svc.spec.type === 'LoadBalancer' && old.spec.loadBalancerClass !== cls) {
    errors.push(invalidValue('spec.loadBalancerClass', cls ?? null, 'may not change once set'));
  }
  if (svc.spec.type === 'LoadBalancer') {
    if (cls !== undefined) errors.push(...validateQualifiedName(cls, 'spec.loadBalancerClass'));
  } else if (cls !== undefined) {
    errors.push(forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
  }
  return errors;
}

export function validateService(svc: Service, old?: Service): FieldError[] {
  const spec = svc.spec ?? {};
  const errors = validateObjectMeta(svc, { namespaced: true, nameRule: 'dns1035' });
  const ports = spec.ports ?? [];
  const headless = isHeadless(svc);
  if (ports.length === 0 && !headless && spec.type !== 'ExternalName') errors.push(required('spec.ports'));
  if ((spec.type === 'LoadBalancer' || spec.type === 'NodePort') && headless) {
    errors.push(invalidValue('spec.clusterIPs[0]', NONE, `may not be set to 'None' for ${spec.type} services`));
  }
  if (spec.type === 'ExternalName') {
    if ((spec.clusterIPs ?? []).length > 0) errors.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if ((spec.ipFamilies ?? []).length > 0) errors.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (spec.ipFamilyPolicy !== undefined) errors.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    // A trailing dot marks the name fully qualified.
    const cname = (spec.externalName ?? '').replace(/\.$/, '');
    if (cname) errors.push(...validateDns1123Subdomain(cname, 'spec.externalName'));
    else errors.push(required('spec.externalName'));
  }
  const names = new Set<string>();
  ports.forEach((port, i) => errors.push(...validatePort(port, ports.length > 1, names, `spec.ports[${i}]`)));
  if (spec.selector) errors.push(...validateLabels(spec.selector, 'spec.selector'));
  errors.push(...validateSessionAffinity(svc));
  errors.push(...validateAllocation(svc));
  (spec.externalIPs ?? []).forEach((ip, i) => {
    const ipErrors = validateIP(ip, `spec.externalIPs[${i}]`);
    errors.push(...(ipErrors.length > 0 ? ipErrors : validateNonSpecialIP(ip, `spec.externalIPs[${i}]`)));
  });
  if (!spec.type) errors.push(required('spec.type'));
  else if (!SERVICE_TYPES.includes(spec.type)) errors.push(notSupported('spec.type', spec.type, SERVICE_TYPES));
  if (spec.type === 'ClusterIP') {
    ports.forEach((port, i) => {
      if (port.nodePort) errors.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((port, i) => {
    if (!port.nodePort) return;
    const key = `${port.protocol ?? ''}/${port.nodePort}`;
    if (nodePorts.has(key)) errors.push(duplicate(`spec.ports[${i}].nodePort`, port.nodePort));
    nodePorts.add(key);
  });
  const servicePorts = new Set<string>();
  ports.forEach((port, i) => {
    const key = `${port.protocol ?? ''}/${port.port ?? 0}`;
    if (servicePorts.has(key)) errors.push(duplicate(`spec.ports[${i}]`, goLiteral(goServicePort(port.protocol, port.port ?? 0))));
    servicePorts.add(key);
  });
  const sourceRanges = spec.loadBalancerSourceRanges ?? [];
  if (sourceRanges.length > 0) {
    // The capital L is kube-apiserver's own.
    if (spec.type !== 'LoadBalancer') errors.push(forbidden('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
    // Space-padded values are tolerated, a leftover of the annotation this field replaced.
    sourceRanges.forEach((range, i) => errors.push(...validateCIDR(range.trim(), `spec.LoadBalancerSourceRanges[${i}]`)));
  }
  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.type !== 'LoadBalancer') {
    errors.push(forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === undefined) {
    // Without `spec.`, as kube-apiserver writes it.
    errors.push(required('allocateLoadBalancerNodePorts'));
  }
  errors.push(...validateLoadBalancerClass(svc, old));
  errors.push(...validateTrafficPolicies(svc));
  return errors;
}

/** validateUpgradeDowngradeClusterIPs and …IPFamilies: allocated addresses never change. */
function validateImmutableAllocation(svc: Service, old: Service): FieldError[] {
  const errors: FieldError[] = [];
  if (svc.spec.type === 'ExternalName' || old.spec.type === 'ExternalName') return errors;
  const next = svc.spec.clusterIPs ?? [];
  const prev = old.spec.clusterIPs ?? [];
  const shown = goStringSlice(svc.spec.clusterIPs);
  if (!(isHeadless(old) && isHeadless(svc))) {
    if (prev.length === next.length) {
      prev.forEach((ip, i) => {
        if (ip !== next[i]) errors.push(invalidValue(`spec.clusterIPs[${i}]`, shown, 'may not change once set'));
      });
    } else if (prev.length > next.length) {
      if (next.length === 0) errors.push(invalidValue('spec.clusterIPs[0]', shown, 'primary clusterIP can not be unset'));
      if (prev.length > 0 && next.length > 0 && next[0] !== prev[0]) errors.push(invalidValue('spec.clusterIPs[0]', shown, 'may not change once set'));
      if (next.length === 1 && svc.spec.ipFamilyPolicy !== 'SingleStack') {
        errors.push(invalidValue('spec.ipFamilyPolicy', svc.spec.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
      }
    } else if (prev.length > 0 && next[0] !== prev[0]) {
      errors.push(invalidValue('spec.clusterIPs[0]', shown, 'may not change once set'));
    }
  }
  if (isHeadless(old) !== isHeadless(svc) || isHeadless(svc)) return errors;
  const nextFamilies = svc.spec.ipFamilies ?? [];
  const prevFamilies = old.spec.ipFamilies ?? [];
  const families = goLiteral(`[]core.IPFamily{${nextFamilies.map((f) => JSON.stringify(f)).join(', ')}}`);
  if (prevFamilies.length === nextFamilies.length) {
    prevFamilies.forEach((family, i) => {
      if (family !== nextFamilies[i]) errors.push(invalidValue('spec.ipFamilies[0]', families, 'may not change once set'));
    });
  } else if (prevFamilies.length > nextFamilies.length) {
    if (nextFamilies.length === 0) errors.push(invalidValue('spec.ipFamilies[0]', families, 'primary ipFamily can not be unset'));
    else if (nextFamilies[0] !== prevFamilies[0]) errors.push(invalidValue('spec.ipFamilies[0]', families, 'may not change once set'));
  } else if (prevFamilies.length > 0 && nextFamilies[0] !== prevFamilies[0]) {
    errors.push(invalidValue('spec.ipFamilies[0]', families, 'may not change once set'));
  }
  return errors;
}

export function validateServiceUpdate(svc: Service, old: Service): FieldError[] {
  const errors = validateImmutableAllocation(svc, old);
  if (needsHealthCheck(old) && needsHealthCheck(svc) && svc.spec.healthCheckNodePort !== old.spec.healthCheckNodePort) {
    errors.push(forbidden('spec.healthCheckNodePort', 'field is immutable'));
  }
  return [...errors, ...validateService(svc, old)];
}

/** ValidateServiceStatusUpdate: load balancer ingress, only for LoadBalancer Services. */
export function validateStatus(svc: Service): FieldError[] {
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length === 0) return [];
  if (svc.spec.type !== 'LoadBalancer') return [forbidden('status.loadBalancer.ingress', "may only be used when `spec.type` is 'LoadBalancer'")];
  const errors: FieldError[] = [];
  ingress.forEach((entry, i) => {
    const path = `status.loadBalancer.ingress[${i}]`;
    if (entry.ip) errors.push(...validateIP(entry.ip, `${path}.ip`));
    if (entry.ipMode === undefined) {
      if (entry.ip) errors.push(required(`${path}.ipMode`, 'must be specified when `ip` is set'));
    } else if (!entry.ip) {
      errors.push(forbidden(`${path}.ipMode`, 'may not be specified when `ip` is not set'));
    } else if (!['Proxy', 'VIP'].includes(entry.ipMode)) {
      errors.push(notSupported(`${path}.ipMode`, entry.ipMode, ['Proxy', 'VIP']));
    }
    if (entry.hostname) {
      errors.push(...validateDns1123Subdomain(entry.hostname, `${path}.hostname`));
      if (ipFamilyOf(entry.hostname)) errors.push(invalidValue(`${path}.hostname`, entry.hostname, 'must be a DNS name, not an IP address'));
    }
  });
  return errors;
}
