/**
 * kubectl describe for networking kinds, laid out like kubectl 1.32: Service (with its Endpoints),
 * Endpoints, Ingress (backends with their endpoints, or the error reading them) and NetworkPolicy.
 */
import type { KubeObject } from '../../../shared/api/meta.js';
import { formatLabelSelector, formatLabels } from '../../base/label-selector.js';
import { ENDPOINTS, SERVICES } from '../../cluster/client/resources.js';
import { type DescribeContext, type Json, arr, int, rec, strs, text, writeObjectEvents } from './describer.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, PrefixWriter, writeAnnotations, writeLabels } from './prefix-writer.js';

type Spec = KubeObject & { spec?: Json; status?: Json; subsets?: unknown };

/** net.JoinHostPort. */
function hostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** formatEndpoints: up to three `ip:port` for the named ports, then `+ N more...`; `<none>` without subsets. */
export function formatEndpoints(endpoints: Spec | undefined, portNames: Set<string> | undefined): string {
  const subsets = arr(endpoints?.subsets);
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const subset of subsets) {
    const addresses = arr(subset.addresses);
    const ports = arr(subset.ports);
    if (ports.length === 0) {
      count += addresses.length;
      for (const address of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(text(address.ip));
      }
      continue;
    }
    for (const port of ports) {
      if (portNames && !portNames.has(text(port.name))) continue;
      count += addresses.length;
      for (const address of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(hostPort(text(address.ip), int(port.port)));
      }
    }
  }
  const joined = list.join(',');
  return more ? `${joined} + ${count - max} more...` : joined;
}

function getEndpoints(ctx: DescribeContext, namespace: string | undefined, name: string): { ok: true; value: Spec } | { ok: false; message: string } {
  const got = ctx.client.get(ENDPOINTS, namespace, name);
  return got.ok ? { ok: true, value: got.value } : { ok: false, message: got.status.message ?? '' };
}

export function describeService(object: KubeObject, ctx: DescribeContext): string {
  const svc = object as Spec;
  const spec = rec(svc.spec);
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${svc.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${svc.metadata.namespace ?? ''}\n`);
  writeLabels(w, 'Labels', svc.metadata.labels);
  writeAnnotations(w, svc.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${formatLabels(rec(spec.selector) as Record<string, string>)}\n`);
  w.write(LEVEL_0, `Type:\t${text(spec.type)}\n`);
  if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${text(spec.ipFamilyPolicy)}\n`);
  const families = strs(spec.ipFamilies);
  w.write(LEVEL_0, `IP Families:\t${families.length > 0 ? families.join(',') : '<none>'}\n`);
  w.write(LEVEL_0, `IP:\t${text(spec.clusterIP)}\n`);
  const clusterIPs = strs(spec.clusterIPs);
  w.write(LEVEL_0, `IPs:\t${clusterIPs.length > 0 ? clusterIPs.join(',') : '<none>'}\n`);
  const externalIPs = strs(spec.externalIPs);
  if (externalIPs.length > 0) w.write(LEVEL_0, `External IPs:\t${externalIPs.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(LEVEL_0, `IP:\t${text(spec.loadBalancerIP)}\n`);
  if (spec.externalName) w.write(LEVEL_0, `External Name:\t${text(spec.externalName)}\n`);
  const ingress = arr(rec(rec(svc.status).loadBalancer).ingress);
  if (ingress.length > 0) w.write(LEVEL_0, `LoadBalancer Ingress:\t${ingress.map((i) => text(i.ip) || text(i.hostname)).join(', ')}\n`);
  const endpoints = getEndpoints(ctx, svc.metadata.namespace, svc.metadata.name ?? '');
  for (const port of arr(spec.ports)) {
    const name = text(port.name) || '<unset>';
    const protocol = text(port.protocol);
    w.write(LEVEL_0, `Port:\t${name}\t${int(port.port)}/${protocol}\n`);
    w.write(LEVEL_0, `TargetPort:\t${text(port.targetPort)}/${protocol}\n`);
    if (port.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${int(port.nodePort)}/${protocol}\n`);
    w.write(LEVEL_0, `Endpoints:\t${formatEndpoints(endpoints.ok ? endpoints.value : undefined, new Set([text(port.name)]))}\n`);
  }
  w.write(LEVEL_0, `Session Affinity:\t${text(spec.sessionAffinity)}\n`);
  if (spec.sessionAffinity === 'ClientIP') {
    const timeout = rec(rec(spec.sessionAffinityConfig).clientIP).timeoutSeconds;
    if (timeout !== undefined) w.write(LEVEL_0, `Session Affinity Timeout:\t${text(timeout)}\n`);
  }
  if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${text(spec.externalTrafficPolicy)}\n`);
  if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${text(spec.internalTrafficPolicy)}\n`);
  if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${text(spec.healthCheckNodePort)}\n`);
  const ranges = strs(spec.loadBalancerSourceRanges);
  if (ranges.length > 0) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${ranges.join(',')}\n`);
  writeObjectEvents(w, svc, ctx);
  return w.toString();
}

export function describeEndpoints(object: KubeObject, ctx: DescribeContext): string {
  const ep = object as Spec;
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${ep.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${ep.metadata.namespace ?? ''}\n`);
  writeLabels(w, 'Labels', ep.metadata.labels);
  writeAnnotations(w, ep.metadata.annotations);
  w.write(LEVEL_0, 'Subsets:\n');
  for (const subset of arr(ep.subsets)) {
    const ready = arr(subset.addresses).map((a) => text(a.ip)).join(',');
    const notReady = arr(subset.notReadyAddresses).map((a) => text(a.ip)).join(',');
    w.write(LEVEL_1, `Addresses:\t${ready || '<none>'}\n`);
    w.write(LEVEL_1, `NotReadyAddresses:\t${notReady || '<none>'}\n`);
    const ports = arr(subset.ports);
    if (ports.length > 0) {
      w.write(LEVEL_1, 'Ports:\n');
      w.write(LEVEL_2, 'Name\tPort\tProtocol\n');
      w.write(LEVEL_2, '----\t----\t--------\n');
      for (const port of ports) w.write(LEVEL_2, `${text(port.name) || '<unset>'}\t${int(port.port)}\t${text(port.protocol)}\n`);
    }
    w.write(LEVEL_0, '\n');
  }
  writeObjectEvents(w, ep, ctx);
  return w.toString();
}

/** describeBackendV1: `svc:port (endpoints)`, or the error getting them. */
function backendText(ctx: DescribeContext, namespace: string | undefined, backend: Json | undefined): string {
  const service = rec(backend?.service);
  if (backend?.service) {
    const port = rec(service.port);
    const name = text(service.name);
    const label = `${name}:${port.number ? text(port.number) : text(port.name)}`;
    const endpoints = getEndpoints(ctx, namespace, name);
    if (!endpoints.ok) return `${label} (<error: ${endpoints.message}>)`;
    const svc = ctx.client.get(SERVICES, namespace, name);
    if (!svc.ok) return `${label}(<error: ${svc.status.message ?? ''}>)`;
    let portName = '';
    for (const sp of arr(rec((svc.value as Spec).spec).ports)) {
      if (port.number && port.number === sp.port) portName = text(sp.name);
      else if (port.name && port.name === sp.name) portName = text(sp.name);
    }
    return `${label} (${formatEndpoints(endpoints.value, new Set([portName]))})`;
  }
  if (backend?.resource) {
    const resource = rec(backend.resource);
    return `APIGroup: ${resource.apiGroup === undefined ? '<none>' : text(resource.apiGroup)}, Kind: ${text(resource.kind)}, Name: ${text(resource.name)}`;
  }
  return '';
}

export function describeIngress(object: KubeObject, ctx: DescribeContext): string {
  const ing = object as Spec;
  const spec = rec(ing.spec);
  const ns = ing.metadata.namespace;
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${ing.metadata.name ?? ''}\n`);
  writeLabels(w, 'Labels', ing.metadata.labels);
  w.write(LEVEL_0, `Namespace:\t${ns ?? ''}\n`);
  const lb = arr(rec(rec(ing.status).loadBalancer).ingress).map((i) => text(i.ip) || text(i.hostname));
  w.write(LEVEL_0, `Address:\t${lb.join(',')}\n`);
  w.write(LEVEL_0, `Ingress Class:\t${spec.ingressClassName === undefined ? '<none>' : text(spec.ingressClassName)}\n`);
  const def = spec.defaultBackend ? rec(spec.defaultBackend) : undefined;
  w.write(LEVEL_0, `Default backend:\t${def ? backendText(ctx, ns, def) : '<default>'}\n`);
  const tls = arr(spec.tls);
  if (tls.length > 0) {
    w.write(LEVEL_0, 'TLS:\n');
    for (const t of tls) {
      const hosts = strs(t.hosts).join(',');
      w.write(LEVEL_1, t.secretName ? `${text(t.secretName)} terminates ${hosts}\n` : `SNI routes ${hosts}\n`);
    }
  }
  w.write(LEVEL_0, 'Rules:\n  Host\tPath\tBackends\n');
  w.write(LEVEL_1, '----\t----\t--------\n');
  let count = 0;
  for (const rule of arr(spec.rules)) {
    if (!rule.http) continue;
    count++;
    w.write(LEVEL_1, `${text(rule.host) || '*'}\t\n`);
    for (const path of arr(rec(rule.http).paths)) w.write(LEVEL_2, `\t${text(path.path)} \t${backendText(ctx, ns, rec(path.backend))}\n`);
  }
  if (count === 0) w.write(LEVEL_1, `*\t*\t${backendText(ctx, ns, def)}\n`);
  writeAnnotations(w, ing.metadata.annotations);
  writeObjectEvents(w, ing, ctx);
  return w.toString();
}

function peerLines(w: PrefixWriter, peers: Json[], indent: string, word: 'From' | 'To', none: string): void {
  if (peers.length === 0) {
    w.write(LEVEL_0, `${indent}${word}: <any> (${none})\n`);
    return;
  }
  for (const peer of peers) {
    w.write(LEVEL_0, `${indent}${word}:\n`);
    if (peer.podSelector && peer.namespaceSelector) {
      w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatLabelSelector(rec(peer.namespaceSelector))}\n`);
      w.write(LEVEL_1, `${indent}PodSelector: ${formatLabelSelector(rec(peer.podSelector))}\n`);
    } else if (peer.podSelector) w.write(LEVEL_1, `${indent}PodSelector: ${formatLabelSelector(rec(peer.podSelector))}\n`);
    else if (peer.namespaceSelector) w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatLabelSelector(rec(peer.namespaceSelector))}\n`);
    else if (peer.ipBlock) {
      const block = rec(peer.ipBlock);
      w.write(LEVEL_1, `${indent}IPBlock:\n`);
      w.write(LEVEL_2, `${indent}CIDR: ${text(block.cidr)}\n`);
      w.write(LEVEL_2, `${indent}Except: ${strs(block.except).join(', ')}\n`);
    }
  }
}

function ruleLines(w: PrefixWriter, rules: Json[], direction: 'ingress' | 'egress'): void {
  const indent = '    ';
  if (rules.length === 0) {
    w.write(LEVEL_0, `${indent}<none> (Selected pods are isolated for ${direction} connectivity)\n`);
    return;
  }
  rules.forEach((rule, i) => {
    const ports = arr(rule.ports);
    if (ports.length === 0) w.write(LEVEL_0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    for (const port of ports) {
      const end = port.endPort !== undefined ? `-${text(port.endPort)}` : '';
      w.write(LEVEL_0, `${indent}To Port: ${text(port.port)}${end}/${text(port.protocol) || 'TCP'}\n`);
    }
    if (direction === 'ingress') peerLines(w, arr(rule.from), indent, 'From', 'traffic not restricted by source');
    else peerLines(w, arr(rule.to), indent, 'To', 'traffic not restricted by destination');
    if (i !== rules.length - 1) w.write(LEVEL_0, `${indent}----------\n`);
  });
}

/** Go's time.Time String() in UTC: `2025-01-01 00:00:00 +0000 UTC`. */
function goTimeString(timestamp: string | undefined): string {
  const d = new Date(timestamp ?? 0);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000 UTC`;
}

export function describeNetworkPolicy(object: KubeObject): string {
  const np = object as Spec;
  const spec = rec(np.spec);
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${np.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${np.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Created on:\t${goTimeString(np.metadata.creationTimestamp ?? undefined)}\n`);
  writeLabels(w, 'Labels', np.metadata.labels);
  writeAnnotations(w, np.metadata.annotations);
  w.write(LEVEL_0, 'Spec:\n');
  w.write(LEVEL_1, 'PodSelector: ');
  const podSelector = rec(spec.podSelector);
  const selectsAll = Object.keys(rec(podSelector.matchLabels)).length === 0 && arr(podSelector.matchExpressions).length === 0;
  w.write(LEVEL_2, selectsAll ? '<none> (Allowing the specific traffic to all pods in this namespace)\n' : `${formatLabelSelector(podSelector)}\n`);
  const types = strs(spec.policyTypes);
  if (types.includes('Ingress')) {
    w.write(LEVEL_1, 'Allowing ingress traffic:\n');
    ruleLines(w, arr(spec.ingress), 'ingress');
  } else w.write(LEVEL_1, 'Not affecting ingress traffic\n');
  if (types.includes('Egress')) {
    w.write(LEVEL_1, 'Allowing egress traffic:\n');
    ruleLines(w, arr(spec.egress), 'egress');
  } else w.write(LEVEL_1, 'Not affecting egress traffic\n');
  w.write(LEVEL_1, `Policy Types: ${types.join(', ')}\n`);
  return w.toString();
}
